//! Markdown events to the typed page model, with line-numbered errors.

use std::ops::Range;

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::model::*;
use super::slug::{Slugger, slugify};
use crate::error::ContentError;
use crate::json_text as json;
use crate::operation::{Operation, parse_definition};
use crate::routes::{resolve_relative, route_for_file};
use crate::schema::{ObjectDef, parse_object};

/// The one set of markdown extensions every page is read with.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// A link to another page that can only be checked once every page is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkCheck {
    pub line: usize,
    /// Target file relative to `content/`.
    pub file: String,
    pub anchor: Option<String>,
}

/// Parses one page. Reference pages (under `reference/`) must hold exactly
/// one ```` ```operation ```` block; other pages must hold none.
pub fn parse_page(file: &str, text: &str) -> Result<(Page, PageChecks), Vec<ContentError>> {
    let mut builder = Builder::new(file, text);
    let mut blocks = builder.blocks(None);
    let title = match blocks.first() {
        Some(Block::Heading { level: 1, content, .. }) => plain_text(content),
        _ => {
            builder.error(1, "a page must start with its `# Title`");
            String::new()
        }
    };
    if !title.is_empty() {
        blocks.remove(0);
        builder.headings.retain(|h| h.level > 1);
    }
    builder.finish_operation();
    if !builder.errors.is_empty() {
        return Err(builder.errors);
    }
    let page = Page {
        file: file.to_owned(),
        route: route_for_file(file),
        title,
        blocks,
        headings: builder.headings,
        operation: builder.operation,
        objects: builder.objects,
    };
    Ok((page, PageChecks { links: builder.links, object_examples: builder.object_examples }))
}

/// What can only be checked once every page is read.
#[derive(Debug, Default)]
pub struct PageChecks {
    pub links: Vec<LinkCheck>,
    /// ```` ```json object <Name> ```` blocks: (object name, fence line, JSON).
    pub object_examples: Vec<(String, usize, String)>,
}

struct Example {
    role: CodeRole,
    lang: String,
    code: String,
    line: usize,
}

struct Builder<'a> {
    file: &'a str,
    text: &'a str,
    events: Vec<(Event<'a>, Range<usize>)>,
    pos: usize,
    errors: Vec<ContentError>,
    links: Vec<LinkCheck>,
    slugger: Slugger,
    headings: Vec<HeadingRef>,
    operation: Option<Operation>,
    operation_blocks: usize,
    examples: Vec<Example>,
    objects: Vec<ObjectDef>,
    object_examples: Vec<(String, usize, String)>,
    is_reference: bool,
}

impl<'a> Builder<'a> {
    /// A builder over `text`, which belongs to `file` (a whole page, or one
    /// description of its definition).
    fn new(file: &'a str, text: &'a str) -> Self {
        let events: Vec<(Event<'a>, Range<usize>)> =
            Parser::new_ext(text, parser_options()).into_offset_iter().collect();
        Builder {
            file,
            text,
            events,
            pos: 0,
            errors: Vec::new(),
            links: Vec::new(),
            slugger: Slugger::default(),
            headings: Vec::new(),
            operation: None,
            operation_blocks: 0,
            examples: Vec::new(),
            objects: Vec::new(),
            object_examples: Vec::new(),
            is_reference: file.starts_with("reference/"),
        }
    }

    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(ContentError::new(self.file, line, message));
    }

    fn line_of(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())].matches('\n').count() + 1
    }

    fn current_line(&self) -> usize {
        self.events.get(self.pos).map_or_else(|| self.line_of(self.text.len()), |(_, r)| self.line_of(r.start))
    }

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.events.get(self.pos).map(|(e, _)| e.clone());
        self.pos += 1;
        event
    }

    fn peek(&self) -> Option<&Event<'a>> {
        self.events.get(self.pos).map(|(e, _)| e)
    }

    /// Block content until `end` (or the end of the document).
    fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        let mut blocks = Vec::new();
        while let Some(event) = self.peek() {
            if let Event::End(tag) = event
                && Some(*tag) == end
            {
                self.pos += 1;
                break;
            }
            if is_inline(event) {
                // Tight list items hold their text without a paragraph.
                let content = self.inlines_while_inline();
                blocks.push(Block::Paragraph(content));
                continue;
            }
            let line = self.current_line();
            match self.next().expect("peeked") {
                Event::Start(Tag::Paragraph) => {
                    let content = self.inlines(TagEnd::Paragraph);
                    blocks.push(Block::Paragraph(content));
                }
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let content = self.inlines(TagEnd::Heading(level));
                    blocks.push(self.heading(level, id.map(|i| i.to_string()), content, line));
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    let inner = self.blocks(Some(TagEnd::BlockQuote(kind)));
                    blocks.push(callout(kind, inner));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    if let Some(block) = self.code_block(kind, line) {
                        blocks.push(block);
                    }
                }
                Event::Start(Tag::List(start)) => {
                    let items = self.list_items(start.is_some());
                    blocks.push(Block::List { start, items });
                }
                Event::Start(Tag::Table(align)) => blocks.push(self.table(align)),
                Event::Start(Tag::HtmlBlock) => {
                    let raw = self.raw_until(TagEnd::HtmlBlock);
                    blocks.push(Block::Paragraph(vec![Inline::Text(raw.trim_end().to_owned())]));
                }
                Event::Rule => blocks.push(Block::Rule),
                Event::Start(tag) => {
                    self.error(line, format!("unsupported markdown here: {tag:?}"));
                    self.skip_to_end_of(&tag);
                }
                _ => {}
            }
        }
        blocks
    }

    fn heading(&mut self, level: HeadingLevel, id: Option<String>, content: Vec<Inline>, line: usize) -> Block {
        let level = level as u8;
        let text = plain_text(&content);
        if level == 1 && !(self.headings.is_empty() && self.pos_is_first_heading()) {
            self.error(line, "only the page title may be a level-1 heading; use `##` here");
        }
        let anchor = self.slugger.unique(id.unwrap_or_else(|| slugify(&text)));
        self.headings.push(HeadingRef { level, anchor: anchor.clone(), text });
        Block::Heading { level, anchor, content }
    }

    /// Whether no heading has been seen before the one just read.
    fn pos_is_first_heading(&self) -> bool {
        self.events[..self.pos].iter().filter(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. }))).count() == 1
    }

    fn list_items(&mut self, ordered: bool) -> Vec<ListItem> {
        let mut items = Vec::new();
        loop {
            match self.next() {
                Some(Event::Start(Tag::Item)) => {
                    let checked = match self.peek() {
                        Some(Event::TaskListMarker(done)) => {
                            let done = *done;
                            self.pos += 1;
                            Some(done)
                        }
                        _ => None,
                    };
                    let blocks = self.blocks(Some(TagEnd::Item));
                    items.push(ListItem { checked, blocks });
                }
                Some(Event::End(TagEnd::List(o))) if o == ordered => break,
                None => break,
                _ => {}
            }
        }
        items
    }

    fn table(&mut self, align: Vec<Alignment>) -> Block {
        let align = align
            .into_iter()
            .map(|a| match a {
                Alignment::None => Align::None,
                Alignment::Left => Align::Left,
                Alignment::Center => Align::Center,
                Alignment::Right => Align::Right,
            })
            .collect();
        let mut head = Vec::new();
        let mut rows = Vec::new();
        let mut in_head = false;
        loop {
            match self.next() {
                Some(Event::Start(Tag::TableHead)) => in_head = true,
                Some(Event::End(TagEnd::TableHead)) => in_head = false,
                Some(Event::Start(Tag::TableRow)) => rows.push(Vec::new()),
                Some(Event::Start(Tag::TableCell)) => {
                    let cell = self.inlines(TagEnd::TableCell);
                    if in_head {
                        head.push(cell);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(cell);
                    }
                }
                Some(Event::End(TagEnd::Table)) | None => break,
                _ => {}
            }
        }
        Block::Table { align, head, rows }
    }

    fn raw_until(&mut self, end: TagEnd) -> String {
        let mut raw = String::new();
        while let Some(event) = self.next() {
            match event {
                Event::End(tag) if tag == end => break,
                Event::Html(t) | Event::Text(t) | Event::InlineHtml(t) => raw.push_str(&t),
                _ => {}
            }
        }
        raw
    }

    fn skip_to_end_of(&mut self, tag: &Tag<'_>) {
        let end = tag.to_end();
        let mut depth = 1;
        while let Some(event) = self.next() {
            match event {
                Event::Start(t) if t.to_end() == end => depth += 1,
                Event::End(t) if t == end => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
    }

    fn code_block(&mut self, kind: CodeBlockKind<'a>, fence_line: usize) -> Option<Block> {
        let code = self.raw_until(TagEnd::CodeBlock);
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let mut words = info.split_whitespace();
        let lang = words.next().unwrap_or_default().to_ascii_lowercase();
        let annotations: Vec<&str> = words.collect();
        if lang == "operation" {
            self.definition(&code, fence_line, &annotations);
            return Some(Block::OperationDefinition);
        }
        if lang == "object" {
            return self.object(&code, fence_line, &annotations);
        }
        let role = match annotations.as_slice() {
            [] => CodeRole::Plain,
            ["object", name] if lang == "json" => {
                if let Err(e) = json::parse(&code) {
                    self.error(fence_line + e.line, format!("the example is not valid JSON: {}", e.message));
                }
                self.object_examples.push(((*name).to_owned(), fence_line, code.clone()));
                CodeRole::ObjectExample
            }
            ["request"] => CodeRole::RequestExample,
            ["response", status] => match status.parse::<u16>() {
                Ok(status) => CodeRole::ResponseExample(status),
                Err(_) => {
                    self.error(fence_line, format!("`response {status}`: the status must be a number"));
                    CodeRole::Plain
                }
            },
            other => {
                self.error(
                    fence_line,
                    format!(
                        "unknown code block annotation `{}`; use `request`, `response <status>` or `object <Name>`",
                        other.join(" ")
                    ),
                );
                CodeRole::Plain
            }
        };
        if matches!(role, CodeRole::RequestExample | CodeRole::ResponseExample(_)) {
            if !self.is_reference {
                self.error(fence_line, "request and response examples belong on reference pages");
            }
            if lang == "json"
                && let Err(e) = json::parse(&code)
            {
                self.error(fence_line + e.line, format!("the example is not valid JSON: {}", e.message));
            }
            self.examples.push(Example { role, lang: lang.clone(), code: code.clone(), line: fence_line });
        }
        Some(Block::Code(CodeBlock { lang, code, role }))
    }

    /// An ```` ```object <Name> ```` block: parsed, its descriptions
    /// rendered, and left in the page as a placeholder for its table.
    fn object(&mut self, code: &str, fence_line: usize, annotations: &[&str]) -> Option<Block> {
        match parse_object(code, annotations, self.file, &route_for_file(self.file), fence_line) {
            Ok(mut object) => {
                for field in &mut object.fields {
                    field.rendered = self.inline_markdown(&field.description, field.line);
                }
                let name = object.name.clone();
                self.objects.push(object);
                Some(Block::Object(name))
            }
            Err(errors) => {
                self.errors.extend(errors);
                None
            }
        }
    }

    fn definition(&mut self, code: &str, fence_line: usize, annotations: &[&str]) {
        self.operation_blocks += 1;
        if !annotations.is_empty() {
            self.error(fence_line, "the ```operation fence takes no annotations");
        }
        if !self.is_reference {
            self.error(fence_line, "operation definitions belong in content/reference/");
            return;
        }
        if self.operation_blocks > 1 {
            self.error(fence_line, "a reference page defines exactly one operation; this is a second one");
            return;
        }
        let stem = self.file.rsplit('/').next().unwrap_or(self.file).trim_end_matches(".md");
        match parse_definition(code, self.file, fence_line + 1, stem) {
            Ok(mut operation) => {
                self.render_descriptions(&mut operation);
                self.operation = Some(operation);
            }
            Err(errors) => self.errors.extend(errors),
        }
    }

    /// Parses the definition's descriptions as inline markdown, with links
    /// rewritten and checked like the page's own.
    fn render_descriptions(&mut self, op: &mut Operation) {
        for param in &mut op.params {
            param.rendered = self.inline_markdown(&param.description, param.line);
        }
        for response in &mut op.responses {
            let line = response.line;
            response.rendered = self.inline_markdown(&response.description, line);
            for header in &mut response.headers {
                header.rendered = self.inline_markdown(&header.description, line);
            }
        }
    }

    fn inline_markdown(&mut self, text: &str, line: usize) -> Vec<Inline> {
        let mut sub = Builder::new(self.file, text);
        let blocks = sub.blocks(None);
        self.errors.extend(sub.errors.into_iter().map(|e| ContentError { line, ..e }));
        self.links.extend(sub.links.into_iter().map(|l| LinkCheck { line, ..l }));
        match blocks.into_iter().next() {
            Some(Block::Paragraph(inlines)) => inlines,
            None => Vec::new(),
            Some(_) => {
                self.error(line, "a description is one line of inline markdown");
                Vec::new()
            }
        }
    }

    /// Attaches the examples to the operation, now that all blocks are read.
    fn finish_operation(&mut self) {
        if self.is_reference && self.operation_blocks == 0 {
            self.error(1, "a reference page needs a ```operation definition block");
        }
        let examples = std::mem::take(&mut self.examples);
        let Some(operation) = self.operation.as_mut() else { return };
        let mut errors = Vec::new();
        for example in examples {
            let value = crate::operation::Example { lang: example.lang, body: example.code, line: example.line };
            match example.role {
                CodeRole::RequestExample => {
                    if !operation.has_body() {
                        errors.push((example.line, "a request example needs `body:` in the definition".to_owned()));
                    } else if operation.request_example.is_some() {
                        errors.push((example.line, "the request example is given twice".to_owned()));
                    } else {
                        operation.request_example = Some(value);
                    }
                }
                CodeRole::ResponseExample(status) => {
                    match operation.responses.iter_mut().find(|r| r.status == status) {
                        None => errors.push((
                            example.line,
                            format!("an example for response {status}, which the definition does not declare"),
                        )),
                        Some(response) if response.example.is_some() => {
                            errors.push((example.line, format!("response {status} has two examples")))
                        }
                        Some(response) => response.example = Some(value),
                    }
                }
                CodeRole::Plain | CodeRole::ObjectExample => {}
            }
        }
        for (line, message) in errors {
            self.error(line, message);
        }
    }

    /// Inline content until `end`.
    fn inlines(&mut self, end: TagEnd) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some(event) = self.peek() {
            if let Event::End(tag) = event
                && *tag == end
            {
                self.pos += 1;
                break;
            }
            self.inline(&mut out);
        }
        out
    }

    fn inlines_while_inline(&mut self) -> Vec<Inline> {
        let mut out = Vec::new();
        while self.peek().is_some_and(is_inline) {
            self.inline(&mut out);
        }
        out
    }

    /// Reads one inline event (and its children) into `out`.
    fn inline(&mut self, out: &mut Vec<Inline>) {
        let line = self.current_line();
        let Some(event) = self.next() else { return };
        match event {
            Event::Text(t) | Event::InlineHtml(t) | Event::Html(t) => push_text(out, &t),
            Event::Code(t) => out.push(Inline::Code(t.to_string())),
            Event::SoftBreak => out.push(Inline::SoftBreak),
            Event::HardBreak => out.push(Inline::HardBreak),
            Event::Start(Tag::Emphasis) => {
                let c = self.inlines(TagEnd::Emphasis);
                out.push(Inline::Emphasis(c));
            }
            Event::Start(Tag::Strong) => {
                let c = self.inlines(TagEnd::Strong);
                out.push(Inline::Strong(c));
            }
            Event::Start(Tag::Strikethrough) => {
                let c = self.inlines(TagEnd::Strikethrough);
                out.push(Inline::Strikethrough(c));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let content = self.inlines(TagEnd::Link);
                match self.link_target(&dest_url, line) {
                    Some(target) => out.push(Inline::Link { target, content }),
                    None => out.extend(content),
                }
            }
            Event::Start(Tag::Image { .. }) => {
                // Images are not part of the docs; keep the alt text readable.
                let alt = self.inlines(TagEnd::Image);
                out.extend(alt);
            }
            Event::Start(tag) => {
                self.error(line, format!("unsupported inline markdown: {tag:?}"));
                self.skip_to_end_of(&tag);
            }
            _ => {}
        }
    }

    fn link_target(&mut self, href: &str, line: usize) -> Option<LinkTarget> {
        if let Some(anchor) = href.strip_prefix('#') {
            self.links.push(LinkCheck { line, file: self.file.to_owned(), anchor: Some(anchor.to_owned()) });
            return Some(LinkTarget::Anchor(anchor.to_owned()));
        }
        let lower = href.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:") {
            return Some(LinkTarget::External(href.to_owned()));
        }
        let scheme_end = href.find(':');
        if scheme_end.is_some_and(|colon| href.find('/').is_none_or(|slash| colon < slash)) {
            self.error(line, format!("links may use http, https or mailto only: {href:?}"));
            return None;
        }
        let (path, anchor) = match href.split_once('#') {
            Some((p, a)) => (p, Some(a.to_owned())),
            None => (href, None),
        };
        if !path.ends_with(".md") {
            self.error(line, format!("link to another page by its markdown file (e.g. `errors.md`), not {href:?}"));
            return None;
        }
        match resolve_relative(self.file, path) {
            Some(file) => {
                let route = route_for_file(&file);
                self.links.push(LinkCheck { line, file, anchor: anchor.clone() });
                Some(LinkTarget::Internal { route, anchor })
            }
            None => {
                self.error(line, format!("the link {href:?} leaves the content folder"));
                None
            }
        }
    }
}

fn is_inline(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Text(_)
            | Event::Code(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::InlineHtml(_)
            | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
    )
}

/// Appends text, merging with a preceding text run (the parser splits runs
/// at characters it might treat specially).
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Inline::Text(text.to_owned()));
    }
}

/// A quote that opens with `**Note:**`, `**Warning:**` or `**Heads up:**`
/// (or a GFM `[!NOTE]` alert) is a callout.
fn callout(kind: Option<BlockQuoteKind>, mut blocks: Vec<Block>) -> Block {
    if let Some(kind) = kind {
        let kind = match kind {
            BlockQuoteKind::Note | BlockQuoteKind::Tip => CalloutKind::Note,
            BlockQuoteKind::Important | BlockQuoteKind::Warning | BlockQuoteKind::Caution => CalloutKind::Warning,
        };
        return Block::Callout { kind, blocks };
    }
    let label = match blocks.first() {
        Some(Block::Paragraph(inlines)) => match inlines.first() {
            Some(Inline::Strong(strong)) => match plain_text(strong).as_str() {
                "Note:" => Some(CalloutKind::Note),
                "Warning:" => Some(CalloutKind::Warning),
                "Heads up:" => Some(CalloutKind::HeadsUp),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    };
    let Some(kind) = label else { return Block::Quote(blocks) };
    if let Some(Block::Paragraph(inlines)) = blocks.first_mut() {
        inlines.remove(0);
        if let Some(Inline::Text(t)) = inlines.first_mut() {
            *t = t.trim_start().to_owned();
        }
    }
    Block::Callout { kind, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(file: &str, text: &str) -> Page {
        parse_page(file, text).unwrap_or_else(|e| panic!("{}", crate::error::report(&e))).0
    }

    fn errors(file: &str, text: &str) -> Vec<String> {
        parse_page(file, text).err().unwrap_or_default().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn title_headings_and_anchors() {
        let p =
            page("guides/errors.md", "# Errors\n\nIntro.\n\n## Rate limits\n\n### rate_limited\n\n## Rate limits\n");
        assert_eq!(p.title, "Errors");
        assert_eq!(p.route, "/errors");
        let anchors: Vec<&str> = p.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["rate-limits", "rate_limited", "rate-limits-1"]);
        assert!(matches!(&p.blocks[0], Block::Paragraph(_)), "the title is not repeated in the blocks");
    }

    #[test]
    fn raw_html_stays_text() {
        let p = page("guides/x.md", "# X\n\n<script>alert(1)</script>\n\nInline <b>bold</b> here.\n");
        assert_eq!(p.blocks[0], Block::Paragraph(vec![Inline::Text("<script>alert(1)</script>".into())]));
        assert_eq!(p.blocks[1], Block::Paragraph(vec![Inline::Text("Inline <b>bold</b> here.".into())]));
    }

    #[test]
    fn tables_lists_and_callouts() {
        let text = "# T\n\n| Header | Required |\n|:--|--:|\n| `Authorization` | yes |\n\n1. one\n2. two\n\n- [x] done\n\n> **Heads up:** never share keys.\n\n> plain quote\n\n> [!WARNING]\n> careful\n";
        let p = page("guides/t.md", text);
        match &p.blocks[0] {
            Block::Table { align, head, rows } => {
                assert_eq!(align, &[Align::Left, Align::Right]);
                assert_eq!(plain_text(&head[1]), "Required");
                assert_eq!(rows[0][0], vec![Inline::Code("Authorization".into())]);
            }
            other => panic!("expected a table, got {other:?}"),
        }
        assert!(matches!(&p.blocks[1], Block::List { start: Some(1), items } if items.len() == 2));
        assert!(matches!(&p.blocks[2], Block::List { items, .. } if items[0].checked == Some(true)));
        match &p.blocks[3] {
            Block::Callout { kind: CalloutKind::HeadsUp, blocks } => {
                assert_eq!(blocks[0], Block::Paragraph(vec![Inline::Text("never share keys.".into())]));
            }
            other => panic!("expected a callout, got {other:?}"),
        }
        assert!(matches!(&p.blocks[4], Block::Quote(_)));
        assert!(matches!(&p.blocks[5], Block::Callout { kind: CalloutKind::Warning, .. }));
    }

    #[test]
    fn links_become_routes_and_are_checked_later() {
        let (p, links) = parse_page(
            "guides/auth.md",
            "# A\n\nSee [errors](errors.md#rate_limited), [list](../reference/list-resources.md), [top](#a), [site](https://x.dev).\n",
        )
        .unwrap();
        let Block::Paragraph(inlines) = &p.blocks[0] else { panic!() };
        let targets: Vec<&LinkTarget> = inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Link { target, .. } => Some(target),
                _ => None,
            })
            .collect();
        assert_eq!(
            targets,
            [
                &LinkTarget::Internal { route: "/errors".into(), anchor: Some("rate_limited".into()) },
                &LinkTarget::Internal { route: "/reference/list-resources".into(), anchor: None },
                &LinkTarget::Anchor("a".into()),
                &LinkTarget::External("https://x.dev".into()),
            ]
        );
        assert_eq!(
            links.links[0],
            LinkCheck { line: 3, file: "guides/errors.md".into(), anchor: Some("rate_limited".into()) }
        );
        assert_eq!(links.links[1].file, "reference/list-resources.md");
    }

    #[test]
    fn unsafe_or_unresolvable_links_are_errors() {
        assert!(
            errors("guides/a.md", "# A\n\n[x](javascript:alert(1))\n")[0]
                .contains(":3: links may use http, https or mailto")
        );
        assert!(errors("guides/a.md", "# A\n\n[x](/errors)\n")[0].contains("by its markdown file"));
        assert!(
            errors("guides/a.md", "# A\n\n\n[x](../../x.md)\n")[0]
                .contains(":4: the link \"../../x.md\" leaves the content folder")
        );
    }

    #[test]
    fn structure_errors() {
        assert!(errors("guides/a.md", "Intro\n")[0].ends_with(":1: a page must start with its `# Title`"));
        assert!(errors("guides/a.md", "# A\n\n# B\n")[0].contains(":3: only the page title"));
        assert!(
            errors("guides/a.md", "# A\n\n```operation\nid: a\n```\n")[0].contains(":3: operation definitions belong")
        );
        assert!(errors("reference/a.md", "# A\n")[0].contains("needs a ```operation"));
        assert!(
            errors("guides/a.md", "# A\n\n```json response 200\n{}\n```\n")[0]
                .contains(":3: request and response examples belong")
        );
        assert!(
            errors("guides/a.md", "# A\n\n```json hello\n{}\n```\n")[0]
                .contains(":3: unknown code block annotation `hello`")
        );
    }

    const OP: &str = "# Create a thing\n\nMakes one.\n\n```operation\nid: create-thing\nmethod: POST\npath: /v1/things\nsummary: Create a thing\ngroup: Things\nauth: bearer\nbody: application/json\n\nbody name: string, required\nresponse 201: Created.\nresponse 400: Bad.\n```\n\n```json request\n{\"name\": \"A\"}\n```\n\n```json response 201\n{\"id\": \"t_1\"}\n```\n";

    #[test]
    fn reference_pages_attach_examples() {
        let p = page("reference/create-thing.md", OP);
        assert_eq!(p.route, "/reference/create-thing");
        assert!(p.blocks.contains(&Block::OperationDefinition));
        let op = p.operation.unwrap();
        assert_eq!(op.request_example.as_ref().unwrap().body, "{\"name\": \"A\"}\n");
        assert_eq!(op.response(201).unwrap().example.as_ref().unwrap().lang, "json");
        assert!(op.response(400).unwrap().example.is_none());
    }

    #[test]
    fn example_errors_have_lines() {
        let bad_json = OP.replace("{\"id\": \"t_1\"}", "{\"id\": }");
        assert!(
            errors("reference/create-thing.md", &bad_json)[0].contains(":24: the example is not valid JSON"),
            "{:?}",
            errors("reference/create-thing.md", &bad_json)
        );
        let undeclared = OP.replace("```json response 201", "```json response 404");
        assert!(errors("reference/create-thing.md", &undeclared)[0].contains(":23: an example for response 404"));
        let second = format!("{OP}\n```operation\nid: x\n```\n");
        assert!(errors("reference/create-thing.md", &second)[0].contains("exactly one operation"));
        let wrong_id = OP.replace("id: create-thing", "id: make-thing");
        assert!(
            errors("reference/create-thing.md", &wrong_id)[0]
                .contains(":6: the id `make-thing` must equal the file name `create-thing`")
        );
        let bad_def = OP.replace("body name: string, required", "body name: strng, required");
        assert!(errors("reference/create-thing.md", &bad_def)[0].contains(":14: unknown type \"strng\""));
    }
}
