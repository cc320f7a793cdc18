//! Officials sign in to the workbench (issue 13): an account may have a password, kept only as
//! its argon2id hash (PHC string, salt and parameters included), and each sign-in is a session
//! whose cookie carries a random token of which only the SHA-256 is kept, as for the accounts'
//! bearer tokens. Signing out deletes the row; an expired row is refused and swept at the
//! account's next sign-in. Accounts without a password cannot sign in (systems use tokens).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("accounts")
                .add_column(string_null("password_hash"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("sessions")
                // The SHA-256 (hex) of the cookie's token.
                .col(string("id").primary_key())
                .col(string("account_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("sessions_account")
                .table("sessions")
                .col("account_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("sessions").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("accounts")
                .drop_column("password_hash")
                .to_owned(),
        )
        .await
    }
}
