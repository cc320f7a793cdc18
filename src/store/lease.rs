//! Who sweeps: several servers on one PostgreSQL database each run the deadline sweep, and one at
//! a time does the work, under a transaction-scoped advisory lock. A server that dies mid-sweep
//! loses its session and with it the lock, so the next sweep, anywhere, takes over. On SQLite the
//! database is one process's, and concurrent sweeps are made safe by the version guard alone.

use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, Statement, TransactionTrait,
};

use super::{Store, StoreError};

/// The advisory lock's key: any constant no other application on the database uses ("DESWEEP").
pub const SWEEP_LOCK_KEY: i64 = 0x0044_4553_5745_4550;

/// Held while this server sweeps; dropping it ends the transaction and frees the lock.
pub struct SweepLease {
    _txn: Option<DatabaseTransaction>,
}

impl Store {
    /// The right to sweep now, or `None` while another server holds it.
    pub async fn sweep_lease(&self) -> Result<Option<SweepLease>, StoreError> {
        let db = self.connection();
        if db.get_database_backend() != DbBackend::Postgres {
            return Ok(Some(SweepLease { _txn: None }));
        }
        let txn = db.begin().await?;
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_try_advisory_xact_lock($1)",
                [SWEEP_LOCK_KEY.into()],
            ))
            .await?
            .ok_or_else(|| DbErr::Custom("pg_try_advisory_xact_lock returned no row".into()))?;
        if row.try_get_by_index::<bool>(0)? {
            Ok(Some(SweepLease { _txn: Some(txn) }))
        } else {
            txn.rollback().await?;
            Ok(None)
        }
    }
}
