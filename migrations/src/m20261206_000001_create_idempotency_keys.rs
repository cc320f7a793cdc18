//! Idempotency keys: a mutation sent again with the key it was first sent with returns the first
//! result instead of acting twice. The row is written in the same transaction as the act, so a
//! retry after a crash between commit and reply finds it; it is kept until `expires_at`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("idempotency_keys")
                // Keys are the caller's: one account's key never answers another's request.
                .col(string("caller"))
                .col(string("key"))
                .col(string("request_hash"))
                .col(string("mutation"))
                .col(text("result"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .primary_key(Index::create().col("caller").col("key"))
                .to_owned(),
        )
        .await?;
        // The sweep deletes expired keys by this.
        m.create_index(
            Index::create()
                .name("idempotency_keys_expires_at")
                .table("idempotency_keys")
                .col("expires_at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("idempotency_keys").to_owned())
            .await
    }
}
