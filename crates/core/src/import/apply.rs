//! What each cURL option does to the request being read.

use super::command::Reader;
use super::encode::data_urlencode;
use super::options::{self, Action, DataKind};
use crate::request::shell_quote;

const HEADER_REMOVAL: &str = "removes a header cURL adds by itself; the browser adds its own";
const NO_AGENT: &str = "removes the User-Agent header cURL adds by itself; the browser sends its own";
const AUTO_REFERER: &str = "only sets the Referer when following a redirect, which the browser does by itself";

impl Reader {
    pub(super) fn apply(&mut self, action: Action, flag: String, value: Option<String>) {
        let value = value.unwrap_or_default();
        let shown = || format!("{flag} {}", shell_quote(&value));
        match action {
            Action::Method => self.method = Some((value.clone(), shown())),
            Action::Header => self.header(&flag, &value),
            Action::Data(kind) => self.data(&flag, kind, value),
            Action::Json => {
                self.json = true;
                self.first_data(&flag);
                match unreadable(&value) {
                    Some(why) => self.unreadable(shown(), why),
                    None => self.data.push((value, true)),
                }
            }
            Action::Get => self.get = true,
            Action::Head => {
                self.head = Some(flag.clone());
                self.request_kinds.push(("HEAD", flag));
            }
            Action::User => {
                self.user = Some(value);
                self.user_flag = Some(flag);
            }
            Action::Bearer => self.bearer = Some(value),
            Action::Url => self.urls.push(value),
            Action::UrlQuery => self.url_query(shown(), &value),
            // cURL sends no User-Agent at all for an empty one.
            Action::Agent if value.is_empty() => self.ignored.push((shown(), NO_AGENT)),
            Action::Agent => self.agent = Some(value),
            Action::Referer => {
                // `;auto` (anywhere) asks for a Referer on redirects only.
                let referer = value.split(";auto").next().unwrap_or_default();
                if referer.is_empty() {
                    self.ignored.push((shown(), AUTO_REFERER));
                } else {
                    self.referer = Some(referer.to_owned());
                }
            }
            Action::Cookie if value.contains('=') => self.cookies.push(value),
            Action::Cookie => self.refuse(shown(), "reads cookies from a file, which the explorer cannot see"),
            Action::Range => self.range = Some(value),
            Action::GlobOff => self.globoff = true,
            Action::PathAsIs => self.path_as_is = true,
            Action::Form => {
                let shown = shown();
                self.form.get_or_insert(shown.clone());
                self.request_kinds.push(("multipart POST", flag));
                self.refuse(shown, options::FORM);
            }
            Action::Upload => {
                self.refuse(shown(), options::UPLOAD);
                self.upload = Some(value);
                self.request_kinds.push(("PUT", flag));
            }
            Action::Ignore(why) => self.ignored.push((flag, why)),
            Action::IgnoreValue(why) => self.ignored.push((shown(), why)),
            Action::Refuse(why) | Action::RefuseValue(why) => {
                self.other_auth |= why == options::AUTH;
                let what = if matches!(action, Action::Refuse(_)) { flag.clone() } else { shown() };
                self.refuse(what, why);
            }
        }
    }

    /// Data asks for a POST, unless `-G` (given anywhere) makes it a query.
    fn first_data(&mut self, flag: &str) {
        if self.data_flag.is_none() {
            self.data_flag = Some(flag.to_owned());
            self.request_kinds.push(("POST", flag.to_owned()));
        }
    }

    pub(super) fn refuse(&mut self, what: String, why: &str) {
        self.unsupported.push(format!("{what} ({why})"));
    }

    /// Data the explorer cannot see: the request is still a POST with a
    /// body, but what the body holds is unknown.
    fn unreadable(&mut self, shown: String, why: &str) {
        self.data_unreadable = true;
        self.refuse(shown, why);
    }

    fn header(&mut self, flag: &str, value: &str) {
        let shown = format!("{flag} {}", shell_quote(value));
        if value.starts_with('@') {
            return self.refuse(shown, options::FILE);
        }
        let trim = |s: &str| s.trim_matches([' ', '\t', '\r', '\n']).to_owned();
        match value.split_once(':') {
            Some((name, _)) if name.trim().is_empty() => self.refuse(shown, "a header needs a name before `:`"),
            // `Name:` with nothing after it removes cURL's own header.
            Some((name, rest)) if rest.trim().is_empty() => {
                self.removed.push(name.trim().to_ascii_lowercase());
                self.ignored.push((shown, HEADER_REMOVAL));
            }
            Some((name, rest)) => self.headers.push((trim(name), trim(rest))),
            // `Name;` sends the header with an empty value.
            None => match value.trim_end().strip_suffix(';') {
                Some(name) if !name.trim().is_empty() => self.headers.push((trim(name), String::new())),
                _ => self.refuse(shown, "not a header: it has no `:`"),
            },
        }
    }

    fn data(&mut self, flag: &str, kind: DataKind, value: String) {
        let shown = format!("{flag} {}", shell_quote(&value));
        self.first_data(flag);
        let piece = match kind {
            DataKind::Plain | DataKind::Binary => match unreadable(&value) {
                Some(why) => return self.unreadable(shown, why),
                None => value,
            },
            DataKind::Raw => value,
            DataKind::UrlEncode => match data_urlencode(&value) {
                Ok(piece) => piece,
                Err(why) => return self.unreadable(shown, why),
            },
        };
        self.data.push((piece, false));
    }

    fn url_query(&mut self, shown: String, value: &str) {
        // `+name=value` is appended as it is; the rest as --data-urlencode.
        let piece = match value.strip_prefix('+') {
            Some(raw) => Ok(raw.to_owned()),
            None => data_urlencode(value),
        };
        match piece {
            Ok(piece) => self.url_query.push((piece, shown)),
            Err(why) => self.refuse(shown, why),
        }
    }
}

/// Why a `-d`, `--data-binary` or `--json` value cannot be read: `@-` reads
/// standard input, `@file` a file.
fn unreadable(value: &str) -> Option<&'static str> {
    match value.strip_prefix('@') {
        Some("-") => Some(options::STDIN),
        Some(_) => Some(options::FILE),
        None => None,
    }
}
