//! What an official asks the engine to do: one command per procedural act.
//!
//! A command holds values that already parsed (`Text`, dates, enums); whether the act is lawful
//! *now*, for *this* decision, is for `decide` to say.

use chrono::NaiveDate;

use super::deadline::DeadlineKind;
use super::material::{Digest, DocumentKind};
use super::model::*;
use super::values::Text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviseDraft {
    pub text: Text,
    pub explanation: Option<Text>,
    pub change_note: Option<Text>,
    pub revised_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenConsultation {
    pub opened_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub channels: Vec<Text>,
    pub how_to_comment: Option<Text>,
    pub shortened_reason: Option<Text>,
    pub groups_consulted: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRiskAssessment {
    pub assessed_on: NaiveDate,
    pub assessing_unit: Text,
    pub risk_points: Vec<Text>,
    pub measures: Vec<Text>,
    pub response_plan: Option<Text>,
    pub departments_heard: Vec<Text>,
    pub conclusion: RiskConclusion,
    pub prior_assessment: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLegalityReview {
    pub requested_on: NaiveDate,
    pub legal_basis: Vec<Text>,
    /// Art. 26: the statement of how the procedure was performed; generated from the record when absent.
    pub procedure_statement: Option<Text>,
    /// Why the review may take less than the profile's working days; only at request time.
    pub shortened_reason: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmitLegalOpinion {
    pub kind: CounselKind,
    pub opinion: Text,
    pub given_on: NaiveDate,
}

/// Art. 28: the review office assigns a legal adviser or public lawyer to the current round. The
/// counsel is named by account; the caller finds the account and passes it in the [`Context`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignCounsel {
    pub counsel_id: String,
    pub kind: CounselKind,
    pub affiliation: Text,
    pub assigned_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcludeLegalityReview {
    pub concluded_on: NaiveDate,
    pub conclusion: ReviewConclusion,
    pub authority: Option<Text>,
    pub procedure: Option<Text>,
    pub content: Option<Text>,
    pub required_revisions: Option<Text>,
    pub risk_statement: Option<Text>,
    /// 审查意见书文号.
    pub opinion_number: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportIncident {
    pub reported_on: NaiveDate,
    pub kind: IncidentKind,
    pub description: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuspendExecution {
    pub suspended_on: NaiveDate,
    pub reason: Option<Text>,
    pub incident: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartPostEvaluation {
    pub started_on: NaiveDate,
    pub trigger: EvaluationTrigger,
    pub trigger_explanation: Option<Text>,
    pub evaluator: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeDecision {
    pub changed_on: NaiveDate,
    pub reason: Text,
    /// The new decision, adopted under the full procedure, that orders this change (Art. 37).
    pub by_decision: String,
}

/// Art. 18: an opinion that reached the sponsor outside the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordOpinion {
    pub received_on: NaiveDate,
    pub channel: OpinionChannel,
    pub author: Option<Text>,
    pub body: Text,
}

/// Art. 18 (归纳整理): similar opinions answered together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisposeCommentGroup {
    pub comment_ids: Vec<String>,
    pub summary: Text,
    pub outcome: DispositionOutcome,
    pub reason: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishHearingNotice {
    pub published_on: NaiveDate,
    pub hearing_on: NaiveDate,
    pub place: Text,
    pub channels: Vec<Text>,
    pub selection_method: Option<Text>,
    pub participants: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    StartProcedure(Start),
    ReviseDraft(ReviseDraft),
    OpenPublicConsultation(OpenConsultation),
    DisposeComment(Disposition),
    HideComment {
        comment_id: String,
        reason: Text,
    },
    RecordOpinion(RecordOpinion),
    DisposeCommentGroup(DisposeCommentGroup),
    ClosePublicConsultation(ConsultationClosure),
    PublishHearingNotice(PublishHearingNotice),
    RecordHearing(Hearing),
    RecordUnitConsultation(UnitConsultation),
    RecordDraftingAnalysis(DraftingAnalysis),
    CorrectFlag(Correction),
    RecordExpertArgumentation(ExpertArgumentation),
    RecordRiskAssessment(RecordRiskAssessment),
    RecordFairCompetitionReview(FairCompetitionReview),
    MarkTrackNotRequired {
        track: Track,
        basis: Text,
    },
    RequestLegalityReview(RequestLegalityReview),
    SubmitLegalOpinion(SubmitLegalOpinion),
    AcceptReviewRequest {
        accepted_on: NaiveDate,
    },
    RequestSupplement {
        requested_on: NaiveDate,
        materials: Text,
    },
    SupplyMaterials(SuppliedMaterials),
    AssignCounsel(AssignCounsel),
    WithdrawCounselAssignment {
        counsel_id: String,
        withdrawal: AssignmentWithdrawal,
    },
    ReturnLegalityReview {
        returned_on: NaiveDate,
        reason: Text,
    },
    ConcludeLegalityReview(ConcludeLegalityReview),
    RecordCollectiveDiscussion(Meeting),
    RecordPartyCommitteeReport(Report),
    RecordCongressReport(Report),
    PublishDecision(Publication),
    FileDecision(Filing),
    RecordFilingReview(FilingReview),
    StartExecution {
        unit: Text,
        started_on: NaiveDate,
    },
    ReportExecution(ExecutionReport),
    ReportIncident(ReportIncident),
    SuspendExecution(SuspendExecution),
    ResumeExecution {
        resumed_on: NaiveDate,
        reason: Text,
    },
    StartPostEvaluation(StartPostEvaluation),
    ConcludePostEvaluation(EvaluationResult),
    WithdrawDecision {
        withdrawn_on: NaiveDate,
        reason: Text,
    },
    TerminateDecision(ChangeDecision),
    AdjustDecision(ChangeDecision),
    ArchiveDecision {
        archived_on: NaiveDate,
    },
    AttachMaterial(AttachMaterial),
    IssueSupervisionNotice(IssueSupervisionNotice),
}

/// A 督办 on a late deadline (Art. 34, 39, 40): which deadline, by when the unit is to act and
/// what it is to do. The unit is not the caller's to name: the notice goes to the unit the
/// record says answers for the deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueSupervisionNotice {
    pub issued_on: NaiveDate,
    pub deadline: DeadlineKind,
    pub due: NaiveDate,
    pub new_date: NaiveDate,
    pub requirement: Text,
}

/// Art. 33: a document the procedure formed, already stored under its hash, attached to the
/// record. The uploaded bytes were measured and hashed by the server, never taken from the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachMaterial {
    pub kind: DocumentKind,
    pub name: Text,
    pub media_type: String,
    pub size: u64,
    pub sha256: Digest,
    pub dated: NaiveDate,
    pub note: Option<Text>,
}

/// The command without its payload: the key of the transition table and of the role table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandKind {
    StartProcedure,
    ReviseDraft,
    OpenPublicConsultation,
    DisposeComment,
    HideComment,
    RecordOpinion,
    DisposeCommentGroup,
    ClosePublicConsultation,
    PublishHearingNotice,
    RecordHearing,
    RecordUnitConsultation,
    RecordDraftingAnalysis,
    CorrectFlag,
    RecordExpertArgumentation,
    RecordRiskAssessment,
    RecordFairCompetitionReview,
    MarkTrackNotRequired,
    RequestLegalityReview,
    SubmitLegalOpinion,
    AcceptReviewRequest,
    RequestSupplement,
    SupplyMaterials,
    AssignCounsel,
    WithdrawCounselAssignment,
    ReturnLegalityReview,
    ConcludeLegalityReview,
    RecordCollectiveDiscussion,
    RecordPartyCommitteeReport,
    RecordCongressReport,
    PublishDecision,
    FileDecision,
    RecordFilingReview,
    StartExecution,
    ReportExecution,
    ReportIncident,
    SuspendExecution,
    ResumeExecution,
    StartPostEvaluation,
    ConcludePostEvaluation,
    WithdrawDecision,
    TerminateDecision,
    AdjustDecision,
    ArchiveDecision,
    AttachMaterial,
    IssueSupervisionNotice,
}

impl Command {
    pub fn kind(&self) -> CommandKind {
        use CommandKind as K;
        match self {
            Command::StartProcedure(_) => K::StartProcedure,
            Command::ReviseDraft(_) => K::ReviseDraft,
            Command::OpenPublicConsultation(_) => K::OpenPublicConsultation,
            Command::DisposeComment(_) => K::DisposeComment,
            Command::HideComment { .. } => K::HideComment,
            Command::RecordOpinion(_) => K::RecordOpinion,
            Command::DisposeCommentGroup(_) => K::DisposeCommentGroup,
            Command::ClosePublicConsultation(_) => K::ClosePublicConsultation,
            Command::PublishHearingNotice(_) => K::PublishHearingNotice,
            Command::RecordHearing(_) => K::RecordHearing,
            Command::RecordUnitConsultation(_) => K::RecordUnitConsultation,
            Command::RecordDraftingAnalysis(_) => K::RecordDraftingAnalysis,
            Command::CorrectFlag(_) => K::CorrectFlag,
            Command::RecordExpertArgumentation(_) => K::RecordExpertArgumentation,
            Command::RecordRiskAssessment(_) => K::RecordRiskAssessment,
            Command::RecordFairCompetitionReview(_) => K::RecordFairCompetitionReview,
            Command::MarkTrackNotRequired { .. } => K::MarkTrackNotRequired,
            Command::RequestLegalityReview(_) => K::RequestLegalityReview,
            Command::SubmitLegalOpinion(_) => K::SubmitLegalOpinion,
            Command::AcceptReviewRequest { .. } => K::AcceptReviewRequest,
            Command::RequestSupplement { .. } => K::RequestSupplement,
            Command::SupplyMaterials(_) => K::SupplyMaterials,
            Command::AssignCounsel(_) => K::AssignCounsel,
            Command::WithdrawCounselAssignment { .. } => K::WithdrawCounselAssignment,
            Command::ReturnLegalityReview { .. } => K::ReturnLegalityReview,
            Command::ConcludeLegalityReview(_) => K::ConcludeLegalityReview,
            Command::RecordCollectiveDiscussion(_) => K::RecordCollectiveDiscussion,
            Command::RecordPartyCommitteeReport(_) => K::RecordPartyCommitteeReport,
            Command::RecordCongressReport(_) => K::RecordCongressReport,
            Command::PublishDecision(_) => K::PublishDecision,
            Command::FileDecision(_) => K::FileDecision,
            Command::RecordFilingReview(_) => K::RecordFilingReview,
            Command::StartExecution { .. } => K::StartExecution,
            Command::ReportExecution(_) => K::ReportExecution,
            Command::ReportIncident(_) => K::ReportIncident,
            Command::SuspendExecution(_) => K::SuspendExecution,
            Command::ResumeExecution { .. } => K::ResumeExecution,
            Command::StartPostEvaluation(_) => K::StartPostEvaluation,
            Command::ConcludePostEvaluation(_) => K::ConcludePostEvaluation,
            Command::WithdrawDecision { .. } => K::WithdrawDecision,
            Command::TerminateDecision(_) => K::TerminateDecision,
            Command::AdjustDecision(_) => K::AdjustDecision,
            Command::ArchiveDecision { .. } => K::ArchiveDecision,
            Command::AttachMaterial(_) => K::AttachMaterial,
            Command::IssueSupervisionNotice(_) => K::IssueSupervisionNotice,
        }
    }

    /// The other decision this command depends on, which the caller loads into the context.
    pub fn related_decision(&self) -> Option<&str> {
        match self {
            Command::TerminateDecision(c) | Command::AdjustDecision(c) => Some(&c.by_decision),
            _ => None,
        }
    }

    /// The account this command names (the counsel assigned), which the caller finds and
    /// passes in the context.
    pub fn named_account(&self) -> Option<&str> {
        match self {
            Command::AssignCounsel(a) => Some(&a.counsel_id),
            _ => None,
        }
    }

    /// Whether judging the command needs the list of public comments received.
    pub fn needs_comments(&self) -> bool {
        matches!(
            self,
            Command::DisposeComment(_)
                | Command::HideComment { .. }
                | Command::DisposeCommentGroup(_)
                | Command::ClosePublicConsultation(_)
        )
    }
}

impl CommandKind {
    pub const ALL: [CommandKind; 45] = [
        CommandKind::StartProcedure,
        CommandKind::ReviseDraft,
        CommandKind::OpenPublicConsultation,
        CommandKind::DisposeComment,
        CommandKind::HideComment,
        CommandKind::RecordOpinion,
        CommandKind::DisposeCommentGroup,
        CommandKind::ClosePublicConsultation,
        CommandKind::PublishHearingNotice,
        CommandKind::RecordHearing,
        CommandKind::RecordUnitConsultation,
        CommandKind::RecordDraftingAnalysis,
        CommandKind::CorrectFlag,
        CommandKind::RecordExpertArgumentation,
        CommandKind::RecordRiskAssessment,
        CommandKind::RecordFairCompetitionReview,
        CommandKind::MarkTrackNotRequired,
        CommandKind::RequestLegalityReview,
        CommandKind::SubmitLegalOpinion,
        CommandKind::AcceptReviewRequest,
        CommandKind::RequestSupplement,
        CommandKind::SupplyMaterials,
        CommandKind::AssignCounsel,
        CommandKind::WithdrawCounselAssignment,
        CommandKind::ReturnLegalityReview,
        CommandKind::ConcludeLegalityReview,
        CommandKind::RecordCollectiveDiscussion,
        CommandKind::RecordPartyCommitteeReport,
        CommandKind::RecordCongressReport,
        CommandKind::PublishDecision,
        CommandKind::FileDecision,
        CommandKind::RecordFilingReview,
        CommandKind::StartExecution,
        CommandKind::ReportExecution,
        CommandKind::ReportIncident,
        CommandKind::SuspendExecution,
        CommandKind::ResumeExecution,
        CommandKind::StartPostEvaluation,
        CommandKind::ConcludePostEvaluation,
        CommandKind::WithdrawDecision,
        CommandKind::TerminateDecision,
        CommandKind::AdjustDecision,
        CommandKind::ArchiveDecision,
        CommandKind::AttachMaterial,
        CommandKind::IssueSupervisionNotice,
    ];

    /// The act's name as officials say it, for messages.
    pub fn label(self) -> &'static str {
        use CommandKind as K;
        match self {
            K::StartProcedure => "启动决策程序",
            K::ReviseDraft => "修改决策草案",
            K::OpenPublicConsultation => "公开征求意见",
            K::DisposeComment => "处理公众意见",
            K::HideComment => "屏蔽滥用或者垃圾意见",
            K::RecordOpinion => "登记通过其他途径收到的意见",
            K::DisposeCommentGroup => "归纳整理并处理一组意见",
            K::ClosePublicConsultation => "结束公开征求意见",
            K::PublishHearingNotice => "公布听证会公告",
            K::RecordHearing => "记录听证会",
            K::RecordUnitConsultation => "记录与有关单位协商",
            K::RecordDraftingAnalysis => "记录方案比选和成本效益分析",
            K::CorrectFlag => "更正决策事项标记",
            K::RecordExpertArgumentation => "记录专家论证",
            K::RecordRiskAssessment => "记录风险评估",
            K::RecordFairCompetitionReview => "记录公平竞争审查",
            K::MarkTrackNotRequired => "标记程序无需开展",
            K::RequestLegalityReview => "送请合法性审查",
            K::SubmitLegalOpinion => "提出法律意见",
            K::AcceptReviewRequest => "受理合法性审查",
            K::RequestSupplement => "要求补充材料",
            K::SupplyMaterials => "补充材料",
            K::AssignCounsel => "指派法律顾问或者公职律师",
            K::WithdrawCounselAssignment => "撤回对法律顾问或者公职律师的指派",
            K::ReturnLegalityReview => "退回补充材料",
            K::ConcludeLegalityReview => "出具合法性审查意见",
            K::RecordCollectiveDiscussion => "记录集体讨论决定",
            K::RecordPartyCommitteeReport => "记录向党委请示报告",
            K::RecordCongressReport => "记录向人大常委会报告",
            K::PublishDecision => "公布决策",
            K::FileDecision => "决策备案",
            K::RecordFilingReview => "登记备案审查结果",
            K::StartExecution => "明确执行单位并开始执行",
            K::ReportExecution => "报告执行情况",
            K::ReportIncident => "报告执行中的问题",
            K::SuspendExecution => "中止执行",
            K::ResumeExecution => "恢复执行",
            K::StartPostEvaluation => "启动决策后评估",
            K::ConcludePostEvaluation => "作出决策后评估结论",
            K::WithdrawDecision => "撤回决策事项",
            K::TerminateDecision => "停止执行决策",
            K::AdjustDecision => "调整决策",
            K::ArchiveDecision => "归档",
            K::AttachMaterial => "上传材料",
            K::IssueSupervisionNotice => "督办",
        }
    }

    /// The roles the statute gives the act to (PROCEDURE.md §1).
    pub fn roles(self) -> &'static [Role] {
        use CommandKind as K;
        match self {
            K::ReviseDraft
            | K::OpenPublicConsultation
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
            | K::RequestLegalityReview
            | K::SupplyMaterials
            | K::ReportExecution
            | K::ReportIncident => &[Role::Sponsor],
            K::SubmitLegalOpinion => &[Role::Counsel],
            K::ReturnLegalityReview
            | K::ConcludeLegalityReview
            | K::AcceptReviewRequest
            | K::RequestSupplement
            | K::AssignCounsel
            | K::WithdrawCounselAssignment => &[Role::ReviewOffice],
            // Art. 37: only the head may suspend; resuming undoes the head's own act.
            K::SuspendExecution | K::ResumeExecution => &[Role::Head],
            // The proposer's flags are corrected by the office that keeps the record or by the
            // sponsor that drafts: either may have ticked them.
            K::WithdrawDecision | K::CorrectFlag => &[Role::Secretariat, Role::Sponsor],
            K::StartProcedure
            | K::RecordCollectiveDiscussion
            | K::RecordPartyCommitteeReport
            | K::RecordCongressReport
            | K::PublishDecision
            | K::FileDecision
            | K::RecordFilingReview
            | K::StartExecution
            | K::StartPostEvaluation
            | K::ConcludePostEvaluation
            | K::TerminateDecision
            | K::AdjustDecision
            | K::ArchiveDecision
            | K::IssueSupervisionNotice => &[Role::Secretariat],
            // Each kind of document has its producers (`DocumentKind::producers`), judged in
            // `decide`; these are the roles any of them holds.
            K::AttachMaterial => &[
                Role::Sponsor,
                Role::ReviewOffice,
                Role::Counsel,
                Role::Secretariat,
            ],
        }
    }
}

/// Proposing creates the record, so it is not a [`Command`] on an existing decision.
pub const PROPOSE_ROLES: &[Role] = &[Role::Secretariat, Role::Sponsor, Role::Head];
