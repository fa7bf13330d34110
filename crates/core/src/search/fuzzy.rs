//! Typo tolerance: the words of the docs within a small edit distance of a
//! query word, so `pagnation` still finds "Pagination".
//!
//! - Only query words of 5 letters or more are corrected: 1 edit for 5–7
//!   letters, 2 for 8 or more (shorter words have too many neighbours).
//! - An edit is an insertion, deletion, substitution or swap of two
//!   neighbouring letters (`paramter`, `paginaiton`).
//! - The first letter must be right: typos there are rare, and the rule
//!   keeps the scan to one letter's share of the vocabulary.
//! - The distance is to the start of a docs word, so a word still being
//!   typed (`pagnat`) is corrected too, as a prefix is matched.
//!
//! The vocabulary is every distinct word of the index, sorted; each entry
//! keeps the ids of its words, so testing an entry for a correction is a
//! binary search, not a scan of its text.

/// Sorted, distinct, lowercased ASCII words of 3 characters or more.
#[derive(Default)]
pub(crate) struct Vocabulary {
    words: Vec<String>,
}

/// Words shorter than this are not kept (nothing is corrected to them).
const MIN_WORD: usize = 3;
/// Query words shorter than this are taken as typed.
const MIN_QUERY: usize = 5;
/// From this length, two edits are allowed.
const TWO_EDITS: usize = 8;

/// The words of `text` worth a vocabulary entry.
pub(crate) fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| w.len() >= MIN_WORD)
}

impl Vocabulary {
    /// The vocabulary of `documents` (each a few lowercased texts), and for
    /// each document the sorted ids of its words. One sort of every (word,
    /// document) pair does both, and owns each distinct word once.
    pub(crate) fn index(documents: &[[&str; 3]]) -> (Vocabulary, Vec<Vec<u32>>) {
        let mut pairs: Vec<(&str, u32)> = documents
            .iter()
            .enumerate()
            .flat_map(|(i, texts)| texts.iter().flat_map(|t| words_of(t)).map(move |w| (w, i as u32)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut words: Vec<String> = Vec::new();
        let mut ids = vec![Vec::new(); documents.len()];
        for (word, document) in pairs {
            if words.last().is_none_or(|last| last != word) {
                words.push(word.to_owned());
            }
            ids[document as usize].push((words.len() - 1) as u32);
        }
        (Vocabulary { words }, ids)
    }

    pub(crate) fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// The ids of the words `word` may be a typo of, closest first. Words
    /// that `word` already starts are left out: those match as typed.
    pub(crate) fn corrections(&self, word: &str) -> Vec<u32> {
        let q = word.as_bytes();
        if q.len() < MIN_QUERY || !q.iter().all(u8::is_ascii_alphabetic) {
            return Vec::new();
        }
        let max = if q.len() >= TWO_EDITS { 2 } else { 1 };
        // The words starting with the same letter: one contiguous run.
        let first = &word[..1];
        let start = self.words.partition_point(|w| w.as_str() < first);
        let mut found: Vec<(usize, u32)> = self.words[start..]
            .iter()
            .take_while(|w| w.starts_with(first))
            .enumerate()
            .filter(|(_, w)| !w.starts_with(word))
            .filter_map(|(i, w)| {
                let d = prefix_distance(q, w.as_bytes(), max)?;
                Some((d, (start + i) as u32))
            })
            .collect();
        found.sort_unstable();
        found.into_iter().map(|(_, id)| id).collect()
    }
}

/// The least edit distance (with swaps of neighbours) between `q` and any
/// start of `w` at least as long as `q` minus `max`, if it is at most `max`.
fn prefix_distance(q: &[u8], w: &[u8], max: usize) -> Option<usize> {
    let (m, n) = (q.len(), w.len().min(q.len() + max));
    if n + max < m {
        return None;
    }
    // Three rows of the table: two back, for swaps.
    let mut back2 = vec![0usize; n + 1];
    let mut back: Vec<usize> = (0..=n).collect();
    let mut row = vec![0usize; n + 1];
    for i in 1..=m {
        row[0] = i;
        for j in 1..=n {
            let cost = usize::from(q[i - 1] != w[j - 1]);
            let mut d = (back[j] + 1).min(row[j - 1] + 1).min(back[j - 1] + cost);
            if i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1] {
                d = d.min(back2[j - 2] + 1);
            }
            row[j] = d;
        }
        // Every path to the end passes through this row: past `max`, stop.
        if row.iter().all(|&d| d > max) {
            return None;
        }
        std::mem::swap(&mut back2, &mut back);
        std::mem::swap(&mut back, &mut row);
    }
    // `back` is the last row: the distance to each start of `w`.
    let best = back[m.saturating_sub(max)..=n].iter().copied().min()?;
    (best <= max).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[&str]) -> Vocabulary {
        Vocabulary::index(&[[&words.join(" "), "", ""]]).0
    }

    fn corrected(v: &Vocabulary, word: &str) -> Vec<String> {
        v.corrections(word).into_iter().map(|id| v.word(id).to_owned()).collect()
    }

    #[test]
    fn distances() {
        let d = |q: &str, w: &str, max| prefix_distance(q.as_bytes(), w.as_bytes(), max);
        assert_eq!(d("pagnation", "pagination", 2), Some(1));
        assert_eq!(d("paginaiton", "pagination", 2), Some(1), "a swap is one edit");
        assert_eq!(d("pagnat", "pagination", 1), Some(1), "a prefix being typed");
        assert_eq!(d("limts", "limits", 1), Some(1));
        assert_eq!(d("limts", "list", 1), None);
        assert_eq!(d("tokn", "token", 1), Some(1));
        assert_eq!(d("quote", "quota", 1), Some(1));
        assert_eq!(d("abcde", "vwxyz", 2), None);
        assert_eq!(d("abcdefgh", "ab", 2), None, "too short to be its start");
    }

    #[test]
    fn corrections() {
        let v = vocabulary(&["pagination", "paginated", "page", "parameter", "quota", "quote", "limits", "limit"]);
        assert_eq!(corrected(&v, "pagnation"), ["pagination"]);
        assert_eq!(corrected(&v, "paginatd"), ["paginated", "pagination"]);
        assert_eq!(corrected(&v, "paramter"), ["parameter"]);
        // Short words and non-words are taken as typed; as are exact starts.
        assert!(corrected(&v, "pagn").is_empty());
        assert!(corrected(&v, "/v1/pagnation").is_empty());
        assert_eq!(corrected(&v, "limit"), Vec::<String>::new());
        assert_eq!(corrected(&v, "quota"), ["quote"]);
        // The first letter must be right.
        assert!(corrected(&v, "bagination").is_empty());
        let (v, ids) = Vocabulary::index(&[["the quota, quota", "and", "limits"], ["", "", "x-quota"]]);
        let id = |w: &str| v.words.iter().position(|x| x == w).unwrap() as u32;
        assert_eq!(v.words, ["and", "limits", "quota", "the"]);
        assert_eq!(ids, [vec![id("and"), id("limits"), id("quota"), id("the")], vec![id("quota")]]);
    }
}
