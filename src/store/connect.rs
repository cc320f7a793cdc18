//! Opening the database: SQLite durable by default (WAL, synchronous=FULL on every connection),
//! or PostgreSQL; then the migrations.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Connects, creating a SQLite file (and its folder) on first use, and runs pending migrations.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .map(|p| p.split('?').next().unwrap_or(p))
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
        && path != ":memory:"
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| DbErr::Custom(format!("{}: {e}", dir.display())))?;
    }
    let mut opts = ConnectOptions::new(url);
    opts.sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        // A ping on every acquire costs a round trip per statement; only a connection idle for a
        // while can have been dropped by the server.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .map_sqlx_sqlite_opts(|o| {
            // An acknowledged command survives a crash and a power cut.
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    let db = Database::connect(opts).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}
