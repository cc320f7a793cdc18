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
    let conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(Duration::from_secs(10))?;
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

    /// The rows of `stmt`, each made by `row`.
    pub(super) fn rows<R>(
        &self,
        stmt: &Statement,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<R>,
    ) -> Result<Vec<R>, DbErr> {
        let params = values(stmt)?;
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let conn = match idle {
            Some(conn) => conn,
            None => open(&self.path).map_err(failed)?,
        };
        let rows = conn
            .prepare_cached(&stmt.sql)
            .and_then(|mut s| {
                s.query_map(rusqlite::params_from_iter(params), row)?
                    .collect::<rusqlite::Result<Vec<R>>>()
            })
            .map_err(failed);
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
}
