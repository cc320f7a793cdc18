//! The only code that touches the database.
//!
//! A decision is one row (its state as JSON, plus the columns that lists filter on) and one
//! event row per accepted command. [`Store::append`] writes both in one transaction, guarded by
//! the version the caller loaded: if anyone wrote in between, nothing is written and the caller
//! gets [`StoreError::VersionConflict`]. That transaction is shared with the other acts that
//! arrived meanwhile (group commit, in [`writer`]): one durable commit carries them all, each
//! still checked and answered on its own. Loading a decision is one query.

mod accounts;
mod blobs;
mod catalogues;
mod chain;
mod checkpoints;
mod connect;
mod deadlines;
mod keys;
mod lease;
mod messages;
mod relay;
mod reminders;
mod sessions;
mod sqlite_file;
mod statistics;
mod verify;
mod writer;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, SubsecRound, Utc};
use entities::{calendar_version, deadline_index, decision, decision_event, public_comment};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use self::chain::Link;
use crate::config::CalendarSource;
use crate::procedure::{Actor, Deadline, DeadlineKind, Decision, Direction, Event, Stage};
use crate::service::{Comment, ListFilter, MessageKind, RecordedEvent};

pub use accounts::{NewAccount, parse_role, role_name};
pub use blobs::{BlobError, Blobs, hash_file, head_bytes};
pub use catalogues::LoadedCatalogue;
pub use connect::{DbOptions, connect, connect_with};
pub use deadlines::DeadlineSelection;
pub use keys::{KeptResult, NewKey};
pub use lease::{SWEEP_LOCK_KEYS, SweepLease};
pub use reminders::{Attempt, Target};
pub use sessions::{Credentials, StoredSession};
pub use verify::{Break, RecordRows};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("记录已被他人修改（当前版本{current}），请刷新后重试")]
    VersionConflict { current: i64 },
    #[error("未找到该决策")]
    NotFound,
    /// The version is the one expected, but the public's comments the act was judged on are no
    /// longer all there are: a comment arrived meanwhile.
    #[error("审查期间收到了新的公众意见")]
    CommentsArrived,
    /// A row with the same unique key exists (an organ's catalogue for a year).
    #[error("已经存在")]
    Duplicate,
    // The cause is the source, not repeated here: a log line prints the chain once.
    #[error("database")]
    Db(#[from] DbErr),
    #[error("stored record does not parse")]
    Corrupt(#[from] serde_json::Error),
}

/// A decision as loaded, with what the next append needs to chain its events.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub decision: Decision,
    pub event_count: i64,
    pub last_hash: String,
}

/// What is written with an act besides the decision and its events.
#[derive(Default, Clone, Copy)]
pub struct Alongside<'a> {
    /// For an act judged on the public's comments: how many there were. The act is written
    /// only if there are still that many ([`StoreError::CommentsArrived`] otherwise).
    pub judged_on_comments: Option<usize>,
    /// The idempotency key the act was sent with, kept in the same transaction.
    pub key: Option<&'a NewKey>,
    /// The decision's deadlines in the state written: they replace its rows in the index.
    pub deadlines: &'a [Deadline],
    /// Its deadlines in the state the act was judged on: when the rows would be the same, the
    /// index is left as it is (most acts change no deadline).
    pub deadlines_before: Option<&'a [Deadline]>,
}

/// How a message's kind is stored.
fn kind_column(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Comment => "COMMENT",
        MessageKind::Feedback => "FEEDBACK",
    }
}

/// How many committed events a subscriber may fall behind before it reads from the store.
pub const SUBSCRIBER_BUFFER: usize = 1024;

/// How many recently written decisions the store remembers (about 5 KB each).
const WRITE_CACHE_CAPACITY: usize = 4096;

/// Where a decision loaded for a write came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// This process wrote it last; another process may have written since, which the version
    /// check of [`Store::append`] catches.
    Cache,
    Database,
}

#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    /// The state this process last wrote, per decision: lets a command skip the read of the row
    /// it is about to update. Never used to answer a query, only to judge a command, because the
    /// write that follows is guarded by the version check and so can never act on stale state.
    written: Arc<Mutex<HashMap<String, Loaded>>>,
    /// The decisions' writes go through one writer task that commits them in batches.
    writer: writer::Writer,
    /// Where the writer tells of every event it commits.
    subscribers: tokio::sync::broadcast::Sender<RecordedEvent>,
    /// Where the materials' bytes are kept; none configured, none can be attached.
    blobs: Option<Blobs>,
    /// On a SQLite file, the reads every request makes, on the caller's thread.
    reader: Option<Arc<sqlite_file::Reader>>,
}

impl Store {
    /// A store over the connection, with its writer task started on the current runtime.
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_subscriber_buffer(db, SUBSCRIBER_BUFFER)
    }

    /// A store whose subscribers may fall `capacity` events behind before they read from it.
    pub(crate) fn with_subscriber_buffer(db: DatabaseConnection, capacity: usize) -> Self {
        let (subscribers, _) = tokio::sync::broadcast::channel(capacity);
        Self {
            writer: writer::Writer::start(db.clone(), subscribers.clone()),
            subscribers,
            reader: sqlite_file::Reader::for_database(&db).map(Arc::new),
            db,
            written: Arc::default(),
            blobs: None,
        }
    }

    /// The store with its materials kept in `blobs`.
    pub fn with_blobs(mut self, blobs: Blobs) -> Self {
        self.blobs = Some(blobs);
        self
    }

    pub fn blobs(&self) -> Option<&Blobs> {
        self.blobs.as_ref()
    }

    /// Every event committed from now on, in the order of its position. A receiver that falls
    /// more than [`SUBSCRIBER_BUFFER`] events behind is told it lagged, and reads the rest with
    /// [`Store::events_after`].
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<RecordedEvent> {
        self.subscribers.subscribe()
    }

    fn remember(&self, loaded: Loaded) {
        let mut cache = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        if cache.len() >= WRITE_CACHE_CAPACITY && !cache.contains_key(&loaded.decision.id) {
            // Dropping everything is crude but bounded; the next writes refill it.
            cache.clear();
        }
        cache.insert(loaded.decision.id.clone(), loaded);
    }

    fn forget(&self, id: &str) {
        self.written
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id);
    }

    /// The decision as this process last wrote it, or else as the database has it.
    pub async fn load_for_write(&self, id: &str) -> Result<Option<(Loaded, Source)>, StoreError> {
        let cached = self
            .written
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(id)
            .cloned();
        Ok(match cached {
            Some(l) => Some((l, Source::Cache)),
            None => self.load(id).await?.map(|l| (l, Source::Database)),
        })
    }

    /// Transactions the writer committed and the acts they carried, since this store started.
    pub fn commit_counts(&self) -> (u64, u64) {
        self.writer.counts()
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        Ok(self.db.ping().await?)
    }

    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    #[tracing::instrument(skip(self), err)]
    pub async fn load(&self, id: &str) -> Result<Option<Loaded>, StoreError> {
        let Some(row) = decision::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        Ok(Some(Loaded {
            decision: serde_json::from_str(&row.state)?,
            event_count: row.event_count,
            last_hash: row.last_hash,
        }))
    }

    /// Stores a new decision and its first event.
    #[tracing::instrument(skip_all, fields(decision = %d.id, actor = %actor.id), err)]
    pub async fn create(
        &self,
        d: &Decision,
        event: &Event,
        actor: &Actor,
        now: DateTime<Utc>,
        along: Alongside<'_>,
    ) -> Result<RecordedEvent, StoreError> {
        let key = along.key;
        // Microseconds: what both backends keep, so timestamps and cursors round-trip exactly.
        let now = now.trunc_subsecs(6);
        let recorded = record(&d.id, 1, "", event, actor, now)?;
        let row = decision::ActiveModel {
            id: Set(d.id.clone()),
            title: Set(d.proposal.title.to_string()),
            organ: Set(d.organ().to_owned()),
            stage: Set(stage_name(d.stage).into()),
            lead_unit: Set(None),
            catalogue_item: Set(d
                .proposal
                .catalogue
                .as_ref()
                .and_then(|l| l.item_id())
                .map(str::to_owned)),
            version: Set(d.version as i64),
            event_count: Set(1),
            last_hash: Set(recorded.hash.clone()),
            comments: Set(0),
            state: Set(serde_json::to_string(d)?),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let key = key.map(|k| k.row(serde_json::to_string(d)?)).transpose()?;
        let outcome = self
            .writer
            .write(
                writer::Write::Create {
                    row: Box::new(row),
                    deadlines: deadline_rows(d, along.deadlines),
                },
                vec![(event_row(&recorded)?, recorded.clone())],
                key,
            )
            .await?;
        // A new row has no version to conflict with: it is written, or the write fails.
        let mut recorded = recorded;
        if let writer::Outcome::Committed(positions) = outcome {
            recorded.position = positions.first().copied().unwrap_or_default();
        }
        self.remember(Loaded {
            decision: d.clone(),
            event_count: 1,
            last_hash: recorded.hash.clone(),
        });
        Ok(recorded)
    }

    /// Writes the decision's next state and its events, if nobody wrote since `before` was loaded
    /// and, for an act judged on the public's comments, `along.judged_on_comments` is still how
    /// many there are.
    #[tracing::instrument(skip_all, fields(decision = %next.id, actor = %actor.id), err)]
    pub async fn append(
        &self,
        before: &Loaded,
        next: &Decision,
        events: &[Event],
        actor: &Actor,
        now: DateTime<Utc>,
        along: Alongside<'_>,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        let (comments, key) = (along.judged_on_comments, along.key);
        let now = now.trunc_subsecs(6);
        let mut recorded = Vec::with_capacity(events.len());
        let mut prev = before.last_hash.clone();
        for (i, e) in events.iter().enumerate() {
            let r = record(
                &next.id,
                before.event_count + 1 + i as i64,
                &prev,
                e,
                actor,
                now,
            )?;
            prev = r.hash.clone();
            recorded.push(r);
        }
        use decision::Column as C;
        let state = serde_json::to_string(next)?;
        let key = key.map(|k| k.row(state.clone())).transpose()?;
        let columns = vec![
            (C::Stage, stage_name(next.stage).into()),
            (
                C::LeadUnit,
                next.start.as_ref().map(|s| s.lead_unit.to_string()).into(),
            ),
            (C::Version, (next.version as i64).into()),
            (
                C::EventCount,
                (before.event_count + recorded.len() as i64).into(),
            ),
            (C::LastHash, prev.clone().into()),
            (C::State, state.clone().into()),
            (C::UpdatedAt, now.into()),
        ];
        let events = recorded
            .iter()
            .map(|r| Ok((event_row(r)?, r.clone())))
            .collect::<Result<Vec<_>, serde_json::Error>>()?;
        let write = writer::Write::Update {
            id: next.id.clone(),
            expected: before.decision.version as i64,
            comments: comments.map(|n| n as i64),
            columns,
            deadlines: {
                let rows = deadline_rows(next, along.deadlines);
                let unchanged = along
                    .deadlines_before
                    .is_some_and(|b| deadline_rows(&before.decision, b) == rows);
                (!unchanged).then_some(rows)
            },
        };
        match self.writer.write(write, events, key).await? {
            writer::Outcome::Committed(positions) => {
                for (r, position) in recorded.iter_mut().zip(positions) {
                    r.position = position;
                }
            }
            writer::Outcome::Conflict { current } => {
                self.forget(&next.id);
                return Err(match current {
                    Some(current) if current == before.decision.version as i64 => {
                        StoreError::CommentsArrived
                    }
                    Some(current) => StoreError::VersionConflict { current },
                    None => StoreError::NotFound,
                });
            }
        }
        self.remember(Loaded {
            decision: next.clone(),
            event_count: before.event_count + recorded.len() as i64,
            last_hash: prev,
        });
        Ok(recorded)
    }

    /// Decisions newest first, after the cursor `(created_at, id)` of the last one seen.
    #[tracing::instrument(skip(self), err)]
    pub async fn list(
        &self,
        filter: &ListFilter,
        after: Option<(DateTime<Utc>, String)>,
        limit: u64,
    ) -> Result<Vec<(Decision, DateTime<Utc>)>, StoreError> {
        use decision::Column as C;
        let mut q = decision::Entity::find()
            .order_by_desc(C::CreatedAt)
            .order_by_desc(C::Id)
            .limit(limit);
        if let Some(organ) = &filter.organ {
            q = q.filter(C::Organ.eq(organ));
        }
        if let Some(stage) = filter.stage {
            q = q.filter(C::Stage.eq(stage_name(stage)));
        }
        if let Some(unit) = &filter.lead_unit {
            q = q.filter(C::LeadUnit.eq(unit));
        }
        if let Some((at, id)) = after {
            q = q.filter(
                C::CreatedAt
                    .lt(at)
                    .or(C::CreatedAt.eq(at).and(C::Id.lt(id))),
            );
        }
        q.all(&self.db)
            .await?
            .into_iter()
            .map(|row| Ok((serde_json::from_str(&row.state)?, row.created_at)))
            .collect()
    }

    /// The ids of the decisions in `stage` (all, if none) of `organ` (any, if none), in order:
    /// what a year's archive and a whole-database verification walk, one decision at a time.
    pub async fn decision_ids(
        &self,
        stage: Option<Stage>,
        organ: Option<&str>,
    ) -> Result<Vec<String>, StoreError> {
        use decision::Column as C;
        let mut q = decision::Entity::find()
            .select_only()
            .column(C::Id)
            .order_by_asc(C::Id);
        if let Some(stage) = stage {
            q = q.filter(C::Stage.eq(stage_name(stage)));
        }
        if let Some(organ) = organ {
            q = q.filter(C::Organ.eq(organ));
        }
        Ok(q.into_tuple::<String>().all(&self.db).await?)
    }

    /// The connection pool's size and how many of its connections are idle.
    pub fn pool_use(&self) -> (u32, usize) {
        // Each getter panics on the other backend: ask which one it is first.
        match self.db.get_database_backend() {
            sea_orm::DbBackend::Sqlite => {
                let pool = self.db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
            sea_orm::DbBackend::Postgres => {
                let pool = self.db.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => (0, 0),
        }
    }

    pub async fn count(&self) -> Result<u64, StoreError> {
        Ok(decision::Entity::find().count(&self.db).await?)
    }

    /// The decision's events, oldest first.
    #[tracing::instrument(skip(self), err)]
    pub async fn history(&self, decision_id: &str) -> Result<Vec<RecordedEvent>, StoreError> {
        decision_event::Entity::find()
            .filter(decision_event::Column::DecisionId.eq(decision_id))
            .order_by_asc(decision_event::Column::Seq)
            .all(&self.db)
            .await?
            .into_iter()
            .map(recorded_event)
            .collect()
    }

    /// The events of these decisions, each decision's oldest first, in a few queries.
    #[tracing::instrument(skip_all, fields(decisions = ids.len()), err)]
    pub async fn histories(&self, ids: &[String]) -> Result<Vec<RecordedEvent>, StoreError> {
        use decision_event::Column as C;
        let mut out = Vec::new();
        for chunk in ids.chunks(500) {
            let rows = decision_event::Entity::find()
                .filter(C::DecisionId.is_in(chunk.iter().cloned()))
                .order_by_asc(C::DecisionId)
                .order_by_asc(C::Seq)
                .all(&self.db)
                .await?;
            for row in rows {
                out.push(recorded_event(row)?);
            }
        }
        Ok(out)
    }

    /// The position of the last event stored, 0 when there is none.
    pub async fn last_position(&self) -> Result<i64, StoreError> {
        last_position(&self.db).await
    }

    /// Up to `limit` events after `position`, in the order of their positions: of one decision,
    /// or of all. What a subscriber resuming after `position` missed.
    #[tracing::instrument(skip(self), err)]
    pub async fn events_after(
        &self,
        position: i64,
        decision_id: Option<&str>,
        limit: u64,
    ) -> Result<Vec<RecordedEvent>, StoreError> {
        events_after(&self.db, position, decision_id, limit).await
    }

    /// Keeps a calendar's texts under its version, once.
    pub async fn save_calendar(
        &self,
        version: &str,
        source: &CalendarSource,
    ) -> Result<(), StoreError> {
        use sea_orm::sea_query::OnConflict;
        calendar_version::Entity::insert(calendar_version::ActiveModel {
            version: Set(version.to_owned()),
            base: Set(source.base.clone()),
            overlay: Set(source.overlay.clone()),
            first_used_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::column(calendar_version::Column::Version)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&self.db)
        .await?;
        Ok(())
    }

    pub async fn calendar_source(
        &self,
        version: &str,
    ) -> Result<Option<CalendarSource>, StoreError> {
        Ok(calendar_version::Entity::find_by_id(version)
            .one(&self.db)
            .await?
            .map(|row| CalendarSource {
                base: row.base,
                overlay: row.overlay,
            }))
    }

    pub async fn comment_ids(&self, decision_id: &str) -> Result<Vec<String>, StoreError> {
        Ok(public_comment::Entity::find()
            .select_only()
            .column(public_comment::Column::Id)
            .filter(public_comment::Column::DecisionId.eq(decision_id))
            .filter(public_comment::Column::Kind.eq(kind_column(MessageKind::Comment)))
            .into_tuple::<String>()
            .all(&self.db)
            .await?)
    }

    /// The public's messages of one kind on a decision, oldest first.
    pub async fn comments(
        &self,
        decision_id: &str,
        kind: MessageKind,
    ) -> Result<Vec<Comment>, StoreError> {
        Ok(public_comment::Entity::find()
            .filter(public_comment::Column::DecisionId.eq(decision_id))
            .filter(public_comment::Column::Kind.eq(kind_column(kind)))
            .order_by_asc(public_comment::Column::SubmittedAt)
            .order_by_asc(public_comment::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| Comment {
                id: c.id,
                decision_id: c.decision_id,
                kind,
                body: c.body,
                commenter: c.commenter,
                contact: c.contact,
                submitted_at: c.submitted_at,
            })
            .collect())
    }

    /// One of the public's messages, by its id (the receipt number the sender was given).
    pub async fn comment(&self, id: &str) -> Result<Option<Comment>, StoreError> {
        Ok(public_comment::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(|c| Comment {
                kind: if c.kind == kind_column(MessageKind::Feedback) {
                    MessageKind::Feedback
                } else {
                    MessageKind::Comment
                },
                id: c.id,
                decision_id: c.decision_id,
                body: c.body,
                commenter: c.commenter,
                contact: c.contact,
                submitted_at: c.submitted_at,
            }))
    }

    /// Stores a message from the public, with the key it was sent under, in one transaction, if
    /// the decision is still at version `judged` (its stage and consultation as the service
    /// checked them). A comment counts on the decision's row, under the row's lock: an act judged
    /// on the comments and racing this one either waits and sees it, or is seen first and the
    /// comment is judged again. `false` when the decision has changed since the check.
    pub async fn add_comment(
        &self,
        c: &Comment,
        judged: u64,
        key: Option<&NewKey>,
    ) -> Result<bool, StoreError> {
        use sea_orm::TransactionTrait;
        let key = key.map(|k| k.row(serde_json::to_string(c)?)).transpose()?;
        let txn = self.db.begin().await?;
        // The decision's row is written first, feedback too (which counts nothing), so that its
        // lock orders the messages: each is chained to the one before it, never to the same.
        use decision::Column as C;
        let bump = match c.kind {
            MessageKind::Comment => Expr::col(C::Comments).add(1),
            MessageKind::Feedback => Expr::col(C::Comments),
        };
        let counted = decision::Entity::update_many()
            .col_expr(C::Comments, bump)
            .filter(C::Id.eq(&c.decision_id))
            .filter(C::Version.eq(judged as i64))
            .exec(&txn)
            .await?;
        if counted.rows_affected != 1 {
            txn.rollback().await?;
            return Ok(false);
        }
        let (seq, prev) = messages::head(&txn, &c.decision_id).await?;
        messages::insert(&txn, c, seq + 1, &prev).await?;
        if let Some(key) = key {
            entities::idempotency_key::Entity::insert(key)
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(true)
    }
}

async fn last_position(db: &DatabaseConnection) -> Result<i64, StoreError> {
    use sea_orm::sea_query::Func;
    let max = decision_event::Entity::find()
        .select_only()
        .expr(Func::max(Expr::col(decision_event::Column::Id)))
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?;
    Ok(max.flatten().unwrap_or(0))
}

async fn events_after(
    db: &DatabaseConnection,
    position: i64,
    decision_id: Option<&str>,
    limit: u64,
) -> Result<Vec<RecordedEvent>, StoreError> {
    use decision_event::Column as C;
    let mut q = decision_event::Entity::find()
        .filter(C::Id.gt(position))
        .order_by_asc(C::Id)
        .limit(limit);
    if let Some(id) = decision_id {
        q = q.filter(C::DecisionId.eq(id));
    }
    q.all(db).await?.into_iter().map(recorded_event).collect()
}

/// The actor an event row names. Events name the official by id, name, unit and role; the
/// organ is the decision's or the catalogue's.
fn stored_actor(
    id: String,
    name: String,
    unit: String,
    role: &str,
    on_behalf: Option<&str>,
) -> Result<Actor, StoreError> {
    Ok(Actor {
        id,
        name,
        organ: String::new(),
        unit,
        role: accounts::parse_role(role).ok_or_else(|| DbErr::Custom(format!("role {role}")))?,
        on_behalf_of: on_behalf.map(serde_json::from_str).transpose()?,
    })
}

/// An event as read back from its row.
fn recorded_event(row: decision_event::Model) -> Result<RecordedEvent, StoreError> {
    Ok(RecordedEvent {
        position: row.id,
        decision_id: row.decision_id,
        seq: row.seq,
        kind: row.kind,
        actor: stored_actor(
            row.actor_id,
            row.actor_name,
            row.actor_unit,
            &row.actor_role,
            row.actor_on_behalf.as_deref(),
        )?,
        occurred_on: row.occurred_on,
        recorded_at: row.recorded_at,
        payload: serde_json::from_str(&row.payload)?,
        hash: row.hash,
    })
}

pub fn stage_name(s: Stage) -> &'static str {
    match s {
        Stage::Proposed => "PROPOSED",
        Stage::Drafting => "DRAFTING",
        Stage::LegalityReview => "LEGALITY_REVIEW",
        Stage::AwaitingDiscussion => "AWAITING_DISCUSSION",
        Stage::Adopted => "ADOPTED",
        Stage::Published => "PUBLISHED",
        Stage::InExecution => "IN_EXECUTION",
        Stage::Suspended => "SUSPENDED",
        Stage::PostEvaluation => "POST_EVALUATION",
        Stage::Rejected => "REJECTED",
        Stage::Withdrawn => "WITHDRAWN",
        Stage::Terminated => "TERMINATED",
        Stage::Adjusted => "ADJUSTED",
        Stage::Archived => "ARCHIVED",
    }
}

/// How a deadline's kind is stored in the index.
pub fn deadline_kind_name(k: DeadlineKind) -> &'static str {
    match k {
        DeadlineKind::ConsultationEnd => "CONSULTATION_END",
        DeadlineKind::HearingMaterials => "HEARING_MATERIALS",
        DeadlineKind::EarliestMeeting => "EARLIEST_MEETING",
        DeadlineKind::Filing => "FILING",
        DeadlineKind::ExecutionReport => "EXECUTION_REPORT",
        DeadlineKind::CataloguePlannedTime => "CATALOGUE_PLANNED_TIME",
    }
}

/// The index rows of the decision's deadlines.
fn deadline_rows(d: &Decision, deadlines: &[Deadline]) -> Vec<deadline_index::ActiveModel> {
    deadlines
        .iter()
        .map(|dl| {
            let due = dl.due.as_ref().ok().copied();
            let to_meet = dl.direction == Direction::By;
            // What `procedure::newly_passed` would record once the date has passed.
            let sweep = to_meet
                && dl.met_on.is_none()
                && d.stage != Stage::Archived
                && due.is_some_and(|due| !d.passed_deadlines.contains(&(dl.kind, due)));
            deadline_index::ActiveModel {
                id: sea_orm::ActiveValue::NotSet,
                decision_id: Set(d.id.clone()),
                organ: Set(d.organ().to_owned()),
                kind: Set(deadline_kind_name(dl.kind).to_owned()),
                to_meet: Set(to_meet),
                due: Set(due),
                met_on: Set(dl.met_on),
                unit: Set(dl.unit.as_ref().map(ToString::to_string)),
                sweep: Set(sweep),
            }
        })
        .collect()
}

/// Builds the stored form of an event, chained to the hash of the one before it.
fn record(
    decision_id: &str,
    seq: i64,
    prev_hash: &str,
    event: &Event,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<RecordedEvent, serde_json::Error> {
    let payload = untagged(serde_json::to_value(event)?);
    // Microseconds: what both SQLite and PostgreSQL give back, so the hash can be checked later.
    let now = now.trunc_subsecs(6);
    let occurred_on = event.occurred_on();
    let on_behalf = actor
        .on_behalf_of
        .as_ref()
        .map(serde_json::to_string)
        .transpose()?;
    let hash = chain::hash(&Link {
        scheme: chain::SCHEME,
        prev_hash,
        stream_id: decision_id,
        seq,
        kind: event.kind(),
        actor_id: &actor.id,
        actor_name: &actor.name,
        actor_unit: &actor.unit,
        actor_role: accounts::role_name(actor.role),
        on_behalf: on_behalf.as_deref(),
        occurred_on,
        recorded_at: now,
        payload: &payload.to_string(),
    });
    Ok(RecordedEvent {
        // Given by the database when the event is committed.
        position: 0,
        decision_id: decision_id.to_owned(),
        seq,
        kind: event.kind().to_owned(),
        actor: actor.clone(),
        occurred_on,
        recorded_at: now,
        payload,
        hash,
    })
}

/// The payload stored for an event: its content without its tag (the kind is stored beside it).
fn untagged(tagged: serde_json::Value) -> serde_json::Value {
    match tagged {
        serde_json::Value::Object(mut o) => o.remove("payload").unwrap_or_default(),
        other => other,
    }
}

/// An event's row, as the writer inserts it.
fn event_row(r: &RecordedEvent) -> Result<decision_event::ActiveModel, serde_json::Error> {
    Ok(decision_event::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        decision_id: Set(r.decision_id.clone()),
        seq: Set(r.seq),
        kind: Set(r.kind.clone()),
        actor_id: Set(r.actor.id.clone()),
        actor_name: Set(r.actor.name.clone()),
        actor_unit: Set(r.actor.unit.clone()),
        actor_role: Set(accounts::role_name(r.actor.role).into()),
        actor_on_behalf: Set(r
            .actor
            .on_behalf_of
            .as_ref()
            .map(serde_json::to_string)
            .transpose()?),
        occurred_on: Set(r.occurred_on),
        recorded_at: Set(r.recorded_at),
        payload: Set(r.payload.to_string()),
        hash: Set(r.hash.clone()),
        scheme: Set(chain::SCHEME),
    })
}
