//! What cURL adds by itself once every option is read: the URL it really
//! requests (globs, `./` segments, the uploaded file's name), the method,
//! where `-G` puts the data, and the headers other options imply.

use super::command::Reader;
use super::encode::{base64, remove_dot_segments};
use super::glob;
use super::{ImportError, ParsedCurl, split_origin};
use crate::operation::Method;
use crate::request::shell_quote;

const URL_QUERY_DROPPED: &str = "cURL leaves --url-query out when -G moves the data into the query";
const FORM_TYPE: &str = "application/x-www-form-urlencoded";

impl Reader {
    pub(super) fn finish(mut self) -> Result<ParsedCurl, ImportError> {
        if self.urls.is_empty() {
            return Err(ImportError::new("the command has no URL"));
        }
        let mut urls = std::mem::take(&mut self.urls).into_iter();
        let mut url = urls.next().unwrap_or_default();
        for other in urls {
            self.refuse(shell_quote(&other), "another URL; only the first request is read");
        }
        self.glob(&mut url);
        if let Some(hash) = url.find('#') {
            self.note(format!("the fragment {} is never sent to the server; it was left out", &url[hash..]));
            url.truncate(hash);
        }
        if !url.contains("://") {
            self.note("the URL has no scheme; cURL assumes http://");
            url.insert_str(0, "http://");
        }
        self.user_info(&mut url);
        self.path(&mut url);

        let has_data = !self.data.is_empty() || self.data_unreadable;
        let body = self.data_body(&mut url);
        if self.get {
            self.request_kinds.retain(|(kind, _)| *kind != "POST");
        }
        self.refused_kinds();
        let method = self.method(has_data);
        self.implied_headers();
        if has_data
            && !self.get
            && !self.has_header("content-type")
            && !self.removed.iter().any(|n| n == "content-type")
        {
            self.headers.push(("Content-Type".to_owned(), FORM_TYPE.to_owned()));
            self.note(format!(
                "cURL sends data without a Content-Type header as {FORM_TYPE}, so the request carries it"
            ));
        }
        Ok(ParsedCurl {
            method,
            url,
            headers: self.headers,
            body,
            ignored: self.ignored,
            unsupported: self.unsupported,
            notes: self.notes.into_vec(),
        })
    }

    /// `{a,b}` and `[1-3]` in the URL, unless `-g` was given.
    fn glob(&mut self, url: &mut String) {
        if self.globoff {
            return;
        }
        match glob::expand(url) {
            Ok(None) => {}
            Ok(Some(expanded)) if expanded.requests == 1 => {
                self.note(format!(
                    "cURL reads {{…}} and […] in a URL as a glob and requests {}; -g (--globoff) would send them as written",
                    expanded.url
                ));
                *url = expanded.url;
            }
            Ok(Some(expanded)) => {
                self.refuse(
                    shell_quote(url),
                    &format!(
                        "a URL glob: cURL sends {} requests, one per choice; only the first, {}, was read",
                        expanded.requests, expanded.url
                    ),
                );
                *url = expanded.url;
            }
            Err(problem) => self.refuse(
                shell_quote(url),
                &format!("cURL refuses this URL as a glob ({problem}) unless -g is given; it was read as written"),
            ),
        }
    }

    /// The path as cURL sends it: `./` and `../` resolved, and `-T`'s file
    /// name added to a URL that ends in `/`.
    fn path(&mut self, url: &mut String) {
        let (origin, rest) = split_origin(url);
        let (path, query) = rest.split_at(rest.find('?').unwrap_or(rest.len()));
        let mut new_path = if self.path_as_is { path.to_owned() } else { remove_dot_segments(path) };
        if new_path != path {
            self.note(format!("cURL resolves the `.` and `..` segments of the path and requests {new_path}"));
        }
        if let Some(file) = &self.upload
            && (new_path.is_empty() || new_path.ends_with('/'))
            && file != "-"
            && file != "."
        {
            let name = file.rsplit(['/', '\\']).next().unwrap_or_default();
            if new_path.is_empty() {
                new_path.push('/');
            }
            new_path.push_str(name);
            self.note(format!("the URL ends in `/`, so -T adds the file's name to it: cURL requests {new_path}"));
        }
        *url = format!("{origin}{new_path}{query}");
        if url.chars().any(|c| c == ' ' || c.is_control()) {
            self.note("cURL refuses a URL with a space or control character in it (curl: (3) URL using bad/illegal format); the explorer sends it percent-encoded");
        }
    }

    /// Joins the data; with `-G` it goes into the query instead, and then
    /// cURL forgets `--url-query`. Unreadable data leaves the body unknown.
    fn data_body(&mut self, url: &mut String) -> Option<String> {
        let mut joined = (!self.data.is_empty() && !self.data_unreadable).then(String::new);
        if let Some(joined) = &mut joined {
            for (i, (piece, json)) in self.data.iter().enumerate() {
                if i > 0 && !json {
                    joined.push('&');
                }
                joined.push_str(piece);
            }
        }
        let mut query: Vec<String> = Vec::new();
        let has_data = !self.data.is_empty() || self.data_unreadable;
        if self.get && has_data {
            for (_, shown) in std::mem::take(&mut self.url_query) {
                self.ignored.push((shown, URL_QUERY_DROPPED));
            }
            query.extend(joined.take());
        }
        query.extend(std::mem::take(&mut self.url_query).into_iter().map(|(piece, _)| piece));
        for piece in query {
            let separator = if !url.contains('?') {
                "?"
            } else if url.ends_with(['?', '&']) {
                ""
            } else {
                "&"
            };
            url.push_str(separator);
            url.push_str(&piece);
        }
        joined.filter(|_| !self.get)
    }

    /// cURL sends one kind of request: data (a POST), `-F`, `-I` and `-T`
    /// exclude each other, and cURL refuses a command with two of them.
    fn refused_kinds(&mut self) {
        let kinds = std::mem::take(&mut self.request_kinds);
        let Some((first_kind, first_flag)) = kinds.first() else { return };
        if let Some((kind, flag)) = kinds.iter().find(|(kind, _)| kind != first_kind) {
            self.unsupported.push(format!(
                "{flag} after {first_flag} (cURL refuses the command: {first_flag} asks for a {first_kind} and {flag} for a {kind}, and cURL sends one kind of request: \"You can only select one HTTP request method!\")"
            ));
        }
    }

    /// `-X` as written, or what cURL picks: HEAD with `-I`, POST for `-F`
    /// and for data (unless `-G`), PUT for `-T`, else GET.
    fn method(&mut self, has_data: bool) -> String {
        let written = match self.method.take() {
            Some((method, shown)) if !method.is_empty() => Some((method, shown)),
            _ => None,
        };
        if let Some((method, shown)) = written {
            let upper = method.to_ascii_uppercase();
            if method != upper {
                let sent = if Method::parse(&method).is_some() { upper.as_str() } else { "its methods" };
                self.refuse(
                    shown,
                    &format!(
                        "cURL sends the method exactly as written, `{method}`, and servers compare methods case-sensitively; the explorer sends {sent} in uppercase"
                    ),
                );
            }
            return method;
        }
        let method = if self.head.is_some() {
            "HEAD"
        } else if self.form.is_some() {
            "POST"
        } else if self.get {
            "GET"
        } else if has_data {
            "POST"
        } else if self.upload.is_some() {
            "PUT"
        } else {
            "GET"
        };
        method.to_owned()
    }

    /// `https://user:pass@host/`: cURL sends the user and password as Basic
    /// authentication, as with -u (which wins when both are given).
    fn user_info(&mut self, url: &mut String) {
        let start = url.find("://").map_or(0, |i| i + 3);
        let authority_end = url[start..].find(['/', '?']).map_or(url.len(), |i| start + i);
        if let Some(at) = url[start..authority_end].rfind('@') {
            let info = url[start..start + at].to_owned();
            url.replace_range(start..=start + at, "");
            self.note("the URL holds a user name and password; cURL sends them as Basic authentication");
            if self.user.is_none() {
                // Without a password in the URL, cURL sends an empty one.
                let info = if info.contains(':') { info } else { format!("{info}:") };
                self.user = Some(info);
            }
        }
    }

    fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// Headers cURL writes for other options, unless a -H gives them or
    /// removes them.
    fn implied_headers(&mut self) {
        let mut implied: Vec<(&str, String)> = Vec::new();
        if let Some(agent) = self.agent.take() {
            implied.push(("User-Agent", agent));
        }
        if let Some(referer) = self.referer.take() {
            implied.push(("Referer", referer));
        }
        if let Some((first, rest)) = self.cookies.split_first() {
            // cURL 8.18 and newer join with `; ` (older ones with `;`, which
            // servers read alike), adding no blank before one already there.
            let mut cookie = first.clone();
            for more in rest {
                cookie.push(';');
                if !more.starts_with([' ', '\t']) {
                    cookie.push(' ');
                }
                cookie.push_str(more);
            }
            implied.push(("Cookie", cookie));
        }
        let user = self.user.take();
        let flag = self.user_flag.take();
        if user.is_some() && self.other_auth {
            let from = flag.as_deref().unwrap_or("the URL");
            self.note(format!(
                "{from} gives the user and password to another authentication scheme, which the explorer cannot send; no Basic authentication is sent"
            ));
        } else if let Some(user) = user {
            if let Some(flag) = &flag {
                self.note(format!(
                    "{flag} sends a user and password as Basic authentication, a credential style the API does not accept"
                ));
            }
            let user = if user.contains(':') {
                user
            } else {
                self.note("-u gives no password, so cURL would ask for one; an empty password was assumed");
                format!("{user}:")
            };
            implied.push(("Authorization", format!("Basic {}", base64(user.as_bytes()))));
        } else if let Some(token) = self.bearer.take() {
            implied.push(("Authorization", format!("Bearer {token}")));
        }
        if let Some(range) = self.range.take() {
            implied.push(("Range", format!("bytes={range}")));
        }
        if self.json {
            implied.push(("Content-Type", "application/json".to_owned()));
            implied.push(("Accept", "application/json".to_owned()));
        }
        for (name, value) in implied {
            let removed = self.removed.iter().any(|n| n.eq_ignore_ascii_case(name));
            if !self.has_header(name) && !removed {
                self.headers.push((name.to_owned(), value));
            }
        }
    }
}
