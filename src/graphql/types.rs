//! Output types, built from the domain's records. The API shows the record as the archive keeps
//! it; nothing here decides anything.

use async_graphql::dataloader::DataLoader;
use async_graphql::{ComplexObject, Context, ID, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::enums::*;
use super::scalars::Date;
use super::{caller, db_turn, gql_error, service};
use crate::procedure as p;
use crate::service::{AccountRow, Break, Comment, MessageKind, RecordedEvent};

fn strs(v: &[p::Text]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

fn opt(v: &Option<p::Text>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}

/// An official: the account behind a request (`me`), or who did an act in the record.
#[derive(SimpleObject)]
pub struct Account {
    pub id: ID,
    pub name: String,
    /// The organ the official serves (决策机关, or a department or township under Art. 42).
    /// Empty in a history event, which belongs to its decision's organ.
    pub organ: String,
    pub unit: String,
    /// The role the official acted in; for `me`, the first of the account's roles.
    pub role: Role,
    /// Every role the account holds, in the order they are tried when it acts; in a history
    /// event, the one it acted in.
    pub roles: Vec<Role>,
}

impl From<&p::Actor> for Account {
    fn from(a: &p::Actor) -> Self {
        Self {
            id: ID(a.id.clone()),
            name: a.name.clone(),
            organ: a.organ.clone(),
            unit: a.unit.clone(),
            role: a.role.into(),
            roles: vec![a.role.into()],
        }
    }
}

impl From<&p::Official> for Account {
    fn from(o: &p::Official) -> Self {
        Self {
            id: ID(o.id.clone()),
            name: o.name.clone(),
            organ: o.organ.clone(),
            unit: o.unit.clone(),
            role: o.roles.first().copied().unwrap_or(p::Role::Auditor).into(),
            roles: o.roles.iter().map(|r| (*r).into()).collect(),
        }
    }
}

/// An act the caller may take on a decision now, or one the procedure still blocks.
#[derive(SimpleObject)]
pub struct NextAct {
    /// The mutation that does the act.
    pub mutation: String,
    /// The act's name, as officials say it.
    pub label: String,
    /// The role the caller would act in.
    pub role: Role,
    pub available: bool,
    /// When not available: the statute's rule that stands in the way.
    pub blocked_by: Option<Blocker>,
}

/// A rule that blocks an act, as a refusal of it would name it.
#[derive(SimpleObject)]
pub struct Blocker {
    pub rule: String,
    /// None for the engine's own rules.
    pub article: Option<String>,
    /// REGULATION, PROVINCIAL or ENGINE.
    pub basis: String,
    pub message: String,
}

impl From<&p::NextAct> for NextAct {
    fn from(n: &p::NextAct) -> Self {
        let blocked_by = match &n.next {
            p::Next::Available => None,
            p::Next::Blocked(r) => {
                let rule = match r {
                    p::Refusal::Rule { rule, .. } => Some(*rule),
                    _ => None,
                };
                Some(Blocker {
                    rule: rule.map(|r| r.id().to_owned()).unwrap_or_default(),
                    article: rule.and_then(|r| r.article()).map(ToOwned::to_owned),
                    basis: match rule.map(|r| r.basis()) {
                        Some(p::Basis::Regulation(_)) => "REGULATION",
                        Some(p::Basis::Provincial(_)) => "PROVINCIAL",
                        Some(p::Basis::Engine) | None => "ENGINE",
                    }
                    .to_owned(),
                    message: r.to_string(),
                })
            }
        };
        Self {
            mutation: super::mutation_name(n.kind).to_owned(),
            label: n.kind.label().to_owned(),
            role: n.role.into(),
            available: blocked_by.is_none(),
            blocked_by,
        }
    }
}

/// An account as its organ's administrator manages it.
#[derive(SimpleObject)]
pub struct AccountRecord {
    pub id: ID,
    pub name: String,
    pub organ: String,
    pub unit: String,
    pub roles: Vec<Role>,
    pub created_at: DateTime<Utc>,
    /// When the token stops working; null: until revoked.
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Whether the token works now.
    pub active: bool,
}

impl AccountRecord {
    pub fn new(a: &AccountRow, now: DateTime<Utc>) -> Self {
        Self {
            id: ID(a.official.id.clone()),
            name: a.official.name.clone(),
            organ: a.official.organ.clone(),
            unit: a.official.unit.clone(),
            roles: a.official.roles.iter().map(|r| (*r).into()).collect(),
            created_at: a.created_at,
            expires_at: a.expires_at,
            revoked_at: a.revoked_at,
            active: a.is_active(now),
        }
    }
}

/// A new account and its bearer token, shown this once: only its hash is kept.
#[derive(SimpleObject)]
pub struct CreatedAccount {
    pub account: AccountRecord,
    pub token: String,
}

/// Art. 28: a legal adviser or public lawyer assigned to a review round.
#[derive(SimpleObject)]
pub struct CounselAssignment {
    pub counsel_id: ID,
    pub counsel_name: String,
    pub kind: CounselKind,
    /// The law firm or the unit the counsel works for.
    pub affiliation: String,
    pub assigned_on: Date,
    pub withdrawn_on: Option<Date>,
    pub withdrawal_reason: Option<String>,
}

#[derive(SimpleObject)]
pub struct Flags {
    pub non_disclosable: bool,
    pub professional_technical: bool,
    pub stability_impact: bool,
    pub affects_market_entities: bool,
    pub affects_specific_group: bool,
    pub exploratory_reform: bool,
    pub congress_report_required: bool,
    pub normative_document: bool,
    pub affects_other_units: bool,
}

impl From<p::Flags> for Flags {
    fn from(f: p::Flags) -> Self {
        Self {
            non_disclosable: f.non_disclosable,
            professional_technical: f.professional_technical,
            stability_impact: f.stability_impact,
            affects_market_entities: f.affects_market_entities,
            affects_specific_group: f.affects_specific_group,
            exploratory_reform: f.exploratory_reform,
            congress_report_required: f.congress_report_required,
            normative_document: f.normative_document,
            affects_other_units: f.affects_other_units,
        }
    }
}

#[derive(SimpleObject)]
pub struct SourceStatement {
    pub problem: Option<String>,
    pub reasons_and_basis: Option<String>,
    pub preliminary_plan: Option<String>,
    pub necessity_and_feasibility: Option<String>,
}

#[derive(SimpleObject)]
pub struct Start {
    pub started_on: Date,
    pub lead_unit: String,
    pub co_units: Vec<String>,
    pub organ_decision: Option<String>,
}

#[derive(SimpleObject)]
pub struct Draft {
    pub version: u32,
    pub text: String,
    pub explanation: Option<String>,
    pub change_note: Option<String>,
    pub revised_on: Date,
}

#[derive(SimpleObject)]
pub struct TrackState {
    pub track: Track,
    pub status: TrackStatus,
    /// The legal basis recorded when the track was marked not required.
    pub basis: Option<String>,
}

#[derive(SimpleObject)]
pub struct Disposition {
    pub outcome: DispositionOutcome,
    pub reason: String,
    /// The group it was disposed of with (Art. 18 归纳整理), if any.
    pub group: Option<u32>,
}

impl From<&p::Disposition> for Disposition {
    fn from(d: &p::Disposition) -> Self {
        Self {
            outcome: d.outcome.into(),
            reason: d.reason.to_string(),
            group: d.group,
        }
    }
}

#[derive(SimpleObject)]
pub struct PublicComment {
    pub id: ID,
    pub body: String,
    pub commenter: Option<String>,
    /// How to reach the writer, if given: officials only.
    pub contact: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub disposition: Option<Disposition>,
    /// Why the sponsor hid it as abusive or spam; it is kept and counted, and needs no
    /// disposition.
    pub hidden_reason: Option<String>,
}

impl PublicComment {
    pub fn new(c: Comment, d: Option<&p::Disposition>) -> Self {
        Self {
            id: ID(c.id),
            body: c.body,
            commenter: c.commenter,
            contact: c.contact,
            submitted_at: c.submitted_at,
            disposition: d.map(Disposition::from),
            hidden_reason: None,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Consultation {
    #[graphql(skip)]
    pub decision_id: String,
    #[graphql(skip)]
    pub dispositions: std::collections::BTreeMap<String, p::Disposition>,
    #[graphql(skip)]
    pub hidden: std::collections::BTreeMap<String, p::Text>,
    pub opened_on: Date,
    pub ends_on: Date,
    pub channels: Vec<String>,
    pub how_to_comment: String,
    pub draft_version: u32,
    pub shortened_reason: Option<String>,
    pub groups_consulted: Vec<String>,
    pub closed_on: Option<Date>,
    pub adoption_report: Option<String>,
    /// Art. 18: opinions received outside the engine and recorded by the sponsor.
    pub received_opinions: Vec<ReceivedOpinion>,
    /// Art. 18 (归纳整理): groups of similar opinions disposed of together.
    pub disposition_groups: Vec<DispositionGroup>,
}

#[derive(SimpleObject)]
pub struct ReceivedOpinion {
    /// `R-1`, `R-2`, …: the id its disposition refers to.
    pub id: ID,
    pub received_on: Date,
    pub channel: OpinionChannel,
    pub author: Option<String>,
    pub body: String,
    pub disposition: Option<Disposition>,
}

#[derive(SimpleObject)]
pub struct DispositionGroup {
    pub number: u32,
    pub comment_ids: Vec<ID>,
    pub summary: String,
    pub outcome: DispositionOutcome,
    pub reason: String,
}

#[derive(SimpleObject)]
pub struct HearingNotice {
    pub published_on: Date,
    pub hearing_on: Date,
    pub place: String,
    pub channels: Vec<String>,
    pub draft_version: u32,
    pub selection_method: Option<String>,
    pub participants: Vec<String>,
}

#[derive(SimpleObject)]
pub struct DisputeStatement {
    pub main_issues: String,
    pub units_opinions: String,
    pub sponsor_opinion: String,
}

#[derive(SimpleObject)]
pub struct UnitConsultation {
    pub consulted_on: Date,
    pub units: Vec<String>,
    pub agreed: bool,
    pub dispute: Option<DisputeStatement>,
}

#[derive(SimpleObject)]
pub struct DraftingAnalysis {
    pub analysed_on: Date,
    pub cost_benefit: Option<String>,
    pub options: Vec<String>,
}

#[derive(SimpleObject)]
pub struct Correction {
    pub corrected_on: Date,
    pub flag: Flag,
    pub value: bool,
    pub reason: String,
}

#[ComplexObject]
impl Consultation {
    /// Calendar days the public still has to comment, counting today (its last day runs to
    /// 24:00, 《民法典》 Art. 203): 1 on the last day; null once it is over or closed.
    async fn days_left(&self, ctx: &Context<'_>) -> Option<i64> {
        let today = service(ctx).today();
        let left = (self.ends_on.0 - today).num_days() + 1;
        (self.closed_on.is_none() && self.opened_on.0 <= today && left > 0).then_some(left)
    }

    /// Every comment received, oldest first, with its disposition once given (Art. 18).
    #[graphql(complexity = "super::limits::READ + child_complexity")]
    async fn comments(&self, ctx: &Context<'_>) -> Result<Vec<PublicComment>> {
        let _turn = db_turn(ctx).await;
        let comments = service(ctx)
            .comments(caller(ctx)?, &self.decision_id, MessageKind::Comment)
            .await
            .map_err(gql_error)?;
        Ok(comments
            .into_iter()
            .map(|c| {
                let hidden = self.hidden.get(&c.id).map(ToString::to_string);
                let d = self.dispositions.get(&c.id);
                PublicComment {
                    hidden_reason: hidden,
                    ..PublicComment::new(c, d)
                }
            })
            .collect())
    }

    #[graphql(complexity = "super::limits::READ")]
    async fn undisposed_count(&self, ctx: &Context<'_>) -> Result<usize> {
        let _turn = db_turn(ctx).await;
        let ids = service(ctx)
            .comments(caller(ctx)?, &self.decision_id, MessageKind::Comment)
            .await
            .map_err(gql_error)?;
        Ok(ids
            .iter()
            .filter(|c| !self.dispositions.contains_key(&c.id) && !self.hidden.contains_key(&c.id))
            .count())
    }
}

#[derive(SimpleObject)]
pub struct HearingParticipant {
    pub name: String,
    pub represents: Option<String>,
    pub signed_record: bool,
}

#[derive(SimpleObject)]
pub struct Hearing {
    pub held_on: Date,
    pub materials_delivered_on: Date,
    pub place: String,
    pub participants: Vec<HearingParticipant>,
    pub record_summary: String,
}

#[derive(SimpleObject)]
pub struct ExpertOpinion {
    pub expert: String,
    pub institution: bool,
    pub interest_declaration: String,
    pub has_direct_interest: bool,
    pub opinion: String,
    pub signed: bool,
    pub sealed: bool,
}

#[derive(SimpleObject)]
pub struct ExpertArgumentation {
    pub held_on: Date,
    pub method: ArgumentationMethod,
    pub organizer: String,
    pub opinions: Vec<ExpertOpinion>,
    pub adoption_report: String,
}

#[derive(SimpleObject)]
pub struct RiskAssessment {
    pub assessed_on: Date,
    pub assessing_unit: String,
    pub draft_version: u32,
    pub risk_points: Vec<String>,
    pub measures: Vec<String>,
    pub response_plan: Option<String>,
    pub departments_heard: Vec<String>,
    pub conclusion: RiskConclusion,
    pub prior_assessment: Option<String>,
}

#[derive(SimpleObject)]
pub struct FairCompetitionReview {
    pub reviewed_on: Date,
    pub reviewing_unit: String,
    pub conclusion: FairCompetitionConclusion,
    pub summary: String,
}

#[derive(SimpleObject)]
pub struct LegalOpinion {
    pub counsel_id: ID,
    pub counsel_name: String,
    pub kind: CounselKind,
    pub opinion: String,
    pub given_on: Date,
}

#[derive(SimpleObject)]
pub struct LegalityReview {
    pub round: u32,
    pub requested_on: Date,
    pub shortened_reason: Option<String>,
    pub draft_version: u32,
    pub legal_basis: Vec<String>,
    pub procedure_statement: String,
    /// Counsel assigned to this round, withdrawn ones included.
    pub assignments: Vec<CounselAssignment>,
    pub opinions: Vec<LegalOpinion>,
    pub returned_on: Option<Date>,
    pub return_reason: Option<String>,
    pub concluded_on: Option<Date>,
    pub conclusion: Option<ReviewConclusion>,
    pub authority_finding: Option<String>,
    pub procedure_finding: Option<String>,
    pub content_finding: Option<String>,
    pub required_revisions: Option<String>,
    pub risk_statement: Option<String>,
    /// 审查意见书文号.
    pub opinion_number: Option<String>,
    /// 受理: when the review office took the request in.
    pub accepted_on: Option<Date>,
    /// Requests for more material made without returning the file, with the answers.
    pub supplements: Vec<Supplement>,
    /// Where the round stands on the review desk.
    pub desk_status: DeskStatus,
    /// Working days from the request to the return or conclusion (to today while it runs);
    /// null when the calendar has no data for a year it spans.
    pub working_days: Option<i64>,
}

#[derive(SimpleObject)]
pub struct Supplement {
    pub requested_on: Date,
    pub materials: String,
    pub supplied_on: Option<Date>,
    pub note: Option<String>,
}

impl From<&p::LegalityReview> for LegalityReview {
    fn from(r: &p::LegalityReview) -> Self {
        let mut out = Self {
            round: r.round,
            requested_on: r.requested_on.into(),
            shortened_reason: opt(&r.shortened_reason),
            draft_version: r.draft_version,
            legal_basis: strs(&r.legal_basis),
            procedure_statement: r.procedure_statement.to_string(),
            assignments: r
                .assignments
                .iter()
                .map(|a| CounselAssignment {
                    counsel_id: ID(a.counsel_id.clone()),
                    counsel_name: a.counsel_name.clone(),
                    kind: a.kind.into(),
                    affiliation: a.affiliation.to_string(),
                    assigned_on: a.assigned_on.into(),
                    withdrawn_on: a.withdrawal.as_ref().map(|w| w.withdrawn_on.into()),
                    withdrawal_reason: a.withdrawal.as_ref().map(|w| w.reason.to_string()),
                })
                .collect(),
            opinions: r
                .opinions
                .iter()
                .map(|o| LegalOpinion {
                    counsel_id: ID(o.counsel_id.clone()),
                    counsel_name: o.counsel_name.clone(),
                    kind: o.kind.into(),
                    opinion: o.opinion.to_string(),
                    given_on: o.given_on.into(),
                })
                .collect(),
            opinion_number: None,
            accepted_on: r.accepted_on.map(Into::into),
            supplements: r
                .supplements
                .iter()
                .map(|x| Supplement {
                    requested_on: x.requested_on.into(),
                    materials: x.materials.to_string(),
                    supplied_on: x.supplied.as_ref().map(|m| m.supplied_on.into()),
                    note: x.supplied.as_ref().map(|m| m.note.to_string()),
                })
                .collect(),
            desk_status: r.desk_status().into(),
            working_days: None,
            returned_on: None,
            return_reason: None,
            concluded_on: None,
            conclusion: None,
            authority_finding: None,
            procedure_finding: None,
            content_finding: None,
            required_revisions: None,
            risk_statement: None,
        };
        match &r.outcome {
            None => {}
            Some(p::ReviewOutcome::Returned {
                returned_on,
                reason,
            }) => {
                out.returned_on = Some((*returned_on).into());
                out.return_reason = Some(reason.to_string());
            }
            Some(p::ReviewOutcome::Concluded {
                concluded_on,
                conclusion,
                findings,
                required_revisions,
                risk_statement,
                opinion_number,
            }) => {
                out.opinion_number = opt(opinion_number);
                out.concluded_on = Some((*concluded_on).into());
                out.conclusion = Some((*conclusion).into());
                out.authority_finding = Some(findings.authority.to_string());
                out.procedure_finding = Some(findings.procedure.to_string());
                out.content_finding = Some(findings.content.to_string());
                out.required_revisions = opt(required_revisions);
                out.risk_statement = opt(risk_statement);
            }
        }
        out
    }
}

#[derive(SimpleObject)]
pub struct Speech {
    pub order: u32,
    pub speaker: String,
    pub is_head: bool,
    pub position: Position,
    pub statement: Option<String>,
}

#[derive(SimpleObject)]
pub struct Meeting {
    pub held_on: Date,
    pub kind: MeetingKind,
    pub session: Option<String>,
    pub draft_version: u32,
    /// Null for meetings recorded before attendance was part of the record.
    pub attendance: Option<Attendance>,
    pub speeches: Vec<Speech>,
    pub outcome: MeetingOutcome,
    pub head_reason: Option<String>,
}

/// Art. 30: the meeting's members and those present, the head included.
#[derive(SimpleObject)]
pub struct Attendance {
    pub members: u32,
    pub present: u32,
}

#[derive(SimpleObject)]
pub struct Report {
    pub reported_on: Date,
    pub recipient: String,
    pub summary: String,
}

#[derive(SimpleObject)]
pub struct Publication {
    pub published_on: Date,
    pub channels: Vec<String>,
    pub document_number: Option<String>,
    pub opinion_explanation: Option<String>,
    pub non_disclosure_basis: Option<String>,
}

#[derive(SimpleObject)]
pub struct Filing {
    pub filed_on: Date,
    pub authority: String,
    pub receipt_number: String,
    pub review_result: Option<String>,
    pub review_answered_on: Option<Date>,
}

/// A 督办: the order to the unit that answers for a late deadline to act by a new date.
#[derive(SimpleObject)]
pub struct SupervisionNotice {
    pub number: u32,
    pub issued_on: Date,
    pub deadline: DeadlineKind,
    pub due: Date,
    pub unit: String,
    pub new_date: Date,
    pub requirement: String,
}

#[derive(SimpleObject)]
pub struct ExecutionReport {
    pub reported_on: Date,
    pub summary: String,
    pub completed: bool,
}

#[derive(SimpleObject)]
pub struct Incident {
    pub number: u32,
    pub reported_on: Date,
    pub kind: IncidentKind,
    pub description: String,
}

#[derive(SimpleObject)]
pub struct Suspension {
    pub suspended_on: Date,
    pub reason: String,
    pub incident_number: u32,
    pub resumed_on: Option<Date>,
    pub resume_reason: Option<String>,
}

#[derive(SimpleObject)]
pub struct Execution {
    pub executing_unit: String,
    pub started_on: Date,
    pub reports: Vec<ExecutionReport>,
    pub incidents: Vec<Incident>,
    pub suspensions: Vec<Suspension>,
}

#[derive(SimpleObject)]
pub struct PostEvaluation {
    pub started_on: Date,
    pub trigger: EvaluationTrigger,
    pub trigger_explanation: String,
    pub evaluator: String,
    pub concluded_on: Option<Date>,
    pub conclusion: Option<String>,
    pub recommendation: Option<Recommendation>,
}

#[derive(SimpleObject)]
pub struct Ending {
    pub ended_on: Date,
    pub reason: String,
    /// For a termination or adjustment: the new decision that ordered it (Art. 37).
    pub by_decision_id: Option<ID>,
}

/// The person an act was recorded for.
#[derive(SimpleObject)]
pub struct Principal {
    pub id: ID,
    pub name: String,
    pub role: Role,
}

/// One recorded event of a decision's history (Art. 33).
#[derive(SimpleObject)]
pub struct DecisionEvent {
    /// The event's place among all decisions' events: subscribe with `after` set to the last
    /// position seen to resume without a gap.
    pub position: i64,
    pub decision_id: ID,
    pub seq: i64,
    pub kind: String,
    /// Who recorded the act.
    pub actor: Account,
    /// Whose act it is, when the actor recorded it for someone else (the government office
    /// recording the head's order).
    pub on_behalf_of: Option<Principal>,
    pub occurred_on: Option<Date>,
    pub recorded_at: DateTime<Utc>,
    pub payload: Json<serde_json::Value>,
    /// SHA-256 over the previous event's hash and this event: the chain that makes edits evident.
    pub hash: String,
}

impl From<RecordedEvent> for DecisionEvent {
    fn from(e: RecordedEvent) -> Self {
        Self {
            position: e.position,
            decision_id: ID(e.decision_id),
            seq: e.seq,
            kind: e.kind,
            on_behalf_of: e.actor.on_behalf_of.as_ref().map(|p| Principal {
                id: ID(p.id.clone()),
                name: p.name.clone(),
                role: p.role.into(),
            }),
            actor: (&e.actor).into(),
            occurred_on: e.occurred_on.map(Into::into),
            recorded_at: e.recorded_at,
            payload: Json(e.payload),
            hash: e.hash,
        }
    }
}

/// A date and what it is, in a deadline's computation.
#[derive(SimpleObject)]
pub struct DateFact {
    pub label: String,
    pub date: Date,
}

/// One time limit of a decision, with the arithmetic behind it.
#[derive(SimpleObject)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub direction: DeadlineDirection,
    /// Null when the date cannot be computed yet (status `UNCOMPUTABLE`, see `missingYear`).
    pub due: Option<Date>,
    pub status: DeadlineStatus,
    /// The year whose holiday arrangement the computation needs and the calendar lacks; load it
    /// with `--calendar FILE` once the State Council's notice is out.
    pub missing_year: Option<i32>,
    /// Why the due date cannot be computed, for the official; null when it can.
    pub uncomputable_reason: Option<String>,
    pub rule: String,
    pub article: Option<String>,
    pub computed_from: Vec<DateFact>,
    pub calendar_version: String,
    pub met_on: Option<Date>,
    /// The unit that answers for it: the executing unit for execution reports, the lead unit
    /// otherwise.
    pub unit: Option<String>,
    /// For a filing deadline, the authority it is owed to (each has its own).
    pub authority: Option<String>,
    /// Calendar days from today to the due date (negative once passed); null when the due date
    /// cannot be computed.
    pub days_remaining: Option<i64>,
    /// Working days from today to the due date (negative once passed), counted with the
    /// calendar the decision is bound to; null when the calendar has no data for a year in
    /// between.
    pub working_days_remaining: Option<i64>,
}

impl From<&crate::service::DeadlineToday> for Deadline {
    fn from(t: &crate::service::DeadlineToday) -> Self {
        let d = &t.deadline;
        Self {
            kind: d.kind.into(),
            direction: d.direction.into(),
            due: d.due.as_ref().ok().map(|due| (*due).into()),
            status: t.status.into(),
            missing_year: d.missing_year(),
            uncomputable_reason: d.due.as_ref().err().map(ToString::to_string),
            rule: d.rule.id().into(),
            article: d.rule.article().map(Into::into),
            computed_from: d
                .computed_from
                .iter()
                .map(|(label, date)| DateFact {
                    label: (*label).into(),
                    date: (*date).into(),
                })
                .collect(),
            calendar_version: d.calendar_version.clone(),
            met_on: d.met_on.map(Into::into),
            unit: d.unit.as_ref().map(ToString::to_string),
            authority: d.authority.clone(),
            days_remaining: t.days_remaining,
            working_days_remaining: t.working_days_remaining,
        }
    }
}

/// A deadline with the decision it belongs to, for the cross-decision views.
#[derive(SimpleObject)]
pub struct DecisionDeadline {
    /// The decision the deadline is of; null for a catalogue item's (see `catalogueItem`).
    pub decision_id: Option<ID>,
    /// The catalogue item late against its plan (Art. 38), for a `CATALOGUE_PLANNED_TIME`
    /// deadline.
    pub catalogue_item: Option<super::catalogue::CatalogueItemRef>,
    pub title: String,
    pub lead_unit: Option<String>,
    pub deadline: Deadline,
}

/// How many late deadlines a unit answers for (see `Deadline.unit`).
#[derive(SimpleObject)]
pub struct UnitOverdue {
    pub unit: String,
    pub late: i32,
}

/// One year of the working-day calendar.
#[derive(SimpleObject)]
pub struct CalendarYear {
    pub year: i32,
    /// The State Council General Office notice the year's days come from.
    pub source: String,
    pub working_days: u32,
    /// A local override file adjusted this year.
    pub locally_adjusted: bool,
}

impl From<crate::calendar::YearInfo> for CalendarYear {
    fn from(y: crate::calendar::YearInfo) -> Self {
        Self {
            year: y.year,
            source: y.source,
            working_days: y.working_days,
            locally_adjusted: y.locally_adjusted,
        }
    }
}

/// The procedure profile a decision was proposed under, and keeps.
#[derive(SimpleObject)]
pub struct Profile {
    pub name: String,
    pub title: String,
    pub consultation_min_days: u32,
    pub hearing_materials_days: u32,
    pub review_min_working_days: u32,
    pub filing_deadline_days: u32,
    pub filing_authorities: Vec<String>,
    pub execution_report_interval_days: u32,
    pub archive_transfer_years: u32,
}

impl From<&p::Profile> for Profile {
    fn from(x: &p::Profile) -> Self {
        Self {
            name: x.name.clone(),
            title: x.title.clone(),
            consultation_min_days: x.consultation_min_days,
            hearing_materials_days: x.hearing_materials_days,
            review_min_working_days: x.review_min_working_days,
            filing_deadline_days: x.filing_deadline_days,
            filing_authorities: x.filing_authorities.clone(),
            execution_report_interval_days: x.execution_report_interval_days,
            archive_transfer_years: x.archive_transfer_years,
        }
    }
}

/// Whether a decision's stored record is what its history proves: the events' hash chain
/// recomputed, the record rebuilt from the events and compared with the stored one, and the chain
/// of the public's messages recomputed (Art. 33, 39).
#[derive(SimpleObject)]
pub struct HistoryVerification {
    pub intact: bool,
    /// The first event that no longer matches the chain: edited, deleted or inserted.
    pub first_broken_seq: Option<i64>,
    /// The first message from the public that no longer matches its chain, or is missing.
    pub first_broken_message_seq: Option<i64>,
    /// What is broken, in words; empty when intact.
    pub finding: Option<String>,
}

impl HistoryVerification {
    /// A catalogue's chain: events only.
    pub fn of_chain(broken: Option<i64>) -> Self {
        Self {
            intact: broken.is_none(),
            first_broken_seq: broken,
            first_broken_message_seq: None,
            finding: broken.map(|seq| Break::Event { seq }.to_string()),
        }
    }
}

impl From<Option<Break>> for HistoryVerification {
    fn from(broken: Option<Break>) -> Self {
        Self {
            intact: broken.is_none(),
            first_broken_seq: match broken {
                Some(Break::Event { seq }) => Some(seq),
                _ => None,
            },
            first_broken_message_seq: match broken {
                Some(Break::Message { seq }) => Some(seq),
                _ => None,
            },
            finding: broken.map(|b| b.to_string()),
        }
    }
}

/// A major administrative decision and the record of its procedure, as the caller may see it.
pub struct Decision(pub p::Decision, pub Visibility);

impl Decision {
    /// The whole record, as an act that the caller just did returns it.
    pub fn record(d: p::Decision) -> Self {
        Self(d, Visibility::Record)
    }
}

impl From<crate::service::Seen> for Decision {
    fn from(s: crate::service::Seen) -> Self {
        let visibility = match s.sight {
            p::Sight::Published => Visibility::Published,
            // The service hands out nothing a caller may not see.
            p::Sight::Record | p::Sight::Nothing => Visibility::Record,
        };
        Self(s.decision, visibility)
    }
}

#[Object]
impl Decision {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    /// How much of the decision the caller sees. `PUBLISHED`: only what the organ made public —
    /// a draft under open consultation with its notice (Art. 15), or the published decision
    /// (Art. 32); every other field is then empty, false or null, and the fields that read the
    /// record (`history`, `historyVerification`, `deadlines`, comments) are refused.
    async fn visibility(&self) -> Visibility {
        self.1
    }
    /// The organ whose decision this is.
    async fn organ(&self) -> &str {
        self.0.organ()
    }
    async fn title(&self) -> &str {
        self.0.proposal.title.as_str()
    }
    async fn summary(&self) -> &str {
        self.0.proposal.summary.as_str()
    }
    async fn stage(&self) -> Stage {
        self.0.stage.into()
    }
    /// The optimistic-concurrency token: pass it as `expectedVersion` to the next act.
    async fn version(&self) -> u64 {
        self.0.version
    }
    /// The procedure profile in force when the decision was proposed; its time limits follow it.
    async fn profile(&self) -> Profile {
        (&*self.0.binding.profile).into()
    }
    /// The working-day calendar version the decision's deadlines are computed with.
    async fn calendar_version(&self) -> &str {
        &self.0.binding.calendar_version
    }
    async fn category(&self) -> Category {
        self.0.proposal.category.into()
    }
    async fn nature(&self) -> MatterNature {
        self.0.proposal.nature.into()
    }
    async fn source(&self) -> ProposalSource {
        self.0.proposal.source.into()
    }
    async fn source_statement(&self) -> SourceStatement {
        let s = &self.0.proposal.source_statement;
        SourceStatement {
            problem: opt(&s.problem),
            reasons_and_basis: opt(&s.reasons_and_basis),
            preliminary_plan: opt(&s.preliminary_plan),
            necessity_and_feasibility: opt(&s.necessity_and_feasibility),
        }
    }
    async fn legal_basis(&self) -> Vec<String> {
        strs(&self.0.proposal.legal_basis)
    }
    async fn flags(&self) -> Flags {
        self.0.proposal.flags.into()
    }
    /// The decision this one adjusts or terminates.
    async fn amends(&self) -> Option<ID> {
        self.0.proposal.amends.clone().map(ID)
    }
    /// The annual catalogue's item the matter is, or why it is outside the catalogue (that
    /// reason only in the record); null for decisions proposed before catalogues were kept.
    async fn catalogue_link(&self) -> Option<super::catalogue::CatalogueLink> {
        self.0
            .proposal
            .catalogue
            .as_ref()
            .map(super::catalogue::CatalogueLink::from)
    }
    async fn proposed_on(&self) -> Date {
        self.0.proposal.proposed_on.into()
    }
    /// Who proposed the matter; null in the published view, which names no official.
    async fn proposer(&self) -> Option<Account> {
        (self.1 == Visibility::Record).then(|| (&self.0.proposer).into())
    }
    async fn start(&self) -> Option<Start> {
        self.0.start.as_ref().map(|s| Start {
            started_on: s.started_on.into(),
            lead_unit: s.lead_unit.to_string(),
            co_units: strs(&s.co_units),
            organ_decision: opt(&s.organ_decision),
        })
    }
    async fn draft(&self) -> Option<Draft> {
        self.0.draft.as_ref().map(|d| Draft {
            version: d.version,
            text: d.text.to_string(),
            explanation: opt(&d.explanation),
            change_note: opt(&d.change_note),
            revised_on: d.revised_on.into(),
        })
    }
    /// The four drafting procedures and where each stands.
    async fn tracks(&self) -> Vec<TrackState> {
        p::Track::ALL
            .into_iter()
            .map(|t| {
                let (status, basis) = match self.0.tracks.get(t) {
                    p::TrackState::Pending => (TrackStatus::Pending, None),
                    p::TrackState::InProgress => (TrackStatus::InProgress, None),
                    p::TrackState::Done => (TrackStatus::Done, None),
                    p::TrackState::NotRequired { basis } => {
                        (TrackStatus::NotRequired, Some(basis.to_string()))
                    }
                };
                TrackState {
                    track: t.into(),
                    status,
                    basis,
                }
            })
            .collect()
    }
    async fn consultation(&self) -> Option<Consultation> {
        self.0.consultation.as_ref().map(|c| Consultation {
            decision_id: self.0.id.clone(),
            dispositions: c.dispositions.clone(),
            hidden: c.hidden.clone(),
            opened_on: c.notice.opened_on.into(),
            ends_on: c.notice.ends_on.into(),
            channels: strs(&c.notice.channels),
            how_to_comment: c.notice.how_to_comment.to_string(),
            draft_version: c.notice.draft_version,
            shortened_reason: opt(&c.notice.shortened_reason),
            groups_consulted: strs(&c.notice.groups_consulted),
            closed_on: c.closure.as_ref().map(|x| x.closed_on.into()),
            adoption_report: c.closure.as_ref().map(|x| x.adoption_report.to_string()),
            received_opinions: c
                .received
                .iter()
                .map(|o| ReceivedOpinion {
                    id: ID(o.id.clone()),
                    received_on: o.received_on.into(),
                    channel: o.channel.into(),
                    author: opt(&o.author),
                    body: o.body.to_string(),
                    disposition: c.dispositions.get(&o.id).map(Disposition::from),
                })
                .collect(),
            disposition_groups: c
                .groups
                .iter()
                .map(|g| DispositionGroup {
                    number: g.number,
                    comment_ids: g.comment_ids.iter().cloned().map(ID).collect(),
                    summary: g.summary.to_string(),
                    outcome: g.outcome.into(),
                    reason: g.reason.to_string(),
                })
                .collect(),
        })
    }
    /// Art. 16: hearing notices published.
    async fn hearing_notices(&self) -> Vec<HearingNotice> {
        self.0
            .hearing_notices
            .iter()
            .map(|n| HearingNotice {
                published_on: n.published_on.into(),
                hearing_on: n.hearing_on.into(),
                place: n.place.to_string(),
                channels: strs(&n.channels),
                draft_version: n.draft_version,
                selection_method: opt(&n.selection_method),
                participants: strs(&n.participants),
            })
            .collect()
    }
    /// Art. 13: the units concerned, consulted.
    async fn unit_consultations(&self) -> Vec<UnitConsultation> {
        self.0
            .unit_consultations
            .iter()
            .map(|u| UnitConsultation {
                consulted_on: u.consulted_on.into(),
                units: strs(&u.units),
                agreed: u.agreed,
                dispute: u.dispute.as_ref().map(|x| DisputeStatement {
                    main_issues: x.main_issues.to_string(),
                    units_opinions: x.units_opinions.to_string(),
                    sponsor_opinion: x.sponsor_opinion.to_string(),
                }),
            })
            .collect()
    }
    /// Art. 12: options considered and cost-benefit analyses.
    async fn drafting_analyses(&self) -> Vec<DraftingAnalysis> {
        self.0
            .analyses
            .iter()
            .map(|a| DraftingAnalysis {
                analysed_on: a.analysed_on.into(),
                cost_benefit: opt(&a.cost_benefit),
                options: strs(&a.options),
            })
            .collect()
    }
    /// 更正: flags corrected after the proposal, with their reasons.
    async fn corrections(&self) -> Vec<Correction> {
        self.0
            .corrections
            .iter()
            .map(|c| Correction {
                corrected_on: c.corrected_on.into(),
                flag: c.flag.into(),
                value: c.value,
                reason: c.reason.to_string(),
            })
            .collect()
    }
    async fn hearings(&self) -> Vec<Hearing> {
        self.0
            .hearings
            .iter()
            .map(|h| Hearing {
                held_on: h.held_on.into(),
                materials_delivered_on: h.materials_delivered_on.into(),
                place: h.place.to_string(),
                participants: h
                    .participants
                    .iter()
                    .map(|x| HearingParticipant {
                        name: x.name.to_string(),
                        represents: opt(&x.represents),
                        signed_record: x.signed_record,
                    })
                    .collect(),
                record_summary: h.record_summary.to_string(),
            })
            .collect()
    }
    async fn expert_argumentation(&self) -> Option<ExpertArgumentation> {
        self.0
            .expert_argumentation
            .as_ref()
            .map(|a| ExpertArgumentation {
                held_on: a.held_on.into(),
                method: a.method.into(),
                organizer: a.organizer.to_string(),
                opinions: a
                    .opinions
                    .iter()
                    .map(|o| ExpertOpinion {
                        expert: o.expert.to_string(),
                        institution: o.institution,
                        interest_declaration: o.interest_declaration.to_string(),
                        has_direct_interest: o.has_direct_interest,
                        opinion: o.opinion.to_string(),
                        signed: o.signed,
                        sealed: o.sealed,
                    })
                    .collect(),
                adoption_report: a.adoption_report.to_string(),
            })
    }
    /// Every assessment, oldest first; the last one counts (Art. 24).
    async fn risk_assessments(&self) -> Vec<RiskAssessment> {
        self.0
            .risk_assessments
            .iter()
            .map(|r| RiskAssessment {
                assessed_on: r.assessed_on.into(),
                assessing_unit: r.assessing_unit.to_string(),
                draft_version: r.draft_version,
                risk_points: strs(&r.risk_points),
                measures: strs(&r.measures),
                response_plan: opt(&r.response_plan),
                departments_heard: strs(&r.departments_heard),
                conclusion: r.conclusion.into(),
                prior_assessment: opt(&r.prior_assessment),
            })
            .collect()
    }
    async fn fair_competition_review(&self) -> Option<FairCompetitionReview> {
        self.0
            .fair_competition_review
            .as_ref()
            .map(|f| FairCompetitionReview {
                reviewed_on: f.reviewed_on.into(),
                reviewing_unit: f.reviewing_unit.to_string(),
                conclusion: f.conclusion.into(),
                summary: f.summary.to_string(),
            })
    }
    /// The current (latest) round of legality review.
    async fn legality_review(&self, ctx: &Context<'_>) -> Result<Option<LegalityReview>> {
        match self.0.current_review() {
            Some(r) => Ok(Some(review(ctx, &self.0, r).await?)),
            None => Ok(None),
        }
    }
    /// Every round of legality review, oldest first.
    async fn legality_reviews(&self, ctx: &Context<'_>) -> Result<Vec<LegalityReview>> {
        let mut out = Vec::with_capacity(self.0.reviews.len());
        for r in &self.0.reviews {
            out.push(review(ctx, &self.0, r).await?);
        }
        Ok(out)
    }
    /// A LAWFUL_WITH_REVISIONS review waits for the sponsor's revised draft (Art. 28).
    async fn revision_pending(&self) -> bool {
        self.0.revision_pending
    }
    /// The latest collective discussion.
    async fn meeting(&self) -> Option<Meeting> {
        self.0.meetings.last().map(meeting)
    }
    async fn meetings(&self) -> Vec<Meeting> {
        self.0.meetings.iter().map(meeting).collect()
    }
    async fn party_committee_report(&self) -> Option<Report> {
        self.0.party_report.as_ref().map(report)
    }
    async fn congress_report(&self) -> Option<Report> {
        self.0.congress_report.as_ref().map(report)
    }
    async fn publication(&self) -> Option<Publication> {
        self.0.publication.as_ref().map(|x| Publication {
            published_on: x.published_on.into(),
            channels: strs(&x.channels),
            document_number: opt(&x.document_number),
            opinion_explanation: opt(&x.opinion_explanation),
            non_disclosure_basis: opt(&x.non_disclosure_basis),
        })
    }
    /// 备案: one filing per authority the profile names, in the order made.
    async fn filings(&self) -> Vec<Filing> {
        self.0
            .filings
            .iter()
            .map(|f| Filing {
                filed_on: f.filed_on.into(),
                authority: f.authority.to_string(),
                receipt_number: f.receipt_number.to_string(),
                review_result: opt(&f.review_result),
                review_answered_on: f.review_answered_on.map(Into::into),
            })
            .collect()
    }
    async fn execution(&self) -> Option<Execution> {
        self.0.execution.as_ref().map(|x| Execution {
            executing_unit: x.unit.to_string(),
            started_on: x.started_on.into(),
            reports: x
                .reports
                .iter()
                .map(|r| ExecutionReport {
                    reported_on: r.reported_on.into(),
                    summary: r.summary.to_string(),
                    completed: r.completed,
                })
                .collect(),
            incidents: x
                .incidents
                .iter()
                .map(|i| Incident {
                    number: i.number,
                    reported_on: i.reported_on.into(),
                    kind: i.kind.into(),
                    description: i.description.to_string(),
                })
                .collect(),
            suspensions: x
                .suspensions
                .iter()
                .map(|s| Suspension {
                    suspended_on: s.suspended_on.into(),
                    reason: s.reason.to_string(),
                    incident_number: s.incident,
                    resumed_on: s.resumed_on.map(Into::into),
                    resume_reason: opt(&s.resume_reason),
                })
                .collect(),
        })
    }
    async fn post_evaluations(&self) -> Vec<PostEvaluation> {
        self.0
            .evaluations
            .iter()
            .map(|e| PostEvaluation {
                started_on: e.started_on.into(),
                trigger: e.trigger.into(),
                trigger_explanation: e.trigger_explanation.to_string(),
                evaluator: e.evaluator.to_string(),
                concluded_on: e.result.as_ref().map(|r| r.concluded_on.into()),
                conclusion: e.result.as_ref().map(|r| r.conclusion.to_string()),
                recommendation: e.result.as_ref().map(|r| r.recommendation.into()),
            })
            .collect()
    }
    /// How the procedure ended, if it was withdrawn, terminated or adjusted.
    async fn ending(&self) -> Option<Ending> {
        self.0.ending.as_ref().map(|e| match e {
            p::Ending::Withdrawn {
                withdrawn_on,
                reason,
            } => Ending {
                ended_on: (*withdrawn_on).into(),
                reason: reason.to_string(),
                by_decision_id: None,
            },
            p::Ending::Changed {
                changed_on,
                reason,
                by_decision,
                ..
            } => Ending {
                ended_on: (*changed_on).into(),
                reason: reason.to_string(),
                by_decision_id: Some(ID(by_decision.clone())),
            },
        })
    }
    async fn archived_on(&self) -> Option<Date> {
        self.0.archived_on.map(Into::into)
    }
    /// What the archive still lacks for this decision's path (Art. 33); empty when complete.
    async fn archive_gaps(&self) -> Vec<String> {
        p::archive_gaps(&self.0)
    }
    /// The supervision notices (督办) issued on its late deadlines, in order.
    async fn supervision_notices(&self) -> Vec<SupervisionNotice> {
        self.0
            .supervision_notices
            .iter()
            .map(|n| SupervisionNotice {
                number: n.number,
                issued_on: n.issued_on.into(),
                deadline: n.deadline.into(),
                due: n.due.into(),
                unit: n.unit.to_string(),
                new_date: n.new_date.into(),
                requirement: n.requirement.to_string(),
            })
            .collect()
    }
    /// The documents attached to the record, in order (卷内目录).
    async fn materials(&self) -> Vec<Material> {
        self.0
            .materials
            .iter()
            .map(|m| Material {
                decision_id: self.0.id.clone(),
                material: m.clone(),
            })
            .collect()
    }
    /// The documents the path this decision took requires in its archive, and whether each is
    /// attached (Art. 33).
    async fn required_documents(&self) -> Vec<RequiredDocument> {
        p::material::required_documents(&self.0)
            .into_iter()
            .map(|kind| RequiredDocument {
                kind: kind.into(),
                label: kind.label(),
                article: kind.article(),
                attached: self.0.materials.iter().any(|m| m.kind == kind),
            })
            .collect()
    }
    /// Recomputes the history's hash chain: a record edited outside the engine shows here.
    #[graphql(complexity = "super::limits::VERIFY + child_complexity")]
    async fn history_verification(&self, ctx: &Context<'_>) -> Result<HistoryVerification> {
        let _turn = db_turn(ctx).await;
        let broken = service(ctx)
            .verify_history(caller(ctx)?, &self.0.id)
            .await
            .map_err(gql_error)?;
        Ok(broken.into())
    }
    /// Every time limit the record implies, with days and working days remaining.
    #[graphql(complexity = "super::limits::READ + child_complexity")]
    async fn deadlines(&self, ctx: &Context<'_>) -> Result<Vec<Deadline>> {
        let _turn = db_turn(ctx).await;
        let found = service(ctx)
            .deadlines_of(caller(ctx)?, &self.0.id)
            .await
            .map_err(gql_error)?;
        Ok(found.iter().map(Into::into).collect())
    }
    /// Art. 35(2): what the public wrote about the decision while it is executed, oldest first;
    /// for the organ and the executing unit.
    #[graphql(complexity = "super::limits::READ + child_complexity")]
    async fn public_feedback(&self, ctx: &Context<'_>) -> Result<Vec<PublicComment>> {
        let _turn = db_turn(ctx).await;
        let found = service(ctx)
            .comments(caller(ctx)?, &self.0.id, MessageKind::Feedback)
            .await
            .map_err(gql_error)?;
        Ok(found
            .into_iter()
            .map(|c| PublicComment::new(c, None))
            .collect())
    }
    /// What the caller may do next, and for each act the procedure still blocks, the rule and
    /// article that block it: a dry run, nothing is written. Only the acts of the caller's post;
    /// acts of other stages with no statutory prerequisite to name are not listed.
    #[graphql(complexity = "super::limits::VERIFY + child_complexity")]
    async fn next_acts(&self, ctx: &Context<'_>) -> Result<Vec<NextAct>> {
        let _turn = db_turn(ctx).await;
        let found = service(ctx)
            .next_acts(caller(ctx)?, &self.0.id)
            .await
            .map_err(gql_error)?;
        Ok(found.iter().map(Into::into).collect())
    }
    /// The recorded events, oldest first (Art. 33).
    #[graphql(complexity = "super::limits::READ + child_complexity")]
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<DecisionEvent>> {
        // With the other decisions of the request, in one batch (which takes no turn of the
        // request's share of connections: waiting for turns would split it); a decision the
        // batch did not answer for (not the caller's to see, or the batch failed) is asked alone,
        // which says why.
        let batched = match ctx.data_opt::<DataLoader<super::HistoryLoader>>() {
            Some(loader) => loader.load_one(self.0.id.clone()).await.ok().flatten(),
            None => None,
        };
        let events = match batched {
            Some(events) => events,
            None => {
                let _turn = db_turn(ctx).await;
                service(ctx)
                    .history(caller(ctx)?, &self.0.id)
                    .await
                    .map_err(gql_error)?
            }
        };
        Ok(events.into_iter().map(Into::into).collect())
    }
}

/// One review round on the desk.
#[derive(SimpleObject)]
pub struct ReviewQueueItem {
    pub decision_id: ID,
    pub title: String,
    pub lead_unit: Option<String>,
    pub review: LegalityReview,
    /// The counsel assigned and not withdrawn.
    pub counsel: Vec<String>,
}

impl ReviewQueueItem {
    pub async fn new(ctx: &Context<'_>, d: &p::Decision) -> Result<Option<Self>> {
        let Some(r) = d.current_review() else {
            return Ok(None);
        };
        Ok(Some(Self {
            decision_id: ID(d.id.clone()),
            title: d.proposal.title.to_string(),
            lead_unit: d.start.as_ref().map(|s| s.lead_unit.to_string()),
            counsel: r
                .assignments
                .iter()
                .filter(|a| a.is_active())
                .map(|a| a.counsel_name.clone())
                .collect(),
            review: review(ctx, d, r).await?,
        }))
    }
}

/// A review round with the working days it took (or has taken so far), counted with the
/// decision's calendar.
async fn review(
    ctx: &Context<'_>,
    d: &p::Decision,
    r: &p::LegalityReview,
) -> Result<LegalityReview> {
    let mut out = LegalityReview::from(r);
    // Usually no database call (the calendar in force); an older binding's calendar is read once.
    let _turn = db_turn(ctx).await;
    out.working_days = service(ctx)
        .review_working_days(d, r)
        .await
        .map_err(gql_error)?;
    Ok(out)
}

fn meeting(m: &p::Meeting) -> Meeting {
    Meeting {
        held_on: m.held_on.into(),
        kind: m.kind.into(),
        session: opt(&m.session),
        draft_version: m.draft_version,
        attendance: m.attendance.map(|a| Attendance {
            members: a.members,
            present: a.present,
        }),
        speeches: m
            .speeches
            .iter()
            .enumerate()
            .map(|(i, s)| Speech {
                order: i as u32 + 1,
                speaker: s.speaker.to_string(),
                is_head: s.is_head,
                position: s.position.into(),
                statement: opt(&s.statement),
            })
            .collect(),
        outcome: m.outcome.into(),
        head_reason: opt(&m.head_reason),
    }
}

fn report(r: &p::Report) -> Report {
    Report {
        reported_on: r.reported_on.into(),
        recipient: r.recipient.to_string(),
        summary: r.summary.to_string(),
    }
}

/// A document attached to a decision's record.
pub struct Material {
    decision_id: String,
    material: p::Material,
}

#[Object]
impl Material {
    /// Its number in the file list (卷内目录).
    async fn number(&self) -> i64 {
        self.material.number.into()
    }
    async fn kind(&self) -> DocumentKind {
        self.material.kind.into()
    }
    async fn kind_label(&self) -> &'static str {
        self.material.kind.label()
    }
    /// The file's name as uploaded.
    async fn name(&self) -> &str {
        self.material.name.as_str()
    }
    async fn media_type(&self) -> &str {
        &self.material.media_type
    }
    /// In bytes.
    async fn size(&self) -> i64 {
        i64::try_from(self.material.size).unwrap_or(i64::MAX)
    }
    /// The SHA-256 of its bytes, as the server computed it on upload: the name it is stored
    /// under, and what the record's chain covers.
    async fn sha256(&self) -> &str {
        self.material.sha256.as_str()
    }
    /// The date the document was formed or received.
    async fn dated(&self) -> Date {
        self.material.dated.into()
    }
    async fn note(&self) -> Option<&str> {
        self.material.note.as_ref().map(|n| n.as_str())
    }
    /// Where an official whose post covers the decision downloads it (with the same bearer
    /// token as for the API).
    async fn download_path(&self) -> String {
        format!(
            "/materials/{}/{}",
            self.decision_id,
            self.material.sha256.as_str()
        )
    }
}

/// A document the archive needs, and whether it is attached.
#[derive(SimpleObject)]
pub struct RequiredDocument {
    pub kind: DocumentKind,
    pub label: &'static str,
    /// The provision that makes it part of the record.
    pub article: &'static str,
    pub attached: bool,
}
