//! Schema migrations, append-only: never edit one that has landed; add a new file.
//! Portable across SQLite and PostgreSQL: no backend-specific SQL, but for the triggers that
//! keep the record append-only (m20261208_000001), which have no portable form.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_tables;
mod m20261127_000002_create_calendar_versions;
mod m20261204_000001_add_organs;
mod m20261205_000001_create_catalogues;
mod m20261206_000001_create_idempotency_keys;
mod m20261207_000001_add_comment_counts;
mod m20261207_000002_create_deadline_index;
mod m20261208_000001_history_is_the_record;
mod m20261209_000001_create_checkpoints;
mod m20261210_000001_create_reminders;
mod m20261211_000001_create_sessions;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_tables::Migration),
            Box::new(m20261127_000002_create_calendar_versions::Migration),
            Box::new(m20261204_000001_add_organs::Migration),
            Box::new(m20261205_000001_create_catalogues::Migration),
            Box::new(m20261206_000001_create_idempotency_keys::Migration),
            Box::new(m20261207_000001_add_comment_counts::Migration),
            Box::new(m20261207_000002_create_deadline_index::Migration),
            Box::new(m20261208_000001_history_is_the_record::Migration),
            Box::new(m20261209_000001_create_checkpoints::Migration),
            Box::new(m20261210_000001_create_reminders::Migration),
            Box::new(m20261211_000001_create_sessions::Migration),
        ]
    }
}
