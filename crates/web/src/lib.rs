//! Browser helpers shared by the explorer shell (`src/`) and the playground
//! (`crates/playground`), which are linked into one wasm and split at build
//! time; the code both use stays in the shell's part.

mod storage;
mod use_event_listener;

pub use storage::{get, get_session, set, set_session};
pub use use_event_listener::use_event_listener;
