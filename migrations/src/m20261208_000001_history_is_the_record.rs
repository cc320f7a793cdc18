//! The history is the record (Art. 33, 39): events are hashed under a second scheme that covers
//! every stored column (`scheme` says which one hashed a row; rows from before keep scheme 1),
//! the public's comments are chained per decision (`seq`, `hash`; comments from before are
//! chained when the server first starts on this schema), and the database itself refuses to
//! change or delete an event or a chained comment.
//!
//! The triggers are the one place where the migrations speak each backend's SQL: neither SQLite
//! nor PostgreSQL has a portable form of them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The refusal the database gives, in the users' language, with the articles that make the
/// record evidence.
const REFUSAL: &str =
    "办理过程记录只能追加，不得修改或者删除（《重大行政决策程序暂行条例》第三十三条、第三十九条）";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["decision_events", "catalogue_events"] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(integer("scheme").default(1))
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table("public_comments")
                .add_column(big_integer_null("seq"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("public_comments")
                .add_column(string_null("hash"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("public_comments_chain")
                .table("public_comments")
                .col("decision_id")
                .col("seq")
                .unique()
                .to_owned(),
        )
        .await?;

        let db = m.get_connection();
        match m.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => {
                for table in ["decision_events", "catalogue_events"] {
                    for op in ["UPDATE", "DELETE"] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_no_{op} BEFORE {op} ON {table} \
                             BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
                        ))
                        .await?;
                    }
                }
                // A comment from before the chain gets its place in it once, and is fixed after.
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER public_comments_no_UPDATE BEFORE UPDATE ON public_comments \
                     WHEN OLD.hash IS NOT NULL BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
                ))
                .await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER public_comments_no_DELETE BEFORE DELETE ON public_comments \
                     BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
                ))
                .await?;
            }
            _ => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION refuse_record_change() RETURNS trigger AS $$ \
                     BEGIN \
                       IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'public_comments' THEN \
                         IF OLD.hash IS NULL THEN RETURN NEW; END IF; \
                       END IF; \
                       RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'integrity_constraint_violation'; \
                     END $$ LANGUAGE plpgsql"
                ))
                .await?;
                for table in ["decision_events", "catalogue_events", "public_comments"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} \
                         FOR EACH ROW EXECUTE FUNCTION refuse_record_change()"
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} \
                         FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change()"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }
}
