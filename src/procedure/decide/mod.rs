//! The procedure as a state machine: `decide(decision, command, context) -> events | refusal`.
//!
//! Four questions, in this order, for every command: may this role do the act at all
//! ([`CommandKind::roles`]); does the act exist in the decision's stage ([`stages`], the table
//! below) — and if not, is what is missing a statutory prerequisite, which the refusal then names;
//! does the statute let it happen with these facts (the rule checks, one file per group of acts,
//! each citing its article); and is every date it carries possible ([`dates`]). Nothing here
//! reads a clock or a database: the caller passes today's date and whatever else the rules need
//! in [`Context`], and performs the events it gets back.

mod correction;
mod dates;
mod drafting;
mod execution;
mod meeting;
mod review;
mod supervision;

use chrono::NaiveDate;

use super::access::Official;
use super::command::*;
use super::event::{Event, Proposed};
use super::material::Material;
use super::model::*;
use super::profile::Binding;
use super::rules::{Refusal, Rule, ensure};
use super::values::ValueError;
use crate::calendar::Calendar;

pub use dates::bounds;
pub use execution::archive_gaps;

/// Another decision a command refers to, as the caller found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedDecision {
    pub id: String,
    pub stage: Stage,
    pub amends: Option<String>,
    /// When its meeting adopted it, if it did.
    pub adopted_on: Option<NaiveDate>,
}

impl RelatedDecision {
    pub fn of(d: &Decision) -> Self {
        Self {
            id: d.id.clone(),
            stage: d.stage,
            amends: d.proposal.amends.clone(),
            adopted_on: d
                .meetings
                .iter()
                .find(|m| m.outcome == MeetingOutcome::Adopted)
                .map(|m| m.held_on),
        }
    }
}

/// Everything outside the decision that judging a command needs.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub actor: &'a Actor,
    /// The server's date: acts may be recorded after they happened, never before.
    pub today: NaiveDate,
    /// The working-day calendar of the decision's binding.
    pub calendar: &'a Calendar,
    /// Ids of the public comments received by the decision's consultation.
    pub received_comments: &'a [String],
    /// How far the decision's chain of messages from the public reached when they were read:
    /// the closure records it.
    pub messages: Option<&'a MessageChainHead>,
    /// The decision named by [`Command::related_decision`], if it exists.
    pub related: Option<&'a RelatedDecision>,
    /// The active account named by [`Command::named_account`], if it exists.
    pub named: Option<&'a Official>,
}

/// The transition table: the stages in which each act exists (PROCEDURE.md §3). A stage that
/// no row names allows nothing, so a stage added to [`Stage`] is closed until the table opens
/// it; `procedure::tests` walks every (stage, act) pair against the lifecycle.
pub fn stages(kind: CommandKind) -> &'static [Stage] {
    use CommandKind as K;
    use Stage::*;
    const LIVE: &[Stage] = &[Published, InExecution, Suspended, PostEvaluation];
    match kind {
        K::StartProcedure => &[Proposed],
        // Art. 28: the sponsor also revises after a LAWFUL_WITH_REVISIONS review.
        K::ReviseDraft => &[Drafting, AwaitingDiscussion],
        K::OpenPublicConsultation
        | K::DisposeComment
        | K::HideComment
        | K::RecordOpinion
        | K::DisposeCommentGroup
        | K::ClosePublicConsultation
        | K::PublishHearingNotice
        | K::RecordHearing
        | K::RecordUnitConsultation
        | K::RecordDraftingAnalysis
        | K::RecordExpertArgumentation
        | K::RecordRiskAssessment
        | K::RecordFairCompetitionReview
        | K::MarkTrackNotRequired
        | K::RequestLegalityReview => &[Drafting],
        K::SubmitLegalOpinion
        | K::AcceptReviewRequest
        | K::RequestSupplement
        | K::SupplyMaterials
        | K::AssignCounsel
        | K::WithdrawCounselAssignment
        | K::ReturnLegalityReview
        | K::ConcludeLegalityReview => &[LegalityReview],
        K::RecordCollectiveDiscussion => &[AwaitingDiscussion],
        K::RecordPartyCommitteeReport | K::RecordCongressReport | K::PublishDecision => &[Adopted],
        K::StartExecution => &[Published],
        K::FileDecision | K::RecordFilingReview | K::TerminateDecision | K::AdjustDecision => LIVE,
        K::ReportExecution => &[InExecution, PostEvaluation],
        K::ReportIncident => &[InExecution, Suspended, PostEvaluation],
        K::SuspendExecution | K::StartPostEvaluation => &[InExecution],
        K::ResumeExecution => &[Suspended],
        K::ConcludePostEvaluation => &[PostEvaluation],
        K::WithdrawDecision => &[Proposed, Drafting, LegalityReview, AwaitingDiscussion],
        // Each flag has its own last stage (`correction::last_stage`); none after publication.
        K::CorrectFlag => &[
            Proposed,
            Drafting,
            LegalityReview,
            AwaitingDiscussion,
            Adopted,
        ],
        // A decision in execution is archived once its execution is reported complete.
        K::ArchiveDecision => &[InExecution, Rejected, Withdrawn, Terminated, Adjusted],
        // A deadline can be late in any stage while the procedure runs; whether one is,
        // `supervision` judges. An ended procedure is not supervised, only archived.
        K::IssueSupervisionNotice => &[
            Proposed,
            Drafting,
            LegalityReview,
            AwaitingDiscussion,
            Adopted,
            Published,
            InExecution,
            Suspended,
            PostEvaluation,
        ],
        // Until the file is closed: an archived record is read-only.
        K::AttachMaterial => &[
            Proposed,
            Drafting,
            LegalityReview,
            AwaitingDiscussion,
            Adopted,
            Published,
            InExecution,
            Suspended,
            PostEvaluation,
            Rejected,
            Withdrawn,
            Terminated,
            Adjusted,
        ],
    }
}

pub fn allowed(kind: CommandKind, stage: Stage) -> bool {
    stages(kind).contains(&stage)
}

/// Why an act that does not exist in the decision's stage is refused. Where the stage is
/// missing a statutory prerequisite, the refusal names that rule, not only the stage: an
/// official must read *what* the law requires first.
pub(crate) fn stage_refusal(d: &Decision, kind: CommandKind) -> Refusal {
    use CommandKind as K;
    use Stage::*;
    let before_adoption = matches!(
        d.stage,
        Proposed | Drafting | LegalityReview | AwaitingDiscussion
    );
    let adopted = matches!(
        d.stage,
        Adopted | Published | InExecution | Suspended | PostEvaluation
    );
    let drafting = stages(kind) == [Drafting] || kind == K::ReviseDraft;
    match kind {
        // Art. 11: the sponsor drafts once the organ has decided to start and named it.
        _ if drafting && d.stage == Proposed => Refusal::rule(
            Rule::StartRequired,
            "决策机关尚未决定启动决策程序、明确决策承办单位，不能开展草案拟订工作",
        ),
        K::RecordCollectiveDiscussion if before_adoption => meeting::gate(d),
        // Art. 30: only what the organ's meeting decided can be issued.
        K::PublishDecision | K::StartExecution | K::FileDecision if before_adoption => {
            Refusal::rule(
                Rule::MeetingRequired,
                "决策草案尚未经决策机关常务会议或者全体会议讨论决定，不能公布、执行或者备案",
            )
        }
        // Art. 37: a lawfully adopted decision is not changed or withdrawn outside the procedure.
        K::ReviseDraft | K::WithdrawDecision if adopted => Refusal::rule(
            Rule::ChangeProcedure,
            "依法作出的重大行政决策，未经法定程序不得随意变更或者停止执行；需要重大调整或者停止执行的，应当提出新的决策事项履行决策程序",
        ),
        _ => Refusal::InvalidTransition {
            stage: d.stage,
            act: kind.label(),
        },
    }
}

/// Checks the proposal of a new decision (Art. 3, 10) and builds its record, bound for life to
/// the profile and calendar in force today.
pub fn propose(
    id: String,
    proposal: Proposal,
    actor: &Actor,
    today: NaiveDate,
    binding: &Binding,
) -> Result<(Decision, Event), Refusal> {
    if !PROPOSE_ROLES.contains(&actor.role) {
        return Err(Refusal::Forbidden {
            act: "提出决策事项",
        });
    }
    dates::plausible(proposal.proposed_on, &binding.profile)?;
    dates::not_in_future(proposal.proposed_on, today)?;
    // The deployment's profile says which catalogue of categories its organ uses.
    if proposal.category.system() != binding.profile.categories {
        return Err(Refusal::InvalidInput(ValueError::NotInProfile {
            profile: binding.profile.title.clone(),
        }));
    }
    // Art. 3(2): macro-control, government legislation and emergency response are not governed here.
    ensure(
        proposal.nature == MatterNature::Ordinary,
        Rule::StartScope,
        || {
            "财政政策、货币政策等宏观调控决策，政府立法决策以及突发事件应急处置决策不适用重大行政决策程序"
            .into()
        },
    )?;
    ensure(proposal.catalogue.is_some(), Rule::CatalogueLink, || {
        "提出决策事项应当写明其所列的年度决策事项目录事项；未列入目录的，应当说明理由".into()
    })?;
    let event = Event::Proposed(Box::new(Proposed {
        proposal: proposal.clone(),
        proposer: Some(actor.clone()),
        binding: Some(binding.clone()),
    }));
    Ok((
        Decision::proposed(id, actor.clone(), proposal, binding.clone()),
        event,
    ))
}

/// Judges one command against the decision as it stands.
pub fn decide(d: &Decision, cmd: &Command, ctx: &Context) -> Result<Vec<Event>, Refusal> {
    let kind = cmd.kind();
    if !kind.roles().contains(&ctx.actor.authority()) {
        return Err(Refusal::Forbidden { act: kind.label() });
    }
    if !allowed(kind, d.stage) {
        return Err(stage_refusal(d, kind));
    }
    dates::check(d, cmd, ctx)?;
    let event = judge(d, cmd, ctx)?;
    Ok(vec![event])
}

/// Folds accepted events into a new record, one version further for each: the version is the
/// number of events, so the record [`replay`] rebuilds from the history is the one stored.
pub fn evolve(d: &Decision, events: &[Event]) -> Decision {
    let mut next = d.clone();
    for e in events {
        next.apply(e);
        next.version += 1;
    }
    next
}

/// Why a history does not fold into a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("历史记录为空")]
    Empty,
    #[error("历史记录的第一个事件不是提出决策事项")]
    NotProposedFirst,
    #[error("第 {seq} 个事件再次提出决策事项")]
    ProposedAgain { seq: usize },
    #[error("提出决策事项的事件未记载提出人或者所适用的规定、工作日历")]
    Unbound,
}

/// The record a decision's history folds into (Art. 33: the record is its history): the
/// proposal builds version 1 and every later event is applied as `evolve` applied it.
/// `earlier` gives the proposer and binding of a proposal recorded before its event held them
/// (taken from the stored record: such a decision's binding is not evidenced by its history).
pub fn replay(
    id: &str,
    history: &[Event],
    earlier: Option<(&Actor, &Binding)>,
) -> Result<Decision, ReplayError> {
    let (first, rest) = history.split_first().ok_or(ReplayError::Empty)?;
    let Event::Proposed(p) = first else {
        return Err(ReplayError::NotProposedFirst);
    };
    let (proposer, binding) = match (&p.proposer, &p.binding, earlier) {
        (Some(a), Some(b), _) => (a.clone(), b.clone()),
        (None, None, Some((a, b))) => (a.clone(), b.clone()),
        _ => return Err(ReplayError::Unbound),
    };
    let mut d = Decision::proposed(id.to_owned(), proposer, p.proposal.clone(), binding);
    for (i, e) in rest.iter().enumerate() {
        if matches!(e, Event::Proposed(_)) {
            return Err(ReplayError::ProposedAgain { seq: i + 2 });
        }
        d = evolve(&d, std::slice::from_ref(e));
    }
    Ok(d)
}

/// Sends each command to the rules of its act, one function per act, grouped in files by the
/// statute's chapters.
fn judge(d: &Decision, cmd: &Command, ctx: &Context) -> Result<Event, Refusal> {
    match cmd {
        Command::StartProcedure(s) => drafting::start(d, s),
        Command::ReviseDraft(r) => drafting::revise(d, r),
        Command::OpenPublicConsultation(o) => drafting::open_consultation(d, o, cmd),
        Command::DisposeComment(x) => drafting::dispose(d, x, ctx),
        Command::HideComment { comment_id, reason } => drafting::hide(d, comment_id, reason, ctx),
        Command::RecordOpinion(o) => drafting::record_opinion(d, o),
        Command::DisposeCommentGroup(g) => drafting::dispose_group(d, g, ctx),
        Command::ClosePublicConsultation(c) => drafting::close_consultation(d, c, ctx),
        Command::PublishHearingNotice(n) => drafting::hearing_notice(d, n),
        Command::RecordHearing(h) => drafting::hearing(d, h),
        Command::RecordUnitConsultation(u) => drafting::units_consulted(u),
        Command::RecordDraftingAnalysis(a) => drafting::analysis(a),
        Command::CorrectFlag(c) => correction::correct(d, c),
        Command::RecordExpertArgumentation(a) => drafting::experts(a),
        Command::RecordRiskAssessment(r) => drafting::risk(d, r),
        Command::RecordFairCompetitionReview(f) => {
            Ok(Event::FairCompetitionReviewRecorded(f.clone()))
        }
        Command::MarkTrackNotRequired { track, basis } => drafting::not_required(d, *track, basis),
        Command::RequestLegalityReview(r) => review::request(d, r),
        Command::SubmitLegalOpinion(o) => Ok(review::opinion(o, ctx)),
        Command::AcceptReviewRequest { accepted_on } => review::accept(d, *accepted_on, cmd),
        Command::RequestSupplement {
            requested_on,
            materials,
        } => Ok(Event::SupplementRequested(SupplementRequest {
            requested_on: *requested_on,
            materials: materials.clone(),
            supplied: None,
        })),
        Command::SupplyMaterials(m) => review::supply(d, m),
        Command::AssignCounsel(a) => review::assign(d, a, ctx),
        Command::WithdrawCounselAssignment {
            counsel_id,
            withdrawal,
        } => review::withdraw_assignment(d, counsel_id, withdrawal),
        Command::ReturnLegalityReview {
            returned_on,
            reason,
        } => Ok(Event::LegalityReviewEnded(ReviewOutcome::Returned {
            returned_on: *returned_on,
            reason: reason.clone(),
        })),
        Command::ConcludeLegalityReview(c) => review::conclude(d, c),
        Command::RecordCollectiveDiscussion(m) => meeting::record(d, m, ctx.calendar),
        Command::RecordPartyCommitteeReport(r) => {
            once(d.party_report.is_none(), cmd)?;
            Ok(Event::PartyCommitteeReported(r.clone()))
        }
        Command::RecordCongressReport(r) => {
            once(d.congress_report.is_none(), cmd)?;
            Ok(Event::CongressReported(r.clone()))
        }
        Command::PublishDecision(p) => meeting::publish(d, p),
        Command::FileDecision(f) => meeting::file(d, f, cmd),
        Command::RecordFilingReview(r) => meeting::filing_review(d, r, cmd),
        Command::StartExecution { unit, started_on } => Ok(Event::ExecutionStarted {
            unit: unit.clone(),
            started_on: *started_on,
        }),
        Command::ReportExecution(r) => Ok(Event::ExecutionReported(r.clone())),
        Command::ReportIncident(i) => Ok(execution::incident(d, i)),
        Command::SuspendExecution(s) => execution::suspend(d, s),
        Command::ResumeExecution { resumed_on, reason } => Ok(Event::ExecutionResumed {
            resumed_on: *resumed_on,
            reason: reason.clone(),
        }),
        Command::StartPostEvaluation(e) => execution::start_evaluation(d, e),
        Command::ConcludePostEvaluation(r) => Ok(Event::PostEvaluationConcluded(r.clone())),
        Command::WithdrawDecision {
            withdrawn_on,
            reason,
        } => Ok(Event::Ended(Ending::Withdrawn {
            withdrawn_on: *withdrawn_on,
            reason: reason.clone(),
        })),
        Command::TerminateDecision(c) => execution::change(d, c, true, ctx),
        Command::AdjustDecision(c) => execution::change(d, c, false, ctx),
        Command::ArchiveDecision { archived_on } => execution::archive(d, *archived_on),
        Command::AttachMaterial(a) => attach(d, a, ctx),
        Command::IssueSupervisionNotice(n) => supervision::notice(d, n, ctx),
    }
}

/// Art. 33: each document is attached by the role that forms it, once.
fn attach(d: &Decision, a: &AttachMaterial, ctx: &Context) -> Result<Event, Refusal> {
    if !a.kind.producers().contains(&ctx.actor.role) {
        return Err(Refusal::Forbidden {
            act: a.kind.act_label(),
        });
    }
    if d.materials
        .iter()
        .any(|m| m.kind == a.kind && m.sha256 == a.sha256)
    {
        return Err(Refusal::AlreadyDone {
            act: a.kind.act_label(),
        });
    }
    Ok(Event::MaterialAttached(Material {
        number: d.materials.len() as u32 + 1,
        kind: a.kind,
        name: a.name.clone(),
        media_type: a.media_type.clone(),
        size: a.size,
        sha256: a.sha256.clone(),
        dated: a.dated,
        note: a.note.clone(),
    }))
}

/// An act the record holds once: a second one would overwrite what the archive keeps.
fn once(not_yet: bool, cmd: &Command) -> Result<(), Refusal> {
    if not_yet {
        Ok(())
    } else {
        Err(Refusal::AlreadyDone {
            act: cmd.kind().label(),
        })
    }
}
