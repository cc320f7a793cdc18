//! 更正: a flag ticked wrongly at proposal is corrected as an act of its own — by the office or
//! the sponsor, with a reason, recorded in the history — and only before the stage where the
//! flag decides something. A correction that makes a drafting track required re-opens it.
//!
//! Correcting the record is the engine's own discipline (`record.correction`): the regulation
//! says what the record holds (Art. 33), not how a wrong tick is put right.

use super::super::event::Event;
use super::super::model::*;
use super::super::rules::{Refusal, Rule, ensure};

/// The last stage in which the flag may still be corrected, and what it decides after that.
fn last_stage(flag: Flag) -> (Stage, &'static str) {
    match flag {
        // They decide which drafting procedures are required, judged at the review request.
        Flag::NonDisclosable
        | Flag::ProfessionalTechnical
        | Flag::StabilityImpact
        | Flag::AffectsMarketEntities
        | Flag::AffectsSpecificGroup
        | Flag::AffectsOtherUnits => (Stage::Drafting, "送请合法性审查"),
        // It decides which review conclusions are lawful (Art. 25(2)).
        Flag::ExploratoryReform => (Stage::LegalityReview, "出具合法性审查意见"),
        // They decide the reports before publication and the filing after it (Art. 8, 备案).
        Flag::CongressReportRequired | Flag::NormativeDocument => (Stage::Adopted, "公布"),
    }
}

fn order(stage: Stage) -> u8 {
    match stage {
        Stage::Proposed => 0,
        Stage::Drafting => 1,
        Stage::LegalityReview => 2,
        Stage::AwaitingDiscussion => 3,
        Stage::Adopted => 4,
        Stage::Published
        | Stage::InExecution
        | Stage::Suspended
        | Stage::PostEvaluation
        | Stage::Rejected
        | Stage::Withdrawn
        | Stage::Terminated
        | Stage::Adjusted
        | Stage::Archived => 5,
    }
}

pub(super) fn correct(d: &Decision, c: &Correction) -> Result<Event, Refusal> {
    if d.proposal.flags.get(c.flag) == c.value {
        return Err(Refusal::NothingToActOn {
            act: "更正决策事项标记",
            why: "该标记已经是所更正的值",
        });
    }
    let (last, decides) = last_stage(c.flag);
    ensure(
        order(d.stage) <= order(last),
        Rule::RecordCorrection,
        || {
            format!(
                "“{}”标记决定了“{decides}”时应当履行的程序，只能在{decides}之前更正；决策已处于“{}”阶段",
                c.flag.label(),
                d.stage.label()
            )
        },
    )?;
    // A consultation already held in public cannot be made non-disclosable after the fact.
    ensure(
        !(c.flag == Flag::NonDisclosable && c.value && d.consultation.is_some()),
        Rule::RecordCorrection,
        || "决策草案已经向社会公开征求意见，不能再更正为依法不予公开".into(),
    )?;
    Ok(Event::FlagCorrected(c.clone()))
}
