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

use parse::Parser;

mod parse;

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

/// The parsed pattern, before it is compiled.
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

#[cfg(test)]
mod tests;
