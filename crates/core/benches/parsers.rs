//! The browser-side parsers on hostile sizes: a 1 MB cURL paste (50,000
//! shell variables, each noted once) and a 1 MB server-sent-events chunk of
//! short lines. The goal (issue 13) is under 50 ms each; both were
//! quadratic before (2.8 s and 874 ms).
//!
//! `cargo bench -p explorer-core --bench parsers` prints the figures; it
//! asserts nothing about time, since machines differ.

use std::hint::black_box;
use std::time::{Duration, Instant};

use explorer_core::import::parse_curl;
use explorer_core::sse::Parser;

const ROUNDS: usize = 5;

fn main() {
    let mut paste = String::from("curl https://api.cloudplatform.dev/v1/resources -H \"X-Trace: ");
    let mut n = 0;
    while paste.len() < 1_000_000 {
        paste.push_str(&format!("$VAR{n} "));
        n += 1;
    }
    paste.push('"');
    let (notes, paste_time) = best(|| parse_curl(&paste).map(|p| p.notes.len()).unwrap_or(0));
    println!("cURL paste: {} bytes, {n} variables, {notes} notes: {:.1} ms", paste.len(), ms(paste_time));

    let mut chunk = Vec::new();
    let mut lines = 0;
    while chunk.len() < 1 << 20 {
        chunk.extend_from_slice(format!("id: {lines}\ndata: x\n\n").as_bytes());
        lines += 3;
    }
    let (events, sse_time) = best(|| Parser::default().push(&chunk).len());
    println!("SSE chunk: {} bytes, {lines} lines, {events} events: {:.1} ms", chunk.len(), ms(sse_time));
    println!("goal: each under 50 ms");
}

/// The best of a few rounds, with what the work returned.
fn best<T>(mut work: impl FnMut() -> T) -> (T, Duration) {
    let mut fastest = Duration::MAX;
    let mut out = None;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let value = black_box(work());
        fastest = fastest.min(started.elapsed());
        out = Some(value);
    }
    (out.expect("at least one round"), fastest)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
