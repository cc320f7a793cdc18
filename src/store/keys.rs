//! Idempotency keys: a mutation's first result, kept under the key its caller sent with it.
//! The row is written by the same transaction as the act it answers for (the writer's batch, or
//! the public message's insert), so a key is never kept for an act that did not happen, nor an
//! act done without its key when the reply was lost.

use chrono::{DateTime, SubsecRound, Utc};
use entities::idempotency_key;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{Store, StoreError};

/// A key to keep with an act: whose, which, for what request, until when.
#[derive(Debug, Clone)]
pub struct NewKey {
    /// The account's id, or `public`.
    pub caller: String,
    pub key: String,
    pub request_hash: String,
    pub mutation: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl NewKey {
    /// The row, with the act's result as the store serialized it.
    pub(super) fn row(&self, result: String) -> Result<idempotency_key::ActiveModel, StoreError> {
        Ok(idempotency_key::ActiveModel {
            caller: Set(self.caller.clone()),
            key: Set(self.key.clone()),
            request_hash: Set(self.request_hash.clone()),
            mutation: Set(self.mutation.clone()),
            result: Set(result),
            created_at: Set(self.created_at.trunc_subsecs(6)),
            expires_at: Set(self.expires_at.trunc_subsecs(6)),
        })
    }
}

/// What a key holds: the request it was first sent with, and that request's result as JSON.
#[derive(Debug, Clone)]
pub struct KeptResult {
    pub request_hash: String,
    pub mutation: String,
    pub result: String,
}

impl Store {
    /// The result kept under the caller's key, unless it has expired by `now`.
    pub async fn kept_result(
        &self,
        caller: &str,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<KeptResult>, StoreError> {
        Ok(
            idempotency_key::Entity::find_by_id((caller.to_owned(), key.to_owned()))
                .filter(idempotency_key::Column::ExpiresAt.gt(now))
                .one(self.connection())
                .await?
                .map(|row| KeptResult {
                    request_hash: row.request_hash,
                    mutation: row.mutation,
                    result: row.result,
                }),
        )
    }

    /// Deletes the keys expired by `now` (of one caller's key, or all): an expired key may be
    /// used again.
    pub async fn delete_expired_keys(
        &self,
        only: Option<(&str, &str)>,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let mut q = idempotency_key::Entity::delete_many()
            .filter(idempotency_key::Column::ExpiresAt.lte(now));
        if let Some((caller, key)) = only {
            q = q
                .filter(idempotency_key::Column::Caller.eq(caller))
                .filter(idempotency_key::Column::Key.eq(key));
        }
        Ok(q.exec(self.connection()).await?.rows_affected)
    }
}
