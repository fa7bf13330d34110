//! The docs for AI assistants and other tools, all from the docs model so
//! that they never disagree with the pages: every page as markdown
//! ([`page_markdown`]), `llms.txt` (the llms.txt convention: title, summary,
//! sections of links with one-line descriptions) and `llms-full.txt` (the
//! whole reference in one file).

mod page;

pub use page::page_markdown;

use crate::Docs;
use crate::docs::NavEntry;
use crate::markdown::write::markdown_path;
use crate::markdown::{Block, Page, plain_text};
use crate::openapi::TITLE;

/// A page's one-line description: its first paragraph's first sentence
/// (an operation's summary for reference pages).
pub fn description(page: &Page) -> String {
    if let Some(op) = &page.operation {
        return format!("{} `{} {}`.", op.summary, op.method, op.path);
    }
    let first = page.blocks.iter().find_map(|b| match b {
        Block::Paragraph(inlines) => Some(plain_text(inlines)),
        _ => None,
    });
    let first = first.unwrap_or_default();
    let sentence = match first.find(". ") {
        Some(end) => &first[..=end],
        None => first.as_str(),
    };
    sentence.trim().to_owned()
}

/// Every file the build writes beside the app: `(path, markdown)`, paths
/// relative to the site's root (`llms.txt`, `reference/ping.md`, …).
pub fn files(docs: &Docs) -> Vec<(String, String)> {
    let mut files = vec![("llms.txt".to_owned(), llms_txt(docs)), ("llms-full.txt".to_owned(), llms_full(docs))];
    for page in &docs.pages {
        let path = markdown_path(&page.route);
        files.push((path.trim_start_matches('/').to_owned(), page_markdown(docs, page, "") + "\n"));
    }
    files
}

/// `/llms.txt`: the title, a summary, and each part of the navigation as a
/// section of links to the pages' markdown.
pub fn llms_txt(docs: &Docs) -> String {
    let mut out = format!("# {TITLE}\n\n");
    if let Some(overview) = docs.page_at("/") {
        out.push_str(&format!("> {}\n\n", description(overview)));
    }
    out.push_str(
        "Every page below is markdown generated from the same model as the explorer's pages. \
         `/llms-full.txt` holds all of them in one file, and the sandbox serves an MCP server at `/mcp`.\n\n",
    );
    for section in &docs.nav {
        out.push_str(&format!("## {}\n\n", section.title.as_deref().unwrap_or("Start here")));
        for entry in &section.entries {
            let pages: Vec<(usize, &str)> = match entry {
                NavEntry::Page { index, title } => vec![(*index, title.as_str())],
                NavEntry::Group { pages, .. } => pages.iter().map(|(i, t)| (*i, t.as_str())).collect(),
            };
            for (index, title) in pages {
                let page = &docs.pages[index];
                let (mut title_text, mut description_text) = (String::new(), String::new());
                crate::markdown::write::push_escaped(&mut title_text, title);
                crate::markdown::write::push_escaped(&mut description_text, &description(page));
                out.push_str(&format!("- [{title_text}]({}): {description_text}\n", markdown_path(&page.route)));
            }
        }
        out.push('\n');
    }
    out.pop();
    out
}

/// `/llms-full.txt`: every page's markdown, in reading order.
pub fn llms_full(docs: &Docs) -> String {
    let mut out = format!("# {TITLE}\n\n");
    for page in &docs.pages {
        out.push_str(&format!("<!-- {} -->\n\n", markdown_path(&page.route)));
        // Headings one level down, so the file has one title; a `#` in a
        // code block is not a heading.
        let mut fence: Option<String> = None;
        for line in page_markdown(docs, page, "").lines() {
            let ticks: String = line.chars().take_while(|c| *c == '`').collect();
            match &fence {
                Some(open) if ticks.len() >= open.len() && line.trim_end() == ticks => fence = None,
                None if ticks.len() >= 3 => fence = Some(ticks),
                None if line.starts_with('#') => out.push('#'),
                _ => {}
            }
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(all(test, feature = "markdown"))]
mod tests;
