//! The rules of PROCEDURE.md §4, each with its stable id and the article that states it.
//!
//! A refused command names one of these, so an official reads which rule of the statute stopped
//! them. The checks themselves live next to the transition they guard (`decide.rs`); this module
//! only names them, so adding a rule means adding a variant here and one check there.

use super::model::Stage;
use super::values::ValueError;
use crate::calendar::CalendarError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    StartSourceFields,
    StartLeadUnit,
    StartScope,
    ConsultationRequired,
    ConsultationMinPeriod,
    ConsultationNoticeContent,
    ConsultationGroup,
    ConsultationDispositions,
    HearingMaterials7Days,
    HearingSignedRecord,
    ExpertsNoInterest,
    ExpertsSigned,
    ExpertsRequired,
    RiskReportContent,
    RiskControllable,
    RiskRequired,
    FairCompetitionRequired,
    ReviewGate,
    ReviewMaterials,
    ReviewCounselOpinion,
    ReviewFindings,
    ReviewMinTime,
    ReviewRevisions,
    MeetingKind,
    MeetingPackage,
    MeetingHeadLast,
    MeetingHeadDecides,
    MeetingHeadReason,
    MeetingDissent,
    MeetingVersion,
    PublishPartyReport,
    PublishChannels,
    FilingDeadline,
    ExecutionReport,
    SuspendHeadOnly,
    ChangeProcedure,
    EvaluationTrigger,
    EvaluationIndependence,
    RecordDates,
    ArchiveChecklist,
}

impl Rule {
    /// The id of PROCEDURE.md §4, stable across releases: clients match on it.
    pub fn id(self) -> &'static str {
        match self {
            Rule::StartSourceFields => "start.source_fields",
            Rule::StartLeadUnit => "start.lead_unit",
            Rule::StartScope => "start.scope",
            Rule::ConsultationRequired => "consultation.required",
            Rule::ConsultationMinPeriod => "consultation.min_period",
            Rule::ConsultationNoticeContent => "consultation.notice_content",
            Rule::ConsultationGroup => "consultation.group",
            Rule::ConsultationDispositions => "consultation.dispositions",
            Rule::HearingMaterials7Days => "hearing.materials_7_days",
            Rule::HearingSignedRecord => "hearing.signed_record",
            Rule::ExpertsNoInterest => "experts.no_interest",
            Rule::ExpertsSigned => "experts.signed",
            Rule::ExpertsRequired => "experts.required",
            Rule::RiskReportContent => "risk.report_content",
            Rule::RiskControllable => "risk.controllable",
            Rule::RiskRequired => "risk.required",
            Rule::FairCompetitionRequired => "fair_competition.required",
            Rule::ReviewGate => "review.gate",
            Rule::ReviewMaterials => "review.materials",
            Rule::ReviewCounselOpinion => "review.counsel_opinion",
            Rule::ReviewFindings => "review.findings",
            Rule::ReviewMinTime => "review.min_time",
            Rule::ReviewRevisions => "review.revisions",
            Rule::MeetingKind => "meeting.kind",
            Rule::MeetingPackage => "meeting.package",
            Rule::MeetingHeadLast => "meeting.head_last",
            Rule::MeetingHeadDecides => "meeting.head_decides",
            Rule::MeetingHeadReason => "meeting.head_reason",
            Rule::MeetingDissent => "meeting.dissent",
            Rule::MeetingVersion => "meeting.version",
            Rule::PublishPartyReport => "publish.party_report",
            Rule::PublishChannels => "publish.channels",
            Rule::FilingDeadline => "filing.deadline",
            Rule::ExecutionReport => "execution.report",
            Rule::SuspendHeadOnly => "suspend.head_only",
            Rule::ChangeProcedure => "change.procedure",
            Rule::EvaluationTrigger => "evaluation.trigger",
            Rule::EvaluationIndependence => "evaluation.independence",
            Rule::RecordDates => "record.dates",
            Rule::ArchiveChecklist => "archive.checklist",
        }
    }

    /// The article of 《重大行政决策程序暂行条例》 the rule enforces, as officials cite it.
    pub fn article(self) -> &'static str {
        match self {
            Rule::StartSourceFields => "第十条",
            Rule::StartLeadUnit => "第十一条",
            Rule::StartScope => "第三条",
            Rule::ConsultationRequired | Rule::ConsultationGroup => "第十四条",
            Rule::ConsultationMinPeriod | Rule::ConsultationNoticeContent => "第十五条",
            Rule::ConsultationDispositions => "第十八条",
            Rule::HearingMaterials7Days => "第十六条",
            Rule::HearingSignedRecord => "第十七条",
            Rule::ExpertsNoInterest => "第二十条",
            Rule::ExpertsSigned | Rule::ExpertsRequired => "第十九条",
            Rule::RiskReportContent => "第二十三条",
            Rule::RiskControllable => "第二十四条",
            Rule::RiskRequired => "第二十二条",
            Rule::FairCompetitionRequired | Rule::MeetingPackage => "第二十九条",
            Rule::ReviewGate => "第二十五条",
            Rule::ReviewMaterials | Rule::ReviewMinTime => "第二十六条",
            Rule::ReviewFindings => "第二十七条",
            Rule::ReviewCounselOpinion | Rule::ReviewRevisions => "第二十八条",
            Rule::MeetingKind
            | Rule::MeetingHeadLast
            | Rule::MeetingHeadDecides
            | Rule::MeetingHeadReason
            | Rule::MeetingDissent
            | Rule::MeetingVersion => "第三十条",
            Rule::PublishPartyReport => "第三十一条",
            Rule::PublishChannels => "第三十二条",
            // 备案 is set by provincial rules (e.g. 《河南省重大行政决策程序规定》), not Order 713.
            Rule::FilingDeadline => "省级重大行政决策程序规定",
            Rule::ExecutionReport => "第三十四条",
            Rule::SuspendHeadOnly | Rule::ChangeProcedure => "第三十七条",
            Rule::EvaluationTrigger | Rule::EvaluationIndependence => "第三十六条",
            Rule::RecordDates | Rule::ArchiveChecklist => "第三十三条",
        }
    }
}

/// Why the core refused a command. Each variant maps to one GraphQL `extensions.code`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{0}")]
    InvalidInput(#[from] ValueError),
    #[error("未找到该{what}")]
    NotFound { what: &'static str },
    #[error("当前角色无权办理“{act}”")]
    Forbidden { act: &'static str },
    #[error("决策处于“{}”阶段，不能办理“{act}”", stage.label())]
    InvalidTransition { stage: Stage, act: &'static str },
    #[error("{0}")]
    Calendar(#[from] CalendarError),
    #[error("“{act}”已经办理，不能重复办理")]
    AlreadyDone { act: &'static str },
    #[error("{message}（{}，{}）", rule.article(), rule.id())]
    Rule { rule: Rule, message: String },
}

impl Refusal {
    pub fn rule(rule: Rule, message: impl Into<String>) -> Self {
        Refusal::Rule {
            rule,
            message: message.into(),
        }
    }
}

/// Refuses with `rule` unless `ok` holds: the shape every check in `decide.rs` takes.
pub fn ensure(ok: bool, rule: Rule, message: impl FnOnce() -> String) -> Result<(), Refusal> {
    if ok {
        Ok(())
    } else {
        Err(Refusal::rule(rule, message()))
    }
}
