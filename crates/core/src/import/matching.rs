//! Matching an imported request to the documented operation it calls, and
//! listing how it differs from the docs as items to act on.
//!
//! The result opens the operation's try-it panel prefilled. Credentials are
//! pulled out of the request (they go to the auth panel, never into the
//! draft) and headers that every client or only a browser sends are left
//! out, each noted. A request that matches no operation keeps its URL and
//! everything else, for a generic request panel.

mod content;
mod credentials;
mod route;

use crate::Docs;
use crate::operation::{Auth, Location, Method, Operation};
use crate::request::{Credential, Draft, HttpRequest, validate, validate_base_url};
use crate::share::{holds_secret, is_credential_name};

use super::split_origin;
use route::{Found, find_operation, form_decode, percent_decode};

/// The dated revisions `X-API-Version` accepts (see the versioning guide);
/// the first is the default.
pub const SUPPORTED_VERSIONS: [&str; 2] = crate::target::API_VERSIONS;

/// What cURL's `-d` sends as its Content-Type when none is given.
const FORM_TYPE: &str = "application/x-www-form-urlencoded";

/// The production host, and the placeholder older material uses instead.
const PRODUCTION_HOST: &str = "api.cloudplatform.dev";
const PLACEHOLDER_HOST: &str = "api.example.com";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The API would refuse the request, or the panel cannot send it as is.
    Error,
    /// Likely not what was meant, or not what the docs say.
    Warning,
    /// Something the explorer changed or left out, for the record.
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
}

/// What an imported request becomes in the explorer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The id of the documented operation, if one matches.
    pub operation: Option<String>,
    pub method: Method,
    /// For an operation: scheme and host (and any path prefix before the
    /// documented path). Otherwise the URL without its query, which is in
    /// `draft.query`.
    pub base_url: String,
    /// A supported `X-API-Version` pin; an unsupported one stays in the
    /// draft's headers so that sending reproduces the error.
    pub api_version: Option<String>,
    /// Path parameters, query, headers and body, credentials excluded.
    pub draft: Draft,
    /// The credential found in the command, for the auth panel.
    pub credential: Option<Credential>,
    /// Errors first, then warnings, then notes.
    pub findings: Vec<Finding>,
}

/// Matches `request` against the operations of `docs`. `known_hosts` are
/// the hosts (with a port where one is needed, such as `127.0.0.1:8080`)
/// of the sandbox and production; anything else is reported.
pub fn match_request(docs: &Docs, request: &HttpRequest, known_hosts: &[&str]) -> Match {
    let mut m = Matcher { findings: Vec::new(), credentials: Vec::new(), credential_noted: false, form_body: false };
    let url = request.url.split('#').next().unwrap_or_default();
    let (origin, rest) = split_origin(url);
    let (raw_path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let origin = validate_base_url(origin).unwrap_or_else(|problem| {
        m.error(format!("the URL cannot be used: {problem}"));
        origin.to_owned()
    });
    m.check_host(&origin, known_hosts);

    let mut segments: Vec<String> = raw_path.split('/').skip(1).map(percent_decode).collect();
    if segments.len() > 1 && segments.last().is_some_and(String::is_empty) {
        segments.pop();
        m.info("the trailing `/` of the path was dropped; the documented path has none");
    }
    if segments.len() == 1 && segments[0].is_empty() {
        segments.clear();
    }
    let raw_segments: Vec<&str> = raw_path.split('/').skip(1).collect();

    let found = find_operation(docs, request.method, &segments);
    let (op, path_params, base_url) = match found {
        Found::Operation { op, params, prefix } => {
            let prefix: Vec<&str> = raw_segments[..prefix].to_vec();
            let base = if prefix.is_empty() { origin.clone() } else { format!("{origin}/{}", prefix.join("/")) };
            (Some(op), params, base)
        }
        other => {
            m.report_miss(request.method, &segments, other);
            (None, Vec::new(), format!("{origin}{raw_path}"))
        }
    };

    let mut draft = Draft { path: path_params, ..Draft::default() };
    m.query(op, query, &mut draft);
    let api_version = m.headers(op, request, &mut draft);
    m.body(op, request, &mut draft);
    let credential = m.credential();
    if let Some(op) = op {
        m.against_operation(docs, op, &draft, credential.as_ref());
    }
    m.findings.sort_by_key(|f| f.severity);
    Match {
        operation: op.map(|o| o.id.clone()),
        method: request.method,
        base_url,
        api_version,
        draft,
        credential,
        findings: m.findings,
    }
}

/// Headers HTTP clients write themselves.
const CLIENT_HEADERS: [&str; 11] = [
    "user-agent",
    "accept-encoding",
    "connection",
    "host",
    "content-length",
    "transfer-encoding",
    "keep-alive",
    "te",
    "upgrade",
    "expect",
    "trailer",
];

/// Headers only a browser sends (besides every `sec-*` one).
const BROWSER_HEADERS: [&str; 9] = [
    "origin",
    "referer",
    "accept-language",
    "cache-control",
    "pragma",
    "dnt",
    "priority",
    "upgrade-insecure-requests",
    "if-none-match",
];

struct Matcher {
    findings: Vec<Finding>,
    /// Credentials found: where each came from, and whether the API reads
    /// credentials there.
    credentials: Vec<(String, Credential, bool)>,
    /// A credential was sent but could not be taken (a placeholder, or
    /// empty), and that was reported.
    credential_noted: bool,
    /// The body was form data where JSON was expected (already reported).
    form_body: bool,
}

impl Matcher {
    fn push(&mut self, severity: Severity, message: String) {
        if !self.findings.iter().any(|f| f.message == message) {
            self.findings.push(Finding { severity, message });
        }
    }

    fn error(&mut self, message: String) {
        self.push(Severity::Error, message);
    }

    fn warning(&mut self, message: String) {
        self.push(Severity::Warning, message);
    }

    fn info(&mut self, message: impl Into<String>) {
        self.push(Severity::Info, message.into());
    }

    fn check_host(&mut self, origin: &str, known_hosts: &[&str]) {
        let (scheme, authority) = origin.split_once("://").unwrap_or(("", origin));
        let authority = authority.to_ascii_lowercase();
        let default_port = if scheme == "https" { ":443" } else { ":80" };
        let bare = authority.strip_suffix(default_port).unwrap_or(&authority);
        let host =
            bare.rsplit_once(':').filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit())).map_or(bare, |(h, _)| h);
        let known = known_hosts.iter().any(|k| {
            let k = k.split_once("://").map_or(*k, |(_, rest)| rest).trim_end_matches('/').to_ascii_lowercase();
            k == bare || k == host
        });
        if host == PLACEHOLDER_HOST {
            self.error(format!(
                "{PLACEHOLDER_HOST} is a placeholder from older material, not a host: production is https://{PRODUCTION_HOST}"
            ));
        } else if host == PRODUCTION_HOST && scheme != "https" {
            self.warning(format!("production is served over https: use https://{PRODUCTION_HOST}"));
        } else if !known {
            let hosts = if known_hosts.is_empty() { String::new() } else { format!(" ({})", known_hosts.join(", ")) };
            self.warning(format!("{bare} is neither the sandbox nor production{hosts}; check where it should go"));
        }
    }

    fn report_miss(&mut self, method: Method, segments: &[String], found: Found<'_>) {
        let path = format!("/{}", segments.join("/"));
        match found {
            Found::OtherMethods(ops) => {
                let methods: Vec<&str> = ops.iter().map(|o| o.method.as_str()).collect();
                self.error(format!(
                    "{path} takes {}, not {method}: the API answers 405 method_not_allowed",
                    join(&methods, "and")
                ));
            }
            Found::OtherVersion(ops) => {
                let version = ops[0].path.split('/').nth(1).unwrap_or_default();
                let same_method: Vec<&&Operation> = ops.iter().filter(|o| o.method == method).collect();
                let which = match same_method.first() {
                    Some(op) => format!("{} is {} {}", op.summary, op.method, op.path),
                    None => ops.iter().map(|o| format!("{} {}", o.method, o.path)).collect::<Vec<_>>().join(", "),
                };
                self.error(format!(
                    "{path} does not exist: this endpoint lives at /{version} — {which} (each endpoint exists at exactly one major version)"
                ));
            }
            _ => self.warning(format!(
                "no documented operation is {method} {path}; the request opens in a generic request panel"
            )),
        }
    }

    fn query(&mut self, op: Option<&Operation>, query: &str, draft: &mut Draft) {
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (name, value) = p.split_once('=').unwrap_or((p, ""));
                (form_decode(name), form_decode(value))
            })
            .collect();
        for (i, (name, value)) in pairs.iter().enumerate() {
            let documented = op.and_then(|op| op.param(Location::Query, name));
            if documented.is_none() && (is_credential_name(name) || holds_secret(value)) {
                self.error(format!(
                    "a credential is sent in the query string ({name}=…): the API reads credentials only from the X-API-Key or Authorization header, and a URL ends up in logs"
                ));
                let token_name = name.to_ascii_lowercase().contains("token") || name.eq_ignore_ascii_case("jwt");
                self.misplaced_credential(format!("the query parameter {name}"), value, token_name);
                continue;
            }
            if let Some(op) = op {
                if documented.is_none() {
                    let names: Vec<&str> = op.params_in(Location::Query).map(|p| p.name.as_str()).collect();
                    let takes = if names.is_empty() {
                        format!("{} takes no query parameters", op.id)
                    } else {
                        format!("{} takes {}", op.id, join(&names, "and"))
                    };
                    self.error(format!(
                        "unknown query parameter {name}: the API answers 400 invalid_parameter; {takes}"
                    ));
                } else if pairs[..i].iter().any(|(n, _)| n == name) {
                    self.error(format!("{name} is given twice: the API answers 400 invalid_parameter"));
                }
            }
            draft.query.push((name.clone(), value.clone()));
        }
    }

    /// Sorts the headers into credentials, headers left out and the draft's;
    /// returns the `X-API-Version` pin.
    fn headers(&mut self, op: Option<&Operation>, request: &HttpRequest, draft: &mut Draft) -> Option<String> {
        let mut client = Vec::new();
        let mut browser = Vec::new();
        let mut api_version = None;
        for (name, value) in &request.headers {
            let lower = name.to_ascii_lowercase();
            let value = value.trim();
            match lower.as_str() {
                "authorization" => self.authorization(value),
                "x-api-key" => self.take_credential("X-API-Key", value, false),
                "cookie" => {
                    if holds_secret(value) {
                        self.error(
                            "a credential is sent in a cookie: the API reads credentials only from the X-API-Key or Authorization header"
                                .to_owned(),
                        );
                        let secret = value.split([';', '=', ' ']).find(|v| holds_secret(v)).unwrap_or_default();
                        self.misplaced_credential("the Cookie header".to_owned(), secret, false);
                    } else {
                        self.info("the Cookie header was left out: the API reads no cookies");
                    }
                }
                "proxy-authorization" => self.info("Proxy-Authorization is for a proxy, not the API; it was left out"),
                "x-api-version" => {
                    if SUPPORTED_VERSIONS.contains(&value) {
                        api_version = Some(value.to_owned());
                    } else {
                        self.error(format!(
                            "X-API-Version {value:?} is not a supported revision ({}): the API answers 400 unsupported_version",
                            join(&SUPPORTED_VERSIONS, "or")
                        ));
                        draft.headers.push((name.clone(), value.to_owned()));
                    }
                }
                _ if CLIENT_HEADERS.contains(&lower.as_str()) => client.push(name.clone()),
                _ if lower.starts_with("sec-") || BROWSER_HEADERS.contains(&lower.as_str()) => {
                    browser.push(name.clone())
                }
                _ if is_credential_name(name) || holds_secret(value) => {
                    self.error(format!(
                        "{name} carries a credential, but the API reads credentials only from X-API-Key or Authorization: Bearer"
                    ));
                    let token_name = lower.contains("token") || lower.contains("auth");
                    self.misplaced_credential(name.clone(), value, token_name);
                }
                _ => match op {
                    Some(op) => self.operation_header(op, request, name, value, draft),
                    None => draft.headers.push((name.clone(), value.to_owned())),
                },
            }
        }
        if !client.is_empty() {
            self.info(format!("left out, as every HTTP client sets them itself: {}", client.join(", ")));
        }
        if !browser.is_empty() {
            self.info(format!("left out, as only a browser sends them: {}", browser.join(", ")));
        }
        api_version
    }

    fn against_operation(&mut self, docs: &Docs, op: &Operation, draft: &Draft, credential: Option<&Credential>) {
        for issue in validate(op, draft) {
            // A form body's JSON syntax error says less than the form finding.
            if !(self.form_body && issue.location == Location::Body && issue.name.is_none()) {
                self.error(issue.message);
            }
        }
        match (op.auth, credential) {
            (Auth::None, Some(_)) => self.info(format!("{} reads no credential; the one sent is not needed", op.id)),
            (Auth::ApiKey, Some(Credential::Bearer(_))) => {
                self.error(format!("{} takes an API key, not a bearer token: a token cannot mint a token", op.id))
            }
            (auth, None) if auth.requires_credential() && !self.credential_noted => {
                let key_in_body = op.auth == Auth::ApiKey && draft.body.as_deref().is_some_and(holds_secret);
                if !key_in_body {
                    self.warning(
                        "no credential is sent: the API answers 401 missing_credentials; choose a key or token in the auth panel"
                            .to_owned(),
                    );
                }
            }
            _ => {}
        }
        if op.deprecated {
            let successor = match op.successor.as_deref().map(|s| (s, docs.operation(s))) {
                Some((_, Some(next))) => format!("; use {} ({} {}) instead", next.id, next.method, next.path),
                Some((id, None)) => format!("; use {id} instead"),
                None => String::new(),
            };
            let sunset = op.sunset.as_ref().map_or(String::new(), |d| format!(" and stops working after {d}"));
            self.warning(format!("{} {} is deprecated{sunset}{successor}", op.method, op.path));
        }
    }
}

/// `a, b and c`.
fn join(items: &[&str], word: &str) -> String {
    match items.split_last() {
        None => "nothing".to_owned(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
    }
}
