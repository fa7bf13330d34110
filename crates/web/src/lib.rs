//! Browser helpers shared by the explorer shell (`src/`) and the playground
//! (`crates/playground`), which are linked into one wasm and split at build
//! time; the code both use stays in the shell's part. Without the `browser`
//! feature only the bridge's slot names are built, so host tests need no
//! browser.

pub mod bridge;
#[cfg(feature = "browser")]
mod storage;
#[cfg(feature = "browser")]
mod use_event_listener;

#[cfg(feature = "browser")]
pub use storage::{get, get_session, set, set_session};
#[cfg(feature = "browser")]
pub use use_event_listener::use_event_listener;
