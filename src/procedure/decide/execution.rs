//! Chapter 4: execution, post-evaluation, suspension and change (Art. 34–37); and how a
//! decision's record ends — withdrawn, changed by a new decision, archived (Art. 33).

use chrono::NaiveDate;

use super::super::command::*;
use super::super::event::Event;
use super::super::material::missing_documents;
use super::super::model::*;
use super::super::rules::{Refusal, Rule, ensure};
use super::Context;

pub(super) fn incident(d: &Decision, i: &ReportIncident) -> Event {
    Event::IncidentReported(Incident {
        number: d.execution.as_ref().map_or(0, |x| x.incidents.len() as u32) + 1,
        reported_on: i.reported_on,
        kind: i.kind,
        description: i.description.clone(),
    })
}

pub(super) fn suspend(d: &Decision, s: &SuspendExecution) -> Result<Event, Refusal> {
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
    Ok(Event::ExecutionSuspended(Suspension {
        suspended_on: s.suspended_on,
        reason: reason.clone(),
        incident,
        resumed_on: None,
        resume_reason: None,
    }))
}

pub(super) fn start_evaluation(d: &Decision, e: &StartPostEvaluation) -> Result<Event, Refusal> {
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
    Ok(Event::PostEvaluationStarted(PostEvaluation {
        started_on: e.started_on,
        trigger: e.trigger,
        trigger_explanation: explanation.clone(),
        evaluator: e.evaluator.clone(),
        result: None,
    }))
}

pub(super) fn change(
    d: &Decision,
    c: &ChangeDecision,
    terminated: bool,
    ctx: &Context,
) -> Result<Event, Refusal> {
    // Art. 37: changed or stopped only by a new decision that ran the procedure.
    let lawful = ctx.related.is_some_and(|r| {
        r.id != d.id
            && r.amends.as_deref() == Some(d.id.as_str())
            && r.adopted_on.is_some()
            && matches!(
                r.stage,
                Stage::Adopted
                    | Stage::Published
                    | Stage::InExecution
                    | Stage::Suspended
                    | Stage::PostEvaluation
                    | Stage::Archived
            )
    });
    ensure(lawful, Rule::ChangeProcedure, || {
        "重大调整或者停止执行须依法履行决策程序：请引用已经集体讨论通过、且以本决策为调整对象的新决策".into()
    })?;
    Ok(Event::Ended(Ending::Changed {
        changed_on: c.changed_on,
        reason: c.reason.clone(),
        by_decision: c.by_decision.clone(),
        terminated,
    }))
}

pub(super) fn archive(d: &Decision, archived_on: NaiveDate) -> Result<Event, Refusal> {
    let missing = archive_gaps(d);
    ensure(missing.is_empty(), Rule::ArchiveChecklist, || {
        format!("归档材料不完整，缺少：{}", missing.join("、"))
    })?;
    Ok(Event::Archived { archived_on })
}

/// What the archive of this decision's path still lacks (Art. 33).
pub fn archive_gaps(d: &Decision) -> Vec<String> {
    let mut gaps = Vec::new();
    let mut need = |present: bool, what: &str| {
        if !present {
            gaps.push(what.to_owned());
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
                for authority in &d.binding.profile.filing_authorities {
                    need(
                        d.filing_with(authority).is_some(),
                        &format!("向{authority}备案的记录"),
                    );
                }
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
    // The documents themselves, not only the acts that formed them (Art. 33).
    gaps.extend(
        missing_documents(d)
            .into_iter()
            .map(|k| format!("{}（材料）", k.label())),
    );
    gaps
}
