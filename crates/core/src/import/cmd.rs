//! Splits a Windows `cmd.exe` command, as the browsers' "Copy as cURL
//! (cmd)" writes it, into words.
//!
//! Two parsers read such a line on Windows, one after the other, and so does
//! this module: `cmd.exe` first (`^` escapes the next character, `^` at the
//! end of a line continues it, `"` toggles a quoted span where `^` is
//! literal, and `| & < >` end the command outside quotes), then the C
//! runtime's argument splitter (`"` groups, `\"` is a literal quote,
//! backslashes are literal unless they precede a quote).
//!
//! The browsers escape every special character with `^` and every `"` as
//! `\^"`, and write a newline inside a value as `^` + two line breaks.

use super::{Op, Token};

/// Whether `text` reads as a cmd command rather than a bash one. The
/// browsers' cmd form starts `curl ^"` and ends its lines with `^`; a bash
/// command continues its lines with `\` and may well hold a `^` in quotes,
/// so lines ending in `^` count only without single quotes around.
pub(crate) fn looks_like_cmd(text: &str) -> bool {
    let start = text.trim_start();
    let caret_line = text.lines().any(|l| l.trim_end().ends_with('^'));
    let bash_line = text.lines().any(|l| l.trim_end().ends_with('\\'));
    let cmd_start = start.starts_with("curl ^\"") || start.starts_with("curl.exe");
    let quoted_start = start.starts_with("curl \"");
    !bash_line && (cmd_start || (caret_line && (quoted_start || !text.contains('\''))))
}

/// A piece of the command after `cmd.exe` has read it.
enum Piece {
    /// Characters for the argument splitter, and where they started.
    Text(String, usize),
    Op(Op, usize),
}

pub(crate) fn split(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for piece in cmd_layer(text) {
        match piece {
            Piece::Text(text, at) => split_arguments(&text, at, &mut tokens),
            Piece::Op(op, at) => tokens.push(Token::Op { op, at }),
        }
    }
    tokens
}

fn cmd_layer(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut quoted = false;
    let mut chars = text.char_indices().peekable();
    let flush = |pieces: &mut Vec<Piece>, current: &mut String, start: usize| {
        if !current.is_empty() {
            pieces.push(Piece::Text(std::mem::take(current), start));
        }
    };
    while let Some((i, c)) = chars.next() {
        if current.is_empty() {
            start = i;
        }
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            '^' if !quoted => match chars.next() {
                Some((_, '\r')) if chars.peek().is_some_and(|(_, c)| *c == '\n') => {
                    chars.next();
                    continuation(&mut chars, &mut current);
                }
                Some((_, '\n')) => continuation(&mut chars, &mut current),
                Some((_, next)) => current.push(next),
                None => {}
            },
            '\r' if chars.peek().is_some_and(|(_, c)| *c == '\n') => {}
            // A line break ends the command, even inside quotes.
            '\n' => {
                flush(&mut pieces, &mut current, start);
                pieces.push(Piece::Op(Op::Newline, i));
                quoted = false;
            }
            '|' | '&' | '<' | '>' if !quoted => {
                flush(&mut pieces, &mut current, start);
                let doubled = chars.peek().is_some_and(|(_, n)| *n == c);
                if doubled {
                    chars.next();
                }
                let op = match (c, doubled) {
                    ('|', false) => Op::Pipe,
                    ('|', true) => Op::Or,
                    ('&', true) => Op::And,
                    ('&', false) => Op::Semicolon,
                    (c, doubled) => Op::Redirect(if doubled { format!("{c}{c}") } else { c.to_string() }),
                };
                pieces.push(Piece::Op(op, i));
            }
            c => current.push(c),
        }
    }
    flush(&mut pieces, &mut current, start);
    pieces
}

/// After `^` and a line break: the first character of the next line is
/// taken literally, which is how a second line break becomes part of a value.
fn continuation(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, current: &mut String) {
    match chars.peek() {
        Some((_, '\r')) => {
            chars.next();
            if chars.peek().is_some_and(|(_, c)| *c == '\n') {
                chars.next();
            }
            current.push('\n');
        }
        Some((_, '\n')) => {
            chars.next();
            current.push('\n');
        }
        _ => {}
    }
}

/// The C runtime's rules (as in `CommandLineToArgvW`).
fn split_arguments(text: &str, at: usize, tokens: &mut Vec<Token>) {
    let mut word: Option<String> = None;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' if !quoted => {
                if let Some(text) = word.take() {
                    tokens.push(Token::Word { text, at });
                }
            }
            '\\' => {
                let mut count = 1;
                while chars.peek() == Some(&'\\') {
                    chars.next();
                    count += 1;
                }
                let w = word.get_or_insert_with(String::new);
                if chars.peek() == Some(&'"') {
                    w.extend(std::iter::repeat_n('\\', count / 2));
                    if count % 2 == 1 {
                        chars.next();
                        w.push('"');
                    }
                } else {
                    w.extend(std::iter::repeat_n('\\', count));
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                if quoted && chars.peek() == Some(&'"') {
                    chars.next();
                    w.push('"');
                } else {
                    quoted = !quoted;
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(text) = word {
        tokens.push(Token::Word { text, at });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        split(text)
            .into_iter()
            .map(|t| match t {
                Token::Word { text, .. } => text,
                Token::Op { op, .. } => format!("<{op:?}>"),
            })
            .collect()
    }

    #[test]
    fn chrome_cmd_quoting() {
        let text = "curl ^\"https://x.dev/a?b=1^&c=2^\" ^\r\n  -H ^\"accept: */*^\" ^\r\n  --data-raw ^\"^{^\\^\"name^\\^\":^\\^\"a^%^\\^\"^}^\"";
        assert!(looks_like_cmd(text));
        assert_eq!(
            words(text),
            ["curl", "https://x.dev/a?b=1&c=2", "-H", "accept: */*", "--data-raw", "{\"name\":\"a%\"}"]
        );
    }

    #[test]
    fn newlines_inside_values_and_plain_quotes() {
        assert_eq!(words("curl ^\"a^\n\nb^\" -d \"x y\""), ["curl", "a\nb", "-d", "x y"]);
        assert_eq!(words(r#"curl "a\\\"b" c\\d"#), ["curl", "a\\\"b", "c\\\\d"]);
        assert_eq!(words("curl x | findstr y"), ["curl", "x", "<Pipe>", "findstr", "y"]);
        assert!(!looks_like_cmd("curl 'x' \\\n -H 'a: ^b'"));
        assert!(!looks_like_cmd("curl x.dev -d 'a^\nb'"));
        assert!(looks_like_cmd("curl \"x.dev\" ^\n -d \"it's\""));
    }
}
