//! The cURL options the importer knows, and what each one does to the
//! request. The table ([`table`]) holds every option of current cURL (from
//! its `docs/cmdline-opts`); a word that is none of them is an error, as it
//! is for cURL. Every option that changes nothing the API sees is listed as
//! ignored, with why.

mod table;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DataKind {
    /// `-d`, `--data`, `--data-ascii`: `@file` reads a file.
    Plain,
    /// `--data-binary`: `@file` reads a file.
    Binary,
    /// `--data-raw`: never reads a file.
    Raw,
    /// `--data-urlencode`: `content`, `=content`, `name=content`, `@file`,
    /// `name@file`.
    UrlEncode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Method,
    Header,
    Data(DataKind),
    Json,
    Get,
    Head,
    User,
    Bearer,
    Url,
    UrlQuery,
    Agent,
    Referer,
    Cookie,
    Range,
    /// `-g`: the URL is read literally instead of as a glob.
    GlobOff,
    /// `--path-as-is`: `./` and `../` stay in the path.
    PathAsIs,
    /// Understood but not supported: still decides the method.
    Form,
    Upload,
    Ignore(&'static str),
    IgnoreValue(&'static str),
    Refuse(&'static str),
    RefuseValue(&'static str),
}

impl Action {
    pub fn takes_value(self) -> bool {
        !matches!(
            self,
            Action::Get | Action::Head | Action::GlobOff | Action::PathAsIs | Action::Ignore(_) | Action::Refuse(_)
        )
    }
}

pub(crate) struct Spec {
    pub long: &'static str,
    pub short: Option<char>,
    pub action: Action,
}

pub(crate) const FILE: &str = "reads a file, which the explorer cannot see";
pub(crate) const STDIN: &str = "reads standard input, which the explorer cannot see";
pub(crate) const FORM: &str = "multipart forms are not supported";
pub(crate) const UPLOAD: &str = "uploads a file, which the explorer cannot see";
pub(crate) const VARIABLES: &str = "cURL variables are not supported";
/// Other authentication schemes, which take `-u`'s user and password.
pub(crate) const AUTH: &str = "another authentication scheme; the API takes an API key or a bearer token";

/// The option named `name` (without its dashes), exactly: cURL 8.6 and
/// newer take no abbreviations.
pub(crate) fn long(name: &str) -> Option<&'static Spec> {
    table::SPECS.iter().find(|s| s.long == name).or_else(|| table::ALIASES.iter().find(|s| s.long == name))
}

pub(crate) fn short(c: char) -> Option<&'static Spec> {
    table::SPECS.iter().find(|s| s.short == Some(c))
}

/// The options `name` abbreviates, which cURL before 8.6 accepted when
/// there was exactly one.
pub(crate) fn abbreviated(name: &str) -> Vec<&'static str> {
    table::SPECS.iter().filter(|s| s.long.starts_with(name)).map(|s| s.long).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let specs = table::SPECS;
        for (i, a) in specs.iter().enumerate() {
            for b in &specs[..i] {
                assert_ne!(a.long, b.long);
                assert!(a.short.is_none() || a.short != b.short, "{} and {} share -{:?}", a.long, b.long, a.short);
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(long("include").map(|s| s.action), long("show-headers").map(|s| s.action));
        assert_eq!(short('X').map(|s| s.long), Some("request"));
        assert_eq!(abbreviated("verb"), ["verbose"]);
        assert!(abbreviated("data").len() > 3);
        assert!(long("frobnicate").is_none());
    }
}
