//! Setting PostgreSQL up for the sandbox: connection settings, the tables
//! (created at start, one instance at a time), the seeded keys and signing
//! secret, and database URLs with their passwords taken out for messages.

use tokio_postgres::NoTls;

use crate::keys::{ApiKey, SEEDS};
use crate::scopes::Scopes;
use crate::store::{StoreError, StoreResult};

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

/// The connection settings of `url`, in `schema` when given (tests give
/// each run its own).
pub(super) fn settings(url: &str, schema: Option<&str>) -> StoreResult<tokio_postgres::Config> {
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
