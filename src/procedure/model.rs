//! The decision aggregate: what the record of one decision holds at any moment.
//!
//! Every field is written only by [`Decision::apply`] from an [`Event`], so the state is always
//! the fold of its history; `decide.rs` reads it to judge the next command. The records are the
//! statute's nouns (a consultation notice, a hearing, an expert's signed opinion, a meeting
//! speech), kept whole because the archive must show them forever (Art. 33, 38).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::deadline::DeadlineKind;
use super::event::Event;
use super::material::Material;
use super::profile::{Binding, CategorySystem};
use super::values::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl Stage {
    pub const ALL: [Stage; 14] = [
        Stage::Proposed,
        Stage::Drafting,
        Stage::LegalityReview,
        Stage::AwaitingDiscussion,
        Stage::Adopted,
        Stage::Published,
        Stage::InExecution,
        Stage::Suspended,
        Stage::PostEvaluation,
        Stage::Rejected,
        Stage::Withdrawn,
        Stage::Terminated,
        Stage::Adjusted,
        Stage::Archived,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Proposed => "已提出",
            Stage::Drafting => "草案拟订",
            Stage::LegalityReview => "合法性审查",
            Stage::AwaitingDiscussion => "待集体讨论",
            Stage::Adopted => "已通过",
            Stage::Published => "已公布",
            Stage::InExecution => "执行中",
            Stage::Suspended => "中止执行",
            Stage::PostEvaluation => "决策后评估",
            Stage::Rejected => "未通过",
            Stage::Withdrawn => "已撤回",
            Stage::Terminated => "已停止执行",
            Stage::Adjusted => "已调整",
            Stage::Archived => "已归档",
        }
    }

    /// A decision's procedure has ended here; only archiving is left.
    pub fn is_ended(self) -> bool {
        matches!(
            self,
            Stage::Rejected | Stage::Withdrawn | Stage::Terminated | Stage::Adjusted
        )
    }
}

/// The roles of PROCEDURE.md §1 that hold accounts. The public holds none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Secretariat,
    Sponsor,
    ReviewOffice,
    Counsel,
    Head,
    Auditor,
    Admin,
    /// The engine itself, for what it records on its own (a deadline passing). Holds no account.
    System,
}

impl Role {
    /// The roles an account can hold.
    pub const ACCOUNTS: [Role; 7] = [
        Role::Secretariat,
        Role::Sponsor,
        Role::ReviewOffice,
        Role::Counsel,
        Role::Head,
        Role::Auditor,
        Role::Admin,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Role::Secretariat => "政府办公室",
            Role::Sponsor => "决策承办单位",
            Role::ReviewOffice => "合法性审查部门",
            Role::Counsel => "法律顾问、公职律师",
            Role::Head => "行政首长",
            Role::Auditor => "监督审计",
            Role::Admin => "系统管理员",
            Role::System => "系统",
        }
    }
}

/// Who did an act: an official with an account, acting in one of the account's roles, or the
/// engine itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    /// The organ (决策机关, or under Art. 42 a department or township deciding by the same
    /// procedure) the official serves. Records written before organs were kept name none.
    #[serde(default)]
    pub organ: String,
    pub unit: String,
    pub role: Role,
    /// Whose act this is, when the official recorded it for someone else: the government office
    /// recording the head's suspension order. The act is then judged by that person's role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<Principal>,
}

/// The person on whose behalf an act was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub id: String,
    pub name: String,
    pub role: Role,
}

impl Actor {
    /// The role whose power the act exercises: the principal's, when recorded on their behalf.
    pub fn authority(&self) -> Role {
        self.on_behalf_of.as_ref().map_or(self.role, |p| p.role)
    }

    /// The engine, recording what no official did (a deadline passing).
    pub fn system() -> Self {
        Self {
            id: "system".into(),
            name: "期限巡检".into(),
            organ: String::new(),
            unit: "decision-engine".into(),
            role: Role::System,
            on_behalf_of: None,
        }
    }
}

/// Art. 3 and Henan Order 210 Art. 3: five national categories, seven Henan ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

impl Category {
    /// Which catalogue of categories the category belongs to.
    pub fn system(self) -> CategorySystem {
        match self {
            Category::NationalPublicPolicy
            | Category::NationalDevelopmentPlan
            | Category::NationalResources
            | Category::NationalPublicConstruction
            | Category::NationalOther => CategorySystem::National,
            Category::HenanPublicService
            | Category::HenanMarketSocialEnvironment
            | Category::HenanNaturalResources
            | Category::HenanCulturalResources
            | Category::HenanPlan
            | Category::HenanPublicConstruction
            | Category::HenanOther => CategorySystem::Henan,
        }
    }
}

/// Art. 10: who proposed the matter decides what the proposal must argue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProposalSource {
    /// Art. 10(1): 决策机关领导人员提出.
    OrganLeader,
    /// Art. 10(2): 所属部门或者下一级人民政府提出 — must argue the matter itself.
    DepartmentOrLowerGovernment,
    /// Art. 10(3): 人大代表、政协委员的建议、提案.
    DeputiesAndMembers,
    /// Art. 10(3): 公民、法人或者其他组织的书面建议.
    Public,
}

/// Art. 3(2): kinds of matter the regulation does not govern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatterNature {
    Ordinary,
    MacroControl,
    GovernmentLegislation,
    EmergencyResponse,
}

/// What the proposal says about the matter; these flags decide which procedures are required.
/// Flags added later read as not set in records written before them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Flags {
    pub non_disclosable: bool,
    pub professional_technical: bool,
    pub stability_impact: bool,
    pub affects_market_entities: bool,
    pub affects_specific_group: bool,
    pub exploratory_reform: bool,
    pub congress_report_required: bool,
    pub normative_document: bool,
    /// Art. 13: the matter concerns the duties of departments or lower governments, or is
    /// closely related to them.
    pub affects_other_units: bool,
}

/// One flag of [`Flags`], for correcting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl Flag {
    pub fn label(self) -> &'static str {
        match self {
            Flag::NonDisclosable => "依法不予公开",
            Flag::ProfessionalTechnical => "专业性、技术性较强",
            Flag::StabilityImpact => "可能影响社会稳定、公共安全",
            Flag::AffectsMarketEntities => "涉及市场主体经济活动",
            Flag::AffectsSpecificGroup => "涉及特定群体利益",
            Flag::ExploratoryReform => "国家尚无明确规定的探索性改革",
            Flag::CongressReportRequired => "出台前应向人大常委会报告",
            Flag::NormativeDocument => "以规范性文件形式发布",
            Flag::AffectsOtherUnits => "涉及其他单位职责",
        }
    }
}

impl Flags {
    pub fn get(&self, f: Flag) -> bool {
        match f {
            Flag::NonDisclosable => self.non_disclosable,
            Flag::ProfessionalTechnical => self.professional_technical,
            Flag::StabilityImpact => self.stability_impact,
            Flag::AffectsMarketEntities => self.affects_market_entities,
            Flag::AffectsSpecificGroup => self.affects_specific_group,
            Flag::ExploratoryReform => self.exploratory_reform,
            Flag::CongressReportRequired => self.congress_report_required,
            Flag::NormativeDocument => self.normative_document,
            Flag::AffectsOtherUnits => self.affects_other_units,
        }
    }

    fn set(&mut self, f: Flag, value: bool) {
        let slot = match f {
            Flag::NonDisclosable => &mut self.non_disclosable,
            Flag::ProfessionalTechnical => &mut self.professional_technical,
            Flag::StabilityImpact => &mut self.stability_impact,
            Flag::AffectsMarketEntities => &mut self.affects_market_entities,
            Flag::AffectsSpecificGroup => &mut self.affects_specific_group,
            Flag::ExploratoryReform => &mut self.exploratory_reform,
            Flag::CongressReportRequired => &mut self.congress_report_required,
            Flag::NormativeDocument => &mut self.normative_document,
            Flag::AffectsOtherUnits => &mut self.affects_other_units,
        };
        *slot = value;
    }
}

/// 更正: a flag set wrongly at proposal, corrected as an act of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub corrected_on: NaiveDate,
    pub flag: Flag,
    pub value: bool,
    pub reason: Text,
}

/// Art. 13: the units concerned, consulted; where they do not agree, the statement of the
/// dispute that goes to the organ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitConsultation {
    pub consulted_on: NaiveDate,
    pub units: Vec<Text>,
    pub agreed: bool,
    pub dispute: Option<DisputeStatement>,
}

/// Art. 13: 说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeStatement {
    pub main_issues: Text,
    pub units_opinions: Text,
    pub sponsor_opinion: Text,
}

/// Art. 12: what the draft rests on — the options considered and, where the matter needs it,
/// the analysis of costs and benefits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftingAnalysis {
    pub analysed_on: NaiveDate,
    /// Art. 12(3): 人财物投入、资源消耗、环境影响等成本和经济、社会、环境效益.
    pub cost_benefit: Option<Text>,
    /// Art. 12(4): two or more options where opinions differ widely.
    pub options: Vec<Text>,
}

/// Art. 16(2)–(3): the hearing announced before it is held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingNotice {
    pub published_on: NaiveDate,
    pub hearing_on: NaiveDate,
    pub place: Text,
    pub channels: Vec<Text>,
    /// The draft (and its explanation) the notice publishes.
    pub draft_version: u32,
    /// 听证参加人遴选办法, where participants are selected.
    pub selection_method: Option<Text>,
    /// 听证参加人名单, published in advance.
    pub participants: Vec<Text>,
}

/// Art. 10(2): the argument a department or lower government must make.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStatement {
    pub problem: Option<Text>,
    pub reasons_and_basis: Option<Text>,
    pub preliminary_plan: Option<Text>,
    pub necessity_and_feasibility: Option<Text>,
}

impl SourceStatement {
    pub fn is_complete(&self) -> bool {
        self.problem.is_some()
            && self.reasons_and_basis.is_some()
            && self.preliminary_plan.is_some()
            && self.necessity_and_feasibility.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub title: Text,
    pub summary: Text,
    pub category: Category,
    pub nature: MatterNature,
    pub source: ProposalSource,
    pub source_statement: SourceStatement,
    pub legal_basis: Vec<Text>,
    pub flags: Flags,
    /// The decision this one adjusts or terminates (Art. 37: a major change runs the procedure again).
    pub amends: Option<String>,
    pub proposed_on: NaiveDate,
    /// The annual catalogue's item the matter is, or why it is outside the catalogue. Decisions
    /// proposed before catalogues were kept have neither.
    #[serde(default)]
    pub catalogue: Option<CatalogueLink>,
}

/// Where a decision stands in its organ's annual catalogue (Art. 3(3)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "link", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CatalogueLink {
    /// The item it decides: the item keeps its id when carried into next year's catalogue.
    Item {
        catalogue_id: String,
        year: i32,
        item_id: String,
        item_name: Text,
    },
    Outside {
        reason: Text,
    },
}

impl CatalogueLink {
    pub fn item_id(&self) -> Option<&str> {
        match self {
            CatalogueLink::Item { item_id, .. } => Some(item_id),
            CatalogueLink::Outside { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Start {
    pub started_on: NaiveDate,
    pub lead_unit: Text,
    pub co_units: Vec<Text>,
    pub organ_decision: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// 1 for the first draft, one more for every revision; a meeting names the one it discussed.
    pub version: u32,
    pub text: Text,
    pub explanation: Option<Text>,
    pub change_note: Option<Text>,
    pub revised_on: NaiveDate,
}

/// The drafting procedures of Art. 13–24 and 29(1), run in any order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Track {
    PublicParticipation,
    ExpertArgumentation,
    RiskAssessment,
    FairCompetitionReview,
}

impl Track {
    pub const ALL: [Track; 4] = [
        Track::PublicParticipation,
        Track::ExpertArgumentation,
        Track::RiskAssessment,
        Track::FairCompetitionReview,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Track::PublicParticipation => "公众参与",
            Track::ExpertArgumentation => "专家论证",
            Track::RiskAssessment => "风险评估",
            Track::FairCompetitionReview => "公平竞争审查",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrackState {
    Pending,
    InProgress,
    Done,
    NotRequired { basis: Text },
}

impl TrackState {
    pub fn is_settled(&self) -> bool {
        matches!(self, TrackState::Done | TrackState::NotRequired { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracks {
    pub public_participation: TrackState,
    pub expert_argumentation: TrackState,
    pub risk_assessment: TrackState,
    pub fair_competition_review: TrackState,
}

impl Tracks {
    pub(crate) fn new() -> Self {
        Self {
            public_participation: TrackState::Pending,
            expert_argumentation: TrackState::Pending,
            risk_assessment: TrackState::Pending,
            fair_competition_review: TrackState::Pending,
        }
    }

    pub fn get(&self, t: Track) -> &TrackState {
        match t {
            Track::PublicParticipation => &self.public_participation,
            Track::ExpertArgumentation => &self.expert_argumentation,
            Track::RiskAssessment => &self.risk_assessment,
            Track::FairCompetitionReview => &self.fair_competition_review,
        }
    }

    fn set(&mut self, t: Track, s: TrackState) {
        match t {
            Track::PublicParticipation => self.public_participation = s,
            Track::ExpertArgumentation => self.expert_argumentation = s,
            Track::RiskAssessment => self.risk_assessment = s,
            Track::FairCompetitionReview => self.fair_competition_review = s,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationNotice {
    pub opened_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub channels: Vec<Text>,
    pub how_to_comment: Text,
    pub draft_version: u32,
    /// Art. 15: a shorter period is lawful only with the reason stated in the notice itself.
    pub shortened_reason: Option<Text>,
    /// Art. 14: the organisations or representatives of an affected group that were consulted.
    pub groups_consulted: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DispositionOutcome {
    Adopted,
    PartlyAdopted,
    NotAdopted,
}

impl DispositionOutcome {
    /// As the record and the workbench say it (Art. 18).
    pub fn label(self) -> &'static str {
        match self {
            DispositionOutcome::Adopted => "采纳",
            DispositionOutcome::PartlyAdopted => "部分采纳",
            DispositionOutcome::NotAdopted => "未采纳",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disposition {
    pub comment_id: String,
    pub outcome: DispositionOutcome,
    pub reason: Text,
    /// The group it was disposed of with (归纳整理), if any.
    #[serde(default)]
    pub group: Option<u32>,
}

/// How an opinion reached the sponsor outside the engine (Art. 14, 18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpinionChannel {
    Letter,
    Email,
    Phone,
    Symposium,
    OnlineElsewhere,
    Visit,
    Other,
}

/// An opinion the sponsor received outside the engine and recorded, counted like a public
/// comment (Art. 18).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedOpinion {
    /// `R-1`, `R-2`, … within the decision; disposed of by this id.
    pub id: String,
    pub received_on: NaiveDate,
    pub channel: OpinionChannel,
    pub author: Option<Text>,
    pub body: Text,
}

/// Art. 18 (归纳整理): similar opinions disposed of together, with one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositionGroup {
    pub number: u32,
    pub comment_ids: Vec<String>,
    /// What the opinions of the group say, in the sponsor's summary.
    pub summary: Text,
    pub outcome: DispositionOutcome,
    pub reason: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationClosure {
    pub closed_on: NaiveDate,
    /// Art. 29(2): the report on how the public's main opinions were studied and adopted.
    pub adoption_report: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    pub notice: ConsultationNotice,
    pub dispositions: BTreeMap<String, Disposition>,
    pub closure: Option<ConsultationClosure>,
    #[serde(default)]
    pub received: Vec<ReceivedOpinion>,
    /// Comments the sponsor hid as abusive or spam, each with the reason: never deleted, still
    /// counted in the record, and needing no disposition.
    #[serde(default)]
    pub hidden: BTreeMap<String, Text>,
    #[serde(default)]
    pub groups: Vec<DispositionGroup>,
    /// Where the decision's chain of messages from the public stood at the closure (Art. 33):
    /// a comment deleted from the database afterwards, even the last, shows against it.
    /// Consultations closed before the chain existed have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages_at_closure: Option<MessageChainHead>,
}

/// How far a decision's chain of messages from the public reaches: how many, and the hash of
/// the last (empty before the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageChainHead {
    pub count: u64,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingParticipant {
    pub name: Text,
    pub represents: Option<Text>,
    pub signed_record: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hearing {
    pub held_on: NaiveDate,
    pub materials_delivered_on: NaiveDate,
    pub place: Text,
    pub participants: Vec<HearingParticipant>,
    pub record_summary: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArgumentationMethod {
    Meeting,
    WrittenConsultation,
    Commissioned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertOpinion {
    pub expert: Text,
    pub institution: bool,
    pub interest_declaration: Text,
    pub has_direct_interest: bool,
    pub opinion: Text,
    pub signed: bool,
    pub sealed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertArgumentation {
    pub held_on: NaiveDate,
    pub method: ArgumentationMethod,
    pub organizer: Text,
    pub opinions: Vec<ExpertOpinion>,
    /// Art. 29(3): how the experts' opinions were studied and adopted.
    pub adoption_report: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RiskConclusion {
    Controllable,
    Uncontrollable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskAssessment {
    pub assessed_on: NaiveDate,
    pub assessing_unit: Text,
    pub draft_version: u32,
    pub risk_points: Vec<Text>,
    pub measures: Vec<Text>,
    pub response_plan: Option<Text>,
    pub departments_heard: Vec<Text>,
    pub conclusion: RiskConclusion,
    /// Art. 22: an assessment already made under other rules, referenced instead of repeated.
    pub prior_assessment: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FairCompetitionConclusion {
    NoRestriction,
    RestrictionRemoved,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairCompetitionReview {
    pub reviewed_on: NaiveDate,
    pub reviewing_unit: Text,
    pub conclusion: FairCompetitionConclusion,
    pub summary: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CounselKind {
    LegalAdviser,
    PublicLawyer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalOpinion {
    pub counsel_id: String,
    pub counsel_name: String,
    pub kind: CounselKind,
    pub opinion: Text,
    pub given_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewConclusion {
    Lawful,
    LawfulWithRevisions,
    Unlawful,
    LegalRiskDisclosed,
}

/// Art. 27: the three questions every review answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings {
    pub authority: Text,
    pub procedure: Text,
    pub content: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewOutcome {
    Returned {
        returned_on: NaiveDate,
        reason: Text,
    },
    Concluded {
        concluded_on: NaiveDate,
        conclusion: ReviewConclusion,
        findings: Findings,
        required_revisions: Option<Text>,
        risk_statement: Option<Text>,
        /// 审查意见书文号: the number the review office gives its written opinion.
        #[serde(default)]
        opinion_number: Option<Text>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalityReview {
    pub round: u32,
    pub requested_on: NaiveDate,
    /// The recorded reason that lets the review take less than the profile's working days.
    pub shortened_reason: Option<Text>,
    pub draft_version: u32,
    pub legal_basis: Vec<Text>,
    pub procedure_statement: Text,
    /// 受理: when the review office took the request in.
    #[serde(default)]
    pub accepted_on: Option<NaiveDate>,
    /// 补充材料: materials the review office asked for without returning the file (Art. 26(1)).
    #[serde(default)]
    pub supplements: Vec<SupplementRequest>,
    /// The legal advisers and public lawyers the review office assigned to this round; only they
    /// see the record and give its opinions (Art. 28).
    #[serde(default)]
    pub assignments: Vec<CounselAssignment>,
    pub opinions: Vec<LegalOpinion>,
    pub outcome: Option<ReviewOutcome>,
}

/// Art. 26(1) 要求补充: the review office asks for more material and keeps the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplementRequest {
    pub requested_on: NaiveDate,
    pub materials: Text,
    pub supplied: Option<SuppliedMaterials>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppliedMaterials {
    pub supplied_on: NaiveDate,
    pub note: Text,
}

/// Where a review round stands on the review desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeskStatus {
    /// Requested, not yet taken in (受理).
    AwaitingIntake,
    /// Waiting for the sponsor's supplementary materials.
    AwaitingMaterials,
    /// Taken in, no counsel assigned.
    AwaitingAssignment,
    /// Counsel assigned, no opinion yet.
    AwaitingOpinion,
    /// A counsel's opinion is in: the office may conclude.
    ReadyToConclude,
    /// Returned or concluded.
    Ended,
}

impl DeskStatus {
    /// Where the round stands, as the review desk says it.
    pub fn label(self) -> &'static str {
        match self {
            DeskStatus::AwaitingIntake => "待受理",
            DeskStatus::AwaitingMaterials => "待补充材料",
            DeskStatus::AwaitingAssignment => "待指派法律顾问或者公职律师",
            DeskStatus::AwaitingOpinion => "待出具法律意见",
            DeskStatus::ReadyToConclude => "可作出审查结论",
            DeskStatus::Ended => "已结束",
        }
    }
}

/// Art. 28: a legal adviser or public lawyer the review office assigned to a review round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounselAssignment {
    /// The counsel's account.
    pub counsel_id: String,
    pub counsel_name: String,
    pub kind: CounselKind,
    /// The law firm (legal adviser) or the unit (public lawyer) the counsel works for.
    pub affiliation: Text,
    pub assigned_on: NaiveDate,
    pub withdrawal: Option<AssignmentWithdrawal>,
}

impl CounselAssignment {
    pub fn is_active(&self) -> bool {
        self.withdrawal.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentWithdrawal {
    pub withdrawn_on: NaiveDate,
    pub reason: Text,
}

impl LegalityReview {
    /// The supplement request still waiting for the sponsor's materials.
    pub fn open_supplement(&self) -> Option<&SupplementRequest> {
        self.supplements.iter().find(|s| s.supplied.is_none())
    }

    /// Where the round stands on the review desk.
    pub fn desk_status(&self) -> DeskStatus {
        if self.outcome.is_some() {
            DeskStatus::Ended
        } else if self.accepted_on.is_none() {
            DeskStatus::AwaitingIntake
        } else if self.open_supplement().is_some() {
            DeskStatus::AwaitingMaterials
        } else if !self.opinions.is_empty() {
            DeskStatus::ReadyToConclude
        } else if self.assignments.iter().any(CounselAssignment::is_active) {
            DeskStatus::AwaitingOpinion
        } else {
            DeskStatus::AwaitingAssignment
        }
    }

    /// When the round ended (returned or concluded).
    pub fn ended_on(&self) -> Option<NaiveDate> {
        match &self.outcome {
            Some(ReviewOutcome::Returned { returned_on, .. }) => Some(*returned_on),
            Some(ReviewOutcome::Concluded { concluded_on, .. }) => Some(*concluded_on),
            None => None,
        }
    }

    pub fn conclusion(&self) -> Option<ReviewConclusion> {
        match &self.outcome {
            Some(ReviewOutcome::Concluded { conclusion, .. }) => Some(*conclusion),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingKind {
    /// 常务会议
    Executive,
    /// 全体会议
    Plenary,
    /// 专题会议: not a deciding meeting under Art. 30.
    SpecialTopic,
    /// 行政首长办公会: not a deciding meeting under Art. 30.
    HeadOffice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Position {
    Agree,
    Disagree,
    Abstain,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speech {
    pub speaker: Text,
    pub is_head: bool,
    pub position: Position,
    /// Verbatim; a dissent is kept forever (Art. 30, 38).
    pub statement: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingOutcome {
    Adopted,
    NotAdopted,
    /// Discussed again at a later meeting.
    Deferred,
    /// Sent back to the sponsor for redrafting.
    ReturnedForRedrafting,
}

/// Art. 30: who sat at the meeting. Collective discussion needs the members there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// 会议组成人员: the members of the meeting, the head included.
    pub members: u32,
    /// Members present, the head included.
    pub present: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub held_on: NaiveDate,
    pub kind: MeetingKind,
    pub session: Option<Text>,
    pub draft_version: u32,
    /// Recorded for every meeting since attendance became part of the record; meetings
    /// recorded before that carry none.
    #[serde(default)]
    pub attendance: Option<Attendance>,
    pub speeches: Vec<Speech>,
    pub outcome: MeetingOutcome,
    pub head_reason: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub reported_on: NaiveDate,
    pub recipient: Text,
    pub summary: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub published_on: NaiveDate,
    pub channels: Vec<Text>,
    pub document_number: Option<Text>,
    /// Art. 32: how the public's and experts' opinions were adopted, for technical matters.
    pub opinion_explanation: Option<Text>,
    /// Art. 32: "依法不予公开的除外" — the basis for not publishing.
    pub non_disclosure_basis: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filing {
    pub filed_on: NaiveDate,
    /// One of the profile's filing authorities; each is filed with on its own.
    pub authority: Text,
    pub receipt_number: Text,
    /// The authority's 备案审查 result, when it has answered.
    #[serde(default)]
    pub review_result: Option<Text>,
    /// When the authority answered, if that was recorded after the filing.
    #[serde(default)]
    pub review_answered_on: Option<NaiveDate>,
}

/// 备案审查: the authority's answer to a filing, recorded when it arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingReview {
    pub authority: Text,
    pub result: Text,
    pub answered_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionReport {
    pub reported_on: NaiveDate,
    pub summary: Text,
    /// The executing unit reports the decision fully carried out.
    pub completed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IncidentKind {
    Problem,
    MajorChange,
    ForceMajeure,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub number: u32,
    pub reported_on: NaiveDate,
    pub kind: IncidentKind,
    pub description: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    pub suspended_on: NaiveDate,
    pub reason: Text,
    pub incident: u32,
    pub resumed_on: Option<NaiveDate>,
    pub resume_reason: Option<Text>,
}

/// A 督办 (supervision notice): the government office orders the unit that answers for a late
/// deadline to act by a new date. The organ supervises execution (Art. 34) and orders the
/// sponsor or the executing unit to put a failure right (Art. 39, 40); the notice is that order,
/// kept in the record and counted in the year's statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionNotice {
    /// 1, 2, … in the order issued.
    pub number: u32,
    pub issued_on: NaiveDate,
    /// The late deadline: its kind and the date it fell due.
    pub deadline: DeadlineKind,
    pub due: NaiveDate,
    /// The unit that answers for the deadline, as the record names it when the notice is issued.
    pub unit: Text,
    /// The date the unit is to have acted by.
    pub new_date: NaiveDate,
    /// What the unit is ordered to do.
    pub requirement: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Execution {
    pub unit: Text,
    pub started_on: NaiveDate,
    pub reports: Vec<ExecutionReport>,
    pub incidents: Vec<Incident>,
    pub suspensions: Vec<Suspension>,
}

impl Execution {
    pub fn completed(&self) -> bool {
        self.reports.last().is_some_and(|r| r.completed)
    }
}

/// Art. 36(1)–(3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvaluationTrigger {
    BelowExpectedEffect,
    ManyPublicOpinions,
    OrganDeemsNecessary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recommendation {
    Continue,
    Adjust,
    Terminate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationResult {
    pub concluded_on: NaiveDate,
    pub conclusion: Text,
    pub recommendation: Recommendation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostEvaluation {
    pub started_on: NaiveDate,
    pub trigger: EvaluationTrigger,
    pub trigger_explanation: Text,
    pub evaluator: Text,
    pub result: Option<EvaluationResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ending {
    Withdrawn {
        withdrawn_on: NaiveDate,
        reason: Text,
    },
    /// Art. 37: stopped or adjusted only by a new decision that ran the procedure.
    Changed {
        changed_on: NaiveDate,
        reason: Text,
        by_decision: String,
        terminated: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    /// The profile and calendar in force at proposal; later changes to them do not move this
    /// decision's time limits.
    pub binding: Binding,
    pub stage: Stage,
    /// One more for every accepted official command; the optimistic-concurrency token.
    pub version: u64,
    /// The date of the act that brought the decision into its stage: later acts may not predate it.
    pub stage_entered_on: NaiveDate,
    pub proposer: Actor,
    pub proposal: Proposal,
    pub start: Option<Start>,
    pub draft: Option<Draft>,
    pub tracks: Tracks,
    pub consultation: Option<Consultation>,
    pub hearings: Vec<Hearing>,
    #[serde(default)]
    pub hearing_notices: Vec<HearingNotice>,
    #[serde(default)]
    pub unit_consultations: Vec<UnitConsultation>,
    #[serde(default)]
    pub analyses: Vec<DraftingAnalysis>,
    #[serde(default)]
    pub corrections: Vec<Correction>,
    pub expert_argumentation: Option<ExpertArgumentation>,
    pub risk_assessments: Vec<RiskAssessment>,
    pub fair_competition_review: Option<FairCompetitionReview>,
    pub reviews: Vec<LegalityReview>,
    /// Art. 28: a LAWFUL_WITH_REVISIONS review waits for the sponsor's revision.
    pub revision_pending: bool,
    pub meetings: Vec<Meeting>,
    pub party_report: Option<Report>,
    pub congress_report: Option<Report>,
    pub publication: Option<Publication>,
    /// One filing per authority the profile names (备案: e.g. the standing committee and the
    /// upper government). Records written when only one filing was kept hold it under `filing`.
    #[serde(default, alias = "filing", deserialize_with = "one_or_many")]
    pub filings: Vec<Filing>,
    pub execution: Option<Execution>,
    pub evaluations: Vec<PostEvaluation>,
    pub ending: Option<Ending>,
    pub archived_on: Option<NaiveDate>,
    /// Deadlines the engine has recorded as passed, so each is recorded once.
    #[serde(default)]
    pub passed_deadlines: Vec<(DeadlineKind, NaiveDate)>,
    /// The documents attached, in order (Art. 33).
    #[serde(default)]
    pub materials: Vec<Material>,
    /// The supervision notices (督办) issued on its late deadlines, in order.
    #[serde(default)]
    pub supervision_notices: Vec<SupervisionNotice>,
}

impl Decision {
    /// The record as it stands right after the proposal (version 1).
    pub fn proposed(id: String, proposer: Actor, proposal: Proposal, binding: Binding) -> Self {
        Self {
            id,
            binding,
            stage: Stage::Proposed,
            version: 1,
            stage_entered_on: proposal.proposed_on,
            proposer,
            proposal,
            start: None,
            draft: None,
            tracks: Tracks::new(),
            consultation: None,
            hearings: Vec::new(),
            hearing_notices: Vec::new(),
            unit_consultations: Vec::new(),
            analyses: Vec::new(),
            corrections: Vec::new(),
            expert_argumentation: None,
            risk_assessments: Vec::new(),
            fair_competition_review: None,
            reviews: Vec::new(),
            revision_pending: false,
            meetings: Vec::new(),
            party_report: None,
            congress_report: None,
            publication: None,
            filings: Vec::new(),
            execution: None,
            evaluations: Vec::new(),
            ending: None,
            archived_on: None,
            passed_deadlines: Vec::new(),
            materials: Vec::new(),
            supervision_notices: Vec::new(),
        }
    }

    /// Whether the matter's flags make the drafting track required (Art. 14, 19, 22, 29(1)).
    pub fn requires(&self, track: Track) -> bool {
        let flags = self.proposal.flags;
        match track {
            Track::PublicParticipation => !flags.non_disclosable,
            Track::ExpertArgumentation => flags.professional_technical,
            Track::RiskAssessment => flags.stability_impact,
            Track::FairCompetitionReview => flags.affects_market_entities,
        }
    }

    /// The filing with `authority`, if made.
    pub fn filing_with(&self, authority: &str) -> Option<&Filing> {
        self.filings
            .iter()
            .find(|f| f.authority.as_str() == authority)
    }

    pub fn draft_version(&self) -> u32 {
        self.draft.as_ref().map_or(0, |d| d.version)
    }

    pub fn current_review(&self) -> Option<&LegalityReview> {
        self.reviews.last()
    }

    /// The organ whose decision this is: the proposer's.
    pub fn organ(&self) -> &str {
        &self.proposer.organ
    }

    /// The units that answer for the drafting: the lead unit and the co-units once the organ
    /// started the procedure (Art. 11), the proposing unit before.
    pub fn units_in_charge(&self) -> Vec<&str> {
        match &self.start {
            Some(s) => std::iter::once(s.lead_unit.as_str())
                .chain(s.co_units.iter().map(Text::as_str))
                .collect(),
            None => vec![self.proposer.unit.as_str()],
        }
    }

    /// The unit the organ named to execute the decision (Art. 34), once it did.
    pub fn executing_unit(&self) -> Option<&str> {
        self.execution.as_ref().map(|e| e.unit.as_str())
    }

    pub fn open_evaluation(&self) -> Option<&PostEvaluation> {
        self.evaluations.last().filter(|e| e.result.is_none())
    }

    /// The risk assessment that counts: the latest one.
    pub fn latest_risk_assessment(&self) -> Option<&RiskAssessment> {
        self.risk_assessments.last()
    }

    fn enter(&mut self, stage: Stage, on: NaiveDate) {
        self.stage = stage;
        self.stage_entered_on = on;
    }

    /// Folds one accepted event into the record. Total: an event that `decide` produced always
    /// applies; it never refuses, because the judging was done before the event existed.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::Proposed(_) => {}
            Event::ProcedureStarted(start) => {
                self.start = Some(start.clone());
                self.enter(Stage::Drafting, start.started_on);
            }
            Event::DraftRevised(draft) => {
                self.draft = Some(draft.clone());
                self.revision_pending = false;
            }
            Event::ConsultationOpened(notice) => {
                self.consultation = Some(Consultation {
                    notice: notice.clone(),
                    dispositions: BTreeMap::new(),
                    closure: None,
                    received: Vec::new(),
                    groups: Vec::new(),
                    hidden: BTreeMap::new(),
                    messages_at_closure: None,
                });
                self.tracks
                    .set(Track::PublicParticipation, TrackState::InProgress);
            }
            Event::CommentDisposed(d) => {
                if let Some(c) = &mut self.consultation {
                    c.dispositions.insert(d.comment_id.clone(), d.clone());
                }
            }
            Event::ConsultationClosed(closed) => {
                if let Some(c) = &mut self.consultation {
                    c.closure = Some(closed.closure.clone());
                    c.messages_at_closure = closed.messages.clone();
                }
                self.tracks
                    .set(Track::PublicParticipation, TrackState::Done);
            }
            Event::HearingRecorded(h) => self.hearings.push(h.clone()),
            Event::HearingNoticePublished(n) => self.hearing_notices.push(n.clone()),
            Event::UnitsConsulted(u) => self.unit_consultations.push(u.clone()),
            Event::DraftingAnalysed(a) => self.analyses.push(a.clone()),
            Event::OpinionRecorded(o) => {
                if let Some(c) = &mut self.consultation {
                    c.received.push(o.clone());
                }
            }
            Event::CommentGroupDisposed(g) => {
                if let Some(c) = &mut self.consultation {
                    for id in &g.comment_ids {
                        c.dispositions.insert(
                            id.clone(),
                            Disposition {
                                comment_id: id.clone(),
                                outcome: g.outcome,
                                reason: g.reason.clone(),
                                group: Some(g.number),
                            },
                        );
                    }
                    c.groups.push(g.clone());
                }
            }
            Event::FlagCorrected(c) => {
                self.proposal.flags.set(c.flag, c.value);
                // A flag that now requires a track re-opens it if it was marked not required.
                for track in Track::ALL {
                    if self.requires(track)
                        && matches!(self.tracks.get(track), TrackState::NotRequired { .. })
                    {
                        self.tracks.set(track, TrackState::Pending);
                    }
                }
                self.corrections.push(c.clone());
            }
            Event::ExpertArgumentationRecorded(a) => {
                self.expert_argumentation = Some(a.clone());
                self.tracks
                    .set(Track::ExpertArgumentation, TrackState::Done);
            }
            Event::RiskAssessmentRecorded(r) => {
                let state = match r.conclusion {
                    RiskConclusion::Controllable => TrackState::Done,
                    RiskConclusion::Uncontrollable => TrackState::InProgress,
                };
                self.risk_assessments.push(r.clone());
                self.tracks.set(Track::RiskAssessment, state);
            }
            Event::FairCompetitionReviewRecorded(f) => {
                self.fair_competition_review = Some(f.clone());
                self.tracks
                    .set(Track::FairCompetitionReview, TrackState::Done);
            }
            Event::TrackMarkedNotRequired { track, basis } => {
                self.tracks.set(
                    *track,
                    TrackState::NotRequired {
                        basis: basis.clone(),
                    },
                );
            }
            Event::LegalityReviewRequested(r) => {
                self.reviews.push(r.clone());
                self.enter(Stage::LegalityReview, r.requested_on);
            }
            Event::ReviewRequestAccepted { accepted_on } => {
                if let Some(r) = self.reviews.last_mut() {
                    r.accepted_on = Some(*accepted_on);
                }
            }
            Event::SupplementRequested(s) => {
                if let Some(r) = self.reviews.last_mut() {
                    r.supplements.push(s.clone());
                }
            }
            Event::MaterialsSupplied(m) => {
                if let Some(s) = self
                    .reviews
                    .last_mut()
                    .and_then(|r| r.supplements.iter_mut().find(|s| s.supplied.is_none()))
                {
                    s.supplied = Some(m.clone());
                }
            }
            Event::CommentHidden { comment_id, reason } => {
                if let Some(c) = self.consultation.as_mut() {
                    c.hidden.insert(comment_id.clone(), reason.clone());
                }
            }
            Event::CounselAssigned(a) => {
                if let Some(r) = self.reviews.last_mut() {
                    r.assignments.push(a.clone());
                }
            }
            Event::CounselAssignmentWithdrawn {
                counsel_id,
                withdrawal,
            } => {
                if let Some(a) = self.reviews.last_mut().and_then(|r| {
                    r.assignments
                        .iter_mut()
                        .find(|a| a.is_active() && a.counsel_id == *counsel_id)
                }) {
                    a.withdrawal = Some(withdrawal.clone());
                }
            }
            Event::LegalOpinionSubmitted(o) => {
                if let Some(r) = self.reviews.last_mut() {
                    r.opinions.push(o.clone());
                }
            }
            Event::LegalityReviewEnded(outcome) => {
                let (next, on) = match outcome {
                    ReviewOutcome::Returned { returned_on, .. } => (Stage::Drafting, *returned_on),
                    ReviewOutcome::Concluded {
                        concluded_on,
                        conclusion,
                        ..
                    } => {
                        self.revision_pending =
                            *conclusion == ReviewConclusion::LawfulWithRevisions;
                        let next = match conclusion {
                            ReviewConclusion::Unlawful => Stage::Drafting,
                            ReviewConclusion::Lawful
                            | ReviewConclusion::LawfulWithRevisions
                            | ReviewConclusion::LegalRiskDisclosed => Stage::AwaitingDiscussion,
                        };
                        (next, *concluded_on)
                    }
                };
                if let Some(r) = self.reviews.last_mut() {
                    r.outcome = Some(outcome.clone());
                }
                self.enter(next, on);
            }
            Event::CollectiveDiscussionRecorded(m) => {
                let next = match m.outcome {
                    MeetingOutcome::Adopted => Stage::Adopted,
                    MeetingOutcome::NotAdopted => Stage::Rejected,
                    MeetingOutcome::Deferred => Stage::AwaitingDiscussion,
                    MeetingOutcome::ReturnedForRedrafting => Stage::Drafting,
                };
                self.meetings.push(m.clone());
                self.enter(next, m.held_on);
            }
            Event::PartyCommitteeReported(r) => self.party_report = Some(r.clone()),
            Event::CongressReported(r) => self.congress_report = Some(r.clone()),
            Event::Published(p) => {
                self.publication = Some(p.clone());
                self.enter(Stage::Published, p.published_on);
            }
            Event::Filed(f) => self.filings.push(f.clone()),
            Event::FilingReviewed(r) => {
                if let Some(f) = self.filings.iter_mut().find(|f| f.authority == r.authority) {
                    f.review_result = Some(r.result.clone());
                    f.review_answered_on = Some(r.answered_on);
                }
            }
            Event::ExecutionStarted { unit, started_on } => {
                self.execution = Some(Execution {
                    unit: unit.clone(),
                    started_on: *started_on,
                    reports: Vec::new(),
                    incidents: Vec::new(),
                    suspensions: Vec::new(),
                });
                self.enter(Stage::InExecution, *started_on);
            }
            Event::ExecutionReported(r) => {
                if let Some(x) = &mut self.execution {
                    x.reports.push(r.clone());
                }
            }
            Event::IncidentReported(i) => {
                if let Some(x) = &mut self.execution {
                    x.incidents.push(i.clone());
                }
            }
            Event::ExecutionSuspended(s) => {
                if let Some(x) = &mut self.execution {
                    x.suspensions.push(s.clone());
                }
                self.enter(Stage::Suspended, s.suspended_on);
            }
            Event::ExecutionResumed { resumed_on, reason } => {
                if let Some(s) = self
                    .execution
                    .as_mut()
                    .and_then(|x| x.suspensions.last_mut())
                {
                    s.resumed_on = Some(*resumed_on);
                    s.resume_reason = Some(reason.clone());
                }
                self.enter(Stage::InExecution, *resumed_on);
            }
            Event::PostEvaluationStarted(e) => {
                self.evaluations.push(e.clone());
                self.enter(Stage::PostEvaluation, e.started_on);
            }
            Event::PostEvaluationConcluded(r) => {
                if let Some(e) = self.evaluations.last_mut() {
                    e.result = Some(r.clone());
                }
                // Adjusting or terminating needs a new decision (Art. 37); meanwhile execution goes on.
                self.enter(Stage::InExecution, r.concluded_on);
            }
            Event::Ended(ending) => {
                let (next, on) = match ending {
                    Ending::Withdrawn { withdrawn_on, .. } => (Stage::Withdrawn, *withdrawn_on),
                    Ending::Changed {
                        changed_on,
                        terminated,
                        ..
                    } => (
                        if *terminated {
                            Stage::Terminated
                        } else {
                            Stage::Adjusted
                        },
                        *changed_on,
                    ),
                };
                self.ending = Some(ending.clone());
                self.enter(next, on);
            }
            Event::DeadlinePassed { kind, due } => self.passed_deadlines.push((*kind, *due)),
            Event::Archived { archived_on } => {
                self.archived_on = Some(*archived_on);
                self.enter(Stage::Archived, *archived_on);
            }
            Event::MaterialAttached(m) => self.materials.push(m.clone()),
            Event::SupervisionNoticeIssued(n) => self.supervision_notices.push(n.clone()),
        }
    }
}

/// Reads `filings` as it is written now (a list) and as records kept it before (`filing`: one
/// filing or null), so no stored record is lost to the change.
fn one_or_many<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Vec<Filing>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<Filing>),
        One(Option<Filing>),
    }
    Ok(match OneOrMany::deserialize(de)? {
        OneOrMany::Many(v) => v,
        OneOrMany::One(one) => one.into_iter().collect(),
    })
}
