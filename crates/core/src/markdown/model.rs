//! The typed document model a page becomes. The app renders these values
//! as elements and text nodes, so no markdown source ever reaches the page
//! as HTML: raw HTML in a page shows up as its literal text.

use crate::operation::Operation;
use crate::schema::ObjectDef;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Page {
    /// Path relative to `content/`, e.g. `guides/errors.md`.
    pub file: String,
    /// Explorer route, e.g. `/errors` or `/reference/list-resources`.
    pub route: String,
    /// Title from the page's first `# heading`.
    pub title: String,
    /// Everything after the title.
    pub blocks: Vec<Block>,
    /// `##` and deeper headings, in order: the page's table of contents.
    pub headings: Vec<HeadingRef>,
    /// Set on reference pages.
    pub operation: Option<Operation>,
    /// The objects this page defines, in order (see `crate::schema`).
    pub objects: Vec<ObjectDef>,
}

impl Page {
    pub fn is_operation(&self) -> bool {
        self.operation.is_some()
    }

    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.anchor == anchor)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HeadingRef {
    pub level: u8,
    pub anchor: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CalloutKind {
    Note,
    Warning,
    HeadsUp,
}

impl CalloutKind {
    pub fn label(self) -> &'static str {
        match self {
            CalloutKind::Note => "Note",
            CalloutKind::Warning => "Warning",
            CalloutKind::HeadsUp => "Heads up",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Warning => "warning",
            CalloutKind::HeadsUp => "heads-up",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// What a fenced code block is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CodeRole {
    Plain,
    /// ```` ```json request ````: the operation's example request body.
    RequestExample,
    /// ```` ```json response 200 ````: an example response for a status.
    ResponseExample(u16),
    /// ```` ```json object Event ````: an example of a documented object.
    ObjectExample,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeBlock {
    /// The fence's language, lowercased; empty when none was given.
    pub lang: String,
    pub code: String,
    pub role: CodeRole,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Block {
    Heading {
        level: u8,
        anchor: String,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    Code(CodeBlock),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Quote(Vec<Block>),
    Callout {
        kind: CalloutKind,
        blocks: Vec<Block>,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
    /// Where the page's ```` ```operation ```` block stood: the app shows
    /// the operation's parameters and responses here.
    OperationDefinition,
    /// Where an ```` ```object <Name> ```` block stood: the app shows the
    /// object's field table here (`Docs::object`).
    Object(String),
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ListItem {
    /// `Some` for GFM task list items.
    pub checked: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LinkTarget {
    /// Another page of the docs (or this one), by route.
    Internal { route: String, anchor: Option<String> },
    /// `#anchor` on the same page.
    Anchor(String),
    /// http(s) or mailto only; other schemes are refused when parsing.
    External(String),
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link { target: LinkTarget, content: Vec<Inline> },
    SoftBreak,
    HardBreak,
}

/// `inlines` as they read on another page: links to `#anchor` (written on
/// the page at `home`) become links to `home#anchor`.
pub fn rebase_anchors(inlines: &[Inline], home: &str) -> Vec<Inline> {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Link { target: LinkTarget::Anchor(anchor), content } => Inline::Link {
                target: LinkTarget::Internal { route: home.to_owned(), anchor: Some(anchor.clone()) },
                content: rebase_anchors(content, home),
            },
            Inline::Link { target, content } => {
                Inline::Link { target: target.clone(), content: rebase_anchors(content, home) }
            }
            Inline::Emphasis(c) => Inline::Emphasis(rebase_anchors(c, home)),
            Inline::Strong(c) => Inline::Strong(rebase_anchors(c, home)),
            Inline::Strikethrough(c) => Inline::Strikethrough(rebase_anchors(c, home)),
            other => other.clone(),
        })
        .collect()
}

/// The plain text of inline content, as a reader would read it aloud.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(&mut out, inlines);
    out
}

fn push_plain(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) | Inline::Link { content: c, .. } => {
                push_plain(out, c)
            }
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
}
