//! Query strings, strictly: an unknown or repeated parameter is a 400 that
//! names it, so a typo (`?limt=5`) never silently falls back to a default.

use axum::http::Uri;

use crate::error::{Code, Problem};

pub struct Query {
    pairs: Vec<(String, String)>,
}

/// Keeps a parameter name readable in an error message.
fn shown(name: &str) -> String {
    let short: String = name.chars().take(40).collect();
    if short.len() < name.len() { format!("{short}…") } else { short }
}

impl Query {
    pub fn parse(uri: &Uri, allowed: &[&str]) -> Result<Query, Problem> {
        let raw = uri.query().unwrap_or("");
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            if !allowed.contains(&name.as_ref()) {
                let accepted = if allowed.is_empty() {
                    "this operation takes no query parameters".to_owned()
                } else {
                    format!("this operation accepts: {}", allowed.join(", "))
                };
                return Err(Problem::new(
                    Code::InvalidParameter,
                    format!("Unknown query parameter `{}`; {accepted}.", shown(&name)),
                )
                .param(shown(&name)));
            }
            if pairs.iter().any(|(n, _)| n == name.as_ref()) {
                return Err(Problem::new(
                    Code::InvalidParameter,
                    format!("Query parameter `{name}` is given more than once."),
                )
                .param(name.into_owned()));
            }
            pairs.push((name.into_owned(), value.into_owned()));
        }
        Ok(Query { pairs })
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// An integer parameter within `min..=max`, or `default` when absent.
    pub fn integer(&self, name: &str, min: i64, max: i64, default: i64) -> Result<i64, Problem> {
        let Some(text) = self.get(name) else {
            return Ok(default);
        };
        text.parse::<i64>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(|| {
            Problem::new(Code::InvalidParameter, format!("`{name}` must be an integer from {min} to {max}."))
                .param(name)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(q: &str) -> Uri {
        format!("/v1/resources?{q}").parse().unwrap_or_default()
    }

    #[test]
    fn strict_query() {
        let q = Query::parse(&uri("limit=5&status=active"), &["limit", "status"]).ok();
        assert_eq!(q.as_ref().and_then(|q| q.get("status")), Some("active"));
        assert_eq!(q.and_then(|q| q.integer("limit", 1, 100, 20).ok()), Some(5));
        let err = Query::parse(&uri("limt=5"), &["limit"]).err();
        assert_eq!(err.and_then(|p| p.param), Some("limt".to_owned()));
        assert!(Query::parse(&uri("limit=1&limit=2"), &["limit"]).is_err());
        for bad in ["0", "101", "abc", "1.5", "", "%205", "1e1"] {
            let q = Query::parse(&uri(&format!("limit={bad}")), &["limit"]).ok();
            assert!(q.map(|q| q.integer("limit", 1, 100, 20).is_err()).unwrap_or(false), "{bad}");
        }
    }
}
