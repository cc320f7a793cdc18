//! Events recorded by any replica, told to this one's subscribers (PostgreSQL).
//!
//! Several servers write one PostgreSQL database; a subscriber connected to one of them must
//! hear of acts committed through the others. The writers notify the `decision_events` channel
//! in each transaction that records events (delivered at its commit); here one task per server
//! listens, and on each notification — or every [`POLL`] in case one was lost with a dropped
//! connection — reads the events after the last it told of, in the order of their positions,
//! and tells them to the subscribers. On PostgreSQL every event reaches the subscribers this way,
//! this server's own included, so they hear all of them in one order.
//!
//! Reading "after the last position" loses nothing only if no event can become visible with a
//! position below one already read. Sequence values are taken at insert and transactions commit
//! in any order, so the writers take an advisory lock ([`EVENT_ORDER_KEYS`]) just before they
//! insert events and hold it to their commit: positions are handed out in commit order, and a
//! position skipped is one whose transaction rolled back and will never appear.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::{DatabaseConnection, DbErr, sqlx};
use tokio::sync::{Notify, broadcast, mpsc};

use crate::service::RecordedEvent;

/// The notification channel the writers notify after recording events.
pub(super) const CHANNEL: &str = "decision_events";

/// The advisory lock the writers hold from inserting events to their commit, as SQL: a constant
/// ("DESE") and the schema, so that deployments sharing a database in separate schemas do not
/// wait on each other.
pub(super) const EVENT_ORDER_KEYS: &str = "1145394757, hashtext(current_schema())";

/// How often the relay reads the store even without a notification.
const POLL: Duration = Duration::from_secs(1);

/// Events read from the store at a time.
const PAGE: u64 = 500;

/// Starts the relay on the current runtime. It stops when `alive` has no sender left (the store
/// is gone) or the pool is closed.
pub(super) fn start<T: Send + 'static>(
    db: DatabaseConnection,
    subscribers: broadcast::Sender<RecordedEvent>,
    alive: mpsc::WeakSender<T>,
) {
    tokio::spawn(async move {
        let wake = Arc::new(Notify::new());
        let listening = tokio::spawn(listen(db.clone(), wake.clone()));
        tell(&db, &subscribers, &wake, || alive.upgrade().is_some()).await;
        listening.abort();
    });
}

/// Reads and tells, from the position recorded last when the relay starts: a subscriber that
/// wants earlier events reads them from the store.
async fn tell(
    db: &DatabaseConnection,
    subscribers: &broadcast::Sender<RecordedEvent>,
    wake: &Notify,
    alive: impl Fn() -> bool,
) {
    let mut cursor = None;
    while alive() && !db.get_postgres_connection_pool().is_closed() {
        match cursor {
            None => match super::last_position(db).await {
                Ok(last) => cursor = Some(last),
                Err(e) => tracing::warn!(error = %e, "event relay: cannot read the last position"),
            },
            Some(ref mut after) => loop {
                match super::events_after(db, *after, None, PAGE).await {
                    Ok(events) => {
                        let full = events.len() as u64 == PAGE;
                        for event in events {
                            *after = event.position;
                            let _ = subscribers.send(event);
                        }
                        if !full {
                            break;
                        }
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "event relay: cannot read events; retrying");
                        break;
                    }
                }
            },
        }
        let _ = tokio::time::timeout(POLL, wake.notified()).await;
    }
}

/// Wakes the relay on every notification, and once after each (re)connection, for what was
/// committed while no one listened.
async fn listen(db: DatabaseConnection, wake: Arc<Notify>) {
    let pool = db.get_postgres_connection_pool().clone();
    loop {
        match listener(&pool).await {
            Ok(mut listener) => {
                wake.notify_one();
                loop {
                    match listener.try_recv().await {
                        Ok(Some(_)) => wake.notify_one(),
                        // Reconnected: notifications may have been lost meanwhile.
                        Ok(None) => wake.notify_one(),
                        Err(sqlx::Error::PoolClosed) => return,
                        Err(e) => {
                            tracing::warn!(error = %e, "event relay: listening failed; reconnecting");
                            break;
                        }
                    }
                }
            }
            Err(_) if pool.is_closed() => return,
            Err(e) => tracing::warn!(error = %e, "event relay: cannot listen; retrying"),
        }
        tokio::time::sleep(POLL).await;
    }
}

async fn listener(pool: &sqlx::PgPool) -> Result<sqlx::postgres::PgListener, DbErr> {
    let conn = |e: sqlx::Error| DbErr::Custom(format!("LISTEN {CHANNEL}: {e}"));
    let mut listener = sqlx::postgres::PgListener::connect_with(pool)
        .await
        .map_err(conn)?;
    listener.listen(CHANNEL).await.map_err(conn)?;
    Ok(listener)
}
