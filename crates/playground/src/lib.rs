//! The playground: everything interactive beyond reading. It is a library
//! of the shell (`src/`), which calls it only through [`bridge`]: `async`
//! functions, each a split point (`wasm_split`). The build moves the code
//! reachable only from them into a wasm chunk of its own, fetched at the
//! first call, while what both halves use (Leptos, core, serde) stays in
//! the shell's module and is downloaded once. See DEVELOPERS.md for sizes.
//!
//! The shell calls `bridge::start` with its decoded docs, then mounts views
//! into slots it owns (`bridge::Slot`): the try-it panel of the endpoint
//! page being read and the header's connection chip. The dialogs live in
//! their own elements at the end of `<body>`.

mod auth;
pub mod bridge;
mod client;
mod components;
mod download;
mod env;
mod form_request;
mod hooks;
mod outcome;
mod random;
mod sharing;
mod state;
