//! When a sent request may be sent again unchanged to show an idempotent
//! replay: "Resend with the same key".

use super::build::HttpRequest;
use crate::operation::{Method, Operation};

/// The key a resend would repeat: the request's `Idempotency-Key` (or its
/// `X-Request-Id`), when the request is a write and its operation (if the
/// docs describe it) is documented as idempotent.
pub fn resend_key<'r>(op: Option<&Operation>, request: &'r HttpRequest) -> Option<&'r str> {
    if request.method == Method::Get || op.is_some_and(|op| !op.idempotent) {
        return None;
    }
    request.header("idempotency-key").or_else(|| request.header("x-request-id"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::test_support::op;

    fn request(method: Method, headers: &[(&str, &str)]) -> HttpRequest {
        HttpRequest {
            method,
            url: "http://x.dev/v1/resources".into(),
            headers: headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect(),
            body: None,
        }
    }

    #[test]
    fn only_idempotent_writes_with_a_key() {
        let create = op("create-resource");
        let post = request(Method::Post, &[("Idempotency-Key", "k1")]);
        assert_eq!(resend_key(Some(&create), &post), Some("k1"));
        assert_eq!(resend_key(None, &post), Some("k1"));
        assert_eq!(resend_key(Some(&create), &request(Method::Post, &[("X-Request-Id", "r1")])), Some("r1"));
        assert_eq!(resend_key(Some(&create), &request(Method::Post, &[])), None);
        assert_eq!(resend_key(None, &request(Method::Get, &[("Idempotency-Key", "k1")])), None);
        let mut not_idempotent = create.clone();
        not_idempotent.idempotent = false;
        assert_eq!(resend_key(Some(&not_idempotent), &post), None);
    }
}
