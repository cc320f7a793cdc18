//! Reminders (超期预警, 督办) and their deliveries. A reminder is stored once per decision (or
//! catalogue item), deadline and threshold (the unique key), so every server may compute the same reminders on
//! every sweep and each unit is still told once, across restarts. Each outward delivery — to a
//! webhook, to a unit's mailbox — is a row of its own with its state and next attempt, and each
//! attempt is recorded beside it, so an office can see what was sent, when, and what failed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("reminders")
                // In the order raised: a subscriber reads on after the last it was told of.
                .col(big_pk_auto("id"))
                .col(string("organ"))
                .col(string("unit"))
                // DECISION, or CATALOGUE_ITEM for an item no decision has decided yet.
                .col(string("subject"))
                // The decision's id, or the catalogue item's.
                .col(string("subject_id"))
                .col(string("title"))
                .col(string("deadline_kind"))
                .col(date("due"))
                // BEFORE_n, PASSED or SUPERVISION_n.
                .col(string("threshold"))
                .col(text("message"))
                .col(date("raised_on"))
                .col(timestamp_with_time_zone("raised_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("reminders_once")
                .table("reminders")
                .col("subject_id")
                .col("deadline_kind")
                .col("due")
                .col("threshold")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("reminders_unit")
                .table("reminders")
                .col("organ")
                .col("unit")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("reminder_deliveries")
                .col(big_pk_auto("id"))
                .col(big_integer("reminder_id"))
                // WEBHOOK or EMAIL.
                .col(string("channel"))
                // The webhook's URL or the mailbox.
                .col(string("target"))
                // PENDING, DELIVERED or FAILED (given up after the last attempt).
                .col(string("state"))
                .col(integer("attempts"))
                .col(timestamp_with_time_zone("next_attempt_at"))
                // A server delivering it holds it until then; another takes it over after.
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(timestamp_with_time_zone_null("delivered_at"))
                .col(text_null("last_error"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("reminder_deliveries_once")
                .table("reminder_deliveries")
                .col("reminder_id")
                .col("channel")
                .col("target")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("reminder_deliveries_due")
                .table("reminder_deliveries")
                .col("state")
                .col("next_attempt_at")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("delivery_attempts")
                .col(big_pk_auto("id"))
                .col(big_integer("delivery_id"))
                .col(integer("attempt"))
                .col(timestamp_with_time_zone("attempted_at"))
                .col(boolean("delivered"))
                // What the receiver answered (an HTTP status, an SMTP reply), or why none came.
                .col(text("outcome"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("delivery_attempts_delivery")
                .table("delivery_attempts")
                .col("delivery_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["delivery_attempts", "reminder_deliveries", "reminders"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
