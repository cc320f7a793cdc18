//! The calendars decisions are bound to.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("calendar_versions")
                .col(string("version").primary_key())
                .col(text("base"))
                .col(text_null("overlay"))
                .col(timestamp_with_time_zone("first_used_at"))
                .to_owned(),
        )
        .await
    }
}
