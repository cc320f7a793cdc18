//! The use cases: authenticate → load → decide → store → publish.
//!
//! Every official act goes through [`Service::execute`]; the public's comment through
//! [`Service::submit_public`]. This is where the clock the service was handed is read (the core
//! never reads one) and where recorded events are announced to subscribers, after they are
//! committed. It decides, with `procedure::access`, who may see what, and owns the read models
//! it hands out (`ListFilter`, `Comment`, `RecordedEvent`, `AccountRow`): the API above it never
//! names the store.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use tokio::sync::broadcast;

mod archive;
mod catalogue;
mod feed;
mod idempotency;
mod materials;
mod reminders;
mod signin;
mod statistics;
mod workbench;

pub use catalogue::{CatalogueChoice, CatalogueRecord, SeenCatalogue, Subject};

use crate::calendar::{Calendar, CalendarError};
use crate::clock::Clock;
use crate::config::CalendarSource;
use crate::procedure::{
    self, Actor, Binding, Command, Context, Deadline, DeadlineStatus, Decision, Denial, Official,
    Profile, Proposal, Refusal, RelatedDecision, ScopeRule, Sight, Stage, Text, Viewer,
};
pub use crate::store::Break;
use crate::store::{
    Alongside, DeadlineSelection, Loaded, NewAccount, NewKey, Source, Store, StoreError,
};
pub use archive::DatabaseReport;
pub use feed::Feed;
pub use idempotency::{DEFAULT_TTL_HOURS, Idempotency};
pub use materials::{
    Attachment, DEFAULT_MATERIAL_MAX_MB, DEFAULT_MATERIAL_TYPES, MaterialRefusal,
    Policy as MaterialPolicy, Upload,
};
pub use reminders::{
    Delivery, DeliveryAttempt, Mail, Outbound, Retry, SeenReminder, Webhook, signature,
};
pub use signin::{
    MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, SESSION_HOURS, SignInError, SignedIn, hash_password,
    set_password,
};
pub use workbench::{DeskItem, MyWork, Overview, WorkFilter, WorkItem};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("请先登录：请求缺少有效的令牌")]
    Unauthenticated,
    #[error("当前角色无权{0}")]
    Forbidden(&'static str),
    /// The act is the caller's kind of act, on a decision outside their post.
    #[error("{message}")]
    OutOfScope { rule: ScopeRule, message: String },
    #[error("未找到{0}")]
    NotFound(&'static str),
    #[error("{0}")]
    Invalid(String),
    #[error("该决策事项当前不在公开征求意见期内")]
    ConsultationNotOpen,
    #[error("该决策尚未进入执行阶段或者已经结束执行，不接收执行中的意见建议")]
    NotInExecution,
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("{what}已被他人修改（当前版本{current}），请刷新后基于最新版本重试")]
    VersionConflict { what: &'static str, current: i64 },
    /// Others' writes kept overtaking this one, past every retry: nothing was written.
    #[error("{0}正在被频繁更新，本次未能写入；请稍后重试")]
    Busy(&'static str),
    /// The idempotency key came with another request before.
    #[error("该幂等键已用于另一请求（{mutation}），内容不同；新的请求请另取一个键")]
    KeyReused { mutation: String },
    /// A subscriber missed more events than one subscription replays: it resumes with a new one.
    #[error(
        "订阅已落后超过{CATCH_UP_LIMIT}条事件，不再逐条补发；请以 after: {resume_after} 重新订阅，从此处继续接收"
    )]
    SubscriberBehind { resume_after: i64 },
    /// The server is at fault; the source says where, for the log.
    #[error("the store failed")]
    Store(#[source] StoreError),
    #[error(transparent)]
    Material(#[from] materials::MaterialRefusal),
    /// Writing an archive package failed: the server's fault.
    #[error("the archive package could not be written")]
    Archive(#[source] crate::archive::ArchiveError),
    /// The material store failed: the server's fault.
    #[error("the material store failed")]
    Blob(#[from] crate::store::BlobError),
    #[error("calendar version {version} is not stored")]
    CalendarMissing { version: String },
    #[error("stored calendar {version} does not build")]
    CalendarCorrupt {
        version: String,
        #[source]
        source: CalendarError,
    },
}

impl ServiceError {
    /// The error and each of its causes, on one line: what the operator's log shows.
    pub fn chain(&self) -> String {
        let mut line = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            line.push_str(": ");
            line.push_str(&c.to_string());
            cause = c.source();
        }
        line
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::VersionConflict { current } => ServiceError::VersionConflict {
                what: "决策",
                current,
            },
            StoreError::NotFound => ServiceError::NotFound("该决策"),
            // Comments kept arriving while an act judged on them was written, past every retry.
            StoreError::CommentsArrived => ServiceError::Busy("公众意见"),
            e @ (StoreError::Db(_) | StoreError::Corrupt(_) | StoreError::Duplicate) => {
                ServiceError::Store(e)
            }
        }
    }
}

impl From<Denial> for ServiceError {
    fn from(d: Denial) -> Self {
        match d {
            Denial::Role { act } => Refusal::Forbidden { act }.into(),
            Denial::Scope { rule, message } => ServiceError::OutOfScope { rule, message },
            Denial::Hidden => ServiceError::NotFound("该决策"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The read models the service hands out; the store maps its rows to them.
// ---------------------------------------------------------------------------------------------

/// Which decisions a list shows.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only this organ's decisions.
    pub organ: Option<String>,
    pub stage: Option<Stage>,
    pub lead_unit: Option<String>,
}

/// What the public wrote: a comment on a consultation, or feedback during execution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MessageKind {
    Comment,
    /// Art. 35(2): on a decision being executed, for the organ and the executing unit.
    Feedback,
}

/// Serialized only as the first result kept under an idempotency key.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Comment {
    pub id: String,
    pub decision_id: String,
    pub kind: MessageKind,
    pub body: String,
    pub commenter: Option<String>,
    pub contact: Option<String>,
    pub submitted_at: DateTime<Utc>,
}

/// What a receipt number shows its holder.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub comment: Comment,
    /// The decision as the public sees it; `None` once the organ no longer shows it (a matter
    /// found not to be disclosable).
    pub decision: Option<Decision>,
    pub status: ReceiptStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptStatus {
    /// Not yet answered by the sponsor.
    Pending,
    /// Art. 18: adopted, partly adopted or not, with the reason, and the group of similar
    /// opinions it was answered with (its number and summary).
    Disposed {
        outcome: procedure::DispositionOutcome,
        reason: String,
        group: Option<(u32, String)>,
    },
    /// Hidden by the sponsor as abusive or spam, with the reason.
    Hidden { reason: String },
    /// Feedback during execution (Art. 35(2)): received by the organ and the executing unit.
    Received,
}

/// An event as stored: the fact plus who recorded it and when.
#[derive(Debug, Clone)]
pub struct RecordedEvent {
    /// The event's place in the one sequence of all decisions' events: a subscriber resumes
    /// after the last position it saw. Within one process, later commits have larger positions.
    pub position: i64,
    pub decision_id: String,
    pub seq: i64,
    pub kind: String,
    pub actor: Actor,
    pub occurred_on: Option<chrono::NaiveDate>,
    pub recorded_at: DateTime<Utc>,
    pub payload: serde_json::Value,
    pub hash: String,
}

/// An account as its organ's administrator manages it.
#[derive(Debug, Clone)]
pub struct AccountRow {
    pub official: Official,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl AccountRow {
    /// Whether the account's token works at `now`.
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| now < e)
    }
}

/// Who is asking: an official with an account, or the public.
#[derive(Debug, Clone)]
pub enum Caller {
    Official(Official),
    Public,
}

impl Caller {
    pub fn official(&self) -> Result<&Official, ServiceError> {
        match self {
            Caller::Official(a) => Ok(a),
            Caller::Public => Err(ServiceError::Unauthenticated),
        }
    }

    fn viewer(&self) -> Viewer<'_> {
        match self {
            Caller::Official(o) => Viewer::Official(o),
            Caller::Public => Viewer::Public,
        }
    }

    fn account(&self) -> &str {
        match self {
            Caller::Official(o) => &o.id,
            Caller::Public => "public",
        }
    }
}

/// A decision as one caller sees it: the whole record, or the part the organ made public.
#[derive(Debug, Clone)]
pub struct Seen {
    pub decision: Decision,
    /// `Record` or `Published`; a decision the caller may not see is never handed out.
    pub sight: Sight,
}

/// The use cases. A clone is one reference count: the service is cloned for every request (the
/// router's state, the request's loaders), and counting each of its parts apart would cost a
/// contended atomic per part on every clone and every drop.
#[derive(Clone)]
pub struct Service(Arc<Parts>);

impl std::ops::Deref for Service {
    type Target = Parts;

    fn deref(&self) -> &Parts {
        &self.0
    }
}

/// What the service holds, read through it; changed only while it is being built.
#[derive(Clone)]
pub struct Parts {
    store: Store,
    /// What a decision proposed now is bound to.
    binding: Binding,
    calendar: Arc<Calendar>,
    calendar_source: Arc<CalendarSource>,
    /// Set once the current calendar is stored, so decisions bound to it can find it later.
    calendar_saved: Arc<AtomicBool>,
    /// Calendars of older bindings, loaded from the store when a decision needs one.
    older_calendars: Arc<Mutex<HashMap<String, Arc<Calendar>>>>,
    /// The only source of "now" and "today" for the use cases and the API.
    clock: Arc<dyn Clock>,
    /// One writer at a time per catalogue for the units' submissions, which name no version: in
    /// this process they queue instead of colliding; against another replica they retry.
    catalogue_writers: Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
    /// How long an idempotency key is kept.
    idempotency_ttl: chrono::Duration,
    /// Which files may be attached as materials.
    material_policy: materials::Policy,
    /// Where reminders go besides the engine.
    outbound: Arc<reminders::Outbound>,
    /// Told when this server raises a reminder.
    reminders_raised: Arc<tokio::sync::Notify>,
    /// The reports over every decision this server computes at once ([`SCANS_AT_ONCE`]).
    scans: Arc<tokio::sync::Semaphore>,
}

/// How many reports over every decision (the overdue views, a year's statistics) a server
/// computes at once; the others wait their turn (within their request's time budget). Each reads
/// the whole table, so two at once already keep the database busy; more would only queue ahead
/// of ordinary reads.
pub const SCANS_AT_ONCE: usize = 2;

/// How many missed events one subscription replays from the store, at most, before it tells the
/// subscriber to resume with a new one: a bound on what one slow client costs the server.
pub const CATCH_UP_LIMIT: usize = 10_000;

/// Whose idempotency keys the public's messages are kept under.
const PUBLIC_CALLER: &str = "public";

/// The deadline index's name in `index_versions`, and the version of the engine's way of
/// computing deadlines its rows must have been built with: raise it with any change to
/// `procedure::deadlines`, and servers rebuild the index at start-up.
const DEADLINE_INDEX: &str = "deadlines";
const DEADLINE_INDEX_VERSION: i64 = 1;

/// How many times a write overtaken by others is judged again on what they wrote before the
/// caller is told to retry (a comment racing officials' acts, or an act on the comments racing
/// a comment).
const JUDGE_AGAIN: usize = 8;

/// How many days before the calendar data ends the operator is warned: enough to see the
/// State Council's notice for the next year (published in October or November) and load it.
pub const CALENDAR_WARNING_DAYS: i64 = 60;

/// A deadline as it stands today, counted with the calendar its decision is bound to.
#[derive(Debug, Clone)]
pub struct DeadlineToday {
    pub deadline: Deadline,
    pub status: DeadlineStatus,
    /// Calendar days from today to the due date (negative once passed); `None` when the due
    /// date cannot be computed.
    pub days_remaining: Option<i64>,
    /// Working days from today to the due date (negative once passed), with the decision's
    /// calendar; `None` when the due date or the count reaches a year without data.
    pub working_days_remaining: Option<i64>,
}

impl DeadlineToday {
    fn new(deadline: Deadline, today: NaiveDate, calendar: &Calendar) -> Self {
        let status = deadline.status(today);
        let due = deadline.due.as_ref().ok().copied();
        let working_days_remaining = due.and_then(|due| {
            if due >= today {
                calendar.working_days_between(today, due).ok()
            } else {
                calendar.working_days_between(due, today).ok().map(|n| -n)
            }
        });
        Self {
            status,
            days_remaining: due.map(|due| (due - today).num_days()),
            working_days_remaining,
            deadline,
        }
    }

    /// Late now, or done late: what the overdue views list.
    pub fn is_late(&self) -> bool {
        matches!(
            self.status,
            DeadlineStatus::Overdue | DeadlineStatus::MetLate
        )
    }
}

/// What a report across decisions asks of their deadlines.
#[derive(Debug, Clone, Default)]
pub struct DeadlineQuery {
    /// Only late ones (passed unmet, or met late), or only those that are not.
    pub overdue: Option<bool>,
    /// Only those with a computed date before this one.
    pub due_before: Option<NaiveDate>,
    pub kind: Option<procedure::DeadlineKind>,
    /// Only those this unit answers for.
    pub unit: Option<String>,
}

impl DeadlineQuery {
    pub fn keeps(&self, d: &DeadlineToday) -> bool {
        let due = d.deadline.due.as_ref().ok();
        let unit = d.deadline.unit.as_ref().map(|u| u.as_str());
        self.overdue.is_none_or(|o| d.is_late() == o)
            // A date not known yet is not known to be before anything.
            && self.due_before.is_none_or(|b| due.is_some_and(|due| *due < b))
            && self.kind.is_none_or(|k| d.deadline.kind == k)
            && self.unit.as_deref().is_none_or(|u| unit == Some(u))
    }
}

/// How far the working-day data in force reaches, as of today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarCoverage {
    /// The last day of the last year covered without a gap from today's year; `None` when the
    /// data holds nothing for today's year or before it.
    pub covers_until: Option<NaiveDate>,
    /// Days from today to `covers_until` (negative once past).
    pub days_left: Option<i64>,
    /// For the operator, in Chinese: what is missing and how to load it. Set from
    /// [`CALENDAR_WARNING_DAYS`] days before the data ends.
    pub warning: Option<String>,
}

impl CalendarCoverage {
    fn of(calendar: &Calendar, today: NaiveDate) -> Self {
        let covers_until = calendar.covered_until(today);
        let days_left = covers_until.map(|until| (until - today).num_days());
        let how = |year: i32| {
            format!(
                "国务院办公厅发布{year}年部分节假日安排的通知后，请按 config/calendar.toml 的格式\
                 把该年的放假日期和调休上班日写入一个日历文件（写明通知标题 notice 和发布日期 \
                 published），再以 --calendar <文件路径>（或环境变量 DECISION_CALENDAR）重新启动\
                 服务，与内置日历合并载入，无需重新编译"
            )
        };
        let warning = match covers_until {
            Some(until) if (until - today).num_days() > CALENDAR_WARNING_DAYS => None,
            Some(until) => {
                let next = until.year() + 1;
                let left = (until - today).num_days();
                let state = if left >= 0 {
                    format!(
                        "工作日日历数据只覆盖到{until}（还剩{left}天），涉及{next}年的法定期限将无法计算"
                    )
                } else {
                    format!(
                        "工作日日历数据已于{until}用尽（已过{}天），涉及{next}年的法定期限现已无法计算",
                        -left
                    )
                };
                Some(format!("{state}。{}。", how(next)))
            }
            None => Some(format!(
                "工作日日历数据不含{}年，涉及该年的法定期限无法计算。{}。",
                today.year(),
                how(today.year())
            )),
        };
        Self {
            covers_until,
            days_left,
            warning,
        }
    }
}

impl Service {
    /// `clock` is where every "now" and "today" of the service comes from: the system clock in
    /// the server, a fixed one in tests and benchmarks.
    pub fn new(
        store: Store,
        profile: Profile,
        calendar_source: CalendarSource,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CalendarError> {
        let calendar = calendar_source.build()?;
        // The service counts what it does (acts, sweeps, reminders) from its first act on:
        // installed here, not at the first scrape, nothing counted before that one is lost.
        crate::telemetry::metrics();
        Ok(Self(Arc::new(Parts {
            store,
            binding: Binding {
                profile: Arc::new(profile),
                calendar_version: calendar.version(),
            },
            calendar: Arc::new(calendar),
            calendar_source: Arc::new(calendar_source),
            calendar_saved: Arc::default(),
            older_calendars: Arc::default(),
            catalogue_writers: Arc::default(),
            idempotency_ttl: chrono::Duration::hours(idempotency::DEFAULT_TTL_HOURS),
            material_policy: materials::Policy::default(),
            outbound: Arc::default(),
            reminders_raised: Arc::default(),
            scans: Arc::new(tokio::sync::Semaphore::new(SCANS_AT_ONCE)),
            clock,
        })))
    }

    /// China's date today, by the service's clock.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// The current instant, by the service's clock.
    pub fn now(&self) -> chrono::DateTime<Utc> {
        self.clock.now()
    }

    /// How far the calendar in force reaches, with the operator's warning once it is about to
    /// end (see [`CALENDAR_WARNING_DAYS`]).
    pub fn calendar_coverage(&self) -> CalendarCoverage {
        CalendarCoverage::of(&self.calendar, self.today())
    }

    /// The calendar in force for new decisions and for the calendar queries.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The calendar a decision is bound to (Art. 201–203 counted as when it was proposed).
    async fn calendar_for(&self, version: &str) -> Result<Arc<Calendar>, ServiceError> {
        if version == self.binding.calendar_version {
            return Ok(self.calendar.clone());
        }
        let cached = self
            .older_calendars
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(version)
            .cloned();
        if let Some(c) = cached {
            return Ok(c);
        }
        let source = self.store.calendar_source(version).await?.ok_or_else(|| {
            ServiceError::CalendarMissing {
                version: version.to_owned(),
            }
        })?;
        let calendar =
            Arc::new(
                source
                    .build()
                    .map_err(|source| ServiceError::CalendarCorrupt {
                        version: version.to_owned(),
                        source,
                    })?,
            );
        self.older_calendars
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(version.to_owned(), calendar.clone());
        Ok(calendar)
    }

    /// A turn at the gate of the reports over every decision, held while one is computed, by
    /// whichever route asks for it (GraphQL, the statistics pages).
    pub async fn scan_turn(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        // Never closed, so `acquire` cannot fail; if it ever did, the report would run
        // unbounded rather than fail.
        self.scans.acquire().await.ok()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn subscribe(&self) -> broadcast::Receiver<RecordedEvent> {
        self.store.subscribe()
    }

    /// The caller a request's bearer token stands for: no token is the public; a token of no
    /// account, of a revoked account or of one expired by the service's clock is refused.
    pub async fn authenticate(&self, token: Option<&str>) -> Result<Caller, ServiceError> {
        match token {
            None => Ok(Caller::Public),
            Some(t) => self
                .store
                .official_for_token(t, self.now())
                .await?
                .map(Caller::Official)
                .ok_or(ServiceError::Unauthenticated),
        }
    }

    /// Whether the account behind `caller` still works: a subscription ends when it does not.
    pub async fn still_active(&self, caller: &Caller) -> Result<bool, ServiceError> {
        match caller {
            Caller::Public => Ok(true),
            Caller::Official(o) => Ok(self
                .store
                .account(&o.id)
                .await?
                .is_some_and(|a| a.is_active(self.now()))),
        }
    }

    /// The accounts of the administrator's organ, oldest first.
    pub async fn accounts(&self, caller: &Caller) -> Result<Vec<AccountRow>, ServiceError> {
        let admin = self.admin(caller)?;
        Ok(self
            .store
            .accounts()
            .await?
            .into_iter()
            .filter(|a| procedure::access::manages_accounts_of(admin, &a.official.organ))
            .collect())
    }

    /// Creates an account in the administrator's organ; the token is returned once and only its
    /// hash is kept.
    #[tracing::instrument(skip_all, fields(admin = %caller.account()), err)]
    pub async fn create_account(
        &self,
        caller: &Caller,
        name: Text,
        unit: Text,
        roles: Vec<procedure::Role>,
        expires_on: Option<NaiveDate>,
    ) -> Result<(AccountRow, String), ServiceError> {
        let admin = self.admin(caller)?;
        if roles.is_empty() || roles.contains(&procedure::Role::System) {
            return Err(ServiceError::Invalid(
                "账号应当至少有一个角色，且不能是系统角色".into(),
            ));
        }
        if expires_on.is_some_and(|d| d < self.today()) {
            return Err(ServiceError::Invalid("有效期截止日不能早于今天".into()));
        }
        let expires_at = expires_on
            .map(crate::clock::end_of_day_in_china)
            .transpose()
            .map_err(|e| ServiceError::Invalid(e.to_string()))?;
        let new = NewAccount {
            name: name.to_string(),
            organ: admin.organ.clone(),
            unit: unit.to_string(),
            roles,
            expires_at,
        };
        Ok(self.store.add_account(new, self.now()).await?)
    }

    /// Revokes an account of the administrator's organ: its token is refused from the next
    /// request on, on every replica, and its open subscriptions end.
    #[tracing::instrument(skip_all, fields(admin = %caller.account(), account = %id), err)]
    pub async fn revoke_account(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<AccountRow, ServiceError> {
        let admin = self.admin(caller)?;
        let found = self
            .store
            .account(id)
            .await?
            .filter(|a| procedure::access::manages_accounts_of(admin, &a.official.organ))
            .ok_or(ServiceError::NotFound("该账号"))?;
        if found.revoked_at.is_none() {
            self.store.revoke_account(id, self.now()).await?;
        }
        self.store
            .account(id)
            .await?
            .ok_or(ServiceError::NotFound("该账号"))
    }

    /// The active legal advisers and public lawyers of the caller's organ, whom its review office
    /// may assign to a review round (Art. 28).
    pub async fn counsel_accounts(&self, caller: &Caller) -> Result<Vec<Official>, ServiceError> {
        let o = caller.official()?;
        if !(o.has(procedure::Role::ReviewOffice) || o.has(procedure::Role::Admin)) {
            return Err(ServiceError::Forbidden("查看法律顾问、公职律师名单"));
        }
        let now = self.now();
        Ok(self
            .store
            .accounts()
            .await?
            .into_iter()
            .filter(|a| {
                a.official.organ == o.organ
                    && a.official.has(procedure::Role::Counsel)
                    && a.is_active(now)
            })
            .map(|a| a.official)
            .collect())
    }

    fn admin<'c>(&self, caller: &'c Caller) -> Result<&'c Official, ServiceError> {
        let o = caller.official()?;
        if procedure::access::manages_accounts_of(o, &o.organ) {
            Ok(o)
        } else {
            tracing::info!(account = %o.id, "account management refused");
            Err(ServiceError::Forbidden("管理账号"))
        }
    }

    /// The decisions under legality review whose record the caller sees, oldest request first:
    /// the review office's desk, a counsel's assignments.
    pub async fn under_review(&self, caller: &Caller) -> Result<Vec<Decision>, ServiceError> {
        let official = caller.official()?;
        let filter = ListFilter {
            organ: Some(official.organ.clone()),
            stage: Some(Stage::LegalityReview),
            lead_unit: None,
        };
        let mut out = Vec::new();
        let mut after = None;
        loop {
            let page = self.store.list(&filter, after.clone(), 500).await?;
            let Some((last, at)) = page.last() else { break };
            after = Some((*at, last.id.clone()));
            out.extend(
                page.into_iter()
                    .map(|(d, _)| d)
                    .filter(|d| self.sight(caller, d) == Sight::Record),
            );
        }
        out.sort_by_key(|d| d.current_review().map(|r| r.requested_on));
        Ok(out)
    }

    /// The working days a review round took: from its request to its return or conclusion, or to
    /// today while it runs, with the decision's calendar. `None` past the calendar's data.
    pub async fn review_working_days(
        &self,
        d: &Decision,
        r: &procedure::LegalityReview,
    ) -> Result<Option<i64>, ServiceError> {
        let calendar = self.calendar_for(&d.binding.calendar_version).await?;
        let until = r.ended_on().unwrap_or_else(|| self.today());
        Ok(calendar.working_days_between(r.requested_on, until).ok())
    }

    /// What the caller may do next on decision `id`, and what the procedure still blocks: a dry
    /// run of the core, nothing written. For a caller whose post covers the record.
    pub async fn next_acts(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Vec<procedure::NextAct>, ServiceError> {
        let official = caller.official()?;
        let d = self.record_for(caller, id, "查看可办理事项").await?;
        self.next_acts_on(official, &d, self.today()).await
    }

    /// The dry run of [`Service::next_acts`] on a decision already loaded, whose record the
    /// caller was found to see.
    async fn next_acts_on(
        &self,
        official: &Official,
        d: &Decision,
        today: NaiveDate,
    ) -> Result<Vec<procedure::NextAct>, ServiceError> {
        let comments = self.store.comment_ids(&d.id).await?;
        let calendar = self.calendar_for(&d.binding.calendar_version).await?;
        let situation = procedure::Situation {
            today,
            calendar: &calendar,
            received_comments: &comments,
        };
        Ok(procedure::next_acts(official, d, &situation))
    }

    /// The position of the last event recorded: where a subscription that names none starts.
    pub async fn last_position(&self) -> Result<i64, ServiceError> {
        Ok(self.store.last_position().await?)
    }

    /// A page of (at most `limit`) events after `position` whose records the caller sees, of one decision or
    /// of all: what a subscriber missed. Returns them with the position of the last event read
    /// (seen or not), where the next page starts, and whether more may follow.
    pub async fn events_after(
        &self,
        caller: &Caller,
        decision_id: Option<&str>,
        position: i64,
        limit: u64,
    ) -> Result<(Vec<RecordedEvent>, i64, bool), ServiceError> {
        let page = self
            .store
            .events_after(position, decision_id, limit)
            .await?;
        let full = page.len() as u64 == limit;
        let last = page.last().map_or(position, |e| e.position);
        let mut sees: HashMap<String, bool> = HashMap::new();
        let mut seen = Vec::with_capacity(page.len());
        for e in page {
            let visible = match sees.get(&e.decision_id) {
                Some(&v) => v,
                None => {
                    let v = self.sees_record(caller, &e.decision_id).await?;
                    sees.insert(e.decision_id.clone(), v);
                    v
                }
            };
            if visible {
                seen.push(e);
            }
        }
        Ok((seen, last, full))
    }

    /// Whether the caller's post covers the whole record of decision `id` (a subscription
    /// streams only those events).
    pub async fn sees_record(&self, caller: &Caller, id: &str) -> Result<bool, ServiceError> {
        Ok(match self.store.load(id).await? {
            Some(l) => self.sight(caller, &l.decision) == Sight::Record,
            None => false,
        })
    }

    /// How much of `d` the caller sees today.
    pub fn sight(&self, caller: &Caller, d: &Decision) -> Sight {
        procedure::sight(caller.viewer(), d, self.today())
    }

    /// `d` as the caller may see it, or `None`.
    fn seen(&self, caller: &Caller, d: Decision) -> Option<Seen> {
        match self.sight(caller, &d) {
            Sight::Record => Some(Seen {
                decision: d,
                sight: Sight::Record,
            }),
            Sight::Published => procedure::public_view(&d, self.today()).map(|decision| Seen {
                decision,
                sight: Sight::Published,
            }),
            Sight::Nothing => None,
        }
    }

    /// The decision's whole record, for a caller whose post covers it. Another organ's official
    /// or the public learn of a published decision that they may not read its record; of any
    /// other, nothing (the same answer as for an id that does not exist).
    async fn record_for(
        &self,
        caller: &Caller,
        id: &str,
        what: &'static str,
    ) -> Result<Decision, ServiceError> {
        let d = self.load(id).await?.decision;
        match self.sight(caller, &d) {
            Sight::Record => Ok(d),
            Sight::Published => {
                tracing::info!(
                    account = caller.account(),
                    decision = id,
                    what,
                    "read refused"
                );
                Err(match caller {
                    Caller::Public => ServiceError::Unauthenticated,
                    Caller::Official(_) => ServiceError::Forbidden(what),
                })
            }
            Sight::Nothing => Err(ServiceError::NotFound("该决策")),
        }
    }

    pub async fn propose(
        &self,
        official: &Official,
        proposal: Proposal,
        catalogue: CatalogueChoice,
    ) -> Result<Decision, ServiceError> {
        self.propose_keeping(official, proposal, catalogue, None)
            .await
    }

    /// A proposal sent with an idempotency key: proposed once however often it is sent.
    pub async fn propose_once(
        &self,
        official: &Official,
        proposal: Proposal,
        catalogue: CatalogueChoice,
        key: Option<&Idempotency>,
    ) -> Result<Decision, ServiceError> {
        self.once(&official.id, key, |keep| {
            self.propose_keeping(official, proposal, catalogue, keep)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(actor = %official.id), err)]
    async fn propose_keeping(
        &self,
        official: &Official,
        mut proposal: Proposal,
        catalogue: CatalogueChoice,
        keep: Option<NewKey>,
    ) -> Result<Decision, ServiceError> {
        // The first of the account's roles that may propose records the proposal; an account
        // with none is refused by the core, in its first role.
        let role = official
            .roles
            .iter()
            .copied()
            .find(|r| procedure::PROPOSE_ROLES.contains(r))
            .or_else(|| official.roles.first().copied())
            .ok_or(Refusal::Forbidden {
                act: "提出决策事项",
            })?;
        let actor = official.acting_as(role);
        proposal.catalogue = self
            .catalogue_link(
                official,
                catalogue,
                proposal.amends.as_deref(),
                proposal.proposed_on,
            )
            .await?;
        if !self.calendar_saved.load(Ordering::Acquire) {
            self.store
                .save_calendar(&self.binding.calendar_version, &self.calendar_source)
                .await?;
            self.calendar_saved.store(true, Ordering::Release);
        }
        let id = uuid::Uuid::now_v7().to_string();
        let (decision, event) =
            procedure::propose(id, proposal, &actor, self.today(), &self.binding)?;
        let deadlines = procedure::deadlines(&decision, &self.calendar);
        let along = Alongside {
            key: keep.as_ref(),
            deadlines: &deadlines,
            ..Alongside::default()
        };
        self.store
            .create(&decision, &event, &actor, self.now(), along)
            .await?;
        Ok(decision)
    }

    /// Runs one official act on a decision, if `expected_version` is still current and the
    /// official's post covers it.
    pub async fn execute(
        &self,
        official: &Official,
        id: &str,
        expected_version: i64,
        cmd: Command,
    ) -> Result<Decision, ServiceError> {
        self.execute_as(official, None, id, expected_version, cmd, None)
            .await
    }

    /// Runs the head's act as the government office records it on the head's behalf (the head's
    /// suspension order, Art. 37): judged by the head's role and scope, recorded as the office's
    /// clerk acting for the named head.
    pub async fn execute_on_behalf(
        &self,
        clerk: &Official,
        head_id: &str,
        id: &str,
        expected_version: i64,
        cmd: Command,
    ) -> Result<Decision, ServiceError> {
        self.execute_as(clerk, Some(head_id), id, expected_version, cmd, None)
            .await
    }

    /// An act sent with an idempotency key (and, for the head's acts, perhaps recorded on the
    /// head's behalf): done once however often it is sent.
    pub async fn act_once(
        &self,
        official: &Official,
        on_behalf: Option<&str>,
        id: &str,
        expected_version: i64,
        cmd: Command,
        key: Option<&Idempotency>,
    ) -> Result<Decision, ServiceError> {
        self.once(&official.id, key, |keep| {
            self.execute_as(official, on_behalf, id, expected_version, cmd, keep)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(decision = %id, command = ?cmd.kind(), account = %official.id, on_behalf = ?on_behalf), err)]
    async fn execute_as(
        &self,
        official: &Official,
        on_behalf: Option<&str>,
        id: &str,
        expected_version: i64,
        cmd: Command,
        keep: Option<NewKey>,
    ) -> Result<Decision, ServiceError> {
        // An account with no role for the act learns nothing about the record.
        let kind = cmd.kind();
        if on_behalf.is_none() && !official.roles.iter().any(|r| kind.roles().contains(r)) {
            tracing::info!(account = %official.id, decision = id, act = kind.label(), "act refused: role");
            return Err(Refusal::Forbidden { act: kind.label() }.into());
        }
        let (mut loaded, mut source) = self
            .store
            .load_for_write(id)
            .await?
            .ok_or(ServiceError::NotFound("该决策"))?;
        // Scope before the version: a caller outside the post learns no version either.
        let refused = |denial: Denial| {
            tracing::info!(account = %official.id, decision = id, act = kind.label(), %denial, "act refused: scope");
            ServiceError::from(denial)
        };
        let actor = match on_behalf {
            None => official.acting_as(
                procedure::may_act(official, kind, &loaded.decision, self.today())
                    .map_err(refused)?,
            ),
            Some(head_id) => {
                let head = self
                    .store
                    .account(head_id)
                    .await?
                    .filter(|a| a.is_active(self.now()))
                    .ok_or(ServiceError::NotFound("代为登记所指的行政首长账号"))?;
                procedure::access::may_act_for(
                    official,
                    &head.official,
                    kind,
                    &loaded.decision,
                    self.today(),
                )
                .map_err(refused)?
            }
        };
        if source == Source::Cache && loaded.decision.version as i64 != expected_version {
            // Another process may have written: the database decides who is stale.
            (loaded, source) = (self.load(id).await?, Source::Database);
        }
        if loaded.decision.version as i64 != expected_version {
            return Err(ServiceError::VersionConflict {
                what: "决策",
                current: loaded.decision.version as i64,
            });
        }
        let related = match cmd.related_decision() {
            Some(rid) => self
                .store
                .load(rid)
                .await?
                .map(|l| RelatedDecision::of(&l.decision)),
            None => None,
        };
        let named = match cmd.named_account() {
            Some(aid) => self
                .store
                .account(aid)
                .await?
                .filter(|a| a.is_active(self.now()))
                .map(|a| a.official),
            None => None,
        };
        let calendar = self
            .calendar_for(&loaded.decision.binding.calendar_version)
            .await?;
        // An act judged on the public's comments is written only if no comment arrived since
        // they were read; one that did is read with the rest and the act judged again.
        for _ in 0..JUDGE_AGAIN {
            let (comments, messages) = if cmd.needs_comments() {
                let (ids, head) = self.store.received_comments(id).await?;
                (Some(ids), Some(head))
            } else {
                (None, None)
            };
            let ctx = Context {
                actor: &actor,
                today: self.today(),
                calendar: &calendar,
                received_comments: comments.as_deref().unwrap_or_default(),
                messages: messages.as_ref(),
                related: related.as_ref(),
                named: named.as_ref(),
            };
            let events = match procedure::decide(&loaded.decision, &cmd, &ctx) {
                Ok(events) => events,
                Err(refusal) => {
                    // A refusal judged on remembered state stands only if that state is still
                    // current.
                    if source == Source::Cache {
                        let current = self.load(id).await?.decision.version as i64;
                        if current != expected_version {
                            return Err(ServiceError::VersionConflict {
                                what: "决策",
                                current,
                            });
                        }
                    }
                    return Err(refusal.into());
                }
            };
            let next = procedure::evolve(&loaded.decision, &events);
            let deadlines = procedure::deadlines(&next, &calendar);
            let before = procedure::deadlines(&loaded.decision, &calendar);
            let along = Alongside {
                judged_on_comments: comments.as_ref().map(Vec::len),
                key: keep.as_ref(),
                deadlines: &deadlines,
                deadlines_before: Some(&before),
            };
            match self
                .store
                .append(&loaded, &next, &events, &actor, self.now(), along)
                .await
            {
                Ok(_) => {
                    metrics::counter!("decision_acts_accepted_total", "act" => format!("{kind:?}"))
                        .increment(1);
                    // The unit hears of a 督办 now, not at the next sweep. The act stands
                    // whatever happens here: one not raised now is raised by the next sweep
                    // while the deadline stays unmet.
                    if kind == procedure::CommandKind::IssueSupervisionNotice
                        && let Err(e) = self.raise_reminders_of(&next).await
                    {
                        tracing::warn!(error = %e.chain(), decision = id, "supervision reminder not raised; the sweep will");
                    }
                    return Ok(next);
                }
                Err(StoreError::CommentsArrived) => {
                    // The written state is the one judged; only the comments moved.
                    (loaded, source) = (self.load(id).await?, Source::Database);
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(StoreError::CommentsArrived.into())
    }

    /// A message from the public, which needs no account and does not touch the decision's
    /// version, so it never conflicts with officials' work: a comment while the consultation is
    /// open by the server's clock (Art. 15), or feedback on a published decision being executed
    /// (Art. 35(2)), which reaches the organ and the executing unit in the record.
    pub async fn submit_public(
        &self,
        kind: MessageKind,
        id: &str,
        body: Text,
        commenter: Option<Text>,
        contact: Option<Text>,
        key: Option<&Idempotency>,
    ) -> Result<Comment, ServiceError> {
        // The public's keys are one caller's: a key names a request, not a person.
        self.once(PUBLIC_CALLER, key, |keep| {
            self.submit_public_keeping(kind, id, body, commenter, contact, keep)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(decision = %id, kind = ?kind), err)]
    async fn submit_public_keeping(
        &self,
        kind: MessageKind,
        id: &str,
        body: Text,
        commenter: Option<Text>,
        contact: Option<Text>,
        keep: Option<NewKey>,
    ) -> Result<Comment, ServiceError> {
        let message = Comment {
            id: uuid::Uuid::now_v7().to_string(),
            decision_id: id.to_owned(),
            kind,
            body: body.to_string(),
            commenter: commenter.map(|c| c.to_string()),
            contact: contact.map(|c| c.to_string()),
            submitted_at: self.now(),
        };
        // Stored only if the decision is still as checked; if an official wrote meanwhile (the
        // consultation may have closed), checked again on what they wrote.
        for _ in 0..JUDGE_AGAIN {
            let loaded = self.load(id).await?;
            self.accepts_public(kind, &loaded.decision)?;
            if self
                .store
                .add_comment(&message, loaded.decision.version, keep.as_ref())
                .await?
            {
                return Ok(message);
            }
        }
        Err(ServiceError::Busy("该决策"))
    }

    /// Whether the public may send a message of this kind on `d` now.
    fn accepts_public(&self, kind: MessageKind, d: &Decision) -> Result<(), ServiceError> {
        let today = self.today();
        // The public learns nothing of a decision it may not see, not even that the id exists.
        if self.sight(&Caller::Public, d) == Sight::Nothing {
            return Err(ServiceError::NotFound("该决策"));
        }
        match kind {
            MessageKind::Comment => {
                let open = d.stage == Stage::Drafting
                    && d.consultation.as_ref().is_some_and(|c| {
                        c.closure.is_none()
                            && c.notice.opened_on <= today
                            && today <= c.notice.ends_on
                    });
                if !open {
                    return Err(ServiceError::ConsultationNotOpen);
                }
            }
            MessageKind::Feedback => {
                let executing = matches!(
                    d.stage,
                    Stage::InExecution | Stage::Suspended | Stage::PostEvaluation
                );
                if !executing {
                    return Err(ServiceError::NotInExecution);
                }
            }
        }
        Ok(())
    }

    /// What became of one of the public's messages, for whoever holds its receipt number: the
    /// message as sent, the decision it is on (as the public sees it), and, for a comment, the
    /// sponsor's disposition once made (Art. 18). Nothing of anyone else's message.
    pub async fn receipt(&self, number: &str) -> Result<Receipt, ServiceError> {
        let missing = || ServiceError::NotFound("该回执编号");
        let comment = self.store.comment(number).await?.ok_or_else(missing)?;
        let d = self.load(&comment.decision_id).await?.decision;
        let status = match comment.kind {
            MessageKind::Feedback => ReceiptStatus::Received,
            MessageKind::Comment => {
                let consultation = d.consultation.as_ref();
                let hidden = consultation.and_then(|c| c.hidden.get(&comment.id));
                let disposition = consultation.and_then(|c| c.dispositions.get(&comment.id));
                match (hidden, disposition) {
                    (Some(reason), _) => ReceiptStatus::Hidden {
                        reason: reason.to_string(),
                    },
                    (None, Some(disp)) => ReceiptStatus::Disposed {
                        outcome: disp.outcome,
                        reason: disp.reason.to_string(),
                        group: disp.group.and_then(|n| {
                            consultation?
                                .groups
                                .iter()
                                .find(|g| g.number == n)
                                .map(|g| (n, g.summary.to_string()))
                        }),
                    },
                    (None, None) => ReceiptStatus::Pending,
                }
            }
        };
        Ok(Receipt {
            decision: self.seen(&Caller::Public, d).map(|s| s.decision),
            comment,
            status,
        })
    }

    pub async fn decision(&self, caller: &Caller, id: &str) -> Result<Seen, ServiceError> {
        let d = self.load(id).await?.decision;
        self.seen(caller, d).ok_or_else(|| {
            tracing::info!(
                account = caller.account(),
                decision = id,
                "read refused: not visible"
            );
            ServiceError::NotFound("该决策")
        })
    }

    /// The decisions the caller may see, newest first, each as the caller sees it. The store
    /// is read a page at a time until `limit` are found, so a caller who sees few of many
    /// decisions still gets a full page.
    pub async fn list(
        &self,
        caller: &Caller,
        filter: &ListFilter,
        mut after: Option<(chrono::DateTime<Utc>, String)>,
        limit: u64,
    ) -> Result<Vec<(Seen, chrono::DateTime<Utc>)>, ServiceError> {
        const PAGE: u64 = 200;
        let mut out = Vec::new();
        while (out.len() as u64) < limit {
            let page = self.store.list(filter, after.clone(), PAGE).await?;
            let full = page.len() as u64 == PAGE;
            for (d, at) in page {
                after = Some((at, d.id.clone()));
                if let Some(seen) = self.seen(caller, d) {
                    out.push((seen, at));
                    if out.len() as u64 == limit {
                        break;
                    }
                }
            }
            if !full {
                break;
            }
        }
        Ok(out)
    }

    pub async fn history(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Vec<RecordedEvent>, ServiceError> {
        self.record_for(caller, id, "查阅办理记录").await?;
        Ok(self.store.history(id).await?)
    }

    /// The histories of the decisions among `ids` whose record the caller sees, each oldest
    /// first, in two queries whatever their number; the others have no entry.
    pub async fn histories(
        &self,
        caller: &Caller,
        ids: &[String],
    ) -> Result<HashMap<String, Vec<RecordedEvent>>, ServiceError> {
        let seen: Vec<String> = self
            .store
            .load_many(ids)
            .await?
            .into_iter()
            .filter(|d| self.sight(caller, d) == Sight::Record)
            .map(|d| d.id)
            .collect();
        let mut out: HashMap<String, Vec<RecordedEvent>> =
            seen.iter().map(|id| (id.clone(), Vec::new())).collect();
        for e in self.store.histories(&seen).await? {
            if let Some(events) = out.get_mut(&e.decision_id) {
                events.push(e);
            }
        }
        Ok(out)
    }

    pub async fn verify_history(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Option<Break>, ServiceError> {
        self.record_for(caller, id, "核验办理记录").await?;
        Ok(self.store.verify_history(id).await?)
    }

    /// Records a DEADLINE_PASSED event, as the engine, on every decision with a deadline that
    /// became late and is not recorded yet. Idempotent: the decision remembers what was recorded,
    /// so a second run — or the first after a restart — adds nothing. A decision an official
    /// writes meanwhile is left for the next run; a deadline the calendar cannot compute yet is
    /// left until it can, without holding back the decision's other deadlines. Returns how many
    /// events were recorded.
    #[tracing::instrument(skip(self), err)]
    pub async fn sweep_deadlines(&self) -> Result<usize, ServiceError> {
        // One server sweeps at a time; the others find the work done or being done.
        let Some(lease) = self.store.sweep_lease().await? else {
            tracing::debug!("another server is sweeping");
            return Ok(0);
        };
        let swept = self.sweep_under_lease().await;
        lease.release().await?;
        swept
    }

    async fn sweep_under_lease(&self) -> Result<usize, ServiceError> {
        let today = self.today();
        let system = Actor::system();
        let mut recorded = 0;
        // The index names the decisions with a deadline passed and not recorded; each is read
        // and judged again, so a row that is behind records nothing wrong.
        for id in self.store.decisions_to_sweep(today).await? {
            let Some(loaded) = self.store.load(&id).await? else {
                continue;
            };
            let calendar = self
                .calendar_for(&loaded.decision.binding.calendar_version)
                .await?;
            let events = procedure::newly_passed(&loaded.decision, &calendar, today);
            if events.is_empty() {
                continue;
            }
            let next = procedure::evolve(&loaded.decision, &events);
            let deadlines = procedure::deadlines(&next, &calendar);
            let along = Alongside {
                deadlines: &deadlines,
                ..Alongside::default()
            };
            match self
                .store
                .append(&loaded, &next, &events, &system, self.now(), along)
                .await
            {
                Ok(written) => recorded += written.len(),
                // Written meanwhile: the next sweep judges what was written.
                Err(StoreError::VersionConflict { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        let recorded = recorded + self.sweep_catalogues().await?;
        metrics::counter!("deadline_sweeps_total").increment(1);
        metrics::counter!("deadlines_recorded_total").increment(recorded as u64);
        Ok(recorded)
    }

    /// The decision's deadlines as they stand today, computed and counted with the calendar it
    /// is bound to; for a caller who sees its record.
    pub async fn deadlines_of(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Vec<DeadlineToday>, ServiceError> {
        let d = self.record_for(caller, id, "查看办理期限").await?;
        self.deadlines_on(&d, self.today()).await
    }

    async fn deadlines_on(
        &self,
        d: &Decision,
        today: NaiveDate,
    ) -> Result<Vec<DeadlineToday>, ServiceError> {
        let calendar = self.calendar_for(&d.binding.calendar_version).await?;
        Ok(procedure::deadlines(d, &calendar)
            .into_iter()
            .map(|dl| DeadlineToday::new(dl, today, &calendar))
            .collect())
    }

    /// Every deadline of every decision, and of every catalogue item (late against its plan,
    /// Art. 38), that the query keeps, with what it belongs to: soonest first, those whose due
    /// date cannot be computed yet last (they lie beyond the calendar's data). One "today" for
    /// the whole report, so its lines agree with each other. The deadline index names the
    /// decisions that may have such a deadline; only those are read, and each is judged again.
    pub async fn deadline_report(
        &self,
        caller: &Caller,
        query: &DeadlineQuery,
    ) -> Result<Vec<(Subject, DeadlineToday)>, ServiceError> {
        let official = caller.official()?;
        let today = self.today();
        // Only the caller's own organ's decisions can have a record the caller sees.
        let selection = DeadlineSelection {
            organ: official.organ.clone(),
            late_on: (query.overdue == Some(true)).then_some(today),
            kind: query.kind,
            unit: query.unit.clone(),
            due_before: query.due_before,
        };
        let ids = self.store.decisions_with_deadlines(&selection).await?;
        let mut out = Vec::new();
        for d in self.store.load_many(&ids).await? {
            if self.sight(caller, &d) != Sight::Record {
                continue;
            }
            for dl in self.deadlines_on(&d, today).await? {
                if query.keeps(&dl) {
                    out.push((Subject::Decision(Box::new(d.clone())), dl));
                }
            }
        }
        for (subject, dl) in self.catalogue_deadlines(&official.organ, today).await? {
            if query.keeps(&dl) {
                out.push((subject, dl));
            }
        }
        out.sort_by_key(|(_, dl)| {
            let due = dl.deadline.due.as_ref().ok().copied();
            (due.is_none(), due)
        });
        Ok(out)
    }

    /// Builds the deadline index if it was built by another version of the engine's rules, or
    /// never (a database from before the index): every decision's rows, rewritten unless an act
    /// rewrites them meanwhile. Run at start-up; returns how many decisions were indexed.
    pub async fn build_deadline_index(&self) -> Result<usize, ServiceError> {
        if self.store.index_version(DEADLINE_INDEX).await? >= DEADLINE_INDEX_VERSION {
            return Ok(0);
        }
        let mut indexed = 0;
        let mut after = None;
        loop {
            let page = self
                .store
                .list(&ListFilter::default(), after.clone(), 500)
                .await?;
            let Some((last, at)) = page.last() else { break };
            after = Some((*at, last.id.clone()));
            // A page at once: the writer carries its rewrites on a few commits.
            let mut rewrites = Vec::with_capacity(page.len());
            for (d, _) in page {
                let calendar = self.calendar_for(&d.binding.calendar_version).await?;
                let deadlines = procedure::deadlines(&d, &calendar);
                rewrites.push(async move { self.store.reindex(&d, &deadlines).await });
            }
            for rewritten in futures_util::future::join_all(rewrites).await {
                if rewritten? {
                    indexed += 1;
                }
            }
        }
        self.store
            .set_index_version(DEADLINE_INDEX, DEADLINE_INDEX_VERSION)
            .await?;
        Ok(indexed)
    }

    /// The public's messages of one kind on a decision, for a caller whose post covers its
    /// record (for feedback: the organ and the executing unit, Art. 35(2)).
    pub async fn comments(
        &self,
        caller: &Caller,
        id: &str,
        kind: MessageKind,
    ) -> Result<Vec<Comment>, ServiceError> {
        self.record_for(caller, id, "查阅公众意见").await?;
        Ok(self.store.comments(id, kind).await?)
    }

    async fn load(&self, id: &str) -> Result<Loaded, ServiceError> {
        self.store
            .load(id)
            .await?
            .ok_or(ServiceError::NotFound("该决策"))
    }
}
