//! The append-only record of every accepted command (Art. 33, 39). `hash` chains each event to
//! the one before it, so an edited or deleted row breaks the chain.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "decision_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub decision_id: String,
    pub seq: i64,
    pub kind: String,
    pub actor_id: String,
    pub actor_name: String,
    pub actor_unit: String,
    pub actor_role: String,
    /// JSON of the principal the act was recorded for (`{"id", "name", "role"}`), if any.
    #[sea_orm(column_type = "Text", nullable)]
    pub actor_on_behalf: Option<String>,
    pub occurred_on: Option<Date>,
    pub recorded_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub hash: String,
    /// Which hash scheme made `hash`: 1 covered the acting account's id only, 2 (from
    /// 2026-12-08) covers every column of the row.
    pub scheme: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
