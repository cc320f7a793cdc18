//! Who sweeps: several servers on one PostgreSQL database each run the deadline sweep, and one at
//! a time does the work, under a transaction-scoped advisory lock. A server that dies mid-sweep
//! loses its session and with it the lock, so the next sweep, anywhere, takes over. On SQLite the
//! database is one process's, and concurrent sweeps are made safe by the version guard alone.

use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, Statement, TransactionTrait,
};

use super::{Store, StoreError};

/// The advisory lock's two keys, as SQL: a constant no other application on the database uses
/// ("DESW"), and the schema the tables live in. The lock guards this schema's rows, so deployments
/// that share one database in separate schemas (as the test suite does) never wait on each other.
pub const SWEEP_LOCK_KEYS: &str = "1145394007, hashtext(current_schema())";

/// Held while this server sweeps. `release` ends the transaction and frees the lock at once;
/// a lease merely dropped (the sweep failed) is rolled back when its connection is next used,
/// which may be after the next sweep has asked for the lock and been told another holds it.
pub struct SweepLease {
    txn: Option<DatabaseTransaction>,
}

impl SweepLease {
    pub async fn release(self) -> Result<(), StoreError> {
        if let Some(txn) = self.txn {
            txn.rollback().await?;
        }
        Ok(())
    }
}

impl Store {
    /// The right to sweep now, or `None` while another server holds it.
    pub async fn sweep_lease(&self) -> Result<Option<SweepLease>, StoreError> {
        let db = self.connection();
        if db.get_database_backend() != DbBackend::Postgres {
            return Ok(Some(SweepLease { txn: None }));
        }
        let txn = db.begin().await?;
        let row = txn
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT pg_try_advisory_xact_lock({SWEEP_LOCK_KEYS})"),
            ))
            .await?
            .ok_or_else(|| DbErr::Custom("pg_try_advisory_xact_lock returned no row".into()))?;
        if row.try_get_by_index::<bool>(0)? {
            Ok(Some(SweepLease { txn: Some(txn) }))
        } else {
            txn.rollback().await?;
            Ok(None)
        }
    }
}
