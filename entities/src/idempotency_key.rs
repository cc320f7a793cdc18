//! A mutation's first result, kept under the key its caller sent with it, until it expires.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_keys")]
pub struct Model {
    /// The account's id, or `public` for the public's messages.
    #[sea_orm(primary_key, auto_increment = false)]
    pub caller: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// SHA-256 of the mutation's name and its arguments: the same key with other input is refused.
    pub request_hash: String,
    pub mutation: String,
    /// The first result, as JSON: a decision's state, or a public message.
    #[sea_orm(column_type = "Text")]
    pub result: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
