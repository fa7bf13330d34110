//! Finding query words in text, and the excerpt shown for a hit.
//!
//! Text is compared after ASCII lowercasing, which keeps every byte where it
//! was: a match found in the lowercased copy is highlighted in the original
//! at the same offsets. (Letters outside ASCII match only in their own case;
//! the docs are English.)

/// The words of a query, lowercased, without the punctuation people type
/// around them (`"X-Request-Id:"`, `limit?`), duplicates dropped.
pub(crate) fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for raw in query.split_whitespace() {
        let word = raw.trim_matches(|c: char| "\"'`,;:!?()".contains(c)).to_ascii_lowercase();
        if !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Fit {
    /// The word starts a word of the text: `lim` in `limits`.
    Prefix,
    /// The whole word (or its plural): `limit` in `limit` or `limits`.
    Exact,
}

/// How well `word` fits `text` (both lowercased), and where: the first
/// exact occurrence if there is one, else the first prefix occurrence. A
/// word that starts with a letter or digit must start a word of the text;
/// one that starts with punctuation (`/v1/res`) may start anywhere.
pub(crate) fn find(text: &str, word: &str) -> Option<(Fit, usize)> {
    let bytes = text.as_bytes();
    let anchored = word.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric);
    let open_end = !word.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric);
    let mut first = None;
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let pos = from + i;
        if !anchored || pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric() {
            if open_end || ends_word(bytes, pos + word.len()) {
                return Some((Fit::Exact, pos));
            }
            first.get_or_insert(pos);
        }
        from = pos + text[pos..].chars().next().map_or(1, char::len_utf8);
    }
    first.map(|pos| (Fit::Prefix, pos))
}

/// Whether a word of the text ends at `end`, counting a plural `s` in.
fn ends_word(bytes: &[u8], end: usize) -> bool {
    let boundary = |i: usize| bytes.get(i).is_none_or(|b| !b.is_ascii_alphanumeric());
    boundary(end) || (bytes[end] == b's' && boundary(end + 1))
}

/// Every occurrence of the words in `text` that `find` would accept, as
/// sorted, merged byte ranges.
pub(crate) fn ranges(lower: &str, words: &[String]) -> Vec<(usize, usize)> {
    let bytes = lower.as_bytes();
    let mut ranges = Vec::new();
    for word in words {
        let anchored = word.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric);
        let mut from = 0;
        while let Some(i) = lower[from..].find(word.as_str()) {
            let pos = from + i;
            if !anchored || pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric() {
                ranges.push((pos, pos + word.len()));
            }
            from = pos + word.len();
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// About this many bytes of text around a match.
const EXCERPT: usize = 160;
const BEFORE: usize = 40;

/// A window of `text` around byte `at`, cut at spaces, with `…` where text
/// was cut off.
pub(crate) fn excerpt(text: &str, at: usize) -> String {
    let mut start = floor(text, at.saturating_sub(BEFORE));
    if start > 0 {
        // Start at a word, unless that would skip past the match.
        if let Some(space) = text[start..at.min(text.len())].find(' ') {
            start += space + 1;
        }
    }
    let mut end = floor(text, (start + EXCERPT).min(text.len()));
    if end < text.len()
        && let Some(space) = text[start..end].rfind(' ').filter(|&s| start + s > at)
    {
        end = start + space;
    }
    let mut out = String::with_capacity(end - start + 8);
    if start > 0 {
        out.push('…');
    }
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(
            query_words("  POST /v1/Res \"X-Request-Id:\" post limit? "),
            ["post", "/v1/res", "x-request-id", "limit"]
        );
    }

    #[test]
    fn fits() {
        assert_eq!(find("rate limits apply", "limit"), Some((Fit::Exact, 5)));
        assert_eq!(find("rate limiting", "limit"), Some((Fit::Prefix, 5)));
        assert_eq!(find("unlimited", "limit"), None);
        assert_eq!(find("the rate_limited code", "limited"), Some((Fit::Exact, 9)));
        assert_eq!(find("post /v1/resources/{id}", "/v1/res"), Some((Fit::Prefix, 5)));
        assert_eq!(find("post /v1/resources/{id}", "resources/{id}"), Some((Fit::Exact, 9)));
        assert_eq!(find("x-request-id: é", "x-request-id"), Some((Fit::Exact, 0)));
        assert_eq!(find("a prefix then prefixes", "prefix"), Some((Fit::Exact, 2)));
        assert_eq!(find("éé", "é"), Some((Fit::Exact, 0)));
    }

    #[test]
    fn excerpts() {
        let text = "word ".repeat(100) + "needle " + &"tail ".repeat(100);
        let at = text.find("needle").unwrap();
        let e = excerpt(&text, at);
        assert!(e.starts_with("…word") && e.ends_with("tail…") && e.contains("needle"), "{e}");
        assert_eq!(excerpt("short text", 6), "short text");
        assert_eq!(ranges("limit limits unlimited", &["limit".into()]), [(0, 5), (6, 11)]);
    }
}
