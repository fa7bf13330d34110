//! cURL's URL globbing, which applies unless `-g` is given: `{a,b}` is a
//! set of choices and `[1-3]` (or `[a-c]`, `[01-10:2]`) a range, each
//! making one request per choice; `\{` and the like are literal. A `[` that
//! opens an IPv6 host (`http://[::1]/`) is no glob.

/// The URL cURL requests first, and how many requests the globs make.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Expanded {
    pub url: String,
    pub requests: u64,
}

/// `Ok(None)` when there is nothing to expand; `Err` with cURL's reason
/// when cURL refuses the URL.
pub(super) fn expand(url: &str) -> Result<Option<Expanded>, String> {
    let mut out = String::with_capacity(url.len());
    let mut requests: u64 = 1;
    let mut changed = false;
    let host = url.find("://").map_or(0, |i| i + 3);
    let authority_end = url[host..].find('/').map_or(url.len(), |i| host + i);
    let mut i = 0;
    while i < url.len() {
        let rest = &url[i..];
        let c = rest.chars().next().unwrap_or_default();
        match c {
            '\\' if rest[1..].starts_with(['{', '}', '[', ']', ',']) => {
                out.push_str(&rest[1..2]);
                changed = true;
                i += 2;
            }
            '[' if i < authority_end && (i == host || url[..i].ends_with('@')) && is_ipv6(rest) => {
                let end = rest.find(']').map_or(rest.len(), |e| e + 1);
                out.push_str(&rest[..end]);
                i += end;
            }
            '{' => {
                let close = rest.find('}').ok_or("unmatched brace")?;
                let set = &rest[1..close];
                if set.contains('{') {
                    return Err("nested brace".to_owned());
                }
                if set.is_empty() {
                    return Err("empty string within braces".to_owned());
                }
                let choices: Vec<&str> = set.split(',').collect();
                requests = requests.saturating_mul(choices.len() as u64);
                out.push_str(choices[0]);
                changed = true;
                i += close + 1;
            }
            '[' => {
                let close = rest.find(']').ok_or("unmatched bracket")?;
                let (first, count) = range(&rest[1..close]).ok_or("bad range")?;
                requests = requests.saturating_mul(count);
                out.push_str(&first);
                changed = true;
                i += close + 1;
            }
            '}' => return Err("unmatched close brace".to_owned()),
            ']' => return Err("unmatched close bracket".to_owned()),
            c => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    Ok(changed.then_some(Expanded { url: out, requests }))
}

/// `[::1]`, `[fe80::1%25eth0]`: an IPv6 address in brackets.
fn is_ipv6(text: &str) -> bool {
    text.find(']').is_some_and(|close| {
        let inner = &text[1..close];
        inner.contains(':') && inner.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '%'))
    })
}

/// The first value of a range and how many values it has: `1-3`, `01-10`,
/// `a-z`, with an optional `:step`.
fn range(text: &str) -> Option<(String, u64)> {
    let (bounds, step) = match text.split_once(':') {
        Some((bounds, step)) => (bounds, step.parse::<u64>().ok().filter(|s| *s > 0)?),
        None => (text, 1),
    };
    let (start, end) = bounds.split_once('-')?;
    if let (Ok(a), Ok(b)) = (start.parse::<u64>(), end.parse::<u64>()) {
        return (a <= b).then(|| (start.to_owned(), (b - a) / step + 1));
    }
    let (mut a, mut b) = (start.chars(), end.chars());
    match (a.next(), a.next(), b.next(), b.next()) {
        (Some(a), None, Some(b), None)
            if a <= b
                && ((a.is_ascii_lowercase() && b.is_ascii_lowercase())
                    || (a.is_ascii_uppercase() && b.is_ascii_uppercase())) =>
        {
            Some((a.to_string(), (b as u64 - a as u64) / step + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(url: &str) -> (String, u64) {
        let e = expand(url).unwrap().unwrap();
        (e.url, e.requests)
    }

    /// Each checked against curl 7.88.1 on the wire.
    #[test]
    fn as_curl_expands() {
        assert_eq!(first("http://x.dev/a[1-3]"), ("http://x.dev/a1".to_owned(), 3));
        assert_eq!(first("http://x.dev/a[01-03]"), ("http://x.dev/a01".to_owned(), 3));
        assert_eq!(first("http://x.dev/a[a-c]"), ("http://x.dev/aa".to_owned(), 3));
        assert_eq!(first("http://x.dev/a[1-9:4]"), ("http://x.dev/a1".to_owned(), 3));
        assert_eq!(first("http://x.dev/{a,b}/{c}"), ("http://x.dev/a/c".to_owned(), 2));
        assert_eq!(first("http://x.dev/{id}"), ("http://x.dev/id".to_owned(), 1));
        assert_eq!(first(r"http://x.dev/a\{b\}"), ("http://x.dev/a{b}".to_owned(), 1));
        assert_eq!(expand("http://u@[::1]:9/x"), Ok(None));
        assert_eq!(expand("http://[fe80::1%25eth0]/"), Ok(None));
        assert_eq!(expand("https://x.dev/a?b=1"), Ok(None));
    }

    #[test]
    fn as_curl_refuses() {
        for url in [
            "http://x.dev/a[3-1]",
            "http://x.dev/{a",
            "http://x.dev/a}",
            "http://x.dev/a]",
            "http://x.dev/?filter[status]=a",
            "http://x.dev/{a,{b}}",
            "http://x.dev/{}",
        ] {
            assert!(expand(url).is_err(), "{url}");
        }
    }
}
