//! JSON text read with serde_json, and its errors said in plain words.
//!
//! serde_json is built with `preserve_order` (a response's members stay in
//! the order the server sent them) and `arbitrary_precision` (a number is
//! kept exactly as written, so `12345678901234567890` or `1.10` are shown
//! and re-sent unchanged). What this module adds is the wording: the body
//! editor shows "line 3, column 1: a trailing comma is not allowed before
//! `}`" rather than serde's "trailing comma at line 3 column 1", and the
//! column counts characters, not bytes.

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

/// Where and why a text is not JSON. Lines and columns count from 1;
/// columns count characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for JsonError {}

/// Parses one JSON document; only whitespace may surround it. Nesting
/// deeper than serde_json's limit of 128 levels is an error, not a stack
/// overflow.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    if text.trim().is_empty() {
        return Err(JsonError { line: 1, column: 1, message: "the text is empty; a JSON value was expected".into() });
    }
    serde_json::from_str(text).map_err(|error| explain(text, &error))
}

/// The keys of a top-level JSON object in the text's order, repeats
/// included; `None` when the text is not a JSON object. A `Value` keeps only
/// the last of a repeated key, and a server reads one of them: the body
/// checks warn about the repeat.
pub fn top_level_keys(text: &str) -> Option<Vec<String>> {
    struct Keys(Vec<String>);
    struct KeysVisitor;
    impl<'de> Visitor<'de> for KeysVisitor {
        type Value = Keys;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                map.next_value::<IgnoredAny>()?;
                keys.push(key);
            }
            Ok(Keys(keys))
        }
    }
    impl<'de> Deserialize<'de> for Keys {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Keys, D::Error> {
            deserializer.deserialize_map(KeysVisitor)
        }
    }
    serde_json::from_str::<Keys>(text).ok().map(|keys| keys.0)
}

/// The JSON type name, as a reader would say it.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Indented by two spaces, one member per line, the way people read JSON.
pub fn pretty(value: &Value) -> String {
    // Writing a Value into a String cannot fail: its keys are strings.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Compact text, no whitespace.
pub fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `s` as a JSON string literal, quotes included.
pub fn quote(s: &str) -> String {
    compact(&Value::String(s.to_owned()))
}

/// The 1-based line and character column of a byte offset.
pub fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// serde_json's error, at the character it points to, in plain words.
fn explain(text: &str, error: &serde_json::Error) -> JsonError {
    // serde_json counts the column in bytes and points at the offending
    // byte; column 0 means the line break ending the line before, and an
    // early end is reported at the last byte read.
    let line_start: usize = text.split_inclusive('\n').take(error.line().saturating_sub(1)).map(str::len).sum();
    let offset = if error.is_eof() {
        text.len()
    } else if error.column() == 0 {
        line_start.saturating_sub(1)
    } else {
        (line_start + error.column() - 1).min(text.len())
    };
    let (line, column) = line_column(text, offset);
    let here = text.get(offset..).and_then(|rest| rest.chars().next());
    let found = match here {
        None => "the end of the text".to_owned(),
        Some(c) => format!("{c:?}"),
    };
    let raw = error.to_string();
    // The message without serde's " at line L column C".
    let what = raw.rsplit_once(" at line ").map_or(raw.as_str(), |(what, _)| what);
    let message = match what {
        _ if here == Some('\'') => "strings must use double quotes, not single quotes".to_owned(),
        "trailing comma" => match here {
            Some(']') => "a trailing comma is not allowed before `]`".to_owned(),
            _ => "a trailing comma is not allowed before `}`".to_owned(),
        },
        "trailing characters" => "unexpected text after the end of the JSON value".to_owned(),
        "key must be a string" => format!("expected a key in double quotes, found {found}"),
        "expected `:`" => "expected `:` after the key".to_owned(),
        "expected `,` or `}`" => format!("expected `,` or `}}` after a member, found {found}"),
        "expected `,` or `]`" => format!("expected `,` or `]` after an item, found {found}"),
        "expected value" | "expected ident" => format!("expected a JSON value, found {found}"),
        "invalid number" => "this is not a valid JSON number".to_owned(),
        "number out of range" => "this number is out of range".to_owned(),
        "invalid escape" => "unknown escape; JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX".to_owned(),
        "recursion limit exceeded" => "nesting is deeper than 128 levels".to_owned(),
        w if w.starts_with("control character") => {
            if here == Some('\n') {
                "a string cannot contain a raw line break; write \\n".to_owned()
            } else {
                "control characters must be escaped in strings".to_owned()
            }
        }
        w if w.starts_with("EOF while parsing") => {
            format!("the text ends before the {} is complete", w.trim_start_matches("EOF while parsing a "))
        }
        w if w.contains("surrogate") || w.contains("unicode code point") => {
            "this \\u escape is not a character (a surrogate must come in a pair)".to_owned()
        }
        other => other.to_owned(),
    };
    JsonError { line, column, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn order_and_exact_numbers_are_kept() {
        let text = r#"{"z":1,"a":12345678901234567890123,"m":1.10,"e":-0.0e+5}"#;
        let value = parse(text).unwrap();
        assert_eq!(compact(&value), text);
        assert_eq!(
            pretty(&parse(r#"{"b":[],"a":{},"c":[1,{"d":null}]}"#).unwrap()),
            "{\n  \"b\": [],\n  \"a\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": null\n    }\n  ]\n}"
        );
    }

    #[test]
    fn errors_name_the_line_the_character_column_and_the_fault() {
        assert_eq!(error("{\n  \"a\": 1,\n}"), "line 3, column 1: a trailing comma is not allowed before `}`");
        assert_eq!(error("[1,]"), "line 1, column 4: a trailing comma is not allowed before `]`");
        assert_eq!(error("{'a': 1}"), "line 1, column 2: strings must use double quotes, not single quotes");
        assert_eq!(error(r#"{"é": x}"#), "line 1, column 7: expected a JSON value, found 'x'");
        assert_eq!(error(r#"{"a" 1}"#), "line 1, column 6: expected `:` after the key");
        assert_eq!(error(r#"{"a": 1 "b": 2}"#), "line 1, column 9: expected `,` or `}` after a member, found '\"'");
        assert_eq!(error("[1 2]"), "line 1, column 4: expected `,` or `]` after an item, found '2'");
        assert_eq!(error("{1: 2}"), "line 1, column 2: expected a key in double quotes, found '1'");
        assert_eq!(error("1 2"), "line 1, column 3: unexpected text after the end of the JSON value");
        assert_eq!(error("   "), "line 1, column 1: the text is empty; a JSON value was expected");
        assert_eq!(error(r#"{"a": [1"#), "line 1, column 9: the text ends before the list is complete");
        assert_eq!(error("\"a\nb\""), "line 1, column 3: a string cannot contain a raw line break; write \\n");
        assert!(error("\"a\nb\"").ends_with("a string cannot contain a raw line break; write \\n"));
        assert!(error(r#""\q""#).contains("unknown escape"));
        assert!(error(&"[".repeat(200)).ends_with("nesting is deeper than 128 levels"));
        assert!(error("01").contains("line 1, column 2"), "{}", error("01"));
    }

    #[test]
    fn top_level_keys_keep_repeats_in_order() {
        assert_eq!(top_level_keys(r#"{"b":1,"a":{"b":2},"b":3}"#), Some(vec!["b".into(), "a".into(), "b".into()]));
        assert_eq!(top_level_keys("[1]"), None);
        assert_eq!(top_level_keys("{"), None);
    }

    #[test]
    fn quoting_and_kinds() {
        assert_eq!(quote("a\"b\\c\n\u{1}é"), "\"a\\\"b\\\\c\\n\\u0001é\"");
        let kinds: Vec<&str> =
            ["null", "true", "1", "\"s\"", "[]", "{}"].iter().map(|t| kind(&parse(t).unwrap())).collect();
        assert_eq!(kinds, ["null", "boolean", "number", "string", "array", "object"]);
    }

    #[test]
    fn line_column_counts_characters_and_survives_odd_offsets() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("é", 1), (1, 1));
        assert_eq!(line_column("x", 99), (1, 2));
    }
}
