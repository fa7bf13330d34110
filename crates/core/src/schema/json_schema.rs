//! The JSON Schema (2020-12, as OpenAPI 3.1 uses it) of a field and of an
//! object. The OpenAPI export writes these under `components/schemas`, and
//! the differential test gives them to Python's `jsonschema` to check that
//! it and [`super::check_value`] agree on every value.

use serde_json::{Map, Number, Value};

use super::object::ObjectDef;
use crate::json_text as json;
use crate::operation::{Param, ParamType};

/// Where the export puts a named object.
pub fn schema_name(object: &str) -> String {
    format!("#/components/schemas/{object}")
}

fn reference(object: &str) -> Value {
    let mut out = Map::new();
    out.insert("$ref".to_owned(), Value::String(schema_name(object)));
    Value::Object(out)
}

/// An object: its fields as properties, the required ones listed, and no
/// other member allowed (an undocumented field is a difference).
/// `describe` gives a field's description as the export writes it.
pub fn object_schema(fields: &[&Param], describe: &dyn Fn(&Param) -> String) -> Value {
    let mut properties = Map::new();
    for field in fields {
        let mut schema = field_schema(field);
        let description = describe(field);
        if !description.is_empty()
            && let Value::Object(members) = &mut schema
        {
            let at = usize::from(!members.contains_key("anyOf"));
            members.shift_insert(at.min(members.len()), "description".to_owned(), Value::String(description));
        }
        properties.insert(field.name.clone(), schema);
    }
    let mut out = Map::new();
    out.insert("type".to_owned(), "object".into());
    if !properties.is_empty() {
        out.insert("properties".to_owned(), Value::Object(properties));
    }
    let required: Vec<Value> = fields.iter().filter(|f| f.required).map(|f| f.name.as_str().into()).collect();
    if !required.is_empty() {
        out.insert("required".to_owned(), Value::Array(required));
    }
    out.insert("additionalProperties".to_owned(), Value::Bool(false));
    Value::Object(out)
}

impl ObjectDef {
    /// This object's schema, for `components/schemas`.
    pub fn json_schema(&self, describe: &dyn Fn(&Param) -> String) -> Value {
        let fields: Vec<&Param> = self.fields.iter().collect();
        object_schema(&fields, describe)
    }
}

/// The JSON Schema of one parameter or field.
pub fn field_schema(p: &Param) -> Value {
    if let Some(object) = p.is_object() {
        if !p.nullable {
            return reference(object);
        }
        let mut out = Map::new();
        out.insert("anyOf".to_owned(), Value::Array(vec![reference(object), null_type()]));
        return Value::Object(out);
    }
    let c = &p.constraints;
    let mut out = Map::new();
    let ty: Value = p.ty.as_str().into();
    out.insert("type".to_owned(), if p.nullable { Value::Array(vec![ty, "null".into()]) } else { ty });
    if let Some(format) = c.format {
        out.insert("format".to_owned(), format.as_str().into());
    }
    if !c.enum_values.is_empty() {
        let mut values: Vec<Value> = c.enum_values.iter().map(|v| typed(p.ty, v)).collect();
        if p.nullable {
            values.push(Value::Null);
        }
        out.insert("enum".to_owned(), Value::Array(values));
    }
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            out.insert(key.to_owned(), value);
        }
    };
    put("minimum", c.minimum.map(number));
    put("maximum", c.maximum.map(number));
    put("minLength", c.min_length.map(Value::from));
    put("maxLength", c.max_length.map(Value::from));
    put("pattern", c.pattern.as_deref().map(Value::from));
    put("maxProperties", c.max_properties.map(Value::from));
    if let Some(values) = c.values {
        let key = if p.ty == ParamType::Array { "items" } else { "additionalProperties" };
        let item = match p.items_object() {
            Some(object) => reference(object),
            None => {
                let mut item = Map::new();
                item.insert("type".to_owned(), values.as_str().into());
                Value::Object(item)
            }
        };
        put(key, Some(item));
    }
    put("default", p.default.as_deref().map(|d| typed(p.ty, d)));
    put("example", p.example.as_deref().map(|e| typed(p.ty, e)));
    Value::Object(out)
}

fn null_type() -> Value {
    let mut out = Map::new();
    out.insert("type".to_owned(), "null".into());
    Value::Object(out)
}

/// A number as JSON: whole numbers without a fraction.
pub(crate) fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// A value written in a definition (default, example, enum member), typed
/// as the parameter is: `20` is a number for an integer, `{"a": "b"}` an
/// object. Text that does not fit the type stays a string.
pub(crate) fn typed(ty: ParamType, text: &str) -> Value {
    let parsed = match ty {
        ParamType::String => None,
        ParamType::Integer | ParamType::Number => json::parse(text).ok().filter(|v| matches!(v, Value::Number(_))),
        ParamType::Boolean => json::parse(text).ok().filter(|v| matches!(v, Value::Bool(_))),
        ParamType::Object | ParamType::Array => json::parse(text).ok().filter(|v| json::kind(v) == ty.as_str()),
    };
    parsed.unwrap_or_else(|| Value::String(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values() {
        assert_eq!(typed(ParamType::Integer, "20"), json::parse("20").unwrap());
        assert_eq!(typed(ParamType::Integer, "twenty"), Value::from("twenty"));
        assert_eq!(typed(ParamType::Boolean, "true"), Value::Bool(true));
        assert_eq!(typed(ParamType::String, "20"), Value::from("20"));
        assert_eq!(typed(ParamType::Object, "[1]"), Value::from("[1]"));
        assert_eq!(number(100.0), json::parse("100").unwrap());
        assert_eq!(number(-0.25), json::parse("-0.25").unwrap());
    }
}
