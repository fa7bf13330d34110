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

/// The record for `key`, if one was stored at or after `not_before_us`.
pub fn find(conn: &Connection, workspace: &str, key: &str, not_before_us: i64) -> StoreResult<Option<Record>> {
    let row = conn
        .query_row(
            "SELECT fingerprint, status, content_type, headers, body FROM idempotency
             WHERE workspace = ?1 AND key = ?2 AND created_us >= ?3",
            params![workspace, key, not_before_us],
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

/// Stores (or, for an expired key, replaces) the response for `key`.
pub fn save(
    tx: &mut Tx<'_>,
    workspace: &str,
    key: &str,
    fingerprint: &[u8],
    response: &StoredResponse,
) -> StoreResult<()> {
    let now = tx.clock().now_micros();
    tx.tx.execute(
        "INSERT OR REPLACE INTO idempotency (workspace, key, fingerprint, status, content_type, headers, body, created_us)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            workspace,
            key,
            fingerprint,
            response.status,
            response.content_type,
            serde_json::to_string(&response.headers).unwrap_or_else(|_| "[]".to_owned()),
            response.body,
            now
        ],
    )?;
    Ok(())
}

/// Forgets records older than `before_us`.
pub fn purge(tx: &mut Tx<'_>, before_us: i64) -> StoreResult<usize> {
    Ok(tx.tx.execute("DELETE FROM idempotency WHERE created_us < ?1", [before_us])?)
}
