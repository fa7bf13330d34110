//! Tables and migrations, keyed on `PRAGMA user_version`.

use rusqlite::{Connection, OptionalExtension};

use super::{StoreError, StoreResult};
use crate::ids;

const V1: &str = r#"
CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    secret     TEXT NOT NULL UNIQUE,
    tier       TEXT NOT NULL,
    rate_limit INTEGER,              -- NULL: unlimited
    scopes     TEXT NOT NULL,        -- space-separated
    listed     INTEGER NOT NULL
);
CREATE TABLE resources (
    id         TEXT PRIMARY KEY,
    workspace  TEXT NOT NULL,
    name       TEXT NOT NULL,
    region     TEXT NOT NULL,
    status     TEXT NOT NULL,
    metadata   TEXT NOT NULL,        -- JSON object of strings
    created_at INTEGER NOT NULL,     -- Unix seconds
    updated_at INTEGER NOT NULL
);
CREATE INDEX resources_page ON resources (workspace, created_at DESC, id DESC);
CREATE INDEX resources_status_page ON resources (workspace, status, created_at DESC, id DESC);
CREATE TABLE events (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,  -- the SSE id; never reused
    id         TEXT NOT NULL,
    workspace  TEXT NOT NULL,
    type       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    payload    TEXT NOT NULL         -- the SSE data line, as sent
);
CREATE INDEX events_by_workspace ON events (workspace, seq);
CREATE TABLE idempotency (
    workspace    TEXT NOT NULL,
    key          TEXT NOT NULL,
    fingerprint  BLOB NOT NULL,      -- sha256 of method, path and body
    status       INTEGER NOT NULL,
    content_type TEXT,
    headers      TEXT NOT NULL,      -- JSON [[name, value], ...]: Location, WWW-Authenticate
    body         BLOB NOT NULL,
    created_us   INTEGER NOT NULL,
    PRIMARY KEY (workspace, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_age ON idempotency (created_us);
"#;

/// Version 2: a stored response can expire before the 24 hours of its key,
/// as a token exchange does when its token expires (NULL: the 24 hours);
/// and each workspace's resource count, so the quota check on a create is
/// one row read, however many resources there are.
const V2: &str = "ALTER TABLE idempotency ADD COLUMN expires_us INTEGER;
CREATE TABLE resource_counts (
    workspace TEXT PRIMARY KEY,
    n         INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO resource_counts (workspace, n) SELECT workspace, count(*) FROM resources GROUP BY workspace;";

pub fn migrate(conn: &Connection) -> StoreResult<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    match version {
        0 => {
            conn.execute_batch(&format!("BEGIN;{V1}{V2}PRAGMA user_version = 2;COMMIT;"))?;
            Ok(())
        }
        1 => {
            conn.execute_batch(&format!("BEGIN;{V2}PRAGMA user_version = 2;COMMIT;"))?;
            Ok(())
        }
        2 => Ok(()),
        other => Err(StoreError::Corrupt(format!(
            "database schema version {other} is newer than this sandbox understands (2)"
        ))),
    }
}

/// The largest id number and `created_at` in use, so that new ones sort after
/// them even if the clock went back across a restart.
pub fn high_water_marks(conn: &mut Connection) -> StoreResult<(u64, i64)> {
    let last_resource: Option<String> =
        conn.query_row("SELECT max(id) FROM resources", [], |r| r.get(0)).optional()?.flatten();
    let last_event: Option<String> =
        conn.query_row("SELECT id FROM events ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).optional()?;
    let last_created: Option<i64> = conn
        .query_row(
            "SELECT max(m) FROM (SELECT max(created_at) AS m FROM resources UNION ALL SELECT max(created_at) FROM events)",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let id =
        [last_resource.and_then(|id| ids::parse_id("res_", &id)), last_event.and_then(|id| ids::parse_id("evt_", &id))]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0);
    Ok((id, last_created.unwrap_or(0)))
}

#[cfg(test)]
mod migration_tests {
    use super::*;

    #[test]
    fn a_version_1_database_is_brought_to_version_2_with_its_counts() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(&format!("BEGIN;{V1}PRAGMA user_version = 1;COMMIT;")).unwrap();
        for (id, ws) in [("res_1", "key_a"), ("res_2", "key_a"), ("res_3", "key_b")] {
            conn.execute("INSERT INTO resources VALUES (?1, ?2, 'n', 'eu-west', 'active', '{}', 0, 0)", [id, ws])
                .unwrap();
        }
        migrate(&conn).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 2);
        let count = |ws: &str| -> i64 {
            conn.query_row("SELECT n FROM resource_counts WHERE workspace = ?1", [ws], |r| r.get(0)).unwrap()
        };
        assert_eq!((count("key_a"), count("key_b")), (2, 1));
        conn.execute("UPDATE idempotency SET expires_us = NULL", []).unwrap();
        // Migrating again changes nothing; a newer version is refused.
        migrate(&conn).unwrap();
        conn.execute_batch("PRAGMA user_version = 3").unwrap();
        assert!(migrate(&conn).is_err());
    }
}
