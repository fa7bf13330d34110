//! Percent-encoding and the base URL.

use std::fmt::Write as _;

/// Percent-encodes everything but RFC 3986's unreserved characters, as UTF-8.
///
/// Used for path segments, query names and query values alike: encoding the
/// sub-delimiters too (`&`, `=`, `+`, `/`…) means no client or server can
/// read a value as structure, and every client we generate snippets for
/// passes such a URL on unchanged.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Checks a custom base URL and returns it normalised: scheme and host in
/// lower case, no default port (`:80` on http, `:443` on https), no trailing
/// slash, so that `base + "/v1/…"` is the URL and one place has one spelling.
pub fn validate_base_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("enter a base URL, such as https://api.cloudplatform.dev".to_owned());
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err(format!("{text:?} needs a scheme: start it with https:// or http://"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!("the scheme must be http or https, not {scheme:?}"));
    }
    if let Some(c) = rest.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("the base URL cannot contain {c:?}"));
    }
    if rest.contains(['?', '#']) {
        return Err("the base URL cannot have a query (?…) or a fragment (#…)".to_owned());
    }
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    if authority.contains('@') {
        return Err("the base URL cannot hold a user name or password; use the credential panel".to_owned());
    }
    let (host, port) = split_port(authority)?;
    if host.is_empty() {
        return Err("the base URL needs a host, such as api.cloudplatform.dev".to_owned());
    }
    let host_ok = if let Some(ip6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !ip6.is_empty() && ip6.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    } else {
        host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    };
    if !host_ok {
        return Err(format!("{host:?} is not a valid host name"));
    }
    // What a path may hold without being encoded (RFC 3986 pchar and `/`).
    let path_ok = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%".contains(c);
    if let Some(c) = path.chars().find(|&c| !path_ok(c)) {
        return Err(format!("the base URL's path cannot contain {c:?}; percent-encode it"));
    }
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let port = if port == default_port { "" } else { port };
    let mut url = format!("{scheme}://{}{port}{path}", host.to_ascii_lowercase());
    while url.ends_with('/') {
        url.pop();
    }
    Ok(url)
}

/// Splits `host:port`, checking the port; the port comes back with its colon.
fn split_port(authority: &str) -> Result<(&str, &str), String> {
    // The last colon starts the port, unless it sits inside an IPv6 `[…]`.
    let colon = authority.rfind(':').filter(|&i| !authority[i..].contains(']'));
    let Some(colon) = colon else { return Ok((authority, "")) };
    let port = &authority[colon + 1..];
    if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u16>().map_or(true, |p| p == 0) {
        return Err(format!("the port {port:?} must be a number from 1 to 65535"));
    }
    Ok(authority.split_at(colon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_unreserved() {
        assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(percent_encode("a b&c=d/e?f#g+h%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
        assert_eq!(percent_encode("é😀"), "%C3%A9%F0%9F%98%80");
        assert_eq!(percent_encode("[]{}'\"$!\n"), "%5B%5D%7B%7D%27%22%24%21%0A");
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn normalises_good_base_urls() {
        let ok = |t: &str| validate_base_url(t).unwrap();
        assert_eq!(ok("https://api.cloudplatform.dev/"), "https://api.cloudplatform.dev");
        assert_eq!(ok("  HTTP://LocalHost:8080//  "), "http://localhost:8080");
        assert_eq!(ok("http://127.0.0.1:8080/api/v0"), "http://127.0.0.1:8080/api/v0");
        assert_eq!(ok("http://[::1]:3000"), "http://[::1]:3000");
        assert_eq!(ok("https://[::1]"), "https://[::1]");
        assert_eq!(ok("https://api.cloudplatform.dev:443/cloud"), "https://api.cloudplatform.dev/cloud");
        assert_eq!(ok("http://x.dev:80"), "http://x.dev");
        assert_eq!(ok("http://x.dev:443"), "http://x.dev:443");
    }

    #[test]
    fn explains_bad_base_urls() {
        let err = |t: &str| validate_base_url(t).unwrap_err();
        assert!(err("").contains("enter a base URL"));
        assert!(err("api.cloudplatform.dev").contains("needs a scheme"));
        assert!(err("ftp://x.dev").contains("http or https"));
        assert!(err("https://").contains("needs a host"));
        assert!(err("https://:8080").contains("needs a host"));
        assert!(err("https://x.dev?a=1").contains("query"));
        assert!(err("https://x.dev/#top").contains("fragment"));
        assert!(err("https://user:pw@x.dev").contains("password"));
        assert!(err("https://x.dev:99999").contains("1 to 65535"));
        assert!(err("https://x.dev:").contains("1 to 65535"));
        assert!(err("https://x.dev:0").contains("1 to 65535"));
        assert!(err("https://x y.dev").contains("' '"));
        assert!(err("https://x_y.dev").contains("not a valid host"));
        assert!(err("https://x.dev/a{b}").contains("percent-encode"));
    }
}
