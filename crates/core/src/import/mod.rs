//! Reading a pasted cURL command: the request it sends, and everything in
//! it that the explorer cannot reproduce, listed rather than dropped.
//!
//! [`parse_curl`] splits the text into words as bash would (or as Windows
//! `cmd.exe` would, for the browsers' "Copy as cURL (cmd)"), reads cURL's
//! options, and returns a [`ParsedCurl`]. [`to_http_request`] turns it into
//! the [`HttpRequest`] the rest of the explorer works with, and
//! [`match_request`] finds the documented operation it calls and lists the
//! differences from the docs.

mod apply;
mod bash;
mod cmd;
mod command;
mod encode;
mod finish;
mod glob;
mod matching;
mod notes;
mod options;
mod prompts;
#[cfg(test)]
mod reading_tests;

pub use matching::{Finding, Match, SUPPORTED_VERSIONS, Severity, match_request};

use crate::operation::Method;
use crate::request::{HttpRequest, validate_base_url};

/// A cURL command, read. Nothing in the command is lost: each option is
/// either applied to the request, listed in `ignored` (with why it changes
/// nothing the API sees) or listed in `unsupported`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedCurl {
    /// As given with `-X`, exactly as written (cURL sends `-X patch` in
    /// lowercase; that is listed in `unsupported`), or what cURL would
    /// pick: GET, POST with data or `-F`, HEAD with `-I`, PUT with `-T`.
    pub method: String,
    /// Absolute, as written (cURL's `http://` added when no scheme was
    /// given); `-G` data and `--url-query` are already appended.
    pub url: String,
    /// In the order given; headers implied by other options (`-u`, `-A`,
    /// `-e`, `-b`, `--json`, and the form Content-Type cURL gives data sent
    /// without one) follow the `-H` ones, unless a `-H` sets or removes them.
    pub headers: Vec<(String, String)>,
    /// `None` without data, and when the data comes from a file or standard
    /// input (listed in `unsupported`): the method stays what cURL sends.
    pub body: Option<String>,
    /// Options that change nothing the API sees, as written, and why.
    pub ignored: Vec<(String, &'static str)>,
    /// Options and values the explorer cannot reproduce, each with why:
    /// files, forms, other authentication schemes, a lowercase method, and
    /// what cURL itself refuses to send ("cURL refuses …": two kinds of
    /// request at once, a URL glob it cannot read).
    pub unsupported: Vec<String>,
    /// What else the reader should know: variables kept as written, a pipe
    /// into `jq`, the form Content-Type cURL adds, prompts left out…
    pub notes: Vec<String>,
}

/// Why a command could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub message: String,
    /// 1-based line and column (in characters) of the problem, if it has one.
    pub position: Option<(usize, usize)>,
}

impl ImportError {
    pub(crate) fn new(message: impl Into<String>) -> ImportError {
        ImportError { message: message.into(), position: None }
    }

    pub(crate) fn at(text: &str, byte: usize, message: impl Into<String>) -> ImportError {
        ImportError { message: message.into(), position: Some(crate::json_text::line_column(text, byte)) }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{} at line {line}, column {column}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// Shell operators between words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Op {
    Newline,
    Semicolon,
    And,
    Or,
    Pipe,
    Background,
    /// `>`, `>>`, `2>&`, `<`…: the next word is its target.
    Redirect(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// A word and the byte offset where it starts.
    Word {
        text: String,
        at: usize,
    },
    Op {
        op: Op,
        at: usize,
    },
}

/// Reads a pasted cURL command (bash, or Windows cmd with `^` escapes), as
/// cURL itself reads it: an option cURL does not know, or one missing its
/// value, is an error, as it is for cURL.
pub fn parse_curl(text: &str) -> Result<ParsedCurl, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::new("paste a cURL command: the text is empty"));
    }
    let stripped = prompts::strip(text);
    let text = stripped.text.as_ref();
    let read = || {
        let (tokens, mut notes) = if cmd::looks_like_cmd(text) {
            (cmd::split(text), vec!["read as a Windows cmd command, with `^` escapes".to_owned()])
        } else {
            let lexed = bash::split(text)?;
            (lexed.tokens, lexed.notes)
        };
        notes.splice(0..0, stripped.notes.iter().cloned());
        command::read(text, tokens, notes)
    };
    read().map_err(|e| stripped.locate(e))
}

/// The request a parsed command sends, or why the explorer cannot send it.
pub fn to_http_request(parsed: &ParsedCurl) -> Result<HttpRequest, String> {
    let method = Method::parse(&parsed.method).ok_or_else(|| {
        let known: Vec<&str> = Method::ALL.iter().map(|m| m.as_str()).collect();
        format!("the explorer cannot send {} requests; it sends {}", parsed.method, known.join(", "))
    })?;
    let url = encode_url(&parsed.url);
    let (origin, _) = split_origin(&url);
    validate_base_url(origin)?;
    Ok(HttpRequest { method, url, headers: parsed.headers.clone(), body: parsed.body.clone() })
}

/// `scheme://authority` and the rest (path, query).
pub(crate) fn split_origin(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..].find(['/', '?', '#']).map_or(url.len(), |i| after_scheme + i);
    url.split_at(end)
}

/// Percent-encodes what cannot stand in a URL (spaces, quotes, braces,
/// controls, non-ASCII), as cURL and browsers do; `%` escapes already there
/// are kept.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() && !"\"<>\\^`{|}".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_http_request_checks_method_and_url() {
        let parsed = parse_curl("curl -I https://x.dev/a").unwrap();
        assert_eq!(
            to_http_request(&parsed).unwrap_err(),
            "the explorer cannot send HEAD requests; it sends GET, POST, PUT, PATCH, DELETE"
        );
        let parsed = parse_curl("curl -g 'https://x.dev/a b/{id}?q=é'").unwrap();
        assert_eq!(to_http_request(&parsed).unwrap().url, "https://x.dev/a%20b/%7Bid%7D?q=%C3%A9");
        // cURL sends `-X patch` as written; the explorer can only send PATCH.
        let parsed = parse_curl("curl -X patch https://x.dev/a -d x").unwrap();
        assert_eq!(parsed.method, "patch");
        assert_eq!(to_http_request(&parsed).unwrap().method, Method::Patch);
        let parsed = parse_curl("curl ftp://x.dev/a").unwrap();
        assert!(to_http_request(&parsed).unwrap_err().contains("scheme"));
    }

    #[test]
    fn errors_display_their_position() {
        let err = parse_curl("curl \\\n  -H 'a: b' \\\n  -d '{\"x\":\n1").unwrap_err();
        assert_eq!(err.to_string(), "unterminated single quote at line 3, column 6");
        assert_eq!(err.position, Some((3, 6)));
    }
}
