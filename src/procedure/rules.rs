//! The rules the engine enforces, each with its stable id and the provision that states it.
//!
//! A refused command names one of these, so an official reads which rule stopped them and where
//! the law says so. Most rules are articles of 《重大行政决策程序暂行条例》; a few come from the
//! provincial rules the profile implements; and a few are the engine's own, for the integrity of
//! the record, which cite no article because none says it — a lawyer would quote a borrowed one
//! back at us. The checks live next to the acts they guard (`decide/`); this module names them,
//! and `docs/RULES.md` is generated from it (`decision-engine rules`).

use super::model::Stage;
use super::values::ValueError;
use crate::calendar::CalendarError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    StartSourceFields,
    StartRequired,
    StartLeadUnit,
    StartScope,
    ConsultationRequired,
    ConsultationMinPeriod,
    ConsultationLastDay,
    ConsultationNoticeContent,
    ConsultationGroup,
    ConsultationDispositions,
    DraftingUnitsConsulted,
    HearingNotice,
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
    ReviewReviewedDraft,
    MeetingRequired,
    MeetingKind,
    MeetingPackage,
    MeetingQuorum,
    MeetingHeadLast,
    MeetingHeadDecides,
    MeetingHeadReason,
    MeetingDissent,
    MeetingVersion,
    PublishPartyReport,
    PublishCongressReport,
    PublishChannels,
    FilingAuthority,
    FilingDeadline,
    ExecutionReport,
    SuspendHeadOnly,
    ChangeProcedure,
    EvaluationTrigger,
    EvaluationIndependence,
    RecordDates,
    RecordCorrection,
    ArchiveChecklist,
    CatalogueFixed,
    CatalogueConsent,
    CatalogueAdjustmentReason,
    CatalogueLink,
    CataloguePlannedTime,
    SupervisionLateItem,
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// An article (and paragraph) of 《重大行政决策程序暂行条例》, as officials cite it.
    Regulation(&'static str),
    /// The provincial rules the profile implements (备案 is set there, not in Order 713).
    Provincial(&'static str),
    /// The engine's own rule for the integrity of the record: no article says it.
    Engine,
}

impl Rule {
    pub const ALL: [Rule; 56] = [
        Rule::StartSourceFields,
        Rule::StartRequired,
        Rule::StartLeadUnit,
        Rule::StartScope,
        Rule::ConsultationRequired,
        Rule::ConsultationMinPeriod,
        Rule::ConsultationLastDay,
        Rule::ConsultationNoticeContent,
        Rule::ConsultationGroup,
        Rule::ConsultationDispositions,
        Rule::DraftingUnitsConsulted,
        Rule::HearingNotice,
        Rule::HearingMaterials7Days,
        Rule::HearingSignedRecord,
        Rule::ExpertsNoInterest,
        Rule::ExpertsSigned,
        Rule::ExpertsRequired,
        Rule::RiskReportContent,
        Rule::RiskControllable,
        Rule::RiskRequired,
        Rule::FairCompetitionRequired,
        Rule::ReviewGate,
        Rule::ReviewMaterials,
        Rule::ReviewCounselOpinion,
        Rule::ReviewFindings,
        Rule::ReviewMinTime,
        Rule::ReviewRevisions,
        Rule::ReviewReviewedDraft,
        Rule::MeetingRequired,
        Rule::MeetingKind,
        Rule::MeetingPackage,
        Rule::MeetingQuorum,
        Rule::MeetingHeadLast,
        Rule::MeetingHeadDecides,
        Rule::MeetingHeadReason,
        Rule::MeetingDissent,
        Rule::MeetingVersion,
        Rule::PublishPartyReport,
        Rule::PublishCongressReport,
        Rule::PublishChannels,
        Rule::FilingAuthority,
        Rule::FilingDeadline,
        Rule::ExecutionReport,
        Rule::SuspendHeadOnly,
        Rule::ChangeProcedure,
        Rule::EvaluationTrigger,
        Rule::EvaluationIndependence,
        Rule::RecordDates,
        Rule::RecordCorrection,
        Rule::ArchiveChecklist,
        Rule::CatalogueFixed,
        Rule::CatalogueConsent,
        Rule::CatalogueAdjustmentReason,
        Rule::CatalogueLink,
        Rule::CataloguePlannedTime,
        Rule::SupervisionLateItem,
    ];

    /// The id of PROCEDURE.md §4, stable across releases: clients match on it.
    pub fn id(self) -> &'static str {
        match self {
            Rule::StartSourceFields => "start.source_fields",
            Rule::StartRequired => "start.required",
            Rule::StartLeadUnit => "start.lead_unit",
            Rule::StartScope => "start.scope",
            Rule::ConsultationRequired => "consultation.required",
            Rule::ConsultationMinPeriod => "consultation.min_period",
            Rule::ConsultationLastDay => "consultation.last_day",
            Rule::ConsultationNoticeContent => "consultation.notice_content",
            Rule::ConsultationGroup => "consultation.group",
            Rule::ConsultationDispositions => "consultation.dispositions",
            Rule::DraftingUnitsConsulted => "drafting.units_consulted",
            Rule::HearingNotice => "hearing.notice",
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
            Rule::ReviewReviewedDraft => "review.reviewed_draft",
            Rule::MeetingRequired => "meeting.required",
            Rule::MeetingKind => "meeting.kind",
            Rule::MeetingPackage => "meeting.package",
            Rule::MeetingQuorum => "meeting.quorum",
            Rule::MeetingHeadLast => "meeting.head_last",
            Rule::MeetingHeadDecides => "meeting.head_decides",
            Rule::MeetingHeadReason => "meeting.head_reason",
            Rule::MeetingDissent => "meeting.dissent",
            Rule::MeetingVersion => "meeting.version",
            Rule::PublishPartyReport => "publish.party_report",
            Rule::PublishCongressReport => "publish.congress_report",
            Rule::PublishChannels => "publish.channels",
            Rule::FilingAuthority => "filing.authority",
            Rule::FilingDeadline => "filing.deadline",
            Rule::ExecutionReport => "execution.report",
            Rule::SuspendHeadOnly => "suspend.head_only",
            Rule::ChangeProcedure => "change.procedure",
            Rule::EvaluationTrigger => "evaluation.trigger",
            Rule::EvaluationIndependence => "evaluation.independence",
            Rule::RecordDates => "record.dates",
            Rule::RecordCorrection => "record.correction",
            Rule::ArchiveChecklist => "archive.checklist",
            Rule::CatalogueFixed => "catalogue.fixed",
            Rule::CatalogueConsent => "catalogue.consent",
            Rule::CatalogueAdjustmentReason => "catalogue.adjustment_reason",
            Rule::CatalogueLink => "catalogue.link",
            Rule::CataloguePlannedTime => "catalogue.planned_time",
            Rule::SupervisionLateItem => "supervision.late_item",
        }
    }

    /// Where the rule comes from.
    pub fn basis(self) -> Basis {
        use Basis::*;
        match self {
            Rule::StartSourceFields => Regulation("第十条"),
            // The organ decides to start and names the sponsor, who then drafts.
            Rule::StartRequired | Rule::StartLeadUnit => Regulation("第十一条"),
            Rule::StartScope => Regulation("第三条"),
            Rule::ConsultationRequired | Rule::ConsultationGroup => Regulation("第十四条"),
            // The period's last day runs to 24:00 (《民法典》第二百零三条), which is how Art. 15's
            // period is counted.
            Rule::ConsultationMinPeriod
            | Rule::ConsultationLastDay
            | Rule::ConsultationNoticeContent => Regulation("第十五条"),
            Rule::ConsultationDispositions => Regulation("第十八条"),
            Rule::DraftingUnitsConsulted => Regulation("第十三条"),
            Rule::HearingMaterials7Days | Rule::HearingNotice => Regulation("第十六条"),
            Rule::HearingSignedRecord => Regulation("第十七条"),
            Rule::ExpertsNoInterest => Regulation("第二十条"),
            Rule::ExpertsSigned | Rule::ExpertsRequired => Regulation("第十九条"),
            Rule::RiskReportContent => Regulation("第二十三条"),
            Rule::RiskControllable => Regulation("第二十四条"),
            Rule::RiskRequired => Regulation("第二十二条"),
            Rule::FairCompetitionRequired | Rule::MeetingPackage => Regulation("第二十九条"),
            Rule::ReviewGate => Regulation("第二十五条"),
            Rule::ReviewMaterials | Rule::ReviewMinTime => Regulation("第二十六条"),
            Rule::ReviewFindings => Regulation("第二十七条"),
            Rule::ReviewCounselOpinion | Rule::ReviewRevisions => Regulation("第二十八条"),
            // A draft changed after its review is an unreviewed draft (Art. 25(2)); the sponsor
            // adjusts it only as the review opinion requires (Art. 28).
            Rule::ReviewReviewedDraft => Regulation("第二十五条第二款、第二十八条"),
            Rule::MeetingRequired
            | Rule::MeetingKind
            | Rule::MeetingQuorum
            | Rule::MeetingHeadLast
            | Rule::MeetingHeadDecides
            | Rule::MeetingHeadReason
            | Rule::MeetingDissent
            | Rule::MeetingVersion => Regulation("第三十条"),
            Rule::PublishPartyReport => Regulation("第三十一条"),
            Rule::PublishCongressReport => Regulation("第八条"),
            Rule::PublishChannels => Regulation("第三十二条"),
            Rule::FilingAuthority | Rule::FilingDeadline => Provincial("省级重大行政决策程序规定"),
            Rule::ExecutionReport => Regulation("第三十四条"),
            Rule::SuspendHeadOnly | Rule::ChangeProcedure => Regulation("第三十七条"),
            Rule::EvaluationTrigger | Rule::EvaluationIndependence => Regulation("第三十六条"),
            Rule::ArchiveChecklist => Regulation("第三十三条"),
            // 决策机关…确定决策事项目录、标准，经同级党委同意后向社会公布，并根据实际情况调整.
            Rule::CatalogueFixed | Rule::CatalogueConsent | Rule::CatalogueAdjustmentReason => {
                Regulation("第三条第三款")
            }
            // Order 713 lets the organ keep a catalogue; that a matter outside it says why is
            // the provinces' rule (e.g. 目录外事项应当说明理由).
            Rule::CatalogueLink => Provincial("省级重大行政决策程序规定"),
            Rule::CataloguePlannedTime => Regulation("第三十八条第二款"),
            // The organ supervises execution (Art. 34) and orders the sponsor or the executing
            // unit to put a failure right (Art. 39, 40): a 督办 is that order.
            Rule::SupervisionLateItem => Regulation("第三十四条、第三十九条、第四十条"),
            // Correcting the record is the engine's own discipline: the regulation says what the
            // record must hold (Art. 33), not how a wrong tick is put right.
            Rule::RecordDates | Rule::RecordCorrection => Engine,
        }
    }

    /// The citation officials read: the article, the provincial rules, or none for the
    /// engine's own rules.
    pub fn article(self) -> Option<&'static str> {
        match self.basis() {
            Basis::Regulation(a) | Basis::Provincial(a) => Some(a),
            Basis::Engine => None,
        }
    }

    /// How a refusal names the rule's source, at the end of its message.
    pub fn citation(self) -> String {
        match self.basis() {
            Basis::Regulation(a) | Basis::Provincial(a) => format!("{a}，{}", self.id()),
            Basis::Engine => format!("本系统的过程记录完整性规则，非条例条款，{}", self.id()),
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
    /// The act exists in this stage but has nothing to act on now (no consultation is open).
    #[error("不能办理“{act}”：{why}")]
    NothingToActOn {
        act: &'static str,
        why: &'static str,
    },
    #[error("{0}")]
    Calendar(#[from] CalendarError),
    #[error("“{act}”已经办理，不能重复办理")]
    AlreadyDone { act: &'static str },
    #[error("{message}（{}）", rule.citation())]
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

/// Refuses with `rule` unless `ok` holds: the shape every check in `decide/` takes.
pub fn ensure(ok: bool, rule: Rule, message: impl FnOnce() -> String) -> Result<(), Refusal> {
    if ok {
        Ok(())
    } else {
        Err(Refusal::rule(rule, message()))
    }
}
