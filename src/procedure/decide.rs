//! The procedure as a state machine: `decide(decision, command, context) -> events | refusal`.
//!
//! Three questions, in this order, for every command: may this role do the act at all
//! ([`CommandKind::roles`]), does the act exist in the decision's stage ([`allowed`]), and does the
//! statute let it happen with these facts (the rule checks, each citing its article). Nothing here
//! reads a clock or a database: the caller passes today's date and whatever else the rules need in
//! [`Context`], and performs the events it gets back.

use chrono::NaiveDate;

use super::command::*;
use super::event::Event;
use super::model::*;
use super::profile::Binding;
use super::rules::{Refusal, Rule, ensure};
use super::values::{Text, ValueError};
use crate::calendar::Calendar;

/// Another decision a command refers to, as the caller found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedDecision {
    pub id: String,
    pub stage: Stage,
    pub amends: Option<String>,
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
    /// The decision named by [`Command::related_decision`], if it exists.
    pub related: Option<&'a RelatedDecision>,
}

// Stage groups for the transition table. They are patterns, so a stage added to `Stage` and to
// no group makes every `match` below fail to compile until it has an answer.
macro_rules! before_adoption {
    () => {
        Stage::Proposed | Stage::Drafting | Stage::LegalityReview | Stage::AwaitingDiscussion
    };
}
macro_rules! adopted_and_live {
    () => {
        Stage::Adopted
            | Stage::Published
            | Stage::InExecution
            | Stage::Suspended
            | Stage::PostEvaluation
    };
}
macro_rules! ended {
    () => {
        Stage::Rejected | Stage::Withdrawn | Stage::Terminated | Stage::Adjusted
    };
}

/// The transition table: in which stages the act exists at all (PROCEDURE.md §3).
pub fn allowed(kind: CommandKind, stage: Stage) -> bool {
    use CommandKind as K;
    use Stage::*;
    match kind {
        K::StartProcedure => match stage {
            Proposed => true,
            Drafting
            | LegalityReview
            | AwaitingDiscussion
            | adopted_and_live!()
            | ended!()
            | Archived => false,
        },
        K::OpenPublicConsultation
        | K::DisposeComment
        | K::ClosePublicConsultation
        | K::RecordHearing
        | K::RecordExpertArgumentation
        | K::RecordRiskAssessment
        | K::RecordFairCompetitionReview
        | K::MarkTrackNotRequired
        | K::RequestLegalityReview => match stage {
            Drafting => true,
            Proposed
            | LegalityReview
            | AwaitingDiscussion
            | adopted_and_live!()
            | ended!()
            | Archived => false,
        },
        // Art. 28: the sponsor also revises after a LAWFUL_WITH_REVISIONS review.
        K::ReviseDraft => match stage {
            Drafting | AwaitingDiscussion => true,
            Proposed | LegalityReview | adopted_and_live!() | ended!() | Archived => false,
        },
        K::SubmitLegalOpinion | K::ReturnLegalityReview | K::ConcludeLegalityReview => {
            match stage {
                LegalityReview => true,
                Proposed
                | Drafting
                | AwaitingDiscussion
                | adopted_and_live!()
                | ended!()
                | Archived => false,
            }
        }
        K::RecordCollectiveDiscussion => match stage {
            AwaitingDiscussion => true,
            Proposed | Drafting | LegalityReview | adopted_and_live!() | ended!() | Archived => {
                false
            }
        },
        K::RecordPartyCommitteeReport | K::RecordCongressReport | K::PublishDecision => match stage
        {
            Adopted => true,
            before_adoption!()
            | Published
            | InExecution
            | Suspended
            | PostEvaluation
            | ended!()
            | Archived => false,
        },
        K::StartExecution => match stage {
            Published => true,
            before_adoption!()
            | Adopted
            | InExecution
            | Suspended
            | PostEvaluation
            | ended!()
            | Archived => false,
        },
        K::FileDecision | K::TerminateDecision | K::AdjustDecision => match stage {
            Published | InExecution | Suspended | PostEvaluation => true,
            before_adoption!() | Adopted | ended!() | Archived => false,
        },
        K::ReportExecution => match stage {
            InExecution | PostEvaluation => true,
            before_adoption!() | Adopted | Published | Suspended | ended!() | Archived => false,
        },
        K::ReportIncident => match stage {
            InExecution | Suspended | PostEvaluation => true,
            before_adoption!() | Adopted | Published | ended!() | Archived => false,
        },
        K::SuspendExecution | K::StartPostEvaluation => match stage {
            InExecution => true,
            before_adoption!()
            | Adopted
            | Published
            | Suspended
            | PostEvaluation
            | ended!()
            | Archived => false,
        },
        K::ResumeExecution => match stage {
            Suspended => true,
            before_adoption!()
            | Adopted
            | Published
            | InExecution
            | PostEvaluation
            | ended!()
            | Archived => false,
        },
        K::ConcludePostEvaluation => match stage {
            PostEvaluation => true,
            before_adoption!()
            | Adopted
            | Published
            | InExecution
            | Suspended
            | ended!()
            | Archived => false,
        },
        K::WithdrawDecision => match stage {
            before_adoption!() => true,
            adopted_and_live!() | ended!() | Archived => false,
        },
        // A decision in execution is archived once its execution is reported complete.
        K::ArchiveDecision => match stage {
            ended!() | InExecution => true,
            before_adoption!() | Adopted | Published | Suspended | PostEvaluation | Archived => {
                false
            }
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
    not_in_future(proposal.proposed_on, today)?;
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
    let event = Event::Proposed(proposal.clone());
    Ok((
        Decision::proposed(id, actor.clone(), proposal, binding.clone()),
        event,
    ))
}

/// Judges one command against the decision as it stands.
pub fn decide(d: &Decision, cmd: &Command, ctx: &Context) -> Result<Vec<Event>, Refusal> {
    let kind = cmd.kind();
    if !kind.roles().contains(&ctx.actor.role) {
        return Err(Refusal::Forbidden { act: kind.label() });
    }
    if !allowed(kind, d.stage) {
        return Err(Refusal::InvalidTransition {
            stage: d.stage,
            act: kind.label(),
        });
    }
    let event = judge(d, cmd, ctx)?;
    if let Some(on) = event.occurred_on() {
        not_in_future(on, ctx.today)?;
        let (floor, what) = floor(d, cmd);
        ensure(on >= floor, Rule::RecordDates, || {
            format!("办理日期{on}早于其所依据的{what}日期{floor}")
        })?;
    }
    Ok(vec![event])
}

/// Folds accepted events into a new record, one version further.
pub fn evolve(d: &Decision, events: &[Event]) -> Decision {
    let mut next = d.clone();
    for e in events {
        next.apply(e);
    }
    next.version += 1;
    next
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

fn not_in_future(on: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
    ensure(on <= today, Rule::RecordDates, || {
        format!("办理日期{on}晚于今天{today}：可以补录已经发生的事项，不能预先登记")
    })
}

/// The date an act may not precede, and what it is: the act it depends on.
fn floor(d: &Decision, cmd: &Command) -> (NaiveDate, &'static str) {
    let stage = (d.stage_entered_on, "进入当前阶段的行为");
    match cmd {
        Command::ClosePublicConsultation(_) => d
            .consultation
            .as_ref()
            .map_or(stage, |c| (c.notice.opened_on, "公开征求意见开始")),
        Command::ConcludeLegalityReview(_) => d
            .current_review()
            .and_then(|r| r.opinions.iter().map(|o| o.given_on).max())
            .map_or(stage, |on| (on.max(stage.0), "法律意见")),
        Command::PublishDecision(_) => [&d.party_report, &d.congress_report]
            .into_iter()
            .flatten()
            .map(|r| r.reported_on)
            .max()
            .map_or(stage, |on| (on.max(stage.0), "请示报告")),
        Command::FileDecision(_) => d
            .publication
            .as_ref()
            .map_or(stage, |p| (p.published_on, "公布")),
        Command::ReportExecution(_) | Command::ReportIncident(_) => d
            .execution
            .as_ref()
            .map_or(stage, |x| (x.started_on, "开始执行")),
        Command::SuspendExecution(s) => d
            .execution
            .as_ref()
            .and_then(|x| x.incidents.iter().find(|i| Some(i.number) == s.incident))
            .map_or(stage, |i| (i.reported_on.max(stage.0), "所关联的问题报告")),
        // The review rests on every drafting procedure: it cannot predate any of them.
        Command::RequestLegalityReview(_) => {
            let consultation = d.consultation.as_ref();
            let dates = [
                d.draft.as_ref().map(|x| x.revised_on),
                consultation
                    .and_then(|c| c.closure.as_ref())
                    .map(|x| x.closed_on),
                d.hearings.iter().map(|h| h.held_on).max(),
                d.expert_argumentation.as_ref().map(|x| x.held_on),
                d.latest_risk_assessment().map(|x| x.assessed_on),
                d.fair_competition_review.as_ref().map(|x| x.reviewed_on),
            ];
            dates
                .into_iter()
                .flatten()
                .max()
                .filter(|on| *on > stage.0)
                .map_or(stage, |on| (on, "起草阶段的程序"))
        }
        Command::ArchiveDecision { .. } => d
            .execution
            .as_ref()
            .and_then(|x| x.reports.iter().map(|r| r.reported_on).max())
            .filter(|on| d.stage == Stage::InExecution && *on > stage.0)
            .map_or(stage, |on| (on, "执行情况报告")),
        _ => stage,
    }
}

fn judge(d: &Decision, cmd: &Command, ctx: &Context) -> Result<Event, Refusal> {
    let flags = d.proposal.flags;
    Ok(match cmd {
        Command::StartProcedure(start) => {
            // Art. 10(2): a department's or lower government's proposal argues the matter itself.
            ensure(
                d.proposal.source != ProposalSource::DepartmentOrLowerGovernment
                    || d.proposal.source_statement.is_complete(),
                Rule::StartSourceFields,
                || {
                    "所属部门或者下一级人民政府提出的建议，应当论证拟解决的主要问题、建议理由和依据、解决问题的初步方案及其必要性、可行性".into()
                },
            )?;
            // Art. 11: exactly one lead unit, distinct from the co-units.
            ensure(
                !start.co_units.contains(&start.lead_unit),
                Rule::StartLeadUnit,
                || "牵头承办单位只能有一个，不能同时列为协办单位".into(),
            )?;
            Event::ProcedureStarted(start.clone())
        }
        Command::ReviseDraft(r) => {
            if d.stage == Stage::AwaitingDiscussion {
                // Art. 28: after the review, only the revision it asked for; any other change
                // needs a new review.
                ensure(d.revision_pending, Rule::ReviewRevisions, || {
                    "合法性审查后草案不得另行修改；如需修改，请重新送请合法性审查".into()
                })?;
            }
            Event::DraftRevised(Draft {
                version: d.draft_version() + 1,
                text: r.text.clone(),
                explanation: r.explanation.clone(),
                change_note: r.change_note.clone(),
                revised_on: r.revised_on,
            })
        }
        Command::OpenPublicConsultation(o) => {
            ensure(!flags.non_disclosable, Rule::ConsultationRequired, || {
                "依法不予公开的决策事项不向社会公开征求意见".into()
            })?;
            once(d.consultation.is_none(), cmd)?;
            let Some(draft) = &d.draft else {
                return Err(Refusal::rule(
                    Rule::ConsultationNoticeContent,
                    "公开征求意见应当公布决策草案及其说明，请先登记决策草案",
                ));
            };
            let Some(how_to_comment) = o.how_to_comment.clone() else {
                return Err(Refusal::rule(
                    Rule::ConsultationNoticeContent,
                    "公告应当明确提出意见的方式",
                ));
            };
            ensure(
                !o.channels.is_empty(),
                Rule::ConsultationNoticeContent,
                || "公告应当载明公布途径（政府网站、政务新媒体、报刊等）".into(),
            )?;
            ensure(
                o.ends_on > o.opened_on,
                Rule::ConsultationNoticeContent,
                || "公告应当明确提出意见的期限，截止日期须晚于开始日期".into(),
            )?;
            // Art. 15: at least 30 days (the start day not counted, 《民法典》 Art. 201); shorter only
            // with the reason stated in the notice itself.
            let days = (o.ends_on - o.opened_on).num_days();
            let min = i64::from(d.binding.profile.consultation_min_days);
            ensure(
                days >= min || o.shortened_reason.is_some(),
                Rule::ConsultationMinPeriod,
                || {
                    format!(
                        "公开征求意见的期限一般不少于{min}日（本次{days}日）；因情况紧急等原因需要缩短期限的，应当在公开征求意见时说明理由"
                    )
                },
            )?;
            Event::ConsultationOpened(ConsultationNotice {
                opened_on: o.opened_on,
                ends_on: o.ends_on,
                channels: o.channels.clone(),
                how_to_comment,
                draft_version: draft.version,
                shortened_reason: o.shortened_reason.clone(),
                groups_consulted: o.groups_consulted.clone(),
            })
        }
        Command::DisposeComment(disp) => {
            let open = d.consultation.as_ref().filter(|c| c.closure.is_none());
            ensure(open.is_some(), Rule::ConsultationDispositions, || {
                "没有正在进行的公开征求意见".into()
            })?;
            if !ctx.received_comments.contains(&disp.comment_id) {
                return Err(Refusal::NotFound {
                    what: "公众意见"
                });
            }
            Event::CommentDisposed(disp.clone())
        }
        Command::ClosePublicConsultation(closure) => {
            let Some(c) = d.consultation.as_ref().filter(|c| c.closure.is_none()) else {
                return Err(Refusal::rule(
                    Rule::ConsultationDispositions,
                    "没有正在进行的公开征求意见",
                ));
            };
            // Art. 15: closing before the announced end would cut the period the public was promised.
            ensure(
                closure.closed_on >= c.notice.ends_on,
                Rule::ConsultationMinPeriod,
                || format!("公告的征求意见截止日期为{}，不能提前结束", c.notice.ends_on),
            )?;
            // Art. 18: every comment received is studied and answered before the track ends.
            let pending = ctx
                .received_comments
                .iter()
                .filter(|id| !c.dispositions.contains_key(*id))
                .count();
            ensure(pending == 0, Rule::ConsultationDispositions, || {
                format!("还有{pending}条公众意见未作处理（采纳、部分采纳或不予采纳并说明理由）")
            })?;
            // Art. 14: an affected group is heard through its organisations or representatives.
            let group_heard = !c.notice.groups_consulted.is_empty()
                || d.hearings
                    .iter()
                    .any(|h| h.participants.iter().any(|p| p.represents.is_some()));
            ensure(
                !flags.affects_specific_group || group_heard,
                Rule::ConsultationGroup,
                || {
                    "决策事项涉及特定群体利益，应当至少通过一种方式听取该群体的组织或代表的意见"
                        .into()
                },
            )?;
            Event::ConsultationClosed(closure.clone())
        }
        Command::RecordHearing(h) => {
            // Art. 16: materials reach the participants at least 7 days before the hearing.
            let lead = (h.held_on - h.materials_delivered_on).num_days();
            let min = i64::from(d.binding.profile.hearing_materials_days);
            ensure(lead >= min, Rule::HearingMaterials7Days, || {
                format!("听证会材料应当于召开听证会{min}日前送达听证参加人（本次提前{lead}日）")
            })?;
            // Art. 17(3): every participant confirms and signs the record.
            let unsigned: Vec<&str> = h
                .participants
                .iter()
                .filter(|p| !p.signed_record)
                .map(|p| p.name.as_str())
                .collect();
            ensure(
                !h.participants.is_empty() && unsigned.is_empty(),
                Rule::HearingSignedRecord,
                || {
                    if h.participants.is_empty() {
                        "听证会记录应当列明听证参加人".into()
                    } else {
                        format!(
                            "听证会记录须经全体听证参加人确认并签字，尚未签字：{}",
                            unsigned.join("、")
                        )
                    }
                },
            )?;
            Event::HearingRecorded(h.clone())
        }
        Command::RecordExpertArgumentation(a) => {
            ensure(!a.opinions.is_empty(), Rule::ExpertsSigned, || {
                "专家论证应当附专家或专业机构的书面论证意见".into()
            })?;
            // Art. 20: no expert or institution with a direct interest.
            let interested: Vec<&str> = a
                .opinions
                .iter()
                .filter(|o| o.has_direct_interest)
                .map(|o| o.expert.as_str())
                .collect();
            ensure(interested.is_empty(), Rule::ExpertsNoInterest, || {
                format!(
                    "不得选择与决策事项有直接利害关系的专家、专业机构：{}",
                    interested.join("、")
                )
            })?;
            // Art. 19: written opinions are signed, and sealed by an institution.
            let unsigned: Vec<&str> = a
                .opinions
                .iter()
                .filter(|o| !o.signed || (o.institution && !o.sealed))
                .map(|o| o.expert.as_str())
                .collect();
            ensure(unsigned.is_empty(), Rule::ExpertsSigned, || {
                format!(
                    "论证意见应当由专家签字（专业机构加盖公章）：{}",
                    unsigned.join("、")
                )
            })?;
            Event::ExpertArgumentationRecorded(a.clone())
        }
        Command::RecordRiskAssessment(r) => {
            // Art. 23: a report names the risk points, the measures, a response plan and who was heard.
            let missing: Vec<&str> = [
                (r.risk_points.is_empty(), "风险点"),
                (r.measures.is_empty(), "风险防范措施"),
                (r.response_plan.is_none(), "处置预案"),
                (r.departments_heard.is_empty(), "听取意见的部门"),
            ]
            .into_iter()
            .filter_map(|(absent, name)| absent.then_some(name))
            .collect();
            ensure(
                r.prior_assessment.is_some() || missing.is_empty(),
                Rule::RiskReportContent,
                || format!("风险评估报告缺少：{}", missing.join("、")),
            )?;
            // Art. 24: after an "uncontrollable" finding, a new assessment only of a revised draft.
            if let Some(last) = d.latest_risk_assessment() {
                ensure(
                    last.conclusion == RiskConclusion::Controllable
                        || d.draft_version() > last.draft_version,
                    Rule::RiskControllable,
                    || "上次风险评估认为风险不可控，应当先调整决策草案，再重新评估".into(),
                )?;
            }
            Event::RiskAssessmentRecorded(RiskAssessment {
                assessed_on: r.assessed_on,
                assessing_unit: r.assessing_unit.clone(),
                draft_version: d.draft_version(),
                risk_points: r.risk_points.clone(),
                measures: r.measures.clone(),
                response_plan: r.response_plan.clone(),
                departments_heard: r.departments_heard.clone(),
                conclusion: r.conclusion,
                prior_assessment: r.prior_assessment.clone(),
            })
        }
        Command::RecordFairCompetitionReview(f) => Event::FairCompetitionReviewRecorded(f.clone()),
        Command::MarkTrackNotRequired { track, basis } => {
            let (required, rule, why) = match track {
                Track::PublicParticipation => (
                    !flags.non_disclosable,
                    Rule::ConsultationRequired,
                    "决策承办单位应当充分听取公众意见，依法不予公开的决策事项除外",
                ),
                Track::ExpertArgumentation => (
                    flags.professional_technical,
                    Rule::ExpertsRequired,
                    "专业性、技术性较强的决策事项应当组织专家论证",
                ),
                Track::RiskAssessment => (
                    flags.stability_impact,
                    Rule::RiskRequired,
                    "可能对社会稳定、公共安全等造成不利影响的决策事项应当进行风险评估；已按其他规定评估的，请登记风险评估并引用原评估",
                ),
                Track::FairCompetitionReview => (
                    flags.affects_market_entities,
                    Rule::FairCompetitionRequired,
                    "涉及市场主体经济活动的决策草案应当进行公平竞争审查",
                ),
            };
            ensure(!required, rule, || why.into())?;
            ensure(
                matches!(d.tracks.get(*track), TrackState::Pending),
                rule,
                || format!("{}已经开展，不能再标记为无需开展", track.label()),
            )?;
            Event::TrackMarkedNotRequired {
                track: *track,
                basis: basis.clone(),
            }
        }
        Command::RequestLegalityReview(req) => {
            let Some(draft) = &d.draft else {
                return Err(Refusal::rule(
                    Rule::ReviewMaterials,
                    "送请合法性审查应当提供决策草案",
                ));
            };
            // Art. 24: an "uncontrollable" finding blocks the way until a new one says otherwise.
            if let Some(risk) = d.latest_risk_assessment() {
                ensure(
                    risk.conclusion == RiskConclusion::Controllable,
                    Rule::RiskControllable,
                    || "风险评估结论为风险不可控，调整草案并重新评估为可控后方可继续".into(),
                )?;
            }
            // Art. 25/29: every drafting procedure is done or lawfully not required.
            let unsettled: Vec<&str> = Track::ALL
                .into_iter()
                .filter(|t| !d.tracks.get(*t).is_settled())
                .map(Track::label)
                .collect();
            ensure(unsettled.is_empty(), Rule::MeetingPackage, || {
                format!(
                    "以下程序尚未完成，也未依法标记为无需开展：{}",
                    unsettled.join("、")
                )
            })?;
            // Art. 26: the draft, its legal basis, the statement of the procedure performed.
            ensure(!req.legal_basis.is_empty(), Rule::ReviewMaterials, || {
                "送请合法性审查应当提供有关法律、法规、规章等依据".into()
            })?;
            // Art. 28: after an UNLAWFUL finding the draft must change before a new review.
            if let Some(last) = d.current_review() {
                ensure(
                    last.conclusion() != Some(ReviewConclusion::Unlawful)
                        || draft.version > last.draft_version,
                    Rule::ReviewRevisions,
                    || "上次合法性审查认为草案不合法，应当根据审查意见修改草案后重新送审".into(),
                )?;
            }
            Event::LegalityReviewRequested(LegalityReview {
                round: d.reviews.len() as u32 + 1,
                requested_on: req.requested_on,
                shortened_reason: req.shortened_reason.clone(),
                draft_version: draft.version,
                legal_basis: req.legal_basis.clone(),
                procedure_statement: match &req.procedure_statement {
                    Some(s) => s.clone(),
                    None => procedure_statement(d),
                },
                opinions: Vec::new(),
                outcome: None,
            })
        }
        Command::SubmitLegalOpinion(o) => Event::LegalOpinionSubmitted(LegalOpinion {
            counsel_id: ctx.actor.id.clone(),
            counsel_name: ctx.actor.name.clone(),
            kind: o.kind,
            opinion: o.opinion.clone(),
            given_on: o.given_on,
        }),
        Command::ReturnLegalityReview {
            returned_on,
            reason,
        } => Event::LegalityReviewEnded(ReviewOutcome::Returned {
            returned_on: *returned_on,
            reason: reason.clone(),
        }),
        Command::ConcludeLegalityReview(c) => {
            let review = d.current_review();
            // Art. 28: at least one opinion of a legal adviser or public lawyer.
            ensure(
                review.is_some_and(|r| !r.opinions.is_empty()),
                Rule::ReviewCounselOpinion,
                || {
                    "合法性审查过程中应当组织法律顾问、公职律师提出法律意见，本轮审查尚无法律意见"
                        .into()
                },
            )?;
            // Art. 27: authority, procedure and content, each answered.
            let (Some(authority), Some(procedure), Some(content)) =
                (&c.authority, &c.procedure, &c.content)
            else {
                return Err(Refusal::rule(
                    Rule::ReviewFindings,
                    "审查意见应当就是否符合法定权限、是否履行法定程序、内容是否合法三方面分别作出结论",
                ));
            };
            // Art. 25: LEGAL_RISK_DISCLOSED only for an exploratory reform, with the risk stated.
            if c.conclusion == ReviewConclusion::LegalRiskDisclosed {
                ensure(
                    flags.exploratory_reform && c.risk_statement.is_some(),
                    Rule::ReviewGate,
                    || {
                        "“提示法律风险”的结论仅适用于国家尚无明确规定的探索性改革事项，并应载明风险"
                            .into()
                    },
                )?;
            }
            if c.conclusion == ReviewConclusion::LawfulWithRevisions {
                ensure(
                    c.required_revisions.is_some(),
                    Rule::ReviewRevisions,
                    || "“修改后合法”的结论应当载明需要修改的内容".into(),
                )?;
            }
            Event::LegalityReviewEnded(ReviewOutcome::Concluded {
                concluded_on: c.concluded_on,
                conclusion: c.conclusion,
                findings: Findings {
                    authority: authority.clone(),
                    procedure: procedure.clone(),
                    content: content.clone(),
                },
                required_revisions: c.required_revisions.clone(),
                risk_statement: c.risk_statement.clone(),
            })
        }
        Command::RecordCollectiveDiscussion(m) => {
            judge_meeting(d, m, ctx.calendar)?;
            Event::CollectiveDiscussionRecorded(m.clone())
        }
        Command::RecordPartyCommitteeReport(r) => {
            once(d.party_report.is_none(), cmd)?;
            Event::PartyCommitteeReported(r.clone())
        }
        Command::RecordCongressReport(r) => {
            once(d.congress_report.is_none(), cmd)?;
            Event::CongressReported(r.clone())
        }
        Command::PublishDecision(p) => {
            // Art. 31 and Art. 8: reported to the Party committee, and to the congress when required.
            ensure(d.party_report.is_some(), Rule::PublishPartyReport, || {
                "重大行政决策出台前应当按照规定向同级党委请示报告".into()
            })?;
            ensure(
                !flags.congress_report_required || d.congress_report.is_some(),
                Rule::PublishPartyReport,
                || "本决策事项应当在出台前向本级人民代表大会常务委员会报告".into(),
            )?;
            // Art. 32: published through the gazette, website, newspapers; non-disclosable ones
            // record their basis instead.
            if flags.non_disclosable {
                ensure(
                    p.non_disclosure_basis.is_some(),
                    Rule::PublishChannels,
                    || "依法不予公开的决策应当载明不予公开的依据".into(),
                )?;
            } else {
                ensure(!p.channels.is_empty(), Rule::PublishChannels, || {
                    "应当通过政府公报、政府网站、本行政区域发行的报纸等途径公布".into()
                })?;
                ensure(
                    !flags.professional_technical || p.opinion_explanation.is_some(),
                    Rule::PublishChannels,
                    || {
                        "专业性、技术性较强的决策，公布时应当说明公众意见、专家论证意见的采纳情况"
                            .into()
                    },
                )?;
            }
            Event::Published(p.clone())
        }
        Command::FileDecision(f) => {
            once(d.filing.is_none(), cmd)?;
            Event::Filed(f.clone())
        }
        Command::StartExecution { unit, started_on } => Event::ExecutionStarted {
            unit: unit.clone(),
            started_on: *started_on,
        },
        Command::ReportExecution(r) => Event::ExecutionReported(r.clone()),
        Command::ReportIncident(i) => Event::IncidentReported(Incident {
            number: d.execution.as_ref().map_or(0, |x| x.incidents.len() as u32) + 1,
            reported_on: i.reported_on,
            kind: i.kind,
            description: i.description.clone(),
        }),
        Command::SuspendExecution(s) => {
            // Art. 37 with Art. 35: urgent, and on a reported problem, change or force majeure.
            let incident = s.incident.filter(|n| {
                d.execution
                    .as_ref()
                    .is_some_and(|x| x.incidents.iter().any(|i| i.number == *n))
            });
            let (Some(reason), Some(incident)) = (&s.reason, incident) else {
                return Err(Refusal::rule(
                    Rule::SuspendHeadOnly,
                    "中止执行须说明紧急情况，并关联已报告的执行问题、重大变化或不可抗力",
                ));
            };
            Event::ExecutionSuspended(Suspension {
                suspended_on: s.suspended_on,
                reason: reason.clone(),
                incident,
                resumed_on: None,
                resume_reason: None,
            })
        }
        Command::ResumeExecution { resumed_on, reason } => Event::ExecutionResumed {
            resumed_on: *resumed_on,
            reason: reason.clone(),
        },
        Command::StartPostEvaluation(e) => {
            // Art. 36: one of the three grounds, stated.
            let Some(explanation) = &e.trigger_explanation else {
                return Err(Refusal::rule(
                    Rule::EvaluationTrigger,
                    "启动决策后评估应当说明所依据的情形",
                ));
            };
            // Art. 36: not the unit that did the main argumentation or assessment before the decision.
            let mut conflicted = d
                .risk_assessments
                .iter()
                .map(|r| &r.assessing_unit)
                .chain(d.expert_argumentation.iter().map(|a| &a.organizer))
                .chain(
                    d.expert_argumentation
                        .iter()
                        .flat_map(|a| a.opinions.iter().filter(|o| o.institution))
                        .map(|o| &o.expert),
                );
            ensure(
                !conflicted.any(|u| u == &e.evaluator),
                Rule::EvaluationIndependence,
                || {
                    format!(
                        "{}在决策作出前承担了主要论证评估工作，不能承担决策后评估",
                        e.evaluator
                    )
                },
            )?;
            Event::PostEvaluationStarted(PostEvaluation {
                started_on: e.started_on,
                trigger: e.trigger,
                trigger_explanation: explanation.clone(),
                evaluator: e.evaluator.clone(),
                result: None,
            })
        }
        Command::ConcludePostEvaluation(r) => Event::PostEvaluationConcluded(r.clone()),
        Command::WithdrawDecision {
            withdrawn_on,
            reason,
        } => Event::Ended(Ending::Withdrawn {
            withdrawn_on: *withdrawn_on,
            reason: reason.clone(),
        }),
        Command::TerminateDecision(c) | Command::AdjustDecision(c) => {
            // Art. 37: changed or stopped only by a new decision that ran the procedure.
            let lawful = ctx.related.is_some_and(|r| {
                r.id != d.id
                    && r.amends.as_deref() == Some(d.id.as_str())
                    && matches!(r.stage, adopted_and_live!() | Stage::Archived)
            });
            ensure(lawful, Rule::ChangeProcedure, || {
                "重大调整或者停止执行须依法履行决策程序：请引用已经集体讨论通过、且以本决策为调整对象的新决策".into()
            })?;
            Event::Ended(Ending::Changed {
                changed_on: c.changed_on,
                reason: c.reason.clone(),
                by_decision: c.by_decision.clone(),
                terminated: matches!(cmd, Command::TerminateDecision(_)),
            })
        }
        Command::ArchiveDecision { archived_on } => {
            let missing = archive_gaps(d);
            ensure(missing.is_empty(), Rule::ArchiveChecklist, || {
                format!("归档材料不完整，缺少：{}", missing.join("、"))
            })?;
            Event::Archived {
                archived_on: *archived_on,
            }
        }
    })
}

/// Art. 25, 29, 30: the meeting may decide only on a complete package, in the lawful form.
fn judge_meeting(d: &Decision, m: &Meeting, calendar: &Calendar) -> Result<(), Refusal> {
    ensure(
        matches!(m.kind, MeetingKind::Executive | MeetingKind::Plenary),
        Rule::MeetingKind,
        || "决策草案应当经决策机关常务会议或者全体会议讨论".into(),
    )?;
    // Art. 25: a concluded, not-unlawful review; a consultation never stands in for it.
    let review_ok = d
        .current_review()
        .and_then(LegalityReview::conclusion)
        .is_some_and(|c| c != ReviewConclusion::Unlawful);
    ensure(review_ok, Rule::ReviewGate, || {
        "决策草案提交讨论前应当经合法性审查，且审查意见不是“不合法”".into()
    })?;
    // Art. 26: the review office has its working days, unless a shorter time was justified
    // when the review was requested.
    if let Some(review) = d.current_review()
        && review.shortened_reason.is_none()
    {
        let min = d.binding.profile.review_min_working_days;
        let earliest = calendar.add_working_days(review.requested_on, min)?;
        ensure(m.held_on >= earliest, Rule::ReviewMinTime, || {
            format!(
                "合法性审查时间一般不少于{min}个工作日：{}送请审查，最早可于{earliest}提请会议讨论；因情况紧急需要缩短的，应当在送请审查时说明理由",
                review.requested_on
            )
        })?;
    }
    ensure(!d.revision_pending, Rule::ReviewRevisions, || {
        "合法性审查意见要求修改草案，请先登记修改后的草案".into()
    })?;
    // Art. 29: the package holds the report of every procedure that ran.
    let mut missing = Vec::new();
    if d.proposal.flags.affects_market_entities && d.fair_competition_review.is_none() {
        missing.push("公平竞争审查情况");
    }
    if d.tracks.public_participation == TrackState::Done
        && d.consultation
            .as_ref()
            .and_then(|c| c.closure.as_ref())
            .is_none()
    {
        missing.push("公众意见研究采纳情况");
    }
    ensure(missing.is_empty(), Rule::MeetingPackage, || {
        format!("提请讨论的材料不完整，缺少：{}", missing.join("、"))
    })?;
    ensure(
        m.draft_version == d.draft_version(),
        Rule::MeetingVersion,
        || {
            format!(
                "会议讨论的草案版本（第{}稿）与当前草案（第{}稿）不一致",
                m.draft_version,
                d.draft_version()
            )
        },
    )?;
    // Art. 30: members speak first, the head last and once.
    let heads = m.speeches.iter().filter(|s| s.is_head).count();
    ensure(
        heads == 1 && m.speeches.last().is_some_and(|s| s.is_head),
        Rule::MeetingHeadLast,
        || "讨论决策草案，会议组成人员应当充分发表意见，行政首长最后发表意见".into(),
    )?;
    // Art. 30: the head decides; the outcome recorded is the head's decision.
    let head_agrees = m.speeches.last().map(|s| s.position);
    let consistent = match m.outcome {
        MeetingOutcome::Adopted => head_agrees == Some(Position::Agree),
        MeetingOutcome::NotAdopted => head_agrees == Some(Position::Disagree),
        MeetingOutcome::Deferred | MeetingOutcome::ReturnedForRedrafting => true,
    };
    ensure(consistent, Rule::MeetingHeadDecides, || {
        "会议结果应当与行政首长作出的决定一致".into()
    })?;
    let undocumented: Vec<&str> = m
        .speeches
        .iter()
        .filter(|s| s.position == Position::Disagree && s.statement.is_none())
        .map(|s| s.speaker.as_str())
        .collect();
    ensure(undocumented.is_empty(), Rule::MeetingDissent, || {
        format!("不同意见应当如实记录原话：{}", undocumented.join("、"))
    })?;
    // Art. 30: a head who decides against the majority states the reason at the meeting.
    let members = m.speeches.iter().filter(|s| !s.is_head);
    let (agree, disagree) = members.fold((0, 0), |(a, n), s| match s.position {
        Position::Agree => (a + 1, n),
        Position::Disagree => (a, n + 1),
        Position::Abstain => (a, n),
    });
    let against_majority = match m.outcome {
        MeetingOutcome::Adopted => disagree > agree,
        MeetingOutcome::NotAdopted => agree > disagree,
        MeetingOutcome::Deferred | MeetingOutcome::ReturnedForRedrafting => false,
    };
    ensure(
        !against_majority || m.head_reason.is_some(),
        Rule::MeetingHeadReason,
        || {
            "行政首长拟作出的决定与会议组成人员多数人的意见不一致，应当记录其在会上说明的理由"
                .into()
        },
    )?;
    Ok(())
}

/// Art. 26: the statement of how the procedure was performed, generated from the record.
fn procedure_statement(d: &Decision) -> Text {
    let mut lines = Vec::new();
    if let Some(s) = &d.start {
        lines.push(format!(
            "{}决定启动决策程序，牵头承办单位为{}。",
            s.started_on, s.lead_unit
        ));
    }
    for t in Track::ALL {
        lines.push(match d.tracks.get(t) {
            TrackState::Done => format!("{}：已完成。", t.label()),
            TrackState::NotRequired { basis } => {
                format!("{}：依法无需开展（{}）。", t.label(), basis)
            }
            TrackState::Pending | TrackState::InProgress => format!("{}：未完成。", t.label()),
        });
    }
    if let Some(c) = &d.consultation {
        lines.push(format!(
            "公开征求意见自{}至{}，处理意见{}条。",
            c.notice.opened_on,
            c.notice.ends_on,
            c.dispositions.len()
        ));
    }
    if !d.hearings.is_empty() {
        lines.push(format!("召开听证会{}次。", d.hearings.len()));
    }
    Text::parse("履行决策法定程序的说明", &lines.join("\n"))
        .unwrap_or_else(|_| unreachable!("the statement always has the four track lines"))
}

/// What the archive of this decision's path still lacks (Art. 33).
pub fn archive_gaps(d: &Decision) -> Vec<&'static str> {
    let mut gaps = Vec::new();
    let mut need = |present: bool, what: &'static str| {
        if !present {
            gaps.push(what);
        }
    };
    match d.stage {
        Stage::Withdrawn => need(d.ending.is_some(), "撤回理由"),
        Stage::Rejected => need(!d.meetings.is_empty(), "集体讨论记录"),
        Stage::InExecution | Stage::Terminated | Stage::Adjusted => {
            need(d.start.is_some(), "启动决策程序的记录");
            for t in Track::ALL {
                need(d.tracks.get(t).is_settled(), t.label());
            }
            need(
                d.current_review()
                    .and_then(LegalityReview::conclusion)
                    .is_some(),
                "合法性审查意见",
            );
            need(
                d.meetings
                    .iter()
                    .any(|m| m.outcome == MeetingOutcome::Adopted),
                "集体讨论决定记录",
            );
            need(d.party_report.is_some(), "向党委请示报告记录");
            if d.proposal.flags.congress_report_required {
                need(d.congress_report.is_some(), "向人大常委会报告记录");
            }
            need(d.publication.is_some(), "公布记录");
            if d.proposal.flags.normative_document {
                need(d.filing.is_some(), "备案记录");
            }
            if d.stage == Stage::InExecution {
                need(
                    d.execution.as_ref().is_some_and(Execution::completed),
                    "执行完毕报告",
                );
            }
        }
        Stage::Proposed
        | Stage::Drafting
        | Stage::LegalityReview
        | Stage::AwaitingDiscussion
        | Stage::Adopted
        | Stage::Published
        | Stage::Suspended
        | Stage::PostEvaluation
        | Stage::Archived => {}
    }
    gaps
}
