//! Reminders as stored: raised once per decision, deadline and threshold (a unique key, so any
//! number of servers may raise the same one and a single row results), and their deliveries,
//! which a server claims for a while before sending, so that two servers do not send one twice.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use entities::{delivery_attempt, reminder, reminder_delivery};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement, TransactionTrait,
};

use super::{Store, StoreError, deadline_kind_name};
use crate::procedure::reminder::{About, Reminder};

/// Where a reminder goes besides the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// `WEBHOOK` or `EMAIL`.
    pub channel: &'static str,
    /// The URL or the mailbox.
    pub target: String,
}

/// What one attempt to deliver came to.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub at: DateTime<Utc>,
    pub delivered: bool,
    pub outcome: String,
    /// When to try again; `None` with `delivered` false: given up.
    pub retry_at: Option<DateTime<Utc>>,
}

/// The advisory lock a server holds from storing a reminder to its commit, on PostgreSQL: a
/// constant ("DESR") and the schema. Reminders are then numbered in the order they commit, so a
/// subscriber that reads on "after the last it was told of" skips none (as the events' relay).
const REMINDER_ORDER_KEYS: &str = "1145394002, hashtext(current_schema())";

const PENDING: &str = "PENDING";
const DELIVERED: &str = "DELIVERED";
const FAILED: &str = "FAILED";

impl Store {
    /// The keys of the reminders already raised for these decisions (or catalogue items), to
    /// raise only the others.
    pub async fn raised_reminders(
        &self,
        subject_ids: &[String],
    ) -> Result<HashSet<(String, String, NaiveDate, String)>, StoreError> {
        let mut out = HashSet::new();
        for chunk in subject_ids.chunks(500) {
            let rows: Vec<(String, String, NaiveDate, String)> = reminder::Entity::find()
                .select_only()
                .columns([
                    reminder::Column::SubjectId,
                    reminder::Column::DeadlineKind,
                    reminder::Column::Due,
                    reminder::Column::Threshold,
                ])
                .filter(reminder::Column::SubjectId.is_in(chunk.iter().cloned()))
                .into_tuple()
                .all(&self.db)
                .await?;
            out.extend(rows);
        }
        Ok(out)
    }

    /// Stores the reminder and its deliveries in one transaction, unless it was raised already
    /// (here or by another server): its id if this call raised it.
    pub async fn raise_reminder(
        &self,
        r: &Reminder,
        targets: &[Target],
        raised_on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let txn = self.db.begin().await?;
        if txn.get_database_backend() == DbBackend::Postgres {
            txn.execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT pg_advisory_xact_lock({REMINDER_ORDER_KEYS})"),
            ))
            .await?;
        }
        let kind = deadline_kind_name(r.kind);
        let threshold = r.threshold.key();
        let inserted = reminder::Entity::insert(reminder::ActiveModel {
            id: NotSet,
            organ: Set(r.organ.clone()),
            unit: Set(r.unit.to_string()),
            subject: Set(match r.about {
                About::Decision(_) => "DECISION",
                About::CatalogueItem(_) => "CATALOGUE_ITEM",
            }
            .to_owned()),
            subject_id: Set(r.about.id().to_owned()),
            title: Set(r.title.to_string()),
            deadline_kind: Set(kind.to_owned()),
            due: Set(r.due),
            threshold: Set(threshold.clone()),
            message: Set(r.message.clone()),
            raised_on: Set(raised_on),
            raised_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([
                reminder::Column::SubjectId,
                reminder::Column::DeadlineKind,
                reminder::Column::Due,
                reminder::Column::Threshold,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        if inserted == 0 {
            txn.rollback().await?;
            return Ok(None);
        }
        let id: i64 = reminder::Entity::find()
            .select_only()
            .column(reminder::Column::Id)
            .filter(reminder::Column::SubjectId.eq(r.about.id()))
            .filter(reminder::Column::DeadlineKind.eq(kind))
            .filter(reminder::Column::Due.eq(r.due))
            .filter(reminder::Column::Threshold.eq(&threshold))
            .into_tuple()
            .one(&txn)
            .await?
            .ok_or_else(|| sea_orm::DbErr::Custom("the reminder just stored is missing".into()))?;
        if !targets.is_empty() {
            reminder_delivery::Entity::insert_many(targets.iter().map(|t| {
                reminder_delivery::ActiveModel {
                    id: NotSet,
                    reminder_id: Set(id),
                    channel: Set(t.channel.to_owned()),
                    target: Set(t.target.clone()),
                    state: Set(PENDING.to_owned()),
                    attempts: Set(0),
                    next_attempt_at: Set(now),
                    claimed_until: Set(None),
                    delivered_at: Set(None),
                    last_error: Set(None),
                }
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        txn.commit().await?;
        Ok(Some(id))
    }

    /// The unit's reminders: newest first, or, after `after`, in the order raised.
    pub async fn unit_reminders(
        &self,
        organ: &str,
        unit: &str,
        after: Option<i64>,
        limit: u64,
    ) -> Result<Vec<reminder::Model>, StoreError> {
        let q = reminder::Entity::find()
            .filter(reminder::Column::Organ.eq(organ))
            .filter(reminder::Column::Unit.eq(unit));
        let q = match after {
            Some(after) => q
                .filter(reminder::Column::Id.gt(after))
                .order_by_asc(reminder::Column::Id),
            None => q.order_by_desc(reminder::Column::Id),
        };
        Ok(q.limit(limit).all(&self.db).await?)
    }

    /// The last reminder raised, anywhere: a subscriber is told of those after it.
    pub async fn last_reminder(&self) -> Result<i64, StoreError> {
        let last: Option<i64> = reminder::Entity::find()
            .select_only()
            .column(reminder::Column::Id)
            .order_by_desc(reminder::Column::Id)
            .limit(1)
            .into_tuple()
            .one(&self.db)
            .await?;
        Ok(last.unwrap_or(0))
    }

    /// The deliveries of these reminders, with every attempt of each.
    pub async fn deliveries(
        &self,
        reminder_ids: &[i64],
    ) -> Result<Vec<(reminder_delivery::Model, Vec<delivery_attempt::Model>)>, StoreError> {
        let deliveries = reminder_delivery::Entity::find()
            .filter(reminder_delivery::Column::ReminderId.is_in(reminder_ids.iter().copied()))
            .order_by_asc(reminder_delivery::Column::Id)
            .all(&self.db)
            .await?;
        let mut attempts = delivery_attempt::Entity::find()
            .filter(delivery_attempt::Column::DeliveryId.is_in(deliveries.iter().map(|d| d.id)))
            .order_by_asc(delivery_attempt::Column::Id)
            .all(&self.db)
            .await?;
        Ok(deliveries
            .into_iter()
            .map(|d| {
                let (mine, rest) = attempts.drain(..).partition(|a| a.delivery_id == d.id);
                attempts = rest;
                (d, mine)
            })
            .collect())
    }

    /// Up to `limit` deliveries due by `now` that no server holds, each now held by this one
    /// until `hold_until`, with its reminder. A delivery another server claimed between the
    /// read and the claim is left to it.
    pub async fn claim_deliveries(
        &self,
        now: DateTime<Utc>,
        hold_until: DateTime<Utc>,
        limit: u64,
    ) -> Result<Vec<(reminder_delivery::Model, reminder::Model)>, StoreError> {
        use reminder_delivery::Column as C;
        let free = || {
            Condition::any()
                .add(C::ClaimedUntil.is_null())
                .add(C::ClaimedUntil.lt(now))
        };
        let due = reminder_delivery::Entity::find()
            .filter(C::State.eq(PENDING))
            .filter(C::NextAttemptAt.lte(now))
            .filter(free())
            .order_by_asc(C::NextAttemptAt)
            .order_by_asc(C::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        let mut claimed = Vec::new();
        for d in due {
            let took = reminder_delivery::Entity::update_many()
                .col_expr(C::ClaimedUntil, Expr::value(hold_until))
                .filter(C::Id.eq(d.id))
                .filter(C::State.eq(PENDING))
                .filter(free())
                .exec(&self.db)
                .await?;
            if took.rows_affected != 1 {
                continue;
            }
            if let Some(r) = reminder::Entity::find_by_id(d.reminder_id)
                .one(&self.db)
                .await?
            {
                claimed.push((d, r));
            }
        }
        Ok(claimed)
    }

    /// Records the attempt and what it leaves the delivery in: delivered, due again at
    /// `retry_at`, or given up. The hold is released.
    pub async fn record_attempt(
        &self,
        delivery: &reminder_delivery::Model,
        attempt: &Attempt,
    ) -> Result<(), StoreError> {
        use reminder_delivery::Column as C;
        let number = delivery.attempts + 1;
        let txn = self.db.begin().await?;
        delivery_attempt::Entity::insert(delivery_attempt::ActiveModel {
            id: NotSet,
            delivery_id: Set(delivery.id),
            attempt: Set(number),
            attempted_at: Set(attempt.at),
            delivered: Set(attempt.delivered),
            outcome: Set(attempt.outcome.clone()),
        })
        .exec_without_returning(&txn)
        .await?;
        let (state, next, delivered_at, error) = match (attempt.delivered, attempt.retry_at) {
            (true, _) => (DELIVERED, delivery.next_attempt_at, Some(attempt.at), None),
            (false, Some(at)) => (PENDING, at, None, Some(attempt.outcome.clone())),
            (false, None) => (
                FAILED,
                delivery.next_attempt_at,
                None,
                Some(attempt.outcome.clone()),
            ),
        };
        reminder_delivery::Entity::update_many()
            .col_expr(C::State, Expr::value(state))
            .col_expr(C::Attempts, Expr::value(number))
            .col_expr(C::NextAttemptAt, Expr::value(next))
            .col_expr(C::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(C::DeliveredAt, Expr::value(delivered_at))
            .col_expr(C::LastError, Expr::value(error))
            .filter(C::Id.eq(delivery.id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The decisions with a deadline to meet that is not met and falls due before `before`
    /// (passed ones included): those that may call for a reminder.
    pub async fn decisions_to_remind(&self, before: NaiveDate) -> Result<Vec<String>, StoreError> {
        use entities::deadline_index::Column as C;
        Ok(entities::deadline_index::Entity::find()
            .select_only()
            .column(C::DecisionId)
            .distinct()
            .filter(C::ToMeet.eq(true))
            .filter(C::MetOn.is_null())
            .filter(C::Due.lt(before))
            .order_by_asc(C::DecisionId)
            .into_tuple::<String>()
            .all(&self.db)
            .await?)
    }
}
