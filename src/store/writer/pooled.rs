//! The writer over sea-orm's pool (PostgreSQL, and SQLite in memory): each batch on one pooled
//! connection, in one transaction.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, Statement,
    TransactionTrait,
};

use super::Conn;

pub(super) struct Pooled {
    db: DatabaseConnection,
    txn: Option<DatabaseTransaction>,
}

impl Pooled {
    pub(super) fn new(db: DatabaseConnection) -> Self {
        Self { db, txn: None }
    }

    fn txn(&self) -> Result<&DatabaseTransaction, DbErr> {
        self.txn
            .as_ref()
            .ok_or_else(|| DbErr::Custom("the batch has no transaction".into()))
    }
}

impl Conn for Pooled {
    fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    async fn begin(&mut self) -> Result<(), DbErr> {
        self.txn = Some(self.db.begin().await?);
        Ok(())
    }

    async fn execute(&mut self, stmt: Statement) -> Result<u64, DbErr> {
        Ok(self.txn()?.execute_raw(stmt).await?.rows_affected())
    }

    async fn returning_ids(&mut self, stmt: Statement) -> Result<Vec<i64>, DbErr> {
        self.txn()?
            .query_all_raw(stmt)
            .await?
            .iter()
            .map(|row| row.try_get_by_index::<i64>(0))
            .collect()
    }

    async fn versions(&mut self, stmt: Statement) -> Result<Vec<(String, i64)>, DbErr> {
        self.db
            .query_all_raw(stmt)
            .await?
            .iter()
            .map(|row| Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?)))
            .collect()
    }

    async fn commit(&mut self) -> Result<(), DbErr> {
        match self.txn.take() {
            Some(txn) => txn.commit().await,
            None => Err(DbErr::Custom("the batch has no transaction".into())),
        }
    }

    async fn rollback(&mut self) -> Result<(), DbErr> {
        match self.txn.take() {
            Some(txn) => txn.rollback().await,
            None => Ok(()),
        }
    }
}
