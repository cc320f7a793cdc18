//! Reminders (超期预警 and 督办): raised from the record, told to the unit that answers for the
//! deadline — always in the engine (`myReminders`, and a subscription), and outward to the
//! organ's webhooks (JSON signed with HMAC-SHA256) and the unit's mailbox (SMTP).
//!
//! Raising is idempotent: the procedure says which reminders a decision calls for today
//! (`procedure::reminder`), and the store keeps each once under its key, so every server may
//! raise on every sweep, and restart, and a unit is still told once per deadline and threshold.
//! Each outward delivery is a row that a server claims for a while, sends, and records with
//! the attempt; a failed one is tried again later, waiting twice as long each time, until
//! [`Retry::attempts`] have failed.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use hmac::{Hmac, KeyInit, Mac};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sha2::Sha256;
use tokio::sync::Notify;

use super::{Caller, Service, ServiceError};
use crate::procedure::reminder::{About, Threshold, item_reminders, reminders};
use crate::procedure::{DeadlineKind, Decision};
use crate::store::{Attempt, Target, deadline_kind_name};

/// How long one server holds a delivery it is sending before another may take it over.
const HOLD: chrono::Duration = chrono::Duration::minutes(2);
/// Deliveries claimed per round.
const PER_ROUND: u64 = 50;
/// How long a webhook receiver has to answer.
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);

/// A receiver of every reminder of the organ: its OA system, say.
#[derive(Clone)]
pub struct Webhook {
    pub url: String,
    /// The key each request's `X-Decision-Signature` is computed with; the receiver holds it too.
    pub secret: String,
}

/// Reminders by e-mail: the SMTP server, the sender and each unit's mailboxes.
#[derive(Clone)]
pub struct Mail {
    pub transport: AsyncSmtpTransport<Tokio1Executor>,
    pub from: Mailbox,
    /// A unit's name, as the record names it, to the mailboxes its reminders go to.
    pub units: BTreeMap<String, Vec<Mailbox>>,
}

/// How often a failed delivery is tried again.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// The wait after the first failure; each later wait is twice the one before, up to `max_wait`.
    pub first: chrono::Duration,
    pub max_wait: chrono::Duration,
    /// Failed attempts after which the delivery is given up (and shows as FAILED).
    pub attempts: u32,
}

impl Default for Retry {
    /// A minute, two, four … up to six hours: ten attempts span about eleven hours, through an
    /// OA system's night-time maintenance.
    fn default() -> Self {
        Self {
            first: chrono::Duration::minutes(1),
            max_wait: chrono::Duration::hours(6),
            attempts: 10,
        }
    }
}

impl Retry {
    /// The wait after the `failed`-th failed attempt (1 for the first).
    fn wait(&self, failed: u32) -> chrono::Duration {
        let doublings = failed.saturating_sub(1).min(30);
        self.first
            .checked_mul(1 << doublings)
            .map_or(self.max_wait, |w| w.min(self.max_wait))
    }
}

/// Where reminders go besides the engine. None by default.
#[derive(Clone, Default)]
pub struct Outbound {
    pub webhooks: Vec<Webhook>,
    pub mail: Option<Mail>,
    pub retry: Retry,
    client: Option<reqwest13::Client>,
}

impl Outbound {
    pub fn new(
        webhooks: Vec<Webhook>,
        mail: Option<Mail>,
        retry: Retry,
    ) -> Result<Self, ServiceError> {
        let client = if webhooks.is_empty() {
            None
        } else {
            // reqwest is built without a default TLS provider: the process uses ring's.
            let _ = rustls::crypto::ring::default_provider().install_default();
            Some(
                reqwest13::Client::builder()
                    .timeout(WEBHOOK_TIMEOUT)
                    .build()
                    .map_err(|e| ServiceError::Invalid(format!("无法创建 Webhook 客户端：{e}")))?,
            )
        };
        Ok(Self {
            webhooks,
            mail,
            retry,
            client,
        })
    }

    /// Where a reminder for `unit` goes.
    fn targets(&self, unit: &str) -> Vec<Target> {
        let hooks = self.webhooks.iter().map(|w| Target {
            channel: WEBHOOK,
            target: w.url.clone(),
        });
        let mail = self
            .mail
            .iter()
            .flat_map(|m| m.units.get(unit).into_iter().flatten())
            .map(|b| Target {
                channel: EMAIL,
                target: b.to_string(),
            });
        hooks.chain(mail).collect()
    }
}

const WEBHOOK: &str = "WEBHOOK";
const EMAIL: &str = "EMAIL";

/// A reminder as its unit reads it.
#[derive(Debug, Clone)]
pub struct SeenReminder {
    pub id: i64,
    pub about: About,
    pub title: String,
    pub unit: String,
    pub kind: Option<DeadlineKind>,
    pub due: NaiveDate,
    pub threshold: Option<Threshold>,
    pub message: String,
    pub raised_on: NaiveDate,
    pub raised_at: DateTime<Utc>,
    pub deliveries: Vec<Delivery>,
}

/// One outward delivery of a reminder and its attempts.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// `WEBHOOK` or `EMAIL`.
    pub channel: String,
    /// `PENDING`, `DELIVERED` or `FAILED`.
    pub state: String,
    pub delivered_at: Option<DateTime<Utc>>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub attempts: Vec<DeliveryAttempt>,
}

#[derive(Debug, Clone)]
pub struct DeliveryAttempt {
    pub attempt: i32,
    pub at: DateTime<Utc>,
    pub delivered: bool,
    pub outcome: String,
}

/// The signature a webhook request carries: HMAC-SHA256 with the shared secret over the
/// timestamp, a dot and the body, as hex — the receiver recomputes it, and refuses a timestamp
/// too old, so a recorded request cannot be replayed later.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

impl Service {
    pub fn with_outbound(mut self, outbound: Outbound) -> Self {
        Arc::make_mut(&mut self.0).outbound = Arc::new(outbound);
        self
    }

    /// Woken whenever this server raises a reminder (subscribers listen; they also read the
    /// store now and then for those raised by other servers).
    pub fn reminder_raised(&self) -> Arc<Notify> {
        self.reminders_raised.clone()
    }

    /// Raises the reminders the record calls for today on every decision with an unmet
    /// deadline due soon or passed. Each once: those raised before, here or by another server,
    /// are skipped. Returns how many were raised.
    #[tracing::instrument(skip(self), err)]
    pub async fn raise_reminders(&self) -> Result<usize, ServiceError> {
        let today = self.today();
        let ahead = &self.binding.profile.reminder_working_days;
        // Working days ahead, as calendar days with room for the longest holiday (8 days).
        let window = ahead.values().max().copied().unwrap_or(0) * 2 + 10;
        let before = today + chrono::Days::new(u64::from(window));
        let ids = self.store.decisions_to_remind(before).await?;
        let mut raised = 0;
        for chunk in ids.chunks(200) {
            let done = self.store.raised_reminders(chunk).await?;
            for d in self.store.load_many(chunk).await? {
                let calendar = self.calendar_for(&d.binding.calendar_version).await?;
                raised += self
                    .raise_all(reminders(&d, &calendar, today, ahead), &done)
                    .await?;
            }
        }
        // Catalogue items no decision has decided yet (Art. 38(2)): the catalogue's own
        // deadlines, counted with the current calendar as the catalogue's report counts them.
        let mut linked_per_organ = std::collections::HashMap::new();
        for c in self.store.catalogues(None).await? {
            if !linked_per_organ.contains_key(&c.organ) {
                linked_per_organ.insert(c.organ.clone(), self.linked(&c.organ).await?);
            }
            let linked = &linked_per_organ[&c.organ];
            let due = item_reminders(&c, |i| linked.get(i).cloned(), &self.calendar, today, ahead);
            let ids: Vec<String> = due.iter().map(|r| r.about.id().to_owned()).collect();
            let done = self.store.raised_reminders(&ids).await?;
            raised += self.raise_all(due, &done).await?;
        }
        if raised > 0 {
            self.reminders_raised.notify_waiters();
        }
        Ok(raised)
    }

    /// Raises the reminders of one decision, after an act that may call for one (a 督办).
    pub(super) async fn raise_reminders_of(&self, d: &Decision) -> Result<usize, ServiceError> {
        let done = self
            .store
            .raised_reminders(std::slice::from_ref(&d.id))
            .await?;
        let calendar = self.calendar_for(&d.binding.calendar_version).await?;
        let due = reminders(
            d,
            &calendar,
            self.today(),
            &self.binding.profile.reminder_working_days,
        );
        let raised = self.raise_all(due, &done).await?;
        if raised > 0 {
            self.reminders_raised.notify_waiters();
        }
        Ok(raised)
    }

    /// Stores each reminder not among `done`; how many this call raised.
    async fn raise_all(
        &self,
        due: Vec<crate::procedure::reminder::Reminder>,
        done: &std::collections::HashSet<(String, String, NaiveDate, String)>,
    ) -> Result<usize, ServiceError> {
        let today = self.today();
        let mut raised = 0;
        for r in due {
            let key = (
                r.about.id().to_owned(),
                deadline_kind_name(r.kind).to_owned(),
                r.due,
                r.threshold.key(),
            );
            if done.contains(&key) {
                continue;
            }
            let targets = self.outbound.targets(r.unit.as_str());
            if self
                .store
                .raise_reminder(&r, &targets, today, self.now())
                .await?
                .is_some()
            {
                raised += 1;
                let threshold = match r.threshold {
                    Threshold::Before(_) => "BEFORE",
                    Threshold::Passed => "PASSED",
                    Threshold::Supervision(_) => "SUPERVISION",
                };
                metrics::counter!("reminders_raised_total", "threshold" => threshold).increment(1);
            }
        }
        Ok(raised)
    }

    /// Sends the outward deliveries that are due, each claimed first so that no other server
    /// sends it too, and records every attempt. Returns how many were delivered.
    #[tracing::instrument(skip(self), err)]
    pub async fn deliver_reminders(&self) -> Result<usize, ServiceError> {
        let mut delivered = 0;
        loop {
            let now = self.now();
            let claimed = self
                .store
                .claim_deliveries(now, now + HOLD, PER_ROUND)
                .await?;
            if claimed.is_empty() {
                return Ok(delivered);
            }
            for (delivery, reminder) in claimed {
                let sent = match delivery.channel.as_str() {
                    WEBHOOK => self.post(&delivery, &reminder).await,
                    EMAIL => self.mail(&delivery, &reminder).await,
                    other => Err(format!("未知的发送方式 {other}")),
                };
                let at = self.now();
                let failed = u32::try_from(delivery.attempts).unwrap_or(0) + 1;
                let attempt = match sent {
                    Ok(outcome) => Attempt {
                        at,
                        delivered: true,
                        outcome,
                        retry_at: None,
                    },
                    Err(outcome) => {
                        tracing::warn!(
                            delivery = delivery.id,
                            channel = %delivery.channel,
                            attempt = failed,
                            %outcome,
                            "reminder delivery failed"
                        );
                        Attempt {
                            at,
                            delivered: false,
                            outcome,
                            retry_at: (failed < self.outbound.retry.attempts)
                                .then(|| at + self.outbound.retry.wait(failed)),
                        }
                    }
                };
                let outcome = if attempt.delivered {
                    delivered += 1;
                    "delivered"
                } else {
                    "failed"
                };
                metrics::counter!(
                    "reminder_deliveries_total",
                    "channel" => delivery.channel.clone(),
                    "outcome" => outcome
                )
                .increment(1);
                self.store.record_attempt(&delivery, &attempt).await?;
            }
        }
    }

    /// One POST to the webhook: the reminder as JSON, signed. A 2xx answer is delivered.
    async fn post(
        &self,
        delivery: &entities::reminder_delivery::Model,
        r: &entities::reminder::Model,
    ) -> Result<String, String> {
        let hook = self
            .outbound
            .webhooks
            .iter()
            .find(|w| w.url == delivery.target)
            .ok_or("该 Webhook 已不在服务配置中")?;
        let client = self
            .outbound
            .client
            .as_ref()
            .ok_or("未配置 Webhook 客户端")?;
        let body = serde_json::to_vec(&serde_json::json!({
            "reminderId": r.id,
            "deliveryId": delivery.id,
            "attempt": delivery.attempts + 1,
            "organ": r.organ,
            "unit": r.unit,
            "decisionId": (r.subject != "CATALOGUE_ITEM").then_some(&r.subject_id),
            "catalogueItemId": (r.subject == "CATALOGUE_ITEM").then_some(&r.subject_id),
            "title": r.title,
            "deadline": r.deadline_kind,
            "due": r.due,
            "threshold": r.threshold,
            "message": r.message,
            "raisedOn": r.raised_on,
        }))
        .map_err(|e| e.to_string())?;
        let timestamp = self.now().timestamp();
        let response = client
            .post(&hook.url)
            .header("content-type", "application/json; charset=utf-8")
            .header("x-decision-delivery", delivery.id.to_string())
            .header("x-decision-timestamp", timestamp.to_string())
            .header(
                "x-decision-signature",
                signature(&hook.secret, timestamp, &body),
            )
            .body(body)
            .send()
            .await
            .map_err(|e| format!("请求失败：{e}"))?;
        let status = response.status();
        if status.is_success() {
            Ok(format!("HTTP {}", status.as_u16()))
        } else {
            Err(format!("HTTP {}", status.as_u16()))
        }
    }

    async fn mail(
        &self,
        delivery: &entities::reminder_delivery::Model,
        r: &entities::reminder::Model,
    ) -> Result<String, String> {
        let mail = self.outbound.mail.as_ref().ok_or("未配置电子邮件发送")?;
        let to: Mailbox = delivery
            .target
            .parse()
            .map_err(|e| format!("收件地址无效：{e}"))?;
        let subject = r
            .message
            .split_once('】')
            .map_or_else(|| r.title.clone(), |(tag, _)| format!("{tag}】{}", r.title));
        let message = Message::builder()
            .from(mail.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(r.message.clone())
            .map_err(|e| format!("邮件无法生成：{e}"))?;
        let reply = mail
            .transport
            .send(message)
            .await
            .map_err(|e| format!("SMTP：{e}"))?;
        Ok(format!("SMTP {}", reply.code()))
    }

    /// The reminders of the caller's unit, newest first.
    pub async fn my_reminders(
        &self,
        caller: &Caller,
        first: u64,
    ) -> Result<Vec<SeenReminder>, ServiceError> {
        let me = caller.official()?;
        let rows = self
            .store
            .unit_reminders(&me.organ, &me.unit, None, first.min(200))
            .await?;
        self.reminders_seen(rows).await
    }

    /// The reminders of the caller's unit raised after `after`, in the order raised; and the
    /// last reminder raised anywhere, to start from when `after` is not given.
    pub async fn reminders_after(
        &self,
        caller: &Caller,
        after: Option<i64>,
    ) -> Result<(Vec<SeenReminder>, i64), ServiceError> {
        let me = caller.official()?;
        let after = match after {
            Some(a) => a,
            None => self.store.last_reminder().await?,
        };
        let rows = self
            .store
            .unit_reminders(&me.organ, &me.unit, Some(after), 200)
            .await?;
        let last = rows.last().map_or(after, |r| r.id);
        Ok((self.reminders_seen(rows).await?, last))
    }

    async fn reminders_seen(
        &self,
        rows: Vec<entities::reminder::Model>,
    ) -> Result<Vec<SeenReminder>, ServiceError> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut deliveries = self.store.deliveries(&ids).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let (mine, rest) = deliveries
                    .drain(..)
                    .partition(|(d, _)| d.reminder_id == r.id);
                deliveries = rest;
                SeenReminder {
                    id: r.id,
                    kind: DeadlineKind::ALL
                        .into_iter()
                        .find(|k| deadline_kind_name(*k) == r.deadline_kind),
                    threshold: Threshold::parse(&r.threshold),
                    about: if r.subject == "CATALOGUE_ITEM" {
                        About::CatalogueItem(r.subject_id)
                    } else {
                        About::Decision(r.subject_id)
                    },
                    title: r.title,
                    unit: r.unit,
                    due: r.due,
                    message: r.message,
                    raised_on: r.raised_on,
                    raised_at: r.raised_at,
                    deliveries: mine
                        .into_iter()
                        .map(|(d, attempts)| Delivery {
                            next_attempt_at: (d.state == "PENDING").then_some(d.next_attempt_at),
                            channel: d.channel,
                            state: d.state,
                            delivered_at: d.delivered_at,
                            attempts: attempts
                                .into_iter()
                                .map(|a| DeliveryAttempt {
                                    attempt: a.attempt,
                                    at: a.attempted_at,
                                    delivered: a.delivered,
                                    outcome: a.outcome,
                                })
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_the_first_up_to_the_cap() {
        let r = Retry::default();
        let minutes: Vec<i64> = (1..=11).map(|n| r.wait(n).num_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]);
    }

    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body() {
        // Computed independently, with Python's hmac module:
        // hmac.new(b"key", b"1700000000.{}", "sha256").hexdigest()
        assert_eq!(
            signature("key", 1_700_000_000, b"{}"),
            "sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae"
        );
    }
}
