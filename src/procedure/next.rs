//! What can I do next: for one official and one decision, the acts the official's post allows
//! now, and for each act the procedure still blocks, the rule and article that block it. A dry
//! run of the core — the same [`decide`] every act goes through — with nothing written.
//!
//! An act is listed when the official may do it on this decision ([`may_act`]) and either
//! - it exists in the decision's stage: `Available`, unless the record still lacks what the
//!   statute requires first, judged by running the act with the best payload an official could
//!   give today ([`probe`]); then `Blocked` by that rule; or
//! - it does not exist in the stage because a statutory prerequisite is missing (the meeting
//!   before a lawful review, publication before adoption, …): `Blocked` by that prerequisite.
//!
//! Acts that simply belong to another stage, are done already or have nothing to act on are not
//! listed: there is nothing to cite, and nothing to show a button for.

use chrono::NaiveDate;

use super::access::{Official, may_act};
use super::command::*;
use super::decide::{Context, allowed, decide, stage_refusal};
use super::model::*;
use super::rules::Refusal;
use super::values::Text;
use crate::calendar::Calendar;

/// Whether an act can be done now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Available,
    /// The statute's rule that stands in the way (always a [`Refusal::Rule`]).
    Blocked(Refusal),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextAct {
    pub kind: CommandKind,
    /// The role the official would act in.
    pub role: Role,
    pub next: Next,
}

/// What the dry run needs besides the decision.
pub struct Situation<'a> {
    pub today: NaiveDate,
    /// The calendar of the decision's binding.
    pub calendar: &'a Calendar,
    /// Ids of the public comments received by the decision's consultation.
    pub received_comments: &'a [String],
}

/// The acts `o` may take on `d` now, and those the procedure blocks, in the order of
/// [`CommandKind::ALL`] (the procedure's order).
pub fn next_acts(o: &Official, d: &Decision, s: &Situation) -> Vec<NextAct> {
    let mut out = Vec::new();
    for kind in CommandKind::ALL {
        let Ok(role) = may_act(o, kind, d, s.today) else {
            continue;
        };
        let next = if !allowed(kind, d.stage) {
            match stage_refusal(d, kind) {
                r @ Refusal::Rule { .. } => Next::Blocked(r),
                _ => continue,
            }
        } else {
            match probe(kind, d, s.today) {
                None => Next::Available,
                Some(cmd) => {
                    let actor = o.acting_as(role);
                    let ctx = Context {
                        actor: &actor,
                        today: s.today,
                        calendar: s.calendar,
                        received_comments: s.received_comments,
                        messages: None,
                        related: None,
                        named: None,
                    };
                    match decide(d, &cmd, &ctx) {
                        Ok(_) => Next::Available,
                        Err(r @ Refusal::Rule { .. }) => Next::Blocked(r),
                        Err(_) => continue,
                    }
                }
            }
        };
        out.push(NextAct { kind, role, next });
    }
    out
}

/// A fixed text for a probe's payload: what the official would write is theirs to write.
fn filled() -> Text {
    named("（待填写）")
}

fn named(literal: &'static str) -> Text {
    Text::parse("内容", literal).unwrap_or_else(|_| unreachable!("a non-empty literal"))
}

/// For the acts the record can block, the best act an official could send today: every payload
/// requirement met, so that a refusal can only come from the record. `None` for the acts whose
/// only conditions are the stage and the official's own input.
fn probe(kind: CommandKind, d: &Decision, today: NaiveDate) -> Option<Command> {
    use CommandKind as K;
    Some(match kind {
        // Art. 15, 18: the period has run to its last day and every opinion has its answer.
        K::ClosePublicConsultation => Command::ClosePublicConsultation(ConsultationClosure {
            closed_on: today,
            adoption_report: filled(),
        }),
        // Art. 13, 24, 25, 26: every drafting track settled, units consulted, risk controllable.
        K::RequestLegalityReview => Command::RequestLegalityReview(RequestLegalityReview {
            requested_on: today,
            legal_basis: vec![filled()],
            procedure_statement: None,
            shortened_reason: None,
        }),
        // Art. 28: a counsel's opinion first.
        K::ConcludeLegalityReview => Command::ConcludeLegalityReview(ConcludeLegalityReview {
            concluded_on: today,
            conclusion: ReviewConclusion::Lawful,
            authority: Some(filled()),
            procedure: Some(filled()),
            content: Some(filled()),
            required_revisions: None,
            risk_statement: None,
            opinion_number: None,
        }),
        // Art. 25, 26, 28, 30: a lawful review, its minimum time, the revised draft.
        K::RecordCollectiveDiscussion => Command::RecordCollectiveDiscussion(Meeting {
            held_on: today,
            kind: MeetingKind::Executive,
            session: None,
            draft_version: d.draft_version(),
            attendance: Some(Attendance {
                members: 2,
                present: 2,
            }),
            speeches: vec![
                Speech {
                    speaker: named("（会议组成人员）"),
                    is_head: false,
                    position: Position::Agree,
                    statement: None,
                },
                Speech {
                    speaker: named("（行政首长）"),
                    is_head: true,
                    position: Position::Agree,
                    statement: None,
                },
            ],
            outcome: MeetingOutcome::Adopted,
            head_reason: None,
        }),
        // Art. 8, 31: the reports the matter needs, before issuance.
        K::PublishDecision => Command::PublishDecision(Publication {
            published_on: today,
            channels: vec![filled()],
            document_number: Some(filled()),
            opinion_explanation: Some(filled()),
            non_disclosure_basis: None,
        }),
        // Art. 33: the record is complete.
        K::ArchiveDecision => Command::ArchiveDecision { archived_on: today },
        // Reported once: listed only until done.
        K::RecordPartyCommitteeReport | K::RecordCongressReport => {
            let report = Report {
                reported_on: today,
                recipient: filled(),
                summary: filled(),
            };
            if kind == K::RecordPartyCommitteeReport {
                Command::RecordPartyCommitteeReport(report)
            } else {
                Command::RecordCongressReport(report)
            }
        }
        K::StartProcedure
        | K::ReviseDraft
        | K::OpenPublicConsultation
        | K::DisposeComment
        | K::HideComment
        | K::RecordOpinion
        | K::DisposeCommentGroup
        | K::PublishHearingNotice
        | K::RecordHearing
        | K::RecordUnitConsultation
        | K::RecordDraftingAnalysis
        | K::CorrectFlag
        | K::RecordExpertArgumentation
        | K::RecordRiskAssessment
        | K::RecordFairCompetitionReview
        | K::MarkTrackNotRequired
        | K::SubmitLegalOpinion
        | K::AcceptReviewRequest
        | K::RequestSupplement
        | K::SupplyMaterials
        | K::AssignCounsel
        | K::WithdrawCounselAssignment
        | K::ReturnLegalityReview
        | K::FileDecision
        | K::RecordFilingReview
        | K::StartExecution
        | K::ReportExecution
        | K::ReportIncident
        | K::SuspendExecution
        | K::ResumeExecution
        | K::StartPostEvaluation
        | K::ConcludePostEvaluation
        | K::WithdrawDecision
        | K::TerminateDecision
        | K::AdjustDecision
        | K::AttachMaterial
        | K::IssueSupervisionNotice => return None,
    })
}
