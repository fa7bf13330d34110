//! String literals of each snippet language, escaped so that the code
//! holds exactly the text: nothing interpolates, nothing invisible is lost.

use std::fmt::Write as _;

/// A template literal, so that a pretty JSON body reads as written.
pub(super) fn js_template(text: &str) -> String {
    let mut out = String::from("`");
    for c in text.chars() {
        match c {
            '`' | '\\' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\t' => out.push(c),
            // Raw CRs would be read as newlines; other controls are invisible.
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('`');
    out
}

pub(super) fn py_str(text: &str) -> String {
    escaped(text, |c| match c {
        '\\' | '"' => Some(format!("\\{c}")),
        c if is_invisible(c) => {
            Some(if (c as u32) < 0x100 { format!("\\x{:02x}", c as u32) } else { format!("\\u{:04x}", c as u32) })
        }
        _ => simple_escape(c).map(str::to_owned),
    })
}

/// A raw string when it can be one: Go drops CRs from raw strings, and a
/// byte-order mark is refused anywhere in a source file but its start.
pub(super) fn go_body(text: &str) -> String {
    let raw_ok = !text.contains(['`', '\r', '\u{feff}']) && !text.chars().any(is_invisible);
    if raw_ok && text.contains(['"', '\n', '\\']) { format!("`{text}`") } else { go_str(text) }
}

pub(super) fn go_str(text: &str) -> String {
    escaped(text, |c| match c {
        '\\' | '"' => Some(format!("\\{c}")),
        c if is_invisible(c) || c == '\u{feff}' => {
            Some(if (c as u32) < 0x80 { format!("\\x{:02x}", c as u32) } else { format!("\\u{:04x}", c as u32) })
        }
        _ => simple_escape(c).map(str::to_owned),
    })
}

/// Double quotes with `#` escaped too, so `#{…}`, `#$x` and `#@x` never interpolate.
pub(super) fn rb_str(text: &str) -> String {
    escaped(text, |c| match c {
        '\\' | '"' | '#' => Some(format!("\\{c}")),
        c if is_invisible(c) => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => simple_escape(c).map(str::to_owned),
    })
}

/// A raw string `r#"…"#` when it can be one (Rust refuses a bare CR in any
/// string literal), with enough `#` to outnumber any `"###` inside.
pub(super) fn rs_body(text: &str) -> String {
    if text.contains('\r') || text.chars().any(is_invisible) || !text.contains(['"', '\n', '\\']) {
        return rs_str(text);
    }
    let longest = text.split('"').skip(1).map(|after| after.len() - after.trim_start_matches('#').len()).max();
    let hashes = "#".repeat(longest.map_or(0, |n| n + 1));
    format!("r{hashes}\"{text}\"{hashes}")
}

pub(super) fn rs_str(text: &str) -> String {
    escaped(text, |c| match c {
        '\\' | '"' => Some(format!("\\{c}")),
        c if is_invisible(c) => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => simple_escape(c).map(str::to_owned),
    })
}

/// Control characters, the invisible line and paragraph separators, and the
/// bidirectional controls, which reorder the code as shown and which rustc
/// refuses in a literal (`text_direction_codepoint_in_literal`).
pub(super) fn is_invisible(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The escapes every C-like language shares.
pub(super) fn simple_escape(c: char) -> Option<&'static str> {
    match c {
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\t' => Some("\\t"),
        _ => None,
    }
}

/// A double-quoted literal; `escape` gives a character's escape, or `None`
/// to write it as it is.
pub(super) fn escaped(text: &str, escape: impl Fn(char) -> Option<String>) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match escape(c) {
            Some(e) => out.push_str(&e),
            None => out.push(c),
        }
    }
    out.push('"');
    out
}
