//! The append-only record of every act on a catalogue, hash-chained like a decision's events.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "catalogue_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub catalogue_id: String,
    pub seq: i64,
    pub kind: String,
    pub actor_id: String,
    pub actor_name: String,
    pub actor_unit: String,
    pub actor_role: String,
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
