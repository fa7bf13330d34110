//! The body as code, with credentials taken from the environment.
//!
//! A body field named like a credential (`api_key`, `password`,
//! `client_secret`, `access_token`…, see `share::secrets`) is a secret
//! typed into the body, and it is masked the way the credential headers
//! are: under [`Secret::Placeholder`] its value is read from an
//! environment variable named after the field (`api_key` → `$API_KEY`, the
//! same variable as `X-API-Key`), and the copied code never holds it.
//!
//! The variable's text is put between the quotes as it is, so it must be
//! written as JSON would write it; keys and tokens need no escaping. Empty
//! values are left alone, as there is nothing to hide. Fields are found at
//! any depth, in valid JSON or not, as long as the strings are whole.

use super::super::Secret;
use super::super::shell::shell_quote;
use super::quote::{go_body, js_template, py_str, rb_str, rs_body, rs_str};
use crate::json_text as json;
use crate::share::is_credential_name;
use serde_json::Value;

/// A piece of a body: text as it is, or an environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Lit(&'a str),
    Env(String),
}

/// `body` cut around the values to mask; one `Lit` when there are none.
pub(crate) fn pieces(body: &str, secret: Secret) -> Vec<Piece<'_>> {
    let spans = if secret == Secret::Placeholder { secret_values(body) } else { Vec::new() };
    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, end, var) in spans {
        if start > at {
            pieces.push(Piece::Lit(&body[at..start]));
        }
        pieces.push(Piece::Env(var));
        at = end;
    }
    if at < body.len() || pieces.is_empty() {
        pieces.push(Piece::Lit(&body[at..]));
    }
    pieces
}

pub(crate) fn has_env(pieces: &[Piece]) -> bool {
    pieces.iter().any(|p| matches!(p, Piece::Env(_)))
}

/// The byte ranges, between their quotes, of the non-empty string values
/// of credential-named members, with their variable names. A lexical scan:
/// a string followed by `:` is a key, and a string right after it is its value.
fn secret_values(body: &str) -> Vec<(usize, usize, String)> {
    let bytes = body.as_bytes();
    let mut found = Vec::new();
    // The last string seen, while only whitespace followed it; and the key
    // whose value comes next.
    let (mut string, mut key): (Option<&str>, Option<&str>) = (None, None);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let Some(end) = string_end(bytes, i) else { break };
                if let Some(name) = key.take() {
                    let name = decoded(name);
                    if end - i > 2 && is_credential_name(&name) {
                        found.push((i + 1, end - 1, env_name(&name)));
                    }
                } else {
                    string = Some(&body[i..end]);
                }
                i = end;
                continue;
            }
            b':' => key = string.take(),
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => (string, key) = (None, None),
        }
        i += 1;
    }
    found
}

/// The index just past the closing quote of the string starting at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A quoted JSON key as text (`"api\u005fkey"` is `api_key`).
fn decoded(quoted: &str) -> String {
    match json::parse(quoted) {
        Ok(Value::String(s)) => s,
        _ => quoted.trim_matches('"').to_owned(),
    }
}

/// `api_key` → `API_KEY`, `client-secret` → `CLIENT_SECRET`: a name every
/// shell and language accepts.
fn env_name(field: &str) -> String {
    let mut name = String::new();
    for c in field.chars() {
        let c = if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' };
        if c != '_' || !name.ends_with('_') {
            name.push(c);
        }
    }
    let name = name.trim_matches('_');
    match name.chars().next() {
        None => "SECRET".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("_{name}"),
        Some(_) => name.to_owned(),
    }
}

/// One bash word: quoted text with `"$VAR"` where a variable goes.
pub(crate) fn shell_word(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .filter(|p| *p != &Piece::Lit(""))
        .map(|p| match p {
            Piece::Lit(text) => shell_quote(text),
            Piece::Env(var) => format!("\"${var}\""),
        })
        .collect()
}

/// JavaScript: a template literal with `${process.env.VAR}` in it.
pub(crate) fn javascript(pieces: &[Piece]) -> String {
    let mut out = String::from("`");
    for piece in pieces {
        match piece {
            Piece::Lit(text) => {
                let quoted = js_template(text);
                out.push_str(&quoted[1..quoted.len() - 1]);
            }
            Piece::Env(var) => out.push_str(&format!("${{process.env.{var}}}")),
        }
    }
    out.push('`');
    out
}

/// The pieces cut at line ends, so that code shows a pretty body line by
/// line: each line a list of pieces.
fn lines<'a>(pieces: &[Piece<'a>]) -> Vec<Vec<Piece<'a>>> {
    let mut lines = vec![Vec::new()];
    for piece in pieces {
        match piece {
            Piece::Lit(text) => {
                for part in text.split_inclusive('\n') {
                    lines.last_mut().expect("one line at least").push(Piece::Lit(part));
                    if part.ends_with('\n') {
                        lines.push(Vec::new());
                    }
                }
            }
            env => lines.last_mut().expect("one line at least").push(env.clone()),
        }
    }
    lines.retain(|line| !line.is_empty());
    lines
}

/// The pieces as `a + b + c` in a language, one line of the body per line
/// of code, `indent` before the continuation lines.
fn concatenated(pieces: &[Piece], lit: impl Fn(&str) -> String, env: impl Fn(&str) -> String, indent: &str) -> String {
    let line = |parts: &Vec<Piece>| -> String {
        let parts: Vec<String> = parts
            .iter()
            .map(|p| match p {
                Piece::Lit(text) => lit(text),
                Piece::Env(var) => env(var),
            })
            .collect();
        parts.join(" + ")
    };
    let lines: Vec<String> = lines(pieces).iter().map(line).collect();
    lines.join(&format!(" +\n{indent}"))
}

/// Python: `("…" + os.environ["VAR"] + "…")`, to be `.encode()`d.
pub(crate) fn python(pieces: &[Piece]) -> String {
    let expr = concatenated(pieces, py_str, |var| format!("os.environ[\"{var}\"]"), "        ");
    format!("(\n        {expr}\n    )")
}

/// Ruby: `"…" + ENV.fetch("VAR") + "…"`; a line ending in `+` continues.
pub(crate) fn ruby(pieces: &[Piece]) -> String {
    concatenated(pieces, rb_str, |var| format!("ENV.fetch(\"{var}\")"), "  ")
}

/// Go: `` `…` + os.Getenv("VAR") + `…` ``, raw strings keeping the lines.
pub(crate) fn go(pieces: &[Piece]) -> String {
    let parts: Vec<String> = pieces
        .iter()
        .map(|p| match p {
            Piece::Lit(text) => go_body(text),
            Piece::Env(var) => format!("os.Getenv(\"{var}\")"),
        })
        .collect();
    parts.join(" + ")
}

/// Rust: `[r#"…"#, std::env::var("VAR")?.as_str(), "…"].concat()`.
pub(crate) fn rust(pieces: &[Piece]) -> String {
    let parts: Vec<String> = pieces
        .iter()
        .map(|p| match p {
            Piece::Lit(text) => rs_body(text),
            Piece::Env(var) => format!("std::env::var({})?.as_str()", rs_str(var)),
        })
        .collect();
    format!("[{}].concat()", parts.join(", "))
}

/// The body with `$VAR` written in place of each masked value: shown (not
/// run) only if the cURL layout ever changes under `curl_with_body`.
pub(crate) fn masked_text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Lit(text) => (*text).to_owned(),
            Piece::Env(var) => format!("${var}"),
        })
        .collect()
}

#[cfg(test)]
mod tests;
