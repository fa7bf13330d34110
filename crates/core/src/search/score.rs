//! How well one entry answers a query: every word must be found in it, as
//! typed (whole word, plural or prefix) or as one of its corrections.

use super::fuzzy::Vocabulary;
use super::words::{Fit, find};
use super::{Entry, HitKind};

pub(crate) struct Scored {
    pub score: u32,
    /// Query words found only through a correction.
    pub typos: u32,
    /// The byte offset in the entry's text of the match to show.
    pub at: Option<usize>,
    /// The vocabulary ids of the corrections that matched.
    pub corrected: Vec<u32>,
}

/// Points for a word found in the head (name, method, path), the text or
/// the context (the page's title): whole word, prefix, correction.
const HEAD: [u32; 3] = [30, 20, 10];
const TEXT: [u32; 3] = [6, 4, 2];
const CONTEXT: [u32; 3] = [5, 3, 1];

fn points(table: [u32; 3], fit: Fit) -> u32 {
    if fit == Fit::Exact { table[0] } else { table[1] }
}

/// `None` when a word matches nowhere in the entry. `corrections[i]` are
/// the vocabulary ids `words[i]` may be a typo of.
pub(crate) fn score(
    entry: &Entry,
    words: &[String],
    corrections: &[Vec<u32>],
    vocabulary: &Vocabulary,
) -> Option<Scored> {
    let mut scored = Scored { score: entry.kind.bonus(), typos: 0, at: None, corrected: Vec::new() };
    let mut covered_by: Vec<&str> = Vec::new();
    for (word, fixes) in words.iter().zip(corrections) {
        let in_text = find(&entry.text_lc, word);
        let points = match (find(&entry.head, word), in_text, find(&entry.context_lc, word)) {
            (Some((fit, _)), _, _) => points(HEAD, fit),
            (None, Some((fit, pos)), _) => {
                scored.at = Some(scored.at.map_or(pos, |a| a.min(pos)));
                points(TEXT, fit)
            }
            (None, None, Some((fit, _))) => points(CONTEXT, fit),
            (None, None, None) => {
                // The closest correction the entry holds.
                let id = fixes.iter().copied().find(|id| entry.word_ids.binary_search(id).is_ok())?;
                let fixed = vocabulary.word(id);
                scored.typos += 1;
                scored.corrected.push(id);
                covered_by.push(fixed);
                if find(&entry.head, fixed).is_some() {
                    HEAD[2]
                } else if let Some((_, pos)) = find(&entry.text_lc, fixed) {
                    scored.at = Some(scored.at.map_or(pos, |a| a.min(pos)));
                    TEXT[2]
                } else {
                    CONTEXT[2]
                }
            }
        };
        scored.score += points;
        // The excerpt shows the text's first match even when the title matched.
        if scored.at.is_none() {
            scored.at = in_text.map(|(_, pos)| pos);
        }
        covered_by.push(word);
    }
    // An operation's whole path typed: `POST /v1/resources`.
    if entry.kind == HitKind::Operation
        && words.iter().any(|w| entry.head.split(' ').nth(1).is_some_and(|path| path == w))
    {
        scored.score += 25;
    }
    // How much of the title the query covers: `rate limit` is all of "Rate
    // limits" and a third of "Rate-limit headers".
    if !entry.title_words.is_empty() {
        let pieces: Vec<&str> = covered_by
            .iter()
            .flat_map(|w| w.split(|c: char| !c.is_ascii_alphanumeric()))
            .filter(|p| !p.is_empty())
            .collect();
        let covered = entry
            .title_words
            .iter()
            .filter(|t| pieces.iter().any(|p| p.starts_with(t.as_str()) || t.starts_with(p)))
            .count();
        scored.score += (15 * covered / entry.title_words.len()) as u32;
    }
    Some(scored)
}
