//! Accounts and their bearer tokens. A token is shown once, at creation; only its SHA-256 is kept.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use entities::account;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QueryTrait,
    Statement,
};
use sha2::{Digest, Sha256};

use super::{Store, StoreError};
use crate::procedure::{Official, Role};
use crate::service::AccountRow;

#[derive(Debug, Clone)]
pub struct NewAccount {
    pub name: String,
    pub organ: String,
    pub unit: String,
    /// At least one; tried in this order when the account acts.
    pub roles: Vec<Role>,
    pub expires_at: Option<DateTime<Utc>>,
}

pub fn role_name(r: Role) -> &'static str {
    match r {
        Role::Secretariat => "SECRETARIAT",
        Role::Sponsor => "SPONSOR",
        Role::ReviewOffice => "REVIEW_OFFICE",
        Role::Counsel => "COUNSEL",
        Role::Head => "HEAD",
        Role::Auditor => "AUDITOR",
        Role::Admin => "ADMIN",
        Role::System => "SYSTEM",
    }
}

pub fn parse_role(s: &str) -> Option<Role> {
    Role::ACCOUNTS
        .into_iter()
        .chain([Role::System])
        .find(|r| role_name(*r) == s)
}

pub(super) fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The stored form of an account's roles.
fn roles_column(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| role_name(*r))
        .collect::<Vec<_>>()
        .join(",")
}

/// An account's row as rusqlite reads it, its columns in the entity's order (the order
/// `Entity::find` selects them in); the timestamps as stored.
struct SqliteAccount {
    model: account::Model,
    created_at: String,
    revoked_at: Option<String>,
    expires_at: Option<String>,
}

impl SqliteAccount {
    fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            model: account::Model {
                id: row.get(0)?,
                name: row.get(1)?,
                organ: row.get(2)?,
                unit: row.get(3)?,
                role: row.get(4)?,
                token_hash: row.get(5)?,
                created_at: DateTime::<Utc>::MIN_UTC,
                revoked_at: None,
                expires_at: None,
                password_hash: row.get(9)?,
            },
            created_at: row.get(6)?,
            revoked_at: row.get(7)?,
            expires_at: row.get(8)?,
        })
    }

    fn model(self) -> Result<account::Model, StoreError> {
        use super::sqlite_file::timestamp;
        Ok(account::Model {
            created_at: timestamp(&self.created_at)?,
            revoked_at: self.revoked_at.as_deref().map(timestamp).transpose()?,
            expires_at: self.expires_at.as_deref().map(timestamp).transpose()?,
            ..self.model
        })
    }
}

pub(super) fn to_row(m: account::Model) -> Result<AccountRow, StoreError> {
    let roles = m
        .role
        .split(',')
        .map(|r| {
            parse_role(r.trim()).ok_or_else(|| sea_orm::DbErr::Custom(format!("unknown role {r}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AccountRow {
        official: Official {
            id: m.id,
            name: m.name,
            organ: m.organ,
            unit: m.unit,
            roles,
        },
        created_at: m.created_at,
        revoked_at: m.revoked_at,
        expires_at: m.expires_at,
    })
}

impl Store {
    /// Creates an account and returns it with its token, which is not stored and cannot be shown again.
    /// `new.roles` must not be empty (the callers parse that at the edge).
    pub async fn add_account(
        &self,
        new: NewAccount,
        now: DateTime<Utc>,
    ) -> Result<(AccountRow, String), StoreError> {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let token = format!("de_{}", hex::encode(bytes));
        let model = account::ActiveModel {
            id: Set(uuid::Uuid::now_v7().to_string()),
            name: Set(new.name),
            organ: Set(new.organ),
            unit: Set(new.unit),
            role: Set(roles_column(&new.roles)),
            token_hash: Set(hash_token(&token)),
            created_at: Set(now),
            revoked_at: Set(None),
            expires_at: Set(new.expires_at),
            password_hash: Set(None),
        };
        let inserted = account::Entity::insert(model)
            .exec_with_returning(self.connection())
            .await?;
        Ok((to_row(inserted)?, token))
    }

    pub async fn accounts(&self) -> Result<Vec<AccountRow>, StoreError> {
        account::Entity::find()
            .order_by_asc(account::Column::CreatedAt)
            .all(self.connection())
            .await?
            .into_iter()
            .map(to_row)
            .collect()
    }

    /// One account, active or not.
    pub async fn account(&self, id: &str) -> Result<Option<AccountRow>, StoreError> {
        account::Entity::find_by_id(id)
            .one(self.connection())
            .await?
            .map(to_row)
            .transpose()
    }

    /// Revokes an account; its token stops working at once, on every replica, because every
    /// request looks its token up. Returns whether an active account was revoked.
    pub async fn revoke_account(&self, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let res = account::Entity::update_many()
            .col_expr(account::Column::RevokedAt, Expr::value(Some(now)))
            .filter(account::Column::Id.eq(id))
            .filter(account::Column::RevokedAt.is_null())
            .exec(self.connection())
            .await?;
        Ok(res.rows_affected == 1)
    }

    /// The account a bearer token belongs to, if it is active at `now`.
    pub async fn official_for_token(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Official>, StoreError> {
        let hash = hash_token(token);
        let by_hash =
            |hash: String| account::Entity::find().filter(account::Column::TokenHash.eq(hash));
        // Every request with a token asks: on a SQLite file, on the request's own thread,
        // unless the file is busy. The statement's text is the same for every token, so it is
        // written once, not for every request.
        let read = match &self.reader {
            Some(reader) => {
                static SQL: OnceLock<String> = OnceLock::new();
                let sql = SQL.get_or_init(|| by_hash(String::new()).build(DbBackend::Sqlite).sql);
                let stmt = Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    sql.as_str(),
                    [hash.clone().into()],
                );
                reader.rows(&stmt, SqliteAccount::read)?
            }
            None => None,
        };
        let found = match read {
            Some(rows) => rows
                .into_iter()
                .next()
                .map(|row| row.model().and_then(to_row))
                .transpose()?,
            None => by_hash(hash)
                .one(self.connection())
                .await?
                .map(to_row)
                .transpose()?,
        };
        Ok(found.filter(|r| r.is_active(now)).map(|r| r.official))
    }
}
