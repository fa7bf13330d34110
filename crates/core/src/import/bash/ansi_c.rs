//! Bash's ANSI-C quoting, `$'…'`, as browsers write bodies in "Copy as
//! cURL": escapes for control characters, bytes (`\xC3\xA9`, which may
//! spell one UTF-8 character together) and code points (`\u00e9`, and the
//! UTF-16 surrogate pairs JavaScript tools write).

use super::Lexer;
use crate::import::ImportError;

impl Lexer<'_> {
    /// `$'…'`, after the opening `$'` at `open`.
    pub(super) fn ansi_c(&mut self, open: usize) -> Result<(), ImportError> {
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
}
