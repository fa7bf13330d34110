//! The docs model back to CommonMark: inline content and whole blocks.
//! The OpenAPI export uses it for descriptions (links to other pages keep
//! only their text there), and the markdown pages for machines
//! (`crate::llms`) for everything, with links to the other `.md` pages.

use super::model::{Align, Block, CalloutKind, CodeRole, Inline, LinkTarget};

/// What becomes of a link to another page of the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links<'a> {
    /// Only its text: the target is meaningless in another tool.
    TextOnly,
    /// A link to that page's markdown, under this base URL (may be empty,
    /// for links from the site's root).
    Markdown(&'a str),
}

/// `/errors` → `/errors.md`; the overview (`/`) is `/index.md`.
pub fn markdown_path(route: &str) -> String {
    if route == "/" { "/index.md".to_owned() } else { format!("{route}.md") }
}

/// Inline content as CommonMark.
pub fn inlines(inlines: &[Inline], links: Links) -> String {
    let mut out = String::new();
    push_inlines(&mut out, inlines, links);
    escape_line_starts(&out)
}

/// Text that would open a block where a line starts (`# `, `> `, `- `,
/// `+ `, `1. `) gets its marker escaped, so it stays text.
fn escape_line_starts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after_digits = &line[digits..];
        let opens = line.starts_with(['#', '>', '-', '+', '='])
            || (digits > 0 && (after_digits.starts_with(". ") || after_digits.starts_with(") ")));
        if opens && !line.starts_with("---") {
            if digits > 0 {
                out.push_str(&line[..digits]);
                out.push('\\');
                out.push_str(after_digits);
            } else {
                out.push('\\');
                out.push_str(line);
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

fn push_inlines(out: &mut String, inlines: &[Inline], links: Links) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => push_escaped(out, text),
            Inline::Code(code) => push_code_span(out, code),
            Inline::Emphasis(content) => wrap(out, "*", content, links),
            Inline::Strong(content) => wrap(out, "**", content, links),
            Inline::Strikethrough(content) => wrap(out, "~~", content, links),
            Inline::Link { target, content } => {
                let href = match (target, links) {
                    (LinkTarget::External(url), _) => Some(url.clone()),
                    (_, Links::TextOnly) => None,
                    (LinkTarget::Internal { route, anchor }, Links::Markdown(base)) => {
                        let fragment = anchor.as_deref().map(|a| format!("#{a}")).unwrap_or_default();
                        Some(format!("{base}{}{fragment}", markdown_path(route)))
                    }
                    (LinkTarget::Anchor(anchor), Links::Markdown(_)) => Some(format!("#{anchor}")),
                };
                match href {
                    Some(href) => {
                        out.push('[');
                        push_inlines(out, content, links);
                        out.push_str(&format!("](<{href}>)"));
                    }
                    None => push_inlines(out, content, links),
                }
            }
            Inline::SoftBreak => out.push(' '),
            Inline::HardBreak => out.push_str("\\\n"),
        }
    }
}

/// A code span with a fence longer than any run of backticks inside.
pub fn push_code_span(out: &mut String, code: &str) {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    out.push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
}

fn wrap(out: &mut String, marker: &str, content: &[Inline], links: Links) {
    out.push_str(marker);
    push_inlines(out, content, links);
    out.push_str(marker);
}

/// Text with the characters that would start markup escaped. `_` inside a
/// word (`sk_live`) cannot, so it stays as it is.
pub fn push_escaped(out: &mut String, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let word = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_alphanumeric());
        let special = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' | '|' | '&' => true,
            '_' => !(word(i.checked_sub(1)) && word(Some(i + 1))),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A fenced code block whose fence no line inside can close.
pub fn push_fence(out: &mut String, lang: &str, code: &str) {
    let longest = code.lines().map(|l| l.len() - l.trim_start_matches('`').len()).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    out.push_str(&format!("{fence}{lang}\n{}", code.trim_end_matches('\n')));
    out.push_str(&format!("\n{fence}\n\n"));
}

/// Blocks as CommonMark. `special` writes the blocks only the caller knows
/// how to write (an operation's definition, an object's table) and returns
/// false for the others.
pub fn blocks(out: &mut String, blocks: &[Block], links: Links, special: &mut dyn FnMut(&mut String, &Block) -> bool) {
    for block in blocks {
        block_to(out, block, links, special);
    }
}

fn block_to(out: &mut String, block: &Block, links: Links, special: &mut dyn FnMut(&mut String, &Block) -> bool) {
    match block {
        Block::Heading { level, content, .. } => {
            out.push_str(&format!("{} {}\n\n", "#".repeat(usize::from(*level)), inlines(content, links)));
        }
        Block::Paragraph(content) => out.push_str(&format!("{}\n\n", inlines(content, links))),
        Block::Code(code) => {
            let caption = match code.role {
                CodeRole::RequestExample => Some("Example request body:".to_owned()),
                CodeRole::ResponseExample(status) => Some(format!("Example response {status}:")),
                CodeRole::ObjectExample | CodeRole::Plain => None,
            };
            if let Some(caption) = caption {
                out.push_str(&format!("{caption}\n\n"));
            }
            push_fence(out, &code.lang, &code.code);
        }
        Block::List { start, items } => {
            for (i, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(n) => format!("{}. ", n + i as u64),
                    None => "- ".to_owned(),
                };
                let task = match item.checked {
                    Some(true) => "[x] ",
                    Some(false) => "[ ] ",
                    None => "",
                };
                let mut inner = String::new();
                blocks(&mut inner, &item.blocks, links, special);
                let indent = " ".repeat(marker.len());
                let mut lines = inner.trim_end().lines();
                out.push_str(&format!("{marker}{task}{}\n", lines.next().unwrap_or_default()));
                for line in lines {
                    if line.is_empty() { out.push('\n') } else { out.push_str(&format!("{indent}{line}\n")) }
                }
            }
            out.push('\n');
        }
        Block::Quote(inner) => quote(out, inner, None, links, special),
        Block::Callout { kind, blocks: inner } => quote(out, inner, Some(*kind), links, special),
        Block::Table { align, head, rows } => {
            let cells = |row: &[Vec<Inline>]| -> String {
                let texts: Vec<String> = row.iter().map(|c| cell(&inlines(c, links))).collect();
                format!("| {} |\n", texts.join(" | "))
            };
            out.push_str(&cells(head));
            let rule: Vec<&str> = align
                .iter()
                .map(|a| match a {
                    Align::None => "---",
                    Align::Left => ":---",
                    Align::Center => ":---:",
                    Align::Right => "---:",
                })
                .collect();
            out.push_str(&format!("| {} |\n", rule.join(" | ")));
            for row in rows {
                out.push_str(&cells(row));
            }
            out.push('\n');
        }
        Block::Rule => out.push_str("---\n\n"),
        Block::OperationDefinition | Block::Object(_) => {
            special(out, block);
        }
    }
}

fn quote(
    out: &mut String,
    inner: &[Block],
    kind: Option<CalloutKind>,
    links: Links,
    special: &mut dyn FnMut(&mut String, &Block) -> bool,
) {
    let mut text = String::new();
    if let Some(kind) = kind {
        text.push_str(&format!("**{}:** ", kind.label()));
    }
    blocks(&mut text, inner, links, special);
    for line in text.trim_end().lines() {
        out.push_str(if line.is_empty() { ">\n" } else { "> " });
        if !line.is_empty() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
}

/// A GFM table cell from markdown: one line, and every `|` not already
/// escaped (those in code spans) escaped, as GFM wants even there.
pub fn cell(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut escaped = false;
    for c in markdown.chars() {
        match c {
            '\n' => out.push(' '),
            '|' if !escaped => out.push_str("\\|"),
            _ => out.push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::CodeBlock;

    fn text(t: &str) -> Inline {
        Inline::Text(t.into())
    }

    #[test]
    fn links_follow_the_style() {
        let link = vec![
            text("See "),
            Inline::Link {
                target: LinkTarget::Internal { route: "/errors".into(), anchor: Some("not_found".into()) },
                content: vec![text("errors")],
            },
            text(" and "),
            Inline::Link { target: LinkTarget::External("https://x.dev".into()), content: vec![text("x")] },
        ];
        assert_eq!(inlines(&link, Links::TextOnly), "See errors and [x](<https://x.dev>)");
        assert_eq!(
            inlines(&link, Links::Markdown("http://h")),
            "See [errors](<http://h/errors.md#not_found>) and [x](<https://x.dev>)"
        );
        assert_eq!(markdown_path("/"), "/index.md");
        assert_eq!(cell("a\\|b `x|y`\nz"), "a\\|b `x\\|y` z");
        let tricky = vec![text("# not a title"), Inline::HardBreak, text("1. not a list & <b>")];
        assert_eq!(inlines(&tricky, Links::TextOnly), "\\# not a title\\\n1\\. not a list \\& \\<b>");
    }

    #[test]
    fn blocks_round_trip_to_commonmark() {
        let doc = vec![
            Block::Heading { level: 2, anchor: "a".into(), content: vec![text("A b")] },
            Block::List {
                start: Some(3),
                items: vec![crate::markdown::ListItem {
                    checked: None,
                    blocks: vec![Block::Paragraph(vec![text("x")])],
                }],
            },
            Block::Callout { kind: CalloutKind::Note, blocks: vec![Block::Paragraph(vec![text("careful")])] },
            Block::Code(CodeBlock { lang: "json".into(), code: "{}\n".into(), role: CodeRole::ResponseExample(200) }),
            Block::Table {
                align: vec![Align::None, Align::Right],
                head: vec![vec![text("k")], vec![text("v")]],
                rows: vec![vec![vec![text("a|b")], vec![Inline::Code("1".into())]]],
            },
        ];
        let mut out = String::new();
        blocks(&mut out, &doc, Links::TextOnly, &mut |_, _| false);
        assert_eq!(
            out,
            "## A b\n\n3. x\n\n> **Note:** careful\n\nExample response 200:\n\n```json\n{}\n```\n\n| k | v |\n| --- | ---: |\n| a\\|b | `1` |\n\n"
        );
    }
}
