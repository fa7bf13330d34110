//! Splits a pasted bash command into words, the way bash would, without
//! running anything: quotes, `$'…'` escapes and line continuations are
//! resolved; variables and command substitutions cannot be, so they are
//! kept as written and noted.
//!
//! It is deliberately tolerant of what breaks real pastes: a space after a
//! line-ending backslash, an unquoted `&` inside a URL, a `$ ` prompt.

use super::{ImportError, Op, Token};

pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub notes: Vec<String>,
}

pub(crate) fn split(text: &str) -> Result<Lexed, ImportError> {
    let mut lexer = Lexer { src: text, pos: 0, tokens: Vec::new(), notes: Vec::new(), word: None };
    lexer.skip_prompt();
    lexer.run()?;
    Ok(Lexed { tokens: lexer.tokens, notes: lexer.notes })
}

struct Lexer<'a> {
    src: &'a str,
    /// Byte offset of the next character.
    pos: usize,
    tokens: Vec<Token>,
    notes: Vec<String>,
    /// The word being read: where it started and its bytes so far. Bytes,
    /// not chars, because `$'\xC3\xA9'` spells one character in two escapes.
    word: Option<(usize, Vec<u8>)>,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// A `$ ` or `% ` shell prompt copied along with the command.
    fn skip_prompt(&mut self) {
        let trimmed = self.src.trim_start();
        let start = self.src.len() - trimmed.len();
        for prompt in ["$ ", "% "] {
            if trimmed.starts_with(prompt) {
                self.pos = start + prompt.len();
                return;
            }
        }
    }

    fn word_bytes(&mut self) -> &mut Vec<u8> {
        let pos = self.pos;
        &mut self.word.get_or_insert_with(|| (pos, Vec::new())).1
    }

    fn push_char(&mut self, c: char) {
        let mut buf = [0; 4];
        self.word_bytes().extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    fn push_str(&mut self, s: &str) {
        self.word_bytes().extend_from_slice(s.as_bytes());
    }

    /// Starts a word here even if nothing is added to it: `''` is a word.
    fn open_word(&mut self) {
        self.word_bytes();
    }

    fn end_word(&mut self) {
        if let Some((at, bytes)) = self.word.take() {
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    self.note("the command spells bytes that are not UTF-8 text; they were replaced with �");
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            };
            self.tokens.push(Token::Word { text, at });
        }
    }

    fn op(&mut self, op: Op, at: usize) {
        self.end_word();
        self.tokens.push(Token::Op { op, at });
    }

    fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    fn run(&mut self) -> Result<(), ImportError> {
        while let Some(c) = self.peek() {
            let at = self.pos;
            match c {
                ' ' | '\t' => {
                    self.bump();
                    self.end_word();
                }
                '\r' if self.peek_at(1) == Some('\n') => {
                    self.bump();
                }
                '\r' => {
                    self.bump();
                    self.end_word();
                }
                '\n' => {
                    self.bump();
                    self.op(Op::Newline, at);
                }
                '\\' => self.backslash(),
                '\'' => self.single_quoted()?,
                '"' => {
                    self.bump();
                    self.double_quoted(at)?;
                }
                '$' => self.dollar(false)?,
                '`' => self.backticks(at)?,
                '#' if self.word.is_none() => {
                    // A comment, up to the end of the line.
                    let end = self.rest().find('\n').map_or(self.src.len(), |i| self.pos + i);
                    self.pos = end;
                }
                '|' => {
                    self.bump();
                    let op = if self.peek() == Some('|') {
                        self.bump();
                        Op::Or
                    } else {
                        if self.peek() == Some('&') {
                            self.bump();
                        }
                        Op::Pipe
                    };
                    self.op(op, at);
                }
                ';' => {
                    self.bump();
                    self.op(Op::Semicolon, at);
                }
                '&' => self.ampersand(at),
                '>' | '<' => self.redirect(at),
                c => {
                    self.bump();
                    self.push_char(c);
                }
            }
        }
        self.end_word();
        Ok(())
    }

    /// `\` outside quotes: a line continuation, or the next character taken
    /// literally.
    fn backslash(&mut self) {
        self.bump();
        let rest = self.rest();
        if let Some(after) = rest.strip_prefix('\n').or_else(|| rest.strip_prefix("\r\n")) {
            self.pos = self.src.len() - after.len();
            return;
        }
        // `\` then spaces at the end of a line: bash would read an escaped
        // space and end the command there, but the writer meant to go on.
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let tail = &rest[..line_end];
        let blank_tail = !tail.is_empty() && tail.trim_matches([' ', '\t', '\r']).is_empty();
        let skip = (line_end + 1).min(rest.len());
        if self.word.is_none() && blank_tail {
            self.note("a line ends with a backslash followed by spaces; it was read as a line continuation");
            self.pos += skip;
            return;
        }
        // A final backslash (nothing after it): bash would wait for more.
        if let Some(c) = self.bump() {
            self.push_char(c);
        }
    }

    fn single_quoted(&mut self) -> Result<(), ImportError> {
        let open = self.pos;
        self.bump();
        let Some(len) = self.rest().find('\'') else {
            return Err(ImportError::at(self.src, open, "unterminated single quote"));
        };
        let content = &self.src[self.pos..self.pos + len];
        self.open_word();
        self.push_str(content);
        self.pos += len + 1;
        Ok(())
    }

    /// Inside `"…"`, after the opening quote at `open`.
    fn double_quoted(&mut self, open: usize) -> Result<(), ImportError> {
        self.open_word();
        loop {
            let Some(c) = self.peek() else {
                return Err(ImportError::at(self.src, open, "unterminated double quote"));
            };
            match c {
                '"' => {
                    self.bump();
                    return Ok(());
                }
                '\\' => {
                    self.bump();
                    match self.peek() {
                        Some(c @ ('$' | '`' | '"' | '\\')) => {
                            self.bump();
                            self.push_char(c);
                        }
                        Some('\n') => {
                            self.bump();
                        }
                        Some('\r') if self.peek_at(1) == Some('\n') => {
                            self.bump();
                            self.bump();
                        }
                        // Any other backslash stays, as bash keeps it.
                        _ => self.push_char('\\'),
                    }
                }
                '$' => self.dollar(true)?,
                '`' => {
                    let at = self.pos;
                    self.backticks(at)?;
                }
                c => {
                    self.bump();
                    self.push_char(c);
                }
            }
        }
    }

    /// `$` starts an ANSI-C string, a locale string, a variable or a command
    /// substitution, or is just a dollar sign.
    fn dollar(&mut self, quoted: bool) -> Result<(), ImportError> {
        let at = self.pos;
        match self.peek_at(1) {
            Some('\'') if !quoted => {
                self.pos += 2;
                self.ansi_c(at)
            }
            Some('"') if !quoted => {
                // `$"…"` is translated through the locale: the same text here.
                self.pos += 2;
                self.double_quoted(at)
            }
            Some('(') => {
                let len = balanced_parens(&self.src[at + 1..])
                    .ok_or_else(|| ImportError::at(self.src, at, "unterminated command substitution $("))?;
                let text = &self.src[at..at + 1 + len];
                self.note(format!("the command substitution {} is not run; it is kept as written", shorten(text)));
                self.push_str(text);
                self.pos = at + 1 + len;
                Ok(())
            }
            Some('{') => {
                let len = self.src[at..].find('}').ok_or_else(|| ImportError::at(self.src, at, "unterminated ${"))?;
                let text = &self.src[at..=at + len];
                self.variable_note(text);
                self.push_str(text);
                self.pos = at + len + 1;
                Ok(())
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let name_len = self.src[at + 1..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(self.src.len() - at - 1);
                let text = &self.src[at..at + 1 + name_len];
                self.variable_note(text);
                self.push_str(text);
                self.pos = at + 1 + name_len;
                Ok(())
            }
            _ => {
                self.bump();
                self.push_char('$');
                Ok(())
            }
        }
    }

    fn variable_note(&mut self, text: &str) {
        self.note(format!("the shell variable {text} is not expanded; it is kept as written"));
    }

    fn backticks(&mut self, open: usize) -> Result<(), ImportError> {
        let after = &self.src[open + 1..];
        let len = after.find('`').ok_or_else(|| ImportError::at(self.src, open, "unterminated backquote"))?;
        let text = &self.src[open..open + len + 2];
        self.note(format!("the command substitution {} is not run; it is kept as written", shorten(text)));
        self.push_str(text);
        self.pos = open + len + 2;
        Ok(())
    }

    /// `$'…'`, after the opening `$'` at `open`.
    fn ansi_c(&mut self, open: usize) -> Result<(), ImportError> {
        self.open_word();
        loop {
            let Some(c) = self.bump() else {
                return Err(ImportError::at(self.src, open, "unterminated $'…' quote"));
            };
            match c {
                '\'' => return Ok(()),
                '\\' => self.ansi_c_escape()?,
                c => self.push_char(c),
            }
        }
    }

    fn ansi_c_escape(&mut self) -> Result<(), ImportError> {
        let Some(c) = self.bump() else { return Ok(()) };
        let simple = match c {
            'a' => Some('\x07'),
            'b' => Some('\x08'),
            'e' | 'E' => Some('\x1b'),
            'f' => Some('\x0c'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\x0b'),
            '\\' | '\'' | '"' | '?' => Some(c),
            _ => None,
        };
        if let Some(s) = simple {
            self.push_char(s);
            return Ok(());
        }
        match c {
            // Bytes, which may together spell one UTF-8 character.
            'x' => match self.hex_digits(2) {
                Some(n) => self.word_bytes().push(n as u8),
                None => self.push_str("\\x"),
            },
            '0'..='7' => {
                let mut n = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            self.bump();
                            n = n * 8 + d;
                        }
                        None => break,
                    }
                }
                self.word_bytes().push((n & 0xff) as u8);
            }
            'u' | 'U' => {
                let max = if c == 'u' { 4 } else { 8 };
                match self.hex_digits(max) {
                    Some(n) => {
                        let ch = self.code_point(n);
                        self.push_char(ch);
                    }
                    None => {
                        self.push_char('\\');
                        self.push_char(c);
                    }
                }
            }
            'c' => match self.bump() {
                Some(x) => self.push_char(char::from((x as u32 & 0x1f) as u8)),
                None => self.push_str("\\c"),
            },
            // Unknown escapes keep their backslash, as bash does.
            other => {
                self.push_char('\\');
                self.push_char(other);
            }
        }
        Ok(())
    }

    /// Up to `max` hex digits; `None` when there is none.
    fn hex_digits(&mut self, max: usize) -> Option<u32> {
        let digits: String = self.rest().chars().take(max).take_while(char::is_ascii_hexdigit).collect();
        if digits.is_empty() {
            return None;
        }
        self.pos += digits.len();
        u32::from_str_radix(&digits, 16).ok()
    }

    /// A `\u` code point; a UTF-16 surrogate pair written as two `\u`
    /// escapes (as JavaScript tools do) is joined into one character.
    fn code_point(&mut self, n: u32) -> char {
        if (0xD800..0xDC00).contains(&n) && self.rest().starts_with("\\u") {
            let low = self.rest().get(2..6).and_then(|d| u32::from_str_radix(d, 16).ok());
            if let Some(low @ 0xDC00..0xE000) = low {
                self.pos += 6;
                return char::from_u32(0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00)).unwrap_or('\u{FFFD}');
            }
        }
        char::from_u32(n).unwrap_or_else(|| {
            self.note(format!("\\u{n:X} is not a character; it was replaced with �"));
            '\u{FFFD}'
        })
    }

    /// `&&`, a background `&`, `&>` redirection, or an `&` inside a word.
    fn ampersand(&mut self, at: usize) {
        self.bump();
        match self.peek() {
            Some('&') => {
                self.bump();
                self.op(Op::And, at);
            }
            Some('>') => {
                self.bump();
                let mut text = "&>".to_owned();
                if self.peek() == Some('>') {
                    self.bump();
                    text.push('>');
                }
                self.op(Op::Redirect(text), at);
            }
            // `?a=1&b=2` left unquoted: bash would cut the command at the `&`
            // and run it in the background, which is never what was meant.
            Some(c) if self.word.is_some() && !c.is_whitespace() && !"|;<>()".contains(c) => {
                self.note("the URL has an unquoted `&`, which bash would read as the end of the command; it was read as part of the URL");
                self.push_char('&');
            }
            _ => self.op(Op::Background, at),
        }
    }

    /// `>`, `>>`, `2>`, `2>&1`, `<`…: the operator becomes a token, and the
    /// next word is its target. A number right before it is the descriptor.
    fn redirect(&mut self, at: usize) {
        let mut text = String::new();
        if let Some((_, bytes)) = &self.word
            && !bytes.is_empty()
            && bytes.iter().all(u8::is_ascii_digit)
        {
            text = String::from_utf8_lossy(bytes).into_owned();
            self.word = None;
        }
        let fd = text.len();
        while let Some(c @ ('>' | '<' | '&' | '|')) = self.peek() {
            if c == '&' && text.len() == fd {
                break;
            }
            self.bump();
            text.push(c);
            if c == '&' {
                break;
            }
        }
        self.op(Op::Redirect(text), at);
    }
}

/// The length of `(…)` at the start of `text`, nested parentheses and
/// quotes included.
fn balanced_parens(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (Some('\''), '\'') => quote = None,
            (Some('\''), _) => {}
            (_, '\\') => escaped = true,
            (Some('"'), '"') => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Long substitutions are cut in notes.
fn shorten(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        split(text)
            .unwrap()
            .tokens
            .into_iter()
            .map(|t| match t {
                Token::Word { text, .. } => text,
                Token::Op { op, .. } => format!("<{op:?}>"),
            })
            .collect()
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(words(r#"curl 'a b' "c \"d\" \$e \\ \x" f\ g ''"#), ["curl", "a b", r#"c "d" $e \ \x"#, "f g", ""]);
        assert_eq!(words(r"a'b'c"), ["abc"]);
        assert_eq!(words(r"$'a\nb\t\x41\101\u00e9\U0001F600\'\\\c@\z'"), ["a\nb\tAAé😀'\\\0\\z"]);
        assert_eq!(words(r"$'\xC3\xA9'"), ["é"]);
        assert_eq!(words(r"$'\uD83D\uDE00'"), ["😀"]);
        assert_eq!(words(r#"$"locale""#), ["locale"]);
    }

    #[test]
    fn continuations_and_prompts() {
        assert_eq!(words("$ curl a \\\n  -s \\\r\n  b"), ["curl", "a", "-s", "b"]);
        assert_eq!(words("a\\\nb"), ["ab"]);
        assert_eq!(words("a \\  \n b"), ["a", "b"]);
        assert_eq!(words("\"x\\\ny\""), ["xy"]);
        assert_eq!(words("a\nb"), ["a", "<Newline>", "b"]);
        assert_eq!(words("a # comment 'x\nb"), ["a", "<Newline>", "b"]);
    }

    #[test]
    fn operators() {
        assert_eq!(
            words("a | jq . && b; c || d &"),
            ["a", "<Pipe>", "jq", ".", "<And>", "b", "<Semicolon>", "c", "<Or>", "d", "<Background>"]
        );
        assert_eq!(words("a > out 2>&1"), ["a", "<Redirect(\">\")>", "out", "<Redirect(\"2>&\")>", "1"]);
        assert_eq!(words("http://x/?a=1&b=2 &>/dev/null"), ["http://x/?a=1&b=2", "<Redirect(\"&>\")>", "/dev/null"]);
    }

    #[test]
    fn substitutions_are_kept() {
        let lexed = split(r#"-H "Key: $API_KEY" -H "Id: $(uuidgen)" `date` ${X}"#).unwrap();
        assert_eq!(lexed.tokens.len(), 6);
        assert!(matches!(&lexed.tokens[1], Token::Word { text, .. } if text == "Key: $API_KEY"));
        assert!(matches!(&lexed.tokens[3], Token::Word { text, .. } if text == "Id: $(uuidgen)"));
        assert_eq!(lexed.notes.len(), 4, "{:?}", lexed.notes);
    }

    #[test]
    fn unterminated_quotes_say_where() {
        let err = split("curl \\\n  -H 'a: b' \\\n  -d 'oops").err().unwrap();
        assert_eq!(err.to_string(), "unterminated single quote at line 3, column 6");
        let err = split("curl \"x").err().unwrap();
        assert_eq!(err.to_string(), "unterminated double quote at line 1, column 6");
        let err = split("curl $'x").err().unwrap();
        assert_eq!(err.to_string(), "unterminated $'…' quote at line 1, column 6");
    }
}
