//! The three scopes of the contract, as a small bit set.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    ResourcesRead,
    ResourcesWrite,
    ProjectsRead,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::ResourcesRead, Scope::ResourcesWrite, Scope::ProjectsRead];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ResourcesRead => "resources:read",
            Scope::ResourcesWrite => "resources:write",
            Scope::ProjectsRead => "projects:read",
        }
    }

    pub fn parse(text: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == text)
    }

    fn bit(self) -> u8 {
        match self {
            Scope::ResourcesRead => 1,
            Scope::ResourcesWrite => 2,
            Scope::ProjectsRead => 4,
        }
    }
}

/// A set of scopes. Its text form is space-separated, in the canonical order
/// `resources:read resources:write projects:read` (what `scope` claims and
/// responses show).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Scopes(u8);

impl Scopes {
    pub fn all() -> Self {
        Scope::ALL.into_iter().collect()
    }

    pub fn contains(self, scope: Scope) -> bool {
        self.0 & scope.bit() != 0
    }

    pub fn is_subset_of(self, other: Scopes) -> bool {
        self.0 & !other.0 == 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Scope> {
        Scope::ALL.into_iter().filter(move |s| self.contains(*s))
    }

    /// Parses a space-separated list; `None` if any name is unknown or the
    /// list is empty.
    pub fn parse(text: &str) -> Option<Scopes> {
        let mut scopes = Scopes::default();
        for name in text.split(' ').filter(|n| !n.is_empty()) {
            scopes.0 |= Scope::parse(name)?.bit();
        }
        (!scopes.is_empty()).then_some(scopes)
    }

    pub fn names(self) -> Vec<&'static str> {
        self.iter().map(Scope::as_str).collect()
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        Scopes(iter.into_iter().fold(0, |acc, s| acc | s.bit()))
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.names().join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_in_canonical_order() {
        let scopes = Scopes::parse("projects:read  resources:read").expect("valid");
        assert_eq!(scopes.to_string(), "resources:read projects:read");
        assert!(scopes.contains(Scope::ProjectsRead));
        assert!(!scopes.contains(Scope::ResourcesWrite));
        assert_eq!(Scopes::all().to_string(), "resources:read resources:write projects:read");
    }

    #[test]
    fn rejects_unknown_and_empty() {
        assert_eq!(Scopes::parse("resources:read admin"), None);
        assert_eq!(Scopes::parse(""), None);
        assert_eq!(Scopes::parse("   "), None);
    }

    #[test]
    fn subset() {
        let read = Scopes::parse("resources:read").expect("valid");
        assert!(read.is_subset_of(Scopes::all()));
        assert!(!Scopes::all().is_subset_of(read));
    }
}
