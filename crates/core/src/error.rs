//! The one error type of the content pipeline: a message tied to a file and
//! a line, so an author can jump straight to the mistake.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// Path relative to `content/`, e.g. `reference/list-resources.md`.
    pub file: String,
    /// 1-based line in that file.
    pub line: usize,
    pub message: String,
}

impl ContentError {
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self { file: file.to_owned(), line, message: message.into() }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "content/{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ContentError {}

/// Formats a list of errors one per line, for test failures and the app's
/// fallback page.
pub fn report(errors: &[ContentError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}
