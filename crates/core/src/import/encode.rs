//! The encodings cURL applies to what it is given: `--data-urlencode` and
//! `--url-query` values, `-u` as Basic authentication, and the `./` and
//! `../` path segments it resolves before sending.

use super::options;
use crate::request::percent_encode;

/// A `--data-urlencode` (or `--url-query`) value, as cURL writes it:
/// `content`, `=content` and `name=content` encode the content only (the
/// name is sent as written); `@file` and `name@file`, told apart from the
/// others by having no `=` at all, read a file.
pub(super) fn data_urlencode(value: &str) -> Result<String, &'static str> {
    let split = value.find('=').or_else(|| value.find('@'));
    match split {
        Some(i) if value.as_bytes()[i] == b'@' => {
            Err(if &value[i + 1..] == "-" { options::STDIN } else { options::FILE })
        }
        Some(0) => Ok(curl_escape(&value[1..])),
        Some(i) => Ok(format!("{}={}", &value[..i], curl_escape(&value[i + 1..]))),
        None => Ok(curl_escape(value)),
    }
}

/// cURL's `curl_easy_escape` (letters, digits and `-._~` as they are, every
/// other byte as an uppercase `%XX`), then each `%20` made a `+`, as the
/// cURL tool has done for form data since 7.77.
pub(super) fn curl_escape(text: &str) -> String {
    percent_encode(text).replace("%20", "+")
}

/// Standard base64 with padding, as Basic authentication uses.
pub(super) fn base64(bytes: &[u8]) -> String {
    let mut text = crate::token::base64url_encode(bytes).replace('-', "+").replace('_', "/");
    while !text.len().is_multiple_of(4) {
        text.push('=');
    }
    text
}

/// The path with `.` and `..` segments resolved (RFC 3986, 5.2.4), as cURL
/// sends it unless given `--path-as-is`.
pub(super) fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." && out.len() > 1 {
                    out.pop();
                }
                // `/a/..` ends in a directory: keep the trailing slash.
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') && !joined.starts_with('/') { format!("/{joined}") } else { joined }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checked against curl 7.88.1 on the wire.
    #[test]
    fn data_urlencode_as_curl() {
        let all = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~az09";
        assert_eq!(
            data_urlencode(&format!("={all}")),
            Ok("+%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D~az09"
                .to_owned()),
        );
        assert_eq!(data_urlencode("plain text"), Ok("plain+text".to_owned()));
        assert_eq!(data_urlencode("=a b=c"), Ok("a+b%3Dc".to_owned()));
        assert_eq!(data_urlencode("n m=a b=c"), Ok("n m=a+b%3Dc".to_owned()));
        assert_eq!(data_urlencode("a=b@c"), Ok("a=b%40c".to_owned()));
        assert_eq!(data_urlencode("a@b=c"), Ok("a@b=c".to_owned()));
        assert_eq!(data_urlencode("=é\t\n"), Ok("%C3%A9%09%0A".to_owned()));
        assert_eq!(data_urlencode(""), Ok(String::new()));
        assert_eq!(data_urlencode("x="), Ok("x=".to_owned()));
        assert_eq!(data_urlencode("@f.txt"), Err(options::FILE));
        assert_eq!(data_urlencode("name@f.txt"), Err(options::FILE));
        assert_eq!(data_urlencode("name@-"), Err(options::STDIN));
    }

    #[test]
    fn dot_segments() {
        assert_eq!(remove_dot_segments("/./a/../b"), "/b");
        assert_eq!(remove_dot_segments("/a/b/.."), "/a/");
        assert_eq!(remove_dot_segments("/../a"), "/a");
        assert_eq!(remove_dot_segments("/a/./b/"), "/a/b/");
        assert_eq!(remove_dot_segments("/a/b"), "/a/b");
        assert_eq!(remove_dot_segments(""), "");
    }

    #[test]
    fn basic_auth_is_standard_base64() {
        assert_eq!(base64(b"a:b?>"), "YTpiPz4=");
    }
}
