//! SQLite storage: one writer connection, a few readers.
//!
//! WAL mode lets readers run while the writer commits. `synchronous = NORMAL`
//! is enough for the promise we make: in WAL mode a commit has reached the
//! operating system (the WAL file) before SQLite returns, so killing the
//! process — even with SIGKILL — loses nothing acknowledged; only a power cut
//! or kernel crash could drop the last commits, which a sandbox accepts in
//! exchange for not paying an fsync per write.
//!
//! rusqlite is blocking, so every call runs on tokio's blocking pool.

pub mod events;
pub mod hub;
pub mod idempotency;
pub mod keys;
mod ops;
mod pg;
pub mod resources;
mod schema;

use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::clock::Clock;
use crate::config::DbLocation;
use crate::ids::IdGen;
use events::StoredEvent;
use hub::Hub;
pub use hub::{Subscription, TooManyStreams};
pub use ops::{Change, Keyed, Refused, Respond};
pub use pg::redacted as redacted_url;

/// Read connections for a file database (the box has two cores; more readers
/// only queue on the CPU).
const READERS: usize = 4;

#[derive(Debug)]
pub enum StoreError {
    Sqlite(rusqlite::Error),
    /// A thread panicked while holding a connection.
    Poisoned,
    /// The blocking task died.
    Join(String),
    /// Data on disk that this version cannot read.
    Corrupt(String),
    /// PostgreSQL failed, or could not be reached.
    Postgres(String),
    /// An operation only the SQLite engine has (its raw connections).
    Unsupported(&'static str),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "sqlite: {e}"),
            StoreError::Poisoned => f.write_str("a database connection was poisoned by a panic"),
            StoreError::Join(e) => write!(f, "database task failed: {e}"),
            StoreError::Corrupt(e) => write!(f, "unreadable data: {e}"),
            StoreError::Postgres(e) => write!(f, "postgres: {e}"),
            StoreError::Unsupported(what) => write!(f, "{what} needs the SQLite engine"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The writer's connection and the state that must advance in commit order.
struct Writer {
    conn: Connection,
    ids: IdGen,
    /// Latest `created_at` handed out, so `created_at` never goes backwards
    /// even if the system clock does (pagination relies on it).
    last_created: i64,
}

struct Inner {
    writer: Mutex<Writer>,
    /// Empty for an in-memory database: it lives in the writer's connection.
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    clock: Clock,
    events: Hub,
    /// Events kept per workspace (see `events::append`).
    events_kept: usize,
}

#[derive(Clone)]
pub struct Store {
    engine: Engine,
}

/// SQLite in this process, or PostgreSQL shared by several instances.
#[derive(Clone)]
enum Engine {
    Sqlite(Arc<Inner>),
    Postgres(Arc<pg::Pg>),
}

/// One write transaction, with the id generator and a monotonic clock.
pub struct Tx<'a> {
    pub tx: Transaction<'a>,
    ids: &'a mut IdGen,
    last_created: &'a mut i64,
    clock: &'a Clock,
    /// Events kept per workspace.
    pub events_kept: usize,
    /// Events to announce once the transaction has committed.
    committed_events: Vec<StoredEvent>,
}

impl Tx<'_> {
    /// A fresh id number (see `ids.rs`).
    pub fn next_id(&mut self) -> u64 {
        self.ids.next(self.clock.now_micros())
    }

    /// Current Unix seconds, never less than any earlier value handed out.
    pub fn now(&mut self) -> i64 {
        let now = self.clock.now_secs().max(*self.last_created);
        *self.last_created = now;
        now
    }

    pub fn clock(&self) -> &Clock {
        self.clock
    }

    /// Announces `event` to live streams after the commit.
    pub fn announce(&mut self, event: StoredEvent) {
        self.committed_events.push(event);
    }
}

fn configure(conn: &Connection, file: bool) -> StoreResult<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Deleted rows are overwritten, not left in free pages: a purged event
    // or deleted resource is gone from the file, not only from queries.
    conn.pragma_update(None, "secure_delete", "ON")?;
    if file {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt(format!("could not switch to WAL mode (got {mode})")));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

impl Store {
    /// Opens the database; each workspace keeps at most its newest
    /// `events_kept` events.
    pub fn open(location: &DbLocation, clock: Clock, events_kept: usize) -> StoreResult<Store> {
        let (mut conn, readers) = match location {
            DbLocation::Postgres { url, schema } => {
                // Tables and seeds first, on a runtime of their own: `open`
                // is called from synchronous code too.
                let (url_owned, schema_owned) = (url.clone(), schema.clone());
                let seeded = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .map_err(|e| StoreError::Postgres(e.to_string()))?;
                    runtime.block_on(pg::prepare(&url_owned, schema_owned.as_deref()))
                })
                .join()
                .map_err(|_| StoreError::Join("the database set-up panicked".to_owned()))??;
                let pg = pg::Pg::new(url, schema.as_deref(), clock, events_kept, seeded)?;
                return Ok(Store { engine: Engine::Postgres(Arc::new(pg)) });
            }
            DbLocation::InMemory => (Connection::open_in_memory()?, Vec::new()),
            DbLocation::File(path) => {
                owner_only(path)?;
                let conn = Connection::open(path)?;
                configure(&conn, true)?;
                schema::migrate(&conn)?;
                let readers = (0..READERS).map(|_| open_reader(path)).collect::<StoreResult<Vec<_>>>()?;
                (conn, readers)
            }
        };
        if readers.is_empty() {
            configure(&conn, false)?;
            schema::migrate(&conn)?;
        }
        let (last_id, last_created) = schema::high_water_marks(&mut conn)?;
        Ok(Store {
            engine: Engine::Sqlite(Arc::new(Inner {
                writer: Mutex::new(Writer { conn, ids: IdGen::starting_after(last_id), last_created }),
                readers,
                next_reader: AtomicUsize::new(0),
                clock,
                events: Hub::default(),
                events_kept: events_kept.max(1),
            })),
        })
    }

    pub fn clock(&self) -> &Clock {
        match &self.engine {
            Engine::Sqlite(inner) => &inner.clock,
            Engine::Postgres(pg) => &pg.clock,
        }
    }

    /// Live events of `workspace`, in commit order, unless it already has
    /// `cap` open streams.
    pub fn subscribe(&self, workspace: &str, cap: usize) -> Result<Subscription, TooManyStreams> {
        match &self.engine {
            Engine::Sqlite(inner) => inner.events.subscribe(workspace, cap),
            Engine::Postgres(pg) => {
                pg.listen();
                pg.events.subscribe(workspace, cap)
            }
        }
    }

    /// The SQLite engine, for the raw operations below.
    fn sqlite(&self, what: &'static str) -> StoreResult<&Arc<Inner>> {
        match &self.engine {
            Engine::Sqlite(inner) => Ok(inner),
            Engine::Postgres(_) => Err(StoreError::Unsupported(what)),
        }
    }

    /// Runs `f` in a write transaction, committed when `f` returns `Ok`.
    pub async fn write<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Tx<'_>) -> StoreResult<T> + Send + 'static,
    {
        let inner = Arc::clone(self.sqlite("a raw write")?);
        tokio::task::spawn_blocking(move || inner.write_blocking(f))
            .await
            .map_err(|e| StoreError::Join(e.to_string()))?
    }

    /// Runs `f` on a read connection.
    pub async fn read<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> StoreResult<T> + Send + 'static,
    {
        let inner = Arc::clone(self.sqlite("a raw read")?);
        tokio::task::spawn_blocking(move || inner.read_blocking(f))
            .await
            .map_err(|e| StoreError::Join(e.to_string()))?
    }

    /// Blocking form of [`Store::write`], for start-up.
    pub fn write_now<T>(&self, f: impl FnOnce(&mut Tx<'_>) -> StoreResult<T>) -> StoreResult<T> {
        self.sqlite("a raw write")?.write_blocking(f)
    }

    /// Folds the WAL into the main file; called on a clean shutdown so the
    /// database is a single file again.
    pub fn checkpoint(&self) -> StoreResult<()> {
        let Engine::Sqlite(inner) = &self.engine else { return Ok(()) };
        let writer = inner.writer.lock().map_err(|_| StoreError::Poisoned)?;
        if !inner.readers.is_empty() {
            writer.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }
}

impl Inner {
    fn write_blocking<T>(&self, f: impl FnOnce(&mut Tx<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let mut guard = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let Writer { conn, ids, last_created } = &mut *guard;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut wtx = Tx {
            tx,
            ids,
            last_created,
            clock: &self.clock,
            events_kept: self.events_kept,
            committed_events: Vec::new(),
        };
        let value = f(&mut wtx)?;
        let Tx { tx, committed_events, .. } = wtx;
        tx.commit()?;
        // Still under the writer lock: streams see events in commit (= id) order.
        for event in committed_events {
            self.events.publish(Arc::new(event));
        }
        Ok(value)
    }

    fn read_blocking<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        if self.readers.is_empty() {
            let guard = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
            return f(&guard.conn);
        }
        // Prefer an idle reader; if all are busy, wait on one in turn.
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        let n = self.readers.len();
        for i in 0..n {
            if let Ok(conn) = self.readers[(start + i) % n].try_lock() {
                return f(&conn);
            }
        }
        let conn = self.readers[start % n].lock().map_err(|_| StoreError::Poisoned)?;
        f(&conn)
    }
}

/// The database holds API keys and the token-signing secret: it is created
/// readable by its owner only (0600), and an existing one is narrowed to
/// that. SQLite gives its `-wal` and `-shm` files the same mode.
fn owner_only(path: &Path) -> StoreResult<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let io = |e: std::io::Error| StoreError::Corrupt(format!("cannot protect {}: {e}", path.display()));
    std::fs::OpenOptions::new().create(true).append(true).mode(0o600).open(path).map_err(io)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
    // Journal files left by an earlier run (after a kill) are narrowed too.
    for side in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(side);
        let side = Path::new(&name);
        if side.exists() {
            std::fs::set_permissions(side, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
        }
    }
    Ok(())
}

fn open_reader(path: &Path) -> StoreResult<Mutex<Connection>> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(Mutex::new(conn))
}
