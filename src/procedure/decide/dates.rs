//! The dates an act carries: possible at all (not before the profile's earliest record date),
//! not in the future, and not before the acts it depends on.
//!
//! Officials back-fill the record, so an act's date is what they say it was; what the engine
//! checks is that the dates cannot contradict each other. That is the engine's own rule for the
//! integrity of the record (`record.dates`), which cites no article: none says it.
//!
//! [`bounds`] is the one table of dependencies: for each act, the acts whose dates bound it
//! from below. `procedure::tests` drives every row one day early.

use chrono::NaiveDate;

use super::super::command::*;
use super::super::model::*;
use super::super::profile::Profile;
use super::super::rules::{Refusal, Rule, ensure};
use super::super::values::ValueError;
use super::Context;

/// Refused as input, not as a rule: a date before the regulation's record can begin is a
/// typing error (year 0, 1900, "0026"), not a procedural act.
pub(super) fn plausible(on: NaiveDate, profile: &Profile) -> Result<(), Refusal> {
    let earliest = profile.earliest_record_date;
    if on < earliest {
        return Err(Refusal::InvalidInput(ValueError::DateTooEarly {
            date: on,
            earliest,
        }));
    }
    Ok(())
}

pub(super) fn not_in_future(on: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
    ensure(on <= today, Rule::RecordDates, || {
        format!("办理日期{on}晚于今天{today}：可以补录已经发生的事项，不能预先登记")
    })
}

/// The date the act took place, as the official gives it.
fn act_date(cmd: &Command) -> Option<NaiveDate> {
    Some(match cmd {
        Command::StartProcedure(s) => s.started_on,
        Command::ReviseDraft(r) => r.revised_on,
        Command::OpenPublicConsultation(o) => o.opened_on,
        Command::ClosePublicConsultation(c) => c.closed_on,
        Command::RecordHearing(h) => h.held_on,
        Command::RecordOpinion(o) => o.received_on,
        Command::PublishHearingNotice(n) => n.published_on,
        Command::RecordUnitConsultation(u) => u.consulted_on,
        Command::RecordDraftingAnalysis(a) => a.analysed_on,
        Command::CorrectFlag(c) => c.corrected_on,
        Command::RecordExpertArgumentation(a) => a.held_on,
        Command::RecordRiskAssessment(r) => r.assessed_on,
        Command::RecordFairCompetitionReview(f) => f.reviewed_on,
        Command::RequestLegalityReview(r) => r.requested_on,
        Command::SubmitLegalOpinion(o) => o.given_on,
        Command::AcceptReviewRequest { accepted_on } => *accepted_on,
        Command::RequestSupplement { requested_on, .. } => *requested_on,
        Command::SupplyMaterials(m) => m.supplied_on,
        Command::AssignCounsel(a) => a.assigned_on,
        Command::WithdrawCounselAssignment { withdrawal, .. } => withdrawal.withdrawn_on,
        Command::ReturnLegalityReview { returned_on, .. } => *returned_on,
        Command::ConcludeLegalityReview(c) => c.concluded_on,
        Command::RecordCollectiveDiscussion(m) => m.held_on,
        Command::RecordPartyCommitteeReport(r) | Command::RecordCongressReport(r) => r.reported_on,
        Command::PublishDecision(p) => p.published_on,
        Command::FileDecision(f) => f.filed_on,
        Command::RecordFilingReview(r) => r.answered_on,
        Command::StartExecution { started_on, .. } => *started_on,
        Command::ReportExecution(r) => r.reported_on,
        Command::ReportIncident(i) => i.reported_on,
        Command::SuspendExecution(s) => s.suspended_on,
        Command::ResumeExecution { resumed_on, .. } => *resumed_on,
        Command::StartPostEvaluation(e) => e.started_on,
        Command::ConcludePostEvaluation(r) => r.concluded_on,
        Command::WithdrawDecision { withdrawn_on, .. } => *withdrawn_on,
        Command::TerminateDecision(c) | Command::AdjustDecision(c) => c.changed_on,
        Command::ArchiveDecision { archived_on } => *archived_on,
        Command::AttachMaterial(a) => a.dated,
        Command::IssueSupervisionNotice(n) => n.issued_on,
        Command::DisposeComment(_)
        | Command::HideComment { .. }
        | Command::DisposeCommentGroup(_)
        | Command::MarkTrackNotRequired { .. } => return None,
    })
}

/// Dates the command carries besides the act's own.
fn other_dates(cmd: &Command) -> Vec<NaiveDate> {
    match cmd {
        Command::OpenPublicConsultation(o) => vec![o.ends_on],
        Command::RecordHearing(h) => vec![h.materials_delivered_on],
        Command::PublishHearingNotice(n) => vec![n.hearing_on],
        Command::IssueSupervisionNotice(n) => vec![n.new_date],
        _ => Vec::new(),
    }
}

/// The table: for each act, the dates of the acts it depends on, each with what it is. The
/// act's date may not precede any of them.
pub fn bounds(d: &Decision, cmd: &Command, ctx: &Context) -> Vec<(NaiveDate, &'static str)> {
    let stage = (d.stage_entered_on, "进入当前阶段的行为");
    let draft = d.draft.as_ref().map(|x| (x.revised_on, "决策草案登记"));
    let review = d
        .current_review()
        .map(|r| (r.requested_on, "送请合法性审查"));
    let execution = d.execution.as_ref().map(|x| (x.started_on, "开始执行"));
    // Most acts follow the act that brought the decision into its stage. Filing and execution
    // reports run alongside later stages (a filing may be made during a suspension), so they are
    // bounded by the act they depend on alone.
    let spans_stages = matches!(
        cmd,
        Command::FileDecision(_)
            | Command::RecordFilingReview(_)
            | Command::ReportExecution(_)
            | Command::ReportIncident(_)
            | Command::IssueSupervisionNotice(_)
    );
    let mut rows: Vec<Option<(NaiveDate, &'static str)>> = vec![(!spans_stages).then_some(stage)];
    match cmd {
        Command::StartProcedure(_) => {
            rows.push(Some((d.proposal.proposed_on, "提出决策事项")));
        }
        // A revision follows the draft it revises.
        Command::ReviseDraft(_) => rows.push(draft.map(|(on, _)| (on, "上一稿草案登记"))),
        // Art. 15: the notice publishes the draft, so the draft exists first.
        Command::OpenPublicConsultation(_) => rows.push(draft),
        // An opinion answers the published draft: it arrives after the notice.
        Command::ClosePublicConsultation(_) | Command::RecordOpinion(_) => rows.push(
            d.consultation
                .as_ref()
                .map(|c| (c.notice.opened_on, "公开征求意见开始")),
        ),
        // A hearing, a risk assessment and a fair-competition review are of a draft (Art. 16,
        // 22, 29(1)): when one is registered, they follow it.
        Command::RecordHearing(_)
        | Command::PublishHearingNotice(_)
        | Command::RecordRiskAssessment(_)
        | Command::RecordFairCompetitionReview(_) => rows.push(draft),
        Command::RecordExpertArgumentation(_)
        | Command::RecordUnitConsultation(_)
        | Command::RecordDraftingAnalysis(_)
        | Command::CorrectFlag(_) => {}
        // The review rests on every drafting procedure: it cannot predate any of them.
        Command::RequestLegalityReview(_) => {
            rows.push(draft);
            rows.push(
                d.consultation
                    .as_ref()
                    .and_then(|c| c.closure.as_ref())
                    .map(|x| (x.closed_on, "公开征求意见结束")),
            );
            rows.push(d.hearings.iter().map(|h| (h.held_on, "听证会")).max());
            rows.push(
                d.expert_argumentation
                    .as_ref()
                    .map(|x| (x.held_on, "专家论证")),
            );
            rows.push(
                d.latest_risk_assessment()
                    .map(|x| (x.assessed_on, "风险评估")),
            );
            rows.push(
                d.fair_competition_review
                    .as_ref()
                    .map(|x| (x.reviewed_on, "公平竞争审查")),
            );
            rows.push(
                d.unit_consultations
                    .iter()
                    .map(|u| (u.consulted_on, "与有关单位协商"))
                    .max(),
            );
        }
        Command::AcceptReviewRequest { .. }
        | Command::RequestSupplement { .. }
        | Command::AssignCounsel(_)
        | Command::ReturnLegalityReview { .. } => rows.push(review),
        // The materials answer the request for them.
        Command::SupplyMaterials(_) => rows.push(
            d.current_review()
                .and_then(LegalityReview::open_supplement)
                .map(|s| (s.requested_on, "要求补充材料")),
        ),
        // Counsel give their opinion once assigned; an assignment is withdrawn after it was made.
        Command::SubmitLegalOpinion(_) => {
            rows.push(review);
            rows.push(assigned(d, &ctx.actor.id));
        }
        Command::WithdrawCounselAssignment { counsel_id, .. } => rows.push(assigned(d, counsel_id)),
        Command::ConcludeLegalityReview(_) => {
            rows.push(review);
            rows.push(
                d.current_review()
                    .and_then(|r| r.opinions.iter().map(|o| o.given_on).max())
                    .map(|on| (on, "法律意见")),
            );
        }
        // Art. 28: the meeting discusses the draft as revised after the review.
        Command::RecordCollectiveDiscussion(_) => rows.push(draft),
        Command::RecordPartyCommitteeReport(_) | Command::RecordCongressReport(_) => {}
        // Art. 8, 31: issued after the reports.
        Command::PublishDecision(_) => {
            rows.push(d.party_report.as_ref().map(|r| (r.reported_on, "请示报告")));
            rows.push(
                d.congress_report
                    .as_ref()
                    .map(|r| (r.reported_on, "向人大常委会报告")),
            );
        }
        Command::FileDecision(_) | Command::StartExecution { .. } => {
            rows.push(d.publication.as_ref().map(|p| (p.published_on, "公布")))
        }
        Command::ReportExecution(_) | Command::ReportIncident(_) => rows.push(execution),
        Command::SuspendExecution(s) => rows.push(
            d.execution
                .as_ref()
                .and_then(|x| x.incidents.iter().find(|i| Some(i.number) == s.incident))
                .map(|i| (i.reported_on, "所关联的问题报告")),
        ),
        Command::ResumeExecution { .. }
        | Command::StartPostEvaluation(_)
        | Command::ConcludePostEvaluation(_)
        | Command::WithdrawDecision { .. } => {}
        // Art. 37: the change is ordered by the new decision, so it follows that decision's
        // adoption.
        Command::TerminateDecision(_) | Command::AdjustDecision(_) => rows.push(
            ctx.related
                .and_then(|r| r.adopted_on)
                .map(|on| (on, "作出调整或者停止执行决定的新决策")),
        ),
        Command::ArchiveDecision { .. } => rows.push(
            d.execution
                .as_ref()
                .filter(|_| d.stage == Stage::InExecution)
                .and_then(|x| x.reports.iter().map(|r| r.reported_on).max())
                .map(|on| (on, "执行情况报告")),
        ),
        // The authority answers what was filed with it.
        Command::RecordFilingReview(r) => rows.push(
            d.filing_with(r.authority.as_str())
                .map(|f| (f.filed_on, "报送备案")),
        ),
        // A document may be older than the stage it is attached in: an expert's signed opinion
        // is dated when signed, before the argumentation was recorded.
        Command::AttachMaterial(_) => {}
        // A notice follows the deadline it is issued on, which `supervision` checks with its
        // own rule: it is issued only once that deadline has passed.
        Command::IssueSupervisionNotice(_) => {}
        Command::DisposeComment(_)
        | Command::HideComment { .. }
        | Command::DisposeCommentGroup(_)
        | Command::MarkTrackNotRequired { .. } => {}
    }
    rows.into_iter().flatten().collect()
}

/// When the counsel's standing assignment to the current review round was made.
fn assigned(d: &Decision, counsel_id: &str) -> Option<(NaiveDate, &'static str)> {
    d.current_review()?
        .assignments
        .iter()
        .find(|a| a.is_active() && a.counsel_id == counsel_id)
        .map(|a| (a.assigned_on, "指派法律顾问、公职律师"))
}

/// Every date the command carries is plausible; the act's date is not in the future and not
/// before any act it depends on.
pub(super) fn check(d: &Decision, cmd: &Command, ctx: &Context) -> Result<(), Refusal> {
    let on = act_date(cmd);
    for date in on.iter().chain(other_dates(cmd).iter()) {
        plausible(*date, &d.binding.profile)?;
    }
    let Some(on) = on else { return Ok(()) };
    not_in_future(on, ctx.today)?;
    if let Some((floor, what)) = bounds(d, cmd, ctx).into_iter().max_by_key(|(on, _)| *on) {
        ensure(on >= floor, Rule::RecordDates, || {
            format!("办理日期{on}早于其所依据的{what}日期{floor}")
        })?;
    }
    Ok(())
}
