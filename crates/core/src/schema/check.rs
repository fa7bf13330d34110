//! Compares a JSON value with a documented object, field by field, and
//! lists every difference with its JSON path and the documentation row it
//! breaks.
//!
//! The walk is resumable: [`Check::run`] does at most `budget` steps and
//! returns, so a browser can check a 5 MB response in slices between frames.
//! It keeps only one frame per level of nesting, and each frame holds its
//! path, so no reference into the value outlives a call.

use std::collections::HashMap;

use serde_json::Value;

use super::object::ObjectDef;
use crate::operation::{Param, ParamType};
use crate::request::validate::pattern::Pattern;
use crate::request::validate::{a_kind, a_type, check_number, check_string_limits, is_type, pattern_problem};

/// At most this many differences are kept; the rest are only counted.
pub const MAX_DIFFERENCES: usize = 200;

/// What a value is expected to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// A documented object, by name.
    Object(String),
    /// An object defined on the spot, such as an operation's request body.
    Body(ObjectDef),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DifferenceKind {
    UndocumentedField,
    MissingField,
    WrongType,
    /// Outside an enum, a pattern, a format, or a length or range limit.
    OutOfLimits,
    UndocumentedStatus,
    MissingHeader,
    MediaType,
    /// The body is not what its media type says (not JSON, or empty).
    Unreadable,
}

impl DifferenceKind {
    /// A short label for a list of differences.
    pub fn label(self) -> &'static str {
        match self {
            DifferenceKind::UndocumentedField => "undocumented field",
            DifferenceKind::MissingField => "missing field",
            DifferenceKind::WrongType => "wrong type",
            DifferenceKind::OutOfLimits => "outside the limits",
            DifferenceKind::UndocumentedStatus => "undocumented status",
            DifferenceKind::MissingHeader => "missing header",
            DifferenceKind::MediaType => "content type",
            DifferenceKind::Unreadable => "unreadable body",
        }
    }
}

/// The line that heads a list of `total` differences, of which `listed`
/// are shown: "3 differences from the docs", "… and 12 more, not listed".
pub fn differences_heading(total: usize) -> String {
    if total == 1 { "1 difference from the docs".to_owned() } else { format!("{total} differences from the docs") }
}

/// The note under a list that was cut at [`MAX_DIFFERENCES`].
pub fn more_note(total: usize, listed: usize) -> Option<String> {
    (total > listed).then(|| format!("…and {} more, not listed.", total - listed))
}

/// The documentation a difference is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocRef {
    /// `Resource`, or `Resource.status` for a field.
    pub label: String,
    /// The explorer route and anchor of its row, e.g. `/reference/get-resource#object-resource-status`.
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Difference {
    /// JSON path of the value (`$.data[3].status`); for a header, its name.
    pub path: String,
    pub kind: DifferenceKind,
    /// What differs, in plain words.
    pub message: String,
    pub doc: Option<DocRef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// One level of the walk: the members of an object being compared with
/// its definition, or the items (or map values) of one field.
#[derive(Debug)]
enum Frame {
    Members { def: usize, path: Vec<Seg>, keys: Vec<String>, next: usize },
    Items { def: usize, field: usize, path: Vec<Seg>, keys: Option<Vec<String>>, len: usize, next: usize },
}

/// A resumable comparison of one value with one expectation.
#[derive(Debug)]
pub struct Check {
    expect: Expect,
    started: bool,
    frames: Vec<Frame>,
    differences: Vec<Difference>,
    total: usize,
    steps: usize,
    patterns: HashMap<String, Option<Pattern>>,
}

/// Runs a whole check at once: for tests, examples and small bodies.
pub fn check_value(objects: &[ObjectDef], expect: Expect, value: &Value) -> Vec<Difference> {
    let mut check = Check::new(expect);
    while !check.run(objects, value, usize::MAX) {}
    check.differences
}

impl Check {
    pub fn new(expect: Expect) -> Check {
        Check {
            expect,
            started: false,
            frames: Vec::new(),
            differences: Vec::new(),
            total: 0,
            steps: 0,
            patterns: HashMap::new(),
        }
    }

    /// The differences found so far, at most [`MAX_DIFFERENCES`].
    pub fn differences(&self) -> &[Difference] {
        &self.differences
    }

    /// How many differences there are, including those not kept.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Values visited so far: the measure of work for benchmarks and tests.
    pub fn steps(&self) -> usize {
        self.steps
    }

    pub fn is_done(&self) -> bool {
        self.started && self.frames.is_empty()
    }

    /// Does at most `budget` steps (one value each) and says whether the
    /// check is finished. `value` must be the same on every call.
    pub fn run(&mut self, objects: &[ObjectDef], value: &Value, budget: usize) -> bool {
        // Taken out for the call, so the walk can borrow it beside `self`.
        let expect = std::mem::replace(&mut self.expect, Expect::Object(String::new()));
        let defs = Defs {
            objects,
            extra: match &expect {
                Expect::Body(def) => Some(def),
                Expect::Object(_) => None,
            },
        };
        if !self.started {
            self.started = true;
            let root = match &expect {
                Expect::Object(name) => defs.position(name),
                Expect::Body(_) => Some(objects.len()),
            };
            if let Some(root) = root {
                self.enter_object(&defs, root, value, Vec::new(), None);
            }
        }
        let done = self.walk(&defs, value, budget);
        self.expect = expect;
        done
    }

    fn walk(&mut self, defs: &Defs, value: &Value, budget: usize) -> bool {
        for _ in 0..budget {
            let Some(frame) = self.frames.last_mut() else { return true };
            self.steps += 1;
            match frame {
                Frame::Members { def, path, keys, next } => {
                    let Some(key) = keys.get(*next).cloned() else {
                        self.frames.pop();
                        continue;
                    };
                    *next += 1;
                    let def = *def;
                    let mut child = path.clone();
                    child.push(Seg::Key(key.clone()));
                    let Some(member) = resolve(value, &child) else { continue };
                    let object = defs.get(def);
                    match object.fields.iter().position(|f| f.name == key) {
                        Some(field) => self.field(defs, def, field, member, child),
                        None => self.push(Difference {
                            path: json_path(&child),
                            kind: DifferenceKind::UndocumentedField,
                            message: format!("`{key}` is not a documented field of {}", object.name),
                            doc: doc_ref(object, None),
                        }),
                    }
                }
                Frame::Items { def, field, path, keys, len, next } => {
                    if *next >= *len {
                        self.frames.pop();
                        continue;
                    }
                    let seg = match keys {
                        Some(keys) => Seg::Key(keys[*next].clone()),
                        None => Seg::Index(*next),
                    };
                    *next += 1;
                    let (def, field) = (*def, *field);
                    let mut child = path.clone();
                    child.push(seg);
                    let Some(item) = resolve(value, &child) else { continue };
                    self.item(defs, def, field, item, child);
                }
            }
        }
        self.frames.is_empty()
    }

    fn push(&mut self, difference: Difference) {
        self.total += 1;
        if self.differences.len() < MAX_DIFFERENCES {
            self.differences.push(difference);
        }
    }

    /// Starts comparing `value` with object `def`: its type and missing
    /// fields now, its members one step at a time.
    fn enter_object(&mut self, defs: &Defs, def: usize, value: &Value, path: Vec<Seg>, from: Option<(usize, usize)>) {
        let object = defs.get(def);
        let doc = match from {
            Some((parent, field)) => doc_ref(defs.get(parent), Some(&defs.get(parent).fields[field].name)),
            None => doc_ref(object, None),
        };
        let Value::Object(members) = value else {
            self.push(Difference {
                path: json_path(&path),
                kind: DifferenceKind::WrongType,
                message: format!("expected {} (an object), found {}", object.name, a_kind(value)),
                doc,
            });
            return;
        };
        for field in object.fields.iter().filter(|f| f.required && !members.contains_key(&f.name)) {
            let mut child = path.clone();
            child.push(Seg::Key(field.name.clone()));
            self.push(Difference {
                path: json_path(&child),
                kind: DifferenceKind::MissingField,
                message: format!("the required field `{}` of {} is missing", field.name, object.name),
                doc: doc_ref(object, Some(&field.name)),
            });
        }
        let keys = members.keys().cloned().collect();
        self.frames.push(Frame::Members { def, path, keys, next: 0 });
    }

    /// One member of an object, against its field.
    fn field(&mut self, defs: &Defs, def: usize, field: usize, value: &Value, path: Vec<Seg>) {
        let object = defs.get(def);
        let param = &object.fields[field];
        let doc = doc_ref(object, Some(&param.name));
        if value.is_null() {
            if !param.nullable {
                let expected =
                    param.is_object().map_or_else(|| a_type(param.ty).to_owned(), |o| format!("{o} (an object)"));
                self.push(Difference {
                    path: json_path(&path),
                    kind: DifferenceKind::WrongType,
                    message: format!("`{}` must be {expected}, not null", param.name),
                    doc,
                });
            }
            return;
        }
        if let Some(name) = param.is_object() {
            if let Some(child) = defs.position(name) {
                self.enter_object(defs, child, value, path, Some((def, field)));
            }
            return;
        }
        if !schema_type(param.ty, value) {
            self.push(Difference {
                path: json_path(&path),
                kind: DifferenceKind::WrongType,
                message: format!("`{}` must be {}, not {}", param.name, a_type(param.ty), a_kind(value)),
                doc,
            });
            return;
        }
        let problem = match value {
            Value::String(s) => check_string_limits(param, s).or_else(|| self.pattern_miss(param, s)),
            Value::Number(n) => check_number(param, n.as_str(), true),
            Value::Object(members) => param
                .constraints
                .max_properties
                .filter(|&max| members.len() > max)
                .map(|max| format!("`{}` may have at most {max} keys; it has {}", param.name, members.len())),
            _ => None,
        };
        if let Some(message) = problem {
            self.push(Difference { path: json_path(&path), kind: DifferenceKind::OutOfLimits, message, doc });
            return;
        }
        if param.constraints.values.is_some() {
            let (keys, len) = match value {
                Value::Object(members) => (Some(members.keys().cloned().collect::<Vec<_>>()), members.len()),
                Value::Array(items) => (None, items.len()),
                _ => return,
            };
            self.frames.push(Frame::Items { def, field, path, keys, len, next: 0 });
        }
    }

    /// One item of an array field, or one value of a map field.
    fn item(&mut self, defs: &Defs, def: usize, field: usize, value: &Value, path: Vec<Seg>) {
        let param = &defs.get(def).fields[field];
        if let Some(name) = param.items_object() {
            if let Some(child) = defs.position(name) {
                self.enter_object(defs, child, value, path, Some((def, field)));
            }
            return;
        }
        let Some(ty) = param.constraints.values else { return };
        if !schema_type(ty, value) {
            let what = if param.ty == ParamType::Array { "items" } else { "values" };
            let message = format!("the {what} of `{}` must be {}, not {}", param.name, a_type(ty), a_kind(value));
            let doc = doc_ref(defs.get(def), Some(&param.name));
            self.push(Difference { path: json_path(&path), kind: DifferenceKind::WrongType, message, doc });
        }
    }

    /// Patterns are compiled once per check, not once per value.
    fn pattern_miss(&mut self, param: &Param, s: &str) -> Option<String> {
        let source = param.constraints.pattern.as_deref()?;
        let pattern = self.patterns.entry(source.to_owned()).or_insert_with(|| Pattern::new(source).ok());
        // A pattern outside the matcher's subset cannot be judged; the docs
        // tests make sure none is used.
        let matched = pattern.as_ref().is_none_or(|p| p.is_match(s));
        (!matched).then(|| pattern_problem(param, s))
    }
}

/// A value's type as JSON Schema reads it: an integer is any number with no
/// fraction, however large (`1e16`, `12345678901234567890`).
fn schema_type(ty: ParamType, value: &Value) -> bool {
    match (ty, value) {
        (ParamType::Integer, Value::Number(n)) => {
            let text = n.as_str();
            let digits = text.strip_prefix('-').unwrap_or(text);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
                || text.parse::<f64>().is_ok_and(|f| f.is_finite() && f.fract() == 0.0)
        }
        _ => is_type(ty, value),
    }
}

/// The documented objects plus, for a request body, the one defined on the
/// spot (at index `objects.len()`).
struct Defs<'a> {
    objects: &'a [ObjectDef],
    extra: Option<&'a ObjectDef>,
}

impl Defs<'_> {
    fn get(&self, index: usize) -> &ObjectDef {
        self.objects.get(index).or(self.extra).expect("indexes come from position()")
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.objects.iter().position(|o| o.name == name)
    }
}

fn doc_ref(object: &ObjectDef, field: Option<&str>) -> Option<DocRef> {
    if object.route.is_empty() {
        return None;
    }
    Some(match field {
        Some(field) => DocRef { label: format!("{}.{field}", object.name), link: object.field_link(field) },
        None => DocRef { label: object.name.clone(), link: object.link() },
    })
}

fn resolve<'v>(root: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(root, |value, seg| match seg {
        Seg::Key(key) => value.as_object()?.get(key),
        Seg::Index(i) => value.as_array()?.get(*i),
    })
}

/// `$.data[0].status`; keys that are not plain names are quoted.
fn json_path(path: &[Seg]) -> String {
    let mut out = String::from("$");
    for seg in path {
        match seg {
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
            Seg::Key(key)
                if !key.is_empty()
                    && !key.starts_with(|c: char| c.is_ascii_digit())
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.push('.');
                out.push_str(key);
            }
            Seg::Key(key) => out.push_str(&format!("[{}]", Value::String(key.clone()))),
        }
    }
    out
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
