//! The deadline index: one row per deadline of each decision (its kind, due date, when it was
//! met, the unit that answers for it), rewritten in the same transaction as every act that
//! changes the decision. Reports across decisions (`deadlines`, `overdueByUnit`) and the sweep
//! select the decisions they need with it instead of reading every stored state.
//!
//! Also indexes for the filtered pages of decisions (by stage, by lead unit) and for an organ's
//! decisions that name a catalogue item.
//!
//! A row depends on the engine's rules and the decision's calendar, not on the day: whether it
//! is late is asked with the day. Rows are computed by the engine, not by SQL, so this migration
//! only creates the table; `index_versions` says the index is not built yet (version 0), and the
//! server builds it at start-up, and again whenever it ships another way of computing deadlines.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("deadline_index")
                .col(big_pk_auto("id"))
                .col(string("decision_id"))
                .col(string("organ"))
                .col(string("kind"))
                // A date to meet by (the only kind that can be late), or not to act before.
                .col(boolean("to_meet"))
                // Null when the calendar cannot give it yet.
                .col(date_null("due"))
                .col(date_null("met_on"))
                .col(string_null("unit"))
                // Once passed, the sweep has an event to record for it.
                .col(boolean("sweep"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("deadline_index_decision")
                .table("deadline_index")
                .col("decision_id")
                .to_owned(),
        )
        .await?;
        // Late rows of an organ: due before today, met or not.
        m.create_index(
            Index::create()
                .name("deadline_index_organ_due")
                .table("deadline_index")
                .col("organ")
                .col("due")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("deadline_index_sweep_due")
                .table("deadline_index")
                .col("sweep")
                .col("due")
                .to_owned(),
        )
        .await?;
        // Decisions at one stage, or led by one unit, newest first: a filtered page reads its
        // rows, not every row (the filter may name no organ: the public and other organs see an
        // organ's published decisions).
        for (name, column) in [
            ("decisions_stage_created", "stage"),
            ("decisions_lead_unit_created", "lead_unit"),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table("decisions")
                    .col(column)
                    .col("created_at")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        }
        // An organ's decisions that name a catalogue item (its catalogue's progress, Art. 38).
        m.create_index(
            Index::create()
                .name("decisions_organ_catalogue_item")
                .table("decisions")
                .col("organ")
                .col("catalogue_item")
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("index_versions")
                .col(string("name").primary_key())
                .col(big_integer("version"))
                .to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::insert()
                .into_table("index_versions")
                .columns(["name", "version"])
                .values_panic(["deadlines".into(), 0i64.into()])
                .to_owned(),
        )
        .await
    }
}
