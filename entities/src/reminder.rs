//! A reminder raised for the unit that answers for a deadline: once per decision (or catalogue
//! item), deadline and threshold.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminders")]
pub struct Model {
    /// In the order raised.
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organ: String,
    /// The unit whose accounts are told.
    pub unit: String,
    /// `DECISION`, or `CATALOGUE_ITEM` for an item no decision has decided yet.
    pub subject: String,
    /// The decision's id or the catalogue item's.
    pub subject_id: String,
    pub title: String,
    pub deadline_kind: String,
    pub due: Date,
    /// `BEFORE_n`, `PASSED` or `SUPERVISION_n`.
    pub threshold: String,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub raised_on: Date,
    pub raised_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
