//! Shell routes that are not docs pages.

/// The generic request panel (a request no documented operation matches).
pub const GENERIC: &str = "/request";

pub fn is_generic(path: &str) -> bool {
    path.trim_end_matches('/') == GENERIC
}
