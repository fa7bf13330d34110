//! The commands themselves.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::postgres::Postgres;
use crate::util::{cmd, exec, root, target_dir, tool_path};

/// The release bundle: `trunk build --release --offline` into dist/.
pub fn build() -> Result<(), String> {
    exec(cmd("trunk", &["build", "--release", "--offline"]))
}

/// Builds everything and serves explorer + API on one origin.
pub fn serve(sandbox_args: &[String]) -> Result<(), String> {
    build()?;
    let mut command = cmd("cargo", &["run", "--release", "--package", "sandbox", "--", "--static-dir", "dist"]);
    command.args(sandbox_args.iter().filter(|a| *a != "--"));
    exec(command)
}

pub fn test(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--skip-browser");
    exec(cmd("cargo", &["fmt", "--all", "--", "--check"]))?;
    exec(cmd("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    exec(cmd(
        "cargo",
        &[
            "clippy",
            "--package",
            "explorer",
            "--package",
            "playground",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
    ))?;
    exec(cmd("cargo", &["test", "--workspace"]))?;
    // The sandbox's integration suite again on a real PostgreSQL, and the
    // tests of two instances sharing it.
    let postgres = Postgres::start()?;
    let mut on_postgres = cmd(
        "cargo",
        &["test", "--package", "sandbox", "--test", "api", "--test", "instances", "--", "--include-ignored"],
    );
    on_postgres.env("SANDBOX_TEST_DATABASE_URL", &postgres.url);
    let result = exec(on_postgres);
    drop(postgres);
    result?;
    if quick {
        eprintln!("\n--skip-browser: the release build, browser tests and schemathesis were skipped");
        return Ok(());
    }
    build()?;
    exec(cmd("cargo", &["build", "--release", "--package", "sandbox"]))?;

    let scratch = scratch_dir()?;
    let explorer = Sandbox::start(&scratch.join("e2e.db"), Some(&root().join("dist")))?;
    let mut e2e = cmd("npm", &["test"]);
    e2e.current_dir(root().join("e2e")).env("BASE_URL", &explorer.url).env("SANDBOX_DB", &explorer.db);
    let browser = exec(e2e);
    drop(explorer);
    browser?;

    // A fresh instance, so that the property-based run sees a clean state.
    let api = Sandbox::start(&scratch.join("schemathesis.db"), None)?;
    let key = bench_key(&api.db)?;
    let schemathesis = exec(cmd("bash", &["crates/sandbox/schemathesis.sh", &api.url, &key]));
    drop(api);
    schemathesis?;
    eprintln!("\nall checks passed");
    Ok(())
}

/// The sandbox under wrk, search speed per keystroke, the parsers and the
/// docs check on the host, then how soon the playground is usable after a
/// click, the live docs check of a 5 MB response and the bytes transferred
/// (the release bundle in Chromium).
pub fn bench() -> Result<(), String> {
    exec(cmd("cargo", &["build", "--release", "--package", "sandbox"]))?;
    exec(cmd("bash", &["crates/sandbox/bench.sh"]))?;
    // The same on PostgreSQL, with one instance and with two sharing it.
    let postgres = Postgres::start()?;
    for instances in ["1", "2"] {
        // A fresh database for each, so both start from the same rows.
        let url = postgres.database(&format!("bench_{instances}"))?;
        let mut on_postgres = cmd("bash", &["crates/sandbox/bench.sh"]);
        on_postgres.env("BENCH_DATABASE_URL", &url).env("BENCH_INSTANCES", instances);
        exec(on_postgres)?;
    }
    drop(postgres);
    exec(cmd("cargo", &["bench", "--package", "explorer-core", "--bench", "search"]))?;
    exec(cmd("cargo", &["bench", "--package", "explorer-core", "--bench", "parsers"]))?;
    exec(cmd("cargo", &["bench", "--package", "explorer-core", "--bench", "schema_check"]))?;
    build()?;
    let scratch = scratch_dir()?;
    let explorer = Sandbox::start(&scratch.join("bench.db"), Some(&root().join("dist")))?;
    let mut ready = cmd("node", &["bench/playground-ready.mjs"]);
    ready.current_dir(root().join("e2e")).env("BASE_URL", &explorer.url);
    let mut check = cmd("node", &["bench/docs-check-5mb.mjs"]);
    check.current_dir(root().join("e2e")).env("BASE_URL", &explorer.url);
    // The bytes of the first load and of the playground, file by file, as
    // the browser receives them (the budget test prints and checks them).
    let mut sizes = cmd("node", &["--test", "--test-concurrency=1", "tests/budget.test.mjs"]);
    sizes.current_dir(root().join("e2e")).env("BASE_URL", &explorer.url).env("SANDBOX_DB", &explorer.db);
    let result = exec(ready).and_then(|()| exec(check)).and_then(|()| exec(sizes));
    drop(explorer);
    result
}

fn scratch_dir() -> Result<PathBuf, String> {
    let dir = root().join("target/xtask");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("clearing {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    Ok(dir)
}

fn sandbox_binary() -> PathBuf {
    target_dir().join("release/sandbox")
}

/// The bench-only unlimited key of the database at `db`.
fn bench_key(db: &Path) -> Result<String, String> {
    let out = Command::new(sandbox_binary())
        .args(["--db", &db.display().to_string(), "--print-bench-key"])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("running the sandbox for its bench key: {e}"))?;
    let key = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if out.status.success() && key.starts_with("sk_live_") {
        Ok(key)
    } else {
        Err(format!("the sandbox printed no bench key ({})", out.status))
    }
}

/// A sandbox server on a free port, stopped when dropped.
struct Sandbox {
    child: Child,
    url: String,
    db: PathBuf,
}

impl Sandbox {
    fn start(db: &Path, static_dir: Option<&Path>) -> Result<Sandbox, String> {
        let mut command = Command::new(sandbox_binary());
        // Requests are not logged one by one: test output stays readable.
        command
            .args(["--port", "0", "--db", &db.display().to_string()])
            .env("PATH", tool_path())
            .env("RUST_LOG", "warn");
        if let Some(dir) = static_dir {
            command.args(["--static-dir", &dir.display().to_string()]);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("starting {}: {e}", sandbox_binary().display()))?;
        // The banner on stdout names the address it listens on.
        let stdout = child.stdout.take().expect("piped");
        let mut lines = BufReader::new(stdout).lines();
        let deadline = Instant::now() + Duration::from_secs(30);
        let url = loop {
            let Some(Ok(line)) = lines.next() else {
                let _ = child.kill();
                return Err("the sandbox exited before printing its address".to_owned());
            };
            if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")) {
                break url.trim_end_matches('/').to_owned();
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return Err("the sandbox printed no address within 30 s".to_owned());
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let address = url.trim_start_matches("http://").to_owned();
        while TcpStream::connect(&address).is_err() {
            if Instant::now() > deadline {
                let _ = child.kill();
                return Err(format!("nothing accepts connections at {url}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        eprintln!("sandbox ready at {url}");
        Ok(Sandbox { child, url, db: db.to_path_buf() })
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
