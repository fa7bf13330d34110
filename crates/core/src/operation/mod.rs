//! Operation definitions: the model, its parser and how it is described.

#[cfg(feature = "markdown")]
mod definition;
mod describe;
mod model;
mod names;

#[cfg(feature = "markdown")]
pub use definition::parse_definition;
pub use describe::{auth_summary, constraint_notes, reason_phrase, type_label};
pub use model::*;
pub use names::{is_header_name, path_placeholders};
