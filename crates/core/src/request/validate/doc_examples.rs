//! The docs' own examples obey the docs' own constraints: every parameter's
//! `example` and `default`, and every `next_cursor` shown in a JSON example
//! (which readers pass back as `cursor`), pass the same checks as a draft.

use super::pattern::Pattern;
use super::{check_json, check_text};
use crate::Docs;
use crate::json_text as json;
use crate::markdown::{Block, ListItem};
use crate::operation::{Location, Param, ParamType};
use serde_json::Value;

fn docs() -> &'static Docs {
    static DOCS: std::sync::OnceLock<Docs> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| Docs::load(explorer_content::FILES).expect("the content loads"))
}

fn params() -> impl Iterator<Item = (&'static str, &'static Param)> {
    docs().operations().flat_map(|op| op.params.iter().map(move |p| (op.id.as_str(), p)))
}

/// `raw` as the parameter's value: text for path, query and header, and for
/// a body field the JSON it stands for (a string field's text is the string).
fn check(param: &Param, raw: &str) -> Option<String> {
    if param.location != Location::Body {
        return check_text(param, raw);
    }
    let value = match param.ty {
        ParamType::String => Value::String(raw.to_owned()),
        _ => match json::parse(raw) {
            Ok(value) => value,
            Err(error) => return Some(format!("not JSON: {error}")),
        },
    };
    check_json(param, &value)
}

#[test]
fn every_pattern_in_the_docs_is_understood() {
    let mut patterns = 0;
    for (op, param) in params() {
        if let Some(source) = &param.constraints.pattern {
            if let Err(error) = Pattern::new(source) {
                panic!("{op}: {}: pattern {source}: {error}", param.name);
            }
            patterns += 1;
        }
    }
    assert!(patterns >= 10, "{patterns}");
}

#[test]
fn every_example_and_default_passes_its_own_constraints() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (op, param) in params() {
        for (what, value) in [("example", &param.example), ("default", &param.default)] {
            let Some(value) = value else { continue };
            checked += 1;
            if let Some(problem) = check(param, value) {
                problems.push(format!("{op}: the {what} of {} {}: {problem}", param.location.as_str(), param.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 30, "{checked}");
}

/// Every `next_cursor` string in a JSON example anywhere in the docs (guides
/// and response examples) is a valid `cursor` of every paginated operation.
#[test]
fn every_example_next_cursor_is_a_valid_cursor() {
    let cursors: Vec<(&str, &Param)> = docs()
        .operations()
        .filter(|op| op.paginated)
        .filter_map(|op| Some((op.id.as_str(), op.param(Location::Query, "cursor")?)))
        .collect();
    assert!(cursors.len() >= 2, "{cursors:?}");
    let mut examples: Vec<(String, String)> = Vec::new();
    for page in &docs().pages {
        code_blocks(&page.blocks, &page.route, &mut examples);
    }
    for op in docs().operations() {
        for response in op.responses.iter().filter_map(|r| r.example.as_ref()) {
            examples.push((op.id.clone(), response.body.clone()));
        }
    }
    let mut found = 0;
    let mut problems = Vec::new();
    for (place, text) in &examples {
        let Ok(value) = json::parse(text) else { continue };
        let mut values = Vec::new();
        strings_named(&value, "next_cursor", &mut values);
        for cursor in values {
            found += 1;
            for (op, param) in &cursors {
                if let Some(problem) = check_text(param, &cursor) {
                    problems.push(format!("{place}: next_cursor {cursor:?} is no cursor of {op}: {problem}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(found >= 2, "{found}");
}

fn code_blocks(blocks: &[Block], place: &str, out: &mut Vec<(String, String)>) {
    for block in blocks {
        match block {
            Block::Code(code) => out.push((place.to_owned(), code.code.clone())),
            Block::List { items, .. } => {
                for ListItem { blocks, .. } in items {
                    code_blocks(blocks, place, out);
                }
            }
            Block::Quote(blocks) | Block::Callout { blocks, .. } => code_blocks(blocks, place, out),
            _ => {}
        }
    }
}

fn strings_named(value: &Value, key: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (name, v) in members {
                match v {
                    Value::String(s) if name == key => out.push(s.clone()),
                    other => strings_named(other, key, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| strings_named(v, key, out)),
        _ => {}
    }
}
