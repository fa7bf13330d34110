//! The statements one transaction of a change runs: read, insert, append an
//! event, store a response.

use deadpool_postgres::GenericClient;
use tokio_postgres::Row;

use crate::clock::Clock;
use crate::model::{EventType, Resource};
use crate::store::StoreResult;
use crate::store::events::{StoredEvent, payload};
use crate::store::idempotency::StoredResponse;
use crate::store::ops::Keyed;
use crate::store::resources::{NewResource, Stored, build, created, metadata_json};

pub(super) fn resource(row: &Row) -> StoreResult<Stored> {
    build((row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6)))
}

pub(super) async fn get(client: &impl GenericClient, workspace: &str, id: &str) -> StoreResult<Option<Stored>> {
    let row = client
        .query_opt(
            "SELECT id, name, region, status, metadata, created_at, updated_at FROM resources WHERE workspace = $1 AND id = $2",
            &[&workspace, &id],
        )
        .await?;
    row.as_ref().map(resource).transpose()
}

pub(super) async fn insert(
    client: &impl GenericClient,
    workspace: &str,
    new: NewResource,
    now: i64,
) -> StoreResult<Stored> {
    let number: i64 = client.query_one("SELECT nextval('ids')", &[]).await?.get(0);
    let stored = created(number as u64, now, new);
    let r = &stored.resource;
    client
        .execute(
            "INSERT INTO resources (id, workspace, name, region, status, metadata, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'active', $5, $6, $6)",
            &[&r.id, &workspace, &r.name, &r.region, &metadata_json(&r.metadata), &now],
        )
        .await?;
    client
        .execute(
            "INSERT INTO resource_counts (workspace, n) VALUES ($1, 1) ON CONFLICT (workspace) DO UPDATE SET n = resource_counts.n + 1",
            &[&workspace],
        )
        .await?;
    Ok(stored)
}

pub(super) async fn append_event(
    client: &impl GenericClient,
    workspace: &str,
    event_type: EventType,
    resource: &Resource,
    now: i64,
    kept: usize,
) -> StoreResult<StoredEvent> {
    let number: i64 = client.query_one("SELECT nextval('ids')", &[]).await?.get(0);
    let (id, payload) = payload(number as u64, event_type, now, resource);
    let seq: i64 = client
        .query_one(
            "INSERT INTO events (id, workspace, type, created_at, payload) VALUES ($1, $2, $3, $4, $5) RETURNING seq",
            &[&id, &workspace, &event_type.as_str(), &now, &payload],
        )
        .await?
        .get(0);
    let keep = i64::try_from(kept).unwrap_or(i64::MAX);
    client
        .execute(
            "DELETE FROM events WHERE workspace = $1 AND seq <= \
             (SELECT seq FROM events WHERE workspace = $1 ORDER BY seq DESC LIMIT 1 OFFSET $2)",
            &[&workspace, &keep],
        )
        .await?;
    Ok(StoredEvent { seq, workspace: workspace.to_owned(), event_type: event_type.as_str().to_owned(), payload })
}

pub(super) async fn save_record(
    client: &impl GenericClient,
    clock: &Clock,
    workspace: &str,
    keyed: &Keyed,
    response: &StoredResponse,
    expires_us: Option<i64>,
) -> StoreResult<()> {
    let now = clock.now_micros();
    let headers = serde_json::to_string(&response.headers).unwrap_or_else(|_| "[]".to_owned());
    client
        .execute(
            "INSERT INTO idempotency (workspace, key, fingerprint, status, content_type, headers, body, created_us, expires_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (workspace, key) DO UPDATE SET fingerprint = $3, status = $4, content_type = $5,
                 headers = $6, body = $7, created_us = $8, expires_us = $9",
            &[
                &workspace,
                &keyed.key,
                &keyed.fingerprint,
                &i32::from(response.status),
                &response.content_type,
                &headers,
                &response.body,
                &now,
                &expires_us,
            ],
        )
        .await?;
    Ok(())
}
