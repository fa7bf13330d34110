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
//! entry's text, or else as a typo of one (see `fuzzy`). Ranking: hits with
//! fewer corrected words first, whatever their score; then a match in the
//! title (or an operation's method and path) counts far more than one in
//! the text, a whole word more than a prefix, a prefix more than a typo;
//! pages and operations come before sections, parameters and responses;
//! titles the query covers entirely come first.
//!
//! Sections, parameters and responses are titled with their page
//! (`X-Request-Id — List resources`): the same header is documented on
//! every endpoint, and a list of identical titles says nothing. There is
//! one hit per place (route and anchor).

mod extract;
mod fuzzy;
mod score;
mod words;

use crate::Docs;
use crate::markdown::{Page, plain_text, slugify};
use crate::operation::{Location, Method, Operation, Param, Response, constraint_notes, reason_phrase};
use fuzzy::Vocabulary;
use score::{Scored, score};
use words::query_words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitKind {
    Page,
    Section,
    Operation,
    Parameter,
    Response,
    /// A field of a documented object (`Resource.status`).
    Field,
}

impl HitKind {
    /// Among equal matches, pages and operations first.
    fn bonus(self) -> u32 {
        match self {
            HitKind::Page | HitKind::Operation => 8,
            HitKind::Section => 5,
            HitKind::Parameter | HitKind::Field => 3,
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
    /// What the palette shows: the name, and for sections, parameters and
    /// responses the page after it, `X-Request-Id — List resources`.
    pub title: String,
    /// The heading, parameter or response alone (`X-Request-Id`); for pages
    /// and operations, the same as `title`.
    pub name: String,
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
    /// How many query words matched only as a typo of a docs word.
    pub typos: u32,
}

/// Between a name and its page in a hit's title.
pub const TITLE_SEPARATOR: &str = " — ";

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
    name: String,
    context: String,
    text: String,
    /// Lowercased: the name, plus an operation's method, path and id.
    head: String,
    /// Lowercased `context` and `text`.
    context_lc: String,
    text_lc: String,
    /// The words of the name, lowercased, for coverage.
    title_words: Vec<String>,
    /// The vocabulary ids of every word of `head`, `context` and `text`.
    word_ids: Vec<u32>,
}

impl Entry {
    fn title(&self) -> String {
        match self.kind {
            HitKind::Page | HitKind::Operation => self.name.clone(),
            _ => format!("{}{TITLE_SEPARATOR}{}", self.name, self.context),
        }
    }
}

pub struct SearchIndex {
    entries: Vec<Entry>,
    vocabulary: Vocabulary,
}

impl SearchIndex {
    pub fn build(docs: &Docs) -> SearchIndex {
        let mut index = SearchIndex { entries: Vec::new(), vocabulary: Vocabulary::default() };
        for page in &docs.pages {
            index.add_page(page);
        }
        let texts: Vec<[&str; 3]> =
            index.entries.iter().map(|e| [e.head.as_str(), e.context_lc.as_str(), e.text_lc.as_str()]).collect();
        let (vocabulary, ids) = Vocabulary::index(&texts);
        for (entry, ids) in index.entries.iter_mut().zip(ids) {
            entry.word_ids = ids;
        }
        index.vocabulary = vocabulary;
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
        // One entry per place: a second one (never expected) joins the first.
        if let Some(entry) = self.entries.iter_mut().find(|e| e.route == route && e.anchor == anchor) {
            extract::push(&mut entry.text, &parts.text);
            entry.text_lc = entry.text.to_ascii_lowercase();
            return;
        }
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
            name: title,
            context,
            text,
            head,
            title_words,
            word_ids: Vec::new(),
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
        for object in &page.objects {
            for field in &object.fields {
                let anchor = Some(crate::schema::field_anchor(&object.name, &field.name));
                let name = format!("{}.{}", object.name, field.name);
                self.add(HitKind::Field, route, anchor, None, Parts::new(&name, &page.title, param_text(field)));
            }
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
                Parts::new(&param.name, &page.title, param_text(param)),
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
                Parts::new(&title, &page.title, response_text(response)),
            );
        }
    }

    /// The best `limit` hits for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words = query_words(query);
        if words.is_empty() || limit == 0 {
            return Vec::new();
        }
        let corrections: Vec<Vec<u32>> = words.iter().map(|w| self.vocabulary.corrections(w)).collect();
        let mut scored: Vec<(Scored, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| Some((score(entry, &words, &corrections, &self.vocabulary)?, i)))
            .collect();
        // Fewest typos, then best score; among equals, the docs' reading order.
        scored.sort_unstable_by(|(a, i), (b, j)| a.typos.cmp(&b.typos).then(b.score.cmp(&a.score)).then(i.cmp(j)));
        scored.truncate(limit);
        scored.into_iter().map(|(s, i)| self.hit(&self.entries[i], &words, s)).collect()
    }

    fn hit(&self, entry: &Entry, words: &[String], scored: Scored) -> Hit {
        let source = if entry.text.is_empty() { &entry.name } else { &entry.text };
        let excerpt = words::excerpt(source, scored.at.unwrap_or(0));
        // The corrections that matched are highlighted like the words typed.
        let mut marked = words.to_vec();
        marked.extend(scored.corrected.iter().map(|&id| self.vocabulary.word(id).to_owned()));
        let excerpt_matches = words::ranges(&excerpt.to_ascii_lowercase(), &marked);
        Hit {
            route: entry.route.clone(),
            anchor: entry.anchor.clone(),
            title: entry.title(),
            name: entry.name.clone(),
            context: entry.context.clone(),
            kind: entry.kind,
            method: entry.method,
            excerpt,
            excerpt_matches,
            score: scored.score,
            typos: scored.typos,
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

#[cfg(test)]
mod tests;
