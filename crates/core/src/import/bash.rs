//! Splits a pasted bash command into words, the way bash would, without
//! running anything: quotes, `$'…'` escapes and line continuations are
//! resolved; variables and command substitutions cannot be, so they are
//! kept as written and noted.
//!
//! It is deliberately tolerant of what breaks real pastes: a space after a
//! line-ending backslash, an unquoted `&` inside a URL. Terminal prompts
//! are removed before (see `prompts`).

mod ansi_c;

use super::notes::Notes;
use super::{ImportError, Op, Token};

pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub notes: Vec<String>,
}

pub(crate) fn split(text: &str) -> Result<Lexed, ImportError> {
    let mut lexer = Lexer {
        src: text,
        pos: 0,
        tokens: Vec::new(),
        notes: Notes::default(),
        variables: Notes::default(),
        variables_at: 0,
        word: None,
        start: 0,
    };
    lexer.run()?;
    let mut notes = lexer.notes;
    if let Some(note) = variables_note(lexer.variables.into_vec()) {
        notes.insert(lexer.variables_at, note);
    }
    Ok(Lexed { tokens: lexer.tokens, notes: notes.into_vec() })
}

/// Shell variables listed in one note: a paste with thousands of them says
/// so in one line instead of thousands.
fn variables_note(names: Vec<String>) -> Option<String> {
    const SHOWN: usize = 5;
    match names.as_slice() {
        [] => None,
        [one] => Some(format!("the shell variable {one} is not expanded; it is kept as written")),
        [first @ .., last] if names.len() <= SHOWN => Some(format!(
            "the shell variables {} and {last} are not expanded; they are kept as written",
            first.join(", ")
        )),
        _ => Some(format!(
            "the shell variables {} and {} more are not expanded; they are kept as written",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        )),
    }
}

struct Lexer<'a> {
    src: &'a str,
    /// Byte offset of the next character.
    pos: usize,
    tokens: Vec<Token>,
    notes: Notes,
    /// Shell variables met, each once, for one note at the end, placed
    /// among the notes where the first variable was met.
    variables: Notes,
    variables_at: usize,
    /// The word being read: where it started and its bytes so far. Bytes,
    /// not chars, because `$'\xC3\xA9'` spells one character in two escapes.
    word: Option<(usize, Vec<u8>)>,
    /// Where the next word starts: the character being read when no word
    /// is open (a quote, a `$`…), which may add to the word only later.
    start: usize,
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

    fn word_bytes(&mut self) -> &mut Vec<u8> {
        let start = self.start;
        &mut self.word.get_or_insert_with(|| (start, Vec::new())).1
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
        self.notes.add(note.into());
    }

    fn run(&mut self) -> Result<(), ImportError> {
        while let Some(c) = self.peek() {
            let at = self.pos;
            if self.word.is_none() {
                self.start = at;
            }
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
        if self.variables.len() == 0 {
            self.variables_at = self.notes.len();
        }
        self.variables.add(text.to_owned());
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
mod tests;
