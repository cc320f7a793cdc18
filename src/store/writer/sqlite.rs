//! The writer on SQLite: a thread of its own, holding one rusqlite connection to the database
//! file, with the same durability as the pool's connections (WAL, synchronous=FULL).
//!
//! SQLite takes one writer at a time whatever the pool, so nothing is lost by writing on one
//! connection; what is gained is that each statement runs on the thread that prepared it,
//! instead of travelling to sqlx's worker thread and back (four such trips per act, measured
//! as most of an act's cost). Reads stay on the pool; the migrations and the entities are
//! sea-orm's, and the statements here are built from the entities too.

use std::sync::Arc;
use std::time::Duration;

use chrono::SecondsFormat;
use rusqlite::types::Value as Sql;
use sea_orm::{DatabaseConnection, DbBackend, DbErr, RuntimeErr, Statement, Value};
use tokio::sync::{broadcast, mpsc};

use super::{Conn, Counts, Job};
use crate::service::RecordedEvent;

/// Prepared statements kept per connection: a batch's multi-row INSERT differs by its row count.
const STATEMENT_CACHE: usize = 64;

pub(super) enum Started {
    /// The writer thread runs and owns the receiver.
    Thread,
    /// Not a SQLite file (PostgreSQL, or SQLite in memory, which no second connection can
    /// share); the receiver is handed back for the pooled writer.
    NotFile(mpsc::Receiver<Job>),
}

/// Starts the writer thread if `db` is a SQLite file.
pub(super) fn start(
    db: &DatabaseConnection,
    rx: mpsc::Receiver<Job>,
    counts: Arc<Counts>,
    subscribers: broadcast::Sender<RecordedEvent>,
) -> Started {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Started::NotFile(rx);
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    let path = options.get_filename().to_owned();
    // sqlx names an in-memory database `file:sqlx-in-memory-N`.
    if path.to_string_lossy().starts_with("file:") {
        return Started::NotFile(rx);
    }
    let opened = open(&path).map_err(|e| e.to_string()).and_then(|conn| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| e.to_string())?;
        Ok((conn, runtime))
    });
    let (conn, runtime) = match opened {
        Ok(opened) => opened,
        Err(e) => {
            tracing::warn!(error = %e, path = %path.display(), "SQLite writer thread: cannot open the file; writing through the pool");
            return Started::NotFile(rx);
        }
    };
    let spawned = std::thread::Builder::new()
        .name("sqlite-writer".into())
        .spawn(move || {
            runtime.block_on(super::run(Sqlite { conn }, rx, counts, Some(subscribers)))
        });
    match spawned {
        Ok(_) => Started::Thread,
        Err(e) => {
            // The receiver went with the closure that could not run: nothing can write.
            tracing::error!(error = %e, "SQLite writer thread: cannot start");
            Started::Thread
        }
    }
}

fn open(path: &std::path::Path) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path)?;
    // As the pool's connections are opened (store::connect): an acknowledged act survives a
    // crash and a power cut.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
}

pub(super) struct Sqlite {
    conn: rusqlite::Connection,
}

/// The writer thread's kind of connection, to a test's database file.
#[cfg(test)]
pub(super) fn for_file(path: &std::path::Path) -> Sqlite {
    Sqlite {
        conn: open(path).expect("the test database opens"),
    }
}

fn failed(e: rusqlite::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::Internal(format!("sqlite: {e}")))
}

/// A statement's values as SQLite stores them — in the very forms sqlx writes, so that what
/// the pool reads back decodes the same (timestamps as RFC 3339 text, dates as YYYY-MM-DD).
fn values(stmt: &Statement) -> Result<Vec<Sql>, DbErr> {
    let Some(values) = &stmt.values else {
        return Ok(Vec::new());
    };
    values
        .0
        .iter()
        .map(|v| {
            Ok(match v {
                Value::Bool(b) => b.map_or(Sql::Null, |b| Sql::Integer(b.into())),
                Value::Int(i) => i.map_or(Sql::Null, |i| Sql::Integer(i.into())),
                Value::BigInt(i) => i.map_or(Sql::Null, Sql::Integer),
                Value::String(s) => s.clone().map_or(Sql::Null, Sql::Text),
                Value::ChronoDate(d) => {
                    d.map_or(Sql::Null, |d| Sql::Text(d.format("%F").to_string()))
                }
                Value::ChronoDateTimeUtc(t) => t.map_or(Sql::Null, |t| {
                    Sql::Text(t.to_rfc3339_opts(SecondsFormat::AutoSi, false))
                }),
                other => {
                    return Err(DbErr::Custom(format!(
                        "the SQLite writer does not bind {other:?}"
                    )));
                }
            })
        })
        .collect()
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
