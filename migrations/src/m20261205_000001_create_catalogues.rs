//! The annual catalogue of decision matters (Art. 3(3)): one row per organ and year, its state as
//! JSON, and its own hash-chained events, stored as a decision's are. A decision names the
//! catalogue item it decides (`catalogue_item`), so an item finds its decision with an index.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("catalogues")
                .col(string("id").primary_key())
                .col(string("organ"))
                .col(integer("year"))
                .col(big_integer("version"))
                .col(big_integer("event_count"))
                .col(string("last_hash"))
                .col(text("state"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        // Each organ has one catalogue a year: a second opening cannot slip in beside it.
        m.create_index(
            Index::create()
                .name("catalogues_organ_year")
                .table("catalogues")
                .col("organ")
                .col("year")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("catalogue_events")
                .col(big_pk_auto("id"))
                .col(string("catalogue_id"))
                .col(big_integer("seq"))
                .col(string("kind"))
                .col(string("actor_id"))
                .col(string("actor_name"))
                .col(string("actor_unit"))
                .col(string("actor_role"))
                .col(date_null("occurred_on"))
                .col(timestamp_with_time_zone("recorded_at"))
                .col(text("payload"))
                .col(string("hash"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("catalogue_events_seq")
                .table("catalogue_events")
                .col("catalogue_id")
                .col("seq")
                .unique()
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("decisions")
                .add_column(string_null("catalogue_item"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("decisions_catalogue_item")
                .table("decisions")
                .col("catalogue_item")
                .to_owned(),
        )
        .await
    }
}
