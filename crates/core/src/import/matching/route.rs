//! Which documented operation a method and path call: templates, path
//! prefixes, other methods and other major versions.

use crate::Docs;
use crate::operation::{Method, Operation};

pub(super) enum Found<'d> {
    Operation {
        op: &'d Operation,
        params: Vec<(String, String)>,
        /// Path segments before the documented path.
        prefix: usize,
    },
    /// The path is documented, with other methods.
    OtherMethods(Vec<&'d Operation>),
    /// The path is documented under another major version.
    OtherVersion(Vec<&'d Operation>),
    Nothing,
}

/// Path parameters by name, decoded.
pub(super) type Params = Vec<(String, String)>;

pub(super) fn find_operation<'d>(docs: &'d Docs, method: Method, segments: &[String]) -> Found<'d> {
    // A path prefix before the documented path (a gateway mounted under
    // `/cloud`) is allowed: the longest match wins.
    for prefix in 0..segments.len().max(1) {
        let tail = &segments[prefix.min(segments.len())..];
        let mut on_path: Vec<(&Operation, usize, Params)> = docs
            .operations()
            .filter_map(|op| match_template(&op.path, tail).map(|(literal, params)| (op, literal, params)))
            .collect();
        if on_path.is_empty() {
            continue;
        }
        // The most literal template wins: `/a/new` over `/a/{id}`.
        on_path.sort_by_key(|(_, literal, _)| std::cmp::Reverse(*literal));
        return match on_path.iter().position(|(op, _, _)| op.method == method) {
            Some(i) => {
                let (op, _, params) = on_path.swap_remove(i);
                Found::Operation { op, params, prefix }
            }
            None => Found::OtherMethods(on_path.into_iter().map(|(op, _, _)| op).collect()),
        };
    }
    // `/v2/resources` for `/v1/resources`: the same path under another version.
    if let Some(first) = segments.first().filter(|s| is_version(s)) {
        let ops: Vec<&Operation> = docs
            .operations()
            .filter(|op| {
                let template: Vec<&str> = op.path.split('/').skip(1).collect();
                template.first().is_some_and(|v| is_version(v) && v != first)
                    && match_template(&op.path.replacen(template[0], first, 1), segments).is_some()
            })
            .collect();
        if !ops.is_empty() {
            return Found::OtherVersion(ops);
        }
    }
    Found::Nothing
}

fn is_version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The number of literal segments and the placeholder values, when the
/// decoded `segments` fit `template`. A placeholder takes one non-empty segment.
fn match_template(template: &str, segments: &[String]) -> Option<(usize, Vec<(String, String)>)> {
    let parts: Vec<&str> = template.split('/').skip(1).collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut literal = 0;
    let mut params = Vec::new();
    for (part, segment) in parts.iter().zip(segments) {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) if !segment.is_empty() => params.push((name.to_owned(), segment.clone())),
            Some(_) => return None,
            None if part == segment => literal += 1,
            None => return None,
        }
    }
    Some((literal, params))
}

/// Percent-decoding, as UTF-8; malformed escapes stay as written.
pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) =
                (bytes.get(i + 1).and_then(|&b| hex(b)), bytes.get(i + 2).and_then(|&b| hex(b)))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A query name or value: `+` is a space, as servers read form encoding.
pub(super) fn form_decode(text: &str) -> String {
    percent_decode(&text.replace('+', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%2Fb%20c%C3%A9%zz%"), "a/b cé%zz%");
        assert_eq!(form_decode("a+b%2B"), "a b+");
    }

    #[test]
    fn templates() {
        let segs = |p: &str| p.split('/').skip(1).map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            match_template("/v1/resources/{id}", &segs("/v1/resources/res_1")),
            Some((2, vec![("id".to_owned(), "res_1".to_owned())]))
        );
        assert_eq!(match_template("/v1/resources/{id}", &segs("/v1/resources/")), None);
        assert_eq!(match_template("/v1/resources", &segs("/v1/resources/x")), None);
    }
}
