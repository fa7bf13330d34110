//! Views, one folder per component with its stylesheet beside it.

pub mod check_body;
pub mod code;
pub mod connection;
pub mod destination;
pub mod docs_check;
pub mod events;
pub mod findings;
pub mod generic;
pub mod history;
pub mod json_tree;
pub mod modal;
pub mod paste;
pub mod response;
pub mod share;
pub mod snippets;
pub mod tabs;
pub mod try_it;
