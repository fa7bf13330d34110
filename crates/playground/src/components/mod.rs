//! Views, one folder per component with its stylesheet beside it.

pub mod code;
pub mod connection;
pub mod events;
pub mod json_tree;
pub mod response;
pub mod try_it;
