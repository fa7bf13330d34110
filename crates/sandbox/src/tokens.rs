//! HS256 JSON Web Tokens, by hand: the format is small, and owning it keeps
//! the rules exact — only `HS256` is accepted, the signature is compared in
//! constant time, and expiry has zero leeway (a token is dead from the second
//! `now >= exp`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Allowed range of `expires_in`, seconds.
pub const MIN_TTL: i64 = 60;
pub const MAX_TTL: i64 = 3600;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Key id the token was minted from.
    pub sub: String,
    /// Space-separated scopes.
    pub scope: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not a JWT we could have issued: bad shape, algorithm or signature.
    Invalid(&'static str),
    /// Genuine, but past `exp`.
    Expired,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
}

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

pub struct Signer {
    secret: Vec<u8>,
}

impl Signer {
    pub fn new(secret: Vec<u8>) -> Self {
        Self { secret }
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC takes keys of any length, so this cannot fail.
        HmacSha256::new_from_slice(&self.secret).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
    }

    pub fn sign(&self, claims: &Claims) -> String {
        let header = URL_SAFE_NO_PAD.encode(HEADER);
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap_or_default());
        let signing_input = format!("{header}.{payload}");
        let mut mac = self.mac();
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    /// Checks shape, algorithm, signature and expiry at `now` (Unix seconds).
    pub fn verify(&self, token: &str, now: i64) -> Result<Claims, TokenError> {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Invalid("not a JWT (three dot-separated parts expected)"));
        };
        let header_json =
            URL_SAFE_NO_PAD.decode(header).map_err(|_| TokenError::Invalid("the token header is not base64url"))?;
        let header: Header = serde_json::from_slice(&header_json)
            .map_err(|_| TokenError::Invalid("the token header is not valid JSON"))?;
        if header.alg != "HS256" {
            return Err(TokenError::Invalid("only HS256 tokens are accepted"));
        }
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| TokenError::Invalid("the token signature is not base64url"))?;
        let mut mac = self.mac();
        mac.update(header_json_input(token).as_bytes());
        mac.verify_slice(&signature).map_err(|_| TokenError::Invalid("the token signature does not match"))?;
        let claims_json =
            URL_SAFE_NO_PAD.decode(payload).map_err(|_| TokenError::Invalid("the token payload is not base64url"))?;
        let claims: Claims =
            serde_json::from_slice(&claims_json).map_err(|_| TokenError::Invalid("the token claims are incomplete"))?;
        if now >= claims.exp {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }
}

/// The signed part of a compact JWT: everything before the last dot.
fn header_json_input(token: &str) -> &str {
    token.rsplit_once('.').map(|(input, _)| input).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> Claims {
        Claims { sub: "key_free".into(), scope: "resources:read".into(), iat: exp - 60, exp, jti: "j1".into() }
    }

    #[test]
    fn round_trip_and_zero_leeway() {
        let signer = Signer::new(b"secret".to_vec());
        let token = signer.sign(&claims(1000));
        assert_eq!(signer.verify(&token, 999), Ok(claims(1000)));
        assert_eq!(signer.verify(&token, 1000), Err(TokenError::Expired));
    }

    #[test]
    fn tampering_and_other_secrets_are_rejected() {
        let signer = Signer::new(b"secret".to_vec());
        let token = signer.sign(&claims(1000));
        let other = Signer::new(b"other".to_vec());
        assert!(matches!(other.verify(&token, 0), Err(TokenError::Invalid(_))));
        // Swap the payload for one claiming more scope: the signature no longer matches.
        let mut forged = claims(1000);
        forged.scope = "resources:read resources:write".into();
        let forged_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap_or_default());
        let parts: Vec<&str> = token.split('.').collect();
        let tampered = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);
        assert!(matches!(signer.verify(&tampered, 0), Err(TokenError::Invalid(_))));
        assert!(matches!(signer.verify("a.b", 0), Err(TokenError::Invalid(_))));
        assert!(matches!(signer.verify("", 0), Err(TokenError::Invalid(_))));
    }

    #[test]
    fn alg_none_is_rejected() {
        let signer = Signer::new(b"secret".to_vec());
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims(1000)).unwrap_or_default());
        let token = format!("{header}.{payload}.");
        assert_eq!(signer.verify(&token, 0), Err(TokenError::Invalid("only HS256 tokens are accepted")));
    }
}
