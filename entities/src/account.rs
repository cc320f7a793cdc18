//! An official's account. Only the SHA-256 of the bearer token is kept, and only the argon2id
//! hash of the password.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub name: String,
    /// The organ the account serves; empty for accounts created before organs were kept.
    pub organ: String,
    pub unit: String,
    /// The account's roles, comma-separated in the order they are tried (`SPONSOR,COUNSEL`).
    pub role: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    /// After this instant the token is refused; none: until revoked.
    pub expires_at: Option<DateTimeUtc>,
    /// The argon2id hash (PHC string) of the password the official signs in to the workbench
    /// with; none: the account cannot sign in (a system's, or no password set yet).
    pub password_hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
