//! The annual catalogue over GraphQL (Art. 3(3)): its queries, its acts and its types. Thin:
//! inputs are parsed into `procedure::catalogue` commands, the service judges and stores, and
//! what a caller sees of a catalogue is the service's answer.

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, InputObject, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::enums::Role;
use super::limits;
use super::scalars::{Date, Month};
use super::types::{Account, Decision, HistoryVerification};
use super::{caller, db_turn, gql_error, invalid, service};
use crate::procedure::Length::{Name, Statement, Title};
use crate::procedure::catalogue::{
    self as c, CarryOver, CatalogueCommand, Change, ItemFields, ItemStatus, PlannedProcedures,
    ReportPublication,
};
use crate::procedure::{self as p, Text, ValueError};
use crate::service::{CatalogueRecord, SeenCatalogue};

type Parsed<T> = std::result::Result<T, ValueError>;

/// Units and channels a catalogue names: a handful each.
const MAX_ITEMS: usize = 50;
/// The items one import may hold: a district lists ten a year, a province's platform a few
/// hundred; a thousand is far beyond any real catalogue and within the body limit.
const MAX_IMPORT: usize = 2_000;

fn t(field: &'static str, kind: p::Length, v: &str) -> Parsed<Text> {
    Text::parse_as(field, kind, v)
}
fn o(field: &'static str, kind: p::Length, v: &Option<String>) -> Parsed<Option<Text>> {
    Text::parse_opt_as(field, kind, v.as_deref())
}
fn l(field: &'static str, kind: p::Length, v: &[String]) -> Parsed<Vec<Text>> {
    Text::parse_list_as(field, kind, MAX_ITEMS, v)
}
fn id(field: &'static str, v: &ID) -> Parsed<String> {
    Text::parse_as(field, Name, v).map(|t| t.to_string())
}
fn expected(v: i64) -> Parsed<i64> {
    if v < 0 {
        return Err(ValueError::Negative {
            field: "预期版本号",
            value: v,
        });
    }
    Ok(v)
}

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/// Art. 3(1): the five kinds of decision matter.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "c::MatterKind")]
pub enum MatterKind {
    PublicPolicy,
    Plan,
    Resources,
    Construction,
    Other,
}

/// Where the version in preparation stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum CatalogueStep {
    Drafting,
    /// Fixed by the organ's executive meeting.
    Discussed,
    /// Consented to by the same-level Party committee.
    Consented,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum SubmissionKind {
    Add,
    Amend,
    Withdraw,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum SubmissionStatus {
    Pending,
    Accepted,
    Rejected,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "c::ItemChangeKind")]
pub enum ItemChangeKind {
    Added,
    Changed,
    Withdrawn,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "c::ChangeKind")]
pub enum ChangeKind {
    Added,
    Changed,
    Withdrawn,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum ItemOutcome {
    Decided,
    InProgress,
    CarriedOver,
    Withdrawn,
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/// One item, as a unit submits it or the office amends it.
#[derive(InputObject)]
pub struct CatalogueItemInput {
    /// 决策事项名称
    pub name: String,
    /// 承办单位 (the lead unit)
    pub lead_unit: String,
    #[graphql(default)]
    pub co_units: Vec<String>,
    pub kind: MatterKind,
    /// 决策依据及主要内容
    pub basis_and_content: String,
    #[graphql(default)]
    pub public_consultation: bool,
    #[graphql(default)]
    pub hearing: bool,
    #[graphql(default)]
    pub expert_argumentation: bool,
    #[graphql(default)]
    pub risk_assessment: bool,
    /// 计划决策时间
    pub planned_time: Month,
    pub remarks: Option<String>,
}

impl CatalogueItemInput {
    fn fields(&self) -> Parsed<ItemFields> {
        Ok(ItemFields {
            name: t("决策事项名称", Title, &self.name)?,
            lead_unit: t("承办单位", Name, &self.lead_unit)?,
            co_units: l("协办单位", Name, &self.co_units)?,
            kind: self.kind.into(),
            basis_and_content: t("决策依据及主要内容", Statement, &self.basis_and_content)?,
            procedures: PlannedProcedures {
                public_consultation: self.public_consultation,
                hearing: self.hearing,
                expert_argumentation: self.expert_argumentation,
                risk_assessment: self.risk_assessment,
            },
            planned: self.planned_time.0,
            remarks: o("备注", Statement, &self.remarks)?,
        })
    }
}

#[derive(InputObject)]
pub struct OpenCatalogueInput {
    pub year: i32,
    /// Defaults to 《{organ}{year}年度重大行政决策事项目录》.
    pub title: Option<String>,
    pub opened_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct SubmitCatalogueItemInput {
    pub catalogue_id: ID,
    pub item: CatalogueItemInput,
    /// Required once the catalogue is published (an adjustment says why).
    pub reason: Option<String>,
    pub submitted_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct SubmitCatalogueAmendmentInput {
    pub catalogue_id: ID,
    pub item_id: ID,
    /// The item as it should read.
    pub item: CatalogueItemInput,
    pub reason: Option<String>,
    pub submitted_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct SubmitCatalogueWithdrawalInput {
    pub catalogue_id: ID,
    pub item_id: ID,
    pub reason: Option<String>,
    pub submitted_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct AcceptCatalogueSubmissionInput {
    pub catalogue_id: ID,
    pub expected_version: i64,
    pub submission_id: ID,
    /// The office's edit of the unit's text; `note` then says what and why.
    pub amended: Option<CatalogueItemInput>,
    pub note: Option<String>,
    pub accepted_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct RejectCatalogueSubmissionInput {
    pub catalogue_id: ID,
    pub expected_version: i64,
    pub submission_id: ID,
    pub reason: String,
    pub rejected_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct RecordCatalogueDiscussionInput {
    pub catalogue_id: ID,
    pub expected_version: i64,
    pub held_on: Date,
    /// e.g. 区政府第12次常务会议
    pub session: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct RecordCatalogueConsentInput {
    pub catalogue_id: ID,
    pub expected_version: i64,
    pub consented_on: Date,
    /// The committee's document or meeting, e.g. 区委常委会2025年第5次会议.
    pub reference: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct PublishCatalogueInput {
    pub catalogue_id: ID,
    pub expected_version: i64,
    pub published_on: Date,
    pub channels: Vec<String>,
    /// e.g. 平政办〔2025〕8号
    pub document_number: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct CarryOverCatalogueItemInput {
    pub catalogue_id: ID,
    pub expected_version: i64,
    pub item_id: ID,
    pub reason: String,
    pub carried_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct PublishCatalogueReportInput {
    pub catalogue_id: ID,
    pub expected_version: i64,
    pub published_on: Date,
    pub channels: Vec<String>,
    pub document_number: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

#[derive(InputObject)]
pub struct ImportCatalogueInput {
    pub catalogue_id: ID,
    pub expected_version: i64,
    /// The CSV the engine exports (`/catalogues/{year}.csv`), with or without its byte-order
    /// mark. Every row is imported, or none.
    pub csv: String,
    pub imported_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// An annual catalogue of decision matters, as the caller may see it: its organ's officials see
/// the version in preparation, the submissions and the history; everyone else what was
/// published.
pub struct Catalogue {
    /// Shared with the versions resolved under it, never copied.
    catalogue: Arc<c::Catalogue>,
    sight: p::Sight,
}

impl Catalogue {
    /// The whole record, as an act the caller just did returns it.
    fn of_act(catalogue: c::Catalogue) -> Self {
        Self {
            catalogue: Arc::new(catalogue),
            sight: p::Sight::Record,
        }
    }
    fn record(&self) -> bool {
        self.sight == p::Sight::Record
    }
    fn c(&self) -> &c::Catalogue {
        &self.catalogue
    }
}

impl From<SeenCatalogue> for Catalogue {
    fn from(s: SeenCatalogue) -> Self {
        Self {
            catalogue: Arc::new(s.catalogue),
            sight: s.sight,
        }
    }
}

#[Object]
impl Catalogue {
    async fn id(&self) -> ID {
        ID(self.c().id.clone())
    }
    async fn organ(&self) -> &str {
        &self.c().organ
    }
    async fn year(&self) -> i32 {
        self.c().year
    }
    async fn title(&self) -> &str {
        self.c().title.as_str()
    }
    /// The office that runs the catalogue, as the organ decided.
    async fn office(&self) -> Role {
        self.c().office.into()
    }
    /// Whether adjustments, too, need the Party committee's consent before publication.
    async fn adjustment_consent(&self) -> bool {
        self.c().adjustment_consent
    }
    async fn opened_on(&self) -> Date {
        self.c().opened_on.into()
    }
    /// The optimistic-concurrency token: the office's acts name it as `expectedVersion`.
    async fn version(&self) -> i64 {
        self.c().version as i64
    }
    /// The number the version in preparation will get when published.
    async fn revision_number(&self) -> i32 {
        self.c().revision.number as i32
    }
    /// Where the version in preparation stands (officials of the organ).
    async fn step(&self) -> Option<CatalogueStep> {
        self.record().then(|| match self.c().revision.step {
            c::Step::Drafting => CatalogueStep::Drafting,
            c::Step::Discussed { .. } => CatalogueStep::Discussed,
            c::Step::Consented { .. } => CatalogueStep::Consented,
        })
    }
    /// The working list: what the version in preparation will publish. For the public, the
    /// latest published list.
    async fn items(&self) -> Vec<CatalogueItem> {
        items(self.c(), &self.c().items)
    }
    /// What the version in preparation changes, with the units' reasons (officials of the organ).
    async fn pending_changes(&self) -> Vec<AppliedChange> {
        if !self.record() {
            return Vec::new();
        }
        self.c()
            .revision
            .changes
            .iter()
            .map(AppliedChange::from)
            .collect()
    }
    /// The units' submissions and adjustment proposals, oldest first (officials of the organ).
    async fn submissions(&self) -> Vec<CatalogueSubmission> {
        if !self.record() {
            return Vec::new();
        }
        self.c()
            .submissions
            .iter()
            .map(CatalogueSubmission::new)
            .collect()
    }
    /// Every published version, oldest first.
    async fn published_versions(&self) -> Vec<CatalogueVersion> {
        self.c()
            .versions
            .iter()
            .map(|v| CatalogueVersion::new(&self.catalogue, v))
            .collect()
    }
    /// One published version; the latest when no number is given.
    async fn published_version(&self, number: Option<i32>) -> Option<CatalogueVersion> {
        let c = self.c();
        let v = match number {
            Some(n) => c.published(u32::try_from(n).ok()?),
            None => c.latest(),
        }?;
        Some(CatalogueVersion::new(&self.catalogue, v))
    }
    /// What version `to` changed from version `from`, item by item, with the reasons.
    async fn diff(&self, from: i32, to: i32) -> Result<Vec<CatalogueItemChange>> {
        let (Ok(from), Ok(to)) = (u32::try_from(from), u32::try_from(to)) else {
            return Err(invalid(ValueError::Invalid {
                field: "版本号",
                why: "应为正整数",
            }));
        };
        let changes = c::diff(self.c(), from, to)
            .map_err(|r| gql_error(crate::service::ServiceError::Refused(r)))?;
        Ok(changes.into_iter().map(CatalogueItemChange::from).collect())
    }
    /// The year-end report, once published.
    async fn report(&self) -> Option<CatalogueReport> {
        self.c().report.as_ref().map(CatalogueReport::from)
    }
    /// The report's lines as things stand today, before it is published (officials of the
    /// organ).
    #[graphql(complexity = "limits::READ + child_complexity")]
    async fn report_preview(&self, ctx: &Context<'_>) -> Result<Vec<CatalogueReportLine>> {
        let _turn = db_turn(ctx).await;
        let lines = service(ctx)
            .report_preview(caller(ctx)?, &self.c().id)
            .await
            .map_err(gql_error)?;
        Ok(lines.iter().map(CatalogueReportLine::from).collect())
    }
    /// Every act on the catalogue, oldest first, hash-chained (officials of the organ).
    #[graphql(complexity = "limits::READ + child_complexity")]
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<CatalogueEvent>> {
        let _turn = db_turn(ctx).await;
        let events = service(ctx)
            .catalogue_history(caller(ctx)?, &self.c().id)
            .await
            .map_err(gql_error)?;
        Ok(events.into_iter().map(CatalogueEvent::from).collect())
    }
    /// Recomputes the history's hash chain (officials of the organ).
    #[graphql(complexity = "limits::VERIFY + child_complexity")]
    async fn history_verification(&self, ctx: &Context<'_>) -> Result<HistoryVerification> {
        let _turn = db_turn(ctx).await;
        let broken = service(ctx)
            .verify_catalogue(caller(ctx)?, &self.c().id)
            .await
            .map_err(gql_error)?;
        Ok(HistoryVerification::of_chain(broken))
    }
}

fn items(c: &c::Catalogue, list: &[c::Item]) -> Vec<CatalogueItem> {
    let mut n = 0;
    list.iter()
        .map(|i| {
            let number = i.is_active().then(|| {
                n += 1;
                n
            });
            CatalogueItem::new(c, i, number)
        })
        .collect()
}

/// One matter of a catalogue.
pub struct CatalogueItem {
    organ: String,
    item: c::Item,
    number: Option<i32>,
    carried_over: bool,
}

impl CatalogueItem {
    fn new(c: &c::Catalogue, item: &c::Item, number: Option<i32>) -> Self {
        Self {
            organ: c.organ.clone(),
            item: item.clone(),
            number,
            carried_over: c.carried(&item.id).is_some(),
        }
    }
    fn f(&self) -> &ItemFields {
        &self.item.fields
    }
}

#[Object]
impl CatalogueItem {
    /// Stable for life, across versions and years: what a decision names.
    async fn id(&self) -> ID {
        ID(self.item.id.clone())
    }
    /// 序号 among the listed items; null for a withdrawn one.
    async fn number(&self) -> Option<i32> {
        self.number
    }
    async fn name(&self) -> &str {
        self.f().name.as_str()
    }
    async fn lead_unit(&self) -> &str {
        self.f().lead_unit.as_str()
    }
    async fn co_units(&self) -> Vec<&str> {
        self.f().co_units.iter().map(Text::as_str).collect()
    }
    async fn kind(&self) -> MatterKind {
        self.f().kind.into()
    }
    async fn basis_and_content(&self) -> &str {
        self.f().basis_and_content.as_str()
    }
    /// 决策程序: the planned procedures, legality review and collective discussion always last.
    async fn procedures(&self) -> Vec<&'static str> {
        self.f().procedures.names()
    }
    async fn public_consultation(&self) -> bool {
        self.f().procedures.public_consultation
    }
    /// 是否听证
    async fn hearing(&self) -> bool {
        self.f().procedures.hearing
    }
    async fn expert_argumentation(&self) -> bool {
        self.f().procedures.expert_argumentation
    }
    async fn risk_assessment(&self) -> bool {
        self.f().procedures.risk_assessment
    }
    /// 计划决策时间: `2025-06`.
    async fn planned_time(&self) -> String {
        self.f().planned.to_string()
    }
    async fn remarks(&self) -> Option<&str> {
        self.f().remarks.as_ref().map(Text::as_str)
    }
    async fn withdrawn(&self) -> bool {
        !self.item.is_active()
    }
    async fn withdrawn_reason(&self) -> Option<&str> {
        match &self.item.status {
            ItemStatus::Withdrawn { reason, .. } => Some(reason.as_str()),
            ItemStatus::Active => None,
        }
    }
    /// The year whose catalogue it was carried over from.
    async fn carried_from_year(&self) -> Option<i32> {
        self.item.carried_from
    }
    /// Whether the office carried it over into next year's catalogue.
    async fn carried_over(&self) -> bool {
        self.carried_over
    }
    /// The decision that decides the item, with its live stage and dates, as the caller may
    /// see it; null before one is proposed.
    #[graphql(complexity = "limits::READ + child_complexity")]
    async fn decision(&self, ctx: &Context<'_>) -> Result<Option<Decision>> {
        let _turn = db_turn(ctx).await;
        Ok(service(ctx)
            .item_decision(caller(ctx)?, &self.organ, &self.item.id)
            .await
            .map_err(gql_error)?
            .map(Decision::from))
    }
}

#[derive(SimpleObject)]
pub struct CatalogueMeeting {
    pub held_on: Date,
    pub session: String,
}

#[derive(SimpleObject)]
pub struct CatalogueConsent {
    pub consented_on: Date,
    pub reference: String,
}

/// A published version, as it was published.
pub struct CatalogueVersion {
    catalogue: Arc<c::Catalogue>,
    number: u32,
}

impl CatalogueVersion {
    fn new(c: &Arc<c::Catalogue>, v: &c::Version) -> Self {
        Self {
            catalogue: c.clone(),
            number: v.number,
        }
    }
    fn v(&self) -> Option<&c::Version> {
        self.catalogue.published(self.number)
    }
}

#[Object]
impl CatalogueVersion {
    async fn number(&self) -> i32 {
        self.number as i32
    }
    async fn published_on(&self) -> Option<Date> {
        self.v().map(|v| v.publication.published_on.into())
    }
    async fn document_number(&self) -> Option<&str> {
        self.v().map(|v| v.publication.document_number.as_str())
    }
    async fn channels(&self) -> Vec<&str> {
        self.v()
            .map(|v| v.publication.channels.iter().map(Text::as_str).collect())
            .unwrap_or_default()
    }
    /// The executive meeting that fixed it.
    async fn discussion(&self) -> Option<CatalogueMeeting> {
        self.v().map(|v| CatalogueMeeting {
            held_on: v.discussion.held_on.into(),
            session: v.discussion.session.to_string(),
        })
    }
    /// The Party committee's consent; null for an adjustment the profile lets pass without.
    async fn consent(&self) -> Option<CatalogueConsent> {
        self.v()
            .and_then(|v| v.consent.as_ref())
            .map(|c| CatalogueConsent {
                consented_on: c.consented_on.into(),
                reference: c.reference.to_string(),
            })
    }
    /// The listed items, numbered (序号).
    async fn items(&self) -> Vec<CatalogueItem> {
        self.v()
            .map(|v| {
                v.listed()
                    .map(|(n, i)| CatalogueItem::new(&self.catalogue, i, Some(n as i32)))
                    .collect()
            })
            .unwrap_or_default()
    }
    /// The items withdrawn by this version or an earlier one, with their reasons.
    async fn withdrawn_items(&self) -> Vec<CatalogueItem> {
        self.v()
            .map(|v| {
                v.withdrawn()
                    .map(|i| CatalogueItem::new(&self.catalogue, i, None))
                    .collect()
            })
            .unwrap_or_default()
    }
    /// What this version changed from the one before.
    async fn changes(&self) -> Vec<AppliedChange> {
        self.v()
            .map(|v| v.changes.iter().map(AppliedChange::from).collect())
            .unwrap_or_default()
    }
}

#[derive(SimpleObject)]
pub struct AppliedChange {
    pub item_id: ID,
    pub kind: ChangeKind,
    pub reason: Option<String>,
    pub submission_id: Option<ID>,
}

impl From<&c::AppliedChange> for AppliedChange {
    fn from(a: &c::AppliedChange) -> Self {
        Self {
            item_id: ID(a.item_id.clone()),
            kind: a.kind.into(),
            reason: a.reason.as_ref().map(ToString::to_string),
            submission_id: a.submission_id.clone().map(ID),
        }
    }
}

/// A unit's submission or adjustment proposal, and what the office did with it.
#[derive(SimpleObject)]
pub struct CatalogueSubmission {
    pub id: ID,
    pub kind: SubmissionKind,
    /// The item it changes or withdraws; for an accepted addition, the new item.
    pub item_id: Option<ID>,
    /// The item as the unit submitted it (null for a withdrawal).
    pub proposed_name: Option<String>,
    pub proposed_planned_time: Option<String>,
    pub reason: Option<String>,
    pub unit: String,
    pub submitted_by: String,
    pub submitted_on: Date,
    pub status: SubmissionStatus,
    pub decided_on: Option<Date>,
    /// The office's note on an accepted one, or its reason for rejecting.
    pub answer: Option<String>,
    /// Whether the office accepted it with edits.
    pub edited: bool,
}

impl CatalogueSubmission {
    fn new(s: &c::Submission) -> Self {
        let (kind, item_id, fields) = match &s.change {
            Change::Add { fields } => (SubmissionKind::Add, None, Some(fields)),
            Change::Amend { item_id, fields } => {
                (SubmissionKind::Amend, Some(item_id.clone()), Some(fields))
            }
            Change::Withdraw { item_id } => (SubmissionKind::Withdraw, Some(item_id.clone()), None),
        };
        let (status, decided_on, answer, edited) = match &s.status {
            c::SubmissionStatus::Pending => (SubmissionStatus::Pending, None, None, false),
            c::SubmissionStatus::Accepted {
                accepted_on,
                note,
                edited,
            } => (
                SubmissionStatus::Accepted,
                Some((*accepted_on).into()),
                note.as_ref().map(ToString::to_string),
                *edited,
            ),
            c::SubmissionStatus::Rejected {
                rejected_on,
                reason,
            } => (
                SubmissionStatus::Rejected,
                Some((*rejected_on).into()),
                Some(reason.to_string()),
                false,
            ),
        };
        // An accepted addition became the item of the submission's id.
        let item_id = item_id.or_else(|| {
            (kind == SubmissionKind::Add && status == SubmissionStatus::Accepted)
                .then(|| s.id.clone())
        });
        Self {
            id: ID(s.id.clone()),
            kind,
            item_id: item_id.map(ID),
            proposed_name: fields.map(|f| f.name.to_string()),
            proposed_planned_time: fields.map(|f| f.planned.to_string()),
            reason: s.reason.as_ref().map(ToString::to_string),
            unit: s.unit.to_string(),
            submitted_by: s.submitted_by.clone(),
            submitted_on: s.submitted_on.into(),
            status,
            decided_on,
            answer,
            edited,
        }
    }
}

#[derive(SimpleObject)]
pub struct FieldChange {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// One item's difference between two versions.
#[derive(SimpleObject)]
pub struct CatalogueItemChange {
    pub item_id: ID,
    pub name: String,
    pub kind: ItemChangeKind,
    /// For a changed item, each field that differs, from what to what.
    pub fields: Vec<FieldChange>,
    /// The reasons the units gave, oldest first.
    pub reasons: Vec<String>,
}

impl From<c::ItemChange> for CatalogueItemChange {
    fn from(ch: c::ItemChange) -> Self {
        Self {
            item_id: ID(ch.item_id),
            name: ch.name,
            kind: ch.kind.into(),
            fields: ch
                .fields
                .into_iter()
                .map(|f| FieldChange {
                    field: f.field.to_owned(),
                    from: f.from,
                    to: f.to,
                })
                .collect(),
            reasons: ch.reasons,
        }
    }
}

/// What became of one item at year end.
#[derive(SimpleObject)]
pub struct CatalogueReportLine {
    pub item_id: ID,
    pub number: i32,
    pub name: String,
    pub lead_unit: String,
    pub planned_time: String,
    pub outcome: ItemOutcome,
    pub decision_id: Option<ID>,
    /// The collective discussion that decided it.
    pub decided_on: Option<Date>,
    pub published_on: Option<Date>,
    pub document_number: Option<String>,
    /// For an item in progress, its decision's stage.
    pub stage: Option<String>,
    pub carried_to_year: Option<i32>,
    /// Why it was carried over or withdrawn.
    pub reason: Option<String>,
}

impl From<&c::ReportLine> for CatalogueReportLine {
    fn from(l: &c::ReportLine) -> Self {
        let mut line = Self {
            item_id: ID(l.item_id.clone()),
            number: l.number as i32,
            name: l.name.clone(),
            lead_unit: l.lead_unit.clone(),
            planned_time: l.planned.to_string(),
            outcome: ItemOutcome::InProgress,
            decision_id: None,
            decided_on: None,
            published_on: None,
            document_number: None,
            stage: None,
            carried_to_year: None,
            reason: None,
        };
        match &l.outcome {
            c::Outcome::Decided {
                decision_id,
                decided_on,
                published_on,
                document_number,
            } => {
                line.outcome = ItemOutcome::Decided;
                line.decision_id = Some(ID(decision_id.clone()));
                line.decided_on = Some((*decided_on).into());
                line.published_on = published_on.map(Into::into);
                line.document_number = document_number.clone();
            }
            c::Outcome::InProgress { decision_id, stage } => {
                line.decision_id = decision_id.clone().map(ID);
                line.stage = stage.clone();
            }
            c::Outcome::CarriedOver { to_year, reason } => {
                line.outcome = ItemOutcome::CarriedOver;
                line.carried_to_year = Some(*to_year);
                line.reason = Some(reason.to_string());
            }
            c::Outcome::Withdrawn { reason } => {
                line.outcome = ItemOutcome::Withdrawn;
                line.reason = Some(reason.to_string());
            }
        }
        line
    }
}

/// The published year-end report (年度执行情况).
#[derive(SimpleObject)]
pub struct CatalogueReport {
    /// The catalogue version it reports on.
    pub version: i32,
    pub published_on: Date,
    pub channels: Vec<String>,
    pub document_number: Option<String>,
    pub lines: Vec<CatalogueReportLine>,
}

impl From<&c::Report> for CatalogueReport {
    fn from(r: &c::Report) -> Self {
        Self {
            version: r.version as i32,
            published_on: r.publication.published_on.into(),
            channels: r
                .publication
                .channels
                .iter()
                .map(ToString::to_string)
                .collect(),
            document_number: r
                .publication
                .document_number
                .as_ref()
                .map(ToString::to_string),
            lines: r.lines.iter().map(CatalogueReportLine::from).collect(),
        }
    }
}

/// One act on a catalogue as recorded.
#[derive(SimpleObject)]
pub struct CatalogueEvent {
    pub catalogue_id: ID,
    pub seq: i64,
    pub kind: String,
    pub actor: Account,
    pub occurred_on: Option<Date>,
    pub recorded_at: DateTime<Utc>,
    pub payload: Json<serde_json::Value>,
    /// SHA-256 over the previous event's hash and this event.
    pub hash: String,
}

impl From<CatalogueRecord> for CatalogueEvent {
    fn from(e: CatalogueRecord) -> Self {
        Self {
            catalogue_id: ID(e.catalogue_id),
            seq: e.seq,
            kind: e.kind,
            actor: (&e.actor).into(),
            occurred_on: e.occurred_on.map(Into::into),
            recorded_at: e.recorded_at,
            payload: Json(e.payload),
            hash: e.hash,
        }
    }
}

/// Where a decision stands in its organ's annual catalogue.
#[derive(SimpleObject)]
pub struct CatalogueLink {
    pub catalogue_id: Option<ID>,
    pub year: Option<i32>,
    pub item_id: Option<ID>,
    pub item_name: Option<String>,
    /// Why the matter is outside the catalogue.
    pub outside_reason: Option<String>,
}

impl From<&p::CatalogueLink> for CatalogueLink {
    fn from(l: &p::CatalogueLink) -> Self {
        match l {
            p::CatalogueLink::Item {
                catalogue_id,
                year,
                item_id,
                item_name,
            } => Self {
                catalogue_id: Some(ID(catalogue_id.clone())),
                year: Some(*year),
                item_id: Some(ID(item_id.clone())),
                item_name: Some(item_name.to_string()),
                outside_reason: None,
            },
            p::CatalogueLink::Outside { reason } => Self {
                catalogue_id: None,
                year: None,
                item_id: None,
                item_name: None,
                outside_reason: Some(reason.to_string()),
            },
        }
    }
}

/// A catalogue item a deadline belongs to.
#[derive(SimpleObject)]
pub struct CatalogueItemRef {
    pub catalogue_id: ID,
    pub year: i32,
    pub item_id: ID,
}

impl CatalogueItemRef {
    pub fn new(catalogue_id: &str, year: i32, item_id: &str) -> Self {
        Self {
            catalogue_id: ID(catalogue_id.to_owned()),
            year,
            item_id: ID(item_id.to_owned()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Queries and acts
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
pub struct CatalogueQuery;

#[Object]
impl CatalogueQuery {
    /// The organ's catalogue of the year: the caller's own organ unless `organ` is named (for
    /// the public, the one organ with a published catalogue that year). Null when there is
    /// none the caller may see.
    #[graphql(complexity = "limits::READ + child_complexity")]
    async fn catalogue(
        &self,
        ctx: &Context<'_>,
        year: i32,
        organ: Option<String>,
    ) -> Result<Option<Catalogue>> {
        let organ = organ
            .as_deref()
            .map(|o| t("决策机关", Name, o))
            .transpose()
            .map_err(invalid)?;
        let _turn = db_turn(ctx).await;
        Ok(service(ctx)
            .catalogue_of_year(caller(ctx)?, organ.as_ref().map(Text::as_str), year)
            .await
            .map_err(gql_error)?
            .map(Catalogue::from))
    }
    #[graphql(complexity = "limits::READ + child_complexity")]
    async fn catalogue_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Catalogue> {
        let id = self::id("目录ID", &id).map_err(invalid)?;
        let _turn = db_turn(ctx).await;
        service(ctx)
            .catalogue(caller(ctx)?, &id)
            .await
            .map(Catalogue::from)
            .map_err(gql_error)
    }
    /// Every catalogue the caller may see, newest year first.
    #[graphql(complexity = "limits::READ * 10 + child_complexity")]
    async fn catalogues(&self, ctx: &Context<'_>) -> Result<Vec<Catalogue>> {
        let _turn = db_turn(ctx).await;
        Ok(service(ctx)
            .catalogues(caller(ctx)?)
            .await
            .map_err(gql_error)?
            .into_iter()
            .map(Catalogue::from)
            .collect())
    }
}

#[derive(Default)]
pub struct CatalogueMutation;

/// Runs an office act on the catalogue and answers it as the caller now sees it.
async fn act(
    ctx: &Context<'_>,
    catalogue_id: &ID,
    expected_version: Option<i64>,
    cmd: Parsed<CatalogueCommand>,
    key: &Option<String>,
) -> Result<Catalogue> {
    let official = caller(ctx)?.official().map_err(gql_error)?;
    let id = id("目录ID", catalogue_id).map_err(invalid)?;
    let expected = expected_version
        .map(expected)
        .transpose()
        .map_err(invalid)?;
    let cmd = cmd.map_err(invalid)?;
    let key = keyed(ctx, key)?;
    let _turn = db_turn(ctx).await;
    service(ctx)
        .catalogue_act(official, &id, expected, cmd, key.as_ref())
        .await
        .map(Catalogue::of_act)
        .map_err(gql_error)
}

/// A unit's submission: judged on the catalogue as it stands, not on a version the unit saw.
async fn submit(
    ctx: &Context<'_>,
    catalogue_id: &ID,
    change: Parsed<Change>,
    reason: &Option<String>,
    submitted_on: Date,
    key: &Option<String>,
) -> Result<Catalogue> {
    let cmd = (|| {
        Ok(CatalogueCommand::Submit {
            id: uuid::Uuid::now_v7().to_string(),
            change: change?,
            reason: o("理由", Statement, reason)?,
            submitted_on: submitted_on.0,
        })
    })();
    act(ctx, catalogue_id, None, cmd, key).await
}

/// An office act's input: the catalogue, the version the act was judged on, the request's key.
trait OfficeAct {
    fn catalogue_id(&self) -> &ID;
    fn expected_version(&self) -> i64;
    fn idempotency_key(&self) -> &Option<String>;
}

macro_rules! office_act {
    ($($input:ty),*) => {
        $(impl OfficeAct for $input {
            fn catalogue_id(&self) -> &ID {
                &self.catalogue_id
            }
            fn expected_version(&self) -> i64 {
                self.expected_version
            }
            fn idempotency_key(&self) -> &Option<String> {
                &self.idempotency_key
            }
        })*
    };
}

office_act!(
    AcceptCatalogueSubmissionInput,
    RejectCatalogueSubmissionInput,
    RecordCatalogueDiscussionInput,
    RecordCatalogueConsentInput,
    PublishCatalogueInput,
    CarryOverCatalogueItemInput
);

/// Runs an office act named by its input.
async fn office(
    ctx: &Context<'_>,
    input: &impl OfficeAct,
    cmd: Parsed<CatalogueCommand>,
) -> Result<Catalogue> {
    let key = input.idempotency_key();
    act(
        ctx,
        input.catalogue_id(),
        Some(input.expected_version()),
        cmd,
        key,
    )
    .await
}

/// The request's idempotency key, parsed, with the request it stands for.
fn keyed(ctx: &Context<'_>, key: &Option<String>) -> Result<Option<crate::service::Idempotency>> {
    super::idempotency(ctx, super::inputs::idempotency_key(key).map_err(invalid)?)
}

#[Object]
impl CatalogueMutation {
    /// Art. 3(3): the office the organ named opens the year's catalogue; last year's items
    /// carried over come in with it.
    async fn open_catalogue(
        &self,
        ctx: &Context<'_>,
        input: OpenCatalogueInput,
    ) -> Result<Catalogue> {
        let official = caller(ctx)?.official().map_err(gql_error)?;
        let key = keyed(ctx, &input.idempotency_key)?;
        let title = o("目录名称", Title, &input.title).map_err(invalid)?;
        if input.year < 0 {
            return Err(invalid(ValueError::Negative {
                field: "目录年度",
                value: input.year.into(),
            }));
        }
        if !super::scalars::YEARS.contains(&input.year) {
            return Err(invalid(ValueError::Invalid {
                field: "目录年度",
                why: "应在2000年至2099年之间",
            }));
        }
        let _turn = db_turn(ctx).await;
        service(ctx)
            .open_catalogue(official, input.year, title, input.opened_on.0, key.as_ref())
            .await
            .map(Catalogue::of_act)
            .map_err(gql_error)
    }
    /// A unit submits a candidate item it leads; after publication, an item to add, with the
    /// reason (an adjustment, Art. 3(3)).
    async fn submit_catalogue_item(
        &self,
        ctx: &Context<'_>,
        input: SubmitCatalogueItemInput,
    ) -> Result<Catalogue> {
        let change = input.item.fields().map(|fields| Change::Add { fields });
        submit(
            ctx,
            &input.catalogue_id,
            change,
            &input.reason,
            input.submitted_on,
            &input.idempotency_key,
        )
        .await
    }
    /// A unit proposes to change an item it leads, with the reason.
    async fn submit_catalogue_amendment(
        &self,
        ctx: &Context<'_>,
        input: SubmitCatalogueAmendmentInput,
    ) -> Result<Catalogue> {
        let change = (|| {
            Ok(Change::Amend {
                item_id: id("事项ID", &input.item_id)?,
                fields: input.item.fields()?,
            })
        })();
        submit(
            ctx,
            &input.catalogue_id,
            change,
            &input.reason,
            input.submitted_on,
            &input.idempotency_key,
        )
        .await
    }
    /// A unit proposes to withdraw an item it leads, with the reason.
    async fn submit_catalogue_withdrawal(
        &self,
        ctx: &Context<'_>,
        input: SubmitCatalogueWithdrawalInput,
    ) -> Result<Catalogue> {
        let change = id("事项ID", &input.item_id).map(|item_id| Change::Withdraw { item_id });
        submit(
            ctx,
            &input.catalogue_id,
            change,
            &input.reason,
            input.submitted_on,
            &input.idempotency_key,
        )
        .await
    }
    /// The office accepts a submission into the version in preparation, as submitted or with
    /// its edits (and a note saying what and why).
    async fn accept_catalogue_submission(
        &self,
        ctx: &Context<'_>,
        input: AcceptCatalogueSubmissionInput,
    ) -> Result<Catalogue> {
        let cmd = (|| {
            Ok(CatalogueCommand::Accept {
                submission_id: id("申报ID", &input.submission_id)?,
                amended: input.amended.as_ref().map(|a| a.fields()).transpose()?,
                note: o("修改说明", Statement, &input.note)?,
                accepted_on: input.accepted_on.0,
            })
        })();
        office(ctx, &input, cmd).await
    }
    /// The office rejects a submission, with its reason.
    async fn reject_catalogue_submission(
        &self,
        ctx: &Context<'_>,
        input: RejectCatalogueSubmissionInput,
    ) -> Result<Catalogue> {
        let cmd = (|| {
            Ok(CatalogueCommand::Reject {
                submission_id: id("申报ID", &input.submission_id)?,
                reason: t("不予采纳的理由", Statement, &input.reason)?,
                rejected_on: input.rejected_on.0,
            })
        })();
        office(ctx, &input, cmd).await
    }
    /// Art. 3(3): the organ fixes the catalogue (or the adjustment) at its executive meeting.
    async fn record_catalogue_discussion(
        &self,
        ctx: &Context<'_>,
        input: RecordCatalogueDiscussionInput,
    ) -> Result<Catalogue> {
        let cmd = t("会议", Name, &input.session).map(|session| {
            CatalogueCommand::RecordDiscussion(c::Discussion {
                held_on: input.held_on.0,
                session,
            })
        });
        office(ctx, &input, cmd).await
    }
    /// Art. 3(3): the same-level Party committee consents.
    async fn record_catalogue_consent(
        &self,
        ctx: &Context<'_>,
        input: RecordCatalogueConsentInput,
    ) -> Result<Catalogue> {
        let cmd = t("同意文件或会议", Name, &input.reference).map(|reference| {
            CatalogueCommand::RecordConsent(c::Consent {
                consented_on: input.consented_on.0,
                reference,
            })
        });
        office(ctx, &input, cmd).await
    }
    /// Art. 3(3): publishes the version in preparation (refused without the organ's meeting
    /// and, where required, the Party committee's consent).
    async fn publish_catalogue(
        &self,
        ctx: &Context<'_>,
        input: PublishCatalogueInput,
    ) -> Result<Catalogue> {
        let cmd = (|| {
            Ok(CatalogueCommand::Publish(c::Publication {
                published_on: input.published_on.0,
                channels: l("公布途径", Name, &input.channels)?,
                document_number: t("文号", Name, &input.document_number)?,
            }))
        })();
        office(ctx, &input, cmd).await
    }
    /// Year end: an unfinished item goes into next year's catalogue, keeping its id and its
    /// decision.
    async fn carry_over_catalogue_item(
        &self,
        ctx: &Context<'_>,
        input: CarryOverCatalogueItemInput,
    ) -> Result<Catalogue> {
        let cmd = (|| {
            Ok(CatalogueCommand::CarryOver(CarryOver {
                item_id: id("事项ID", &input.item_id)?,
                reason: t("结转理由", Statement, &input.reason)?,
                carried_on: input.carried_on.0,
            }))
        })();
        office(ctx, &input, cmd).await
    }
    /// Year end: publishes what became of each item, fixed as of publication.
    async fn publish_catalogue_report(
        &self,
        ctx: &Context<'_>,
        input: PublishCatalogueReportInput,
    ) -> Result<Catalogue> {
        let official = caller(ctx)?.official().map_err(gql_error)?;
        let catalogue_id = id("目录ID", &input.catalogue_id).map_err(invalid)?;
        let expected = expected(input.expected_version).map_err(invalid)?;
        let key = keyed(ctx, &input.idempotency_key)?;
        let publication = (|| {
            Ok(ReportPublication {
                published_on: input.published_on.0,
                channels: l("公布途径", Name, &input.channels)?,
                document_number: o("文号", Name, &input.document_number)?,
            })
        })()
        .map_err(invalid)?;
        let _turn = db_turn(ctx).await;
        service(ctx)
            .publish_catalogue_report(official, &catalogue_id, expected, publication, key.as_ref())
            .await
            .map(Catalogue::of_act)
            .map_err(gql_error)
    }
    /// Bulk entry from the engine's own CSV into the first version: all rows or none, each bad
    /// row named by its line.
    async fn import_catalogue(
        &self,
        ctx: &Context<'_>,
        input: ImportCatalogueInput,
    ) -> Result<Catalogue> {
        let official = caller(ctx)?.official().map_err(gql_error)?;
        let catalogue_id = id("目录ID", &input.catalogue_id).map_err(invalid)?;
        let expected = expected(input.expected_version).map_err(invalid)?;
        let key = keyed(ctx, &input.idempotency_key)?;
        // A document's length: a thousand items of a few lines each.
        let csv = t("CSV", p::Length::Document, &input.csv).map_err(invalid)?;
        let rows = crate::tables::parse_csv(csv.as_str()).map_err(|errors| {
            gql_error(crate::service::ServiceError::Invalid(format!(
                "导入未执行，没有导入任何事项。以下行有误：{}",
                errors
                    .iter()
                    .map(|e| format!("第{}行：{}", e.line, e.why))
                    .collect::<Vec<_>>()
                    .join("；")
            )))
        })?;
        p::bounded("导入的事项", MAX_IMPORT, &rows).map_err(invalid)?;
        let _turn = db_turn(ctx).await;
        service(ctx)
            .import_catalogue(
                official,
                &catalogue_id,
                expected,
                rows,
                input.imported_on.0,
                key.as_ref(),
            )
            .await
            .map(Catalogue::of_act)
            .map_err(gql_error)
    }
}
