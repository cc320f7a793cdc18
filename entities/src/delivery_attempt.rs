//! One attempt to deliver a reminder, and what came of it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "delivery_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub delivery_id: i64,
    /// 1 for the first.
    pub attempt: i32,
    pub attempted_at: DateTimeUtc,
    pub delivered: bool,
    /// What the receiver answered (an HTTP status, an SMTP reply), or why none came.
    #[sea_orm(column_type = "Text")]
    pub outcome: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
