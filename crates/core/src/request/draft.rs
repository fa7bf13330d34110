//! What the user typed into the try-it form, and the JSON body composed from
//! (or split back into) one field per top-level body parameter.

use crate::json_text as json;
use crate::operation::{Location, Operation, Param, ParamType};
use serde_json::Value;

/// The raw text of the form: only the entries to send, in the order shown.
/// Query and header names outside the definition are allowed (custom rows).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    pub path: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// The body text as typed; blank means no body.
    pub body: Option<String>,
}

/// A pretty JSON object from `(name, raw text)` form fields, in their order.
///
/// Each value is typed by its parameter: numbers and booleans become JSON
/// scalars and object or array fields take JSON text, when the text parses as
/// that type; anything else, and fields the definition doesn't know, are
/// written as strings, so validation can name the mistake instead of the
/// text being lost. Blank fields are left out.
pub fn body_from_fields(op: &Operation, fields: &[(String, String)]) -> String {
    let members = fields
        .iter()
        .filter(|(_, raw)| !raw.trim().is_empty())
        .map(|(name, raw)| (name.clone(), field_value(op.param(Location::Body, name), raw)))
        .collect();
    json::pretty(&Value::Object(members))
}

fn field_value(param: Option<&Param>, raw: &str) -> Value {
    let text = || Value::String(raw.to_owned());
    let Some(param) = param else { return text() };
    let wanted = match param.ty {
        ParamType::String => return text(),
        ParamType::Integer | ParamType::Number => "number",
        other => other.as_str(),
    };
    match json::parse(raw.trim()) {
        Ok(Value::Null) if param.nullable => Value::Null,
        Ok(value) if json::kind(&value) == wanted => value,
        _ => text(),
    }
}

/// The form fields of a JSON body, or `None` when the form cannot show it
/// exactly (not an object, a string field holding a number, an unknown field
/// that is not a string…): then the body stays in the JSON editor.
pub fn fields_from_body(op: &Operation, body: &str) -> Option<Vec<(String, String)>> {
    let value = json::parse(body).ok()?;
    let Value::Object(members) = &value else { return None };
    let fields: Vec<(String, String)> = members
        .iter()
        .map(|(name, v)| {
            let raw = match v {
                Value::String(s) => s.clone(),
                other => json::compact(other),
            };
            (name.clone(), raw)
        })
        .collect();
    // Round trip: the fields must compose the very same value again.
    (json::parse(&body_from_fields(op, &fields)).ok()? == value).then_some(fields)
}

/// The "example" fill: each parameter's example (or else its default), and
/// the page's request example as the body.
///
/// Optional headers are left empty: their examples are an idempotency key and
/// a request id, and sending a documented key again would replay (or clash
/// with) an earlier request instead of trying the operation.
pub fn example_draft(op: &Operation) -> Draft {
    let fill = |location: Location, optional_too: bool| -> Vec<(String, String)> {
        op.params_in(location)
            .filter(|p| optional_too || p.required)
            .filter_map(|p| Some((p.name.clone(), p.example.clone().or_else(|| p.default.clone())?)))
            .collect()
    };
    let body = match &op.request_example {
        _ if !op.has_body() => None,
        Some(example) => Some(example.body.clone()),
        None => {
            let fields = fill(Location::Body, true);
            (!fields.is_empty()).then(|| body_from_fields(op, &fields))
        }
    };
    Draft {
        path: fill(Location::Path, true),
        query: fill(Location::Query, true),
        headers: fill(Location::Header, false),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::test_support::op;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn composes_typed_pretty_json() {
        let token = op("create-token");
        let body = body_from_fields(&token, &fields(&[("expires_in", "900"), ("scope", "resources:read")]));
        assert_eq!(body, "{\n  \"expires_in\": 900,\n  \"scope\": \"resources:read\"\n}");

        let create = op("create-resource");
        let body = body_from_fields(
            &create,
            &fields(&[("name", " say \"hi\" "), ("region", ""), ("metadata", "{\"team\": \"data\"}"), ("x", "1")]),
        );
        assert_eq!(
            body,
            "{\n  \"name\": \" say \\\"hi\\\" \",\n  \"metadata\": {\n    \"team\": \"data\"\n  },\n  \"x\": \"1\"\n}"
        );
        assert_eq!(body_from_fields(&create, &[]), "{}");
    }

    #[test]
    fn text_that_does_not_parse_stays_a_string() {
        let token = op("create-token");
        assert_eq!(body_from_fields(&token, &fields(&[("expires_in", "soon")])), "{\n  \"expires_in\": \"soon\"\n}");
        let create = op("create-resource");
        assert_eq!(body_from_fields(&create, &fields(&[("metadata", "{oops")])), "{\n  \"metadata\": \"{oops\"\n}");
        assert_eq!(body_from_fields(&create, &fields(&[("metadata", "[1]")])), "{\n  \"metadata\": \"[1]\"\n}");
    }

    #[test]
    fn splits_a_body_back_into_fields() {
        let create = op("create-resource");
        let body = r#"{"name": "A", "metadata": {"k": "v"}, "region": "eu-west"}"#;
        assert_eq!(
            fields_from_body(&create, body),
            Some(fields(&[("name", "A"), ("metadata", r#"{"k":"v"}"#), ("region", "eu-west")]))
        );
        let token = op("create-token");
        assert_eq!(fields_from_body(&token, r#"{"expires_in": 1.50}"#), Some(fields(&[("expires_in", "1.50")])));
        // Shapes the form would change are refused.
        assert_eq!(fields_from_body(&create, r#"{"name": 5}"#), None);
        assert_eq!(fields_from_body(&create, r#"{"name": " "}"#), None);
        assert_eq!(fields_from_body(&create, r#"{"extra": true}"#), None);
        assert_eq!(fields_from_body(&create, "[1]"), None);
        assert_eq!(fields_from_body(&create, "{"), None);
        assert_eq!(fields_from_body(&create, "{}"), Some(vec![]));
    }

    #[test]
    fn example_fill() {
        let draft = example_draft(&op("list-resources"));
        assert_eq!(draft, Draft { query: fields(&[("limit", "20")]), ..Draft::default() });

        let draft = example_draft(&op("update-resource"));
        assert_eq!(draft.path, fields(&[("id", "res_8f2a")]));
        assert!(draft.headers.is_empty(), "{draft:?}");
        assert_eq!(draft.body.as_deref().map(str::trim), Some(r#"{ "status": "archived" }"#));

        assert_eq!(example_draft(&op("ping")), Draft::default());
    }

    #[test]
    fn example_body_from_fields_without_a_request_example() {
        let mut create = op("create-resource");
        create.request_example = None;
        let body = example_draft(&create).body.unwrap();
        assert_eq!(
            body,
            "{\n  \"name\": \"Analytics\",\n  \"region\": \"eu-west\",\n  \"metadata\": {\n    \"team\": \"data\"\n  }\n}"
        );
    }
}
