//! The domain's enums as GraphQL enums. `remote` derives the conversions both ways, so a variant
//! added to the core fails to compile here until the API names it.

use async_graphql::Enum;

use crate::procedure as p;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::Stage")]
pub enum Stage {
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
    Archived,
}

/// Where a review round stands on the review desk.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::DeskStatus")]
pub enum DeskStatus {
    AwaitingIntake,
    AwaitingMaterials,
    AwaitingAssignment,
    AwaitingOpinion,
    ReadyToConclude,
    Ended,
}

/// How much of a decision the caller sees.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum Visibility {
    /// The whole record: the caller's post covers the decision.
    Record,
    /// Only what the organ made public (Art. 15, 32).
    Published,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::Role")]
pub enum Role {
    Secretariat,
    Sponsor,
    ReviewOffice,
    Counsel,
    Head,
    Auditor,
    Admin,
    System,
}

/// 5 national categories (Art. 3) and the 7 of Henan Order 210 Art. 3.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::Category")]
pub enum Category {
    NationalPublicPolicy,
    NationalDevelopmentPlan,
    NationalResources,
    NationalPublicConstruction,
    NationalOther,
    HenanPublicService,
    HenanMarketSocialEnvironment,
    HenanNaturalResources,
    HenanCulturalResources,
    HenanPlan,
    HenanPublicConstruction,
    HenanOther,
}

/// Art. 10: who proposed the matter.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::ProposalSource")]
pub enum ProposalSource {
    OrganLeader,
    DepartmentOrLowerGovernment,
    DeputiesAndMembers,
    Public,
}

/// Art. 3(2): macro-control, legislation and emergency response are outside the regulation.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::MatterNature")]
pub enum MatterNature {
    Ordinary,
    MacroControl,
    GovernmentLegislation,
    EmergencyResponse,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::Track")]
pub enum Track {
    PublicParticipation,
    ExpertArgumentation,
    RiskAssessment,
    FairCompetitionReview,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum TrackStatus {
    Pending,
    InProgress,
    Done,
    NotRequired,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::DispositionOutcome")]
pub enum DispositionOutcome {
    Adopted,
    PartlyAdopted,
    NotAdopted,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::ArgumentationMethod")]
pub enum ArgumentationMethod {
    Meeting,
    WrittenConsultation,
    Commissioned,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::RiskConclusion")]
pub enum RiskConclusion {
    Controllable,
    Uncontrollable,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::FairCompetitionConclusion")]
pub enum FairCompetitionConclusion {
    NoRestriction,
    RestrictionRemoved,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::CounselKind")]
pub enum CounselKind {
    LegalAdviser,
    PublicLawyer,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::ReviewConclusion")]
pub enum ReviewConclusion {
    Lawful,
    LawfulWithRevisions,
    Unlawful,
    LegalRiskDisclosed,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::MeetingKind")]
pub enum MeetingKind {
    Executive,
    Plenary,
    SpecialTopic,
    HeadOffice,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::Position")]
pub enum Position {
    Agree,
    Disagree,
    Abstain,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::MeetingOutcome")]
pub enum MeetingOutcome {
    Adopted,
    NotAdopted,
    Deferred,
    ReturnedForRedrafting,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::IncidentKind")]
pub enum IncidentKind {
    Problem,
    MajorChange,
    ForceMajeure,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::EvaluationTrigger")]
pub enum EvaluationTrigger {
    BelowExpectedEffect,
    ManyPublicOpinions,
    OrganDeemsNecessary,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::Recommendation")]
pub enum Recommendation {
    Continue,
    Adjust,
    Terminate,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::DeadlineKind")]
pub enum DeadlineKind {
    ConsultationEnd,
    HearingMaterials,
    EarliestMeeting,
    Filing,
    ExecutionReport,
    /// Art. 38(2): a catalogue item undecided past its planned month (久拖不决).
    CataloguePlannedTime,
}

/// Whether the date is one to meet by, or one not to act before.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::Direction")]
pub enum DeadlineDirection {
    By,
    NotBefore,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::DeadlineStatus")]
pub enum DeadlineStatus {
    Open,
    Met,
    MetLate,
    Overdue,
    Reached,
    /// The due date needs working-day data for a year the calendar does not have yet (see
    /// `missingYear`): listed, never guessed.
    Uncomputable,
}

/// How an opinion reached the sponsor outside the engine (Art. 14, 18).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::OpinionChannel")]
pub enum OpinionChannel {
    /// 信函
    Letter,
    /// 电子邮件
    Email,
    /// 电话
    Phone,
    /// 座谈会
    Symposium,
    /// 其他网络平台留言
    OnlineElsewhere,
    /// 实地走访
    Visit,
    Other,
}

/// A flag set at proposal, for 更正.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::Flag")]
pub enum Flag {
    NonDisclosable,
    ProfessionalTechnical,
    StabilityImpact,
    AffectsMarketEntities,
    AffectsSpecificGroup,
    ExploratoryReform,
    CongressReportRequired,
    NormativeDocument,
    AffectsOtherUnits,
}

/// The kinds of document the procedure forms (Art. 17, 19, 23, 28–36).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "p::DocumentKind")]
pub enum DocumentKind {
    DraftText,
    ConsultationAdoption,
    HearingRecord,
    ExpertOpinion,
    RiskReport,
    FairCompetitionReview,
    LegalOpinion,
    ReviewOpinion,
    MeetingMinutes,
    PublishedText,
    FilingReport,
    ExecutionReport,
    EvaluationReport,
    Other,
}
