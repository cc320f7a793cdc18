//! Organs: each account and each decision belongs to one (the district government, or under
//! Art. 42 a department or township deciding by the same procedure). Accounts may expire. The
//! public's messages are comments on a consultation or, under Art. 35(2), feedback on a decision
//! in execution, with an optional contact. An event may be recorded on someone's behalf (the
//! government office recording the head's order).
//!
//! Rows written before organs existed get the empty organ: they stay together, visible to the
//! accounts that also predate organs, and to no organ named since.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        m.alter_table(
            Table::alter()
                .table("accounts")
                .add_column(string("organ").default(""))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("accounts")
                .add_column(timestamp_with_time_zone_null("expires_at"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("decisions")
                .add_column(string("organ").default(""))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("public_comments")
                .add_column(string("kind").default("COMMENT"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("public_comments")
                .add_column(string_null("contact"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("decision_events")
                .add_column(text_null("actor_on_behalf"))
                .to_owned(),
        )
        .await?;
        // Lists are per organ, newest first.
        m.create_index(
            Index::create()
                .name("decisions_organ_created")
                .table("decisions")
                .col("organ")
                .col("created_at")
                .col("id")
                .to_owned(),
        )
        .await
    }
}
