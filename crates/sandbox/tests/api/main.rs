//! Integration tests over real HTTP against the sandbox on a random port.

mod common;

mod conventions;
mod cors;
mod events;
mod explorer;
mod idempotency;
mod openapi_doc;
mod pagination;
mod rate_limit;
mod retention;
mod status_codes;
mod tokens;
