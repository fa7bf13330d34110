//! Project commands, run as `cargo xtask <command>`:
//!
//! - `run`   builds the explorer and serves it with the sandbox API on
//!   http://127.0.0.1:8080 (flags after `--` go to the sandbox);
//! - `test`  runs every check: formatting, lints, unit and integration
//!   tests, the release build, browser tests, the size budget, schemathesis;
//! - `bench` runs the sandbox benchmark under wrk, the search benchmark, the
//!   click → usable playground measurement and the byte counts in Chromium;
//! - `setup` installs whatever the machine lacks (the others call it first);
//! - `wasm` is Trunk's post-build hook: builds and splits the explorer's wasm.
//!
//! Set-up is idempotent and quick when everything is present: each step
//! checks before it installs.

mod postgres;
mod precompress;
mod setup;
mod tasks;
mod util;
mod wasm;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "setup" => setup::all(),
        "build" => setup::all().and_then(|()| tasks::build()),
        "run" => setup::all().and_then(|()| tasks::serve(rest)),
        "test" => setup::all().and_then(|()| tasks::test(rest)),
        "bench" => setup::all().and_then(|()| tasks::bench()),
        // Called by Trunk's post-build hook, not by people.
        "wasm" => wasm::build(),
        "help" | "--help" | "-h" => {
            println!("usage: cargo xtask <run|test|bench|build|setup>");
            println!("  run    build the explorer and serve it with the sandbox on http://127.0.0.1:8080");
            println!(
                "  test   every check: fmt, clippy, unit/integration tests, browser tests, size budget, schemathesis"
            );
            println!(
                "  bench  the sandbox under wrk (req/s, p50, p99), search per keystroke, click → playground usable, bytes transferred"
            );
            println!("  build  the release bundle in dist/");
            println!("  setup  install the tools a fresh machine lacks");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`; try `cargo xtask help`")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}
