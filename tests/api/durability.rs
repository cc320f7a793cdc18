//! An acknowledged command survives a crash and a power cut: every SQLite connection the store
//! opens runs in WAL mode with synchronous=FULL.

use sea_orm::{ConnectionTrait, Statement};

#[tokio::test]
async fn every_sqlite_connection_is_durable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/durable.db", dir.path().display());
    let db = decision_engine::store::connect(&url).await.expect("opens");
    let pragma = |name: &str| {
        let db = &db;
        let sql = format!("PRAGMA {name}");
        async move {
            let row = db
                .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                .await
                .expect("query")
                .expect("a row");
            row.try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .expect("a value")
        }
    };
    assert_eq!(pragma("journal_mode").await, "wal");
    // 2 = FULL
    assert_eq!(pragma("synchronous").await, "2");
    assert_eq!(pragma("foreign_keys").await, "1");
}
