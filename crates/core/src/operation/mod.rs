//! Operation definitions: the model, its parser and how it is described.

#[cfg(feature = "markdown")]
mod definition;
mod describe;
mod model;
mod names;
mod nearest;

#[cfg(feature = "markdown")]
pub use definition::parse_definition;
#[cfg(feature = "markdown")]
pub(crate) use definition::{is_object_name, parse_param_spec};
pub use describe::{
    auth_summary, constraint_notes, reason_phrase, status_class, status_line, type_label, type_label_parts,
};
pub use model::*;
pub use names::{is_header_name, path_placeholders};
pub use nearest::{nearest_operation, undocumented_route_hint};
