//! Idempotent mutations: a request sent again with the key it was first sent with gets the first
//! result back instead of acting twice — after a timeout, a dropped connection, or a replica that
//! died between its commit and its reply. The key is the caller's (an account's, or the
//! public's), kept in the store with the act's result in the act's own transaction, so every
//! replica and every restart finds it; it expires after the service's `idempotency_ttl`.

use std::future::Future;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::{Service, ServiceError};
use crate::store::{NewKey, StoreError};

/// How long a key is kept unless the operator says otherwise: a working day's retries, and more.
pub const DEFAULT_TTL_HOURS: i64 = 24;

/// A mutation's idempotency key, as the API hands it over.
#[derive(Debug, Clone)]
pub struct Idempotency {
    /// The client's key.
    pub key: String,
    /// SHA-256 of the mutation's name and arguments: the same key with another request is refused.
    pub request_hash: String,
    /// The mutation's name, to say which request a reused key belongs to.
    pub mutation: String,
}

impl Service {
    /// Keys are kept this long after the act (`serve --idempotency-ttl-hours`).
    pub fn with_idempotency_ttl(mut self, ttl: chrono::Duration) -> Self {
        Arc::make_mut(&mut self.0).idempotency_ttl = ttl;
        self
    }

    /// Runs `act` once per key: the first result kept under `caller`'s key when the same request
    /// was sent with it before (refused when the key came with another request); else `act`,
    /// handed the key to keep in its transaction. When `act` fails and the key is found after all,
    /// the same request raced itself and the other copy won: its result is the answer.
    pub(super) async fn once<T, F, Fut>(
        &self,
        caller: &str,
        key: Option<&Idempotency>,
        act: F,
    ) -> Result<T, ServiceError>
    where
        T: DeserializeOwned,
        F: FnOnce(Option<NewKey>) -> Fut,
        Fut: Future<Output = Result<T, ServiceError>>,
    {
        let Some(k) = key else {
            return act(None).await;
        };
        if let Some(first) = self.kept(caller, k).await? {
            return Ok(first);
        }
        // An expired key may be used again: its old row goes first.
        self.store
            .delete_expired_keys(Some((caller, &k.key)), self.now())
            .await?;
        let now = self.now();
        let new = NewKey {
            caller: caller.to_owned(),
            key: k.key.clone(),
            request_hash: k.request_hash.clone(),
            mutation: k.mutation.clone(),
            created_at: now,
            expires_at: now + self.idempotency_ttl,
        };
        match act(Some(new)).await {
            Ok(done) => Ok(done),
            Err(e) => match self.kept(caller, k).await? {
                Some(first) => Ok(first),
                None => Err(e),
            },
        }
    }

    async fn kept<T: DeserializeOwned>(
        &self,
        caller: &str,
        k: &Idempotency,
    ) -> Result<Option<T>, ServiceError> {
        match self.store.kept_result(caller, &k.key, self.now()).await? {
            None => Ok(None),
            Some(kept) if kept.request_hash == k.request_hash => Ok(Some(
                serde_json::from_str(&kept.result).map_err(StoreError::from)?,
            )),
            Some(kept) => Err(ServiceError::KeyReused {
                mutation: kept.mutation,
            }),
        }
    }

    /// Deletes the keys that have expired; the server's sweep calls it.
    pub async fn delete_expired_keys(&self) -> Result<u64, ServiceError> {
        Ok(self.store.delete_expired_keys(None, self.now()).await?)
    }
}
