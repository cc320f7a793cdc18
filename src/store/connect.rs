//! Opening the database: SQLite durable by default (WAL, synchronous=FULL on every connection),
//! or PostgreSQL; then the migrations.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// How the pool reaches the database (`serve --db-max-connections`, `--db-statement-timeout-secs`;
/// TLS to PostgreSQL is the URL's: `?sslmode=verify-full&sslrootcert=…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbOptions {
    /// Connections in the pool (each replica has its own).
    pub max_connections: u32,
    /// PostgreSQL ends any statement running longer than this, so one stuck query cannot hold a
    /// connection (and its locks) for ever. SQLite statements are bounded by the request timeout.
    pub statement_timeout: Duration,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self {
            max_connections: 10,
            statement_timeout: Duration::from_secs(30),
        }
    }
}

/// Connects with the default pool, creating a SQLite file (and its folder) on first use, and runs
/// pending migrations.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, &DbOptions::default()).await
}

/// Connects with `pool`, creating a SQLite file (and its folder) on first use, and runs pending
/// migrations.
pub async fn connect_with(url: &str, pool: &DbOptions) -> Result<DatabaseConnection, DbErr> {
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
    let statement_timeout = format!("{}ms", pool.statement_timeout.as_millis());
    opts.sqlx_logging(false)
        .max_connections(pool.max_connections)
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
        })
        .map_sqlx_postgres_opts(move |o| {
            o.options([("statement_timeout", statement_timeout.clone())])
        });
    let db = Database::connect(opts).await?;
    Migrator::up(&db, None).await?;
    // The data part of m20261208_000001, here because the chain's hash is the store's.
    let chained = super::messages::chain_earlier(&db).await?;
    if chained > 0 {
        tracing::info!(messages = chained, "messages from before the chain chained");
    }
    Ok(db)
}
