//! Browser helpers shared by the explorer shell (`src/`) and the playground
//! module (`crates/playground`). Each wasm module links its own copy; this
//! crate keeps the source in one place.

mod storage;
mod use_event_listener;

pub use storage::{get, get_session, set, set_session};
pub use use_event_listener::use_event_listener;
