//! The cURL options the importer knows, and what each one does to the
//! request. An option missing here is reported as unsupported; every known
//! option that changes nothing the API sees is listed as ignored, with why.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DataKind {
    /// `-d`, `--data`, `--data-ascii`: `@file` reads a file.
    Plain,
    /// `--data-binary`: `@file` reads a file.
    Binary,
    /// `--data-raw`: never reads a file.
    Raw,
    /// `--data-urlencode`: `content`, `=content`, `name=content`, `name@file`.
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
        !matches!(self, Action::Get | Action::Head | Action::Ignore(_) | Action::Refuse(_))
    }
}

pub(crate) struct Spec {
    pub long: &'static str,
    pub short: Option<char>,
    pub action: Action,
}

const OUTPUT: &str = "only changes what cURL prints or saves; the panel shows the whole response";
const TLS: &str = "TLS is handled by the browser, which always verifies certificates";
const REDIRECTS: &str = "the browser follows redirects by itself";
const STREAM: &str = "the panel reads responses, event streams included, as they arrive";
const PROTOCOL: &str = "the browser picks the HTTP version and the network";
const TIMING: &str = "timeouts, retries and speed limits are cURL's; the panel sends once";
const COMPRESSION: &str = "the browser asks for compression and decompresses by itself";
const PROXY: &str = "a proxy changes the route, not the request; the browser uses its own";
const CONNECTION: &str = "only changes how cURL connects";
const GLOB: &str = "the URL is always read literally, as with -g";
const BASIC: &str = "Basic is already what -u sends";
const COOKIES: &str = "the panel keeps no cookies";

pub(crate) const FILE: &str = "reads a file, which the explorer cannot see";
pub(crate) const FORM: &str = "multipart forms are not supported";
pub(crate) const UPLOAD: &str = "uploads a file, which the explorer cannot see";
const CONFIG: &str = "reads options from a file, which the explorer cannot see";
const NEXT: &str = "starts another request; only the first one is read";
const AUTH: &str = "another authentication scheme; the API takes an API key or a bearer token";
const NETRC: &str = "reads credentials from a netrc file, which the explorer cannot see";
const ROUTE: &str = "sends the request somewhere other than its URL says";
const TARGET: &str = "changes the request line";
const VARIABLES: &str = "cURL variables are not supported";
const NO_REQUEST: &str = "sends no request";
const CONDITION: &str = "a conditional request built from a file's date";
const NOT_HTTP: &str = "not an HTTP option";

macro_rules! specs {
    ($($long:literal $short:tt => $action:expr;)*) => {
        const SPECS: &[Spec] = &[$(Spec { long: $long, short: specs!(@short $short), action: $action }),*];
    };
    (@short -) => { None };
    (@short $c:literal) => { Some($c) };
}

use Action::*;

specs! {
    "request" 'X' => Method;
    "header" 'H' => Header;
    "data" 'd' => Data(DataKind::Plain);
    "data-ascii" - => Data(DataKind::Plain);
    "data-binary" - => Data(DataKind::Binary);
    "data-raw" - => Data(DataKind::Raw);
    "data-urlencode" - => Data(DataKind::UrlEncode);
    "json" - => Json;
    "get" 'G' => Get;
    "head" 'I' => Head;
    "user" 'u' => User;
    "oauth2-bearer" - => Bearer;
    "url" - => Url;
    "url-query" - => UrlQuery;
    "user-agent" 'A' => Agent;
    "referer" 'e' => Referer;
    "cookie" 'b' => Cookie;
    "range" 'r' => Range;
    "form" 'F' => Form;
    "form-string" - => Form;
    "upload-file" 'T' => Upload;

    "compressed" - => Ignore(COMPRESSION);
    "tr-encoding" - => Ignore(COMPRESSION);
    "silent" 's' => Ignore(OUTPUT);
    "show-error" 'S' => Ignore(OUTPUT);
    "no-progress-meter" - => Ignore(OUTPUT);
    "progress-bar" '#' => Ignore(OUTPUT);
    "verbose" 'v' => Ignore(OUTPUT);
    "include" 'i' => Ignore(OUTPUT);
    "show-headers" - => Ignore(OUTPUT);
    "fail" 'f' => Ignore(OUTPUT);
    "fail-with-body" - => Ignore(OUTPUT);
    "fail-early" - => Ignore(OUTPUT);
    "remote-name" 'O' => Ignore(OUTPUT);
    "remote-name-all" - => Ignore(OUTPUT);
    "remote-header-name" 'J' => Ignore(OUTPUT);
    "remote-time" 'R' => Ignore(OUTPUT);
    "create-dirs" - => Ignore(OUTPUT);
    "xattr" - => Ignore(OUTPUT);
    "styled-output" - => Ignore(OUTPUT);
    "raw" - => Ignore(OUTPUT);
    "output" 'o' => IgnoreValue(OUTPUT);
    "output-dir" - => IgnoreValue(OUTPUT);
    "dump-header" 'D' => IgnoreValue(OUTPUT);
    "write-out" 'w' => IgnoreValue(OUTPUT);
    "trace" - => IgnoreValue(OUTPUT);
    "trace-ascii" - => IgnoreValue(OUTPUT);
    "trace-config" - => IgnoreValue(OUTPUT);
    "trace-time" - => Ignore(OUTPUT);
    "stderr" - => IgnoreValue(OUTPUT);
    "libcurl" - => IgnoreValue(OUTPUT);
    "etag-save" - => IgnoreValue(OUTPUT);
    "create-file-mode" - => IgnoreValue(OUTPUT);
    "no-buffer" 'N' => Ignore(STREAM);
    "insecure" 'k' => Ignore(TLS);
    "ssl" - => Ignore(TLS);
    "ssl-reqd" - => Ignore(TLS);
    "ssl-no-revoke" - => Ignore(TLS);
    "ssl-revoke-best-effort" - => Ignore(TLS);
    "ssl-allow-beast" - => Ignore(TLS);
    "ssl-auto-client-cert" - => Ignore(TLS);
    "cert-status" - => Ignore(TLS);
    "false-start" - => Ignore(TLS);
    "ca-native" - => Ignore(TLS);
    "tlsv1" '1' => Ignore(TLS);
    "tlsv1.0" - => Ignore(TLS);
    "tlsv1.1" - => Ignore(TLS);
    "tlsv1.2" - => Ignore(TLS);
    "tlsv1.3" - => Ignore(TLS);
    "sslv2" '2' => Ignore(TLS);
    "sslv3" '3' => Ignore(TLS);
    "cacert" - => IgnoreValue(TLS);
    "capath" - => IgnoreValue(TLS);
    "cert" 'E' => IgnoreValue(TLS);
    "cert-type" - => IgnoreValue(TLS);
    "key" - => IgnoreValue(TLS);
    "key-type" - => IgnoreValue(TLS);
    "pass" - => IgnoreValue(TLS);
    "ciphers" - => IgnoreValue(TLS);
    "tls13-ciphers" - => IgnoreValue(TLS);
    "curves" - => IgnoreValue(TLS);
    "pinnedpubkey" - => IgnoreValue(TLS);
    "crlfile" - => IgnoreValue(TLS);
    "tls-max" - => IgnoreValue(TLS);
    "location" 'L' => Ignore(REDIRECTS);
    "location-trusted" - => Ignore(REDIRECTS);
    "post301" - => Ignore(REDIRECTS);
    "post302" - => Ignore(REDIRECTS);
    "post303" - => Ignore(REDIRECTS);
    "max-redirs" - => IgnoreValue(REDIRECTS);
    "http1.0" '0' => Ignore(PROTOCOL);
    "http1.1" - => Ignore(PROTOCOL);
    "http2" - => Ignore(PROTOCOL);
    "http2-prior-knowledge" - => Ignore(PROTOCOL);
    "http3" - => Ignore(PROTOCOL);
    "http3-only" - => Ignore(PROTOCOL);
    "ipv4" '4' => Ignore(PROTOCOL);
    "ipv6" '6' => Ignore(PROTOCOL);
    "no-alpn" - => Ignore(PROTOCOL);
    "no-npn" - => Ignore(PROTOCOL);
    "max-time" 'm' => IgnoreValue(TIMING);
    "connect-timeout" - => IgnoreValue(TIMING);
    "expect100-timeout" - => IgnoreValue(TIMING);
    "retry" - => IgnoreValue(TIMING);
    "retry-delay" - => IgnoreValue(TIMING);
    "retry-max-time" - => IgnoreValue(TIMING);
    "retry-connrefused" - => Ignore(TIMING);
    "retry-all-errors" - => Ignore(TIMING);
    "speed-limit" 'Y' => IgnoreValue(TIMING);
    "speed-time" 'y' => IgnoreValue(TIMING);
    "limit-rate" - => IgnoreValue(TIMING);
    "rate" - => IgnoreValue(TIMING);
    "max-filesize" - => IgnoreValue(TIMING);
    "keepalive-time" - => IgnoreValue(CONNECTION);
    "keepalive-cnt" - => IgnoreValue(CONNECTION);
    "no-keepalive" - => Ignore(CONNECTION);
    "no-sessionid" - => Ignore(CONNECTION);
    "tcp-nodelay" - => Ignore(CONNECTION);
    "tcp-fastopen" - => Ignore(CONNECTION);
    "path-as-is" - => Ignore(CONNECTION);
    "parallel" 'Z' => Ignore(CONNECTION);
    "parallel-immediate" - => Ignore(CONNECTION);
    "parallel-max" - => IgnoreValue(CONNECTION);
    "disable" 'q' => Ignore(CONNECTION);
    "interface" - => IgnoreValue(CONNECTION);
    "local-port" - => IgnoreValue(CONNECTION);
    "dns-servers" - => IgnoreValue(CONNECTION);
    "dns-interface" - => IgnoreValue(CONNECTION);
    "dns-ipv4-addr" - => IgnoreValue(CONNECTION);
    "dns-ipv6-addr" - => IgnoreValue(CONNECTION);
    "doh-url" - => IgnoreValue(CONNECTION);
    "doh-insecure" - => Ignore(CONNECTION);
    "happy-eyeballs-timeout-ms" - => IgnoreValue(CONNECTION);
    "alt-svc" - => IgnoreValue(CONNECTION);
    "hsts" - => IgnoreValue(CONNECTION);
    "proto" - => IgnoreValue(CONNECTION);
    "proto-redir" - => IgnoreValue(CONNECTION);
    "proto-default" - => IgnoreValue(CONNECTION);
    "globoff" 'g' => Ignore(GLOB);
    "basic" - => Ignore(BASIC);
    "cookie-jar" 'c' => IgnoreValue(COOKIES);
    "junk-session-cookies" 'j' => Ignore(COOKIES);
    "proxy" 'x' => IgnoreValue(PROXY);
    "proxy-user" 'U' => IgnoreValue(PROXY);
    "proxy-header" - => IgnoreValue(PROXY);
    "proxy-cacert" - => IgnoreValue(PROXY);
    "noproxy" - => IgnoreValue(PROXY);
    "preproxy" - => IgnoreValue(PROXY);
    "socks4" - => IgnoreValue(PROXY);
    "socks4a" - => IgnoreValue(PROXY);
    "socks5" - => IgnoreValue(PROXY);
    "socks5-hostname" - => IgnoreValue(PROXY);
    "proxytunnel" 'p' => Ignore(PROXY);
    "proxy-insecure" - => Ignore(PROXY);
    "proxy-anyauth" - => Ignore(PROXY);
    "proxy-basic" - => Ignore(PROXY);
    "proxy-digest" - => Ignore(PROXY);
    "proxy-ntlm" - => Ignore(PROXY);
    "suppress-connect-headers" - => Ignore(PROXY);

    "next" ':' => Refuse(NEXT);
    "digest" - => Refuse(AUTH);
    "ntlm" - => Refuse(AUTH);
    "ntlm-wb" - => Refuse(AUTH);
    "negotiate" - => Refuse(AUTH);
    "anyauth" - => Refuse(AUTH);
    "aws-sigv4" - => RefuseValue(AUTH);
    "delegation" - => RefuseValue(AUTH);
    "krb" - => RefuseValue(AUTH);
    "sasl-authzid" - => RefuseValue(AUTH);
    "login-options" - => RefuseValue(AUTH);
    "netrc" 'n' => Refuse(NETRC);
    "netrc-optional" - => Refuse(NETRC);
    "netrc-file" - => RefuseValue(NETRC);
    "config" 'K' => RefuseValue(CONFIG);
    "resolve" - => RefuseValue(ROUTE);
    "connect-to" - => RefuseValue(ROUTE);
    "unix-socket" - => RefuseValue(ROUTE);
    "abstract-unix-socket" - => RefuseValue(ROUTE);
    "request-target" - => RefuseValue(TARGET);
    "variable" - => RefuseValue(VARIABLES);
    "time-cond" 'z' => RefuseValue(CONDITION);
    "etag-compare" - => RefuseValue(FILE);
    "help" 'h' => Refuse(NO_REQUEST);
    "version" 'V' => Refuse(NO_REQUEST);
    "manual" 'M' => Refuse(NO_REQUEST);
    "continue-at" 'C' => RefuseValue(NOT_HTTP);
    "quote" 'Q' => RefuseValue(NOT_HTTP);
    "telnet-option" 't' => RefuseValue(NOT_HTTP);
    "ftp-port" 'P' => RefuseValue(NOT_HTTP);
    "mail-from" - => RefuseValue(NOT_HTTP);
    "mail-rcpt" - => RefuseValue(NOT_HTTP);
    "mail-auth" - => RefuseValue(NOT_HTTP);
}

pub(crate) fn long(name: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.long == name)
}

pub(crate) fn short(c: char) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.short == Some(c))
}

/// `--expand-url` and its kin, which work on cURL variables.
pub(crate) fn is_expand(name: &str) -> bool {
    name.starts_with("expand-")
}

pub(crate) const EXPAND_WHY: &str = VARIABLES;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        for (i, a) in SPECS.iter().enumerate() {
            for b in &SPECS[..i] {
                assert_ne!(a.long, b.long);
                assert!(a.short.is_none() || a.short != b.short, "{} and {} share -{:?}", a.long, b.long, a.short);
            }
        }
    }
}
