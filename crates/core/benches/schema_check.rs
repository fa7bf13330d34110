//! The docs check of a 5 MB response on the host: a list-resources page of
//! 20,000 resources against `ResourcePage`, parsed with serde_json and
//! walked in one go, and in the 2,000-value slices the browser uses (where
//! each slice is one short task; `e2e/bench/docs-check-5mb.mjs` measures
//! the tasks themselves in Chromium).
//!
//! `cargo bench -p explorer-core --bench schema_check` prints the figures.

use std::hint::black_box;
use std::time::{Duration, Instant};

use explorer_core::Docs;
use explorer_core::schema::{Check, Expect};

const ROUNDS: usize = 5;

fn main() {
    let docs = Docs::load(explorer_content::FILES).expect("the docs load");
    let items: Vec<String> = (0..20_000)
        .map(|i| {
            let status = if i % 1000 == 7 { "paused" } else { "active" };
            format!(
                r#"{{"id":"res_{i:016x}","name":"resource {i} {x}","region":"eu-west","status":"{status}","metadata":{{"team":"data","owner":"user-{o}"}},"created_at":"2026-03-14T09:21:00Z","updated_at":"2026-03-14T09:21:00Z"}}"#,
                x = "x".repeat(40),
                o = i % 97
            )
        })
        .collect();
    let body = format!(r#"{{"data":[{}],"next_cursor":null,"has_more":false}}"#, items.join(","));
    let (value, parse) = best(|| explorer_core::json_text::parse(&body).expect("JSON"));
    let walk = |budget: usize| {
        let mut check = Check::new(Expect::Object("ResourcePage".into()));
        let mut slices = 0;
        let mut longest = Duration::ZERO;
        loop {
            let started = Instant::now();
            let done = check.run(&docs.objects, black_box(&value), budget);
            longest = longest.max(started.elapsed());
            slices += 1;
            if done {
                return (check.total(), check.steps(), slices, longest);
            }
        }
    };
    let ((differences, steps, _, _), whole) = best(|| walk(usize::MAX));
    let ((_, _, slices, longest), sliced) = best(|| walk(2_000));
    println!(
        "docs check of a {:.1} MB ResourcePage ({steps} values, {differences} differences):",
        body.len() as f64 / 1e6
    );
    println!("  parse: {:.1} ms", ms(parse));
    println!("  check in one go: {:.1} ms", ms(whole));
    println!("  check in {slices} slices of 2,000 values: {:.1} ms, longest slice {:.2} ms", ms(sliced), ms(longest));
}

/// The best of a few rounds, with what the work returned.
fn best<T>(mut work: impl FnMut() -> T) -> (T, Duration) {
    let mut fastest = Duration::MAX;
    let mut out = None;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let result = black_box(work());
        fastest = fastest.min(started.elapsed());
        out = Some(result);
    }
    (out.expect("at least one round"), fastest)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
