//! Every working-day calendar a decision has been bound to, kept so that its deadlines are
//! always computed with the data in force when it was proposed.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: String,
    #[sea_orm(column_type = "Text")]
    pub base: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub overlay: Option<String>,
    pub first_used_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
