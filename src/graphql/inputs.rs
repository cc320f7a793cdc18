//! Input types, one per procedural act, each parsed into a core [`Command`]. Parsing checks form
//! (non-blank text within its kind's length, lists within their count, no negative numbers);
//! whether the act is lawful is the core's question.
//!
//! Every text field names its kind of [`Length`] where it is parsed, next to its Chinese label, so
//! the bound of each field can be read off this file.

use async_graphql::{ID, InputObject};

use super::enums::*;
use super::scalars::Date;
use crate::procedure::Length::{Comment, Document, Name, Statement, Title};
use crate::procedure::{self as p, Command, Length, Text, ValueError};
use crate::service::CatalogueChoice;

type Parsed<T> = Result<T, ValueError>;

/// Lists of names or citations: channels, units, legal bases, groups, risk points, measures. A
/// real notice names a handful; fifty is far beyond any.
const MAX_ITEMS: usize = 50;
/// Lists of people: speeches at a meeting, hearing participants, expert opinions. A county
/// hearing may seat a hundred; two hundred leaves room without letting a list grow unbounded.
const MAX_PEOPLE: usize = 200;
/// Opinions answered together as one group (Art. 18): a consultation may draw thousands of
/// similar comments; ten thousand ids of at most a hundred characters stay under the body limit.
const MAX_GROUPED: usize = 10_000;

fn t(field: &'static str, kind: Length, v: &str) -> Parsed<Text> {
    Text::parse_as(field, kind, v)
}
fn o(field: &'static str, kind: Length, v: &Option<String>) -> Parsed<Option<Text>> {
    Text::parse_opt_as(field, kind, v.as_deref())
}
fn l(field: &'static str, kind: Length, v: &[String]) -> Parsed<Vec<Text>> {
    Text::parse_list_as(field, kind, MAX_ITEMS, v)
}
/// Each entry of a list of people, parsed by `each`, once the list is counted.
fn people<T, U>(field: &'static str, v: &[T], each: impl Fn(&T) -> Parsed<U>) -> Parsed<Vec<U>> {
    p::bounded(field, MAX_PEOPLE, v)?.iter().map(each).collect()
}
/// An id the client names (a decision, a comment). The engine's ids are UUIDs, so anything longer
/// than a name cannot be one; a blank one is refused rather than looked up.
fn id(field: &'static str, v: &ID) -> Parsed<String> {
    Text::parse_as(field, Name, v).map(|t| t.to_string())
}
/// The decision an act is on, and the version the client last saw. A negative version is a
/// malformed request; any other that is not current is stale (VERSION_CONFLICT, from the service).
fn target(decision_id: &ID, expected_version: i64) -> Parsed<(String, i64)> {
    if expected_version < 0 {
        return Err(ValueError::Negative {
            field: "预期版本号",
            value: expected_version,
        });
    }
    Ok((id("决策ID", decision_id)?, expected_version))
}

/// An act on an existing decision: which one, at which version, and the command.
pub trait Act {
    fn target(&self) -> Parsed<(String, i64)>;
    fn command(&self) -> Parsed<Command>;
    /// The head's account, when the government office records the head's act for them.
    fn on_behalf_of(&self) -> Parsed<Option<String>> {
        Ok(None)
    }
    fn idempotency_key(&self) -> Parsed<Option<String>>;
}

/// A client's idempotency key: non-blank, no longer than a name.
pub fn idempotency_key(v: &Option<String>) -> Parsed<Option<String>> {
    Ok(o("幂等键", Name, v)?.map(|k| k.to_string()))
}

macro_rules! act {
    ($input:ident, |$s:ident| $body:expr) => {
        act!($input, {}, |$s| $body);
    };
    // An act of the head's, which the government office may record on the head's behalf.
    ($input:ident, on_behalf, |$s:ident| $body:expr) => {
        act!($input, {
            fn on_behalf_of(&self) -> Parsed<Option<String>> {
                self.on_behalf_of
                    .as_ref()
                    .map(|h| id("行政首长账号", h))
                    .transpose()
            }
        }, |$s| $body);
    };
    ($input:ident, { $($extra:item)* }, |$s:ident| $body:expr) => {
        impl Act for $input {
            fn target(&self) -> Parsed<(String, i64)> {
                target(&self.decision_id, self.expected_version)
            }
            fn command(&self) -> Parsed<Command> {
                let $s = self;
                Ok($body)
            }
            fn idempotency_key(&self) -> Parsed<Option<String>> {
                idempotency_key(&self.idempotency_key)
            }
            $($extra)*
        }
    };
}

#[derive(InputObject, Default)]
pub struct FlagsInput {
    #[graphql(default)]
    pub non_disclosable: bool,
    #[graphql(default)]
    pub professional_technical: bool,
    #[graphql(default)]
    pub stability_impact: bool,
    #[graphql(default)]
    pub affects_market_entities: bool,
    #[graphql(default)]
    pub affects_specific_group: bool,
    #[graphql(default)]
    pub exploratory_reform: bool,
    #[graphql(default)]
    pub congress_report_required: bool,
    #[graphql(default)]
    pub normative_document: bool,
    /// Art. 13: the matter concerns the duties of departments or lower governments.
    #[graphql(default)]
    pub affects_other_units: bool,
}

/// Art. 10(2): what a department's or lower government's proposal argues.
#[derive(InputObject, Default)]
pub struct SourceStatementInput {
    pub problem: Option<String>,
    pub reasons_and_basis: Option<String>,
    pub preliminary_plan: Option<String>,
    pub necessity_and_feasibility: Option<String>,
}

#[derive(InputObject)]
pub struct ProposeDecisionInput {
    pub title: String,
    pub summary: String,
    pub category: Category,
    #[graphql(default_with = "MatterNature::Ordinary")]
    pub nature: MatterNature,
    pub source: ProposalSource,
    #[graphql(default)]
    pub source_statement: SourceStatementInput,
    #[graphql(default)]
    pub legal_basis: Vec<String>,
    #[graphql(default)]
    pub flags: FlagsInput,
    /// The decision this one adjusts or terminates (Art. 37).
    pub amends: Option<ID>,
    pub proposed_on: Date,
    /// The item of the organ's published annual catalogue the matter is…
    pub catalogue_item_id: Option<ID>,
    /// …or, for a matter outside the catalogue, why.
    pub outside_catalogue_reason: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

impl ProposeDecisionInput {
    pub fn proposal(&self) -> Parsed<p::Proposal> {
        let f = &self.flags;
        let s = &self.source_statement;
        Ok(p::Proposal {
            title: t("标题", Title, &self.title)?,
            summary: t("概要", Statement, &self.summary)?,
            category: self.category.into(),
            nature: self.nature.into(),
            source: self.source.into(),
            source_statement: p::SourceStatement {
                problem: o("拟解决的主要问题", Statement, &s.problem)?,
                reasons_and_basis: o("建议理由和依据", Statement, &s.reasons_and_basis)?,
                preliminary_plan: o("初步方案", Statement, &s.preliminary_plan)?,
                necessity_and_feasibility: o(
                    "必要性、可行性",
                    Statement,
                    &s.necessity_and_feasibility,
                )?,
            },
            legal_basis: l("决策依据", Title, &self.legal_basis)?,
            flags: p::Flags {
                non_disclosable: f.non_disclosable,
                professional_technical: f.professional_technical,
                stability_impact: f.stability_impact,
                affects_market_entities: f.affects_market_entities,
                affects_specific_group: f.affects_specific_group,
                exploratory_reform: f.exploratory_reform,
                congress_report_required: f.congress_report_required,
                normative_document: f.normative_document,
                affects_other_units: f.affects_other_units,
            },
            amends: self
                .amends
                .as_ref()
                .map(|i| id("所调整或停止的决策ID", i))
                .transpose()?,
            proposed_on: self.proposed_on.0,
            // Found by the service from `catalogue_choice`.
            catalogue: None,
        })
    }

    pub fn catalogue_choice(&self) -> Parsed<CatalogueChoice> {
        let item = self
            .catalogue_item_id
            .as_ref()
            .map(|i| id("目录事项ID", i))
            .transpose()?;
        let reason = o(
            "未列入目录的理由",
            Statement,
            &self.outside_catalogue_reason,
        )?;
        Ok(match (item, reason) {
            (Some(_), Some(_)) => {
                return Err(ValueError::Invalid {
                    field: "年度目录事项",
                    why: "写明所列的目录事项，或者说明未列入目录的理由，二者选一",
                });
            }
            (Some(item), None) => CatalogueChoice::Item(item),
            (None, Some(reason)) => CatalogueChoice::Outside(reason),
            (None, None) => CatalogueChoice::Unstated,
        })
    }
}

#[derive(InputObject)]
pub struct StartProcedureInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub started_on: Date,
    pub lead_unit: String,
    #[graphql(default)]
    pub co_units: Vec<String>,
    /// The organ's decision to start (e.g. the meeting or the instruction that started it).
    pub organ_decision: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(StartProcedureInput, |s| Command::StartProcedure(p::Start {
    started_on: s.started_on.0,
    lead_unit: t("牵头承办单位", Name, &s.lead_unit)?,
    co_units: l("协办单位", Name, &s.co_units)?,
    organ_decision: o("启动决定", Statement, &s.organ_decision)?,
}));

#[derive(InputObject)]
pub struct ReviseDraftInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub revised_on: Date,
    pub text: String,
    pub explanation: Option<String>,
    pub change_note: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(ReviseDraftInput, |s| Command::ReviseDraft(p::ReviseDraft {
    text: t("草案正文", Document, &s.text)?,
    explanation: o("起草说明", Document, &s.explanation)?,
    change_note: o("修改说明", Statement, &s.change_note)?,
    revised_on: s.revised_on.0,
}));

#[derive(InputObject)]
pub struct OpenPublicConsultationInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub opened_on: Date,
    pub ends_on: Date,
    #[graphql(default)]
    pub channels: Vec<String>,
    pub how_to_comment: Option<String>,
    /// Art. 15: the reason for a period shorter than 30 days, stated in the notice itself.
    pub shortened_reason: Option<String>,
    #[graphql(default)]
    pub groups_consulted: Vec<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(OpenPublicConsultationInput, |s| {
    Command::OpenPublicConsultation(p::OpenConsultation {
        opened_on: s.opened_on.0,
        ends_on: s.ends_on.0,
        channels: l("公布途径", Name, &s.channels)?,
        how_to_comment: o("提出意见的方式", Statement, &s.how_to_comment)?,
        shortened_reason: o("缩短期限的理由", Statement, &s.shortened_reason)?,
        groups_consulted: l("听取意见的群体组织或代表", Name, &s.groups_consulted)?,
    })
});

#[derive(InputObject)]
pub struct SubmitPublicCommentInput {
    pub decision_id: ID,
    pub body: String,
    /// A name, if the writer wishes to sign.
    pub commenter: Option<String>,
    /// How the officials may reach the writer (phone, e-mail, address); never shown to the public.
    pub contact: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

/// Art. 35(2): what a citizen, a company or another organisation thinks of a decision being
/// executed, for the organ and the executing unit.
#[derive(InputObject)]
pub struct SubmitPublicFeedbackInput {
    pub decision_id: ID,
    pub body: String,
    pub commenter: Option<String>,
    pub contact: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

/// A message from the public as parsed: the decision it is on, what it says, who signed it and
/// how to reach them.
pub struct ParsedMessage {
    pub decision_id: String,
    pub body: Text,
    pub commenter: Option<Text>,
    pub contact: Option<Text>,
}

fn message(
    decision_id: &ID,
    body: &str,
    commenter: &Option<String>,
    contact: &Option<String>,
) -> Parsed<ParsedMessage> {
    Ok(ParsedMessage {
        decision_id: id("决策ID", decision_id)?,
        body: t("意见内容", Comment, body)?,
        commenter: o("署名", Name, commenter)?,
        contact: o("联系方式", Name, contact)?,
    })
}

impl SubmitPublicCommentInput {
    pub fn message(&self) -> Parsed<ParsedMessage> {
        message(
            &self.decision_id,
            &self.body,
            &self.commenter,
            &self.contact,
        )
    }
}

impl SubmitPublicFeedbackInput {
    pub fn message(&self) -> Parsed<ParsedMessage> {
        message(
            &self.decision_id,
            &self.body,
            &self.commenter,
            &self.contact,
        )
    }
}

#[derive(InputObject)]
pub struct DisposeCommentInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub comment_id: ID,
    pub outcome: DispositionOutcome,
    pub reason: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(DisposeCommentInput, |s| Command::DisposeComment(
    p::Disposition {
        comment_id: id("意见ID", &s.comment_id)?,
        outcome: s.outcome.into(),
        reason: t("处理理由", Statement, &s.reason)?,
        group: None,
    }
));

/// Moderation: an abusive or spam comment hidden, with the reason.
#[derive(InputObject)]
pub struct HideCommentInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub comment_id: ID,
    pub reason: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(HideCommentInput, |s| Command::HideComment {
    comment_id: id("意见ID", &s.comment_id)?,
    reason: t("屏蔽理由", Statement, &s.reason)?,
});

/// Art. 18: an opinion received by letter, e-mail, phone, at a symposium or elsewhere.
#[derive(InputObject)]
pub struct RecordOpinionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub received_on: Date,
    pub channel: OpinionChannel,
    pub author: Option<String>,
    pub body: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RecordOpinionInput, |s| Command::RecordOpinion(
    p::RecordOpinion {
        received_on: s.received_on.0,
        channel: s.channel.into(),
        author: o("提出人", Name, &s.author)?,
        body: t("意见内容", Comment, &s.body)?,
    }
));

/// Art. 18 (归纳整理): similar opinions answered together, with one reason.
#[derive(InputObject)]
pub struct DisposeCommentGroupInput {
    pub decision_id: ID,
    pub expected_version: i64,
    /// Two or more opinion ids: public comments and recorded opinions (`R-1`, …) alike.
    pub comment_ids: Vec<ID>,
    /// What the opinions of the group say.
    pub summary: String,
    pub outcome: DispositionOutcome,
    pub reason: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(DisposeCommentGroupInput, |s| Command::DisposeCommentGroup(
    p::DisposeCommentGroup {
        comment_ids: p::bounded("归纳处理的意见", MAX_GROUPED, &s.comment_ids)?
            .iter()
            .map(|i| id("意见ID", i))
            .collect::<Parsed<_>>()?,
        summary: t("归纳的意见", Statement, &s.summary)?,
        outcome: s.outcome.into(),
        reason: t("处理理由", Statement, &s.reason)?,
    }
));

/// Art. 16(2)–(3): the hearing announced before it is held.
#[derive(InputObject)]
pub struct PublishHearingNoticeInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub published_on: Date,
    pub hearing_on: Date,
    pub place: String,
    pub channels: Vec<String>,
    /// 听证参加人遴选办法, where participants are selected.
    pub selection_method: Option<String>,
    /// 听证参加人名单.
    pub participants: Vec<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(
    PublishHearingNoticeInput,
    |s| Command::PublishHearingNotice(p::PublishHearingNotice {
        published_on: s.published_on.0,
        hearing_on: s.hearing_on.0,
        place: t("听证地点", Name, &s.place)?,
        channels: l("公布途径", Name, &s.channels)?,
        selection_method: o("遴选办法", Statement, &s.selection_method)?,
        participants: Text::parse_list_as("听证参加人", Name, MAX_PEOPLE, &s.participants)?,
    })
);

/// Art. 13: 说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据.
#[derive(InputObject)]
pub struct DisputeStatementInput {
    pub main_issues: String,
    pub units_opinions: String,
    pub sponsor_opinion: String,
}

/// Art. 13: the units concerned, consulted.
#[derive(InputObject)]
pub struct RecordUnitConsultationInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub consulted_on: Date,
    pub units: Vec<String>,
    pub agreed: bool,
    /// Required where the units did not agree.
    pub dispute: Option<DisputeStatementInput>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RecordUnitConsultationInput, |s| {
    Command::RecordUnitConsultation(p::UnitConsultation {
        consulted_on: s.consulted_on.0,
        units: l("协商单位", Name, &s.units)?,
        agreed: s.agreed,
        dispute: match &s.dispute {
            None => None,
            Some(x) => Some(p::DisputeStatement {
                main_issues: t("争议的主要问题", Statement, &x.main_issues)?,
                units_opinions: t("有关单位的意见", Statement, &x.units_opinions)?,
                sponsor_opinion: t("承办单位的意见、理由和依据", Statement, &x.sponsor_opinion)?,
            }),
        },
    })
});

/// Art. 12: the options considered and the cost-benefit analysis.
#[derive(InputObject)]
pub struct RecordDraftingAnalysisInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub analysed_on: Date,
    pub cost_benefit: Option<String>,
    #[graphql(default)]
    pub options: Vec<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RecordDraftingAnalysisInput, |s| {
    Command::RecordDraftingAnalysis(p::DraftingAnalysis {
        analysed_on: s.analysed_on.0,
        cost_benefit: o("成本效益分析", Document, &s.cost_benefit)?,
        options: l("备选方案", Statement, &s.options)?,
    })
});

/// 更正: a flag ticked wrongly at proposal.
#[derive(InputObject)]
pub struct CorrectFlagInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub corrected_on: Date,
    pub flag: Flag,
    pub value: bool,
    pub reason: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(CorrectFlagInput, |s| Command::CorrectFlag(p::Correction {
    corrected_on: s.corrected_on.0,
    flag: s.flag.into(),
    value: s.value,
    reason: t("更正理由", Statement, &s.reason)?,
}));

#[derive(InputObject)]
pub struct ClosePublicConsultationInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub closed_on: Date,
    /// Art. 29(2): how the public's main opinions were studied and adopted.
    pub adoption_report: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(ClosePublicConsultationInput, |s| {
    Command::ClosePublicConsultation(p::ConsultationClosure {
        closed_on: s.closed_on.0,
        adoption_report: t("意见采纳情况", Document, &s.adoption_report)?,
    })
});

#[derive(InputObject)]
pub struct HearingParticipantInput {
    pub name: String,
    /// The group or organisation the participant speaks for.
    pub represents: Option<String>,
    pub signed_record: bool,
}

#[derive(InputObject)]
pub struct RecordHearingInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub held_on: Date,
    pub materials_delivered_on: Date,
    pub place: String,
    pub participants: Vec<HearingParticipantInput>,
    pub record_summary: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RecordHearingInput, |s| Command::RecordHearing(p::Hearing {
    held_on: s.held_on.0,
    materials_delivered_on: s.materials_delivered_on.0,
    place: t("听证地点", Name, &s.place)?,
    participants: people("听证参加人", &s.participants, |x| {
        Ok(p::HearingParticipant {
            name: t("听证参加人", Name, &x.name)?,
            represents: o("代表的群体", Name, &x.represents)?,
            signed_record: x.signed_record,
        })
    })?,
    record_summary: t("听证会记录", Document, &s.record_summary)?,
}));

#[derive(InputObject)]
pub struct ExpertOpinionInput {
    pub expert: String,
    /// A professional institution rather than a person: its opinion is also sealed.
    #[graphql(default)]
    pub institution: bool,
    pub interest_declaration: String,
    pub has_direct_interest: bool,
    pub opinion: String,
    pub signed: bool,
    #[graphql(default)]
    pub sealed: bool,
}

#[derive(InputObject)]
pub struct RecordExpertArgumentationInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub held_on: Date,
    pub method: ArgumentationMethod,
    pub organizer: String,
    pub opinions: Vec<ExpertOpinionInput>,
    /// Art. 29(3): how the experts' opinions were studied and adopted.
    pub adoption_report: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RecordExpertArgumentationInput, |s| {
    Command::RecordExpertArgumentation(p::ExpertArgumentation {
        held_on: s.held_on.0,
        method: s.method.into(),
        organizer: t("组织单位", Name, &s.organizer)?,
        opinions: people("专家论证意见", &s.opinions, |x| {
            Ok(p::ExpertOpinion {
                expert: t("专家或机构", Name, &x.expert)?,
                institution: x.institution,
                interest_declaration: t("利害关系声明", Statement, &x.interest_declaration)?,
                has_direct_interest: x.has_direct_interest,
                opinion: t("论证意见", Document, &x.opinion)?,
                signed: x.signed,
                sealed: x.sealed,
            })
        })?,
        adoption_report: t("专家意见采纳情况", Document, &s.adoption_report)?,
    })
});

#[derive(InputObject)]
pub struct RecordRiskAssessmentInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub assessed_on: Date,
    pub assessing_unit: String,
    #[graphql(default)]
    pub risk_points: Vec<String>,
    #[graphql(default)]
    pub measures: Vec<String>,
    pub response_plan: Option<String>,
    #[graphql(default)]
    pub departments_heard: Vec<String>,
    pub conclusion: RiskConclusion,
    /// Art. 22: an assessment already made under other rules, referenced instead of repeated.
    pub prior_assessment: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RecordRiskAssessmentInput, |s| {
    Command::RecordRiskAssessment(p::RecordRiskAssessment {
        assessed_on: s.assessed_on.0,
        assessing_unit: t("评估单位", Name, &s.assessing_unit)?,
        risk_points: l("风险点", Statement, &s.risk_points)?,
        measures: l("防范措施", Statement, &s.measures)?,
        response_plan: o("处置预案", Document, &s.response_plan)?,
        departments_heard: l("听取意见的部门", Name, &s.departments_heard)?,
        conclusion: s.conclusion.into(),
        prior_assessment: o("已有评估", Statement, &s.prior_assessment)?,
    })
});

#[derive(InputObject)]
pub struct RecordFairCompetitionReviewInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub reviewed_on: Date,
    pub reviewing_unit: String,
    pub conclusion: FairCompetitionConclusion,
    pub summary: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RecordFairCompetitionReviewInput, |s| {
    Command::RecordFairCompetitionReview(p::FairCompetitionReview {
        reviewed_on: s.reviewed_on.0,
        reviewing_unit: t("审查单位", Name, &s.reviewing_unit)?,
        conclusion: s.conclusion.into(),
        summary: t("审查情况", Document, &s.summary)?,
    })
});

#[derive(InputObject)]
pub struct MarkTrackNotRequiredInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub track: Track,
    /// The legal basis for not running the procedure.
    pub basis: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(MarkTrackNotRequiredInput, |s| {
    Command::MarkTrackNotRequired {
        track: s.track.into(),
        basis: t("依据", Statement, &s.basis)?,
    }
});

#[derive(InputObject)]
pub struct RequestLegalityReviewInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub requested_on: Date,
    #[graphql(default)]
    pub legal_basis: Vec<String>,
    /// Art. 26: how the procedure was performed; generated from the record when omitted.
    pub procedure_statement: Option<String>,
    /// Why the review may take less than the profile's working days (recorded now, not later).
    pub shortened_reason: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RequestLegalityReviewInput, |s| {
    Command::RequestLegalityReview(p::RequestLegalityReview {
        requested_on: s.requested_on.0,
        legal_basis: l("法律依据", Title, &s.legal_basis)?,
        procedure_statement: o("履行程序的说明", Document, &s.procedure_statement)?,
        shortened_reason: o("缩短审查时间的理由", Statement, &s.shortened_reason)?,
    })
});

#[derive(InputObject)]
pub struct SubmitLegalOpinionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub given_on: Date,
    pub kind: CounselKind,
    pub opinion: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(SubmitLegalOpinionInput, |s| {
    Command::SubmitLegalOpinion(p::SubmitLegalOpinion {
        kind: s.kind.into(),
        opinion: t("法律意见", Document, &s.opinion)?,
        given_on: s.given_on.0,
    })
});

/// Art. 28: the review office assigns a legal adviser or public lawyer of its organ to the
/// current round; only assigned counsel see the record and give its opinions.
#[derive(InputObject)]
pub struct AssignCounselInput {
    pub decision_id: ID,
    pub expected_version: i64,
    /// The counsel's account (`COUNSEL` role, same organ).
    pub counsel_account_id: ID,
    pub kind: CounselKind,
    /// The law firm (legal adviser) or the unit (public lawyer) the counsel works for.
    pub affiliation: String,
    pub assigned_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(AssignCounselInput, |s| {
    Command::AssignCounsel(p::AssignCounsel {
        counsel_id: id("法律顾问账号", &s.counsel_account_id)?,
        kind: s.kind.into(),
        affiliation: t("所在律师事务所或者单位", Name, &s.affiliation)?,
        assigned_on: s.assigned_on.0,
    })
});

/// Withdraws an assignment with the reason; the record keeps that it was made.
#[derive(InputObject)]
pub struct WithdrawCounselAssignmentInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub counsel_account_id: ID,
    pub withdrawn_on: Date,
    pub reason: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(WithdrawCounselAssignmentInput, |s| {
    Command::WithdrawCounselAssignment {
        counsel_id: id("法律顾问账号", &s.counsel_account_id)?,
        withdrawal: p::AssignmentWithdrawal {
            withdrawn_on: s.withdrawn_on.0,
            reason: t("撤回理由", Statement, &s.reason)?,
        },
    }
});

#[derive(InputObject)]
pub struct ReturnLegalityReviewInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub returned_on: Date,
    pub reason: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(ReturnLegalityReviewInput, |s| {
    Command::ReturnLegalityReview {
        returned_on: s.returned_on.0,
        reason: t("退回理由", Statement, &s.reason)?,
    }
});

#[derive(InputObject)]
pub struct ConcludeLegalityReviewInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub concluded_on: Date,
    pub conclusion: ReviewConclusion,
    /// Art. 27(1): within the organ's statutory authority?
    pub authority_finding: Option<String>,
    /// Art. 27(2): was the statutory procedure performed?
    pub procedure_finding: Option<String>,
    /// Art. 27(3): does the content conform to laws, regulations, rules and policy?
    pub content_finding: Option<String>,
    pub required_revisions: Option<String>,
    pub risk_statement: Option<String>,
    /// 审查意见书文号.
    pub opinion_number: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(ConcludeLegalityReviewInput, |s| {
    Command::ConcludeLegalityReview(p::ConcludeLegalityReview {
        concluded_on: s.concluded_on.0,
        conclusion: s.conclusion.into(),
        authority: o("权限审查结论", Statement, &s.authority_finding)?,
        procedure: o("程序审查结论", Statement, &s.procedure_finding)?,
        content: o("内容审查结论", Statement, &s.content_finding)?,
        required_revisions: o("修改意见", Statement, &s.required_revisions)?,
        risk_statement: o("法律风险提示", Statement, &s.risk_statement)?,
        opinion_number: o("审查意见书文号", Name, &s.opinion_number)?,
    })
});

/// 受理: the review office takes the request in.
#[derive(InputObject)]
pub struct AcceptReviewRequestInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub accepted_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(AcceptReviewRequestInput, |s| Command::AcceptReviewRequest {
    accepted_on: s.accepted_on.0
});

/// Art. 26(1) 要求补充: more material, without returning the file.
#[derive(InputObject)]
pub struct RequestSupplementInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub requested_on: Date,
    /// What is missing.
    pub materials: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RequestSupplementInput, |s| Command::RequestSupplement {
    requested_on: s.requested_on.0,
    materials: t("需补充的材料", Statement, &s.materials)?,
});

/// The sponsor's answer to a request for more material.
#[derive(InputObject)]
pub struct SupplyMaterialsInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub supplied_on: Date,
    /// What was supplied.
    pub note: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(SupplyMaterialsInput, |s| Command::SupplyMaterials(
    p::SuppliedMaterials {
        supplied_on: s.supplied_on.0,
        note: t("补充材料说明", Statement, &s.note)?,
    }
));

#[derive(InputObject)]
pub struct SpeechInput {
    pub speaker: String,
    #[graphql(default)]
    pub is_head: bool,
    pub position: Position,
    /// Verbatim; required for a dissent (Art. 30, 38).
    pub statement: Option<String>,
}

#[derive(InputObject)]
pub struct AttendanceInput {
    /// 会议组成人员人数, the head included.
    pub members: i32,
    /// 出席人数, the head included.
    pub present: i32,
}

#[derive(InputObject)]
pub struct RecordCollectiveDiscussionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub held_on: Date,
    pub kind: MeetingKind,
    /// e.g. 区政府第12次常务会议
    pub session: Option<String>,
    /// The draft version discussed (must be the current one).
    pub draft_version: i32,
    /// Art. 30: the meeting's members and how many were present, the head included.
    pub attendance: AttendanceInput,
    /// In speaking order, one for every member present (an abstention included); the head
    /// speaks last.
    pub speeches: Vec<SpeechInput>,
    pub outcome: MeetingOutcome,
    /// The head's reason, stated at the meeting, for deciding against the majority.
    pub head_reason: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RecordCollectiveDiscussionInput, |s| {
    Command::RecordCollectiveDiscussion(p::Meeting {
        held_on: s.held_on.0,
        kind: s.kind.into(),
        session: o("会次", Name, &s.session)?,
        draft_version: p::unsigned("讨论的草案版本", s.draft_version)?,
        attendance: Some(p::Attendance {
            members: p::unsigned("会议组成人员人数", s.attendance.members)?,
            present: p::unsigned("出席人数", s.attendance.present)?,
        }),
        speeches: people("会议发言", &s.speeches, |x| {
            Ok(p::Speech {
                speaker: t("发言人", Name, &x.speaker)?,
                is_head: x.is_head,
                position: x.position.into(),
                statement: o("发言内容", Statement, &x.statement)?,
            })
        })?,
        outcome: s.outcome.into(),
        head_reason: o("行政首长说明的理由", Statement, &s.head_reason)?,
    })
});

/// A report to the Party committee (Art. 31) or the people's congress standing committee (Art. 8).
#[derive(InputObject)]
pub struct RecordReportInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub reported_on: Date,
    pub recipient: String,
    pub summary: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

impl RecordReportInput {
    fn report(&self) -> Parsed<p::Report> {
        Ok(p::Report {
            reported_on: self.reported_on.0,
            recipient: t("报告对象", Name, &self.recipient)?,
            summary: t("报告内容", Document, &self.summary)?,
        })
    }
}

/// The same input, two acts: which one is the mutation's choice.
pub struct PartyReport(pub RecordReportInput);
pub struct CongressReport(pub RecordReportInput);

impl Act for PartyReport {
    fn target(&self) -> Parsed<(String, i64)> {
        target(&self.0.decision_id, self.0.expected_version)
    }
    fn idempotency_key(&self) -> Parsed<Option<String>> {
        idempotency_key(&self.0.idempotency_key)
    }
    fn command(&self) -> Parsed<Command> {
        Ok(Command::RecordPartyCommitteeReport(self.0.report()?))
    }
}

impl Act for CongressReport {
    fn target(&self) -> Parsed<(String, i64)> {
        target(&self.0.decision_id, self.0.expected_version)
    }
    fn idempotency_key(&self) -> Parsed<Option<String>> {
        idempotency_key(&self.0.idempotency_key)
    }
    fn command(&self) -> Parsed<Command> {
        Ok(Command::RecordCongressReport(self.0.report()?))
    }
}

#[derive(InputObject)]
pub struct PublishDecisionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub published_on: Date,
    #[graphql(default)]
    pub channels: Vec<String>,
    pub document_number: Option<String>,
    pub opinion_explanation: Option<String>,
    pub non_disclosure_basis: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(PublishDecisionInput, |s| Command::PublishDecision(
    p::Publication {
        published_on: s.published_on.0,
        channels: l("公布途径", Name, &s.channels)?,
        document_number: o("文号", Name, &s.document_number)?,
        opinion_explanation: o("意见采纳情况说明", Document, &s.opinion_explanation)?,
        non_disclosure_basis: o("不予公开的依据", Statement, &s.non_disclosure_basis)?,
    }
));

#[derive(InputObject)]
pub struct FileDecisionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub filed_on: Date,
    /// One of the profile's filing authorities (`Decision.profile.filingAuthorities`).
    pub authority: String,
    pub receipt_number: String,
    /// The authority's 备案审查 result, if it has answered.
    pub review_result: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(FileDecisionInput, |s| Command::FileDecision(p::Filing {
    filed_on: s.filed_on.0,
    authority: t("备案机关", Name, &s.authority)?,
    receipt_number: t("备案回执号", Name, &s.receipt_number)?,
    review_result: o("备案审查结果", Statement, &s.review_result)?,
    review_answered_on: None,
}));

/// 备案审查: an authority's answer to a filing, when it arrives.
#[derive(InputObject)]
pub struct RecordFilingReviewInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub authority: String,
    pub result: String,
    pub answered_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(RecordFilingReviewInput, |s| Command::RecordFilingReview(
    p::FilingReview {
        authority: t("备案机关", Name, &s.authority)?,
        result: t("备案审查结果", Statement, &s.result)?,
        answered_on: s.answered_on.0,
    }
));

#[derive(InputObject)]
pub struct StartExecutionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub started_on: Date,
    pub executing_unit: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(StartExecutionInput, |s| Command::StartExecution {
    unit: t("决策执行单位", Name, &s.executing_unit)?,
    started_on: s.started_on.0,
});

#[derive(InputObject)]
pub struct ReportExecutionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub reported_on: Date,
    pub summary: String,
    /// The decision has been fully carried out.
    #[graphql(default)]
    pub completed: bool,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(ReportExecutionInput, |s| Command::ReportExecution(
    p::ExecutionReport {
        reported_on: s.reported_on.0,
        summary: t("执行情况", Document, &s.summary)?,
        completed: s.completed,
    }
));

#[derive(InputObject)]
pub struct ReportIncidentInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub reported_on: Date,
    pub kind: IncidentKind,
    pub description: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(ReportIncidentInput, |s| Command::ReportIncident(
    p::ReportIncident {
        reported_on: s.reported_on.0,
        kind: s.kind.into(),
        description: t("情况说明", Statement, &s.description)?,
    }
));

#[derive(InputObject)]
pub struct SuspendExecutionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub suspended_on: Date,
    /// The urgent situation that requires suspension (Art. 37).
    pub reason: Option<String>,
    /// The reported incident (Art. 35) the suspension answers.
    pub incident_number: Option<i32>,
    /// The head's account, when the government office records the head's order for them.
    pub on_behalf_of: Option<ID>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(SuspendExecutionInput, on_behalf, |s| {
    Command::SuspendExecution(p::SuspendExecution {
        suspended_on: s.suspended_on.0,
        reason: o("紧急情况说明", Statement, &s.reason)?,
        incident: s
            .incident_number
            .map(|n| p::unsigned("执行问题编号", n))
            .transpose()?,
    })
});

#[derive(InputObject)]
pub struct ResumeExecutionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub resumed_on: Date,
    pub reason: String,
    /// The head's account, when the government office records the head's order for them.
    pub on_behalf_of: Option<ID>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(ResumeExecutionInput, on_behalf, |s| {
    Command::ResumeExecution {
        resumed_on: s.resumed_on.0,
        reason: t("恢复执行的理由", Statement, &s.reason)?,
    }
});

#[derive(InputObject)]
pub struct StartPostEvaluationInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub started_on: Date,
    pub trigger: EvaluationTrigger,
    pub trigger_explanation: Option<String>,
    /// The unit doing the evaluation (Art. 36: not the one that did the main pre-decision work).
    pub evaluator: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(StartPostEvaluationInput, |s| {
    Command::StartPostEvaluation(p::StartPostEvaluation {
        started_on: s.started_on.0,
        trigger: s.trigger.into(),
        trigger_explanation: o("启动情形说明", Statement, &s.trigger_explanation)?,
        evaluator: t("评估单位", Name, &s.evaluator)?,
    })
});

#[derive(InputObject)]
pub struct ConcludePostEvaluationInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub concluded_on: Date,
    pub conclusion: String,
    pub recommendation: Recommendation,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(ConcludePostEvaluationInput, |s| {
    Command::ConcludePostEvaluation(p::EvaluationResult {
        concluded_on: s.concluded_on.0,
        conclusion: t("评估结论", Document, &s.conclusion)?,
        recommendation: s.recommendation.into(),
    })
});

#[derive(InputObject)]
pub struct WithdrawDecisionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub withdrawn_on: Date,
    pub reason: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(WithdrawDecisionInput, |s| Command::WithdrawDecision {
    withdrawn_on: s.withdrawn_on.0,
    reason: t("撤回理由", Statement, &s.reason)?,
});

/// Terminating or adjusting a decision: only by a new decision that ran the procedure (Art. 37).
#[derive(InputObject)]
pub struct ChangeDecisionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub changed_on: Date,
    pub reason: String,
    /// The new decision, adopted with this one as its `amends`, that orders the change.
    pub by_decision_id: ID,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

impl ChangeDecisionInput {
    fn change(&self) -> Parsed<p::ChangeDecision> {
        Ok(p::ChangeDecision {
            changed_on: self.changed_on.0,
            reason: t("理由", Statement, &self.reason)?,
            by_decision: id("作出调整或停止决定的新决策ID", &self.by_decision_id)?,
        })
    }
}

pub struct Terminate(pub ChangeDecisionInput);
pub struct Adjust(pub ChangeDecisionInput);

impl Act for Terminate {
    fn target(&self) -> Parsed<(String, i64)> {
        target(&self.0.decision_id, self.0.expected_version)
    }
    fn idempotency_key(&self) -> Parsed<Option<String>> {
        idempotency_key(&self.0.idempotency_key)
    }
    fn command(&self) -> Parsed<Command> {
        Ok(Command::TerminateDecision(self.0.change()?))
    }
}

impl Act for Adjust {
    fn target(&self) -> Parsed<(String, i64)> {
        target(&self.0.decision_id, self.0.expected_version)
    }
    fn idempotency_key(&self) -> Parsed<Option<String>> {
        idempotency_key(&self.0.idempotency_key)
    }
    fn command(&self) -> Parsed<Command> {
        Ok(Command::AdjustDecision(self.0.change()?))
    }
}

#[derive(InputObject)]
pub struct ArchiveDecisionInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub archived_on: Date,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(ArchiveDecisionInput, |s| Command::ArchiveDecision {
    archived_on: s.archived_on.0,
});

/// 督办 (Art. 34, 39, 40): the government office orders the unit that answers for a late
/// deadline — the one `deadlines` lists with that kind and due date — to act by a new date.
#[derive(InputObject)]
pub struct IssueSupervisionNoticeInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub issued_on: Date,
    /// The late deadline: its kind and the date it fell due.
    pub deadline: super::enums::DeadlineKind,
    pub due: Date,
    /// The date the unit is to have acted by.
    pub new_date: Date,
    /// What the unit is ordered to do.
    pub requirement: String,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}
act!(IssueSupervisionNoticeInput, |s| {
    Command::IssueSupervisionNotice(p::IssueSupervisionNotice {
        issued_on: s.issued_on.0,
        deadline: s.deadline.into(),
        due: s.due.0,
        new_date: s.new_date.0,
        requirement: t("督办要求", Statement, &s.requirement)?,
    })
});

/// A document attached to a decision's record (Art. 33); the file travels beside it, as the
/// mutation's `file` argument (GraphQL multipart request).
#[derive(InputObject)]
pub struct AttachMaterialInput {
    pub decision_id: ID,
    pub expected_version: i64,
    pub kind: super::enums::DocumentKind,
    /// The date the document was formed or received.
    pub dated: Date,
    pub note: Option<String>,
    /// Any string of at most 100 characters, unique to this request: sent again with the same key
    /// and input (after a timeout, say), the act is not done twice and the first result comes back.
    pub idempotency_key: Option<String>,
}

impl AttachMaterialInput {
    /// Where it goes, what is stated of the document, and the key.
    pub fn parse(&self) -> Parsed<((String, i64), crate::service::Attachment, Option<String>)> {
        Ok((
            target(&self.decision_id, self.expected_version)?,
            crate::service::Attachment {
                kind: self.kind.into(),
                dated: self.dated.0,
                note: o("说明", Statement, &self.note)?,
            },
            idempotency_key(&self.idempotency_key)?,
        ))
    }
}
