//! The seeded API keys and the token-signing secret, created on first start
//! and kept in the database so a restart keeps them.

use rand::RngCore;
use rusqlite::{OptionalExtension, params};

use super::{StoreError, StoreResult, Tx};
use crate::keys::{ApiKey, SEEDS};
use crate::scopes::Scopes;

/// Inserts any seeded key that is missing and returns all keys in listing order.
pub fn seed_and_load(tx: &mut Tx<'_>) -> StoreResult<Vec<ApiKey>> {
    for (position, spec) in SEEDS.iter().enumerate() {
        let exists: Option<i64> =
            tx.tx.query_row("SELECT 1 FROM api_keys WHERE id = ?1", [spec.id], |r| r.get(0)).optional()?;
        if exists.is_none() {
            let key = spec.generate();
            tx.tx.execute(
                "INSERT INTO api_keys (id, position, name, secret, tier, rate_limit, scopes, listed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    key.id,
                    position as i64,
                    key.name,
                    key.secret,
                    key.tier,
                    key.rate_limit,
                    key.scopes.to_string(),
                    key.listed
                ],
            )?;
        }
    }
    let mut stmt = tx
        .tx
        .prepare("SELECT id, name, secret, tier, rate_limit, scopes, listed FROM api_keys ORDER BY position, id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<u32>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, bool>(6)?,
        ))
    })?;
    let mut keys = Vec::new();
    for row in rows {
        let (id, name, secret, tier, rate_limit, scopes, listed) = row?;
        let scopes =
            Scopes::parse(&scopes).ok_or_else(|| StoreError::Corrupt(format!("key {id} has unknown scopes")))?;
        keys.push(ApiKey { id, name, secret, tier, rate_limit, scopes, listed });
    }
    Ok(keys)
}

/// The per-instance HS256 secret: 32 random bytes made on first start.
pub fn jwt_secret(tx: &mut Tx<'_>) -> StoreResult<Vec<u8>> {
    let existing: Option<Vec<u8>> =
        tx.tx.query_row("SELECT value FROM meta WHERE name = 'jwt_secret'", [], |r| r.get(0)).optional()?;
    if let Some(secret) = existing {
        return Ok(secret);
    }
    let mut secret = vec![0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    tx.tx.execute("INSERT INTO meta (name, value) VALUES ('jwt_secret', ?1)", [&secret])?;
    Ok(secret)
}
