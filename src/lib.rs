//! The Cloud API Explorer: a Leptos single-page app. It connects signals to
//! `explorer-core` and to views; every decision lives in the core crate.

mod app;
mod components;
mod context;
mod hooks;
mod playground;
mod render;
mod router;

pub use app::App;
