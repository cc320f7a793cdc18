//! What happened: the facts `decide` produces and `Decision::apply` folds.
//!
//! Events are stored forever, one row each, so their serialized form is part of the archive: add
//! variants, never rename one or change a payload's meaning.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::deadline::DeadlineKind;
use super::material::Material;
use super::model::*;
use super::profile::Binding;
use super::values::Text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Event {
    Proposed(Box<Proposed>),
    ProcedureStarted(Start),
    DraftRevised(Draft),
    ConsultationOpened(ConsultationNotice),
    CommentDisposed(Disposition),
    CommentHidden {
        comment_id: String,
        reason: Text,
    },
    ConsultationClosed(ConsultationClosed),
    HearingRecorded(Hearing),
    HearingNoticePublished(HearingNotice),
    UnitsConsulted(UnitConsultation),
    DraftingAnalysed(DraftingAnalysis),
    OpinionRecorded(ReceivedOpinion),
    CommentGroupDisposed(DispositionGroup),
    FlagCorrected(Correction),
    ExpertArgumentationRecorded(ExpertArgumentation),
    RiskAssessmentRecorded(RiskAssessment),
    FairCompetitionReviewRecorded(FairCompetitionReview),
    TrackMarkedNotRequired {
        track: Track,
        basis: Text,
    },
    LegalityReviewRequested(LegalityReview),
    LegalOpinionSubmitted(LegalOpinion),
    ReviewRequestAccepted {
        accepted_on: NaiveDate,
    },
    SupplementRequested(SupplementRequest),
    MaterialsSupplied(SuppliedMaterials),
    CounselAssigned(CounselAssignment),
    CounselAssignmentWithdrawn {
        counsel_id: String,
        withdrawal: AssignmentWithdrawal,
    },
    LegalityReviewEnded(ReviewOutcome),
    CollectiveDiscussionRecorded(Meeting),
    PartyCommitteeReported(Report),
    CongressReported(Report),
    Published(Publication),
    Filed(Filing),
    FilingReviewed(FilingReview),
    ExecutionStarted {
        unit: Text,
        started_on: NaiveDate,
    },
    ExecutionReported(ExecutionReport),
    IncidentReported(Incident),
    ExecutionSuspended(Suspension),
    ExecutionResumed {
        resumed_on: NaiveDate,
        reason: Text,
    },
    PostEvaluationStarted(PostEvaluation),
    PostEvaluationConcluded(EvaluationResult),
    Ended(Ending),
    Archived {
        archived_on: NaiveDate,
    },
    MaterialAttached(Material),
    SupervisionNoticeIssued(SupervisionNotice),
    /// Recorded by the engine when a deadline passes unmet (or is met late), once per deadline.
    DeadlinePassed {
        kind: DeadlineKind,
        due: NaiveDate,
    },
}

/// A proposal as its event records it: the matter, who proposed it and what the decision is
/// bound to for life, so that the record is the fold of its history (Art. 33).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposed {
    #[serde(flatten)]
    pub proposal: Proposal,
    /// Who proposed it, with the organ, which the event's actor columns do not hold. Absent from
    /// proposals recorded before the history held everything the record shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposer: Option<Actor>,
    /// The profile and calendar in force at proposal; absent as `proposer` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binding: Option<Binding>,
}

/// A consultation's closure as its event records it: the sponsor's closure, and how far the
/// chain of the public's messages reached when it was judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationClosed {
    #[serde(flatten)]
    pub closure: ConsultationClosure,
    /// Absent from closures recorded before the messages were chained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<MessageChainHead>,
}

impl Event {
    /// An event read back from the record, which keeps its kind and its payload apart.
    pub fn from_record(kind: &str, payload: &serde_json::Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(serde_json::json!({ "kind": kind, "payload": payload }))
    }

    /// The stable name stored with the event and shown in `history`.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Proposed(_) => "PROPOSED",
            Event::ProcedureStarted(_) => "PROCEDURE_STARTED",
            Event::DraftRevised(_) => "DRAFT_REVISED",
            Event::ConsultationOpened(_) => "CONSULTATION_OPENED",
            Event::CommentDisposed(_) => "COMMENT_DISPOSED",
            Event::CommentHidden { .. } => "COMMENT_HIDDEN",
            Event::ConsultationClosed(_) => "CONSULTATION_CLOSED",
            Event::HearingRecorded(_) => "HEARING_RECORDED",
            Event::HearingNoticePublished(_) => "HEARING_NOTICE_PUBLISHED",
            Event::UnitsConsulted(_) => "UNITS_CONSULTED",
            Event::DraftingAnalysed(_) => "DRAFTING_ANALYSED",
            Event::OpinionRecorded(_) => "OPINION_RECORDED",
            Event::CommentGroupDisposed(_) => "COMMENT_GROUP_DISPOSED",
            Event::FlagCorrected(_) => "FLAG_CORRECTED",
            Event::ExpertArgumentationRecorded(_) => "EXPERT_ARGUMENTATION_RECORDED",
            Event::RiskAssessmentRecorded(_) => "RISK_ASSESSMENT_RECORDED",
            Event::FairCompetitionReviewRecorded(_) => "FAIR_COMPETITION_REVIEW_RECORDED",
            Event::TrackMarkedNotRequired { .. } => "TRACK_MARKED_NOT_REQUIRED",
            Event::LegalityReviewRequested(_) => "LEGALITY_REVIEW_REQUESTED",
            Event::LegalOpinionSubmitted(_) => "LEGAL_OPINION_SUBMITTED",
            Event::ReviewRequestAccepted { .. } => "REVIEW_REQUEST_ACCEPTED",
            Event::SupplementRequested(_) => "SUPPLEMENT_REQUESTED",
            Event::MaterialsSupplied(_) => "MATERIALS_SUPPLIED",
            Event::CounselAssigned(_) => "COUNSEL_ASSIGNED",
            Event::CounselAssignmentWithdrawn { .. } => "COUNSEL_ASSIGNMENT_WITHDRAWN",
            Event::LegalityReviewEnded(_) => "LEGALITY_REVIEW_ENDED",
            Event::CollectiveDiscussionRecorded(_) => "COLLECTIVE_DISCUSSION_RECORDED",
            Event::PartyCommitteeReported(_) => "PARTY_COMMITTEE_REPORTED",
            Event::CongressReported(_) => "CONGRESS_REPORTED",
            Event::Published(_) => "PUBLISHED",
            Event::Filed(_) => "FILED",
            Event::FilingReviewed(_) => "FILING_REVIEWED",
            Event::ExecutionStarted { .. } => "EXECUTION_STARTED",
            Event::ExecutionReported(_) => "EXECUTION_REPORTED",
            Event::IncidentReported(_) => "INCIDENT_REPORTED",
            Event::ExecutionSuspended(_) => "EXECUTION_SUSPENDED",
            Event::ExecutionResumed { .. } => "EXECUTION_RESUMED",
            Event::PostEvaluationStarted(_) => "POST_EVALUATION_STARTED",
            Event::PostEvaluationConcluded(_) => "POST_EVALUATION_CONCLUDED",
            Event::Ended(_) => "ENDED",
            Event::Archived { .. } => "ARCHIVED",
            Event::MaterialAttached(_) => "MATERIAL_ATTACHED",
            Event::SupervisionNoticeIssued(_) => "SUPERVISION_NOTICE_ISSUED",
            Event::DeadlinePassed { .. } => "DEADLINE_PASSED",
        }
    }

    /// What happened, as officials say it: the record's timeline.
    pub fn label(&self) -> &'static str {
        match self {
            Event::Proposed(_) => "提出决策事项",
            Event::ProcedureStarted(_) => "决定启动决策程序",
            Event::DraftRevised(_) => "拟订或者修改决策草案",
            Event::ConsultationOpened(_) => "公开征求意见",
            Event::CommentDisposed(_) => "处理公众意见",
            Event::CommentHidden { .. } => "屏蔽滥用或者垃圾意见",
            Event::ConsultationClosed(_) => "结束公开征求意见",
            Event::HearingRecorded(_) => "举行听证会",
            Event::HearingNoticePublished(_) => "公布听证会公告",
            Event::UnitsConsulted(_) => "与有关单位协商",
            Event::DraftingAnalysed(_) => "方案比选和成本效益分析",
            Event::OpinionRecorded(_) => "登记通过其他途径收到的意见",
            Event::CommentGroupDisposed(_) => "归纳整理并处理一组意见",
            Event::FlagCorrected(_) => "更正决策事项标记",
            Event::ExpertArgumentationRecorded(_) => "专家论证",
            Event::RiskAssessmentRecorded(_) => "风险评估",
            Event::FairCompetitionReviewRecorded(_) => "公平竞争审查",
            Event::TrackMarkedNotRequired { .. } => "标记程序无需开展",
            Event::LegalityReviewRequested(_) => "送请合法性审查",
            Event::LegalOpinionSubmitted(_) => "提出法律意见",
            Event::ReviewRequestAccepted { .. } => "受理合法性审查",
            Event::SupplementRequested(_) => "要求补充材料",
            Event::MaterialsSupplied(_) => "补充材料",
            Event::CounselAssigned(_) => "指派法律顾问或者公职律师",
            Event::CounselAssignmentWithdrawn { .. } => "撤回指派",
            Event::LegalityReviewEnded(ReviewOutcome::Returned { .. }) => "退回补充材料",
            Event::LegalityReviewEnded(ReviewOutcome::Concluded { .. }) => "出具合法性审查意见",
            Event::CollectiveDiscussionRecorded(_) => "集体讨论决定",
            Event::PartyCommitteeReported(_) => "向党委请示报告",
            Event::CongressReported(_) => "向人大常委会报告",
            Event::Published(_) => "公布决策",
            Event::Filed(_) => "决策备案",
            Event::FilingReviewed(_) => "登记备案审查结果",
            Event::ExecutionStarted { .. } => "明确执行单位并开始执行",
            Event::ExecutionReported(_) => "报告执行情况",
            Event::IncidentReported(_) => "报告执行中的问题",
            Event::ExecutionSuspended(_) => "中止执行",
            Event::ExecutionResumed { .. } => "恢复执行",
            Event::PostEvaluationStarted(_) => "启动决策后评估",
            Event::PostEvaluationConcluded(_) => "作出决策后评估结论",
            Event::Ended(Ending::Withdrawn { .. }) => "撤回决策事项",
            Event::Ended(Ending::Changed {
                terminated: true, ..
            }) => "停止执行决策",
            Event::Ended(Ending::Changed { .. }) => "调整决策",
            Event::Archived { .. } => "归档",
            Event::MaterialAttached(_) => "上传材料",
            Event::SupervisionNoticeIssued(_) => "督办",
            Event::DeadlinePassed { .. } => "期限届满未办理（系统记录）",
        }
    }

    /// The date the act took place, as the official recorded it (not when it was recorded).
    pub fn occurred_on(&self) -> Option<NaiveDate> {
        Some(match self {
            Event::Proposed(p) => p.proposal.proposed_on,
            Event::ProcedureStarted(s) => s.started_on,
            Event::DraftRevised(d) => d.revised_on,
            Event::ConsultationOpened(n) => n.opened_on,
            Event::ConsultationClosed(c) => c.closure.closed_on,
            Event::HearingRecorded(h) => h.held_on,
            Event::HearingNoticePublished(n) => n.published_on,
            Event::UnitsConsulted(u) => u.consulted_on,
            Event::DraftingAnalysed(a) => a.analysed_on,
            Event::OpinionRecorded(o) => o.received_on,
            Event::FlagCorrected(c) => c.corrected_on,
            Event::ExpertArgumentationRecorded(a) => a.held_on,
            Event::RiskAssessmentRecorded(r) => r.assessed_on,
            Event::FairCompetitionReviewRecorded(f) => f.reviewed_on,
            Event::LegalityReviewRequested(r) => r.requested_on,
            Event::LegalOpinionSubmitted(o) => o.given_on,
            Event::ReviewRequestAccepted { accepted_on } => *accepted_on,
            Event::SupplementRequested(s) => s.requested_on,
            Event::MaterialsSupplied(m) => m.supplied_on,
            Event::CounselAssigned(a) => a.assigned_on,
            Event::CounselAssignmentWithdrawn { withdrawal, .. } => withdrawal.withdrawn_on,
            Event::LegalityReviewEnded(ReviewOutcome::Returned { returned_on, .. }) => *returned_on,
            Event::LegalityReviewEnded(ReviewOutcome::Concluded { concluded_on, .. }) => {
                *concluded_on
            }
            Event::CollectiveDiscussionRecorded(m) => m.held_on,
            Event::PartyCommitteeReported(r) | Event::CongressReported(r) => r.reported_on,
            Event::Published(p) => p.published_on,
            Event::Filed(f) => f.filed_on,
            Event::FilingReviewed(r) => r.answered_on,
            Event::ExecutionStarted { started_on, .. } => *started_on,
            Event::ExecutionReported(r) => r.reported_on,
            Event::IncidentReported(i) => i.reported_on,
            Event::ExecutionSuspended(s) => s.suspended_on,
            Event::ExecutionResumed { resumed_on, .. } => *resumed_on,
            Event::PostEvaluationStarted(e) => e.started_on,
            Event::PostEvaluationConcluded(r) => r.concluded_on,
            Event::Ended(Ending::Withdrawn { withdrawn_on, .. }) => *withdrawn_on,
            Event::Ended(Ending::Changed { changed_on, .. }) => *changed_on,
            Event::Archived { archived_on } => *archived_on,
            Event::MaterialAttached(m) => m.dated,
            Event::SupervisionNoticeIssued(n) => n.issued_on,
            Event::CommentDisposed(_)
            | Event::CommentHidden { .. }
            | Event::CommentGroupDisposed(_)
            | Event::TrackMarkedNotRequired { .. }
            | Event::DeadlinePassed { .. } => return None,
        })
    }
}
