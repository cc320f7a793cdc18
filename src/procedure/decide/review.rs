//! Chapter 3, section 1: the legality review (Art. 25–28).

use super::super::command::*;
use super::super::event::Event;
use super::super::model::*;
use super::super::rules::{Refusal, Rule, ensure};
use super::super::values::ValueError;
use super::Context;
use super::drafting::{procedure_statement, requirement};

pub(super) fn request(d: &Decision, req: &RequestLegalityReview) -> Result<Event, Refusal> {
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
    // Every drafting procedure is done or lawfully not required; the refusal cites the article
    // that requires the first one still open, and lists them all.
    let unsettled: Vec<Track> = Track::ALL
        .into_iter()
        .filter(|t| !d.tracks.get(*t).is_settled())
        .collect();
    if let Some(first) = unsettled.first() {
        let (_, rule, _) = requirement(d, *first);
        let names: Vec<&str> = unsettled.iter().map(|t| t.label()).collect();
        return Err(Refusal::rule(
            rule,
            format!(
                "以下程序尚未完成，也未依法标记为无需开展：{}",
                names.join("、")
            ),
        ));
    }
    // Art. 13: the units concerned were consulted (and any dispute stated) before the draft
    // goes for review.
    ensure(
        !d.proposal.flags.affects_other_units || !d.unit_consultations.is_empty(),
        Rule::DraftingUnitsConsulted,
        || "决策事项涉及其他单位职责或者与其关系紧密，送审前应当与其充分协商并记录协商情况".into(),
    )?;
    // Art. 26: the draft, its legal basis, the statement of the procedure performed.
    ensure(!req.legal_basis.is_empty(), Rule::ReviewMaterials, || {
        "送请合法性审查应当提供有关法律、法规、规章等依据".into()
    })?;
    // Art. 25(2), 28: after an UNLAWFUL finding the draft must change before a new review.
    if let Some(last) = d.current_review() {
        ensure(
            last.conclusion() != Some(ReviewConclusion::Unlawful)
                || draft.version > last.draft_version,
            Rule::ReviewRevisions,
            || "上次合法性审查认为草案不合法，应当根据审查意见修改草案后重新送审".into(),
        )?;
    }
    Ok(Event::LegalityReviewRequested(LegalityReview {
        round: d.reviews.len() as u32 + 1,
        requested_on: req.requested_on,
        shortened_reason: req.shortened_reason.clone(),
        draft_version: draft.version,
        legal_basis: req.legal_basis.clone(),
        procedure_statement: match &req.procedure_statement {
            Some(s) => s.clone(),
            None => procedure_statement(d),
        },
        accepted_on: None,
        supplements: Vec::new(),
        assignments: Vec::new(),
        opinions: Vec::new(),
        outcome: None,
    }))
}

pub(super) fn opinion(o: &SubmitLegalOpinion, ctx: &Context) -> Event {
    Event::LegalOpinionSubmitted(LegalOpinion {
        counsel_id: ctx.actor.id.clone(),
        counsel_name: ctx.actor.name.clone(),
        kind: o.kind,
        opinion: o.opinion.clone(),
        given_on: o.given_on,
    })
}

/// 受理: the review office takes the request in, once per round.
pub(super) fn accept(d: &Decision, on: chrono::NaiveDate, cmd: &Command) -> Result<Event, Refusal> {
    if d.current_review().is_some_and(|r| r.accepted_on.is_some()) {
        return Err(Refusal::AlreadyDone {
            act: cmd.kind().label(),
        });
    }
    Ok(Event::ReviewRequestAccepted { accepted_on: on })
}

/// Art. 26(1): the sponsor answers the review office's request for more material; the file
/// stays with the review office.
pub(super) fn supply(d: &Decision, m: &SuppliedMaterials) -> Result<Event, Refusal> {
    if d.current_review()
        .and_then(LegalityReview::open_supplement)
        .is_none()
    {
        return Err(Refusal::NothingToActOn {
            act: CommandKind::SupplyMaterials.label(),
            why: "合法性审查部门没有要求补充材料",
        });
    }
    Ok(Event::MaterialsSupplied(m.clone()))
}

/// Art. 28: the review office organises legal advisers and public lawyers; each assignment names
/// a counsel account of the decision's organ, once per round while it stands.
pub(super) fn assign(d: &Decision, a: &AssignCounsel, ctx: &Context) -> Result<Event, Refusal> {
    let counsel = ctx
        .named
        .filter(|o| o.id == a.counsel_id && o.has(Role::Counsel) && o.organ == d.organ())
        .ok_or(Refusal::InvalidInput(ValueError::Invalid {
            field: "counselAccountId",
            why: "不是本决策机关有效的法律顾问、公职律师账号",
        }))?;
    let already = d.current_review().is_some_and(|r| {
        r.assignments
            .iter()
            .any(|x| x.is_active() && x.counsel_id == counsel.id)
    });
    if already {
        return Err(Refusal::AlreadyDone {
            act: CommandKind::AssignCounsel.label(),
        });
    }
    Ok(Event::CounselAssigned(CounselAssignment {
        counsel_id: counsel.id.clone(),
        counsel_name: counsel.name.clone(),
        kind: a.kind,
        affiliation: a.affiliation.clone(),
        assigned_on: a.assigned_on,
        withdrawal: None,
    }))
}

/// An assignment is withdrawn, never deleted: the record shows who was assigned and why they
/// stopped.
pub(super) fn withdraw_assignment(
    d: &Decision,
    counsel_id: &str,
    w: &AssignmentWithdrawal,
) -> Result<Event, Refusal> {
    let active = d.current_review().is_some_and(|r| {
        r.assignments
            .iter()
            .any(|a| a.is_active() && a.counsel_id == counsel_id)
    });
    if !active {
        return Err(Refusal::NothingToActOn {
            act: CommandKind::WithdrawCounselAssignment.label(),
            why: "本轮审查没有指派该法律顾问、公职律师",
        });
    };
    Ok(Event::CounselAssignmentWithdrawn {
        counsel_id: counsel_id.to_owned(),
        withdrawal: w.clone(),
    })
}

pub(super) fn conclude(d: &Decision, c: &ConcludeLegalityReview) -> Result<Event, Refusal> {
    // Art. 28: at least one opinion of a legal adviser or public lawyer.
    ensure(
        d.current_review().is_some_and(|r| !r.opinions.is_empty()),
        Rule::ReviewCounselOpinion,
        || "合法性审查过程中应当组织法律顾问、公职律师提出法律意见，本轮审查尚无法律意见".into(),
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
    // Art. 25(2): LEGAL_RISK_DISCLOSED only for an exploratory reform, with the risk stated.
    if c.conclusion == ReviewConclusion::LegalRiskDisclosed {
        ensure(
            d.proposal.flags.exploratory_reform && c.risk_statement.is_some(),
            Rule::ReviewGate,
            || "“提示法律风险”的结论仅适用于国家尚无明确规定的探索性改革事项，并应载明风险".into(),
        )?;
    }
    if c.conclusion == ReviewConclusion::LawfulWithRevisions {
        ensure(
            c.required_revisions.is_some(),
            Rule::ReviewRevisions,
            || "“修改后合法”的结论应当载明需要修改的内容".into(),
        )?;
    }
    Ok(Event::LegalityReviewEnded(ReviewOutcome::Concluded {
        concluded_on: c.concluded_on,
        conclusion: c.conclusion,
        findings: Findings {
            authority: authority.clone(),
            procedure: procedure.clone(),
            content: content.clone(),
        },
        required_revisions: c.required_revisions.clone(),
        risk_statement: c.risk_statement.clone(),
        opinion_number: c.opinion_number.clone(),
    }))
}
