//! From words to a [`ParsedCurl`]: which words are cURL's, what each option
//! does, and what cURL adds by itself (the method, `-G` queries, implied
//! headers).

use super::options::{self, Action, DataKind, Spec};
use super::{ImportError, Op, ParsedCurl, Token};
use crate::request::{percent_encode, shell_quote};

const REDIRECT: &str = "only changes where the shell sends cURL's output";
const HEADER_REMOVAL: &str = "removes a header cURL adds by itself; the browser adds its own";
const UNKNOWN: &str = "not a cURL option the explorer knows";

pub(crate) fn read(src: &str, tokens: Vec<Token>, notes: Vec<String>) -> Result<ParsedCurl, ImportError> {
    let mut reader = Reader { notes, ..Reader::default() };
    let words = reader.first_command(src, tokens);
    let words = reader.skip_command_name(words)?;
    reader.options(words)?;
    reader.finish()
}

#[derive(Default)]
struct Reader {
    method: Option<String>,
    urls: Vec<String>,
    headers: Vec<(String, String)>,
    /// Data pieces, and whether each came from `--json` (those are joined
    /// with nothing, the others with `&`).
    data: Vec<(String, bool)>,
    json: bool,
    form_data: bool,
    get: bool,
    head: bool,
    form: bool,
    upload: bool,
    user: Option<String>,
    bearer: Option<String>,
    agent: Option<String>,
    referer: Option<String>,
    cookies: Vec<String>,
    range: Option<String>,
    url_query: Vec<String>,
    ignored: Vec<(String, &'static str)>,
    unsupported: Vec<String>,
    notes: Vec<String>,
}

impl Reader {
    fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// The words of the first command; pipes, redirections and further
    /// commands are reported.
    fn first_command(&mut self, src: &str, tokens: Vec<Token>) -> Vec<String> {
        let mut words = Vec::new();
        let mut tokens = tokens.into_iter().peekable();
        while let Some(token) = tokens.next() {
            let (op, at) = match token {
                Token::Word { text, .. } => {
                    words.push(text);
                    continue;
                }
                Token::Op { op, at } => (op, at),
            };
            let rest = || shorten(src[at..].trim_start_matches(['|', '&', ';', '\n', '\r', ' ']).lines().next());
            match op {
                Op::Redirect(redirect) => {
                    let target = match tokens.peek() {
                        Some(Token::Word { text, .. }) => text.clone(),
                        _ => String::new(),
                    };
                    if !target.is_empty() {
                        tokens.next();
                    }
                    let space = if redirect.ends_with('&') || target.is_empty() { "" } else { " " };
                    self.ignored.push((format!("{redirect}{space}{target}"), REDIRECT));
                }
                Op::Newline | Op::Semicolon if words.is_empty() => {}
                Op::Newline => {
                    while matches!(tokens.peek(), Some(Token::Op { op: Op::Newline, .. })) {
                        tokens.next();
                    }
                    match tokens.peek() {
                        None => break,
                        // A line of options without `\` before it: bash would
                        // run it as a command of its own, but it was meant
                        // to continue this one.
                        Some(Token::Word { text, .. }) if text.starts_with('-') => {
                            self.note(
                                "a line break has no `\\` before it; the next lines were read as part of the command",
                            );
                        }
                        Some(_) => {
                            self.note(format!("only the first command is read; `{}` and what follows is not", rest()));
                            break;
                        }
                    }
                }
                Op::Pipe => {
                    self.note(format!("the output is piped to `{}`; the panel shows the response instead", rest()));
                    break;
                }
                Op::Background if tokens.peek().is_none() => {
                    self.ignored.push(("&".to_owned(), "only runs cURL in the background"));
                }
                Op::Background | Op::Semicolon | Op::And | Op::Or => {
                    let rest = rest();
                    if !rest.is_empty() {
                        self.note(format!("only the first command is read; `{rest}` is not"));
                    }
                    break;
                }
            }
        }
        words
    }

    /// Drops `curl` (and assignments or wrappers before it); a paste that
    /// starts with options or a URL is read as cURL's arguments.
    fn skip_command_name(&mut self, words: Vec<String>) -> Result<Vec<String>, ImportError> {
        let mut words = words.into_iter().peekable();
        while let Some(word) = words.peek() {
            if is_assignment(word) {
                let note = format!("the variable assignment {} before the command is ignored", shorten(Some(word)));
                self.note(note);
            } else if !matches!(word.as_str(), "sudo" | "time" | "noglob" | "command" | "exec") {
                break;
            }
            words.next();
        }
        let Some(first) = words.peek() else {
            return Err(ImportError::new("paste a cURL command: the text is empty"));
        };
        let program = first.rsplit(['/', '\\']).next().unwrap_or_default().to_ascii_lowercase();
        if program == "curl" || program == "curl.exe" {
            words.next();
        } else if first.starts_with('-') || first.contains("://") || first.contains(['.', '/']) {
            self.note("the command does not start with `curl`; it was read as cURL's arguments");
        } else {
            return Err(ImportError::new(format!(
                "only cURL commands can be read; this one runs `{}`",
                shorten(Some(first))
            )));
        }
        Ok(words.collect())
    }

    fn options(&mut self, words: Vec<String>) -> Result<(), ImportError> {
        let mut words = words.into_iter().peekable();
        let mut only_urls = false;
        while let Some(word) = words.next() {
            if only_urls || !word.starts_with('-') || word == "-" {
                self.urls.push(word);
            } else if word == "--" {
                only_urls = true;
            } else if let Some(long) = word.strip_prefix("--") {
                let (name, inline) = match long.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_owned())),
                    None => (long, None),
                };
                let flag = format!("--{name}");
                match long_spec(name) {
                    Some(spec) => {
                        let value = match inline {
                            _ if !spec.action.takes_value() => None,
                            Some(value) => Some(value),
                            None => Some(words.next().ok_or_else(|| needs_value(&flag))?),
                        };
                        self.apply(spec.action, flag, value);
                    }
                    None if options::is_expand(name) => {
                        let value = inline.or_else(|| words.next()).unwrap_or_default();
                        self.apply(Action::RefuseValue(options::EXPAND_WHY), flag, Some(value));
                    }
                    None => {
                        // An unknown option may take a value: a following
                        // word that is no option and no URL is taken as one.
                        let value = inline.or_else(|| words.next_if(|w| !w.starts_with('-') && !looks_like_url(w)));
                        match value {
                            Some(value) => self.unsupported.push(format!("{flag} {} ({UNKNOWN})", shell_quote(&value))),
                            None => self.unsupported.push(format!("{flag} ({UNKNOWN})")),
                        }
                    }
                }
            } else {
                let cluster: Vec<char> = word.chars().skip(1).collect();
                for (i, &c) in cluster.iter().enumerate() {
                    let flag = format!("-{c}");
                    let Some(spec) = options::short(c) else {
                        self.unsupported.push(format!("{flag} ({UNKNOWN})"));
                        continue;
                    };
                    if !spec.action.takes_value() {
                        self.apply(spec.action, flag, None);
                        continue;
                    }
                    // `-XPOST`, `-HAccept:x`: the rest of the word is the value.
                    let rest: String = cluster[i + 1..].iter().collect();
                    let value = if rest.is_empty() { words.next().ok_or_else(|| needs_value(&flag))? } else { rest };
                    self.apply(spec.action, flag, Some(value));
                    break;
                }
            }
        }
        Ok(())
    }

    fn apply(&mut self, action: Action, flag: String, value: Option<String>) {
        let value = value.unwrap_or_default();
        let shown = || format!("{flag} {}", shell_quote(&value));
        match action {
            Action::Method => self.method = Some(value.to_ascii_uppercase()),
            Action::Header => self.header(&flag, &value),
            Action::Data(kind) => self.data(&flag, kind, value),
            Action::Json if value.starts_with('@') => self.refuse(shown(), options::FILE),
            Action::Json => {
                self.json = true;
                self.data.push((value, true));
            }
            Action::Get => self.get = true,
            Action::Head => self.head = true,
            Action::User => {
                self.note(format!(
                    "{flag} sends a user and password as Basic authentication, a credential style the API does not accept"
                ));
                self.user = Some(value);
            }
            Action::Bearer => self.bearer = Some(value),
            Action::Url => self.urls.push(value),
            Action::UrlQuery => self.url_query(&flag, value),
            Action::Agent => self.agent = Some(value),
            Action::Referer => self.referer = Some(value.trim_end_matches(";auto").to_owned()),
            Action::Cookie if value.contains('=') => self.cookies.push(value),
            Action::Cookie => self.refuse(shown(), "reads cookies from a file, which the explorer cannot see"),
            Action::Range => self.range = Some(value),
            Action::Form => {
                self.form = true;
                self.refuse(shown(), options::FORM);
            }
            Action::Upload => {
                self.upload = true;
                self.refuse(shown(), options::UPLOAD);
            }
            Action::Ignore(why) => self.ignored.push((flag, why)),
            Action::IgnoreValue(why) => self.ignored.push((shown(), why)),
            Action::Refuse(why) => self.refuse(flag, why),
            Action::RefuseValue(why) => self.refuse(shown(), why),
        }
    }

    fn refuse(&mut self, what: String, why: &str) {
        self.unsupported.push(format!("{what} ({why})"));
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
            Some((_, rest)) if rest.trim().is_empty() => self.ignored.push((shown, HEADER_REMOVAL)),
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
        let piece = match kind {
            DataKind::Plain | DataKind::Binary if value.starts_with('@') => return self.refuse(shown, options::FILE),
            DataKind::Plain | DataKind::Binary | DataKind::Raw => value,
            DataKind::UrlEncode => match url_encoded(&value) {
                Some(piece) => piece,
                None => return self.refuse(shown, options::FILE),
            },
        };
        self.form_data = true;
        self.data.push((piece, false));
    }

    fn url_query(&mut self, flag: &str, value: String) {
        // `+name=value` is appended as it is; the rest as --data-urlencode.
        let piece = match value.strip_prefix('+') {
            Some(raw) => Some(raw.to_owned()),
            None => url_encoded(&value),
        };
        match piece {
            Some(piece) => self.url_query.push(piece),
            None => self.refuse(format!("{flag} {}", shell_quote(&value)), options::FILE),
        }
    }

    fn finish(mut self) -> Result<ParsedCurl, ImportError> {
        if self.urls.is_empty() {
            return Err(ImportError::new("the command has no URL"));
        }
        let mut urls = std::mem::take(&mut self.urls).into_iter();
        let mut url = urls.next().unwrap_or_default();
        for other in urls {
            self.refuse(shell_quote(&other), "another URL; only the first request is read");
        }
        if let Some(hash) = url.find('#') {
            self.note(format!("the fragment {} is never sent to the server; it was left out", &url[hash..]));
            url.truncate(hash);
        }
        if !url.contains("://") {
            self.note("the URL has no scheme; cURL assumes http://");
            url.insert_str(0, "http://");
        }
        self.user_info(&mut url);

        let mut body = None;
        if !self.data.is_empty() {
            let mut joined = String::new();
            for (i, (piece, json)) in self.data.iter().enumerate() {
                if i > 0 && !json {
                    joined.push('&');
                }
                joined.push_str(piece);
            }
            if self.get {
                self.url_query.insert(0, joined);
            } else {
                body = Some(joined);
            }
        }
        for piece in std::mem::take(&mut self.url_query) {
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

        let method = match &self.method {
            Some(method) if !method.is_empty() => method.clone(),
            _ if self.head => "HEAD".to_owned(),
            _ if self.get => "GET".to_owned(),
            _ if body.is_some() || self.form => "POST".to_owned(),
            _ if self.upload => "PUT".to_owned(),
            _ => "GET".to_owned(),
        };
        self.implied_headers();
        if body.is_some() && self.form_data && !self.has_header("content-type") {
            self.note("cURL sends -d data as application/x-www-form-urlencoded unless a Content-Type is given");
        }
        Ok(ParsedCurl {
            method,
            url,
            headers: self.headers,
            body,
            ignored: self.ignored,
            unsupported: self.unsupported,
            notes: self.notes,
        })
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
            self.user.get_or_insert(info);
        }
    }

    fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// Headers cURL writes for other options, unless a -H gives them.
    fn implied_headers(&mut self) {
        let mut implied: Vec<(&str, String)> = Vec::new();
        if let Some(agent) = self.agent.take() {
            implied.push(("User-Agent", agent));
        }
        if let Some(referer) = self.referer.take() {
            implied.push(("Referer", referer));
        }
        if !self.cookies.is_empty() {
            implied.push(("Cookie", self.cookies.join("; ")));
        }
        if let Some(user) = self.user.take() {
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
            if !self.has_header(name) {
                self.headers.push((name.to_owned(), value));
            }
        }
    }
}

/// `--long-name`, also as `--no-name` for flags that can be switched off.
fn long_spec(name: &str) -> Option<&'static Spec> {
    options::long(name).or_else(|| {
        let spec = options::long(name.strip_prefix("no-")?)?;
        matches!(spec.action, Action::Ignore(_)).then_some(spec)
    })
}

/// A --data-urlencode value: `content`, `=content` or `name=content`;
/// `None` for `@file` and `name@file`.
fn url_encoded(value: &str) -> Option<String> {
    match value.find(['=', '@']) {
        Some(i) if value.as_bytes()[i] == b'@' => None,
        Some(0) => Some(percent_encode(&value[1..])),
        Some(i) => Some(format!("{}={}", &value[..i], percent_encode(&value[i + 1..]))),
        None => Some(percent_encode(value)),
    }
}

fn needs_value(flag: &str) -> ImportError {
    ImportError::new(format!("{flag} needs a value"))
}

/// `NAME=value`, as written before a command.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    })
}

fn looks_like_url(word: &str) -> bool {
    word.contains("://") || word.starts_with("localhost") || word.contains('/')
}

fn shorten(text: Option<&str>) -> String {
    let text = text.unwrap_or_default().trim();
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

/// Standard base64 with padding, as Basic authentication uses.
fn base64(bytes: &[u8]) -> String {
    let mut text = crate::token::base64url_encode(bytes).replace('-', "+").replace('_', "/");
    while !text.len().is_multiple_of(4) {
        text.push('=');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::parse_curl;

    #[test]
    fn basic_auth_is_standard_base64() {
        assert_eq!(super::base64(b"a:b?>"), "YTpiPz4=");
        let parsed = parse_curl("curl -u 'user:p@ss' https://x.dev/").unwrap();
        assert_eq!(parsed.headers, [("Authorization".to_owned(), "Basic dXNlcjpwQHNz".to_owned())]);
    }

    #[test]
    fn the_method_curl_would_pick() {
        let method = |cmd: &str| parse_curl(cmd).unwrap().method;
        assert_eq!(method("curl x.dev"), "GET");
        assert_eq!(method("curl x.dev -d a"), "POST");
        assert_eq!(method("curl x.dev -d a -G"), "GET");
        assert_eq!(method("curl x.dev -d a -X put"), "PUT");
        assert_eq!(method("curl x.dev -I"), "HEAD");
        assert_eq!(method("curl x.dev -F a=b"), "POST");
        assert_eq!(method("curl x.dev -T f"), "PUT");
    }

    #[test]
    fn data_joins_and_get_moves_it_to_the_query() {
        let parsed = parse_curl("curl 'x.dev/a?b=1' -d c=2 --data-urlencode 'd=e f' --data-urlencode =g&h -G").unwrap();
        assert_eq!(parsed.url, "http://x.dev/a?b=1&c=2&d=e%20f&g%26h");
        assert_eq!(parsed.body, None);
        let parsed = parse_curl("curl x.dev --json '{\"a\":' --json '1}' -H 'accept: text/plain'").unwrap();
        assert_eq!(parsed.body.as_deref(), Some("{\"a\":1}"));
        assert_eq!(
            parsed.headers,
            [
                ("accept".to_owned(), "text/plain".to_owned()),
                ("Content-Type".to_owned(), "application/json".to_owned())
            ]
        );
        let parsed = parse_curl("curl x.dev/ --url-query 'a=b c' --url-query +d=e%20").unwrap();
        assert_eq!(parsed.url, "http://x.dev/?a=b%20c&d=e%20");
    }

    #[test]
    fn user_info_in_the_url() {
        let parsed = parse_curl("curl https://me:secret@x.dev/a").unwrap();
        assert_eq!(parsed.url, "https://x.dev/a");
        assert_eq!(parsed.headers[0].1, "Basic bWU6c2VjcmV0");
    }
}
