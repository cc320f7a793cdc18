//! A SQLite file reached through rusqlite on the caller's own thread: the writer's connection
//! ([`super::writer`]) and the point reads every request makes ([`Reader`]).
//!
//! Through sqlx, each statement travels to a worker thread of its connection and back: two
//! wake-ups of sleeping threads, which on these machines cost more than the statement. The
//! statements are still sea-orm's, built from the entities; here they are bound in the very
//! forms sqlx writes, so that what one side writes the other reads back the same.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use rusqlite::ErrorCode;
use rusqlite::types::Value as Sql;
use sea_orm::{DatabaseConnection, DbBackend, DbErr, RuntimeErr, Statement, Value};

/// Prepared statements kept per connection: a batch's multi-row INSERT differs by its row count.
const STATEMENT_CACHE: usize = 64;

/// Idle read connections kept for the next reads.
const IDLE_READERS: usize = 8;

/// The file `db` is, if it is a SQLite file; not PostgreSQL, nor SQLite in memory (which no
/// second connection can share).
pub(super) fn path_of(db: &DatabaseConnection) -> Option<PathBuf> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return None;
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    let path = options.get_filename().to_owned();
    // sqlx names an in-memory database `file:sqlx-in-memory-N`.
    (!path.to_string_lossy().starts_with("file:")).then_some(path)
}

/// A connection opened as the pool's are (store::connect): an acknowledged act survives a crash
/// and a power cut.
pub(super) fn open(path: &Path) -> rusqlite::Result<rusqlite::Connection> {
    open_waiting(path, Duration::from_secs(10))
}

/// A read connection: as the pool's, but one that never waits for a lock.
fn open_reader(path: &Path) -> rusqlite::Result<rusqlite::Connection> {
    open_waiting(path, Duration::ZERO)
}

fn open_waiting(path: &Path, busy: Duration) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path)?;
    // Before anything reads the file: setting the journal mode does.
    conn.busy_timeout(busy)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
}

pub(super) fn failed(e: rusqlite::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::Internal(format!("sqlite: {e}")))
}

/// A statement's values as SQLite stores them — in the very forms sqlx writes (timestamps as
/// RFC 3339 text, dates as YYYY-MM-DD).
pub(super) fn values(stmt: &Statement) -> Result<Vec<Sql>, DbErr> {
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
                        "the SQLite connection does not bind {other:?}"
                    )));
                }
            })
        })
        .collect()
}

/// A timestamp column as sqlx reads it back: RFC 3339, or SQLite's own `YYYY-MM-DD HH:MM:SS`
/// (UTC) for rows written by hand.
pub(super) fn timestamp(text: &str) -> Result<DateTime<Utc>, DbErr> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| DateTime::parse_from_str(text, "%F %T%.f%:z").map(|t| t.with_timezone(&Utc)))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%F %T%.f").map(|t| t.and_utc()))
        .map_err(|e| DbErr::Custom(format!("a stored timestamp {text:?}: {e}")))
}

/// Reads on the caller's thread, each on a connection of its own. A WAL reader never waits for
/// the writer, and the reads given here are lookups by an index, over in microseconds: less
/// than the wake-ups of a trip to sqlx's thread.
///
/// The caller's thread is a worker of the async runtime, which must not wait: in the rare case
/// where a reader would (the file being recovered after a crash, say), the read says so at once
/// instead of waiting, and the caller reads through the pool.
pub(super) struct Reader {
    path: PathBuf,
    idle: Mutex<Vec<rusqlite::Connection>>,
}

impl Reader {
    pub(super) fn for_database(db: &DatabaseConnection) -> Option<Self> {
        path_of(db).map(|path| Self {
            path,
            idle: Mutex::default(),
        })
    }

    /// The rows of `stmt`, each made by `row`; `None` if the file is busy.
    pub(super) fn rows<R>(
        &self,
        stmt: &Statement,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<R>,
    ) -> Result<Option<Vec<R>>, DbErr> {
        let params = values(stmt)?;
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let busy = |e: &rusqlite::Error| e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy);
        let conn = match idle.map_or_else(|| open_reader(&self.path), Ok) {
            Ok(conn) => conn,
            Err(e) if busy(&e) => return Ok(None),
            Err(e) => return Err(failed(e)),
        };
        let rows = match conn.prepare_cached(&stmt.sql).and_then(|mut s| {
            s.query_map(rusqlite::params_from_iter(params), row)?
                .collect::<rusqlite::Result<Vec<R>>>()
        }) {
            Ok(rows) => Ok(Some(rows)),
            Err(e) if busy(&e) => Ok(None),
            Err(e) => Err(failed(e)),
        };
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_back_as_sqlx_and_sqlite_write_them() {
        let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 6, 15, 2, 0, 0).unwrap();
        let written = Value::ChronoDateTimeUtc(Some(at));
        let stmt = Statement::from_sql_and_values(DbBackend::Sqlite, "", [written]);
        let bound = values(&stmt).expect("binds");
        let [Sql::Text(text)] = bound.as_slice() else {
            panic!("one text value: {bound:?}");
        };
        assert_eq!(text, "2026-06-15T02:00:00+00:00");
        assert_eq!(timestamp(text).expect("parses"), at);
        assert_eq!(timestamp("2026-06-15 02:00:00").expect("parses"), at);
        assert_eq!(timestamp("2026-06-15 10:00:00+08:00").expect("parses"), at);
        assert!(timestamp("yesterday").is_err());
    }

    #[test]
    fn a_reader_finding_the_file_locked_says_so_instead_of_waiting() {
        let dir = tempfile::tempdir().expect("a directory");
        let path = dir.path().join("t.db");
        let reader = || Reader {
            path: path.clone(),
            idle: Mutex::default(),
        };
        let stmt = Statement::from_string(DbBackend::Sqlite, "SELECT x FROM t");
        let read = |r: &Reader| r.rows(&stmt, |row| row.get::<_, i64>(0));
        {
            let setup = open(&path).expect("opens");
            setup
                .execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7);")
                .expect("set up");
            assert_eq!(read(&reader()).expect("reads"), Some(vec![7]));
        }

        // A connection holding the file to itself, as one recovering it would; it can only
        // while no other connection is open.
        let holder = open(&path).expect("opens");
        holder
            .pragma_update(None, "locking_mode", "EXCLUSIVE")
            .expect("exclusive");
        holder
            .execute_batch("BEGIN EXCLUSIVE; INSERT INTO t VALUES (8);")
            .expect("locked");
        let reader = reader();
        let asked = std::time::Instant::now();
        assert_eq!(read(&reader).expect("no error"), None);
        // The connections' busy timeout is 10 s; the reader does not wait for it.
        assert!(
            asked.elapsed() < Duration::from_secs(5),
            "{:?}",
            asked.elapsed()
        );

        holder.execute_batch("COMMIT").expect("committed");
        drop(holder);
        assert_eq!(read(&reader).expect("reads"), Some(vec![7, 8]));
    }
}
