//! Static content straight to the DOM (see `dom` for why).

mod dom;
mod markdown;
mod operation;
mod page;
mod sidebar;

pub use page::{not_found, page};
pub use sidebar::{mark_active, sidebar};
