//! A named object: its fields, where it is documented, and the parser of
//! the ```` ```object <Name> [<media type>] ```` block that defines it.
//!
//! ```text
//! id: string, required, pattern ^res_[a-z0-9]{1,32}$, example res_8f2a
//!   The resource's id.
//! data: array, required, values Resource
//!   The resources of this page.
//! ```

use crate::operation::Param;
#[cfg(feature = "markdown")]
use crate::{
    error::ContentError,
    operation::{Location, is_object_name, parse_param_spec},
};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ObjectDef {
    /// `Resource`, `ProjectPage`: how responses and fields name it.
    pub name: String,
    /// The content type a body of this object is sent with.
    pub media_type: String,
    /// In the order written; every field is a `Location::Body` parameter.
    pub fields: Vec<Param>,
    /// The page that defines it, relative to `content/`, and its route.
    pub file: String,
    pub route: String,
    /// Line of the opening fence.
    pub line: usize,
}

impl ObjectDef {
    pub fn field(&self, name: &str) -> Option<&Param> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// `/errors#object-problem`: where a reader sees the object's table.
    pub fn link(&self) -> String {
        format!("{}#{}", self.route, object_anchor(&self.name))
    }

    /// The row of one field.
    pub fn field_link(&self, field: &str) -> String {
        format!("{}#{}", self.route, field_anchor(&self.name, field))
    }
}

/// The element id of an object's table: `object-resource`.
pub fn object_anchor(object: &str) -> String {
    format!("object-{}", object.to_ascii_lowercase())
}

/// The element id of one field's row: `object-resource-created_at`.
pub fn field_anchor(object: &str, field: &str) -> String {
    format!("{}-{}", object_anchor(object), field.to_ascii_lowercase())
}

/// Parses the block opened by ```` ```object <annotations> ```` on line
/// `fence_line` of `file`. Descriptions are left unrendered.
#[cfg(feature = "markdown")]
pub(crate) fn parse_object(
    code: &str,
    annotations: &[&str],
    file: &str,
    route: &str,
    fence_line: usize,
) -> Result<ObjectDef, Vec<ContentError>> {
    let error = |line: usize, message: String| ContentError::new(file, line, message);
    let (name, media_type) = match annotations {
        [name] => (*name, "application/json"),
        [name, media] if media.contains('/') => (*name, *media),
        _ => {
            return Err(vec![error(
                fence_line,
                "an object block opens with ```object <Name>, optionally followed by its media type".to_owned(),
            )]);
        }
    };
    if !is_object_name(name) {
        return Err(vec![error(
            fence_line,
            format!("{name:?} is not an object name: start with a capital letter, then letters and digits"),
        )]);
    }
    let mut errors = Vec::new();
    let mut fields: Vec<Param> = Vec::new();
    // Whether an indented line continues the last field's description.
    let mut in_field = false;
    for (offset, raw) in code.lines().enumerate() {
        let line = fence_line + 1 + offset;
        if raw.trim().is_empty() {
            continue;
        }
        if raw.starts_with([' ', '\t']) {
            match fields.last_mut().filter(|_| in_field) {
                Some(field) => {
                    if !field.description.is_empty() {
                        field.description.push(' ');
                    }
                    field.description.push_str(raw.trim());
                }
                None => errors.push(error(line, "an indented line must follow a field".to_owned())),
            }
            continue;
        }
        in_field = false;
        let Some((field, spec)) = raw.split_once(':') else {
            errors.push(error(line, format!("expected `<field>: <type>[, <attribute>]*`, found {:?}", raw.trim())));
            continue;
        };
        let field = field.trim();
        if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            errors.push(error(line, format!("{field:?} is not a field name")));
            continue;
        }
        if fields.iter().any(|f| f.name == field) {
            errors.push(error(line, format!("the field `{field}` is declared twice in {name}")));
            continue;
        }
        match parse_param_spec(Location::Body, field, spec.trim(), line) {
            Ok(param) => {
                fields.push(param);
                in_field = true;
            }
            Err(message) => errors.push(error(line, message)),
        }
    }
    if fields.is_empty() && errors.is_empty() {
        errors.push(error(fence_line, format!("the object {name} has no fields")));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ObjectDef {
        name: name.to_owned(),
        media_type: media_type.to_owned(),
        fields,
        file: file.to_owned(),
        route: route.to_owned(),
        line: fence_line,
    })
}
