//! Response bodies: for every documented (operation, status), the docs'
//! object and the sandbox's `/openapi.json` schema agree on field names,
//! types, required fields, nullability and enums, both ways. Each schema is
//! flattened into one line per field path (`data[].status`), so a failure
//! names the path and what each side says.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// What one side says of one field path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldFacts {
    pub ty: String,
    pub required: bool,
    pub nullable: bool,
    pub enums: BTreeSet<String>,
}

pub type Shape = BTreeMap<String, FieldFacts>;

/// The flattened shape of `schema`, resolving `$ref`s inside `doc`.
pub fn shape(doc: &Value, schema: &Value) -> Shape {
    let mut out = Shape::new();
    walk(doc, schema, "", true, &mut out, 0);
    out
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            resolve(doc, doc.pointer(pointer).unwrap_or_else(|| panic!("dangling {reference}")))
        }
        None => schema,
    }
}

fn walk(doc: &Value, schema: &Value, path: &str, required: bool, out: &mut Shape, depth: usize) {
    assert!(depth < 12, "{path}: the schema nests too deep");
    let mut nullable = false;
    let mut schema = resolve(doc, schema);
    // `anyOf`/`oneOf` of one schema and `null`: a nullable value.
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let others: Vec<&Value> = options.iter().filter(|o| o.get("type") != Some(&Value::from("null"))).collect();
            nullable |= others.len() < options.len();
            if let [only] = others.as_slice() {
                schema = resolve(doc, only);
            }
        }
    }
    let ty = match schema.get("type") {
        Some(Value::Array(types)) => {
            nullable |= types.iter().any(|t| t == "null");
            types.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or_default().to_owned()
        }
        Some(Value::String(ty)) => ty.clone(),
        _ => String::new(),
    };
    let enums = schema
        .get("enum")
        .and_then(Value::as_array)
        .map(|values| {
            values.iter().filter(|v| !v.is_null()).map(|v| v.as_str().map_or(v.to_string(), str::to_owned)).collect()
        })
        .unwrap_or_default();
    if !path.is_empty() {
        out.insert(path.to_owned(), FieldFacts { ty: ty.clone(), required, nullable, enums });
    }
    let join = |name: &str| if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") };
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, property) in properties {
            walk(doc, property, &join(name), required.contains(&name.as_str()), out, depth + 1);
        }
    }
    if let Some(items) = schema.get("items") {
        walk(doc, items, &format!("{path}[]"), true, out, depth + 1);
    }
    if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        walk(doc, values, &format!("{path}{{}}"), true, out, depth + 1);
    }
}

/// The schema of one response's body in an OpenAPI document. A stream's
/// body is its events: their `data` (the sandbox says it with
/// `contentSchema`, the docs with their event object).
pub fn response_schema<'a>(doc: &'a Value, path: &str, method: &str, status: &str) -> Option<(&'a str, &'a Value)> {
    let content =
        doc.get("paths")?.get(path)?.get(method)?.get("responses")?.get(status)?.get("content")?.as_object()?;
    let (media, body) = content.iter().next()?;
    let schema = body.get("schema")?;
    if media == "text/event-stream" {
        let resolved = resolve(doc, schema);
        return Some((media, resolved.pointer("/properties/data/contentSchema").unwrap_or(schema)));
    }
    Some((media, schema))
}

/// Every difference between two shapes, naming the side that says what.
pub fn differences(place: &str, left_name: &str, left: &Shape, right_name: &str, right: &Shape) -> Vec<String> {
    let mut out = Vec::new();
    for (path, l) in left {
        let Some(r) = right.get(path) else {
            out.push(format!("{place}: `{path}` is in {left_name} but not in {right_name}"));
            continue;
        };
        let mut differs = |what: &str, a: String, b: String| {
            if a != b {
                out.push(format!("{place}: `{path}` {what}: {a} in {left_name}, {b} in {right_name}"));
            }
        };
        differs("type", l.ty.clone(), r.ty.clone());
        differs("required", l.required.to_string(), r.required.to_string());
        differs("nullable", l.nullable.to_string(), r.nullable.to_string());
        differs("enum", format!("{:?}", l.enums), format!("{:?}", r.enums));
    }
    for path in right.keys().filter(|p| !left.contains_key(*p)) {
        out.push(format!("{place}: `{path}` is in {right_name} but not in {left_name}"));
    }
    out
}
