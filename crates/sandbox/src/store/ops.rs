//! What the sandbox asks of its storage, named by what it does rather than
//! how: the handlers call these and never see a connection or a
//! transaction. Each operation is one transaction, so a change, its event
//! and its stored idempotent response commit together. This is the one
//! interface both engines implement: SQLite here, PostgreSQL in `pg.rs`.

use crate::keys::ApiKey;
use crate::model::{EventType, Resource, ResourceStatus};

use super::events::{self, StoredEvent};
use super::idempotency::{self as records, Record, StoredResponse};
use super::resources::{self as rows, Changes, NewResource, Stored};
use super::{Engine, Store, StoreError, StoreResult, keys};
use crate::ids::Position;

/// A change to one resource.
#[derive(Debug)]
pub enum Change {
    /// Refused with [`Refused::QuotaFull`] when the workspace holds `quota` already.
    Create {
        new: NewResource,
        quota: usize,
    },
    Update {
        id: String,
        changes: Changes,
    },
    Delete {
        id: String,
    },
}

impl Change {
    fn event(&self) -> EventType {
        match self {
            Change::Create { .. } => EventType::Created,
            Change::Update { .. } => EventType::Updated,
            Change::Delete { .. } => EventType::Deleted,
        }
    }
}

/// Why a change was not made, decided inside its transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The workspace already holds this many resources.
    QuotaFull(usize),
    /// No such resource in the workspace.
    NotFound,
}

/// An idempotency key whose response is stored with the change.
#[derive(Debug, Clone)]
pub struct Keyed {
    pub key: String,
    pub fingerprint: Vec<u8>,
}

/// How a change's response is written, from the resource it produced.
pub type Respond = fn(EventType, &Resource) -> StoredResponse;

/// One change in SQLite's write transaction: quota, row, event and, for a
/// keyed request, the stored response.
fn change_in(
    tx: &mut super::Tx<'_>,
    workspace: &str,
    change: Change,
    respond: Respond,
    keyed: Option<Keyed>,
) -> StoreResult<Result<(StoredResponse, StoredEvent), Refused>> {
    let event_type = change.event();
    let stored = match change {
        Change::Create { new, quota } => {
            // Counted in the write transaction, so parallel creates cannot
            // overshoot the quota.
            if usize::try_from(rows::count(&tx.tx, workspace)?).unwrap_or(usize::MAX) >= quota {
                return Ok(Err(Refused::QuotaFull(quota)));
            }
            Some(rows::insert(tx, workspace, new)?)
        }
        Change::Update { id, changes } => rows::update(tx, workspace, &id, changes)?,
        Change::Delete { id } => rows::delete(tx, workspace, &id)?,
    };
    let Some(stored) = stored else { return Ok(Err(Refused::NotFound)) };
    let event = events::append(tx, workspace, event_type, &stored.resource)?;
    let response = respond(event_type, &stored.resource);
    if let Some(keyed) = keyed {
        records::save(tx, workspace, &keyed.key, &keyed.fingerprint, &response, None)?;
    }
    Ok(Ok((response, event)))
}

impl Store {
    /// Seeds the demo keys and the token-signing secret on first start and
    /// returns them (blocking: start-up only).
    pub fn seed_now(&self) -> StoreResult<(Vec<ApiKey>, Vec<u8>)> {
        if let Engine::Postgres(pg) = &self.engine {
            return Ok(pg.seeded.clone());
        }
        self.write_now(|tx| Ok((keys::seed_and_load(tx)?, keys::jwt_secret(tx)?)))
    }

    /// Drops idempotency records stored before `records_before_us` and
    /// events older than `events_before` (Unix seconds); returns how many.
    pub async fn purge(&self, records_before_us: i64, events_before: i64) -> StoreResult<(usize, usize)> {
        if let Engine::Postgres(pg) = &self.engine {
            return pg.purge(records_before_us, events_before).await;
        }
        self.write(move |tx| Ok((records::purge(tx, records_before_us)?, events::purge_older(tx, events_before)?)))
            .await
    }

    /// The stored response of `key`, if it was stored at or after
    /// `not_before_us` and has not expired by `now_us`.
    pub async fn find_response(
        &self,
        workspace: &str,
        key: &str,
        not_before_us: i64,
        now_us: i64,
    ) -> StoreResult<Option<Record>> {
        if let Engine::Postgres(pg) = &self.engine {
            return pg.find_response(workspace, key, not_before_us, now_us).await;
        }
        let (workspace, key) = (workspace.to_owned(), key.to_owned());
        self.read(move |conn| records::find(conn, &workspace, &key, not_before_us, now_us)).await
    }

    /// Stores the response of `keyed`, replayed until `expires_us` if given,
    /// else for the key's 24 hours. `hold` (the request's idempotency
    /// ticket) is let go only once the write has committed or failed, even
    /// if the caller stops waiting.
    pub async fn save_response<H: Send + 'static>(
        &self,
        workspace: &str,
        keyed: Keyed,
        response: StoredResponse,
        expires_us: Option<i64>,
        hold: H,
    ) -> StoreResult<()> {
        let workspace = workspace.to_owned();
        if let Engine::Postgres(pg) = &self.engine {
            let pg = std::sync::Arc::clone(pg);
            let task = tokio::spawn(async move {
                let result = pg.save_response(&workspace, keyed, response, expires_us).await;
                drop(hold);
                result
            });
            return task.await.map_err(|e| StoreError::Join(e.to_string()))?;
        }
        self.write(move |tx| {
            records::save(tx, &workspace, &keyed.key, &keyed.fingerprint, &response, expires_us)?;
            Ok(hold)
        })
        .await
        .map(drop)
    }

    /// Up to `limit` resources after `after`, newest first, and whether more follow.
    pub async fn list_resources(
        &self,
        workspace: &str,
        status: Option<ResourceStatus>,
        after: Option<Position>,
        limit: u32,
    ) -> StoreResult<(Vec<Stored>, bool)> {
        if let Engine::Postgres(pg) = &self.engine {
            return pg.list_resources(workspace, status, after, limit).await;
        }
        let workspace = workspace.to_owned();
        self.read(move |conn| rows::list(conn, &workspace, status, after, limit)).await
    }

    pub async fn get_resource(&self, workspace: &str, id: &str) -> StoreResult<Option<Stored>> {
        if let Engine::Postgres(pg) = &self.engine {
            return pg.get_resource(workspace, id).await;
        }
        let (workspace, id) = (workspace.to_owned(), id.to_owned());
        self.read(move |conn| rows::get(conn, &workspace, &id)).await
    }

    /// Makes `change`, appends its event and, for a keyed request, stores its
    /// response (written by `respond`), all in one transaction. `hold` (the
    /// request's idempotency ticket) is let go only after the commit, even if
    /// the caller stops waiting; a refused change gives it back.
    pub async fn change_resource<H: Send + 'static>(
        &self,
        workspace: &str,
        change: Change,
        respond: Respond,
        keyed: Option<Keyed>,
        hold: H,
    ) -> StoreResult<Result<(StoredResponse, StoredEvent), (Refused, H)>> {
        let workspace = workspace.to_owned();
        if let Engine::Postgres(pg) = &self.engine {
            let pg = std::sync::Arc::clone(pg);
            let task = tokio::spawn(async move {
                // The task runs to the end even if nobody waits: the hold is
                // dropped after the commit.
                match pg.change_resource(&workspace, change, respond, keyed).await {
                    Ok(Ok(done)) => Ok(Ok(done)),
                    Ok(Err(refused)) => Ok(Err((refused, hold))),
                    Err(error) => Err(error),
                }
            });
            return task.await.map_err(|e| StoreError::Join(e.to_string()))?;
        }
        let (outcome, hold) = self
            .write(move |tx| {
                let outcome = change_in(tx, &workspace, change, respond, keyed)?;
                // The hold leaves with the result: it is dropped after the
                // commit, on the blocking task if nobody waits any more.
                Ok((outcome, hold))
            })
            .await?;
        match outcome {
            Ok(done) => {
                drop(hold);
                Ok(Ok(done))
            }
            Err(refused) => Ok(Err((refused, hold))),
        }
    }

    /// The last event id of `workspace` (0 when it has none).
    pub async fn latest_event(&self, workspace: &str) -> StoreResult<i64> {
        if let Engine::Postgres(pg) = &self.engine {
            return pg.latest_event(workspace).await;
        }
        let workspace = workspace.to_owned();
        self.read(move |conn| events::latest(conn, &workspace)).await
    }

    /// Up to `limit` events of `workspace` after id `after`, oldest first.
    pub async fn events_after(&self, workspace: &str, after: i64, limit: u32) -> StoreResult<Vec<StoredEvent>> {
        if let Engine::Postgres(pg) = &self.engine {
            return pg.events_after(workspace, after, limit).await;
        }
        let workspace = workspace.to_owned();
        self.read(move |conn| events::after(conn, &workspace, after, limit)).await
    }

    /// Events `workspace` has in the log.
    pub async fn count_events(&self, workspace: &str) -> StoreResult<i64> {
        if let Engine::Postgres(pg) = &self.engine {
            return pg.count_events(workspace).await;
        }
        let workspace = workspace.to_owned();
        self.read(move |conn| events::count(conn, &workspace)).await
    }

    /// Whether the database answers (readiness); SQLite is in process.
    pub async fn ping(&self) -> StoreResult<()> {
        match &self.engine {
            Engine::Postgres(pg) => pg.ping().await,
            Engine::Sqlite(_) => Ok(()),
        }
    }

    /// Rows of resources, events and stored responses that hold `needle`:
    /// how an operator (or a test) checks that deleted data is gone.
    pub async fn rows_mentioning(&self, needle: &str) -> StoreResult<i64> {
        let pattern = format!("%{needle}%");
        if let Engine::Postgres(pg) = &self.engine {
            return pg.rows_mentioning(&pattern).await;
        }
        self.read(move |conn| {
            let mut found = 0;
            for sql in [
                "SELECT count(*) FROM resources WHERE name LIKE ?1",
                "SELECT count(*) FROM events WHERE payload LIKE ?1",
                "SELECT count(*) FROM idempotency WHERE CAST(body AS TEXT) LIKE ?1",
            ] {
                found += conn.query_row(sql, [&pattern], |r| r.get::<_, i64>(0))?;
            }
            Ok(found)
        })
        .await
    }

    /// With PostgreSQL, starts relaying every instance's events to this
    /// one's streams and waits until it does; nothing to do for SQLite.
    pub async fn start_listening(&self) -> StoreResult<()> {
        match &self.engine {
            Engine::Postgres(pg) => pg.listening().await,
            Engine::Sqlite(_) => Ok(()),
        }
    }

    /// Counts a request of `key_id` against `limit` in the shared window
    /// (PostgreSQL): `Some((window start in ms, requests in it))`. `None`
    /// for SQLite, whose single instance counts in memory.
    pub async fn rate_hit(&self, key_id: &str, limit: u32, now_ms: i64) -> StoreResult<Option<(i64, i64)>> {
        match &self.engine {
            Engine::Postgres(pg) => pg.rate_hit(key_id, limit, now_ms).await.map(Some),
            Engine::Sqlite(_) => Ok(None),
        }
    }

    /// Claims an idempotency key across instances (PostgreSQL):
    /// `Some(Some(stamp))` when won, `Some(None)` when another request holds
    /// it; `None` for SQLite, whose claims are kept in memory.
    pub async fn claim(&self, workspace: &str, key: &str) -> StoreResult<Option<Option<i64>>> {
        match &self.engine {
            Engine::Postgres(pg) => pg.claim(workspace, key).await.map(Some),
            Engine::Sqlite(_) => Ok(None),
        }
    }

    /// Releases the claim won at `stamp` with [`Store::claim`].
    pub async fn release(&self, workspace: &str, key: &str, stamp: i64) -> StoreResult<()> {
        match &self.engine {
            Engine::Postgres(pg) => pg.release(workspace, key, stamp).await,
            Engine::Sqlite(_) => Ok(()),
        }
    }
}
