//! A small matcher for the regular expressions the docs write in `pattern`
//! attributes (ECMA-262 syntax, as in OpenAPI), so the browser checks them
//! without a regex crate in the wasm download (the first load has a 200 KB
//! budget; this is a few KB).
//!
//! The subset, which covers every pattern in `content/` with room to spare:
//! - literal characters, and `.` (anything but a line break);
//! - escapes: `\d \w \s \D \W \S`, `\t \n \r \f \v \0`, `\xHH`, `\uHHHH`,
//!   and a backslash before any punctuation (`\.`, `\-`, `\$`…);
//! - classes `[…]` and `[^…]` with ranges (`[a-z0-9_-]`, `[\x21-\x7E]`)
//!   and `\d \w \s` inside;
//! - groups `(…)` and `(?:…)`, alternation `|`;
//! - quantifiers `? * + {n} {n,} {n,m}` (a lazy `?` after one is accepted:
//!   only whether the text matches is asked, so laziness changes nothing);
//! - anchors `^` and `$`.
//!
//! Anything else (backreferences, lookaround, `\b`, named groups, `\p{…}`)
//! is refused by [`Pattern::new`] with a message, never half-checked.
//!
//! As with ECMA `RegExp.prototype.test`, a pattern without `^`/`$` matches
//! anywhere in the text. Characters are Unicode scalar values (ECMA counts
//! UTF-16 units; the two differ only for characters beyond U+FFFF inside a
//! counted repetition). Matching runs a Pike VM: all threads advance
//! together, so time is linear in the text and nothing recurses, whatever
//! a user pastes.

use std::fmt;

/// Most repetitions one quantifier may ask for, and most instructions a
/// pattern compiles to: bounds that keep a mistyped `{1,99999}` cheap.
const MAX_COUNT: u32 = 1000;
const MAX_PROGRAM: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PatternError {
    /// Character offset in the pattern.
    pub at: usize,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    program: Vec<Inst>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Set {
    ranges: Vec<(char, char)>,
    negated: bool,
}

impl Set {
    fn of(ranges: &[(char, char)], negated: bool) -> Set {
        Set { ranges: ranges.to_vec(), negated }
    }

    fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

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

#[derive(Debug, Clone)]
enum Node {
    Set(Set),
    Start,
    End,
    /// Alternatives, each a sequence.
    Group(Vec<Vec<Node>>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

#[derive(Debug, Clone)]
enum Inst {
    Char(Set),
    Split(usize, usize),
    Jump(usize),
    Start,
    End,
    Match,
}

impl Pattern {
    pub(crate) fn new(source: &str) -> Result<Pattern, PatternError> {
        let mut parser = Parser { chars: source.chars().collect(), at: 0 };
        let alternatives = parser.alternatives()?;
        if parser.at < parser.chars.len() {
            return Err(parser.error("an unmatched `)`"));
        }
        let mut program = Vec::new();
        emit(&Node::Group(alternatives), &mut program)?;
        program.push(Inst::Match);
        Ok(Pattern { program })
    }

    /// Whether `text` matches, `RegExp.prototype.test` style.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let mut current: Vec<usize> = Vec::new();
        let mut next: Vec<usize> = Vec::new();
        // `seen[pc] == step` when pc is already on the list built for `step`.
        let mut seen = vec![usize::MAX; self.program.len()];
        for i in 0..=chars.len() {
            // A new thread at every position: unanchored search.
            self.add(&mut current, &mut seen, 0, i, chars.len());
            if current.iter().any(|&pc| matches!(self.program[pc], Inst::Match)) {
                return true;
            }
            let Some(&c) = chars.get(i) else { break };
            next.clear();
            for &pc in &current {
                if let Inst::Char(set) = &self.program[pc]
                    && set.contains(c)
                {
                    self.add(&mut next, &mut seen, pc + 1, i + 1, chars.len());
                }
            }
            std::mem::swap(&mut current, &mut next);
        }
        false
    }

    /// Adds `pc` and every instruction reachable from it without reading a
    /// character, keeping the ones that read one (and `Match`).
    fn add(&self, list: &mut Vec<usize>, seen: &mut [usize], pc: usize, at: usize, len: usize) {
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if seen[pc] == at {
                continue;
            }
            seen[pc] = at;
            match &self.program[pc] {
                Inst::Jump(to) => stack.push(*to),
                Inst::Split(a, b) => {
                    // Pushed in reverse so `a` is followed first (order only matters for captures).
                    stack.push(*b);
                    stack.push(*a);
                }
                Inst::Start if at == 0 => stack.push(pc + 1),
                Inst::End if at == len => stack.push(pc + 1),
                Inst::Start | Inst::End => {}
                Inst::Char(_) | Inst::Match => list.push(pc),
            }
        }
    }
}

fn emit(node: &Node, program: &mut Vec<Inst>) -> Result<(), PatternError> {
    if program.len() > MAX_PROGRAM {
        return Err(PatternError { at: 0, message: "the pattern is too large to check".to_owned() });
    }
    match node {
        Node::Set(set) => program.push(Inst::Char(set.clone())),
        Node::Start => program.push(Inst::Start),
        Node::End => program.push(Inst::End),
        Node::Group(alternatives) => {
            // split(first, rest); first; jump(end); split(second, rest)…
            let mut jumps = Vec::new();
            for (i, sequence) in alternatives.iter().enumerate() {
                let last = i + 1 == alternatives.len();
                let split = program.len();
                if !last {
                    program.push(Inst::Split(split + 1, 0));
                }
                for node in sequence {
                    emit(node, program)?;
                }
                if !last {
                    jumps.push(program.len());
                    program.push(Inst::Jump(0));
                    let rest = program.len();
                    program[split] = Inst::Split(split + 1, rest);
                }
            }
            let end = program.len();
            for jump in jumps {
                program[jump] = Inst::Jump(end);
            }
        }
        Node::Repeat { node, min, max } => {
            for _ in 0..*min {
                emit(node, program)?;
            }
            match max {
                None => {
                    let split = program.len();
                    program.push(Inst::Split(split + 1, 0));
                    emit(node, program)?;
                    program.push(Inst::Jump(split));
                    let end = program.len();
                    program[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(program.len());
                        program.push(Inst::Split(0, 0));
                        emit(node, program)?;
                    }
                    let end = program.len();
                    for split in splits {
                        program[split] = Inst::Split(split + 1, end);
                    }
                }
            }
        }
    }
    Ok(())
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn error(&self, what: &str) -> PatternError {
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

    fn alternatives(&mut self) -> Result<Vec<Vec<Node>>, PatternError> {
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

#[cfg(test)]
mod tests;
