//! One deadline of one decision, as of the decision's last write: what reports across decisions
//! and the sweep select by. The decision's state stays the truth; a row only finds it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deadline_index")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub decision_id: String,
    pub organ: String,
    pub kind: String,
    /// A date to meet by; `false` for a date not to act before, which is never late.
    pub to_meet: bool,
    /// `None` while the calendar cannot give it.
    pub due: Option<Date>,
    pub met_on: Option<Date>,
    pub unit: Option<String>,
    /// Once passed, the sweep has an event to record for it (not recorded yet, not archived).
    pub sweep: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
