//! Static content straight to the DOM (see `dom` for why).

pub mod dom;
mod find;
mod markdown;
mod object;
mod operation;
mod page;
mod sidebar;

pub use find::mark_first;
pub use page::{generic, not_found, page};
pub use sidebar::{mark_active, sidebar};
