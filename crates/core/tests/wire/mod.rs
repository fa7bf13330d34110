//! The parts of the on-the-wire snippet test: the capture server, the
//! generated requests, the programs that run the snippets, and the batches
//! for the compiled languages.

pub mod batch;
pub mod cases;
pub mod go;
pub mod rust;
pub mod server;
pub mod toolchain;
