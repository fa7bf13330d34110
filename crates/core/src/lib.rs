//! Every decision of the Cloud API Explorer, with no browser and no I/O:
//! the docs model built from markdown, operation definitions, requests,
//! snippets, cURL, tokens, permalinks and search. Time and input come in as
//! arguments, so all of it is tested on the host with `cargo test`.

pub mod codec;
pub mod docs;
pub mod error;
pub mod highlight;
pub mod import;
pub mod json_text;
pub mod llms;
pub mod load;
pub mod markdown;
pub mod openapi;
pub mod operation;
pub mod request;
pub mod response;
pub mod routes;
pub mod schema;
pub mod search;
pub mod share;
pub mod sse;
#[cfg(feature = "markdown")]
pub mod summary;
pub mod target;
pub mod token;

pub use docs::Docs;
pub use error::ContentError;
