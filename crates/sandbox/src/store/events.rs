//! The event log behind `GET /v1/events`: written in the same transaction as
//! the change it describes, so an event exists exactly when its change does.

use rusqlite::{Connection, params};

use super::{StoreResult, Tx};
use crate::clock::rfc3339;
use crate::ids;
use crate::model::{EventPayload, EventType, Resource};

/// One stored event, ready to send.
#[derive(Clone, Debug)]
pub struct StoredEvent {
    /// The SSE `id:` (global, increasing).
    pub seq: i64,
    pub workspace: String,
    pub event_type: String,
    /// The SSE `data:` line (JSON).
    pub payload: String,
}

/// The id (`evt_…` of `number`) and the SSE `data:` line of an event, the
/// same on both engines.
pub(super) fn payload(number: u64, event_type: EventType, now: i64, resource: &Resource) -> (String, String) {
    let id = ids::format_id("evt_", number);
    let payload = serde_json::to_string(&EventPayload {
        id: id.clone(),
        type_: event_type,
        created_at: rfc3339(now),
        data: resource.clone(),
    })
    .unwrap_or_default();
    (id, payload)
}

pub fn append(
    tx: &mut Tx<'_>,
    workspace: &str,
    event_type: EventType,
    resource: &Resource,
) -> StoreResult<StoredEvent> {
    let number = tx.next_id();
    let now = tx.now();
    let (id, payload) = payload(number, event_type, now, resource);
    tx.tx.execute(
        "INSERT INTO events (id, workspace, type, created_at, payload) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, workspace, event_type.as_str(), now, payload],
    )?;
    let event = StoredEvent {
        seq: tx.tx.last_insert_rowid(),
        workspace: workspace.to_owned(),
        event_type: event_type.as_str().to_owned(),
        payload,
    };
    tx.announce(event.clone());
    // The workspace keeps its newest events only: with the resources
    // quota, this bounds what a workspace can store however fast it writes.
    let keep = i64::try_from(tx.events_kept).unwrap_or(i64::MAX);
    tx.tx.execute(
        "DELETE FROM events WHERE workspace = ?1 AND seq <= \
         (SELECT seq FROM events WHERE workspace = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)",
        params![workspace, keep],
    )?;
    Ok(event)
}

/// Deletes the events created before `before` (Unix seconds); returns how
/// many.
pub fn purge_older(tx: &mut Tx<'_>, before: i64) -> StoreResult<usize> {
    Ok(tx.tx.execute("DELETE FROM events WHERE created_at < ?1", [before])?)
}

/// Events of `workspace` in the log.
pub fn count(conn: &Connection, workspace: &str) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM events WHERE workspace = ?1", [workspace], |r| r.get(0))?)
}

/// The latest event id of `workspace` (0 when it has none).
pub fn latest(conn: &Connection, workspace: &str) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM events WHERE workspace = ?1", [workspace], |r| r.get(0))?)
}

/// Up to `limit` events of `workspace` with `seq > after`, oldest first.
pub fn after(conn: &Connection, workspace: &str, after: i64, limit: u32) -> StoreResult<Vec<StoredEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, type, payload FROM events WHERE workspace = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![workspace, after, limit], |r| {
        Ok(StoredEvent { seq: r.get(0)?, workspace: workspace.to_owned(), event_type: r.get(1)?, payload: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
