//! What the public may read of a decision: what the organ itself made public.
//!
//! - Art. 15: a draft under public consultation, with its explanation, while the consultation is
//!   open; the notice (how and until when to comment) from the day it was published on, since a
//!   published notice stays a public fact;
//! - Art. 32: the published decision — its text, document number, publication channels and the
//!   explanation of how the public's and experts' opinions were adopted.
//!
//! Nothing else: not drafts outside a consultation, not the opinions of counsel, experts or the
//! meeting, not risk reports, not who commented. A matter that may not be disclosed (Art. 14:
//! 依法不予公开) shows nothing at all.
//!
//! [`public_view`] builds the published part as a [`Decision`] field by field, with no `..`: a
//! field added to the record is a compile error here until someone decides whether the public
//! may read it.

use chrono::NaiveDate;

use super::model::*;

/// The consultation open today, if there is one.
fn open_consultation(d: &Decision, today: NaiveDate) -> Option<&Consultation> {
    d.consultation.as_ref().filter(|c| {
        d.stage == Stage::Drafting
            && c.closure.is_none()
            && c.notice.opened_on <= today
            && today <= c.notice.ends_on
    })
}

fn disclosable(d: &Decision) -> bool {
    !d.proposal.flags.non_disclosable
        && d.publication
            .as_ref()
            .is_none_or(|p| p.non_disclosure_basis.is_none())
}

/// A consultation notice published on or before today, open or not.
fn published_notice(d: &Decision, today: NaiveDate) -> Option<&Consultation> {
    d.consultation
        .as_ref()
        .filter(|c| c.notice.opened_on <= today)
}

/// Whether the public may read anything of `d` today.
pub fn is_public(d: &Decision, today: NaiveDate) -> bool {
    disclosable(d) && (d.publication.is_some() || published_notice(d, today).is_some())
}

/// The part of `d` the public may read today, or `None` when it may read nothing.
pub fn public_view(d: &Decision, today: NaiveDate) -> Option<Decision> {
    if !is_public(d, today) {
        return None;
    }
    let open = open_consultation(d, today);
    // The text the public reads: the draft under consultation while it is open (only if it is
    // still the version the notice published), or the decision as adopted and published.
    let draft = d
        .draft
        .as_ref()
        .filter(|x| match open {
            Some(c) => x.version == c.notice.draft_version,
            None => d.publication.is_some(),
        })
        .map(|x| Draft {
            version: x.version,
            text: x.text.clone(),
            explanation: x.explanation.clone(),
            change_note: None,
            revised_on: x.revised_on,
        });
    let p = &d.proposal;
    Some(Decision {
        id: d.id.clone(),
        binding: d.binding.clone(),
        stage: d.stage,
        version: d.version,
        stage_entered_on: d.stage_entered_on,
        // Which organ and unit proposed is public; which official is not.
        proposer: Actor {
            id: String::new(),
            name: String::new(),
            organ: d.proposer.organ.clone(),
            unit: d.proposer.unit.clone(),
            role: d.proposer.role,
            on_behalf_of: None,
        },
        proposal: Proposal {
            title: p.title.clone(),
            summary: p.summary.clone(),
            category: p.category,
            nature: p.nature,
            source: p.source,
            source_statement: SourceStatement::default(),
            legal_basis: p.legal_basis.clone(),
            flags: Flags::default(),
            amends: p.amends.clone(),
            proposed_on: p.proposed_on,
            // The item is in the published catalogue; why a matter is outside it is the
            // organ's internal reasoning.
            catalogue: p
                .catalogue
                .clone()
                .filter(|l| matches!(l, CatalogueLink::Item { .. })),
        },
        start: d.start.as_ref().map(|s| Start {
            started_on: s.started_on,
            lead_unit: s.lead_unit.clone(),
            co_units: s.co_units.clone(),
            organ_decision: None,
        }),
        draft,
        tracks: Tracks::new(),
        consultation: published_notice(d, today).map(|c| Consultation {
            notice: c.notice.clone(),
            dispositions: Default::default(),
            closure: None,
            received: Vec::new(),
            groups: Vec::new(),
            hidden: Default::default(),
            messages_at_closure: None,
        }),
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
        publication: d.publication.clone(),
        filings: Vec::new(),
        execution: None,
        evaluations: Vec::new(),
        // A published decision stopped or adjusted by a new one (Art. 37): the public learns it
        // from the stage and the new decision, which is published in its turn.
        ending: d.publication.as_ref().and(d.ending.clone()),
        archived_on: d.archived_on,
        passed_deadlines: Vec::new(),
        // The documents are the organ's file; what is public of them the public pages show.
        materials: Vec::new(),
        // Supervision is the organ's internal order, not what it publishes.
        supervision_notices: Vec::new(),
    })
}
