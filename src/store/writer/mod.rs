//! Group commit: the decisions' writes, gathered into one transaction and one durable commit.
//!
//! Every accepted act used to pay its own commit, so however many officials worked at once, the
//! engine wrote no more acts per second than the disk flushes. Here each act's rows go to one
//! writer task; it takes whatever has queued while the last commit was being flushed, writes it
//! all in one transaction and answers each act only once that transaction is committed.
//!
//! Each write is still checked against its own expected version, so an act that lost a race is
//! answered with a conflict while the others in its batch commit; two acts on one decision in one
//! batch are applied in the order they arrived, and the second's check sees the first's write. A
//! batch the database refuses as a whole (a constraint, a broken connection) is retried one write
//! at a time, so one bad write fails only itself.
//!
//! An act handed to the writer is committed (or refused) even if the request that sent it goes
//! away meanwhile, and never left half done: the writer is a task of its own, or a caller
//! writing synchronously, which nothing can interrupt.
//!
//! On SQLite the writer is one rusqlite connection, written through by the caller that finds it
//! free, for itself and for whoever queued meanwhile ([`sqlite`]): the database has one writer
//! anyway, sqlx would hand each statement to a worker thread of its own and back, and a writer
//! thread would cost two wake-ups per act. On PostgreSQL it is a task writing through the pool
//! ([`pooled`]). Both run the same batch, statement by statement, built from the entities.

mod pooled;
mod sqlite;

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use entities::{deadline_index, decision, decision_event, idempotency_key};
use futures_util::FutureExt;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, QuerySelect,
    QueryTrait, Statement,
};
use tokio::sync::{broadcast, mpsc, oneshot};

use crate::service::RecordedEvent;

/// At most this many writes go into one transaction: enough to carry a burst on one fsync,
/// few enough that a batch's statements stay well under SQLite's limit on bound values.
const MAX_BATCH: usize = 256;

/// Events per multi-row INSERT: 12 values each, under SQLite's 32,766 bound values.
const EVENTS_PER_INSERT: usize = 1000;

/// Deadline rows per multi-row INSERT (8 values each), and ids per DELETE.
const DEADLINES_PER_STATEMENT: usize = 2000;

/// How many writes may wait for the writer before senders wait too.
const QUEUE: usize = 4 * MAX_BATCH;

/// A connection a batch is written through: a transaction, and statements built for its backend.
trait Conn {
    fn backend(&self) -> DbBackend;
    async fn begin(&mut self) -> Result<(), DbErr>;
    /// Runs a statement; the number of rows it changed.
    async fn execute(&mut self, stmt: Statement) -> Result<u64, DbErr>;
    /// Runs an INSERT … RETURNING id; the ids.
    async fn returning_ids(&mut self, stmt: Statement) -> Result<Vec<i64>, DbErr>;
    /// Runs a query of (id, version) rows, outside any transaction.
    async fn versions(&mut self, stmt: Statement) -> Result<Vec<(String, i64)>, DbErr>;
    async fn commit(&mut self) -> Result<(), DbErr>;
    async fn rollback(&mut self) -> Result<(), DbErr>;
}

/// One act's rows.
pub(super) enum Write {
    /// A new decision and its first event.
    Create {
        row: Box<decision::ActiveModel>,
        deadlines: Vec<deadline_index::ActiveModel>,
    },
    /// The decision's next state, if its version is still `expected` and, for an act judged on
    /// the public's comments, their count is still `comments`.
    Update {
        id: String,
        expected: i64,
        comments: Option<i64>,
        /// The columns to set; the version guard is added by the writer.
        columns: Vec<(decision::Column, sea_orm::Value)>,
        /// The decision's deadlines in its next state, to replace its rows in the index; `None`
        /// when they are the rows it has.
        deadlines: Option<Vec<deadline_index::ActiveModel>>,
    },
    /// The decision's deadline rows rebuilt, if its version is still `expected` (a write since
    /// has written its own); no event.
    Reindex {
        id: String,
        expected: i64,
        deadlines: Vec<deadline_index::ActiveModel>,
    },
}

impl Write {
    fn decision_id(&self) -> &str {
        match self {
            Write::Create { row, .. } => match &row.id {
                sea_orm::ActiveValue::Set(id) | sea_orm::ActiveValue::Unchanged(id) => id,
                sea_orm::ActiveValue::NotSet => "",
            },
            Write::Update { id, .. } | Write::Reindex { id, .. } => id,
        }
    }

    /// The rows to replace the decision's in the index, if any.
    fn deadlines(&self) -> Option<&[deadline_index::ActiveModel]> {
        match self {
            Write::Create { deadlines, .. } | Write::Reindex { deadlines, .. } => Some(deadlines),
            Write::Update { deadlines, .. } => deadlines.as_deref(),
        }
    }
}

/// What became of a write that reached the database.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Written, its events at these positions.
    Committed(Vec<i64>),
    /// Someone wrote since the caller loaded; `current` is the version now stored, `None` if
    /// the decision does not exist.
    Conflict { current: Option<i64> },
}

/// An event to insert: its row, and the event as subscribers are told of it once committed.
pub(super) type Stored = (decision_event::ActiveModel, RecordedEvent);

struct Job {
    write: Write,
    events: Vec<Stored>,
    /// The idempotency key the act was sent with: kept only if the write is applied.
    key: Option<idempotency_key::ActiveModel>,
    reply: oneshot::Sender<Result<Outcome, DbErr>>,
}

/// The sending side, one per store; the writer task ends when every clone is dropped.
#[derive(Clone)]
pub(super) struct Writer {
    route: Route,
    counts: Arc<Counts>,
}

/// Where a write goes.
#[derive(Clone)]
enum Route {
    /// To the writer task (PostgreSQL, SQLite in memory).
    Task(mpsc::Sender<Job>),
    /// To a SQLite file's one connection, written through by whoever finds it free.
    Leader(Arc<sqlite::Leader>),
}

/// Transactions committed and the writes they carried, since the writer started.
#[derive(Default)]
struct Counts {
    batches: AtomicU64,
    writes: AtomicU64,
}

impl Counts {
    fn batch(&self, writes: usize) {
        self.batches.fetch_add(1, Ordering::Relaxed);
        self.writes.fetch_add(writes as u64, Ordering::Relaxed);
    }
}

impl Writer {
    /// Starts the writer task on the current runtime; it tells `subscribers` of every event it
    /// commits, in the order of their positions.
    pub(super) fn start(
        db: DatabaseConnection,
        subscribers: broadcast::Sender<RecordedEvent>,
    ) -> Self {
        let counts = Arc::<Counts>::default();
        if let Some(leader) = sqlite::leader(&db, counts.clone(), subscribers.clone()) {
            return Self {
                route: Route::Leader(leader),
                counts,
            };
        }
        let (jobs, rx) = mpsc::channel(QUEUE);
        // On PostgreSQL other replicas write too: subscribers hear of every event, this
        // writer's and theirs, from the relay, which reads them from the database.
        let tells = if db.get_database_backend() == DbBackend::Postgres {
            super::relay::start(db.clone(), subscribers, jobs.downgrade());
            None
        } else {
            Some(subscribers)
        };
        tokio::spawn(run(pooled::Pooled::new(db), rx, counts.clone(), tells));
        Self {
            route: Route::Task(jobs),
            counts,
        }
    }

    /// Batches and writes so far: how many acts one commit carries on average.
    pub(super) fn counts(&self) -> (u64, u64) {
        (
            self.counts.batches.load(Ordering::Relaxed),
            self.counts.writes.load(Ordering::Relaxed),
        )
    }

    /// Writes one act's rows in the next batch; answers once that batch is committed.
    pub(super) async fn write(
        &self,
        write: Write,
        events: Vec<Stored>,
        key: Option<idempotency_key::ActiveModel>,
    ) -> Result<Outcome, DbErr> {
        let (reply, answer) = oneshot::channel();
        let stopped = || DbErr::Custom("the writer has stopped".into());
        let job = Job {
            write,
            events,
            key,
            reply,
        };
        match &self.route {
            Route::Task(jobs) => {
                jobs.send(job).await.map_err(|_| stopped())?;
                answer.await.map_err(|_| stopped())?
            }
            Route::Leader(leader) => leader.write(job, answer).await.map_err(|_| stopped())?,
        }
    }
}

/// Takes whatever has queued, writes it, and again, until every sender is gone.
async fn run(
    mut conn: impl Conn,
    mut rx: mpsc::Receiver<Job>,
    counts: Arc<Counts>,
    subscribers: Option<broadcast::Sender<RecordedEvent>>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let jobs = std::mem::take(&mut batch);
        counts.batch(jobs.len());
        // A panic here would stop every later write: it fails this batch (its senders are
        // dropped, so each caller gets an error) and the writer goes on.
        if AssertUnwindSafe(commit_jobs(&mut conn, jobs, subscribers.as_ref()))
            .catch_unwind()
            .await
            .is_err()
        {
            tracing::error!("group commit: a batch panicked; its writes were not committed");
        }
    }
}

async fn commit_jobs(
    db: &mut impl Conn,
    jobs: Vec<Job>,
    subscribers: Option<&broadcast::Sender<RecordedEvent>>,
) {
    let Err((e, jobs)) = commit_live(db, jobs, subscribers).await else {
        return;
    };
    if jobs.len() > 1 {
        tracing::warn!(error = %e, writes = jobs.len(), "group commit: batch refused, writing one by one");
        for job in jobs {
            if let Err((e, mut one)) = commit_live(db, vec![job], subscribers).await
                && let Some(job) = one.pop()
            {
                let _ = job.reply.send(Err(e));
            }
        }
    } else if let Some(job) = jobs.into_iter().next() {
        let _ = job.reply.send(Err(e));
    }
}

/// Commits the jobs whose callers still wait and answers them, telling `subscribers` (when this
/// writer tells them) of the events; on a database error, hands the jobs back unanswered.
///
/// A caller that has gone (its request timed out, or its client hung up) was told its act was
/// not done, so nothing of it may be committed: it is left out of the batch, and if it goes
/// while its batch is being written, the batch is rolled back and written again without it.
async fn commit_live(
    db: &mut impl Conn,
    mut jobs: Vec<Job>,
    subscribers: Option<&broadcast::Sender<RecordedEvent>>,
) -> Result<(), (DbErr, Vec<Job>)> {
    loop {
        jobs.retain(|j| !j.reply.is_closed());
        if jobs.is_empty() {
            return Ok(());
        }
        let work: Vec<Batched> = jobs
            .iter()
            .map(|j| Batched {
                write: &j.write,
                events: j.events.iter().map(|(row, _)| row).collect(),
                key: j.key.as_ref(),
            })
            .collect();
        match commit(db, &work, || jobs.iter().any(|j| j.reply.is_closed())).await {
            Ok(Some(outcomes)) => {
                // Subscribers hear of the batch's events in the order of their positions, before
                // any caller is answered: whoever reads a position from an answer and subscribes
                // after it misses nothing.
                let mut told: Vec<RecordedEvent> = jobs
                    .iter()
                    .zip(&outcomes)
                    .filter_map(|(job, outcome)| match outcome {
                        Outcome::Committed(positions) => Some(job.events.iter().zip(positions)),
                        Outcome::Conflict { .. } => None,
                    })
                    .flatten()
                    .map(|((_, event), &position)| RecordedEvent {
                        position,
                        ..event.clone()
                    })
                    .collect();
                told.sort_by_key(|e| e.position);
                if let Some(subscribers) = subscribers {
                    for event in told {
                        let _ = subscribers.send(event);
                    }
                }
                for (job, outcome) in jobs.into_iter().zip(outcomes) {
                    let _ = job.reply.send(Ok(outcome));
                }
                return Ok(());
            }
            // Each round leaves out at least one more caller, so this ends.
            Ok(None) => continue,
            Err(e) => return Err((e, jobs)),
        }
    }
}

/// Writes a batch in one transaction: each write guarded by its version, then every committed
/// write's events in a few multi-row INSERTs. The outcomes are in the batch's order; `None`
/// when `abandoned` says, just before the commit, that a caller has gone, and all was rolled back.
/// One write as a batch holds it.
struct Batched<'a> {
    write: &'a Write,
    events: Vec<&'a decision_event::ActiveModel>,
    key: Option<&'a idempotency_key::ActiveModel>,
}

async fn commit(
    db: &mut impl Conn,
    work: &[Batched<'_>],
    abandoned: impl Fn() -> bool,
) -> Result<Option<Vec<Outcome>>, DbErr> {
    let backend = db.backend();
    // Rows are locked in the order of their ids, the same in every process, so two replicas'
    // batches touching the same decisions wait for each other instead of deadlocking on
    // PostgreSQL. The sort is stable: one decision's writes keep the order they came in.
    let mut order: Vec<usize> = (0..work.len()).collect();
    order.sort_by(|&a, &b| work[a].write.decision_id().cmp(work[b].write.decision_id()));

    db.begin().await?;
    let written = write_batch(db, backend, work, &order).await;
    let (committed, given) = match written {
        Ok(done) if !abandoned() => done,
        Ok(_) => {
            db.rollback().await?;
            return Ok(None);
        }
        Err(e) => {
            // The statement's error is the one to report; a failed rollback is the
            // connection's to recover from when it next begins.
            if let Err(rollback) = db.rollback().await {
                tracing::warn!(error = %rollback, "group commit: rollback failed");
            }
            return Err(e);
        }
    };
    db.commit().await?;

    // The versions that beat the conflicting writes, in one query after the commit.
    let lost: Vec<&str> = (0..work.len())
        .filter(|&i| !committed[i])
        .map(|i| work[i].write.decision_id())
        .collect();
    let current: HashMap<String, i64> = if lost.is_empty() {
        HashMap::new()
    } else {
        let query = decision::Entity::find()
            .select_only()
            .column(decision::Column::Id)
            .column(decision::Column::Version)
            .filter(decision::Column::Id.is_in(lost))
            .build(backend);
        db.versions(query).await?.into_iter().collect()
    };
    Ok(Some(
        work.iter()
            .zip(committed)
            .zip(given)
            .map(|((w, ok), positions)| {
                if ok {
                    Outcome::Committed(positions)
                } else {
                    Outcome::Conflict {
                        current: current.get(w.write.decision_id()).copied(),
                    }
                }
            })
            .collect(),
    ))
}

/// The batch's statements, inside its transaction: which writes were applied, and the positions
/// of each one's events.
async fn write_batch(
    db: &mut impl Conn,
    backend: DbBackend,
    work: &[Batched<'_>],
    order: &[usize],
) -> Result<(Vec<bool>, Vec<Vec<i64>>), DbErr> {
    let mut committed = vec![false; work.len()];
    for &i in order {
        committed[i] = match work[i].write {
            Write::Create { row, .. } => {
                let insert = decision::Entity::insert((**row).clone()).build(backend);
                db.execute(insert).await?;
                true
            }
            Write::Reindex { id, expected, .. } => {
                // Takes the row's lock and checks the version, changing nothing.
                let touch = decision::Entity::update_many()
                    .col_expr(
                        decision::Column::Version,
                        Expr::col(decision::Column::Version),
                    )
                    .filter(decision::Column::Id.eq(id))
                    .filter(decision::Column::Version.eq(*expected))
                    .build(backend);
                db.execute(touch).await? == 1
            }
            Write::Update {
                id,
                expected,
                comments,
                columns,
                ..
            } => {
                let mut update = decision::Entity::update_many();
                for (column, value) in columns {
                    update = update.col_expr(*column, Expr::value(value.clone()));
                }
                if let Some(n) = comments {
                    update = update.filter(decision::Column::Comments.eq(*n));
                }
                let update = update
                    .filter(decision::Column::Id.eq(id))
                    .filter(decision::Column::Version.eq(*expected))
                    .build(backend);
                db.execute(update).await? == 1
            }
        };
        // A key already kept (the same request, racing itself) refuses the insert, and with it
        // the batch: written again one by one, the act fails alone and its caller finds the key.
        if committed[i]
            && let Some(key) = work[i].key
        {
            db.execute(idempotency_key::Entity::insert(key.clone()).build(backend))
                .await?;
        }
    }
    write_deadlines(db, backend, work, &committed).await?;
    // Inserted in the batch's write order; the positions the database gives them ascend in
    // that order (SQLite's rowids, PostgreSQL's sequence), so sorted they pair up with the rows.
    let events: Vec<decision_event::ActiveModel> = order
        .iter()
        .filter(|&&i| committed[i])
        .flat_map(|&i| work[i].events.iter().map(|&row| row.clone()))
        .collect();
    let mut positions = Vec::with_capacity(events.len());
    if backend == DbBackend::Postgres && !events.is_empty() {
        // Positions in commit order across replicas (see the relay), and a wake-up for the
        // relays, delivered at the commit.
        let lock = format!(
            "SELECT pg_advisory_xact_lock({})",
            super::relay::EVENT_ORDER_KEYS
        );
        db.execute(Statement::from_string(backend, lock)).await?;
        let notify = format!("SELECT pg_notify('{}', '')", super::relay::CHANNEL);
        db.execute(Statement::from_string(backend, notify)).await?;
    }
    for chunk in events.chunks(EVENTS_PER_INSERT) {
        let mut insert = decision_event::Entity::insert_many(chunk.to_vec());
        QueryTrait::query(&mut insert).returning_col(decision_event::Column::Id);
        positions.extend(db.returning_ids(insert.build(backend)).await?);
    }
    positions.sort_unstable();
    let mut positions = positions.into_iter();
    let mut given = vec![Vec::new(); work.len()];
    for &i in order.iter().filter(|&&i| committed[i]) {
        given[i] = positions.by_ref().take(work[i].events.len()).collect();
    }
    Ok((committed, given))
}

/// The deadline rows of the batch's written decisions, replaced by those of each one's last
/// write in the batch that changes them: one DELETE and a few multi-row INSERTs for the batch.
async fn write_deadlines(
    db: &mut impl Conn,
    backend: DbBackend,
    work: &[Batched<'_>],
    committed: &[bool],
) -> Result<(), DbErr> {
    // A write that changes no deadline leaves the rows of the state before it, which may be
    // an earlier write's of the same batch.
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, w) in work.iter().enumerate().filter(|&(i, _)| committed[i]) {
        if w.write.deadlines().is_some() {
            last.insert(w.write.decision_id(), i);
        }
    }
    if last.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = last.keys().copied().collect();
    for ids in ids.chunks(DEADLINES_PER_STATEMENT) {
        let delete = deadline_index::Entity::delete_many()
            .filter(deadline_index::Column::DecisionId.is_in(ids.iter().copied()))
            .build(backend);
        db.execute(delete).await?;
    }
    let rows: Vec<deadline_index::ActiveModel> = last
        .values()
        .flat_map(|&i| {
            work[i]
                .write
                .deadlines()
                .unwrap_or_default()
                .iter()
                .cloned()
        })
        .collect();
    for chunk in rows.chunks(DEADLINES_PER_STATEMENT) {
        let insert = deadline_index::Entity::insert_many(chunk.to_vec()).build(backend);
        db.execute(insert).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use sea_orm::ActiveValue::{NotSet, Set};

    async fn database() -> (DatabaseConnection, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/t.db", dir.path().display());
        (super::super::connect(&url).await.expect("opens"), dir)
    }

    /// A fresh schema in the PostgreSQL database of `.ci/run`'s second pass (`TEST_POSTGRES_URL`),
    /// migrated, and its URL; `None` where no PostgreSQL is given.
    async fn postgres() -> Option<String> {
        let base = std::env::var("TEST_POSTGRES_URL").ok()?;
        let admin = sea_orm::Database::connect(&base)
            .await
            .expect("PostgreSQL reachable");
        let schema = format!("w_{}", uuid::Uuid::new_v4().simple());
        sea_orm::ConnectionTrait::execute_unprepared(&admin, &format!("CREATE SCHEMA {schema}"))
            .await
            .expect("schema created");
        admin.close().await.expect("closed");
        let url = format!("{base}?options[search_path]={schema}");
        super::super::connect(&url).await.expect("migrated");
        Some(url)
    }

    fn create(id: &str) -> Write {
        let at = Utc.with_ymd_and_hms(2026, 6, 15, 2, 0, 0).unwrap();
        Write::Create {
            deadlines: Vec::new(),
            row: Box::new(decision::ActiveModel {
                id: Set(id.into()),
                title: Set("t".into()),
                organ: Set("o".into()),
                stage: Set("PROPOSED".into()),
                lead_unit: Set(None),
                catalogue_item: Set(None),
                version: Set(1),
                event_count: Set(1),
                last_hash: Set(String::new()),
                comments: Set(0),
                state: Set("{}".into()),
                created_at: Set(at),
                updated_at: Set(at),
            }),
        }
    }

    fn update(id: &str, expected: i64) -> Write {
        Write::Update {
            id: id.into(),
            expected,
            comments: None,
            columns: vec![(decision::Column::Version, (expected + 1).into())],
            deadlines: None,
        }
    }

    /// An event's row, with the event subscribers are told of.
    fn event(id: &str, seq: i64) -> Stored {
        let at = Utc.with_ymd_and_hms(2026, 6, 15, 2, 0, 0).unwrap();
        let told = RecordedEvent {
            position: 0,
            decision_id: id.into(),
            seq,
            kind: "K".into(),
            actor: crate::procedure::Actor {
                id: "a".into(),
                name: "a".into(),
                organ: String::new(),
                unit: "u".into(),
                role: crate::procedure::Role::Sponsor,
                on_behalf_of: None,
            },
            occurred_on: None,
            recorded_at: at,
            payload: serde_json::json!({}),
            hash: format!("{id}-{seq}"),
        };
        let row = decision_event::ActiveModel {
            id: NotSet,
            decision_id: Set(id.into()),
            seq: Set(seq),
            kind: Set("K".into()),
            actor_id: Set("a".into()),
            actor_name: Set("a".into()),
            actor_unit: Set("u".into()),
            actor_role: Set("SPONSOR".into()),
            actor_on_behalf: Set(None),
            scheme: Set(2),
            occurred_on: Set(None),
            recorded_at: Set(Utc.with_ymd_and_hms(2026, 6, 15, 2, 0, 0).unwrap()),
            payload: Set("{}".into()),
            hash: Set(format!("{id}-{seq}")),
        };
        (row, told)
    }

    /// Commits a batch whose callers all wait.
    async fn commit_all(
        db: &mut impl Conn,
        work: &[(Write, Vec<Stored>)],
    ) -> Result<Vec<Outcome>, DbErr> {
        let work: Vec<_> = work
            .iter()
            .map(|(w, e)| Batched {
                write: w,
                events: e.iter().map(|(row, _)| row).collect(),
                key: None,
            })
            .collect();
        Ok(commit(db, &work, || false).await?.expect("nobody left"))
    }

    async fn seqs(db: &DatabaseConnection, id: &str) -> Vec<i64> {
        decision_event::Entity::find()
            .select_only()
            .column(decision_event::Column::Seq)
            .filter(decision_event::Column::DecisionId.eq(id))
            .into_tuple::<i64>()
            .all(db)
            .await
            .expect("events")
    }

    async fn a_stale_write_conflicts_while_the_rest_of_its_batch_commits(
        conn: &mut impl Conn,
        db: &DatabaseConnection,
    ) {
        commit_all(
            conn,
            &[
                (create("b"), vec![event("b", 1)]),
                (create("c"), vec![event("c", 1)]),
            ],
        )
        .await
        .expect("seeded");
        let outcomes = commit_all(
            conn,
            &[
                (create("a"), vec![event("a", 1)]),
                (update("b", 1), vec![event("b", 2)]),
                // Stale: c is at version 1.
                (update("c", 7), vec![event("c", 2)]),
                (update("missing", 1), vec![event("missing", 1)]),
            ],
        )
        .await
        .expect("committed");
        assert_eq!(
            outcomes,
            [
                // Positions 1 and 2 went to the seeds.
                Outcome::Committed(vec![3]),
                Outcome::Committed(vec![4]),
                Outcome::Conflict { current: Some(1) },
                Outcome::Conflict { current: None },
            ]
        );
        assert_eq!(seqs(db, "a").await, [1]);
        assert_eq!(seqs(db, "b").await, [1, 2]);
        assert_eq!(
            seqs(db, "c").await,
            [1],
            "the stale write's event is not stored"
        );
        assert!(seqs(db, "missing").await.is_empty());
    }

    async fn two_writes_to_one_decision_in_a_batch_apply_in_order(
        conn: &mut impl Conn,
        db: &DatabaseConnection,
    ) {
        commit_all(conn, &[(create("d"), vec![event("d", 1)])])
            .await
            .expect("seeded");
        let outcomes = commit_all(
            conn,
            &[
                // Arrived in this order, and the second expects the first's version.
                (update("d", 1), vec![event("d", 2)]),
                (update("d", 2), vec![event("d", 3)]),
                // Judged on the state before both: loses.
                (update("d", 1), vec![event("d", 2)]),
            ],
        )
        .await
        .expect("committed");
        assert_eq!(
            outcomes,
            [
                Outcome::Committed(vec![2]),
                Outcome::Committed(vec![3]),
                Outcome::Conflict { current: Some(3) }
            ]
        );
        assert_eq!(seqs(db, "d").await, [1, 2, 3]);
    }

    async fn a_write_the_database_refuses_fails_alone(
        conn: &mut impl Conn,
        db: &DatabaseConnection,
    ) {
        let (mut jobs, mut answers) = (Vec::new(), Vec::new());
        for (write, events) in [
            (create("e"), vec![event("e", 1)]),
            // The same event twice: the unique (decision, seq) index refuses the whole batch.
            (create("f"), vec![event("f", 1), event("f", 1)]),
            (create("g"), vec![event("g", 1)]),
        ] {
            let (reply, answer) = oneshot::channel();
            jobs.push(Job {
                write,
                events,
                key: None,
                reply,
            });
            answers.push(answer);
        }
        commit_jobs(conn, jobs, None).await;
        let mut got = Vec::new();
        for a in answers {
            got.push(a.await.expect("answered"));
        }
        assert!(matches!(got[0], Ok(Outcome::Committed(_))), "{:?}", got[0]);
        assert!(got[1].is_err(), "{:?}", got[1]);
        assert!(matches!(got[2], Ok(Outcome::Committed(_))), "{:?}", got[2]);
        assert_eq!(seqs(db, "e").await, [1]);
        assert!(seqs(db, "f").await.is_empty(), "nothing of the bad write");
        assert_eq!(seqs(db, "g").await, [1]);
    }

    async fn nothing_is_committed_for_a_caller_who_has_gone(
        conn: &mut impl Conn,
        db: &DatabaseConnection,
    ) {
        // Gone before its batch: left out.
        let (reply, answer) = oneshot::channel();
        drop(answer);
        let gone = Job {
            write: create("h"),
            events: vec![event("h", 1)],
            key: None,
            reply,
        };
        let (reply, answer) = oneshot::channel();
        let waiting = Job {
            write: create("i"),
            events: vec![event("i", 1)],
            key: None,
            reply,
        };
        commit_jobs(conn, vec![gone, waiting], None).await;
        assert_eq!(
            answer.await.expect("answered").ok(),
            Some(Outcome::Committed(vec![1]))
        );
        assert!(seqs(db, "h").await.is_empty());
        assert_eq!(seqs(db, "i").await, [1]);

        // Gone while its batch was written: the batch is rolled back.
        let (write, events) = (create("j"), vec![event("j", 1)]);
        let batch = [Batched {
            write: &write,
            events: vec![&events[0].0],
            key: None,
        }];
        let rolled_back = commit(conn, &batch, || true).await;
        assert_eq!(rolled_back.expect("no error"), None);
        assert!(seqs(db, "j").await.is_empty());
    }

    /// Each case, through the pool's connection and through the SQLite writer's, and through
    /// the pool's connection to PostgreSQL when one is given (`.ci/run`'s second pass).
    macro_rules! on_each {
        ($($case:ident),*) => {
            mod pooled_conn {
                $(
                    #[tokio::test]
                    async fn $case() {
                        let (db, _dir) = super::database().await;
                        super::$case(&mut super::pooled::Pooled::new(db.clone()), &db).await;
                    }
                )*
            }
            mod sqlite_thread_conn {
                $(
                    #[tokio::test]
                    async fn $case() {
                        let (db, dir) = super::database().await;
                        let mut conn = super::sqlite::for_file(&dir.path().join("t.db"));
                        super::$case(&mut conn, &db).await;
                    }
                )*
            }
            mod postgres_pooled_conn {
                $(
                    #[tokio::test]
                    async fn $case() {
                        let Some(url) = super::postgres().await else { return };
                        let db = super::super::super::connect(&url).await.expect("opens");
                        super::$case(&mut super::pooled::Pooled::new(db.clone()), &db).await;
                    }
                )*
            }
        };
    }

    on_each!(
        a_stale_write_conflicts_while_the_rest_of_its_batch_commits,
        two_writes_to_one_decision_in_a_batch_apply_in_order,
        a_write_the_database_refuses_fails_alone,
        nothing_is_committed_for_a_caller_who_has_gone
    );

    /// Two replicas on one PostgreSQL database: a write judged on a version that the other
    /// replica has since replaced conflicts, and the valid write batched with it commits.
    #[tokio::test]
    async fn on_postgresql_a_write_made_stale_by_another_replica_fails_alone_in_its_batch() {
        let Some(url) = postgres().await else { return };
        let (a, b) = (
            super::super::connect(&url).await.expect("replica A"),
            super::super::connect(&url).await.expect("replica B"),
        );
        let (mut through_a, mut through_b) =
            (pooled::Pooled::new(a.clone()), pooled::Pooled::new(b));
        commit_all(&mut through_a, &[(create("k"), vec![event("k", 1)])])
            .await
            .expect("seeded");
        // A judged its act on version 1; meanwhile B's act made it version 2.
        let on_b = commit_all(&mut through_b, &[(update("k", 1), vec![event("k", 2)])])
            .await
            .expect("B committed");
        assert!(matches!(on_b[..], [Outcome::Committed(_)]), "{on_b:?}");
        let on_a = commit_all(
            &mut through_a,
            &[
                (update("k", 1), vec![event("k", 2)]),
                (create("l"), vec![event("l", 1)]),
            ],
        )
        .await
        .expect("A committed");
        assert_eq!(on_a[0], Outcome::Conflict { current: Some(2) });
        assert!(matches!(on_a[1], Outcome::Committed(_)), "{:?}", on_a[1]);
        assert_eq!(seqs(&a, "k").await, [1, 2], "one event per accepted act");
        assert_eq!(seqs(&a, "l").await, [1]);
    }

    /// 64 writes at once to a SQLite file: on a runtime of several threads the caller that
    /// finds the connection free writes for the others; on one of a single thread the writes
    /// are written on the blocking pool.
    async fn concurrent_writes_share_transactions_and_each_is_answered_after_its_commit() {
        let (db, _dir) = database().await;
        let (subscribers, mut told) = broadcast::channel(128);
        let writer = Writer::start(db.clone(), subscribers);
        let tasks: Vec<_> = (0..64)
            .map(|i| {
                let w = writer.clone();
                tokio::spawn(async move {
                    let id = format!("x{i:02}");
                    w.write(create(&id), vec![event(&id, 1)], None).await
                })
            })
            .collect();
        let mut answered = Vec::new();
        for t in tasks {
            match t.await.expect("joined").expect("written") {
                Outcome::Committed(positions) => answered.extend(positions),
                conflict => panic!("{conflict:?}"),
            }
        }
        answered.sort_unstable();
        assert_eq!(answered, (1..=64).collect::<Vec<i64>>());
        // Subscribers heard of every event, in the order of their positions.
        let mut heard = Vec::new();
        while let Ok(e) = told.try_recv() {
            heard.push(e.position);
        }
        assert_eq!(heard, (1..=64).collect::<Vec<i64>>());
        let stored = decision_event::Entity::find().all(&db).await.expect("rows");
        assert_eq!(stored.len(), 64);
        let (batches, writes) = writer.counts();
        assert_eq!(writes, 64);
        assert!(batches < 64, "{batches} transactions for 64 writes");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_writes_share_transactions_led_by_a_caller() {
        concurrent_writes_share_transactions_and_each_is_answered_after_its_commit().await;
    }

    #[tokio::test]
    async fn concurrent_writes_share_transactions_on_one_thread() {
        concurrent_writes_share_transactions_and_each_is_answered_after_its_commit().await;
    }
}
