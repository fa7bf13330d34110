//! Stored responses of idempotent requests.

use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreResult, Tx};

/// A response as stored for replay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
    pub content_type: Option<String>,
    /// Headers that belong to the response itself (`Location`,
    /// `WWW-Authenticate`), as opposed to per-request ones.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

fn headers_from_json(text: &str) -> Vec<(String, String)> {
    serde_json::from_str(text).unwrap_or_default()
}

/// What an idempotency key maps to.
#[derive(Clone, Debug)]
pub struct Record {
    pub fingerprint: Vec<u8>,
    pub response: StoredResponse,
}

/// The record for `key`, if one was stored at or after `not_before_us` and
/// has not expired by `now_us`.
pub fn find(
    conn: &Connection,
    workspace: &str,
    key: &str,
    not_before_us: i64,
    now_us: i64,
) -> StoreResult<Option<Record>> {
    let row = conn
        .query_row(
            "SELECT fingerprint, status, content_type, headers, body FROM idempotency
             WHERE workspace = ?1 AND key = ?2 AND created_us >= ?3 AND (expires_us IS NULL OR expires_us > ?4)",
            params![workspace, key, not_before_us, now_us],
            |r| {
                Ok(Record {
                    fingerprint: r.get(0)?,
                    response: StoredResponse {
                        status: r.get(1)?,
                        content_type: r.get(2)?,
                        headers: headers_from_json(&r.get::<_, String>(3)?),
                        body: r.get(4)?,
                    },
                })
            },
        )
        .optional()?;
    Ok(row)
}

/// Stores (or, for an expired key, replaces) the response for `key`; it is
/// replayed until `expires_us` if given, else for the key's 24 hours.
pub fn save(
    tx: &mut Tx<'_>,
    workspace: &str,
    key: &str,
    fingerprint: &[u8],
    response: &StoredResponse,
    expires_us: Option<i64>,
) -> StoreResult<()> {
    let now = tx.clock().now_micros();
    tx.tx.execute(
        "INSERT OR REPLACE INTO idempotency (workspace, key, fingerprint, status, content_type, headers, body, created_us, expires_us)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            workspace,
            key,
            fingerprint,
            response.status,
            response.content_type,
            serde_json::to_string(&response.headers).unwrap_or_else(|_| "[]".to_owned()),
            response.body,
            now,
            expires_us
        ],
    )?;
    Ok(())
}

/// Forgets records older than `before_us`, and those that expired.
pub fn purge(tx: &mut Tx<'_>, before_us: i64) -> StoreResult<usize> {
    let now = tx.clock().now_micros();
    Ok(tx.tx.execute("DELETE FROM idempotency WHERE created_us < ?1 OR expires_us <= ?2", [before_us, now])?)
}
