//! PostgreSQL storage, for several sandbox instances behind one load
//! balancer: the same operations as SQLite's (`ops.rs`), on a bounded pool
//! of tokio-postgres connections (deadpool). Ids come from a database
//! sequence, so instances never hand out the same one; the signing secret
//! and the keys are seeded once and read by all.

mod relay;
mod rows;
mod setup;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

use super::events::StoredEvent;
use super::hub::Hub;
use super::idempotency::{Record, StoredResponse};
use super::ops::{Change, Keyed, Refused, Respond};
use super::resources::{Stored, apply, metadata_json};
use super::{StoreError, StoreResult};
use crate::clock::Clock;
use crate::ids::{self, Position};
use crate::keys::ApiKey;
use crate::model::{EventType, ResourceStatus};
use rows::{append_event, get, insert, resource, save_record};
use setup::settings;
pub use setup::{prepare, redacted};

/// Connections in the pool at most.
const POOL_SIZE: usize = 16;

/// A claim older than this is taken over: its request died with its instance.
const CLAIM_LEASE_US: i64 = 120 * 1_000_000;

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        StoreError::Postgres(e.to_string())
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        StoreError::Postgres(format!("no database connection: {e}"))
    }
}

pub struct Pg {
    pool: Pool,
    /// Where events are announced to every instance (NOTIFY), per schema.
    channel: String,
    settings: tokio_postgres::Config,
    /// Whether this instance's listener was started, and whether it listens.
    listening: std::sync::atomic::AtomicBool,
    listens: tokio::sync::watch::Sender<bool>,
    /// The last event relayed to this instance's streams, per workspace.
    relayed: std::sync::Mutex<std::collections::HashMap<String, i64>>,
    pub(super) clock: Clock,
    pub(super) events: Hub,
    events_kept: usize,
    /// The keys and the signing secret, as `prepare` found or made them.
    pub(super) seeded: (Vec<ApiKey>, Vec<u8>),
}

impl Pg {
    /// The pool; connections are made when first needed.
    pub fn new(
        url: &str,
        schema: Option<&str>,
        clock: Clock,
        events_kept: usize,
        seeded: (Vec<ApiKey>, Vec<u8>),
    ) -> StoreResult<Pg> {
        let config = settings(url, schema)?;
        let manager =
            Manager::from_config(config.clone(), NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            // A request waits at most this long for a connection, then fails
            // as a 500 instead of queueing without end.
            .wait_timeout(Some(std::time::Duration::from_secs(5)))
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|e| StoreError::Postgres(format!("cannot make the connection pool: {e}")))?;
        Ok(Pg {
            pool,
            // LISTEN folds an unquoted name to lower case; pg_notify does not.
            channel: format!("sandbox_events_{}", schema.unwrap_or("public")).to_ascii_lowercase(),
            settings: config,
            listening: std::sync::atomic::AtomicBool::new(false),
            listens: tokio::sync::watch::Sender::new(false),
            relayed: std::sync::Mutex::default(),
            clock,
            events: Hub::default(),
            events_kept: events_kept.max(1),
            seeded,
        })
    }

    /// Whether the database answers now (readiness).
    pub async fn ping(&self) -> StoreResult<()> {
        self.pool.get().await?.simple_query("SELECT 1").await?;
        Ok(())
    }

    pub async fn purge(&self, records_before_us: i64, events_before: i64) -> StoreResult<(usize, usize)> {
        let client = self.pool.get().await?;
        let now = self.clock.now_micros();
        let records = client
            .execute("DELETE FROM idempotency WHERE created_us < $1 OR expires_us <= $2", &[&records_before_us, &now])
            .await?;
        let events = client.execute("DELETE FROM events WHERE created_at < $1", &[&events_before]).await?;
        Ok((records as usize, events as usize))
    }

    pub async fn find_response(
        &self,
        workspace: &str,
        key: &str,
        not_before_us: i64,
        now_us: i64,
    ) -> StoreResult<Option<Record>> {
        let client = self.pool.get().await?;
        let row = client
            .query_opt(
                "SELECT fingerprint, status, content_type, headers, body FROM idempotency
                 WHERE workspace = $1 AND key = $2 AND created_us >= $3 AND (expires_us IS NULL OR expires_us > $4)",
                &[&workspace, &key, &not_before_us, &now_us],
            )
            .await?;
        Ok(row.map(|r| Record {
            fingerprint: r.get(0),
            response: StoredResponse {
                status: r.get::<_, i32>(1) as u16,
                content_type: r.get(2),
                headers: serde_json::from_str(r.get::<_, &str>(3)).unwrap_or_default(),
                body: r.get(4),
            },
        }))
    }

    pub async fn save_response(
        &self,
        workspace: &str,
        keyed: Keyed,
        response: StoredResponse,
        expires_us: Option<i64>,
    ) -> StoreResult<()> {
        let client = self.pool.get().await?;
        save_record(&client, &self.clock, workspace, &keyed, &response, expires_us).await
    }

    pub async fn list_resources(
        &self,
        workspace: &str,
        status: Option<ResourceStatus>,
        after: Option<Position>,
        limit: u32,
    ) -> StoreResult<(Vec<Stored>, bool)> {
        let client = self.pool.get().await?;
        let (after_created, after_id) = match after {
            Some(p) => (p.created_at, ids::format_id("res_", p.id)),
            None => (i64::MAX, String::new()),
        };
        let status_text = status.map(ResourceStatus::as_str);
        let fetch = i64::from(limit) + 1;
        let rows = client
            .query(
                "SELECT id, name, region, status, metadata, created_at, updated_at FROM resources
                 WHERE workspace = $1 AND ($2::TEXT IS NULL OR status = $2)
                   AND ($3 = 9223372036854775807 OR created_at < $3 OR (created_at = $3 AND id < $4))
                 ORDER BY created_at DESC, id DESC LIMIT $5",
                &[&workspace, &status_text, &after_created, &after_id, &fetch],
            )
            .await?;
        let mut out = rows.iter().map(resource).collect::<StoreResult<Vec<_>>>()?;
        let has_more = out.len() > limit as usize;
        out.truncate(limit as usize);
        Ok((out, has_more))
    }

    pub async fn get_resource(&self, workspace: &str, id: &str) -> StoreResult<Option<Stored>> {
        let client = self.pool.get().await?;
        get(&client, workspace, id).await
    }

    pub async fn change_resource(
        &self,
        workspace: &str,
        change: Change,
        respond: Respond,
        keyed: Option<Keyed>,
    ) -> StoreResult<Result<(StoredResponse, StoredEvent), Refused>> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        // One writer per workspace at a time: its events commit in id order,
        // which a stream resuming after an id relies on, and its quota count
        // cannot be overshot.
        tx.execute("SELECT pg_advisory_xact_lock(7316, hashtext($1))", &[&workspace]).await?;
        // Never before the workspace's newest resource: the list order (and
        // so every cursor) relies on it, whichever instance's clock is ahead.
        let newest: Option<i64> =
            tx.query_one("SELECT max(created_at) FROM resources WHERE workspace = $1", &[&workspace]).await?.get(0);
        let now = self.clock.now_secs().max(newest.unwrap_or(i64::MIN));
        let (event_type, stored) = match change {
            Change::Create { new, quota } => {
                let count: i64 = tx
                    .query_one(
                        "SELECT coalesce((SELECT n FROM resource_counts WHERE workspace = $1), 0)",
                        &[&workspace],
                    )
                    .await?
                    .get(0);
                if usize::try_from(count).unwrap_or(usize::MAX) >= quota {
                    return Ok(Err(Refused::QuotaFull(quota)));
                }
                (EventType::Created, Some(insert(&tx, workspace, new, now).await?))
            }
            Change::Update { id, changes } => {
                let Some(mut stored) = get(&tx, workspace, &id).await? else { return Ok(Err(Refused::NotFound)) };
                apply(&mut stored.resource, changes, now);
                let r = &stored.resource;
                tx.execute(
                    "UPDATE resources SET name = $1, status = $2, metadata = $3, updated_at = $4 WHERE workspace = $5 AND id = $6",
                    &[&r.name, &r.status.as_str(), &metadata_json(&r.metadata), &now, &workspace, &id],
                )
                .await?;
                (EventType::Updated, Some(stored))
            }
            Change::Delete { id } => {
                let stored = get(&tx, workspace, &id).await?;
                if stored.is_some() {
                    tx.execute("DELETE FROM resources WHERE workspace = $1 AND id = $2", &[&workspace, &id]).await?;
                    tx.execute("UPDATE resource_counts SET n = n - 1 WHERE workspace = $1", &[&workspace]).await?;
                }
                (EventType::Deleted, stored)
            }
        };
        let Some(stored) = stored else { return Ok(Err(Refused::NotFound)) };
        let event = append_event(&tx, workspace, event_type, &stored.resource, now, self.events_kept).await?;
        let response = respond(event_type, &stored.resource);
        if let Some(keyed) = &keyed {
            save_record(&tx, &self.clock, workspace, keyed, &response, None).await?;
        }
        // Delivered to every instance's streams, this one's included, in
        // commit order (see `listen`).
        tx.execute("SELECT pg_notify($1, $2)", &[&self.channel, &format!("{} {workspace}", event.seq)]).await?;
        tx.commit().await?;
        Ok(Ok((response, event)))
    }

    pub async fn latest_event(&self, workspace: &str) -> StoreResult<i64> {
        let client = self.pool.get().await?;
        Ok(client
            .query_one("SELECT coalesce(max(seq), 0) FROM events WHERE workspace = $1", &[&workspace])
            .await?
            .get(0))
    }

    pub async fn events_after(&self, workspace: &str, after: i64, limit: u32) -> StoreResult<Vec<StoredEvent>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT seq, type, payload FROM events WHERE workspace = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                &[&workspace, &after, &i64::from(limit)],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| StoredEvent {
                seq: r.get(0),
                workspace: workspace.to_owned(),
                event_type: r.get(1),
                payload: r.get(2),
            })
            .collect())
    }

    /// Counts one request of `key_id` against `limit` in its 60-second
    /// window, atomically for every instance: (window start, requests in it).
    /// Unlike the in-memory limiter, a clock behind the window's start does
    /// not reset it: instances' clocks differ by a little, and that must not
    /// forgive requests.
    pub async fn rate_hit(&self, key_id: &str, limit: u32, now_ms: i64) -> StoreResult<(i64, i64)> {
        let client = self.pool.get().await?;
        let row = client
            .query_one(
                "INSERT INTO rate_windows AS w (key_id, start_ms, used) VALUES ($1, $2::BIGINT, 1)
                 ON CONFLICT (key_id) DO UPDATE SET
                   start_ms = CASE WHEN w.start_ms + 60000 <= $2::BIGINT THEN $2::BIGINT ELSE w.start_ms END,
                   used = CASE WHEN w.start_ms + 60000 <= $2::BIGINT THEN 1 ELSE LEAST(w.used + 1, $3::BIGINT + 1) END
                 RETURNING start_ms, used",
                &[&key_id, &now_ms, &i64::from(limit)],
            )
            .await?;
        Ok((row.get(0), row.get(1)))
    }

    /// Claims an idempotency key for one running request, across instances;
    /// false when another request holds it (a claim past its lease is taken
    /// over).
    pub async fn claim(&self, workspace: &str, key: &str) -> StoreResult<Option<i64>> {
        let client = self.pool.get().await?;
        let now = self.clock.now_micros();
        let row = client
            .query_opt(
                "INSERT INTO claims AS c (workspace, key, claimed_us) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace, key) DO UPDATE SET claimed_us = $3 WHERE c.claimed_us < $3::BIGINT - $4::BIGINT
                 RETURNING 1",
                &[&workspace, &key, &now, &CLAIM_LEASE_US],
            )
            .await?;
        Ok(row.map(|_| now))
    }

    /// Releases the claim made at `stamp`, unless another request took it
    /// over after its lease.
    pub async fn release(&self, workspace: &str, key: &str, stamp: i64) -> StoreResult<()> {
        let client = self.pool.get().await?;
        client
            .execute(
                "DELETE FROM claims WHERE workspace = $1 AND key = $2 AND claimed_us = $3",
                &[&workspace, &key, &stamp],
            )
            .await?;
        Ok(())
    }

    pub async fn rows_mentioning(&self, pattern: &str) -> StoreResult<i64> {
        let client = self.pool.get().await?;
        let mut found = 0;
        for sql in [
            "SELECT count(*) FROM resources WHERE name LIKE $1",
            "SELECT count(*) FROM events WHERE payload LIKE $1",
            "SELECT count(*) FROM idempotency WHERE convert_from(body, 'UTF8') LIKE $1",
        ] {
            found += client.query_one(sql, &[&pattern]).await?.get::<_, i64>(0);
        }
        Ok(found)
    }

    pub async fn count_events(&self, workspace: &str) -> StoreResult<i64> {
        let client = self.pool.get().await?;
        Ok(client.query_one("SELECT count(*) FROM events WHERE workspace = $1", &[&workspace]).await?.get(0))
    }
}
