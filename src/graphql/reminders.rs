//! Reminders over GraphQL: `myReminders`, and the `reminders` subscription (in
//! [`super::SubscriptionRoot`]), both for the caller's unit only.

use std::time::Duration;

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use futures_util::Stream;

use super::enums::DeadlineKind;
use super::scalars::Date;
use super::{caller, db_turn, gql_error, service};
use crate::procedure::reminder::{About, Threshold};
use crate::service::{Caller, SeenReminder, Service};

/// How often a subscriber's server reads the store for reminders raised by other servers.
const POLL: Duration = Duration::from_secs(2);

#[derive(Default)]
pub struct RemindersQuery;

#[Object]
impl RemindersQuery {
    /// The reminders of the caller's unit — before a deadline it answers for falls due (as many
    /// working days ahead as the profile sets for its kind), once it has passed unmet, and when
    /// the government office issues a 督办 on it — newest first, with their outward deliveries.
    async fn my_reminders(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50, validator(minimum = 1, maximum = 200))] first: i32,
    ) -> Result<Vec<Reminder>> {
        let _turn = db_turn(ctx).await;
        let found = service(ctx)
            .my_reminders(caller(ctx)?, u64::try_from(first).unwrap_or(50))
            .await
            .map_err(gql_error)?;
        Ok(found.into_iter().map(Reminder::from).collect())
    }
}

/// Which notice of a deadline a reminder is.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum ReminderThreshold {
    /// The deadline falls due within `workingDaysBefore` working days.
    Before,
    /// It has passed and is not met.
    Passed,
    /// The government office issued a 督办 on it.
    Supervision,
}

/// A reminder told to the unit that answers for a deadline.
#[derive(SimpleObject)]
pub struct Reminder {
    /// In the order raised: a subscriber resumes after the last it saw.
    pub id: ID,
    pub position: i64,
    /// The decision it is about; or, for a catalogue item no decision has decided yet, the item.
    pub decision_id: Option<ID>,
    pub catalogue_item_id: Option<ID>,
    /// The decision's title or the item's name.
    pub title: String,
    pub unit: String,
    pub deadline: Option<DeadlineKind>,
    pub due: Date,
    pub threshold: Option<ReminderThreshold>,
    /// For a BEFORE reminder: how many working days ahead the profile reminds.
    pub working_days_before: Option<u32>,
    /// For a SUPERVISION reminder: the notice's number on the decision.
    pub supervision_number: Option<u32>,
    /// What the unit reads, in full.
    pub message: String,
    pub raised_on: Date,
    pub raised_at: DateTime<Utc>,
    /// Its deliveries to the organ's webhooks and the unit's mailbox, with every attempt.
    pub deliveries: Vec<ReminderDelivery>,
}

#[derive(SimpleObject)]
pub struct ReminderDelivery {
    /// WEBHOOK or EMAIL.
    pub channel: String,
    /// PENDING, DELIVERED or FAILED (given up after the last attempt).
    pub state: String,
    pub delivered_at: Option<DateTime<Utc>>,
    /// When a pending delivery is tried next.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub attempts: Vec<ReminderDeliveryAttempt>,
}

#[derive(SimpleObject)]
pub struct ReminderDeliveryAttempt {
    pub attempt: i32,
    pub at: DateTime<Utc>,
    pub delivered: bool,
    /// What the receiver answered (`HTTP 200`, `SMTP 250`), or why no answer came.
    pub outcome: String,
}

impl From<SeenReminder> for Reminder {
    fn from(r: SeenReminder) -> Self {
        let (threshold, working_days_before, supervision_number) = match r.threshold {
            Some(Threshold::Before(n)) => (Some(ReminderThreshold::Before), Some(n), None),
            Some(Threshold::Passed) => (Some(ReminderThreshold::Passed), None, None),
            Some(Threshold::Supervision(n)) => {
                (Some(ReminderThreshold::Supervision), None, Some(n))
            }
            None => (None, None, None),
        };
        Self {
            id: ID(r.id.to_string()),
            position: r.id,
            decision_id: match &r.about {
                About::Decision(id) => Some(ID(id.clone())),
                About::CatalogueItem(_) => None,
            },
            catalogue_item_id: match r.about {
                About::CatalogueItem(id) => Some(ID(id)),
                About::Decision(_) => None,
            },
            title: r.title,
            unit: r.unit,
            deadline: r.kind.map(Into::into),
            due: r.due.into(),
            threshold,
            working_days_before,
            supervision_number,
            message: r.message,
            raised_on: r.raised_on.into(),
            raised_at: r.raised_at,
            deliveries: r
                .deliveries
                .into_iter()
                .map(|d| ReminderDelivery {
                    channel: d.channel,
                    state: d.state,
                    delivered_at: d.delivered_at,
                    next_attempt_at: d.next_attempt_at,
                    attempts: d
                        .attempts
                        .into_iter()
                        .map(|a| ReminderDeliveryAttempt {
                            attempt: a.attempt,
                            at: a.at,
                            delivered: a.delivered,
                            outcome: a.outcome,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Where a subscriber stands: what it has been told up to, and what is read but not yet told.
struct Cursor {
    service: Service,
    caller: Caller,
    after: Option<i64>,
    ready: std::collections::VecDeque<SeenReminder>,
}

/// The caller's unit's reminders as they are raised, from `after` (a reminder's `position`)
/// or from now. Ends when the account is revoked or expires.
pub(super) fn stream(
    service: Service,
    caller: Caller,
    after: Option<i64>,
) -> impl Stream<Item = Result<Reminder>> {
    let start = Cursor {
        service,
        caller,
        after,
        ready: Default::default(),
    };
    futures_util::stream::unfold(Some(start), |cursor| async move {
        let mut c = cursor?;
        loop {
            if let Some(r) = c.ready.pop_front() {
                return Some((Ok(Reminder::from(r)), Some(c)));
            }
            let raised = c.service.reminder_raised();
            let woken = raised.notified();
            match c.service.still_active(&c.caller).await {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => return Some((Err(gql_error(e)), None)),
            }
            match c.service.reminders_after(&c.caller, c.after).await {
                Ok((found, last)) => {
                    c.after = Some(last);
                    c.ready.extend(found);
                }
                Err(e) => return Some((Err(gql_error(e)), None)),
            }
            if c.ready.is_empty() {
                let _ = tokio::time::timeout(POLL, woken).await;
            }
        }
    })
}
