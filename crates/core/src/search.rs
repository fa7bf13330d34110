//! Search over the whole reference: every page, every section under a
//! heading, every operation (method, path, summary, id), parameter and
//! response.
//!
//! The index is the docs' text, lowercased once, cut into entries. A query
//! scans it whole on every keystroke: with about 100 KB of text that is far
//! under the 10 ms budget (see `benches/search.rs`), and a scan finds what a
//! word index would split apart — `/v1/res`, `resources/{id}`,
//! `rate_limited`, `X-Request-Id`.
//!
//! Every word of the query must match, as the start of a word of the
//! entry's text. Ranking: a match in the title (or an operation's method
//! and path) counts far more than one in the text, a whole word more than a
//! prefix; pages and operations come before sections, parameters and
//! responses; titles the query covers entirely come first.

mod extract;
mod words;

use crate::Docs;
use crate::markdown::{Page, plain_text, slugify};
use crate::operation::{Location, Method, Operation, Param, Response, constraint_notes, reason_phrase};
use words::{Fit, find, query_words};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitKind {
    Page,
    Section,
    Operation,
    Parameter,
    Response,
}

impl HitKind {
    /// Among equal matches, pages and operations first.
    fn bonus(self) -> u32 {
        match self {
            HitKind::Page | HitKind::Operation => 8,
            HitKind::Section => 5,
            HitKind::Parameter => 3,
            HitKind::Response => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub route: String,
    /// The heading, parameter or response to scroll to (see [`param_anchor`]
    /// and [`response_anchor`]).
    pub anchor: Option<String>,
    pub title: String,
    /// The page or operation the hit belongs to, for sections, parameters
    /// and responses; empty for pages and operations.
    pub context: String,
    pub kind: HitKind,
    pub method: Option<Method>,
    /// One line of text around the first match.
    pub excerpt: String,
    /// Byte ranges of `excerpt` to highlight, sorted and disjoint.
    pub excerpt_matches: Vec<(usize, usize)>,
    pub score: u32,
}

/// The element id of a parameter's row on its operation page.
pub fn param_anchor(location: Location, name: &str) -> String {
    format!("param-{}-{}", location.as_str(), slugify(name))
}

/// The element id of a response's entry on its operation page.
pub fn response_anchor(status: u16) -> String {
    format!("response-{status}")
}

struct Entry {
    route: String,
    anchor: Option<String>,
    kind: HitKind,
    method: Option<Method>,
    title: String,
    context: String,
    text: String,
    /// Lowercased: the title, plus an operation's method, path and id.
    head: String,
    /// Lowercased `context` and `text`.
    context_lc: String,
    text_lc: String,
    /// The words of the title, lowercased, for coverage.
    title_words: Vec<String>,
}

pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn build(docs: &Docs) -> SearchIndex {
        let mut index = SearchIndex { entries: Vec::new() };
        for page in &docs.pages {
            index.add_page(page);
        }
        index
    }

    /// How many entries the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn add(&mut self, kind: HitKind, route: &str, anchor: Option<String>, method: Option<Method>, parts: Parts) {
        let Parts { title, head_extra, context, text } = parts;
        let mut head = title.to_ascii_lowercase();
        if !head_extra.is_empty() {
            head = format!("{} {head}", head_extra.to_ascii_lowercase());
        }
        let title_words = title
            .to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        self.entries.push(Entry {
            route: route.to_owned(),
            anchor,
            kind,
            method,
            context_lc: context.to_ascii_lowercase(),
            text_lc: text.to_ascii_lowercase(),
            title,
            context,
            text,
            head,
            title_words,
        });
    }

    fn add_page(&mut self, page: &Page) {
        let cut = extract::cut(&page.blocks);
        let route = page.route.as_str();
        match &page.operation {
            Some(op) => self.add_operation(page, op, cut.intro),
            None => self.add(HitKind::Page, route, None, None, Parts::new(&page.title, "", cut.intro)),
        }
        for section in cut.sections {
            let parts = Parts::new(&section.heading, &page.title, section.text);
            self.add(HitKind::Section, route, Some(section.anchor), None, parts);
        }
    }

    fn add_operation(&mut self, page: &Page, op: &Operation, intro: String) {
        let route = page.route.as_str();
        let method = Some(op.method);
        let parts =
            Parts { head_extra: format!("{} {} {}", op.method, op.path, op.id), ..Parts::new(&op.summary, "", intro) };
        self.add(HitKind::Operation, route, None, method, parts);
        for param in &op.params {
            let anchor = Some(param_anchor(param.location, &param.name));
            self.add(
                HitKind::Parameter,
                route,
                anchor,
                method,
                Parts::new(&param.name, &op.summary, param_text(param)),
            );
        }
        for response in &op.responses {
            let title = format!("{} {}", response.status, reason_phrase(response.status));
            let anchor = Some(response_anchor(response.status));
            self.add(
                HitKind::Response,
                route,
                anchor,
                method,
                Parts::new(&title, &op.summary, response_text(response)),
            );
        }
    }

    /// The best `limit` hits for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words = query_words(query);
        if words.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut scored: Vec<(u32, usize, Option<usize>)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| score(entry, &words).map(|(score, at)| (score, i, at)))
            .collect();
        // Best score first; among equals, the docs' reading order.
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        scored.into_iter().map(|(score, i, at)| self.hit(&self.entries[i], &words, score, at)).collect()
    }

    fn hit(&self, entry: &Entry, words: &[String], score: u32, at: Option<usize>) -> Hit {
        let source = if entry.text.is_empty() { &entry.title } else { &entry.text };
        let excerpt = words::excerpt(source, at.unwrap_or(0));
        let excerpt_matches = words::ranges(&excerpt.to_ascii_lowercase(), words);
        Hit {
            route: entry.route.clone(),
            anchor: entry.anchor.clone(),
            title: entry.title.clone(),
            context: entry.context.clone(),
            kind: entry.kind,
            method: entry.method,
            excerpt,
            excerpt_matches,
            score,
        }
    }
}

/// The text of an entry, before lowercasing.
struct Parts {
    title: String,
    /// Matched like the title but not shown in it: method, path and id.
    head_extra: String,
    context: String,
    text: String,
}

impl Parts {
    fn new(title: &str, context: &str, text: String) -> Parts {
        Parts { title: title.to_owned(), head_extra: String::new(), context: context.to_owned(), text }
    }
}

fn param_text(param: &Param) -> String {
    let mut text = String::new();
    extract::push(&mut text, &format!("{} {} parameter.", param.location.as_str(), param.ty.as_str()));
    extract::push(&mut text, &plain_text(&param.rendered));
    for note in constraint_notes(param) {
        extract::push(&mut text, &format!("{note}."));
    }
    if let Some(example) = &param.example {
        extract::push(&mut text, &format!("Example: {example}"));
    }
    text
}

fn response_text(response: &Response) -> String {
    let mut text = extract::fold(&plain_text(&response.rendered));
    for header in &response.headers {
        extract::push(&mut text, &format!("{}: {}", header.name, plain_text(&header.rendered)));
    }
    text
}

/// An entry's score for the query, and the byte offset in its text of the
/// match to show; `None` when a word matches nowhere in it.
fn score(entry: &Entry, words: &[String]) -> Option<(u32, Option<usize>)> {
    let mut total = entry.kind.bonus();
    let mut at: Option<usize> = None;
    for word in words {
        let in_head = find(&entry.head, word).map(|(fit, _)| fit);
        let in_text = || find(&entry.text_lc, word);
        total += match in_head {
            Some(Fit::Exact) => 30,
            Some(Fit::Prefix) => 20,
            None => match (in_text(), find(&entry.context_lc, word)) {
                (Some((fit, pos)), _) => {
                    at = Some(at.map_or(pos, |a| a.min(pos)));
                    if fit == Fit::Exact { 6 } else { 4 }
                }
                (None, Some((Fit::Exact, _))) => 5,
                (None, Some((Fit::Prefix, _))) => 3,
                (None, None) => return None,
            },
        };
        // The excerpt shows the text's first match even when the title matched.
        if at.is_none() {
            at = in_text().map(|(_, pos)| pos);
        }
    }
    // An operation's whole path typed: `POST /v1/resources`.
    if entry.kind == HitKind::Operation
        && words.iter().any(|w| entry.head.split(' ').nth(1).is_some_and(|path| path == w))
    {
        total += 25;
    }
    // How much of the title the query covers: `rate limit` is all of "Rate
    // limits" and a third of "Rate-limit headers".
    if !entry.title_words.is_empty() {
        let pieces: Vec<&str> = words
            .iter()
            .flat_map(|w| w.split(|c: char| !c.is_ascii_alphanumeric()))
            .filter(|p| !p.is_empty())
            .collect();
        let covered = entry
            .title_words
            .iter()
            .filter(|t| pieces.iter().any(|p| p.starts_with(t.as_str()) || t.starts_with(p)))
            .count();
        total += (15 * covered / entry.title_words.len()) as u32;
    }
    Some((total, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> &'static Docs {
        static DOCS: std::sync::OnceLock<Docs> = std::sync::OnceLock::new();
        DOCS.get_or_init(|| Docs::load(explorer_content::FILES).expect("the content loads"))
    }

    fn tiny() -> SearchIndex {
        let files = [
            (
                "SUMMARY.md",
                "# Summary\n\n[Overview](overview.md)\n\n# Guides\n\n- [Other](guides/other.md)\n- [Limitations](guides/limitations.md)\n- [Limits](guides/limits.md)\n",
            ),
            ("overview.md", "# Overview\n\nWelcome.\n"),
            ("guides/other.md", "# Other\n\nSome limits apply here.\n\n## Quotas\n\nPer key limit, see `X-Quota`.\n"),
            ("guides/limitations.md", "# Limitations\n\nWhat is missing.\n"),
            ("guides/limits.md", "# Limits\n\nHow many.\n"),
        ];
        SearchIndex::build(&Docs::load(&files).expect("loads"))
    }

    fn titles(index: &SearchIndex, query: &str) -> Vec<String> {
        index.search(query, 10).into_iter().map(|h| h.title).collect()
    }

    #[test]
    fn ranking() {
        let index = tiny();
        // Title above text; whole word (or plural) above prefix.
        assert_eq!(titles(&index, "limit"), ["Limits", "Limitations", "Other", "Quotas"]);
        assert_eq!(titles(&index, "limits"), ["Limits", "Other"]);
        assert_eq!(titles(&index, "limitation"), ["Limitations"]);
        // Every word, anywhere in the entry; the page title counts for its sections.
        assert_eq!(titles(&index, "quota key"), ["Quotas"]);
        assert_eq!(titles(&index, "other quotas"), ["Quotas"]);
        assert_eq!(titles(&index, "x-quota"), ["Quotas"]);
        let hit = &index.search("apply", 1)[0];
        assert_eq!(
            (hit.excerpt.as_str(), hit.excerpt_matches.as_slice()),
            ("Some limits apply here.", &[(12, 17)][..])
        );
    }

    #[test]
    fn anchors() {
        assert_eq!(param_anchor(Location::Header, "Idempotency-Key"), "param-header-idempotency-key");
        assert_eq!(response_anchor(429), "response-429");
    }

    #[test]
    fn indexes_every_kind() {
        let index = SearchIndex::build(docs());
        assert!(index.len() > 100, "{}", index.len());
        for kind in [HitKind::Page, HitKind::Section, HitKind::Operation, HitKind::Parameter, HitKind::Response] {
            assert!(index.entries.iter().any(|e| e.kind == kind), "{kind:?}");
        }
        assert!(index.search("", 10).is_empty());
        assert!(index.search("zzzqqq", 10).is_empty());
    }
}
