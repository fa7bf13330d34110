//! The try-it request: what the user typed ([`Draft`]), what is wrong with it
//! ([`validate`]), the exact request it becomes ([`build`]), and that same
//! request written as cURL and as code in other languages.
//!
//! Everything that leaves this module is derived from one [`HttpRequest`], so
//! the request the explorer sends, the cURL it shows and every snippet agree
//! byte for byte. `crates/core/tests/snippets_on_the_wire.rs` checks that on a
//! real socket for cURL (in bash), JavaScript (node) and Python (requests),
//! and for Go, Ruby and HTTPie where they are installed. Rust is checked by
//! its unit tests only.

mod arguments;
mod build;
mod curl;
mod draft;
mod recent;
mod replay;
mod rows;
mod shell;
mod snippets;
mod url;
pub(crate) mod validate;

pub use arguments::draft_from_arguments;
pub use build::{Credential, HttpRequest, add_credential, build, header_value_problem};
pub use curl::curl;
pub use draft::{Draft, body_from_fields, example_draft, fields_from_body};
pub use recent::{RECENT_IDS, created_id, id_suggestions, remember_id};
pub use replay::resend_key;
pub use rows::{Row, draft_from_rows, initial_rows, rows_from_draft};
pub use shell::shell_quote;
pub use snippets::{Lang, snippet};
pub use url::{percent_encode, validate_base_url};
pub use validate::{Issue, validate, value_problem};

/// How snippets write the credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secret {
    /// An environment variable (`$TOKEN`, `$API_KEY`), so that what is shown
    /// or copied by default never holds the secret.
    Placeholder,
    /// The real value, for an explicit "copy with secret".
    Reveal,
}

/// A credential header split into what stays literal and what comes from
/// the environment under [`Secret::Placeholder`]: `Authorization: Bearer x`
/// is `("Bearer ", "TOKEN")`.
pub(crate) struct Masked<'a> {
    pub prefix: &'a str,
    pub var: &'static str,
}

/// Whether a header carries a secret and how to mask it. Decided by name, so
/// a credential the user typed as a custom header is hidden too.
pub(crate) fn masked<'a>(name: &str, value: &'a str) -> Option<Masked<'a>> {
    if name.eq_ignore_ascii_case("authorization") {
        // Keep the scheme readable: `Bearer $TOKEN`.
        let prefix = value.find(' ').map_or("", |i| &value[..=i]);
        Some(Masked { prefix, var: "TOKEN" })
    } else if name.eq_ignore_ascii_case("x-api-key") {
        Some(Masked { prefix: "", var: "API_KEY" })
    } else {
        None
    }
}

/// The real operations of `content/reference`, for the unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::operation::Operation;
    use std::sync::OnceLock;

    pub fn all_operations() -> Vec<Operation> {
        static DOCS: OnceLock<crate::Docs> = OnceLock::new();
        let docs = DOCS.get_or_init(|| crate::Docs::load(explorer_content::FILES).expect("the content loads"));
        docs.operations().cloned().collect()
    }

    pub fn op(id: &str) -> Operation {
        all_operations().into_iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no operation {id}"))
    }
}
