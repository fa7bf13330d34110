//! Resource rows.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, StoreResult, Tx};
use crate::clock::rfc3339;
use crate::ids::{self, Position};
use crate::model::{Resource, ResourceStatus};

const COLUMNS: &str = "id, name, region, status, metadata, created_at, updated_at";

/// A resource plus its position in the list order.
#[derive(Clone, Debug)]
pub struct Stored {
    pub resource: Resource,
    pub position: Position,
}

#[derive(Debug)]
pub struct NewResource {
    pub name: String,
    pub region: String,
    pub metadata: BTreeMap<String, String>,
}

#[derive(Debug, Default)]
pub struct Changes {
    pub name: Option<String>,
    pub status: Option<ResourceStatus>,
    pub metadata: Option<BTreeMap<String, String>>,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<(String, String, String, String, String, i64, i64)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?))
}

pub(super) fn build(
    (id, name, region, status, metadata, created_at, updated_at): (String, String, String, String, String, i64, i64),
) -> StoreResult<Stored> {
    let status = ResourceStatus::parse(&status)
        .ok_or_else(|| StoreError::Corrupt(format!("resource {id} has status {status:?}")))?;
    let metadata: BTreeMap<String, String> =
        serde_json::from_str(&metadata).map_err(|e| StoreError::Corrupt(format!("resource {id} metadata: {e}")))?;
    let number = ids::parse_id("res_", &id).unwrap_or(0);
    Ok(Stored {
        position: Position { created_at, id: number },
        resource: Resource {
            id,
            name,
            region,
            status,
            metadata,
            created_at: rfc3339(created_at),
            updated_at: rfc3339(updated_at),
        },
    })
}

pub(super) fn metadata_json(metadata: &BTreeMap<String, String>) -> String {
    serde_json::to_string(metadata).unwrap_or_else(|_| "{}".to_owned())
}

/// Resources `workspace` holds (kept in `resource_counts` by insert and
/// delete).
pub fn count(conn: &Connection, workspace: &str) -> StoreResult<i64> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT n FROM resource_counts WHERE workspace = ?1), 0)",
        [workspace],
        |r| r.get(0),
    )?)
}

pub fn insert(tx: &mut Tx<'_>, workspace: &str, new: NewResource) -> StoreResult<Stored> {
    let number = tx.next_id();
    let now = tx.now();
    let stored = created(number, now, new);
    let r = &stored.resource;
    tx.tx.execute(
        "INSERT INTO resources (id, workspace, name, region, status, metadata, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'active', ?5, ?6, ?6)",
        params![r.id, workspace, r.name, r.region, metadata_json(&r.metadata), now],
    )?;
    tx.tx.execute(
        "INSERT INTO resource_counts (workspace, n) VALUES (?1, 1) ON CONFLICT (workspace) DO UPDATE SET n = n + 1",
        [workspace],
    )?;
    Ok(stored)
}

/// A resource just created as id number `number` at `now`: active, with
/// the fields it was sent (both engines build it so).
pub(super) fn created(number: u64, now: i64, new: NewResource) -> Stored {
    Stored {
        position: Position { created_at: now, id: number },
        resource: Resource {
            id: ids::format_id("res_", number),
            name: new.name,
            region: new.region,
            status: ResourceStatus::Active,
            metadata: new.metadata,
            created_at: rfc3339(now),
            updated_at: rfc3339(now),
        },
    }
}

/// `changes` applied to `resource` at `now`: only the fields sent change,
/// and `updated_at` is set either way.
pub(super) fn apply(resource: &mut Resource, changes: Changes, now: i64) {
    if let Some(name) = changes.name {
        resource.name = name;
    }
    if let Some(status) = changes.status {
        resource.status = status;
    }
    if let Some(metadata) = changes.metadata {
        resource.metadata = metadata;
    }
    resource.updated_at = rfc3339(now);
}

pub fn get(conn: &Connection, workspace: &str, id: &str) -> StoreResult<Option<Stored>> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM resources WHERE workspace = ?1 AND id = ?2"),
            params![workspace, id],
            from_row,
        )
        .optional()?;
    row.map(build).transpose()
}

/// Applies the given changes and sets `updated_at`; `None` if there is no such resource.
pub fn update(tx: &mut Tx<'_>, workspace: &str, id: &str, changes: Changes) -> StoreResult<Option<Stored>> {
    let Some(mut stored) = get(&tx.tx, workspace, id)? else {
        return Ok(None);
    };
    let now = tx.now();
    apply(&mut stored.resource, changes, now);
    let r = &stored.resource;
    tx.tx.execute(
        "UPDATE resources SET name = ?1, status = ?2, metadata = ?3, updated_at = ?4 WHERE workspace = ?5 AND id = ?6",
        params![r.name, r.status.as_str(), metadata_json(&r.metadata), now, workspace, id],
    )?;
    Ok(Some(stored))
}

/// Deletes and returns the resource as it was; `None` if there is no such resource.
pub fn delete(tx: &mut Tx<'_>, workspace: &str, id: &str) -> StoreResult<Option<Stored>> {
    let Some(stored) = get(&tx.tx, workspace, id)? else {
        return Ok(None);
    };
    tx.tx.execute("DELETE FROM resources WHERE workspace = ?1 AND id = ?2", params![workspace, id])?;
    tx.tx.execute("UPDATE resource_counts SET n = n - 1 WHERE workspace = ?1", [workspace])?;
    Ok(Some(stored))
}

/// Up to `limit` resources after `after` (exclusive), newest first, and
/// whether more follow.
pub fn list(
    conn: &Connection,
    workspace: &str,
    status: Option<ResourceStatus>,
    after: Option<Position>,
    limit: u32,
) -> StoreResult<(Vec<Stored>, bool)> {
    let mut sql = format!("SELECT {COLUMNS} FROM resources WHERE workspace = ?1");
    if status.is_some() {
        sql.push_str(" AND status = ?2");
    }
    if after.is_some() {
        sql.push_str(" AND (created_at < ?3 OR (created_at = ?3 AND id < ?4))");
    }
    sql.push_str(" ORDER BY created_at DESC, id DESC LIMIT ?5");
    let (after_created, after_id) = match after {
        Some(p) => (p.created_at, ids::format_id("res_", p.id)),
        None => (0, String::new()),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let fetch = i64::from(limit) + 1;
    let status_text = status.map(ResourceStatus::as_str).unwrap_or("");
    let mut rows = stmt.query(params![workspace, status_text, after_created, after_id, fetch])?;
    let mut out = Vec::with_capacity(limit as usize + 1);
    while let Some(row) = rows.next()? {
        out.push(build(from_row(row)?)?);
    }
    let has_more = out.len() > limit as usize;
    out.truncate(limit as usize);
    Ok((out, has_more))
}
