//! Accounts and their bearer tokens. A token is shown once, at creation; only its SHA-256 is kept.

use chrono::{DateTime, Utc};
use entities::account;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};

use super::{Store, StoreError};
use crate::procedure::{Actor, Role};

#[derive(Debug, Clone)]
pub struct NewAccount {
    pub name: String,
    pub unit: String,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub actor: Actor,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
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

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn to_row(m: account::Model) -> Result<AccountRow, StoreError> {
    let role = parse_role(&m.role)
        .ok_or_else(|| sea_orm::DbErr::Custom(format!("unknown role {}", m.role)))?;
    Ok(AccountRow {
        actor: Actor {
            id: m.id,
            name: m.name,
            unit: m.unit,
            role,
        },
        created_at: m.created_at,
        revoked_at: m.revoked_at,
    })
}

impl Store {
    /// Creates an account and returns it with its token, which is not stored and cannot be shown again.
    pub async fn add_account(&self, new: NewAccount) -> Result<(AccountRow, String), StoreError> {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let token = format!("de_{}", hex::encode(bytes));
        let now = Utc::now();
        let model = account::ActiveModel {
            id: Set(uuid::Uuid::now_v7().to_string()),
            name: Set(new.name),
            unit: Set(new.unit),
            role: Set(role_name(new.role).into()),
            token_hash: Set(hash_token(&token)),
            created_at: Set(now),
            revoked_at: Set(None),
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

    /// Revokes an account; its token stops working at once. Returns whether it existed.
    pub async fn revoke_account(&self, id: &str) -> Result<bool, StoreError> {
        let res = account::Entity::update_many()
            .col_expr(account::Column::RevokedAt, Expr::value(Some(Utc::now())))
            .filter(account::Column::Id.eq(id))
            .filter(account::Column::RevokedAt.is_null())
            .exec(self.connection())
            .await?;
        Ok(res.rows_affected == 1)
    }

    /// The active account a bearer token belongs to.
    pub async fn actor_for_token(&self, token: &str) -> Result<Option<Actor>, StoreError> {
        let found = account::Entity::find()
            .filter(account::Column::TokenHash.eq(hash_token(token)))
            .filter(account::Column::RevokedAt.is_null())
            .one(self.connection())
            .await?;
        found.map(|m| to_row(m).map(|r| r.actor)).transpose()
    }
}
