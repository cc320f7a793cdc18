//! One outward delivery of a reminder: to a webhook or a mailbox, with its state.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminder_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub reminder_id: i64,
    /// `WEBHOOK` or `EMAIL`.
    pub channel: String,
    /// The webhook's URL or the mailbox.
    pub target: String,
    /// `PENDING`, `DELIVERED`, or `FAILED` once the last attempt failed.
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A server delivering it holds it until then.
    pub claimed_until: Option<DateTimeUtc>,
    pub delivered_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
