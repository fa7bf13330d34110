//! The cURL corpus, shared by the corpus test (each command's full
//! expected reading) and the differential test (each command run by real
//! curl): commands as people paste them, drawn from browser devtools,
//! API tools, well-known API docs, this API's own docs and shell history.

// Each test crate that includes this module uses only part of it.
#![allow(dead_code)]

mod browsers;
mod desk;
mod docs;
mod quirks;
mod refused;
mod shell;
mod tools;
mod vendors;

pub use refused::REFUSED;

pub struct Case {
    pub name: &'static str,
    /// Where a command of this shape comes from.
    pub source: &'static str,
    pub command: &'static str,
    pub method: &'static str,
    pub url: &'static str,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Option<&'static str>,
    /// The ignored options as written (each also carries why).
    pub ignored: &'static [&'static str],
    pub unsupported: &'static [&'static str],
    pub notes: &'static [&'static str],
}

/// Every case, in a stable order.
pub fn cases() -> impl Iterator<Item = &'static Case> {
    [browsers::CASES, tools::CASES, vendors::CASES, docs::CASES, desk::CASES, shell::CASES, quirks::CASES]
        .into_iter()
        .flatten()
}

pub fn case(name: &str) -> &'static Case {
    cases().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"))
}

/// The key the sandbox's demo `free` tier uses throughout.
pub const FREE_KEY: &str = "sk_live_freedemo000000000000000000000000";
