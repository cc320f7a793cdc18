//! The workbench's sign-in: an account's password hash, and its sessions. A session's token is
//! handed to the browser once, in its cookie; only its SHA-256 is kept, as the row's id, so a
//! copy of the database signs no one in. Hashing the password is the service's (argon2id): the
//! store keeps and returns the PHC string as it is.

use chrono::{DateTime, Utc};
use entities::{account, session};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::accounts::hash_token;
use super::{Store, StoreError};
use crate::service::AccountRow;

/// An account found by what an official typed to sign in, with its password hash (none: no
/// password set).
#[derive(Debug, Clone)]
pub struct Credentials {
    pub account: AccountRow,
    pub password_hash: Option<String>,
}

/// A session as stored: whose it is and until when.
#[derive(Debug, Clone)]
pub struct StoredSession {
    pub account_id: String,
    pub expires_at: DateTime<Utc>,
}

impl Store {
    /// Sets an account's password hash; whether the account exists.
    #[tracing::instrument(skip(self, password_hash), err)]
    pub async fn set_password_hash(
        &self,
        account_id: &str,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        let res = account::Entity::update_many()
            .col_expr(
                account::Column::PasswordHash,
                Expr::value(Some(password_hash.to_owned())),
            )
            .filter(account::Column::Id.eq(account_id))
            .exec(self.connection())
            .await?;
        Ok(res.rows_affected == 1)
    }

    /// The account an official means by `login`: its id, or else its name when exactly one
    /// account bears it (two accounts of one name must sign in by id). What was typed is not
    /// logged: it may be a person's name, or a password typed in the wrong field.
    #[tracing::instrument(skip_all, err)]
    pub async fn credentials(&self, login: &str) -> Result<Option<Credentials>, StoreError> {
        let by_id = account::Entity::find_by_id(login)
            .one(self.connection())
            .await?;
        let found = match by_id {
            Some(m) => Some(m),
            None => {
                let mut named = account::Entity::find()
                    .filter(account::Column::Name.eq(login))
                    .all(self.connection())
                    .await?;
                if named.len() == 1 { named.pop() } else { None }
            }
        };
        found
            .map(|m| {
                let password_hash = m.password_hash.clone();
                Ok(Credentials {
                    account: super::accounts::to_row(m)?,
                    password_hash,
                })
            })
            .transpose()
    }

    /// Keeps a new session of `account_id` under its token's hash, and drops the account's
    /// sessions that expired by `now` (so the table holds what may still be used).
    #[tracing::instrument(skip(self, token), err)]
    pub async fn add_session(
        &self,
        token: &str,
        account_id: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        session::Entity::delete_many()
            .filter(session::Column::AccountId.eq(account_id))
            .filter(session::Column::ExpiresAt.lte(now))
            .exec(self.connection())
            .await?;
        session::Entity::insert(session::ActiveModel {
            id: Set(hash_token(token)),
            account_id: Set(account_id.to_owned()),
            created_at: Set(now),
            expires_at: Set(expires_at),
        })
        .exec(self.connection())
        .await?;
        Ok(())
    }

    /// The session a cookie's token stands for, expired or not (the service judges).
    pub async fn session(&self, token: &str) -> Result<Option<StoredSession>, StoreError> {
        Ok(session::Entity::find_by_id(hash_token(token))
            .one(self.connection())
            .await?
            .map(|m| StoredSession {
                account_id: m.account_id,
                expires_at: m.expires_at,
            }))
    }

    /// Ends a session; whether there was one.
    pub async fn delete_session(&self, token: &str) -> Result<bool, StoreError> {
        let res = session::Entity::delete_by_id(hash_token(token))
            .exec(self.connection())
            .await?;
        Ok(res.rows_affected == 1)
    }
}
