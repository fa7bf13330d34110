//! Search speed over the real docs, as a user types: every query is typed
//! one character at a time and each prefix is searched, as the search box
//! does on each keystroke. The goal (issue 5) is under 10 ms per keystroke.
//!
//! `cargo bench -p explorer-core --bench search` prints the figures; it
//! asserts nothing about time, since machines differ.

use std::hint::black_box;
use std::time::{Duration, Instant};

use explorer_core::Docs;
use explorer_core::search::SearchIndex;

const QUERIES: [&str; 10] = [
    "rate limit",
    "POST /v1/resources",
    "idempotency key retry",
    "401 unauthorized",
    "resources/{id}",
    "rate_limited",
    "X-Request-Id",
    "429",
    "how do I paginate through results with a cursor",
    "zzz no such words anywhere",
];
/// Each query is typed this many times; the first round warms up.
const ROUNDS: usize = 20;
const LIMIT: usize = 20;

fn main() {
    let docs = Docs::load(explorer_content::FILES).expect("the content loads");
    let started = Instant::now();
    let index = SearchIndex::build(&docs);
    let build = started.elapsed();
    println!("index: {} entries, built in {} µs", index.len(), build.as_micros());

    let mut all = Vec::new();
    for query in QUERIES {
        let mut times = Vec::new();
        for round in 0..ROUNDS {
            for end in query.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let started = Instant::now();
                black_box(index.search(black_box(&query[..end]), LIMIT));
                if round > 0 {
                    times.push(started.elapsed());
                }
            }
        }
        report(query, &times);
        all.extend(times);
    }
    report("all keystrokes", &all);
}

fn report(label: &str, times: &[Duration]) {
    let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
    let max = times.iter().max().copied().unwrap_or_default();
    println!(
        "{label:<50} mean {:>6} µs   max {:>6} µs   ({} keystrokes)",
        mean.as_micros(),
        max.as_micros(),
        times.len()
    );
}
