//! Each decision counts the public's comments it has received. A comment is stored only if the
//! decision is still as the commenter's check found it, and bumps the count under the row's
//! lock; an act judged on the comments (closing the consultation, which needs every one answered
//! under Art. 18) is written only if the count is still the one it judged on. So a comment that
//! races the consultation's closure is either refused as too late or seen by the closure — on
//! PostgreSQL across replicas too.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("decisions")
                .add_column(big_integer("comments").default(0))
                .to_owned(),
        )
        .await?;
        // The comments received before the count existed.
        let count = Query::select()
            .expr(Expr::col(Asterisk).count())
            .from("public_comments")
            .and_where(Expr::col(("public_comments", "decision_id")).equals(("decisions", "id")))
            .and_where(Expr::col(("public_comments", "kind")).eq("COMMENT"))
            .to_owned();
        m.exec_stmt(
            Query::update()
                .table("decisions")
                .value(
                    "comments",
                    SimpleExpr::SubQuery(None, Box::new(count.into_sub_query_statement())),
                )
                .to_owned(),
        )
        .await
    }
}
