//! Response and request bodies as data: the named objects the docs define
//! in ```` ```object <Name> ```` blocks, the checker that compares a JSON
//! value with them, and their JSON Schema form for the OpenAPI export.
//!
//! One language serves both directions: an object's fields are written like
//! an operation's `body` parameters (`crate::operation::Param`), and a field
//! may name another object (`data: Resource`, `data: array, values Resource`).

mod check;
mod json_schema;
mod object;
mod response_check;

pub use check::{
    Check, Difference, DifferenceKind, DocRef, Expect, MAX_DIFFERENCES, check_value, differences_heading, more_note,
};
pub use json_schema::{field_schema, object_schema, schema_name};
#[cfg(feature = "markdown")]
pub(crate) use object::parse_object;
pub use object::{ObjectDef, field_anchor, object_anchor};
pub use response_check::{
    ResponseCheck, ResponseFacts, check_example, expected_media_type, parse_status, reads_as_json, request_body_object,
};
