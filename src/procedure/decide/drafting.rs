//! Chapter 2 of the regulation: starting the procedure and forming the draft — public
//! participation, hearings, expert argumentation, risk assessment (Art. 10–24), and the
//! fair-competition review of Art. 29(1).

use super::super::command::*;
use super::super::event::{ConsultationClosed, Event};
use super::super::model::*;
use super::super::rules::{Refusal, Rule, ensure};
use super::super::values::{Text, ValueError};
use super::{Context, once};

pub(super) fn start(d: &Decision, start: &Start) -> Result<Event, Refusal> {
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
    Ok(Event::ProcedureStarted(start.clone()))
}

pub(super) fn revise(d: &Decision, r: &ReviseDraft) -> Result<Event, Refusal> {
    if d.stage == Stage::AwaitingDiscussion {
        // Art. 25(2) with Art. 28: after the review, only the revision it asked for; a draft
        // changed otherwise is an unreviewed draft and needs a new review.
        ensure(d.revision_pending, Rule::ReviewReviewedDraft, || {
            "经合法性审查的草案不得另行修改：修改后的草案未经合法性审查，不得提交讨论；如需修改，请重新送请合法性审查".into()
        })?;
    }
    Ok(Event::DraftRevised(Draft {
        version: d.draft_version() + 1,
        text: r.text.clone(),
        explanation: r.explanation.clone(),
        change_note: r.change_note.clone(),
        revised_on: r.revised_on,
    }))
}

pub(super) fn open_consultation(
    d: &Decision,
    o: &OpenConsultation,
    cmd: &Command,
) -> Result<Event, Refusal> {
    ensure(
        !d.proposal.flags.non_disclosable,
        Rule::ConsultationRequired,
        || "依法不予公开的决策事项不向社会公开征求意见".into(),
    )?;
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
    Ok(Event::ConsultationOpened(ConsultationNotice {
        opened_on: o.opened_on,
        ends_on: o.ends_on,
        channels: o.channels.clone(),
        how_to_comment,
        draft_version: draft.version,
        shortened_reason: o.shortened_reason.clone(),
        groups_consulted: o.groups_consulted.clone(),
    }))
}

/// The consultation the sponsor can still act on: opened and not closed. Without one there is
/// nothing to dispose of or close — a matter of the record's state, not of any article.
fn open<'d>(d: &'d Decision, act: &'static str) -> Result<&'d Consultation, Refusal> {
    d.consultation
        .as_ref()
        .filter(|c| c.closure.is_none())
        .ok_or(Refusal::NothingToActOn {
            act,
            why: "没有正在进行的公开征求意见",
        })
}

/// Every opinion the consultation has received: the public's comments sent through the engine
/// and the opinions the sponsor recorded from other channels (Art. 18 counts them all).
fn received<'a>(c: &'a Consultation, ctx: &'a Context) -> impl Iterator<Item = &'a str> {
    ctx.received_comments
        .iter()
        .map(String::as_str)
        .chain(c.received.iter().map(|o| o.id.as_str()))
}

pub(super) fn dispose(d: &Decision, disp: &Disposition, ctx: &Context) -> Result<Event, Refusal> {
    let c = open(d, CommandKind::DisposeComment.label())?;
    if !received(c, ctx).any(|id| id == disp.comment_id) {
        return Err(Refusal::NotFound { what: "意见" });
    }
    Ok(Event::CommentDisposed(Disposition {
        group: None,
        ..disp.clone()
    }))
}

/// Moderation: an abusive or spam comment is hidden with the reason — never deleted, still
/// counted in the record — and needs no disposition. Only the public's comments sent through the
/// engine: an opinion the sponsor recorded itself is answered, not hidden.
pub(super) fn hide(
    d: &Decision,
    comment_id: &str,
    reason: &Text,
    ctx: &Context,
) -> Result<Event, Refusal> {
    let c = open(d, CommandKind::HideComment.label())?;
    if !ctx.received_comments.iter().any(|id| id == comment_id) {
        return Err(Refusal::NotFound { what: "意见" });
    }
    if c.hidden.contains_key(comment_id) || c.dispositions.contains_key(comment_id) {
        return Err(Refusal::NothingToActOn {
            act: CommandKind::HideComment.label(),
            why: "该意见已经处理或者屏蔽",
        });
    }
    Ok(Event::CommentHidden {
        comment_id: comment_id.to_owned(),
        reason: reason.clone(),
    })
}

/// Art. 18: opinions that reach the sponsor by letter, e-mail, phone, a symposium or elsewhere
/// are recorded with their channel and date, and count like the public's comments.
pub(super) fn record_opinion(d: &Decision, o: &RecordOpinion) -> Result<Event, Refusal> {
    let c = open(d, CommandKind::RecordOpinion.label())?;
    Ok(Event::OpinionRecorded(ReceivedOpinion {
        id: format!("R-{}", c.received.len() + 1),
        received_on: o.received_on,
        channel: o.channel,
        author: o.author.clone(),
        body: o.body.clone(),
    }))
}

/// Art. 18 (归纳整理): similar opinions are disposed of together, one reason for the group;
/// each stays traceable to the disposition through its id.
pub(super) fn dispose_group(
    d: &Decision,
    g: &DisposeCommentGroup,
    ctx: &Context,
) -> Result<Event, Refusal> {
    let c = open(d, CommandKind::DisposeCommentGroup.label())?;
    let mut ids: Vec<&str> = g.comment_ids.iter().map(String::as_str).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() < 2 || ids.len() != g.comment_ids.len() {
        return Err(Refusal::InvalidInput(ValueError::Invalid {
            field: "意见编号",
            why: "一组意见应当列出两条以上、互不重复的意见",
        }));
    }
    let known: Vec<&str> = received(c, ctx).collect();
    if ids.iter().any(|id| !known.contains(id)) {
        return Err(Refusal::NotFound { what: "意见" });
    }
    Ok(Event::CommentGroupDisposed(DispositionGroup {
        number: c.groups.len() as u32 + 1,
        comment_ids: g.comment_ids.clone(),
        summary: g.summary.clone(),
        outcome: g.outcome,
        reason: g.reason.clone(),
    }))
}

pub(super) fn close_consultation(
    d: &Decision,
    closure: &ConsultationClosure,
    ctx: &Context,
) -> Result<Event, Refusal> {
    let c = open(d, CommandKind::ClosePublicConsultation.label())?;
    // Art. 15 counted by 《民法典》 Art. 203: the last day runs to 24:00, so the public keeps it
    // whole; the consultation is closed on a later day. (Being after the last day, the closing
    // date also proves the period is over by the server's clock: no act is dated in the future.)
    let ends = c.notice.ends_on;
    ensure(closure.closed_on > ends, Rule::ConsultationLastDay, || {
        format!(
            "公告的征求意见期限至{ends} 24时届满（《民法典》第二百零三条），届满前不能结束；最早可于{}登记结束",
            ends.succ_opt().unwrap_or(ends)
        )
    })?;
    // Art. 18: every opinion received, by whatever channel, is studied and answered before the
    // track ends.
    let pending = received(c, ctx)
        .filter(|id| !c.dispositions.contains_key(*id) && !c.hidden.contains_key(*id))
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
        !d.proposal.flags.affects_specific_group || group_heard,
        Rule::ConsultationGroup,
        || "决策事项涉及特定群体利益，应当至少通过一种方式听取该群体的组织或代表的意见".into(),
    )?;
    Ok(Event::ConsultationClosed(ConsultationClosed {
        closure: closure.clone(),
        messages: ctx.messages.cloned(),
    }))
}

/// Art. 16(2)–(3): before the hearing the draft, the time and place, how participants are
/// chosen and who they are are published.
pub(super) fn hearing_notice(d: &Decision, n: &PublishHearingNotice) -> Result<Event, Refusal> {
    let Some(draft) = &d.draft else {
        return Err(Refusal::rule(
            Rule::HearingNotice,
            "听证会公告应当公布决策草案及其说明，请先登记决策草案",
        ));
    };
    ensure(n.hearing_on > n.published_on, Rule::HearingNotice, || {
        "听证时间、地点等信息应当在听证会召开前公布".into()
    })?;
    ensure(!n.channels.is_empty(), Rule::HearingNotice, || {
        "听证会公告应当载明公布途径".into()
    })?;
    ensure(!n.participants.is_empty(), Rule::HearingNotice, || {
        "听证参加人名单应当提前向社会公布".into()
    })?;
    Ok(Event::HearingNoticePublished(HearingNotice {
        published_on: n.published_on,
        hearing_on: n.hearing_on,
        place: n.place.clone(),
        channels: n.channels.clone(),
        draft_version: draft.version,
        selection_method: n.selection_method.clone(),
        participants: n.participants.clone(),
    }))
}

pub(super) fn hearing(d: &Decision, h: &Hearing) -> Result<Event, Refusal> {
    // Art. 16(2)–(3): the hearing was announced, and those heard were on the published list.
    let Some(notice) = d.hearing_notices.iter().find(|n| n.hearing_on == h.held_on) else {
        return Err(Refusal::rule(
            Rule::HearingNotice,
            format!(
                "没有公布{}召开听证会的公告：听证会的时间、地点和听证参加人名单应当提前公布",
                h.held_on
            ),
        ));
    };
    let unlisted: Vec<&str> = h
        .participants
        .iter()
        .filter(|p| !notice.participants.contains(&p.name))
        .map(|p| p.name.as_str())
        .collect();
    ensure(unlisted.is_empty(), Rule::HearingNotice, || {
        format!(
            "以下听证参加人不在提前公布的名单中：{}",
            unlisted.join("、")
        )
    })?;
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
    Ok(Event::HearingRecorded(h.clone()))
}

pub(super) fn experts(a: &ExpertArgumentation) -> Result<Event, Refusal> {
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
    Ok(Event::ExpertArgumentationRecorded(a.clone()))
}

pub(super) fn risk(d: &Decision, r: &RecordRiskAssessment) -> Result<Event, Refusal> {
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
    Ok(Event::RiskAssessmentRecorded(RiskAssessment {
        assessed_on: r.assessed_on,
        assessing_unit: r.assessing_unit.clone(),
        draft_version: d.draft_version(),
        risk_points: r.risk_points.clone(),
        measures: r.measures.clone(),
        response_plan: r.response_plan.clone(),
        departments_heard: r.departments_heard.clone(),
        conclusion: r.conclusion,
        prior_assessment: r.prior_assessment.clone(),
    }))
}

/// Art. 13: the units concerned are consulted; where they do not agree, the dispute is stated
/// for the organ — the main issues, the units' opinions, the sponsor's own with its reasons.
pub(super) fn units_consulted(u: &UnitConsultation) -> Result<Event, Refusal> {
    ensure(!u.units.is_empty(), Rule::DraftingUnitsConsulted, || {
        "应当列明协商的单位".into()
    })?;
    ensure(
        u.agreed || u.dispute.is_some(),
        Rule::DraftingUnitsConsulted,
        || {
            "不能取得一致意见的，应当向决策机关说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据"
                .into()
        },
    )?;
    Ok(Event::UnitsConsulted(u.clone()))
}

/// Art. 12: recorded where the matter needs it; the regulation leaves when to the sponsor
/// (根据需要, 可以), so the engine records and does not require it.
pub(super) fn analysis(a: &DraftingAnalysis) -> Result<Event, Refusal> {
    if a.cost_benefit.is_none() && a.options.is_empty() {
        return Err(Refusal::InvalidInput(ValueError::Empty {
            field: "成本效益分析或备选方案",
        }));
    }
    Ok(Event::DraftingAnalysed(a.clone()))
}

/// The rule that makes a drafting track required, whether it does for this matter, and what
/// it says.
pub(super) fn requirement(d: &Decision, track: Track) -> (bool, Rule, &'static str) {
    let (rule, says) = match track {
        Track::PublicParticipation => (
            Rule::ConsultationRequired,
            "决策承办单位应当采取便于社会公众参与的方式充分听取意见，依法不予公开的决策事项除外",
        ),
        Track::ExpertArgumentation => (
            Rule::ExpertsRequired,
            "专业性、技术性较强的决策事项应当组织专家论证",
        ),
        Track::RiskAssessment => (
            Rule::RiskRequired,
            "可能对社会稳定、公共安全等造成不利影响的决策事项应当进行风险评估；已按其他规定评估的，请登记风险评估并引用原评估",
        ),
        Track::FairCompetitionReview => (
            Rule::FairCompetitionRequired,
            "涉及市场主体经济活动的决策草案应当进行公平竞争审查",
        ),
    };
    (d.requires(track), rule, says)
}

pub(super) fn not_required(d: &Decision, track: Track, basis: &Text) -> Result<Event, Refusal> {
    let (required, rule, why) = requirement(d, track);
    ensure(!required, rule, || why.into())?;
    ensure(
        matches!(d.tracks.get(track), TrackState::Pending),
        rule,
        || format!("{}已经开展，不能再标记为无需开展", track.label()),
    )?;
    Ok(Event::TrackMarkedNotRequired {
        track,
        basis: basis.clone(),
    })
}

/// Art. 26: the statement of how the procedure was performed, generated from the record. Its
/// lines quote texts officials typed (units, bases), so its length is theirs to grow: it is
/// kept within a text's bound by [`Text::generated`], never by a panic.
pub(super) fn procedure_statement(d: &Decision) -> Text {
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
    Text::generated(&lines.join("\n"))
}
