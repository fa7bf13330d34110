//! Syntax highlighting as a list of classified text runs.
//!
//! The app renders each run as a `<span class=…>` text node, so the code
//! itself is never interpreted as markup. The lexers are deliberately
//! small: they colour what a reader scans for (strings, keys, numbers,
//! keywords, comments, flags, variables), not a full grammar.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Plain,
    Keyword,
    String,
    Number,
    Comment,
    /// Brackets, commas, colons and other punctuation.
    Punct,
    /// A JSON object key or an HTTP header name.
    Key,
    /// `true`, `false`, `null`, `None`, `nil`…
    Literal,
    /// A command-line option such as `-H` or `--data`.
    Flag,
    /// `$TOKEN`, `${VAR}`.
    Variable,
}

impl Token {
    /// The CSS class the app gives the run (`tok-…`).
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "",
            Token::Keyword => "tok-kw",
            Token::String => "tok-str",
            Token::Number => "tok-num",
            Token::Comment => "tok-com",
            Token::Punct => "tok-punct",
            Token::Key => "tok-key",
            Token::Literal => "tok-lit",
            Token::Flag => "tok-flag",
            Token::Variable => "tok-var",
        }
    }
}

/// Splits `code` into runs for the fence language `lang`. Unknown languages
/// come back as one plain run. The runs always concatenate to `code`.
pub fn highlight<'a>(lang: &str, code: &'a str) -> Vec<(Token, &'a str)> {
    let mut out = Runs { code, runs: Vec::new() };
    match lang {
        "json" => json(code, &mut out),
        "bash" | "sh" | "shell" | "curl" | "console" => shell(code, &mut out),
        "http" => http(code, &mut out),
        "js" | "javascript" => c_like(code, &mut out, &JS),
        "python" | "py" => c_like(code, &mut out, &PYTHON),
        "go" => c_like(code, &mut out, &GO),
        "ruby" | "rb" => c_like(code, &mut out, &RUBY),
        "rust" | "rs" => c_like(code, &mut out, &RUST),
        _ => out.push(Token::Plain, 0, code.len()),
    }
    out.runs
}

struct Runs<'a> {
    code: &'a str,
    runs: Vec<(Token, &'a str)>,
}

impl<'a> Runs<'a> {
    fn push(&mut self, token: Token, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let text = &self.code[start..end];
        // Merge neighbours of the same kind to keep the DOM small.
        if let Some((last_token, last_text)) = self.runs.last_mut()
            && *last_token == token
        {
            let last_start = last_text.as_ptr() as usize - self.code.as_ptr() as usize;
            *last_text = &self.code[last_start..end];
            return;
        }
        self.runs.push((token, text));
    }
}

/// End of a quoted string starting at `start` (on the quote), honouring
/// backslash escapes unless `raw`. Unterminated strings run to the end.
fn string_end(bytes: &[u8], start: usize, quote: u8, raw: bool) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if !raw => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn word_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80) {
        i += 1;
    }
    i
}

fn number_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b'_' | b'-' | b'+')) {
        // Stop a `-`/`+` unless it follows an exponent marker.
        if matches!(bytes[i], b'-' | b'+') && !matches!(bytes[i - 1], b'e' | b'E') {
            break;
        }
        i += 1;
    }
    i
}

/// Moves `i` forward to the next char boundary (multi-byte text is plain).
fn next_char(code: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < code.len() && !code.is_char_boundary(j) {
        j += 1;
    }
    j
}

fn json(code: &str, out: &mut Runs<'_>) {
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' => {
                let end = string_end(bytes, i, b'"', false);
                let mut after = end;
                while after < bytes.len() && bytes[after].is_ascii_whitespace() {
                    after += 1;
                }
                let token = if bytes.get(after) == Some(&b':') { Token::Key } else { Token::String };
                out.push(token, i, end);
                i = end;
            }
            b'-' | b'0'..=b'9' => {
                let end = number_end(bytes, i + 1);
                out.push(Token::Number, i, end);
                i = end;
            }
            b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                out.push(Token::Punct, i, i + 1);
                i += 1;
            }
            b if b.is_ascii_alphabetic() => {
                let end = word_end(bytes, i);
                let token =
                    if matches!(&code[i..end], "true" | "false" | "null") { Token::Literal } else { Token::Plain };
                out.push(token, i, end);
                i = end;
            }
            _ => {
                let end = next_char(code, i);
                out.push(Token::Plain, i, end);
                i = end;
            }
        }
    }
}

fn shell(code: &str, out: &mut Runs<'_>) {
    let bytes = code.as_bytes();
    let mut i = 0;
    let mut word_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'#' if word_start => {
                let end = code[i..].find('\n').map_or(code.len(), |n| i + n);
                out.push(Token::Comment, i, end);
                i = end;
            }
            b'\'' => {
                let end = string_end(bytes, i, b'\'', true);
                out.push(Token::String, i, end);
                i = end;
                word_start = false;
            }
            b'"' => {
                let end = string_end(bytes, i, b'"', false);
                out.push(Token::String, i, end);
                i = end;
                word_start = false;
            }
            b'$' if bytes.get(i + 1) == Some(&b'\'') => {
                let end = string_end(bytes, i + 1, b'\'', false);
                out.push(Token::String, i, end);
                i = end;
                word_start = false;
            }
            b'$' => {
                let end = if bytes.get(i + 1) == Some(&b'{') {
                    code[i..].find('}').map_or(code.len(), |n| i + n + 1)
                } else {
                    word_end(bytes, i + 1)
                };
                out.push(Token::Variable, i, end.max(i + 1));
                i = end.max(i + 1);
                word_start = false;
            }
            b'-' if word_start => {
                let mut end = i;
                while end < bytes.len()
                    && !bytes[end].is_ascii_whitespace()
                    && !matches!(bytes[end], b'=' | b'\'' | b'"')
                {
                    end += 1;
                }
                out.push(Token::Flag, i, end);
                i = end;
                word_start = false;
            }
            b'\\' | b'|' | b'&' | b';' | b'>' | b'<' => {
                out.push(Token::Punct, i, i + 1);
                i += 1;
                word_start = true;
            }
            b if b.is_ascii_whitespace() => {
                out.push(Token::Plain, i, i + 1);
                i += 1;
                word_start = true;
            }
            _ => {
                let start = i;
                let first_word = word_start
                    && out.runs.iter().all(|(t, s)| *t == Token::Plain && s.trim().is_empty() || *t == Token::Comment);
                while i < bytes.len()
                    && !bytes[i].is_ascii_whitespace()
                    && !matches!(bytes[i], b'\'' | b'"' | b'$' | b'\\')
                {
                    i = next_char(code, i);
                }
                out.push(if first_word { Token::Keyword } else { Token::Plain }, start, i);
                word_start = false;
            }
        }
    }
}

fn http(code: &str, out: &mut Runs<'_>) {
    let mut offset = 0;
    let mut in_body = false;
    for (n, line) in code.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        if in_body {
            // Bodies are coloured as JSON when they look like it.
            let mut sub = Runs { code: line, runs: Vec::new() };
            json(line, &mut sub);
            for (token, text) in sub.runs {
                let start = offset + (text.as_ptr() as usize - line.as_ptr() as usize);
                out.push(token, start, start + text.len());
            }
        } else if content.is_empty() {
            in_body = n > 0;
            out.push(Token::Plain, offset, offset + line.len());
        } else if n == 0 {
            let method_end = content.find(' ').unwrap_or(content.len());
            out.push(Token::Keyword, offset, offset + method_end);
            out.push(Token::Plain, offset + method_end, offset + line.len());
        } else if let Some(colon) = content.find(':') {
            out.push(Token::Key, offset, offset + colon);
            out.push(Token::Punct, offset + colon, offset + colon + 1);
            out.push(Token::String, offset + colon + 1, offset + content.len());
            out.push(Token::Plain, offset + content.len(), offset + line.len());
        } else {
            out.push(Token::Plain, offset, offset + line.len());
        }
        offset += line.len();
    }
}

struct Lang {
    line_comment: &'static str,
    block_comments: bool,
    quotes: &'static [u8],
    keywords: &'static [&'static str],
    literals: &'static [&'static str],
}

const JS: Lang = Lang {
    line_comment: "//",
    block_comments: true,
    quotes: b"\"'`",
    keywords: &[
        "const", "let", "var", "await", "async", "function", "return", "new", "if", "else", "import", "from", "export",
        "throw", "try", "catch",
    ],
    literals: &["true", "false", "null", "undefined"],
};
const PYTHON: Lang = Lang {
    line_comment: "#",
    block_comments: false,
    quotes: b"\"'",
    keywords: &[
        "import", "from", "def", "return", "if", "else", "elif", "for", "in", "with", "as", "print", "raise", "try",
        "except",
    ],
    literals: &["True", "False", "None"],
};
const GO: Lang = Lang {
    line_comment: "//",
    block_comments: true,
    quotes: b"\"'`",
    keywords: &[
        "package", "import", "func", "return", "if", "else", "defer", "var", "err", "for", "range", "nil", ":=",
    ],
    literals: &["true", "false", "nil"],
};
const RUBY: Lang = Lang {
    line_comment: "#",
    block_comments: false,
    quotes: b"\"'",
    keywords: &["require", "def", "end", "do", "if", "else", "puts", "return", "new"],
    literals: &["true", "false", "nil"],
};
const RUST: Lang = Lang {
    line_comment: "//",
    block_comments: true,
    quotes: b"\"",
    keywords: &[
        "use", "fn", "let", "mut", "async", "await", "return", "if", "else", "match", "pub", "struct", "impl", "Ok",
        "Err", "Some",
    ],
    literals: &["true", "false", "None"],
};

fn c_like(code: &str, out: &mut Runs<'_>, lang: &Lang) {
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        let b = bytes[i];
        if rest.starts_with(lang.line_comment) {
            let end = rest.find('\n').map_or(code.len(), |n| i + n);
            out.push(Token::Comment, i, end);
            i = end;
        } else if lang.block_comments && rest.starts_with("/*") {
            let end = rest.find("*/").map_or(code.len(), |n| i + n + 2);
            out.push(Token::Comment, i, end);
            i = end;
        } else if lang.quotes.contains(&b) {
            let end = string_end(bytes, i, b, b == b'`');
            out.push(Token::String, i, end);
            i = end;
        } else if b.is_ascii_digit() {
            let end = number_end(bytes, i);
            out.push(Token::Number, i, end);
            i = end;
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let end = word_end(bytes, i);
            let word = &code[i..end];
            let token = if lang.keywords.contains(&word) {
                Token::Keyword
            } else if lang.literals.contains(&word) {
                Token::Literal
            } else {
                Token::Plain
            };
            out.push(token, i, end);
            i = end;
        } else if b"{}[](),;:.".contains(&b) {
            out.push(Token::Punct, i, i + 1);
            i += 1;
        } else {
            let end = next_char(code, i);
            out.push(Token::Plain, i, end);
            i = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds<'a>(lang: &str, code: &'a str) -> Vec<(Token, &'a str)> {
        let runs = highlight(lang, code);
        assert_eq!(runs.iter().map(|(_, t)| *t).collect::<String>(), code, "runs must rebuild the code");
        runs.into_iter().filter(|(t, _)| *t != Token::Plain && *t != Token::Punct).collect()
    }

    #[test]
    fn json_keys_strings_numbers() {
        assert_eq!(
            kinds("json", r#"{"id": "res_8f2a", "uptime": 99.998, "ok": true, "n": -1e-3, "x": null}"#),
            [
                (Token::Key, r#""id""#),
                (Token::String, r#""res_8f2a""#),
                (Token::Key, r#""uptime""#),
                (Token::Number, "99.998"),
                (Token::Key, r#""ok""#),
                (Token::Literal, "true"),
                (Token::Key, r#""n""#),
                (Token::Number, "-1e-3"),
                (Token::Key, r#""x""#),
                (Token::Literal, "null"),
            ]
        );
    }

    #[test]
    fn shell_flags_strings_variables_comments() {
        let code =
            "# list\ncurl https://x.dev/v1 \\\n  -H \"Authorization: Bearer $TOKEN\" \\\n  --data-raw '{\"a\":1}' -G";
        assert_eq!(
            kinds("bash", code),
            [
                (Token::Comment, "# list"),
                (Token::Keyword, "curl"),
                (Token::Flag, "-H"),
                (Token::String, "\"Authorization: Bearer $TOKEN\""),
                (Token::Flag, "--data-raw"),
                (Token::String, "'{\"a\":1}'"),
                (Token::Flag, "-G"),
            ]
        );
        assert_eq!(
            kinds("sh", "echo ${HOME} $'a\\'b'"),
            [(Token::Keyword, "echo"), (Token::Variable, "${HOME}"), (Token::String, "$'a\\'b'")]
        );
    }

    #[test]
    fn http_messages() {
        let code = "POST /v1/resources HTTP/1.1\nContent-Type: application/json\n\n{\"name\": \"A\"}";
        let k = kinds("http", code);
        assert_eq!(k[0], (Token::Keyword, "POST"));
        assert_eq!(k[1], (Token::Key, "Content-Type"));
        assert!(k.contains(&(Token::Key, "\"name\"")));
    }

    #[test]
    fn c_like_languages() {
        assert_eq!(
            kinds("python", "import requests  # http\nr = requests.get(\"u\", timeout=30)\nprint(None)"),
            [
                (Token::Keyword, "import"),
                (Token::Comment, "# http"),
                (Token::String, "\"u\""),
                (Token::Number, "30"),
                (Token::Keyword, "print"),
                (Token::Literal, "None"),
            ]
        );
        assert_eq!(
            kinds("js", "const r = await fetch(`u`); // go"),
            [(Token::Keyword, "const"), (Token::Keyword, "await"), (Token::String, "`u`"), (Token::Comment, "// go"),]
        );
        assert!(kinds("rust", "let s = \"é\"; /* c */").contains(&(Token::Comment, "/* c */")));
    }

    #[test]
    fn unknown_languages_and_odd_text_are_safe() {
        assert_eq!(highlight("text", "<b>x</b>"), [(Token::Plain, "<b>x</b>")]);
        for lang in ["json", "bash", "http", "js", "python", "go", "ruby", "rust"] {
            for code in ["\"unterminated", "é ü 😀 '", "$", "-", "{", "\\", "/*", "`"] {
                kinds(lang, code);
            }
        }
    }
}
