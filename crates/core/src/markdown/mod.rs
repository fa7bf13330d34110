//! Markdown pages to the typed document model.

mod model;
#[cfg(feature = "markdown")]
mod parse;
mod slug;
pub mod write;

pub use model::*;
#[cfg(feature = "markdown")]
pub use parse::{LinkCheck, PageChecks, parse_page, parser_options};
pub use slug::{Slugger, slugify};
