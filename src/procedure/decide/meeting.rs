//! Chapter 3, section 2: collective discussion and decision, the reports before issuance, and
//! publication (Art. 8, 29–32); and 备案, which the provincial rules add.

use super::super::command::*;
use super::super::event::Event;
use super::super::model::*;
use super::super::rules::{Refusal, Rule, ensure};
use super::once;
use crate::calendar::Calendar;

/// Why no meeting can decide yet, when the decision has not reached discussion: the statutory
/// gate it has not passed.
pub(super) fn gate(d: &Decision) -> Refusal {
    // Art. 24: an uncontrollable risk blocks any decision until a new assessment says otherwise.
    if d.latest_risk_assessment()
        .is_some_and(|r| r.conclusion == RiskConclusion::Uncontrollable)
    {
        return Refusal::rule(
            Rule::RiskControllable,
            "风险评估认为风险不可控，应当在采取调整决策草案等措施确保风险可控后，方可作出决策",
        );
    }
    // Art. 25: reviewed, and not found unlawful, before the meeting.
    let why = match (
        d.stage,
        d.current_review().and_then(LegalityReview::conclusion),
    ) {
        (Stage::LegalityReview, _) => "合法性审查尚未出具审查意见",
        (_, Some(ReviewConclusion::Unlawful)) => {
            "决策草案经合法性审查不合法，应当修改后重新送请审查"
        }
        _ => "决策草案尚未经合法性审查",
    };
    Refusal::rule(
        Rule::ReviewGate,
        format!("{why}：决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论"),
    )
}

/// Art. 25, 29, 30: the meeting may decide only on a complete package, in the lawful form.
pub(super) fn record(d: &Decision, m: &Meeting, calendar: &Calendar) -> Result<Event, Refusal> {
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
    if !review_ok {
        return Err(gate(d));
    }
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
    collective(m, d.binding.profile.meeting_quorum_percent)?;
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
    Ok(Event::CollectiveDiscussionRecorded(m.clone()))
}

/// Art. 30: "collective discussion" means the meeting's members discuss. The members present
/// are recorded; below the profile's quorum, with no member's opinion besides the head's, or
/// with a member present whose position is not recorded, there was no collective discussion.
fn collective(m: &Meeting, quorum_percent: u32) -> Result<(), Refusal> {
    let Some(a) = m.attendance else {
        return Err(Refusal::rule(
            Rule::MeetingQuorum,
            "应当记录会议组成人员人数和出席人数",
        ));
    };
    ensure(
        a.present >= 1 && a.present <= a.members,
        Rule::MeetingQuorum,
        || {
            format!(
                "出席人数（{}）应当在1至会议组成人员人数（{}）之间",
                a.present, a.members
            )
        },
    )?;
    ensure(
        u64::from(a.present) * 100 > u64::from(a.members) * u64::from(quorum_percent),
        Rule::MeetingQuorum,
        || {
            format!(
                "会议组成人员{}人，出席{}人，未达到集体讨论所需的出席人数（超过{quorum_percent}%）",
                a.members, a.present
            )
        },
    )?;
    let members_heard = m.speeches.iter().filter(|s| !s.is_head).count();
    ensure(members_heard >= 1, Rule::MeetingQuorum, || {
        "会议组成人员应当充分发表意见：除行政首长外，没有会议组成人员的意见记录，不构成集体讨论"
            .into()
    })?;
    // Every member present speaks, or at least has a position on record (abstaining counts).
    let speakers: std::collections::BTreeSet<&str> =
        m.speeches.iter().map(|s| s.speaker.as_str()).collect();
    ensure(
        speakers.len() == m.speeches.len(),
        Rule::MeetingQuorum,
        || "每位会议组成人员的意见只记录一次".into(),
    )?;
    ensure(
        m.speeches.len() == a.present as usize,
        Rule::MeetingQuorum,
        || {
            format!(
                "出席的会议组成人员{}人，记录了{}人的意见：每位出席人员都应当记录其意见（同意、不同意或弃权）",
                a.present,
                m.speeches.len()
            )
        },
    )
}

pub(super) fn publish(d: &Decision, p: &Publication) -> Result<Event, Refusal> {
    let flags = d.proposal.flags;
    // Art. 31: reported to the Party committee before issuance.
    ensure(d.party_report.is_some(), Rule::PublishPartyReport, || {
        "重大行政决策出台前应当按照规定向同级党委请示报告".into()
    })?;
    // Art. 8: reported to the people's congress standing committee before issuance, where
    // the matter is one it must hear.
    ensure(
        !flags.congress_report_required || d.congress_report.is_some(),
        Rule::PublishCongressReport,
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
            || "专业性、技术性较强的决策，公布时应当说明公众意见、专家论证意见的采纳情况".into(),
        )?;
    }
    Ok(Event::Published(p.clone()))
}

/// The answer of an authority that was filed with, recorded once.
pub(super) fn filing_review(
    d: &Decision,
    r: &FilingReview,
    cmd: &Command,
) -> Result<Event, Refusal> {
    let Some(filing) = d.filing_with(r.authority.as_str()) else {
        return Err(Refusal::NothingToActOn {
            act: CommandKind::RecordFilingReview.label(),
            why: "尚未向该机关报送备案",
        });
    };
    once(filing.review_result.is_none(), cmd)?;
    Ok(Event::FilingReviewed(r.clone()))
}

/// 备案 with each authority the profile names, once each.
pub(super) fn file(d: &Decision, f: &Filing, cmd: &Command) -> Result<Event, Refusal> {
    let authorities = &d.binding.profile.filing_authorities;
    ensure(
        authorities.iter().any(|a| a == f.authority.as_str()),
        Rule::FilingAuthority,
        || {
            format!(
                "备案机关应当是本地规定的备案机关之一：{}",
                authorities.join("、")
            )
        },
    )?;
    once(d.filing_with(f.authority.as_str()).is_none(), cmd)?;
    Ok(Event::Filed(f.clone()))
}
