//! `content/SUMMARY.md`: the order of the pages and the sidebar's shape.
//!
//! ```text
//! # Summary
//! [Overview](overview.md)
//! # Guides
//! - [Quick start](guides/quick-start.md)
//! # API reference
//! - Resources
//!   - [List resources](reference/list-resources.md)
//! ```
//!
//! Read line by line (not with the markdown parser) so that each mistake
//! names its line.

use crate::error::ContentError;

const FILE: &str = "SUMMARY.md";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    /// Pages before the first part, e.g. the overview.
    pub prefix: Vec<SummaryLink>,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub title: String,
    pub items: Vec<SummaryItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryItem {
    Link(SummaryLink),
    /// A heading in the sidebar with its pages, e.g. "Resources".
    Group {
        title: String,
        links: Vec<SummaryLink>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryLink {
    pub title: String,
    /// Relative to `content/`.
    pub file: String,
    pub line: usize,
}

impl Summary {
    /// Every linked page in reading order.
    pub fn links(&self) -> Vec<&SummaryLink> {
        let mut out: Vec<&SummaryLink> = self.prefix.iter().collect();
        for part in &self.parts {
            for item in &part.items {
                match item {
                    SummaryItem::Link(link) => out.push(link),
                    SummaryItem::Group { links, .. } => out.extend(links),
                }
            }
        }
        out
    }
}

pub fn parse_summary(text: &str) -> Result<Summary, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut title = None;
    let mut prefix = Vec::new();
    let mut parts: Vec<Part> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let error = |message: String| ContentError::new(FILE, line, message);
        if raw.trim().is_empty() {
            continue;
        }
        if let Some(heading) = raw.strip_prefix("# ") {
            if title.is_none() {
                title = Some(heading.trim().to_owned());
            } else {
                parts.push(Part { title: heading.trim().to_owned(), items: Vec::new() });
            }
            continue;
        }
        if title.is_none() {
            errors.push(error("SUMMARY.md starts with `# <title>`".to_owned()));
            title = Some(String::new());
        }
        let indent = raw.len() - raw.trim_start().len();
        let body = raw.trim_start();
        if let Some(item) = body.strip_prefix("- ") {
            let Some(part) = parts.last_mut() else {
                errors.push(error("list items belong under a `# Part` heading".to_owned()));
                continue;
            };
            match (indent, link(item.trim())) {
                (0, Some(Ok((title, file)))) => part.items.push(SummaryItem::Link(SummaryLink { title, file, line })),
                (0, None) => part.items.push(SummaryItem::Group { title: item.trim().to_owned(), links: Vec::new() }),
                (2, Some(Ok((title, file)))) => match part.items.last_mut() {
                    Some(SummaryItem::Group { links, .. }) => links.push(SummaryLink { title, file, line }),
                    _ => {
                        errors.push(error("an indented page must follow a group line such as `- Resources`".to_owned()))
                    }
                },
                (2, None) => errors.push(error("groups cannot be nested; an indented item must be a link".to_owned())),
                (_, Some(Err(message))) => errors.push(error(message)),
                _ => errors.push(error("indent nested items by exactly two spaces".to_owned())),
            }
        } else if indent == 0 && body.starts_with('[') {
            match link(body) {
                Some(Ok((title, file))) if parts.is_empty() => prefix.push(SummaryLink { title, file, line }),
                Some(Ok(_)) => {
                    errors.push(error("inside a part, pages are list items: `- [Title](file.md)`".to_owned()))
                }
                Some(Err(message)) => errors.push(error(message)),
                None => errors.push(error(format!("cannot read {body:?} as `[Title](file.md)`"))),
            }
        } else {
            errors.push(error(format!(
                "cannot read {:?}: expected `# Part`, `- [Title](file.md)` or `- Group`",
                raw.trim()
            )));
        }
    }
    for part in &parts {
        if part.items.is_empty() {
            errors.push(ContentError::new(FILE, 1, format!("the part `{}` has no pages", part.title)));
        }
        for item in &part.items {
            if let SummaryItem::Group { title, links } = item
                && links.is_empty()
            {
                errors.push(ContentError::new(FILE, 1, format!("the group `{title}` has no pages")));
            }
        }
    }
    if errors.is_empty() { Ok(Summary { title: title.unwrap_or_default(), prefix, parts }) } else { Err(errors) }
}

/// `[Title](file.md)`: `None` when the text is not a link at all.
fn link(text: &str) -> Option<Result<(String, String), String>> {
    let rest = text.strip_prefix('[')?;
    let (title, rest) = rest.split_once("](")?;
    let Some(file) = rest.strip_suffix(')') else {
        return Some(Err(format!("text follows the link in {text:?}")));
    };
    if title.trim().is_empty() {
        return Some(Err("a page link needs a title".to_owned()));
    }
    if !file.ends_with(".md") || file.starts_with('/') || file.contains("..") {
        return Some(Err(format!("{file:?} must be a .md file path relative to content/")));
    }
    Some(Ok((title.trim().to_owned(), file.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# Summary\n\n[Overview](overview.md)\n\n# Guides\n\n- [Quick start](guides/quick-start.md)\n\n# API reference\n\n- Resources\n  - [List](reference/list-resources.md)\n  - [Create](reference/create-resource.md)\n";

    #[test]
    fn parses_parts_groups_and_prefix() {
        let s = parse_summary(GOOD).unwrap();
        assert_eq!(s.title, "Summary");
        assert_eq!(s.prefix[0].file, "overview.md");
        assert_eq!(s.parts.len(), 2);
        assert_eq!(s.parts[1].title, "API reference");
        match &s.parts[1].items[0] {
            SummaryItem::Group { title, links } => {
                assert_eq!(title, "Resources");
                assert_eq!(
                    links[1],
                    SummaryLink { title: "Create".into(), file: "reference/create-resource.md".into(), line: 13 }
                );
            }
            other => panic!("{other:?}"),
        }
        let files: Vec<&str> = s.links().iter().map(|l| l.file.as_str()).collect();
        assert_eq!(
            files,
            ["overview.md", "guides/quick-start.md", "reference/list-resources.md", "reference/create-resource.md"]
        );
    }

    fn first_error(text: &str) -> String {
        parse_summary(text).unwrap_err()[0].to_string()
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            first_error("[Overview](overview.md)\n"),
            "content/SUMMARY.md:1: SUMMARY.md starts with `# <title>`"
        );
        assert!(
            first_error(&GOOD.replace("  - [List]", "    - [List]"))
                .contains(":12: indent nested items by exactly two spaces")
        );
        assert!(first_error(&GOOD.replace("- Resources\n", "")).contains(":11: an indented page must follow a group"));
        assert!(
            first_error(&GOOD.replace("guides/quick-start.md", "guides/quick-start.html"))
                .contains(":7: \"guides/quick-start.html\" must be a .md")
        );
        assert!(first_error(&GOOD.replace("- [Quick start]", "* [Quick start]")).contains(":7: cannot read"));
        assert!(
            first_error(
                &GOOD.replace("- [Quick start](guides/quick-start.md)", "[Quick start](guides/quick-start.md)")
            )
            .contains(":7: inside a part")
        );
        assert!(first_error(&GOOD.replace("[Quick start]", "[ ]")).contains(":7: a page link needs a title"));
        assert!(first_error("# Summary\n# Empty\n").contains("the part `Empty` has no pages"));
    }
}
