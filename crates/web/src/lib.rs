//! Browser helpers shared by the explorer shell (`src/`) and the playground
//! module (`crates/playground`). Each wasm module links its own copy; this
//! crate keeps the source in one place. Without the `browser` feature only
//! the bridge's names are built, for the build tool that checks them.

pub mod bridge;
#[cfg(feature = "browser")]
mod storage;
#[cfg(feature = "browser")]
mod use_event_listener;

#[cfg(feature = "browser")]
pub use storage::{get, get_session, set, set_session};
#[cfg(feature = "browser")]
pub use use_event_listener::use_event_listener;
