//! Checkpoints: the heads of every chain, signed with the operator's ed25519 key and kept (here,
//! and exported elsewhere), so that even a consistent rewrite of a whole chain by someone holding
//! the database shows against a checkpoint kept out of their reach (Art. 33, 39).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("checkpoints")
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("made_at"))
                // The signed document, as signed: the heads, the time, the key.
                .col(text("body"))
                .col(string("public_key"))
                .col(string("signature"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("checkpoints").to_owned())
            .await
    }
}
