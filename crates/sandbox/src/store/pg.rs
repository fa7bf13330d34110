//! PostgreSQL storage, for several sandbox instances behind one load
//! balancer: the same operations as SQLite's (`ops.rs`), on a bounded pool
//! of tokio-postgres connections (deadpool). Ids come from a database
//! sequence, so instances never hand out the same one; the signing secret
//! and the keys are seeded once and read by all.

use std::collections::BTreeMap;
use std::sync::Arc;

use deadpool_postgres::GenericClient;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::{NoTls, Row};

use super::events::StoredEvent;
use super::hub::Hub;
use super::idempotency::{Record, StoredResponse};
use super::ops::{Change, Keyed, Refused, Respond};
use super::resources::{NewResource, Stored, build, metadata_json};
use super::{StoreError, StoreResult};
use crate::clock::{Clock, rfc3339};
use crate::ids::{self, Position};
use crate::keys::{ApiKey, SEEDS};
use crate::model::{EventPayload, EventType, Resource, ResourceStatus};
use crate::scopes::Scopes;

/// Connections in the pool at most.
const POOL_SIZE: usize = 16;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, secret TEXT NOT NULL UNIQUE,
    tier TEXT NOT NULL, rate_limit INTEGER, scopes TEXT NOT NULL, listed BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS resources (
    id TEXT COLLATE "C" PRIMARY KEY, workspace TEXT NOT NULL, name TEXT NOT NULL, region TEXT NOT NULL,
    status TEXT NOT NULL, metadata TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS resources_page ON resources (workspace, created_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS resource_counts (workspace TEXT PRIMARY KEY, n BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL, workspace TEXT NOT NULL, type TEXT NOT NULL,
    created_at BIGINT NOT NULL, payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_workspace ON events (workspace, seq);
CREATE TABLE IF NOT EXISTS idempotency (
    workspace TEXT NOT NULL, key TEXT NOT NULL, fingerprint BYTEA NOT NULL, status INTEGER NOT NULL,
    content_type TEXT, headers TEXT NOT NULL, body BYTEA NOT NULL, created_us BIGINT NOT NULL, expires_us BIGINT,
    PRIMARY KEY (workspace, key)
);
CREATE INDEX IF NOT EXISTS idempotency_age ON idempotency (created_us);
CREATE SEQUENCE IF NOT EXISTS ids;
CREATE TABLE IF NOT EXISTS rate_windows (key_id TEXT PRIMARY KEY, start_ms BIGINT NOT NULL, used BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (
    workspace TEXT NOT NULL, key TEXT NOT NULL, claimed_us BIGINT NOT NULL, PRIMARY KEY (workspace, key)
);
"#;

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

/// The connection settings of `url`, in `schema` when given (tests give
/// each run its own).
fn settings(url: &str, schema: Option<&str>) -> StoreResult<tokio_postgres::Config> {
    if let Some(schema) = schema
        && !(schema.starts_with(|c: char| c.is_ascii_lowercase())
            && schema.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
    {
        return Err(StoreError::Postgres(format!("{schema:?} is not a schema name: lowercase letters, digits and _")));
    }
    let mut config: tokio_postgres::Config =
        url.parse().map_err(|e| StoreError::Postgres(format!("the database URL is not valid: {e}")))?;
    if let Some(schema) = schema {
        config.options(format!("-c search_path={schema}"));
    }
    config.connect_timeout(std::time::Duration::from_secs(5));
    Ok(config)
}

/// Connects once, creates the tables (one instance at a time), and seeds
/// the keys and the secret; returns them.
pub async fn prepare(url: &str, schema: Option<&str>) -> StoreResult<(Vec<ApiKey>, Vec<u8>)> {
    let config = settings(url, schema)?;
    let (mut client, connection) = config
        .connect(NoTls)
        .await
        .map_err(|e| StoreError::Postgres(format!("cannot reach the database at {}: {e}", redacted(url))))?;
    let task = tokio::spawn(connection);
    if let Some(schema) = schema {
        client.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}")).await?;
    }
    let tx = client.transaction().await?;
    // Instances starting together take turns.
    tx.batch_execute("SELECT pg_advisory_xact_lock(7316, 0)").await?;
    tx.batch_execute(SCHEMA).await?;
    for (position, spec) in SEEDS.iter().enumerate() {
        let key = spec.generate();
        tx.execute(
            "INSERT INTO api_keys (id, position, name, secret, tier, rate_limit, scopes, listed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
            &[
                &key.id,
                &(position as i32),
                &key.name,
                &key.secret,
                &key.tier,
                &key.rate_limit.map(|n| n as i32),
                &key.scopes.to_string(),
                &key.listed,
            ],
        )
        .await?;
    }
    let mut secret = vec![0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
    tx.execute("INSERT INTO meta (name, value) VALUES ('jwt_secret', $1) ON CONFLICT (name) DO NOTHING", &[&secret])
        .await?;
    let secret: Vec<u8> = tx.query_one("SELECT value FROM meta WHERE name = 'jwt_secret'", &[]).await?.get(0);
    let mut keys = Vec::new();
    for row in tx
        .query("SELECT id, name, secret, tier, rate_limit, scopes, listed FROM api_keys ORDER BY position, id", &[])
        .await?
    {
        let id: String = row.get(0);
        let scopes: String = row.get(5);
        let scopes =
            Scopes::parse(&scopes).ok_or_else(|| StoreError::Corrupt(format!("key {id} has unknown scopes")))?;
        let rate_limit: Option<i32> = row.get(4);
        keys.push(ApiKey {
            id,
            name: row.get(1),
            secret: row.get(2),
            tier: row.get(3),
            rate_limit: rate_limit.map(|n| n as u32),
            scopes,
            listed: row.get(6),
        });
    }
    tx.commit().await?;
    drop(client);
    let _ = task.await;
    Ok((keys, secret))
}

/// The URL without its password, for messages: neither `user:password@`
/// nor a `password=` parameter is shown.
pub fn redacted(url: &str) -> String {
    let url = match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = &url[scheme + 3..at];
            let user = user.split(':').next().unwrap_or_default();
            format!("{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
        }
        _ => url.to_owned(),
    };
    let mut out = String::with_capacity(url.len());
    let mut rest = url.as_str();
    while let Some(at) = rest.to_ascii_lowercase().find("password=") {
        out.push_str(&rest[..at + "password=".len()]);
        out.push_str("***");
        let after = &rest[at + "password=".len()..];
        rest = &after[after.find(['&', ' ']).unwrap_or(after.len())..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_never_shown() {
        use super::redacted;
        assert_eq!(redacted("postgres://u:secret@h:5432/db"), "postgres://u@h:5432/db");
        assert_eq!(
            redacted("postgres://h/db?user=u&password=secret&sslmode=x"),
            "postgres://h/db?user=u&password=***&sslmode=x"
        );
        assert_eq!(redacted("host=h password=secret user=u"), "host=h password=*** user=u");
    }
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
                let r = &mut stored.resource;
                if let Some(name) = changes.name {
                    r.name = name;
                }
                if let Some(status) = changes.status {
                    r.status = status;
                }
                if let Some(metadata) = changes.metadata {
                    r.metadata = metadata;
                }
                r.updated_at = rfc3339(now);
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

    /// Starts, once, the task that hands every announced event to this
    /// instance's streams. PostgreSQL delivers notifications in commit
    /// order, and each workspace's events commit in id order.
    pub fn listen(self: &Arc<Self>) {
        use std::sync::atomic::Ordering;
        if self.listening.swap(true, Ordering::SeqCst) {
            return;
        }
        let pg = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                if let Err(error) = pg.relay().await {
                    tracing::warn!(%error, "the event listener lost its connection; reconnecting");
                }
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
        });
    }

    async fn relay(&self) -> StoreResult<()> {
        use futures_util::StreamExt;
        let (client, mut connection) = self.settings.connect(NoTls).await?;
        let (sender, mut notifications) = tokio::sync::mpsc::unbounded_channel();
        let pump = tokio::spawn(async move {
            let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
            while let Some(message) = messages.next().await {
                match message {
                    Ok(tokio_postgres::AsyncMessage::Notification(n)) => {
                        if sender.send(n.payload().to_owned()).is_err() {
                            break;
                        }
                    }
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        });
        client.batch_execute(&format!("LISTEN {}", self.channel)).await?;
        // Whatever was committed while this instance did not listen (a
        // reconnection) is relayed first, workspace by workspace.
        let known: Vec<(String, i64)> = self.relayed_now().into_iter().collect();
        for (workspace, last) in known {
            self.relay_after(&client, &workspace, last, i64::MAX).await?;
        }
        self.listens.send_replace(true);
        while let Some(payload) = notifications.recv().await {
            let Some((seq, workspace)) = payload.split_once(' ') else { continue };
            let Ok(seq) = seq.parse::<i64>() else { continue };
            // Events of a workspace commit in id order: relay any this
            // instance has not seen yet, up to this one.
            let last = self.relayed_now().get(workspace).copied().unwrap_or(seq - 1);
            self.relay_after(&client, workspace, last, seq).await?;
        }
        pump.abort();
        self.listens.send_replace(false);
        Err(StoreError::Postgres("the notification stream ended".to_owned()))
    }

    fn relayed_now(&self) -> std::collections::HashMap<String, i64> {
        self.relayed.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Relays the events of `workspace` with `after < seq <= upto`, in order.
    async fn relay_after(
        &self,
        client: &tokio_postgres::Client,
        workspace: &str,
        after: i64,
        upto: i64,
    ) -> StoreResult<()> {
        if upto <= after {
            return Ok(());
        }
        let rows = client
            .query(
                "SELECT seq, type, payload FROM events WHERE workspace = $1 AND seq > $2 AND seq <= $3 ORDER BY seq",
                &[&workspace, &after, &upto],
            )
            .await?;
        for row in rows {
            let event = StoredEvent {
                seq: row.get(0),
                workspace: workspace.to_owned(),
                event_type: row.get(1),
                payload: row.get(2),
            };
            if let Ok(mut relayed) = self.relayed.lock() {
                relayed.insert(workspace.to_owned(), event.seq);
            }
            self.events.publish(Arc::new(event));
        }
        Ok(())
    }

    /// Starts the listener and waits until it listens, so that no event
    /// committed after the server starts can pass unseen.
    pub async fn listening(self: &Arc<Self>) -> StoreResult<()> {
        self.listen();
        let mut listens = self.listens.subscribe();
        let ready = listens.wait_for(|on| *on);
        match tokio::time::timeout(std::time::Duration::from_secs(10), ready).await {
            Ok(Ok(_)) => Ok(()),
            _ => Err(StoreError::Postgres("could not listen for events within 10 s".to_owned())),
        }
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

fn resource(row: &Row) -> StoreResult<Stored> {
    build((row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6)))
}

async fn get(client: &impl GenericClient, workspace: &str, id: &str) -> StoreResult<Option<Stored>> {
    let row = client
        .query_opt(
            "SELECT id, name, region, status, metadata, created_at, updated_at FROM resources WHERE workspace = $1 AND id = $2",
            &[&workspace, &id],
        )
        .await?;
    row.as_ref().map(resource).transpose()
}

async fn insert(client: &impl GenericClient, workspace: &str, new: NewResource, now: i64) -> StoreResult<Stored> {
    let number: i64 = client.query_one("SELECT nextval('ids')", &[]).await?.get(0);
    let number = number as u64;
    let id = ids::format_id("res_", number);
    client
        .execute(
            "INSERT INTO resources (id, workspace, name, region, status, metadata, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'active', $5, $6, $6)",
            &[&id, &workspace, &new.name, &new.region, &metadata_json(&new.metadata), &now],
        )
        .await?;
    client
        .execute(
            "INSERT INTO resource_counts (workspace, n) VALUES ($1, 1) ON CONFLICT (workspace) DO UPDATE SET n = resource_counts.n + 1",
            &[&workspace],
        )
        .await?;
    let metadata: BTreeMap<String, String> = new.metadata;
    Ok(Stored {
        position: Position { created_at: now, id: number },
        resource: Resource {
            id,
            name: new.name,
            region: new.region,
            status: ResourceStatus::Active,
            metadata,
            created_at: rfc3339(now),
            updated_at: rfc3339(now),
        },
    })
}

async fn append_event(
    client: &impl GenericClient,
    workspace: &str,
    event_type: EventType,
    resource: &Resource,
    now: i64,
    kept: usize,
) -> StoreResult<StoredEvent> {
    let number: i64 = client.query_one("SELECT nextval('ids')", &[]).await?.get(0);
    let id = ids::format_id("evt_", number as u64);
    let payload = serde_json::to_string(&EventPayload {
        id: id.clone(),
        type_: event_type,
        created_at: rfc3339(now),
        data: resource.clone(),
    })
    .unwrap_or_default();
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

async fn save_record(
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
