//! The writer on SQLite: one rusqlite connection to the database file, with the same durability
//! as the pool's connections (WAL, synchronous=FULL), written through by the callers themselves.
//!
//! SQLite takes one writer at a time whatever the pool, so nothing is lost by writing on one
//! connection; what is gained is that each statement runs on the caller's thread, instead of
//! travelling to sqlx's worker thread and back (four such trips per act, measured as most of an
//! act's cost), or to a writer thread and back (two wake-ups of sleeping threads per act). The
//! migrations and the entities are sea-orm's, and the statements here are built from the
//! entities too.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};

use sea_orm::{DatabaseConnection, DbBackend, DbErr, Statement};
use tokio::sync::{Notify, broadcast, oneshot};

use super::{Conn, Counts, Job, MAX_BATCH, Outcome, commit_jobs};
use crate::service::RecordedEvent;
use crate::store::sqlite_file::{failed, open, path_of, values};

/// The writer of a SQLite file: its one connection, and the writes waiting for it.
///
/// There is no writer thread to hand a write to and back: the caller that finds the connection
/// free writes one batch of whatever has queued, its own write included, and the callers that
/// queued meanwhile wait for its answers. If writes are still waiting when it is done, it passes
/// the turn to one of their callers, who writes the next batch on its own thread: one caller
/// alone writes without a single hand-off, callers at once still share commits (group commit),
/// and a caller writes one batch per turn, so its answer never waits on others' later writes.
pub(super) struct Leader {
    conn: Mutex<Sqlite>,
    queue: Mutex<Vec<Job>>,
    /// The turn to write, passed on by whoever releases the connection with writes queued.
    turn: Notify,
    counts: Arc<Counts>,
    subscribers: broadcast::Sender<RecordedEvent>,
}

/// The leader of `db`'s writes if `db` is a SQLite file; `None` for PostgreSQL, and for SQLite
/// in memory, which no second connection can share.
pub(super) fn leader(
    db: &DatabaseConnection,
    counts: Arc<Counts>,
    subscribers: broadcast::Sender<RecordedEvent>,
) -> Option<Arc<Leader>> {
    let path = path_of(db)?;
    match open(&path) {
        Ok(conn) => Some(Arc::new(Leader {
            conn: Mutex::new(Sqlite { conn }),
            queue: Mutex::default(),
            turn: Notify::new(),
            counts,
            subscribers,
        })),
        Err(e) => {
            tracing::warn!(error = %e, path = %path.display(), "SQLite writer: cannot open the file; writing through the pool");
            None
        }
    }
}

/// A lock whatever a panic left behind: the queue is a list, and the connection ends any
/// transaction it finds open when it next begins.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Leader {
    /// Queues the job and waits for its answer, writing a batch whenever the connection is free
    /// or the turn comes to this caller.
    ///
    /// Nothing is stranded: a job is queued before its caller tries the connection, and whoever
    /// holds the connection looks at the queue after releasing it and passes the turn on if
    /// anything waits. A turn given while no caller waits is kept for the next one (`Notify`
    /// keeps one permit), and a caller that goes away holding an unanswered turn passes it on
    /// (`Notified` does so when dropped).
    pub(super) async fn write(
        self: &Arc<Self>,
        job: Job,
        mut answer: oneshot::Receiver<Result<Outcome, DbErr>>,
    ) -> Result<Result<Outcome, DbErr>, oneshot::error::RecvError> {
        lock(&self.queue).push(job);
        self.take_turn();
        loop {
            tokio::select! {
                biased;
                answered = &mut answer => return answered,
                () = self.turn.notified() => self.take_turn(),
            }
        }
    }

    /// Writes one batch if the connection is free.
    fn take_turn(self: &Arc<Self>) {
        let flavor = tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor());
        if matches!(flavor, Ok(tokio::runtime::RuntimeFlavor::MultiThread)) {
            if let Some(conn) = self.try_conn() {
                // The worker's other tasks move to another thread while this one waits for
                // the disk.
                tokio::task::block_in_place(|| self.write_batch(conn));
            }
        } else {
            // A runtime of one thread must not wait for the disk: the write lock may be held
            // by a transaction of the pool that only this thread can finish.
            let me = self.clone();
            tokio::task::spawn_blocking(move || {
                if let Some(conn) = me.try_conn() {
                    me.write_batch(conn);
                }
            });
        }
    }

    fn try_conn(&self) -> Option<MutexGuard<'_, Sqlite>> {
        match self.conn.try_lock() {
            Ok(conn) => Some(conn),
            Err(TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    /// Writes the oldest queued jobs in one transaction, then passes the turn on if more wait.
    fn write_batch(&self, mut conn: MutexGuard<'_, Sqlite>) {
        let jobs: Vec<Job> = {
            let mut queue = lock(&self.queue);
            let n = queue.len().min(MAX_BATCH);
            queue.drain(..n).collect()
        };
        if !jobs.is_empty() {
            self.counts.batch(jobs.len());
            // Every statement runs on this thread: the future never waits on anything.
            let written = std::panic::catch_unwind(AssertUnwindSafe(|| {
                futures_executor::block_on(commit_jobs(&mut *conn, jobs, Some(&self.subscribers)))
            }));
            if written.is_err() {
                tracing::error!("group commit: a batch panicked; its writes were not committed");
            }
        }
        drop(conn);
        // A caller that queued while this batch was written found the connection taken.
        if !lock(&self.queue).is_empty() {
            self.turn.notify_one();
        }
    }
}

pub(super) struct Sqlite {
    conn: rusqlite::Connection,
}

/// The writer's kind of connection, to a test's database file.
#[cfg(test)]
pub(super) fn for_file(path: &std::path::Path) -> Sqlite {
    Sqlite {
        conn: open(path).expect("the test database opens"),
    }
}

impl Conn for Sqlite {
    fn backend(&self) -> DbBackend {
        DbBackend::Sqlite
    }

    async fn begin(&mut self) -> Result<(), DbErr> {
        // A transaction a failed rollback left open is ended first.
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK").map_err(failed)?;
        }
        // IMMEDIATE: the write lock is taken now, so a busy database is waited for here rather
        // than failing a statement halfway.
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(failed)
    }

    async fn execute(&mut self, stmt: Statement) -> Result<u64, DbErr> {
        let params = values(&stmt)?;
        let changed = self
            .conn
            .prepare_cached(&stmt.sql)
            .and_then(|mut s| s.execute(rusqlite::params_from_iter(params)))
            .map_err(failed)?;
        Ok(changed as u64)
    }

    async fn returning_ids(&mut self, stmt: Statement) -> Result<Vec<i64>, DbErr> {
        let params = values(&stmt)?;
        let mut s = self.conn.prepare_cached(&stmt.sql).map_err(failed)?;
        s.query_map(rusqlite::params_from_iter(params), |row| row.get(0))
            .and_then(|rows| rows.collect())
            .map_err(failed)
    }

    async fn versions(&mut self, stmt: Statement) -> Result<Vec<(String, i64)>, DbErr> {
        let params = values(&stmt)?;
        let mut s = self.conn.prepare_cached(&stmt.sql).map_err(failed)?;
        s.query_map(rusqlite::params_from_iter(params), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(failed)
    }

    async fn commit(&mut self) -> Result<(), DbErr> {
        self.conn.execute_batch("COMMIT").map_err(failed)
    }

    async fn rollback(&mut self) -> Result<(), DbErr> {
        if self.conn.is_autocommit() {
            return Ok(());
        }
        self.conn.execute_batch("ROLLBACK").map_err(failed)
    }
}
