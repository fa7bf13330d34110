//! The parser of the pattern subset (see the parent module): text to
//! [`Node`]s, with an error that says what is not supported and where.

use super::{MAX_COUNT, Node, PatternError, Set};

const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
/// ECMA-262 WhiteSpace and LineTerminator.
const SPACE: &[(char, char)] = &[
    ('\t', '\r'),
    (' ', ' '),
    ('\u{a0}', '\u{a0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200a}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202f}', '\u{202f}'),
    ('\u{205f}', '\u{205f}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{feff}', '\u{feff}'),
];
const LINE_BREAK: &[(char, char)] = &[('\n', '\n'), ('\r', '\r'), ('\u{2028}', '\u{2029}')];

pub(super) struct Parser {
    pub(super) chars: Vec<char>,
    pub(super) at: usize,
}

impl Parser {
    pub(super) fn error(&self, what: &str) -> PatternError {
        PatternError { at: self.at.min(self.chars.len()), message: what.to_owned() }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        self.at += usize::from(found);
        found
    }

    pub(super) fn alternatives(&mut self) -> Result<Vec<Vec<Node>>, PatternError> {
        let mut alternatives = vec![self.sequence()?];
        while self.eat('|') {
            alternatives.push(self.sequence()?);
        }
        Ok(alternatives)
    }

    fn sequence(&mut self) -> Result<Vec<Node>, PatternError> {
        let mut nodes = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Ok(nodes)
    }

    fn atom(&mut self) -> Result<Node, PatternError> {
        let c = self.peek().ok_or_else(|| self.error("the pattern ends too early"))?;
        self.at += 1;
        Ok(match c {
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Set(Set::of(LINE_BREAK, true)),
            '(' => {
                if self.eat('?') && !self.eat(':') {
                    self.at -= 1;
                    return Err(self.error("only `(?:…)` groups are supported, not lookaround or named groups"));
                }
                let alternatives = self.alternatives()?;
                if !self.eat(')') {
                    return Err(self.error("a `(` is never closed"));
                }
                Node::Group(alternatives)
            }
            '[' => Node::Set(self.class()?),
            '\\' => match self.escape()? {
                Escape::Char(c) => Node::Set(Set::of(&[(c, c)], false)),
                Escape::Set(set) => Node::Set(set),
            },
            '*' | '+' | '?' | '{' => {
                self.at -= 1;
                return Err(self.error("a quantifier with nothing to repeat"));
            }
            c => Node::Set(Set::of(&[(c, c)], false)),
        })
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, PatternError> {
        let start = self.at;
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.at += 1;
                let min = self.number().ok_or_else(|| self.error("`{` must start a count, like {1,32}"))?;
                let max = if self.eat(',') { self.number() } else { Some(min) };
                if !self.eat('}') {
                    return Err(self.error("a count must end with `}`, like {1,32}"));
                }
                self.at -= 1;
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.at += 1;
        if matches!(atom, Node::Start | Node::End) {
            self.at = start;
            return Err(self.error("`^` and `$` cannot be repeated"));
        }
        if max.is_some_and(|max| max < min) {
            self.at = start;
            return Err(self.error("a count whose maximum is below its minimum"));
        }
        if min.max(max.unwrap_or(0)) > MAX_COUNT {
            self.at = start;
            return Err(self.error(&format!("counts above {MAX_COUNT} are not supported")));
        }
        // Lazy or greedy: the same for a yes/no match.
        self.eat('?');
        Ok(Node::Repeat { node: Box::new(atom), min, max })
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        // Saturated: an absurd count is refused by the caller, not wrapped.
        (!digits.is_empty()).then(|| digits.parse().unwrap_or(u32::MAX))
    }

    /// After `[`.
    fn class(&mut self) -> Result<Set, PatternError> {
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        loop {
            let lo = match self.class_atom()? {
                None => return Ok(Set { ranges, negated }),
                Some(Escape::Set(set)) => {
                    ranges.extend(set.ranges);
                    continue;
                }
                Some(Escape::Char(c)) => c,
            };
            // `a-z` is a range; a `-` first, last or after a range is itself.
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&c| c != ']') {
                self.at += 1;
                let hi = match self.class_atom()? {
                    Some(Escape::Char(hi)) => hi,
                    _ => return Err(self.error("a range must end with a character")),
                };
                if hi < lo {
                    return Err(self.error("a range out of order"));
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
    }

    /// One member of a class; `None` at its closing `]`.
    fn class_atom(&mut self) -> Result<Option<Escape>, PatternError> {
        let c = self.peek().ok_or_else(|| self.error("a `[` is never closed"))?;
        self.at += 1;
        match c {
            ']' => Ok(None),
            '\\' => match self.escape()? {
                Escape::Set(set) if set.negated => {
                    Err(self.error("`\\D`, `\\W` and `\\S` are not supported inside `[…]`"))
                }
                other => Ok(Some(other)),
            },
            c => Ok(Some(Escape::Char(c))),
        }
    }

    /// After `\`.
    fn escape(&mut self) -> Result<Escape, PatternError> {
        let c = self.peek().ok_or_else(|| self.error("the pattern ends with `\\`"))?;
        self.at += 1;
        let set = |ranges, negated| Ok(Escape::Set(Set::of(ranges, negated)));
        let char = |c| Ok(Escape::Char(c));
        match c {
            'd' => set(DIGIT, false),
            'D' => set(DIGIT, true),
            'w' => set(WORD, false),
            'W' => set(WORD, true),
            's' => set(SPACE, false),
            'S' => set(SPACE, true),
            't' => char('\t'),
            'n' => char('\n'),
            'r' => char('\r'),
            'f' => char('\u{c}'),
            'v' => char('\u{b}'),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => char('\0'),
            'x' => self.hex(2),
            'u' => self.hex(4),
            c if c.is_ascii_punctuation() => char(c),
            _ => {
                self.at -= 1;
                Err(self.error(&format!("the escape `\\{c}` is not supported")))
            }
        }
    }

    fn hex(&mut self, digits: usize) -> Result<Escape, PatternError> {
        let text: String = self.chars.iter().skip(self.at).take(digits).collect();
        let value = (text.len() == digits && text.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(&text, 16).ok())
            .flatten()
            .and_then(char::from_u32)
            .ok_or_else(|| self.error(&format!("a `\\x` or `\\u` escape needs {digits} hex digits")))?;
        self.at += digits;
        Ok(Escape::Char(value))
    }
}

enum Escape {
    Char(char),
    Set(Set),
}
