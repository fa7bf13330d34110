//! The searchable text of the docs model: each page cut at its headings,
//! with whitespace folded so that excerpts read as one line.

use crate::markdown::{Block, ListItem, plain_text};

/// The text before a page's first heading, then each heading with the text
/// up to the next heading of any level.
pub(crate) struct Cut {
    pub intro: String,
    pub sections: Vec<Section>,
}

pub(crate) struct Section {
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

pub(crate) fn cut(blocks: &[Block]) -> Cut {
    let mut cut = Cut { intro: String::new(), sections: Vec::new() };
    for block in blocks {
        if let Block::Heading { anchor, content, .. } = block {
            let heading = fold(&plain_text(content));
            cut.sections.push(Section { anchor: anchor.clone(), heading, text: String::new() });
            continue;
        }
        let target = match cut.sections.last_mut() {
            Some(section) => &mut section.text,
            None => &mut cut.intro,
        };
        push_block(target, block);
    }
    cut
}

fn push_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => push(out, &plain_text(content)),
        Block::Code(code) => push(out, &code.code),
        Block::List { items, .. } => {
            for ListItem { blocks, .. } in items {
                blocks.iter().for_each(|b| push_block(out, b));
            }
        }
        Block::Quote(blocks) | Block::Callout { blocks, .. } => blocks.iter().for_each(|b| push_block(out, b)),
        Block::Table { head, rows, .. } => {
            for cell in head.iter().chain(rows.iter().flatten()) {
                push(out, &plain_text(cell));
            }
        }
        // Objects are indexed field by field (`SearchIndex::add_page`).
        Block::Rule | Block::OperationDefinition | Block::Object(_) => {}
    }
}

/// Appends `text` with runs of whitespace folded to one space.
pub(crate) fn push(out: &mut String, text: &str) {
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

pub(crate) fn fold(text: &str) -> String {
    let mut out = String::new();
    push(&mut out, text);
    out
}
