//! One row per decision: its current state as JSON, with the columns lists filter on.
//! `version` is the optimistic-concurrency token: every write checks and bumps it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub title: String,
    /// The proposer's organ: lists are scoped by it.
    pub organ: String,
    pub stage: String,
    pub lead_unit: Option<String>,
    /// The catalogue item the decision decides, if it names one.
    pub catalogue_item: Option<String>,
    pub version: i64,
    /// How many events the decision has, and the hash of the last: the next event chains to it.
    pub event_count: i64,
    pub last_hash: String,
    /// How many comments the public has sent through the engine: a closure judged on them is
    /// written only if none arrived meanwhile.
    pub comments: i64,
    #[sea_orm(column_type = "Text")]
    pub state: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
