//! Unit tests of the pure core: the transition table, the whole happy path, one test per rule of
//! PROCEDURE.md §4 that needs no calendar, and property tests over random command sequences.
//!
//! Every test builds its own world from the helpers below: a proposal, then the happy path's
//! commands applied one by one through `decide` and `evolve`, stopped where the test needs it.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

use super::*;
use crate::calendar::Calendar;

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const DECISION_ID: &str = "pingqiao-2023-003";
const LEAD_UNIT: &str = "平桥区住房和城乡建设局";
const RISK_UNIT: &str = "信阳市社会稳定风险评估中心";
const EXPERT_ORGANIZER: &str = "平桥区住建局城建科";
const EXPERT_INSTITUTION: &str = "河南省城乡规划设计研究总院";
const INDEPENDENT_EVALUATOR: &str = "信阳师范大学公共管理学院";

const ROLES: [Role; 7] = Role::ACCOUNTS;

fn t(s: &str) -> Text {
    Text::parse("测试", s).expect("test text is not blank")
}

/// Day `n` of the story; day 0 is the proposal.
fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 3).unwrap() + Duration::days(n)
}

/// The server's date: far enough after every act of the story.
fn today() -> NaiveDate {
    day(3650)
}

fn actor(role: Role) -> Actor {
    Actor {
        id: format!("{role:?}-1").to_lowercase(),
        name: format!("{}经办人", role.label()),
        organ: ORGAN.into(),
        unit: "平桥区人民政府".into(),
        role,
        on_behalf_of: None,
    }
}

const ORGAN: &str = "平桥区人民政府";

/// The counsel account the samples assign, as the service would find it.
fn counsel_official() -> Official {
    Official {
        id: "counsel-1".into(),
        name: "公职律师甲".into(),
        organ: ORGAN.into(),
        unit: "平桥区司法局".into(),
        roles: vec![Role::Counsel],
    }
}

fn assign(on: NaiveDate) -> Command {
    Command::AssignCounsel(AssignCounsel {
        counsel_id: "counsel-1".into(),
        kind: CounselKind::PublicLawyer,
        affiliation: t("平桥区司法局"),
        assigned_on: on,
    })
}

fn withdraw_assignment(on: NaiveDate) -> Command {
    Command::WithdrawCounselAssignment {
        counsel_id: "counsel-1".into(),
        withdrawal: AssignmentWithdrawal {
            withdrawn_on: on,
            reason: t("与决策事项存在利害关系，申请回避"),
        },
    }
}

fn proposal(flags: Flags) -> Proposal {
    Proposal {
        title: t("平桥区城区老旧小区改造实施方案"),
        summary: t("对2000年以前建成的城区老旧小区实施基础类、完善类改造"),
        category: Category::HenanPublicService,
        nature: MatterNature::Ordinary,
        source: ProposalSource::OrganLeader,
        source_statement: SourceStatement::default(),
        legal_basis: vec![t(
            "《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》",
        )],
        flags,
        amends: None,
        proposed_on: day(0),
        catalogue: Some(CatalogueLink::Outside {
            reason: t("年中新增事项，未列入年度目录"),
        }),
    }
}

/// The flags under which every drafting track runs and the decision is filed.
fn full_flags() -> Flags {
    Flags {
        professional_technical: true,
        stability_impact: true,
        affects_market_entities: true,
        affects_specific_group: true,
        normative_document: true,
        ..Flags::default()
    }
}

// --- commands, one constructor per act ---------------------------------------------------------

fn start_payload(on: NaiveDate) -> Start {
    Start {
        started_on: on,
        lead_unit: t(LEAD_UNIT),
        co_units: vec![t("平桥区财政局"), t("平桥区自然资源局")],
        organ_decision: Some(t("区政府2023年第5次常务会议决定启动")),
    }
}

fn start(on: NaiveDate) -> Command {
    Command::StartProcedure(start_payload(on))
}

fn revise(on: NaiveDate) -> Command {
    Command::ReviseDraft(ReviseDraft {
        text: t("平桥区城区老旧小区改造实施方案（征求意见稿）"),
        explanation: Some(t("起草说明")),
        change_note: None,
        revised_on: on,
    })
}

fn open_payload(opened_on: NaiveDate, ends_on: NaiveDate) -> OpenConsultation {
    OpenConsultation {
        opened_on,
        ends_on,
        channels: vec![t("平桥区人民政府网站")],
        how_to_comment: Some(t("电子邮件或信函寄至区住建局")),
        shortened_reason: None,
        groups_consulted: vec![t("老旧小区业主委员会代表")],
    }
}

fn open(opened_on: NaiveDate, ends_on: NaiveDate) -> Command {
    Command::OpenPublicConsultation(open_payload(opened_on, ends_on))
}

fn dispose(comment_id: &str, outcome: DispositionOutcome) -> Command {
    Command::DisposeComment(Disposition {
        comment_id: comment_id.into(),
        outcome,
        reason: t("已研究并答复"),
        group: None,
    })
}

/// Art. 16: the notice of a hearing on `hearing_on`, listing the participants of
/// [`hearing_payload`].
fn hearing_notice(published_on: NaiveDate, hearing_on: NaiveDate) -> Command {
    Command::PublishHearingNotice(PublishHearingNotice {
        published_on,
        hearing_on,
        place: t("平桥区政务服务中心三楼会议室"),
        channels: vec![t("平桥区人民政府网站")],
        selection_method: Some(t("自愿报名、随机抽取")),
        participants: vec![t("居民代表 陈某"), t("物业公司代表 周某")],
    })
}

fn close(on: NaiveDate) -> Command {
    Command::ClosePublicConsultation(ConsultationClosure {
        closed_on: on,
        adoption_report: t("公众意见采纳情况报告"),
    })
}

fn participant(name: &str, represents: Option<&str>, signed_record: bool) -> HearingParticipant {
    HearingParticipant {
        name: t(name),
        represents: represents.map(t),
        signed_record,
    }
}

fn hearing_payload(held_on: NaiveDate, materials_delivered_on: NaiveDate) -> Hearing {
    Hearing {
        held_on,
        materials_delivered_on,
        place: t("平桥区政务服务中心三楼会议室"),
        participants: vec![
            participant("居民代表 陈某", Some("羊山街道居民"), true),
            participant("物业公司代表 周某", None, true),
        ],
        record_summary: t("听证笔录"),
    }
}

fn expert_opinion(expert: &str, institution: bool) -> ExpertOpinion {
    ExpertOpinion {
        expert: t(expert),
        institution,
        interest_declaration: t("与本决策事项无直接利害关系"),
        has_direct_interest: false,
        opinion: t("方案可行，建议分期实施"),
        signed: true,
        sealed: institution,
    }
}

fn experts_payload(on: NaiveDate) -> ExpertArgumentation {
    ExpertArgumentation {
        held_on: on,
        method: ArgumentationMethod::Meeting,
        organizer: t(EXPERT_ORGANIZER),
        opinions: vec![
            expert_opinion("郑州大学 刘教授", false),
            expert_opinion(EXPERT_INSTITUTION, true),
        ],
        adoption_report: t("专家论证意见采纳情况"),
    }
}

fn experts(on: NaiveDate) -> Command {
    Command::RecordExpertArgumentation(experts_payload(on))
}

fn risk_payload(on: NaiveDate, conclusion: RiskConclusion) -> RecordRiskAssessment {
    RecordRiskAssessment {
        assessed_on: on,
        assessing_unit: t(RISK_UNIT),
        risk_points: vec![t("居民意见分歧")],
        measures: vec![t("逐户走访、分类施策")],
        response_plan: Some(t("群体性事件处置预案")),
        departments_heard: vec![t("区信访局"), t("区公安分局")],
        conclusion,
        prior_assessment: None,
    }
}

fn risk(on: NaiveDate, conclusion: RiskConclusion) -> Command {
    Command::RecordRiskAssessment(risk_payload(on, conclusion))
}

fn fair(on: NaiveDate) -> Command {
    Command::RecordFairCompetitionReview(FairCompetitionReview {
        reviewed_on: on,
        reviewing_unit: t(LEAD_UNIT),
        conclusion: FairCompetitionConclusion::NoRestriction,
        summary: t("未含排除、限制竞争的内容"),
    })
}

fn mark(track: Track) -> Command {
    Command::MarkTrackNotRequired {
        track,
        basis: t("不属于该程序的适用情形"),
    }
}

fn request(on: NaiveDate) -> Command {
    Command::RequestLegalityReview(RequestLegalityReview {
        requested_on: on,
        legal_basis: vec![t("《重大行政决策程序暂行条例》")],
        procedure_statement: None,
        shortened_reason: None,
    })
}

fn opinion(on: NaiveDate) -> Command {
    Command::SubmitLegalOpinion(SubmitLegalOpinion {
        kind: CounselKind::PublicLawyer,
        opinion: t("草案未发现违法内容"),
        given_on: on,
    })
}

fn conclude_payload(on: NaiveDate, conclusion: ReviewConclusion) -> ConcludeLegalityReview {
    ConcludeLegalityReview {
        concluded_on: on,
        conclusion,
        authority: Some(t("符合法定权限")),
        procedure: Some(t("履行了法定程序")),
        content: Some(t("内容合法")),
        required_revisions: (conclusion == ReviewConclusion::LawfulWithRevisions)
            .then(|| t("删除第八条关于收费的规定")),
        risk_statement: (conclusion == ReviewConclusion::LegalRiskDisclosed)
            .then(|| t("国家尚无明确规定，存在一定法律风险")),
        opinion_number: Some(t("平司审〔2026〕12号")),
    }
}

fn conclude(on: NaiveDate, conclusion: ReviewConclusion) -> Command {
    Command::ConcludeLegalityReview(conclude_payload(on, conclusion))
}

fn speech(speaker: &str, is_head: bool, position: Position, statement: Option<&str>) -> Speech {
    Speech {
        speaker: t(speaker),
        is_head,
        position,
        statement: statement.map(t),
    }
}

/// Members first, the head last; one member dissents, verbatim.
fn members_then_head() -> Vec<Speech> {
    vec![
        speech("副区长 张某", false, Position::Agree, None),
        speech(
            "副区长 李某",
            false,
            Position::Disagree,
            Some("资金测算依据不足，建议分期实施"),
        ),
        speech("区长助理 王某", false, Position::Agree, None),
        speech(
            "区长 赵某",
            true,
            Position::Agree,
            Some("同意，按程序公布实施"),
        ),
    ]
}

/// The members' speeches and the head's last, the head's position matching `outcome`.
fn meeting_payload(on: NaiveDate, draft_version: u32, outcome: MeetingOutcome) -> Meeting {
    let mut speeches = members_then_head();
    if outcome == MeetingOutcome::NotAdopted
        && let Some(head) = speeches.last_mut()
    {
        head.position = Position::Disagree;
        head.statement = Some(t("暂不通过"));
    }
    Meeting {
        held_on: on,
        kind: MeetingKind::Executive,
        session: Some(t("区政府2023年第9次常务会议")),
        draft_version,
        attendance: Some(Attendance {
            members: 6,
            present: 4,
        }),
        speeches,
        outcome,
        head_reason: None,
    }
}

fn meeting(on: NaiveDate, draft_version: u32, outcome: MeetingOutcome) -> Command {
    Command::RecordCollectiveDiscussion(meeting_payload(on, draft_version, outcome))
}

fn report(on: NaiveDate, recipient: &str) -> Report {
    Report {
        reported_on: on,
        recipient: t(recipient),
        summary: t("请示报告"),
    }
}

fn party_report(on: NaiveDate) -> Command {
    Command::RecordPartyCommitteeReport(report(on, "中共信阳市平桥区委员会"))
}

fn congress_report(on: NaiveDate) -> Command {
    Command::RecordCongressReport(report(on, "平桥区人大常委会"))
}

fn publish(on: NaiveDate) -> Command {
    Command::PublishDecision(Publication {
        published_on: on,
        channels: vec![t("平桥区人民政府网站"), t("平桥区人民政府公报")],
        document_number: Some(t("平政〔2023〕12号")),
        opinion_explanation: Some(t("公众意见和专家论证意见采纳情况说明")),
        non_disclosure_basis: None,
    })
}

fn file(on: NaiveDate) -> Command {
    Command::FileDecision(Filing {
        filed_on: on,
        authority: t("本级人民代表大会常务委员会"),
        receipt_number: t("信备〔2023〕31号"),
        review_result: None,
        review_answered_on: None,
    })
}

fn start_execution(on: NaiveDate) -> Command {
    Command::StartExecution {
        unit: t(LEAD_UNIT),
        started_on: on,
    }
}

fn report_execution(on: NaiveDate, completed: bool) -> Command {
    Command::ReportExecution(ExecutionReport {
        reported_on: on,
        summary: t("改造小区32个，惠及居民4100户"),
        completed,
    })
}

fn incident(on: NaiveDate) -> Command {
    Command::ReportIncident(ReportIncident {
        reported_on: on,
        kind: IncidentKind::Problem,
        description: t("部分小区施工引发居民集中投诉"),
    })
}

fn suspend(on: NaiveDate, reason: Option<&str>, incident: Option<u32>) -> Command {
    Command::SuspendExecution(SuspendExecution {
        suspended_on: on,
        reason: reason.map(t),
        incident,
    })
}

fn resume(on: NaiveDate) -> Command {
    Command::ResumeExecution {
        resumed_on: on,
        reason: t("投诉问题已解决"),
    }
}

fn start_evaluation(on: NaiveDate, evaluator: &str) -> Command {
    Command::StartPostEvaluation(StartPostEvaluation {
        started_on: on,
        trigger: EvaluationTrigger::ManyPublicOpinions,
        trigger_explanation: Some(t("公众对改造进度提出较多意见")),
        evaluator: t(evaluator),
    })
}

fn conclude_evaluation(on: NaiveDate) -> Command {
    Command::ConcludePostEvaluation(EvaluationResult {
        concluded_on: on,
        conclusion: t("决策实施效果良好"),
        recommendation: Recommendation::Continue,
    })
}

fn withdraw(on: NaiveDate) -> Command {
    Command::WithdrawDecision {
        withdrawn_on: on,
        reason: t("上级政策调整，不再列入年度目录"),
    }
}

fn change(on: NaiveDate) -> ChangeDecision {
    ChangeDecision {
        changed_on: on,
        reason: t("后评估建议调整"),
        by_decision: "pingqiao-2024-001".into(),
    }
}

fn archive(on: NaiveDate) -> Command {
    Command::ArchiveDecision { archived_on: on }
}

/// A document of `kind` attached, its bytes named by a digest made from the kind.
fn attach(kind: DocumentKind, on: NaiveDate) -> Command {
    let n = DocumentKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0);
    Command::AttachMaterial(AttachMaterial {
        kind,
        name: t(&format!("{}.pdf", kind.label())),
        media_type: "application/pdf".into(),
        size: 1024,
        sha256: Digest::parse(&format!("{n:064x}")).expect("64 hex digits"),
        dated: on,
        note: None,
    })
}

/// The documents the record still lacks, attached on `on`, each by the role that forms it.
#[track_caller]
fn attach_missing(w: &mut World, on: NaiveDate) {
    for kind in crate::procedure::material::missing_documents(&w.d) {
        w.act(attach(kind, on));
    }
}

/// The role that does the act: the first the statute names, or the document's producer.
fn role_for(cmd: &Command) -> Role {
    match cmd {
        Command::AttachMaterial(a) => a.kind.producers()[0],
        _ => cmd.kind().roles()[0],
    }
}

/// A new decision, adopted under the full procedure, that amends this one (Art. 37).
fn amending_decision() -> RelatedDecision {
    RelatedDecision {
        id: "pingqiao-2024-001".into(),
        stage: Stage::Adopted,
        amends: Some(DECISION_ID.into()),
        adopted_on: Some(day(0)),
    }
}

/// The Henan profile (the statute's numbers, Henan's categories), as a deployment binds it.
fn binding() -> Binding {
    Binding {
        profile: std::sync::Arc::new(Profile {
            name: "henan".into(),
            title: "《河南省重大行政决策程序规定》".into(),
            categories: CategorySystem::Henan,
            consultation_min_days: 30,
            hearing_materials_days: 7,
            review_min_working_days: 7,
            filing_deadline_days: 30,
            filing_authorities: vec!["本级人民代表大会常务委员会".into()],
            execution_report_interval_days: 180,
            archive_transfer_years: 1,
            meeting_quorum_percent: 50,
            earliest_record_date: NaiveDate::from_ymd_opt(2019, 9, 1).unwrap(),
            catalogue_office: CatalogueOffice::Secretariat,
            catalogue_adjustment_consent: true,
            reminder_working_days: Default::default(),
        }),
        calendar_version: "test".into(),
    }
}

// --- the world -------------------------------------------------------------------------------

/// One decision and everything outside it that judging a command needs.
struct World {
    d: Decision,
    /// Every event the decision's acts recorded, the proposal first.
    history: Vec<Event>,
    today: NaiveDate,
    comments: Vec<String>,
    related: Option<RelatedDecision>,
    named: Option<Official>,
}

impl World {
    #[track_caller]
    fn proposed(flags: Flags) -> Self {
        Self::from_proposal(proposal(flags))
    }

    #[track_caller]
    fn from_proposal(p: Proposal) -> Self {
        let (d, event) = propose(
            DECISION_ID.into(),
            p.clone(),
            &actor(Role::Sponsor),
            today(),
            &binding(),
        )
        .expect("the proposal is accepted");
        assert_eq!(
            event,
            Event::Proposed(Box::new(Proposed {
                proposal: p,
                proposer: Some(actor(Role::Sponsor)),
                binding: Some(binding()),
            }))
        );
        assert_eq!((d.stage, d.version), (Stage::Proposed, 1));
        World {
            d,
            history: vec![event],
            today: today(),
            comments: vec!["c-001".into(), "c-002".into()],
            related: None,
            named: Some(counsel_official()),
        }
    }

    fn try_as(&self, role: Role, cmd: &Command) -> Result<Vec<Event>, Refusal> {
        let who = actor(role);
        let calendar = Calendar::embedded();
        let ctx = Context {
            actor: &who,
            today: self.today,
            calendar: &calendar,
            received_comments: &self.comments,
            messages: None,
            related: self.related.as_ref(),
            named: self.named.as_ref(),
        };
        decide(&self.d, cmd, &ctx)
    }

    /// The dates that bound the act from below, as `decide` finds them.
    fn bounds(&self, cmd: &Command) -> Vec<(NaiveDate, &'static str)> {
        let who = actor(cmd.kind().roles()[0]);
        let calendar = Calendar::embedded();
        let ctx = Context {
            actor: &who,
            today: self.today,
            calendar: &calendar,
            received_comments: &self.comments,
            messages: None,
            related: self.related.as_ref(),
            named: self.named.as_ref(),
        };
        bounds(&self.d, cmd, &ctx)
    }

    /// Judged as done by the first role the statute gives the act to.
    fn try_(&self, cmd: &Command) -> Result<Vec<Event>, Refusal> {
        self.try_as(role_for(cmd), cmd)
    }

    #[track_caller]
    fn act(&mut self, cmd: Command) {
        self.act_as(role_for(&cmd), cmd);
    }

    #[track_caller]
    fn act_as(&mut self, role: Role, cmd: Command) {
        let events = self
            .try_as(role, &cmd)
            .unwrap_or_else(|r| panic!("“{}” was refused: {r:?}", cmd.kind().label()));
        assert_eq!(events.len(), 1, "one act, one event");
        let next = evolve(&self.d, &events);
        assert_eq!(next.version, self.d.version + 1);
        self.d = next;
        self.history.extend(events);
    }
}

#[test]
fn the_record_is_the_fold_of_its_history_along_the_whole_lifecycle() {
    for flags in [
        Flags::default(),
        Flags {
            professional_technical: true,
            stability_impact: true,
            ..Flags::default()
        },
    ] {
        let mut w = World::proposed(flags);
        for cmd in happy_steps(flags) {
            w.act(cmd);
            assert_eq!(replay(DECISION_ID, &w.history, None), Ok(w.d.clone()));
        }
        // The engine's own events are folded the same way, one version each.
        let passed = vec![
            Event::DeadlinePassed {
                kind: DeadlineKind::Filing,
                due: day(300),
            },
            Event::DeadlinePassed {
                kind: DeadlineKind::ExecutionReport,
                due: day(301),
            },
        ];
        w.d = evolve(&w.d, &passed);
        w.history.extend(passed);
        assert_eq!(w.d.version as usize, w.history.len());
        assert_eq!(replay(DECISION_ID, &w.history, None), Ok(w.d.clone()));
    }
}

#[test]
fn a_history_that_does_not_begin_with_its_proposal_does_not_fold() {
    let mut w = World::proposed(Flags::default());
    w.act(start(day(1)));
    assert_eq!(replay(DECISION_ID, &[], None), Err(ReplayError::Empty));
    assert_eq!(
        replay(DECISION_ID, &w.history[1..], None),
        Err(ReplayError::NotProposedFirst)
    );
    let twice = [w.history.clone(), vec![w.history[0].clone()]].concat();
    assert_eq!(
        replay(DECISION_ID, &twice, None),
        Err(ReplayError::ProposedAgain { seq: 3 })
    );
}

#[test]
fn a_proposal_recorded_before_it_held_its_binding_folds_only_with_the_stored_one() {
    let mut w = World::proposed(Flags::default());
    w.act(start(day(1)));
    let Event::Proposed(p) = &mut w.history[0] else {
        panic!("the proposal comes first");
    };
    // As such events were stored: the proposal alone.
    let (proposer, bound) = (p.proposer.take(), p.binding.take());
    let (proposer, bound) = (proposer.expect("recorded"), bound.expect("recorded"));
    assert_eq!(
        replay(DECISION_ID, &w.history, None),
        Err(ReplayError::Unbound)
    );
    assert_eq!(
        replay(DECISION_ID, &w.history, Some((&proposer, &bound))),
        Ok(w.d.clone())
    );
}

/// The happy path's commands after the proposal, with non-decreasing dates, for these flags.
fn happy_steps(flags: Flags) -> Vec<Command> {
    let mut s = vec![start(day(1)), revise(day(2))];
    if flags.non_disclosable {
        s.push(mark(Track::PublicParticipation));
    } else {
        s.push(open(day(3), day(33)));
        s.push(dispose("c-001", DispositionOutcome::Adopted));
        s.push(dispose("c-002", DispositionOutcome::NotAdopted));
        s.push(close(day(34)));
    }
    s.push(if flags.professional_technical {
        experts(day(35))
    } else {
        mark(Track::ExpertArgumentation)
    });
    s.push(if flags.stability_impact {
        risk(day(36), RiskConclusion::Controllable)
    } else {
        mark(Track::RiskAssessment)
    });
    s.push(if flags.affects_market_entities {
        fair(day(37))
    } else {
        mark(Track::FairCompetitionReview)
    });
    // Art. 29: the materials the meeting will read, formed while drafting.
    s.push(attach(DocumentKind::DraftText, day(38)));
    if !flags.non_disclosable {
        s.push(attach(DocumentKind::ConsultationAdoption, day(38)));
    }
    if flags.professional_technical {
        s.push(attach(DocumentKind::ExpertOpinion, day(38)));
    }
    if flags.stability_impact {
        s.push(attach(DocumentKind::RiskReport, day(38)));
    }
    if flags.affects_market_entities {
        s.push(attach(DocumentKind::FairCompetitionReview, day(38)));
    }
    s.push(request(day(40)));
    s.push(opinion(day(42)));
    s.push(conclude(day(45), ReviewConclusion::Lawful));
    s.push(attach(DocumentKind::ReviewOpinion, day(45)));
    s.push(meeting(day(50), 1, MeetingOutcome::Adopted));
    s.push(attach(DocumentKind::MeetingMinutes, day(50)));
    if flags.congress_report_required {
        s.push(congress_report(day(51)));
    }
    s.push(party_report(day(51)));
    s.push(publish(day(52)));
    s.push(attach(DocumentKind::PublishedText, day(52)));
    s.push(file(day(60)));
    s.push(attach(DocumentKind::FilingReport, day(60)));
    s.push(start_execution(day(61)));
    s.push(report_execution(day(200), true));
    s.push(archive(day(201)));
    s
}

/// The world just before the first happy-path command of `kind`, and that command.
#[track_caller]
fn world_before(flags: Flags, kind: CommandKind) -> (World, Command) {
    let mut w = World::proposed(flags);
    for cmd in happy_steps(flags) {
        if cmd.kind() == kind {
            return (w, cmd);
        }
        w.act(cmd);
    }
    panic!("the happy path has no “{}”", kind.label());
}

/// The world just after the first happy-path command of `kind`.
#[track_caller]
fn world_after(flags: Flags, kind: CommandKind) -> World {
    let (mut w, cmd) = world_before(flags, kind);
    w.act(cmd);
    w
}

/// The world when the happy path first reaches `stage`.
#[track_caller]
fn world_at(flags: Flags, stage: Stage) -> World {
    let mut w = World::proposed(flags);
    for cmd in happy_steps(flags) {
        if w.d.stage == stage {
            return w;
        }
        w.act(cmd);
    }
    assert_eq!(w.d.stage, stage, "the happy path never reaches {stage:?}");
    w
}

/// The decision taken all the way from PROPOSED to ARCHIVED.
#[track_caller]
fn archived_world() -> World {
    let mut w = World::proposed(full_flags());
    for cmd in happy_steps(full_flags()) {
        w.act(cmd);
    }
    w
}

#[track_caller]
fn assert_rule(result: Result<Vec<Event>, Refusal>, expected: Rule, id: &str, article: &str) {
    match result {
        Err(Refusal::Rule { rule, message }) => {
            assert_eq!(
                rule,
                expected,
                "refused by {} ({message}), expected {}",
                rule.id(),
                expected.id()
            );
            assert_eq!(rule.id(), id);
            assert_eq!(rule.article(), Some(article));
            assert!(!message.is_empty(), "a refusal explains itself");
        }
        other => panic!("expected a refusal by {id}, got {other:?}"),
    }
}

/// A refusal by one of the engine's own rules: it names the rule and cites no article.
#[track_caller]
fn assert_engine_rule(result: Result<Vec<Event>, Refusal>, expected: Rule, id: &str) {
    match result {
        Err(Refusal::Rule { rule, message }) => {
            assert_eq!((rule, rule.id()), (expected, id), "{message}");
            assert_eq!(rule.article(), None);
            let shown = Refusal::Rule { rule, message }.to_string();
            assert!(shown.contains("非条例条款"), "{shown}");
        }
        other => panic!("expected a refusal by {id}, got {other:?}"),
    }
}

#[track_caller]
fn assert_accepted(result: Result<Vec<Event>, Refusal>) -> Vec<Event> {
    result.unwrap_or_else(|r| panic!("expected the act to be accepted, got {r:?}"))
}

// ---------------------------------------------------------------------------------------------
// 1. The transition table
// ---------------------------------------------------------------------------------------------

/// PROCEDURE.md §3 as the code implements it: for each act, the stages in which it exists.
fn expected_table() -> Vec<(CommandKind, Vec<Stage>)> {
    use CommandKind as K;
    use Stage::*;
    let drafting_acts = [
        K::OpenPublicConsultation,
        K::DisposeComment,
        K::HideComment,
        K::RecordOpinion,
        K::DisposeCommentGroup,
        K::ClosePublicConsultation,
        K::PublishHearingNotice,
        K::RecordHearing,
        K::RecordUnitConsultation,
        K::RecordDraftingAnalysis,
        K::RecordExpertArgumentation,
        K::RecordRiskAssessment,
        K::RecordFairCompetitionReview,
        K::MarkTrackNotRequired,
        K::RequestLegalityReview,
    ];
    let mut table = vec![
        (K::StartProcedure, vec![Proposed]),
        (
            K::CorrectFlag,
            vec![
                Proposed,
                Drafting,
                LegalityReview,
                AwaitingDiscussion,
                Adopted,
            ],
        ),
        (K::ReviseDraft, vec![Drafting, AwaitingDiscussion]),
        (K::SubmitLegalOpinion, vec![LegalityReview]),
        (K::AcceptReviewRequest, vec![LegalityReview]),
        (K::RequestSupplement, vec![LegalityReview]),
        (K::SupplyMaterials, vec![LegalityReview]),
        (K::AssignCounsel, vec![LegalityReview]),
        (K::WithdrawCounselAssignment, vec![LegalityReview]),
        (K::ReturnLegalityReview, vec![LegalityReview]),
        (K::ConcludeLegalityReview, vec![LegalityReview]),
        (K::RecordCollectiveDiscussion, vec![AwaitingDiscussion]),
        (K::RecordPartyCommitteeReport, vec![Adopted]),
        (K::RecordCongressReport, vec![Adopted]),
        (K::PublishDecision, vec![Adopted]),
        (
            K::FileDecision,
            vec![Published, InExecution, Suspended, PostEvaluation],
        ),
        (
            K::RecordFilingReview,
            vec![Published, InExecution, Suspended, PostEvaluation],
        ),
        (K::StartExecution, vec![Published]),
        (K::ReportExecution, vec![InExecution, PostEvaluation]),
        (
            K::ReportIncident,
            vec![InExecution, Suspended, PostEvaluation],
        ),
        (K::SuspendExecution, vec![InExecution]),
        (K::ResumeExecution, vec![Suspended]),
        (K::StartPostEvaluation, vec![InExecution]),
        (K::ConcludePostEvaluation, vec![PostEvaluation]),
        (
            K::WithdrawDecision,
            vec![Proposed, Drafting, LegalityReview, AwaitingDiscussion],
        ),
        (
            K::TerminateDecision,
            vec![Published, InExecution, Suspended, PostEvaluation],
        ),
        (
            K::AdjustDecision,
            vec![Published, InExecution, Suspended, PostEvaluation],
        ),
        (
            K::ArchiveDecision,
            vec![InExecution, Rejected, Withdrawn, Terminated, Adjusted],
        ),
        // Late deadlines are supervised while the procedure runs.
        (
            K::IssueSupervisionNotice,
            Stage::ALL
                .into_iter()
                .filter(|s| *s != Archived && !s.is_ended())
                .collect(),
        ),
        // Documents are attached until the file is closed.
        (
            K::AttachMaterial,
            Stage::ALL.into_iter().filter(|s| *s != Archived).collect(),
        ),
    ];
    table.extend(drafting_acts.into_iter().map(|k| (k, vec![Drafting])));
    table
}

#[test]
fn the_transition_table_matches_the_lifecycle_for_every_stage_and_act() {
    let table = expected_table();
    assert_eq!(table.len(), CommandKind::ALL.len());
    let mut mismatches = Vec::new();
    for kind in CommandKind::ALL {
        let rows: Vec<_> = table.iter().filter(|(k, _)| *k == kind).collect();
        assert_eq!(rows.len(), 1, "{kind:?} has exactly one row");
        for stage in Stage::ALL {
            let expected = rows[0].1.contains(&stage);
            if allowed(kind, stage) != expected {
                mismatches.push(format!("{kind:?} in {stage:?}: expected {expected}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "table mismatches: {mismatches:#?}");
}

#[test]
fn nothing_is_allowed_in_an_archived_decision() {
    for kind in CommandKind::ALL {
        assert!(
            !allowed(kind, Stage::Archived),
            "{kind:?} is allowed in Archived"
        );
    }
}

#[test]
fn an_ended_decision_can_only_be_archived_and_its_file_completed() {
    for stage in Stage::ALL.into_iter().filter(|s| s.is_ended()) {
        let open: Vec<_> = CommandKind::ALL
            .into_iter()
            .filter(|k| allowed(*k, stage))
            .collect();
        assert_eq!(
            open,
            vec![CommandKind::ArchiveDecision, CommandKind::AttachMaterial],
            "in {stage:?}"
        );
    }
}

#[test]
fn each_act_belongs_to_the_roles_the_statute_names() {
    use CommandKind as K;
    use Role::*;
    for kind in CommandKind::ALL {
        let expected: &[Role] = match kind {
            K::ReviseDraft
            | K::OpenPublicConsultation
            | K::DisposeComment
            | K::HideComment
            | K::RecordOpinion
            | K::DisposeCommentGroup
            | K::ClosePublicConsultation
            | K::PublishHearingNotice
            | K::RecordHearing
            | K::RecordUnitConsultation
            | K::RecordDraftingAnalysis
            | K::RecordExpertArgumentation
            | K::RecordRiskAssessment
            | K::RecordFairCompetitionReview
            | K::MarkTrackNotRequired
            | K::RequestLegalityReview
            | K::SupplyMaterials
            | K::ReportExecution
            | K::ReportIncident => &[Sponsor],
            K::SubmitLegalOpinion => &[Counsel],
            K::ReturnLegalityReview
            | K::ConcludeLegalityReview
            | K::AcceptReviewRequest
            | K::RequestSupplement
            | K::AssignCounsel
            | K::WithdrawCounselAssignment => &[ReviewOffice],
            K::SuspendExecution | K::ResumeExecution => &[Head],
            K::WithdrawDecision | K::CorrectFlag => &[Secretariat, Sponsor],
            // Each document by its producer (`DocumentKind::producers`).
            K::AttachMaterial => &[Sponsor, ReviewOffice, Counsel, Secretariat],
            _ => &[Secretariat],
        };
        assert_eq!(kind.roles(), expected, "{kind:?}");
        assert!(!kind.roles().contains(&Auditor) && !kind.roles().contains(&Admin));
    }
}

#[test]
fn an_act_by_a_role_without_it_is_forbidden_whatever_the_stage() {
    let w = World::proposed(full_flags());
    let mut checked = 0;
    for (_, cmd) in samples(&w.d, day(1)) {
        let kind = cmd.kind();
        for role in ROLES.into_iter().filter(|r| !kind.roles().contains(r)) {
            assert_eq!(
                w.try_as(role, &cmd),
                Err(Refusal::Forbidden { act: kind.label() }),
                "{kind:?} by {role:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100);
}

#[test]
fn the_role_check_comes_before_the_stage_check() {
    let w = archived_world();
    assert_eq!(
        w.try_as(Role::Sponsor, &archive(day(300))),
        Err(Refusal::Forbidden { act: "归档" })
    );
    assert_eq!(
        w.try_as(Role::Secretariat, &archive(day(300))),
        Err(Refusal::InvalidTransition {
            stage: Stage::Archived,
            act: "归档"
        })
    );
}

#[test]
fn drafting_before_the_organ_starts_the_procedure_names_the_start() {
    let w = World::proposed(Flags::default());
    for cmd in [request(day(1)), revise(day(1)), open(day(1), day(40))] {
        assert_rule(
            w.try_(&cmd),
            Rule::StartRequired,
            "start.required",
            "第十一条",
        );
    }
}

#[test]
fn a_published_decision_cannot_be_withdrawn_only_changed_by_the_procedure() {
    let w = world_at(full_flags(), Stage::Published);
    assert_rule(
        w.try_(&withdraw(day(53))),
        Rule::ChangeProcedure,
        "change.procedure",
        "第三十七条",
    );
}

#[test]
fn a_meeting_before_the_review_concludes_is_refused_by_the_review_gate() {
    for stage in [Stage::Drafting, Stage::LegalityReview] {
        let w = world_at(full_flags(), stage);
        assert_rule(
            w.try_(&meeting(day(41), 1, MeetingOutcome::Adopted)),
            Rule::ReviewGate,
            "review.gate",
            "第二十五条",
        );
    }
}

#[test]
fn a_meeting_after_an_unlawful_review_or_an_uncontrollable_risk_names_the_gate() {
    let mut w = world_at(full_flags(), Stage::LegalityReview);
    w.act(opinion(day(42)));
    w.act(conclude(day(43), ReviewConclusion::Unlawful));
    assert_eq!(w.d.stage, Stage::Drafting);
    assert_rule(
        w.try_(&meeting(day(44), 1, MeetingOutcome::Adopted)),
        Rule::ReviewGate,
        "review.gate",
        "第二十五条",
    );
    w.act(risk(day(44), RiskConclusion::Uncontrollable));
    assert_rule(
        w.try_(&meeting(day(45), 1, MeetingOutcome::Adopted)),
        Rule::RiskControllable,
        "risk.controllable",
        "第二十四条",
    );
}

#[test]
fn every_act_on_an_archived_decision_is_refused() {
    let w = archived_world();
    for (_, cmd) in samples(&w.d, day(300)) {
        for role in ROLES {
            let result = w.try_as(role, &cmd);
            assert!(
                matches!(
                    result,
                    Err(Refusal::Forbidden { .. } | Refusal::InvalidTransition { .. })
                ),
                "{:?} by {role:?}: {result:?}",
                cmd.kind()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. The happy path
// ---------------------------------------------------------------------------------------------

#[test]
fn the_happy_path_takes_a_decision_from_proposed_to_archived() {
    let flags = full_flags();
    let steps = happy_steps(flags);
    let mut w = World::proposed(flags);
    let mut stages = vec![w.d.stage];
    let mut last_date = w.d.proposal.proposed_on;
    for cmd in steps.clone() {
        let events = assert_accepted(w.try_(&cmd));
        if let Some(on) = events[0].occurred_on() {
            assert!(on >= last_date, "dates never go back: {cmd:?}");
            last_date = on;
        }
        if cmd.kind() == CommandKind::ArchiveDecision {
            assert!(archive_gaps(&w.d).is_empty(), "{:?}", archive_gaps(&w.d));
        }
        w.act(cmd);
        if stages.last() != Some(&w.d.stage) {
            stages.push(w.d.stage);
        }
    }
    assert_eq!(
        stages,
        vec![
            Stage::Proposed,
            Stage::Drafting,
            Stage::LegalityReview,
            Stage::AwaitingDiscussion,
            Stage::Adopted,
            Stage::Published,
            Stage::InExecution,
            Stage::Archived,
        ]
    );
    let d = &w.d;
    assert_eq!(d.version, 1 + steps.len() as u64);
    assert_eq!(d.archived_on, Some(day(201)));
    assert_eq!(d.stage_entered_on, day(201));
    assert!(
        Track::ALL
            .iter()
            .all(|t| d.tracks.get(*t) == &TrackState::Done)
    );
    assert_eq!(d.draft_version(), 1);
    assert_eq!(d.consultation.as_ref().unwrap().dispositions.len(), 2);
    let review = d.current_review().unwrap();
    assert_eq!(review.conclusion(), Some(ReviewConclusion::Lawful));
    assert_eq!(review.opinions.len(), 1);
    assert_eq!(review.opinions[0].counsel_id, "counsel-1");
    assert!(
        review
            .procedure_statement
            .as_str()
            .contains("公众参与：已完成。")
    );
    assert_eq!(d.meetings.len(), 1);
    assert_eq!(
        d.meetings[0].speeches[1]
            .statement
            .as_ref()
            .map(Text::as_str),
        Some("资金测算依据不足，建议分期实施"),
        "the dissent is kept verbatim"
    );
    assert!(d.party_report.is_some() && d.publication.is_some() && !d.filings.is_empty());
    assert!(d.execution.as_ref().unwrap().completed());
}

#[test]
fn the_happy_path_also_runs_with_no_optional_track() {
    let flags = Flags::default();
    let mut w = World::proposed(flags);
    for cmd in happy_steps(flags) {
        w.act(cmd);
    }
    assert_eq!(w.d.stage, Stage::Archived);
    for track in [
        Track::ExpertArgumentation,
        Track::RiskAssessment,
        Track::FairCompetitionReview,
    ] {
        assert!(matches!(
            w.d.tracks.get(track),
            TrackState::NotRequired { .. }
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// 3. The rules
// ---------------------------------------------------------------------------------------------

// --- initiation ---

#[test]
fn a_department_proposal_without_its_argument_cannot_start() {
    let mut p = proposal(Flags::default());
    p.source = ProposalSource::DepartmentOrLowerGovernment;
    p.source_statement = SourceStatement {
        problem: Some(t("老旧小区设施老化")),
        reasons_and_basis: Some(t("国办发〔2020〕23号")),
        preliminary_plan: Some(t("分三年实施")),
        necessity_and_feasibility: None,
    };
    let w = World::from_proposal(p.clone());
    assert_rule(
        w.try_(&start(day(1))),
        Rule::StartSourceFields,
        "start.source_fields",
        "第十条",
    );

    p.source_statement.necessity_and_feasibility = Some(t("资金已列入预算"));
    let mut w = World::from_proposal(p);
    w.act(start(day(1)));
    assert_eq!(w.d.stage, Stage::Drafting);
}

#[test]
fn a_lead_unit_also_listed_as_a_co_unit_is_refused() {
    let w = World::proposed(Flags::default());
    let mut s = start_payload(day(1));
    s.co_units.push(t(LEAD_UNIT));
    assert_rule(
        w.try_(&Command::StartProcedure(s)),
        Rule::StartLeadUnit,
        "start.lead_unit",
        "第十一条",
    );
    assert_accepted(w.try_(&start(day(1))));
}

#[test]
fn macro_control_legislation_and_emergency_matters_cannot_be_proposed() {
    for nature in [
        MatterNature::MacroControl,
        MatterNature::GovernmentLegislation,
        MatterNature::EmergencyResponse,
    ] {
        let mut p = proposal(Flags::default());
        p.nature = nature;
        let result = propose(
            DECISION_ID.into(),
            p,
            &actor(Role::Secretariat),
            today(),
            &binding(),
        )
        .map(|(_, e)| vec![e]);
        assert_rule(result, Rule::StartScope, "start.scope", "第三条");
    }
}

#[test]
fn only_the_secretariat_a_sponsor_or_the_head_may_propose() {
    for role in ROLES {
        let result = propose(
            DECISION_ID.into(),
            proposal(Flags::default()),
            &actor(role),
            today(),
            &binding(),
        );
        if PROPOSE_ROLES.contains(&role) {
            let (d, _) = result.expect("proposal accepted");
            assert_eq!(d.proposer.role, role);
        } else {
            assert_eq!(
                result.map(|_| ()),
                Err(Refusal::Forbidden {
                    act: "提出决策事项"
                }),
                "{role:?}"
            );
        }
    }
}

#[test]
fn a_proposal_dated_after_today_is_refused() {
    let mut p = proposal(Flags::default());
    p.proposed_on = day(10);
    let result = propose(
        DECISION_ID.into(),
        p,
        &actor(Role::Sponsor),
        day(9),
        &binding(),
    )
    .map(|(_, e)| vec![e]);
    assert_engine_rule(result, Rule::RecordDates, "record.dates");
}

// --- public participation ---

#[test]
fn a_29_day_consultation_without_a_reason_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::OpenPublicConsultation);
    assert_rule(
        w.try_(&open(day(3), day(32))),
        Rule::ConsultationMinPeriod,
        "consultation.min_period",
        "第十五条",
    );
    // 30 days, the start day not counted, is enough.
    assert_accepted(w.try_(&open(day(3), day(33))));
}

#[test]
fn a_29_day_consultation_with_the_reason_in_the_notice_is_accepted() {
    let (mut w, _) = world_before(full_flags(), CommandKind::OpenPublicConsultation);
    let mut o = open_payload(day(3), day(32));
    o.shortened_reason = Some(t("汛期前须完成雨污分流改造，情况紧急"));
    w.act(Command::OpenPublicConsultation(o));
    let notice = &w.d.consultation.as_ref().unwrap().notice;
    assert_eq!(
        notice.shortened_reason.as_ref().map(Text::as_str),
        Some("汛期前须完成雨污分流改造，情况紧急")
    );
    assert_eq!(notice.draft_version, 1);
    assert_eq!(w.d.tracks.public_participation, TrackState::InProgress);
}

#[test]
fn the_consultation_minimum_comes_from_the_profile() {
    let (mut w, _) = world_before(full_flags(), CommandKind::OpenPublicConsultation);
    std::sync::Arc::make_mut(&mut w.d.binding.profile).consultation_min_days = 20;
    assert_accepted(w.try_(&open(day(3), day(23))));
    assert_rule(
        w.try_(&open(day(3), day(22))),
        Rule::ConsultationMinPeriod,
        "consultation.min_period",
        "第十五条",
    );
}

#[test]
fn a_consultation_cannot_open_before_there_is_a_draft() {
    let w = world_at(full_flags(), Stage::Drafting);
    assert_eq!(w.d.draft, None);
    assert_rule(
        w.try_(&open(day(3), day(33))),
        Rule::ConsultationNoticeContent,
        "consultation.notice_content",
        "第十五条",
    );
}

#[test]
fn a_disclosable_matter_cannot_skip_public_participation() {
    let (w, _) = world_before(full_flags(), CommandKind::OpenPublicConsultation);
    assert_rule(
        w.try_(&mark(Track::PublicParticipation)),
        Rule::ConsultationRequired,
        "consultation.required",
        "第十四条",
    );
}

#[test]
fn a_professional_matter_cannot_skip_expert_argumentation() {
    let (w, _) = world_before(full_flags(), CommandKind::OpenPublicConsultation);
    assert_rule(
        w.try_(&mark(Track::ExpertArgumentation)),
        Rule::ExpertsRequired,
        "experts.required",
        "第十九条",
    );
    let (w, _) = world_before(Flags::default(), CommandKind::OpenPublicConsultation);
    assert_accepted(w.try_(&mark(Track::ExpertArgumentation)));
}

#[test]
fn a_consultation_with_an_undisposed_comment_cannot_close() {
    let (mut w, closing) = world_before(full_flags(), CommandKind::ClosePublicConsultation);
    w.comments.push("c-003".into());
    assert_rule(
        w.try_(&closing),
        Rule::ConsultationDispositions,
        "consultation.dispositions",
        "第十八条",
    );
    w.act(dispose("c-003", DispositionOutcome::PartlyAdopted));
    w.act(closing);
    assert_eq!(w.d.tracks.public_participation, TrackState::Done);
}

#[test]
fn disposing_of_a_comment_that_was_never_received_is_not_found() {
    let (w, _) = world_before(full_flags(), CommandKind::ClosePublicConsultation);
    assert_eq!(
        w.try_(&dispose("c-999", DispositionOutcome::Adopted)),
        Err(Refusal::NotFound { what: "意见" })
    );
}

#[test]
fn a_consultation_that_never_heard_the_affected_group_cannot_close() {
    let (mut w, _) = world_before(full_flags(), CommandKind::OpenPublicConsultation);
    let mut o = open_payload(day(3), day(33));
    o.groups_consulted.clear();
    w.act(Command::OpenPublicConsultation(o));
    w.act(dispose("c-001", DispositionOutcome::Adopted));
    w.act(dispose("c-002", DispositionOutcome::NotAdopted));
    assert_rule(
        w.try_(&close(day(34))),
        Rule::ConsultationGroup,
        "consultation.group",
        "第十四条",
    );
    // A hearing where a participant speaks for the group is enough.
    w.act(hearing_notice(day(5), day(20)));
    w.act(Command::RecordHearing(hearing_payload(day(20), day(10))));
    w.act(close(day(34)));
    assert_eq!(w.d.tracks.public_participation, TrackState::Done);
}

#[test]
fn a_consultation_without_group_representatives_may_close_when_no_group_is_affected() {
    let flags = Flags {
        affects_specific_group: false,
        ..full_flags()
    };
    let (mut w, _) = world_before(flags, CommandKind::OpenPublicConsultation);
    let mut o = open_payload(day(3), day(33));
    o.groups_consulted.clear();
    w.act(Command::OpenPublicConsultation(o));
    w.comments.clear();
    assert_accepted(w.try_(&close(day(34))));
}

#[test]
fn hearing_materials_delivered_six_days_ahead_are_refused() {
    let mut w = world_after(full_flags(), CommandKind::ReviseDraft);
    w.act(hearing_notice(day(5), day(20)));
    assert_rule(
        w.try_(&Command::RecordHearing(hearing_payload(day(20), day(14)))),
        Rule::HearingMaterials7Days,
        "hearing.materials_7_days",
        "第十六条",
    );
    assert_accepted(w.try_(&Command::RecordHearing(hearing_payload(day(20), day(13)))));
}

#[test]
fn a_hearing_record_not_signed_by_every_participant_is_refused() {
    let mut w = world_after(full_flags(), CommandKind::ReviseDraft);
    w.act(hearing_notice(day(5), day(20)));
    let mut h = hearing_payload(day(20), day(10));
    h.participants[1].signed_record = false;
    assert_rule(
        w.try_(&Command::RecordHearing(h.clone())),
        Rule::HearingSignedRecord,
        "hearing.signed_record",
        "第十七条",
    );
    h.participants.clear();
    assert_rule(
        w.try_(&Command::RecordHearing(h)),
        Rule::HearingSignedRecord,
        "hearing.signed_record",
        "第十七条",
    );
}

// --- expert argumentation ---

#[test]
fn an_expert_with_a_direct_interest_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordExpertArgumentation);
    let mut a = experts_payload(day(35));
    a.opinions[0].has_direct_interest = true;
    assert_rule(
        w.try_(&Command::RecordExpertArgumentation(a)),
        Rule::ExpertsNoInterest,
        "experts.no_interest",
        "第二十条",
    );
    assert_accepted(w.try_(&experts(day(35))));
}

#[test]
fn an_unsigned_expert_opinion_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordExpertArgumentation);
    let mut a = experts_payload(day(35));
    a.opinions[0].signed = false;
    assert_rule(
        w.try_(&Command::RecordExpertArgumentation(a)),
        Rule::ExpertsSigned,
        "experts.signed",
        "第十九条",
    );
}

#[test]
fn an_institution_opinion_without_its_seal_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordExpertArgumentation);
    let mut a = experts_payload(day(35));
    a.opinions[1].sealed = false;
    assert_rule(
        w.try_(&Command::RecordExpertArgumentation(a.clone())),
        Rule::ExpertsSigned,
        "experts.signed",
        "第十九条",
    );
    a.opinions.clear();
    assert_rule(
        w.try_(&Command::RecordExpertArgumentation(a)),
        Rule::ExpertsSigned,
        "experts.signed",
        "第十九条",
    );
}

// --- risk assessment ---

#[test]
fn a_risk_report_without_a_response_plan_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordRiskAssessment);
    let mut r = risk_payload(day(36), RiskConclusion::Controllable);
    r.response_plan = None;
    assert_rule(
        w.try_(&Command::RecordRiskAssessment(r.clone())),
        Rule::RiskReportContent,
        "risk.report_content",
        "第二十三条",
    );
    // Art. 22: an assessment already made under other rules is referenced, not repeated.
    r.prior_assessment = Some(t("项目社会稳定风险评估报告（平稳评〔2022〕7号）"));
    assert_accepted(w.try_(&Command::RecordRiskAssessment(r)));
}

#[test]
fn after_an_uncontrollable_risk_a_new_assessment_waits_for_a_revised_draft() {
    let (mut w, _) = world_before(full_flags(), CommandKind::RecordRiskAssessment);
    w.act(risk(day(36), RiskConclusion::Uncontrollable));
    assert_eq!(w.d.tracks.risk_assessment, TrackState::InProgress);
    assert_rule(
        w.try_(&risk(day(37), RiskConclusion::Controllable)),
        Rule::RiskControllable,
        "risk.controllable",
        "第二十四条",
    );
    // Nor can the matter go on to the review meanwhile.
    w.act(fair(day(37)));
    assert!(matches!(
        w.try_(&request(day(38))),
        Err(Refusal::Rule { .. })
    ));

    w.act(revise(day(38)));
    w.act(risk(day(39), RiskConclusion::Controllable));
    assert_eq!(w.d.tracks.risk_assessment, TrackState::Done);
    assert_eq!(w.d.latest_risk_assessment().unwrap().draft_version, 2);
    w.act(request(day(40)));
    assert_eq!(w.d.stage, Stage::LegalityReview);
}

#[test]
fn a_stability_matter_cannot_skip_the_risk_assessment() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordRiskAssessment);
    assert_rule(
        w.try_(&mark(Track::RiskAssessment)),
        Rule::RiskRequired,
        "risk.required",
        "第二十二条",
    );
}

// --- legality review ---

#[test]
fn a_review_cannot_be_requested_while_a_track_is_unsettled() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordFairCompetitionReview);
    assert_rule(
        w.try_(&request(day(40))),
        Rule::FairCompetitionRequired,
        "fair_competition.required",
        "第二十九条",
    );
}

#[test]
fn a_legal_risk_disclosure_for_a_non_exploratory_matter_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::ConcludeLegalityReview);
    assert!(!w.d.proposal.flags.exploratory_reform);
    assert_rule(
        w.try_(&conclude(day(45), ReviewConclusion::LegalRiskDisclosed)),
        Rule::ReviewGate,
        "review.gate",
        "第二十五条",
    );
}

#[test]
fn a_legal_risk_disclosure_for_an_exploratory_reform_reaches_the_meeting() {
    let flags = Flags {
        exploratory_reform: true,
        ..full_flags()
    };
    let (mut w, _) = world_before(flags, CommandKind::ConcludeLegalityReview);
    let mut c = conclude_payload(day(45), ReviewConclusion::LegalRiskDisclosed);
    c.risk_statement = None;
    assert_rule(
        w.try_(&Command::ConcludeLegalityReview(c)),
        Rule::ReviewGate,
        "review.gate",
        "第二十五条",
    );
    w.act(conclude(day(45), ReviewConclusion::LegalRiskDisclosed));
    assert_eq!(w.d.stage, Stage::AwaitingDiscussion);
    w.act(meeting(day(50), 1, MeetingOutcome::Adopted));
    assert_eq!(w.d.stage, Stage::Adopted);
}

#[test]
fn a_review_cannot_conclude_without_a_counsel_opinion() {
    let (w, _) = world_before(full_flags(), CommandKind::SubmitLegalOpinion);
    assert_rule(
        w.try_(&conclude(day(45), ReviewConclusion::Lawful)),
        Rule::ReviewCounselOpinion,
        "review.counsel_opinion",
        "第二十八条",
    );
}

#[test]
fn a_review_conclusion_missing_a_finding_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::ConcludeLegalityReview);
    for missing in 0..3 {
        let mut c = conclude_payload(day(45), ReviewConclusion::Lawful);
        match missing {
            0 => c.authority = None,
            1 => c.procedure = None,
            _ => c.content = None,
        }
        assert_rule(
            w.try_(&Command::ConcludeLegalityReview(c)),
            Rule::ReviewFindings,
            "review.findings",
            "第二十七条",
        );
    }
}

#[test]
fn lawful_with_revisions_must_name_them_and_the_meeting_waits_for_the_revision() {
    let (mut w, _) = world_before(full_flags(), CommandKind::ConcludeLegalityReview);
    let mut c = conclude_payload(day(45), ReviewConclusion::LawfulWithRevisions);
    c.required_revisions = None;
    assert_rule(
        w.try_(&Command::ConcludeLegalityReview(c)),
        Rule::ReviewRevisions,
        "review.revisions",
        "第二十八条",
    );
    w.act(conclude(day(45), ReviewConclusion::LawfulWithRevisions));
    assert_eq!(w.d.stage, Stage::AwaitingDiscussion);
    assert!(w.d.revision_pending);
    assert_rule(
        w.try_(&meeting(day(50), 1, MeetingOutcome::Adopted)),
        Rule::ReviewRevisions,
        "review.revisions",
        "第二十八条",
    );
    w.act(revise(day(46)));
    assert!(!w.d.revision_pending);
    // The revision the review asked for, and no other change.
    assert_rule(
        w.try_(&revise(day(47))),
        Rule::ReviewReviewedDraft,
        "review.reviewed_draft",
        "第二十五条第二款、第二十八条",
    );
    w.act(meeting(day(50), 2, MeetingOutcome::Adopted));
    assert_eq!(w.d.stage, Stage::Adopted);
}

#[test]
fn after_an_unlawful_finding_the_draft_must_change_before_a_new_review() {
    let (mut w, _) = world_before(full_flags(), CommandKind::ConcludeLegalityReview);
    w.act(conclude(day(45), ReviewConclusion::Unlawful));
    assert_eq!(w.d.stage, Stage::Drafting);
    assert_rule(
        w.try_(&request(day(46))),
        Rule::ReviewRevisions,
        "review.revisions",
        "第二十八条",
    );
    w.act(revise(day(46)));
    w.act(request(day(47)));
    assert_eq!(w.d.stage, Stage::LegalityReview);
    assert_eq!(w.d.reviews.len(), 2);
    assert_eq!(w.d.current_review().unwrap().round, 2);
    assert_eq!(w.d.current_review().unwrap().draft_version, 2);
}

#[test]
fn a_returned_review_goes_back_to_drafting_and_can_be_resubmitted() {
    let (mut w, _) = world_before(full_flags(), CommandKind::SubmitLegalOpinion);
    w.act(Command::ReturnLegalityReview {
        returned_on: day(41),
        reason: t("缺少社会稳定风险评估报告原件"),
    });
    assert_eq!(w.d.stage, Stage::Drafting);
    assert_eq!(w.d.current_review().unwrap().conclusion(), None);
    w.act(request(day(43)));
    assert_eq!(w.d.stage, Stage::LegalityReview);
}

// --- collective discussion ---

#[test]
fn a_special_topic_meeting_cannot_decide() {
    let (w, m) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    let Command::RecordCollectiveDiscussion(mut m) = m else {
        unreachable!()
    };
    for kind in [MeetingKind::SpecialTopic, MeetingKind::HeadOffice] {
        m.kind = kind;
        assert_rule(
            w.try_(&Command::RecordCollectiveDiscussion(m.clone())),
            Rule::MeetingKind,
            "meeting.kind",
            "第三十条",
        );
    }
    m.kind = MeetingKind::Plenary;
    assert_accepted(w.try_(&Command::RecordCollectiveDiscussion(m)));
}

#[test]
fn a_meeting_where_the_head_does_not_speak_last_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    let mut m = meeting_payload(day(50), 1, MeetingOutcome::Adopted);
    m.speeches.rotate_right(1);
    assert!(m.speeches[0].is_head);
    assert_rule(
        w.try_(&Command::RecordCollectiveDiscussion(m)),
        Rule::MeetingHeadLast,
        "meeting.head_last",
        "第三十条",
    );
}

#[test]
fn a_meeting_without_the_head_or_with_two_heads_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    let mut m = meeting_payload(day(50), 1, MeetingOutcome::Adopted);
    m.speeches.pop();
    m.attendance = Some(Attendance {
        members: 5,
        present: 3,
    });
    assert_rule(
        w.try_(&Command::RecordCollectiveDiscussion(m.clone())),
        Rule::MeetingHeadLast,
        "meeting.head_last",
        "第三十条",
    );
    m.speeches
        .insert(0, speech("常务副区长 钱某", true, Position::Agree, None));
    m.speeches
        .push(speech("区长 赵某", true, Position::Agree, None));
    m.attendance = Some(Attendance {
        members: 6,
        present: 5,
    });
    assert_rule(
        w.try_(&Command::RecordCollectiveDiscussion(m)),
        Rule::MeetingHeadLast,
        "meeting.head_last",
        "第三十条",
    );
}

#[test]
fn a_meeting_is_collective_only_with_a_quorum_and_every_member_present_on_record() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    let refused = |m: Meeting| {
        assert_rule(
            w.try_(&Command::RecordCollectiveDiscussion(m)),
            Rule::MeetingQuorum,
            "meeting.quorum",
            "第三十条",
        )
    };
    let base = meeting_payload(day(50), 1, MeetingOutcome::Adopted);
    // Exactly half of eight members is not more than half.
    let mut half = base.clone();
    half.attendance = Some(Attendance {
        members: 8,
        present: 4,
    });
    refused(half);
    // Only the head spoke.
    let mut head_alone = base.clone();
    head_alone.speeches.retain(|s| s.is_head);
    head_alone.attendance = Some(Attendance {
        members: 1,
        present: 1,
    });
    refused(head_alone);
    // Five present, four positions on record.
    let mut silent = base.clone();
    silent.attendance = Some(Attendance {
        members: 6,
        present: 5,
    });
    refused(silent);
    // More present than members; no attendance at all.
    let mut impossible = base.clone();
    impossible.attendance = Some(Attendance {
        members: 3,
        present: 4,
    });
    refused(impossible);
    let mut unrecorded = base.clone();
    unrecorded.attendance = None;
    refused(unrecorded);
    // Four of seven, each on record: collective discussion.
    let mut quorum = base;
    quorum.attendance = Some(Attendance {
        members: 7,
        present: 4,
    });
    assert_accepted(w.try_(&Command::RecordCollectiveDiscussion(quorum)));
}

#[test]
fn a_head_deciding_against_the_majority_without_a_reason_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    let mut m = meeting_payload(day(50), 1, MeetingOutcome::Adopted);
    m.speeches = vec![
        speech("副区长 张某", false, Position::Disagree, Some("时机不成熟")),
        speech("副区长 李某", false, Position::Disagree, Some("资金不足")),
        speech("区长助理 王某", false, Position::Agree, None),
        speech("区长 赵某", true, Position::Agree, None),
    ];
    assert_rule(
        w.try_(&Command::RecordCollectiveDiscussion(m.clone())),
        Rule::MeetingHeadReason,
        "meeting.head_reason",
        "第三十条",
    );
    m.head_reason = Some(t("改造涉及民生，宜尽早实施，资金由区财政统筹"));
    assert_accepted(w.try_(&Command::RecordCollectiveDiscussion(m)));
}

#[test]
fn a_meeting_outcome_other_than_the_heads_decision_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    let mut m = meeting_payload(day(50), 1, MeetingOutcome::NotAdopted);
    m.outcome = MeetingOutcome::Adopted;
    assert_rule(
        w.try_(&Command::RecordCollectiveDiscussion(m)),
        Rule::MeetingHeadDecides,
        "meeting.head_decides",
        "第三十条",
    );
}

#[test]
fn a_head_rejecting_what_the_majority_supports_without_a_reason_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    let m = meeting_payload(day(50), 1, MeetingOutcome::NotAdopted);
    assert_rule(
        w.try_(&Command::RecordCollectiveDiscussion(m)),
        Rule::MeetingHeadReason,
        "meeting.head_reason",
        "第三十条",
    );
}

#[test]
fn a_dissent_without_its_words_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    let mut m = meeting_payload(day(50), 1, MeetingOutcome::Adopted);
    m.speeches[1].statement = None;
    assert_rule(
        w.try_(&Command::RecordCollectiveDiscussion(m)),
        Rule::MeetingDissent,
        "meeting.dissent",
        "第三十条",
    );
}

#[test]
fn a_meeting_naming_another_draft_version_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    assert_eq!(w.d.draft_version(), 1);
    assert_rule(
        w.try_(&meeting(day(50), 2, MeetingOutcome::Adopted)),
        Rule::MeetingVersion,
        "meeting.version",
        "第三十条",
    );
}

#[test]
fn a_meeting_outcome_decides_the_next_stage() {
    for (outcome, stage) in [
        (MeetingOutcome::Adopted, Stage::Adopted),
        (MeetingOutcome::NotAdopted, Stage::Rejected),
        (MeetingOutcome::Deferred, Stage::AwaitingDiscussion),
        (MeetingOutcome::ReturnedForRedrafting, Stage::Drafting),
    ] {
        let (mut w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
        let mut m = meeting_payload(day(50), 1, outcome);
        m.head_reason = Some(t("会上说明的理由"));
        w.act(Command::RecordCollectiveDiscussion(m));
        assert_eq!(w.d.stage, stage, "{outcome:?}");
        assert_eq!(w.d.meetings.len(), 1);
    }
}

#[test]
fn a_rejected_decision_is_archived_with_its_meeting_record() {
    let (mut w, _) = world_before(full_flags(), CommandKind::RecordCollectiveDiscussion);
    let mut m = meeting_payload(day(50), 1, MeetingOutcome::NotAdopted);
    m.head_reason = Some(t("财力不足，暂缓实施"));
    w.act(Command::RecordCollectiveDiscussion(m));
    assert_eq!(w.d.stage, Stage::Rejected);
    // Art. 30: the meeting's record itself, as its minutes.
    assert_eq!(archive_gaps(&w.d), vec!["集体讨论会议纪要（材料）"]);
    w.act(attach(DocumentKind::MeetingMinutes, day(50)));
    assert!(archive_gaps(&w.d).is_empty());
    w.act(archive(day(51)));
    assert_eq!(w.d.stage, Stage::Archived);
}

// --- publication, execution, change ---

#[test]
fn publishing_before_the_party_committee_report_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::RecordPartyCommitteeReport);
    assert_rule(
        w.try_(&publish(day(52))),
        Rule::PublishPartyReport,
        "publish.party_report",
        "第三十一条",
    );
}

#[test]
fn publishing_a_matter_flagged_for_the_congress_before_reporting_to_it_is_refused() {
    let flags = Flags {
        congress_report_required: true,
        ..full_flags()
    };
    let (mut w, _) = world_before(flags, CommandKind::RecordCongressReport);
    w.act(party_report(day(51)));
    assert_rule(
        w.try_(&publish(day(52))),
        Rule::PublishCongressReport,
        "publish.congress_report",
        "第八条",
    );
    w.act(congress_report(day(51)));
    w.act(publish(day(52)));
    assert_eq!(w.d.stage, Stage::Published);
}

#[test]
fn a_technical_decision_published_without_explaining_the_opinions_is_refused() {
    let (w, _) = world_before(full_flags(), CommandKind::PublishDecision);
    let Command::PublishDecision(mut p) = publish(day(52)) else {
        unreachable!()
    };
    p.opinion_explanation = None;
    assert_rule(
        w.try_(&Command::PublishDecision(p)),
        Rule::PublishChannels,
        "publish.channels",
        "第三十二条",
    );
}

#[test]
fn only_the_head_suspends_and_only_on_a_reported_incident_with_a_reason() {
    let mut w = world_after(full_flags(), CommandKind::StartExecution);
    w.act(incident(day(65)));
    assert_eq!(w.d.execution.as_ref().unwrap().incidents[0].number, 1);
    let valid = suspend(day(66), Some("施工安全隐患，情况紧急"), Some(1));
    for role in [Role::Secretariat, Role::Sponsor] {
        assert_eq!(
            w.try_as(role, &valid),
            Err(Refusal::Forbidden {
                act: "中止执行"
            })
        );
    }
    for bad in [
        suspend(day(66), Some("情况紧急"), None),
        suspend(day(66), None, Some(1)),
        suspend(day(66), Some("情况紧急"), Some(2)),
    ] {
        assert_rule(
            w.try_as(Role::Head, &bad),
            Rule::SuspendHeadOnly,
            "suspend.head_only",
            "第三十七条",
        );
    }
    w.act_as(Role::Head, valid);
    assert_eq!(w.d.stage, Stage::Suspended);
    w.act_as(Role::Head, resume(day(70)));
    assert_eq!(w.d.stage, Stage::InExecution);
    let s = &w.d.execution.as_ref().unwrap().suspensions[0];
    assert_eq!((s.incident, s.resumed_on), (1, Some(day(70))));
}

#[test]
fn stopping_a_decision_without_a_new_decision_that_amends_it_is_refused() {
    let mut w = world_after(full_flags(), CommandKind::StartExecution);
    let terminate = Command::TerminateDecision(change(day(70)));
    let mut not_adopted = amending_decision();
    not_adopted.stage = Stage::Drafting;
    let mut amends_another = amending_decision();
    amends_another.amends = Some("pingqiao-2022-009".into());
    let mut itself = amending_decision();
    itself.id = DECISION_ID.into();
    for related in [None, Some(not_adopted), Some(amends_another), Some(itself)] {
        w.related = related;
        assert_rule(
            w.try_(&terminate),
            Rule::ChangeProcedure,
            "change.procedure",
            "第三十七条",
        );
        assert_rule(
            w.try_(&Command::AdjustDecision(change(day(70)))),
            Rule::ChangeProcedure,
            "change.procedure",
            "第三十七条",
        );
    }
    w.related = Some(amending_decision());
    w.act(terminate);
    assert_eq!(w.d.stage, Stage::Terminated);
    assert!(matches!(
        w.d.ending,
        Some(Ending::Changed {
            terminated: true,
            ..
        })
    ));
    w.act(archive(day(71)));
    assert_eq!(w.d.stage, Stage::Archived);
}

#[test]
fn an_adjustment_ordered_by_an_archived_amending_decision_is_accepted() {
    let mut w = world_after(full_flags(), CommandKind::StartExecution);
    w.related = Some(RelatedDecision {
        stage: Stage::Archived,
        ..amending_decision()
    });
    w.act(Command::AdjustDecision(change(day(70))));
    assert_eq!(w.d.stage, Stage::Adjusted);
}

#[test]
fn the_unit_that_assessed_the_risk_cannot_evaluate_the_decision_afterwards() {
    let mut w = world_after(full_flags(), CommandKind::StartExecution);
    for conflicted in [RISK_UNIT, EXPERT_ORGANIZER, EXPERT_INSTITUTION] {
        assert_rule(
            w.try_(&start_evaluation(day(70), conflicted)),
            Rule::EvaluationIndependence,
            "evaluation.independence",
            "第三十六条",
        );
    }
    w.act(start_evaluation(day(70), INDEPENDENT_EVALUATOR));
    assert_eq!(w.d.stage, Stage::PostEvaluation);
    w.act(conclude_evaluation(day(90)));
    assert_eq!(w.d.stage, Stage::InExecution);
    assert!(w.d.open_evaluation().is_none());
}

#[test]
fn a_post_evaluation_without_its_stated_ground_is_refused() {
    let w = world_after(full_flags(), CommandKind::StartExecution);
    let Command::StartPostEvaluation(mut e) = start_evaluation(day(70), INDEPENDENT_EVALUATOR)
    else {
        unreachable!()
    };
    e.trigger_explanation = None;
    assert_rule(
        w.try_(&Command::StartPostEvaluation(e)),
        Rule::EvaluationTrigger,
        "evaluation.trigger",
        "第三十六条",
    );
}

// --- record and archive ---

#[test]
fn an_act_dated_after_today_is_refused() {
    let (mut w, _) = world_before(full_flags(), CommandKind::ReviseDraft);
    w.today = day(5);
    assert_engine_rule(w.try_(&revise(day(6))), Rule::RecordDates, "record.dates");
    assert_accepted(w.try_(&revise(day(5))));
}

#[test]
fn an_act_dated_before_the_act_it_depends_on_is_refused() {
    // Before the start of the procedure.
    let (w, _) = world_before(full_flags(), CommandKind::ReviseDraft);
    assert_engine_rule(w.try_(&revise(day(0))), Rule::RecordDates, "record.dates");
    // Concluding a review before the counsel's opinion.
    let (w, _) = world_before(full_flags(), CommandKind::ConcludeLegalityReview);
    assert_engine_rule(
        w.try_(&conclude(day(41), ReviewConclusion::Lawful)),
        Rule::RecordDates,
        "record.dates",
    );
    // Publishing before the report to the Party committee.
    let (w, _) = world_before(full_flags(), CommandKind::PublishDecision);
    assert_engine_rule(w.try_(&publish(day(50))), Rule::RecordDates, "record.dates");
    // Filing before publication.
    let w = world_after(full_flags(), CommandKind::PublishDecision);
    assert_engine_rule(w.try_(&file(day(51))), Rule::RecordDates, "record.dates");
    // Suspending before the incident it rests on.
    let mut w = world_after(full_flags(), CommandKind::StartExecution);
    w.act(incident(day(65)));
    assert_engine_rule(
        w.try_as(Role::Head, &suspend(day(64), Some("情况紧急"), Some(1))),
        Rule::RecordDates,
        "record.dates",
    );
}

#[test]
fn a_decision_in_execution_is_archived_only_once_execution_is_reported_complete() {
    let mut w = world_after(full_flags(), CommandKind::StartExecution);
    assert_rule(
        w.try_(&archive(day(62))),
        Rule::ArchiveChecklist,
        "archive.checklist",
        "第三十三条",
    );
    w.act(report_execution(day(100), false));
    assert_eq!(archive_gaps(&w.d), vec!["执行完毕报告"]);
    assert_rule(
        w.try_(&archive(day(101))),
        Rule::ArchiveChecklist,
        "archive.checklist",
        "第三十三条",
    );
    w.act(report_execution(day(200), true));
    w.act(archive(day(201)));
    assert_eq!(w.d.stage, Stage::Archived);
}

#[test]
fn a_normative_document_is_archived_only_once_filed() {
    let (mut w, filing) = world_before(full_flags(), CommandKind::FileDecision);
    w.act(start_execution(day(61)));
    w.act(report_execution(day(200), true));
    assert_eq!(
        archive_gaps(&w.d),
        vec!["向本级人民代表大会常务委员会备案的记录"]
    );
    assert_rule(
        w.try_(&archive(day(201))),
        Rule::ArchiveChecklist,
        "archive.checklist",
        "第三十三条",
    );
    w.act(filing);
    assert_eq!(
        w.try_(&file(day(61))),
        Err(Refusal::AlreadyDone {
            act: "决策备案"
        })
    );
    // The filing made, its report is part of the file.
    assert_eq!(archive_gaps(&w.d), vec!["备案报告（材料）"]);
    w.act(attach(DocumentKind::FilingReport, day(201)));
    w.act(archive(day(201)));
    assert_eq!(w.d.stage, Stage::Archived);
}

#[test]
fn a_withdrawn_decision_can_be_archived_but_not_resumed() {
    let (mut w, _) = world_before(full_flags(), CommandKind::RequestLegalityReview);
    w.act_as(Role::Secretariat, withdraw(day(38)));
    assert_eq!(w.d.stage, Stage::Withdrawn);
    assert!(matches!(
        w.try_(&request(day(40))),
        Err(Refusal::InvalidTransition {
            stage: Stage::Withdrawn,
            ..
        })
    ));
    w.act(archive(day(39)));
    assert_eq!(w.d.stage, Stage::Archived);
}

// --- bugs found while writing these tests (see the report) ---

#[test]
fn an_archive_cannot_be_dated_before_the_stage_it_closes() {
    let mut w = world_after(full_flags(), CommandKind::StartExecution);
    w.act(report_execution(day(62), true));
    w.act(start_evaluation(day(70), INDEPENDENT_EVALUATOR));
    w.act(conclude_evaluation(day(80)));
    assert_eq!(
        (w.d.stage, w.d.stage_entered_on),
        (Stage::InExecution, day(80))
    );
    assert_engine_rule(w.try_(&archive(day(63))), Rule::RecordDates, "record.dates");
}

#[test]
fn a_consultation_closes_only_after_its_last_day_has_run_to_midnight() {
    let (w, closing) = world_before(full_flags(), CommandKind::ClosePublicConsultation);
    assert_eq!(w.d.consultation.as_ref().unwrap().notice.ends_on, day(33));
    // 《民法典》 Art. 203: the last day, day 33, runs to 24:00; closing on it cuts it short.
    for early in [day(4), day(32), day(33)] {
        assert_rule(
            w.try_(&close(early)),
            Rule::ConsultationLastDay,
            "consultation.last_day",
            "第十五条",
        );
    }
    assert_engine_rule(w.try_(&close(day(2))), Rule::RecordDates, "record.dates");
    assert_accepted(w.try_(&close(day(34))));
    assert_accepted(w.try_(&closing));
}

#[test]
fn a_review_cannot_be_requested_before_the_drafting_procedures_it_rests_on() {
    let (w, _) = world_before(full_flags(), CommandKind::RequestLegalityReview);
    assert_eq!(
        w.d.consultation
            .as_ref()
            .unwrap()
            .closure
            .as_ref()
            .unwrap()
            .closed_on,
        day(34)
    );
    assert_engine_rule(w.try_(&request(day(20))), Rule::RecordDates, "record.dates");
}

// ---------------------------------------------------------------------------------------------
// 4. Properties over random command sequences
// ---------------------------------------------------------------------------------------------

/// Valid-looking commands dated `on`, with weights: the acts that move the procedure on come up
/// more often than the broken variants and the ones that end it.
fn samples(d: &Decision, on: NaiveDate) -> Vec<(u32, Command)> {
    let v = d.draft_version();
    let mut lead_twice = start_payload(on);
    lead_twice.co_units.push(t(LEAD_UNIT));
    let mut unsigned_hearing = hearing_payload(on, on - Duration::days(7));
    unsigned_hearing.participants[0].signed_record = false;
    let mut interested = experts_payload(on);
    interested.opinions[0].has_direct_interest = true;
    let mut incomplete_risk = risk_payload(on, RiskConclusion::Controllable);
    incomplete_risk.measures.clear();
    let mut head_first = meeting_payload(on, v, MeetingOutcome::Adopted);
    head_first.speeches.rotate_right(1);
    let mut special = meeting_payload(on, v, MeetingOutcome::Adopted);
    special.kind = MeetingKind::SpecialTopic;
    let mut rejected = meeting_payload(on, v, MeetingOutcome::NotAdopted);
    rejected.head_reason = Some(t("理由"));
    let Command::StartPostEvaluation(mut no_ground) = start_evaluation(on, INDEPENDENT_EVALUATOR)
    else {
        unreachable!()
    };
    no_ground.trigger_explanation = None;
    vec![
        (10, start(on)),
        (2, Command::StartProcedure(lead_twice)),
        (5, revise(on)),
        (10, open(on, on + Duration::days(30))),
        (2, open(on, on + Duration::days(10))),
        (10, dispose("c-001", DispositionOutcome::PartlyAdopted)),
        (2, dispose("c-404", DispositionOutcome::Adopted)),
        (
            1,
            Command::HideComment {
                comment_id: "c-002".into(),
                reason: t("广告信息"),
            },
        ),
        (10, close(on)),
        (
            3,
            Command::RecordOpinion(RecordOpinion {
                received_on: on,
                channel: OpinionChannel::Letter,
                author: None,
                body: t("建议增设充电桩"),
            }),
        ),
        (
            3,
            Command::DisposeCommentGroup(DisposeCommentGroup {
                comment_ids: vec!["c-001".into(), "R-1".into()],
                summary: t("关于停车设施的意见"),
                outcome: DispositionOutcome::Adopted,
                reason: t("已纳入方案"),
            }),
        ),
        (3, hearing_notice(on, on + Duration::days(10))),
        (
            3,
            Command::RecordHearing(hearing_payload(on, on - Duration::days(7))),
        ),
        (
            10,
            Command::RecordUnitConsultation(UnitConsultation {
                consulted_on: on,
                units: vec![t("区财政局")],
                agreed: true,
                dispute: None,
            }),
        ),
        (
            2,
            Command::RecordDraftingAnalysis(DraftingAnalysis {
                analysed_on: on,
                cost_benefit: Some(t("投入与效益测算")),
                options: vec![],
            }),
        ),
        (
            2,
            Command::CorrectFlag(Correction {
                corrected_on: on,
                flag: Flag::StabilityImpact,
                value: true,
                reason: t("经复核涉及社会稳定"),
            }),
        ),
        (2, Command::RecordHearing(unsigned_hearing)),
        (10, experts(on)),
        (2, Command::RecordExpertArgumentation(interested)),
        (8, risk(on, RiskConclusion::Controllable)),
        (3, risk(on, RiskConclusion::Uncontrollable)),
        (2, Command::RecordRiskAssessment(incomplete_risk)),
        (10, fair(on)),
        (10, mark(Track::PublicParticipation)),
        (10, mark(Track::ExpertArgumentation)),
        (10, mark(Track::RiskAssessment)),
        (10, mark(Track::FairCompetitionReview)),
        (10, request(on)),
        (2, assign(on)),
        (1, withdraw_assignment(on)),
        (1, Command::AcceptReviewRequest { accepted_on: on }),
        (
            1,
            Command::RequestSupplement {
                requested_on: on,
                materials: t("风险评估报告原件"),
            },
        ),
        (
            1,
            Command::SupplyMaterials(SuppliedMaterials {
                supplied_on: on,
                note: t("已补充"),
            }),
        ),
        (10, opinion(on)),
        (
            2,
            Command::ReturnLegalityReview {
                returned_on: on,
                reason: t("材料不全"),
            },
        ),
        (8, conclude(on, ReviewConclusion::Lawful)),
        (4, conclude(on, ReviewConclusion::LawfulWithRevisions)),
        (3, conclude(on, ReviewConclusion::Unlawful)),
        (3, conclude(on, ReviewConclusion::LegalRiskDisclosed)),
        (10, meeting(on, v, MeetingOutcome::Adopted)),
        (2, Command::RecordCollectiveDiscussion(rejected)),
        (2, meeting(on, v, MeetingOutcome::Deferred)),
        (2, meeting(on, v, MeetingOutcome::ReturnedForRedrafting)),
        (2, meeting(on, v + 1, MeetingOutcome::Adopted)),
        (2, Command::RecordCollectiveDiscussion(head_first)),
        (2, Command::RecordCollectiveDiscussion(special)),
        (10, party_report(on)),
        (10, congress_report(on)),
        (10, publish(on)),
        (5, file(on)),
        (10, start_execution(on)),
        (6, report_execution(on, true)),
        (4, report_execution(on, false)),
        (6, incident(on)),
        (6, suspend(on, Some("情况紧急"), Some(1))),
        (2, suspend(on, Some("情况紧急"), None)),
        (6, resume(on)),
        (4, start_evaluation(on, INDEPENDENT_EVALUATOR)),
        (2, start_evaluation(on, RISK_UNIT)),
        (2, Command::StartPostEvaluation(no_ground)),
        (6, conclude_evaluation(on)),
        (1, withdraw(on)),
        (2, Command::TerminateDecision(change(on))),
        (2, Command::AdjustDecision(change(on))),
        (10, archive(on)),
        (1, revise(today() + Duration::days(1))),
    ]
}

#[derive(Debug, Clone)]
struct Step {
    pick: usize,
    /// Choose among the acts that exist in the current stage (else among all of them).
    from_allowed: bool,
    /// Act with a role the statute gives the act to (else with any role).
    right_role: bool,
    role: usize,
}

fn step() -> impl Strategy<Value = Step> {
    (
        any::<usize>(),
        prop::bool::weighted(0.9),
        prop::bool::weighted(0.85),
        0..ROLES.len(),
    )
        .prop_map(|(pick, from_allowed, right_role, role)| Step {
            pick,
            from_allowed,
            right_role,
            role,
        })
}

fn flags() -> impl Strategy<Value = Flags> {
    (
        prop::bool::weighted(0.1),
        prop::array::uniform8(any::<bool>()),
    )
        .prop_map(|(non_disclosable, f)| Flags {
            non_disclosable,
            professional_technical: f[0],
            stability_impact: f[1],
            affects_market_entities: f[2],
            affects_specific_group: f[3],
            exploratory_reform: f[4],
            congress_report_required: f[5],
            normative_document: f[6],
            affects_other_units: f[7],
        })
}

fn walks() -> impl Strategy<Value = (Flags, Vec<Step>)> {
    (flags(), prop::collection::vec(step(), 1..250))
}

/// Applies the steps to a fresh proposal, checking the invariants after every step; returns the
/// stages the decision went through.
fn walk(flags: Flags, steps: &[Step]) -> Result<Vec<Stage>, TestCaseError> {
    let mut w = World::proposed(flags);
    w.comments = vec!["c-001".into()];
    w.related = Some(amending_decision());
    let mut visited = vec![w.d.stage];
    for (i, s) in steps.iter().enumerate() {
        // Non-decreasing dates, so the date floors hold for every act but the future-dated one.
        let on = day(10 + i as i64);
        let all = samples(&w.d, on);
        let mut candidates: Vec<&(u32, Command)> = all
            .iter()
            .filter(|(_, c)| !s.from_allowed || allowed(c.kind(), w.d.stage))
            .collect();
        if candidates.is_empty() {
            prop_assert_eq!(w.d.stage, Stage::Archived);
            candidates = all.iter().collect();
        }
        let total: usize = candidates.iter().map(|(weight, _)| *weight as usize).sum();
        let mut x = s.pick % total;
        let cmd = &candidates
            .iter()
            .find(|(weight, _)| {
                let hit = x < *weight as usize;
                if !hit {
                    x -= *weight as usize;
                }
                hit
            })
            .expect("the pick falls within the total weight")
            .1;
        let kind = cmd.kind();
        let role = if s.right_role {
            kind.roles()[s.role % kind.roles().len()]
        } else {
            ROLES[s.role]
        };
        let role_ok = kind.roles().contains(&role);
        let before = w.d.clone();
        let result = w.try_as(role, cmd);
        // (That `decide` leaves the decision as it was needs no check: it borrows it immutably and
        // the model has no interior mutability, so the compiler already guarantees it.)
        prop_assert_eq!(&w.try_as(role, cmd), &result, "decide is deterministic");
        match result {
            Err(Refusal::Forbidden { act }) => {
                prop_assert!(!role_ok);
                prop_assert_eq!(act, kind.label());
            }
            Err(Refusal::InvalidTransition { stage, act }) => {
                prop_assert!(role_ok && !allowed(kind, before.stage));
                prop_assert_eq!((stage, act), (before.stage, kind.label()));
            }
            // A stage refusal that names the statutory prerequisite the stage lacks.
            Err(Refusal::Rule { rule, .. }) if role_ok && !allowed(kind, before.stage) => {
                prop_assert!(
                    matches!(
                        (kind, rule),
                        (
                            CommandKind::RecordCollectiveDiscussion,
                            Rule::ReviewGate | Rule::RiskControllable
                        ) | (
                            CommandKind::PublishDecision
                                | CommandKind::StartExecution
                                | CommandKind::FileDecision,
                            Rule::MeetingRequired
                        ) | (
                            CommandKind::ReviseDraft | CommandKind::WithdrawDecision,
                            Rule::ChangeProcedure
                        ) | (_, Rule::StartRequired)
                    ),
                    "{:?} in {:?} refused by {:?}",
                    kind,
                    before.stage,
                    rule
                );
            }
            Err(other) => {
                prop_assert!(role_ok && allowed(kind, before.stage), "{:?}", other);
            }
            Ok(events) => {
                prop_assert_ne!(before.stage, Stage::Archived, "archived is read-only");
                prop_assert!(role_ok && allowed(kind, before.stage));
                prop_assert_eq!(events.len(), 1);
                for e in &events {
                    if let Some(on) = e.occurred_on() {
                        prop_assert!(on <= w.today);
                    }
                }
                let next = evolve(&before, &events);
                prop_assert_eq!(next.version, before.version + 1);
                if before.stage.is_ended() {
                    prop_assert_eq!(
                        next.stage,
                        Stage::Archived,
                        "an ended decision only archives"
                    );
                }
                if next.stage == Stage::Adopted {
                    let conclusion = next.current_review().and_then(LegalityReview::conclusion);
                    prop_assert!(
                        conclusion.is_some_and(|c| c != ReviewConclusion::Unlawful),
                        "adopted without a lawful review: {:?}",
                        conclusion
                    );
                }
                w.d = next;
                if visited.last() != Some(&w.d.stage) {
                    visited.push(w.d.stage);
                }
            }
        }
    }
    if w.d.stage == Stage::Archived {
        for (_, cmd) in samples(&w.d, day(3000)) {
            for role in ROLES {
                prop_assert!(w.try_as(role, &cmd).is_err());
            }
        }
    }
    Ok(visited)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_command_sequences_keep_the_invariants((flags, steps) in walks()) {
        walk(flags, &steps)?;
    }
}

/// Guards the property test itself: its random walks do reach every stage.
#[test]
fn the_random_walks_reach_every_stage() {
    let strategy = walks();
    let mut runner = TestRunner::deterministic();
    let mut reached = std::collections::HashSet::new();
    // Until every stage is reached, or 2,000 walks: a new act in the samples reshuffles the
    // deterministic walks, and the deepest stages take a few hundred of them.
    for _ in 0..2_000 {
        let (flags, steps) = strategy.new_tree(&mut runner).unwrap().current();
        reached.extend(walk(flags, &steps).expect("the invariants hold"));
        if reached.len() == Stage::ALL.len() {
            break;
        }
    }
    let missing: Vec<_> = Stage::ALL
        .into_iter()
        .filter(|s| !reached.contains(s))
        .collect();
    assert!(missing.is_empty(), "never reached: {missing:?}");
}

// --- the recorded obligations (Art. 12, 13, 16, 18) and corrections ---

fn units(agreed: bool, dispute: Option<DisputeStatement>) -> Command {
    Command::RecordUnitConsultation(UnitConsultation {
        consulted_on: day(20),
        units: vec![t("区财政局"), t("羊山街道办事处")],
        agreed,
        dispute,
    })
}

#[test]
fn a_matter_concerning_other_units_goes_to_review_only_after_consulting_them() {
    let flags = Flags {
        affects_other_units: true,
        ..full_flags()
    };
    let (mut w, request) = world_before(flags, CommandKind::RequestLegalityReview);
    assert_rule(
        w.try_(&request),
        Rule::DraftingUnitsConsulted,
        "drafting.units_consulted",
        "第十三条",
    );
    // Art. 13: no agreement without the statement of the dispute.
    assert_rule(
        w.try_(&units(false, None)),
        Rule::DraftingUnitsConsulted,
        "drafting.units_consulted",
        "第十三条",
    );
    w.act(units(
        false,
        Some(DisputeStatement {
            main_issues: t("资金分担比例"),
            units_opinions: t("区财政局主张按三七分担"),
            sponsor_opinion: t("按五五分担，依据为区政府第8次常务会议纪要"),
        }),
    ));
    assert_accepted(w.try_(&request));
}

#[test]
fn a_hearing_is_held_only_as_announced_with_the_participants_listed() {
    let mut w = world_after(full_flags(), CommandKind::ReviseDraft);
    // No notice for that day.
    assert_rule(
        w.try_(&Command::RecordHearing(hearing_payload(day(20), day(10)))),
        Rule::HearingNotice,
        "hearing.notice",
        "第十六条",
    );
    // A notice must come before the hearing and name the participants.
    let Command::PublishHearingNotice(mut late) = hearing_notice(day(20), day(20)) else {
        unreachable!("hearing_notice builds a notice")
    };
    assert_rule(
        w.try_(&Command::PublishHearingNotice(late.clone())),
        Rule::HearingNotice,
        "hearing.notice",
        "第十六条",
    );
    late.published_on = day(5);
    late.participants
        .retain(|p| p.as_str() != "物业公司代表 周某");
    w.act(Command::PublishHearingNotice(late));
    // 周某 was not on the published list.
    assert_rule(
        w.try_(&Command::RecordHearing(hearing_payload(day(20), day(10)))),
        Rule::HearingNotice,
        "hearing.notice",
        "第十六条",
    );
    w.act(hearing_notice(day(6), day(21)));
    assert_accepted(w.try_(&Command::RecordHearing(hearing_payload(day(21), day(10)))));
}

#[test]
fn opinions_from_other_channels_count_and_similar_ones_are_disposed_of_together() {
    let (mut w, closing) = world_before(full_flags(), CommandKind::ClosePublicConsultation);
    for body in ["建议增设停车位", "停车位不足"] {
        w.act(Command::RecordOpinion(RecordOpinion {
            received_on: day(10),
            channel: OpinionChannel::Letter,
            author: Some(t("居民 孙某")),
            body: t(body),
        }));
    }
    let ids: Vec<&str> =
        w.d.consultation
            .as_ref()
            .unwrap()
            .received
            .iter()
            .map(|o| o.id.as_str())
            .collect();
    assert_eq!(ids, ["R-1", "R-2"]);
    // Art. 18: the recorded opinions are answered before the track ends.
    assert_rule(
        w.try_(&closing),
        Rule::ConsultationDispositions,
        "consultation.dispositions",
        "第十八条",
    );
    let group = |ids: Vec<&str>| {
        Command::DisposeCommentGroup(DisposeCommentGroup {
            comment_ids: ids.into_iter().map(String::from).collect(),
            summary: t("关于停车设施的意见"),
            outcome: DispositionOutcome::PartlyAdopted,
            reason: t("已在方案中增加停车位，数量受用地限制"),
        })
    };
    assert!(matches!(
        w.try_(&group(vec!["R-1"])),
        Err(Refusal::InvalidInput(_))
    ));
    assert_eq!(
        w.try_(&group(vec!["R-1", "R-9"])),
        Err(Refusal::NotFound { what: "意见" })
    );
    w.act(group(vec!["R-1", "R-2"]));
    let c = w.d.consultation.as_ref().unwrap();
    assert_eq!(c.dispositions["R-2"].group, Some(1));
    assert_eq!(c.groups[0].comment_ids, ["R-1", "R-2"]);
    assert_accepted(w.try_(&closing));
}

#[test]
fn a_flag_is_corrected_before_the_stage_where_it_matters_and_reopens_its_track() {
    let flags = Flags {
        stability_impact: false,
        ..full_flags()
    };
    let (mut w, _) = world_before(flags, CommandKind::RequestLegalityReview);
    assert!(matches!(
        w.d.tracks.risk_assessment,
        TrackState::NotRequired { .. }
    ));
    let correct_on = |on, flag, value| {
        Command::CorrectFlag(Correction {
            corrected_on: on,
            flag,
            value,
            reason: t("提出时勾选有误"),
        })
    };
    let correct = |flag, value| correct_on(day(38), flag, value);
    w.act(correct(Flag::StabilityImpact, true));
    assert!(w.d.proposal.flags.stability_impact);
    assert_eq!(w.d.tracks.risk_assessment, TrackState::Pending);
    assert_eq!(w.d.corrections.len(), 1);
    assert!(matches!(
        w.try_(&correct(Flag::StabilityImpact, true)),
        Err(Refusal::NothingToActOn { .. })
    ));
    // Publicly consulted already: it cannot become non-disclosable.
    assert_engine_rule(
        w.try_(&correct(Flag::NonDisclosable, true)),
        Rule::RecordCorrection,
        "record.correction",
    );
    // Past the review request, a drafting flag is no longer correctable; the congress flag is
    // until publication.
    let w = world_at(full_flags(), Stage::AwaitingDiscussion);
    assert_engine_rule(
        w.try_(&correct_on(day(46), Flag::ProfessionalTechnical, false)),
        Rule::RecordCorrection,
        "record.correction",
    );
    assert_accepted(w.try_(&correct_on(day(46), Flag::CongressReportRequired, true)));
    let w = world_at(full_flags(), Stage::Published);
    assert!(matches!(
        w.try_(&correct_on(day(60), Flag::NormativeDocument, false)),
        Err(Refusal::InvalidTransition { .. })
    ));
}

// --- the table of date dependencies, row by row ---

/// The command with its act's date moved to `on`; `None` for acts that carry no date.
fn redated(cmd: &Command, on: NaiveDate) -> Option<Command> {
    let mut c = cmd.clone();
    let date = match &mut c {
        Command::StartProcedure(x) => &mut x.started_on,
        Command::ReviseDraft(x) => &mut x.revised_on,
        Command::OpenPublicConsultation(x) => &mut x.opened_on,
        Command::RecordOpinion(x) => &mut x.received_on,
        Command::ClosePublicConsultation(x) => &mut x.closed_on,
        Command::PublishHearingNotice(x) => &mut x.published_on,
        Command::RecordHearing(x) => &mut x.held_on,
        Command::RecordUnitConsultation(x) => &mut x.consulted_on,
        Command::RecordDraftingAnalysis(x) => &mut x.analysed_on,
        Command::CorrectFlag(x) => &mut x.corrected_on,
        Command::RecordExpertArgumentation(x) => &mut x.held_on,
        Command::RecordRiskAssessment(x) => &mut x.assessed_on,
        Command::RecordFairCompetitionReview(x) => &mut x.reviewed_on,
        Command::RequestLegalityReview(x) => &mut x.requested_on,
        Command::SubmitLegalOpinion(x) => &mut x.given_on,
        Command::AcceptReviewRequest { accepted_on } => accepted_on,
        Command::RequestSupplement { requested_on, .. } => requested_on,
        Command::SupplyMaterials(x) => &mut x.supplied_on,
        Command::AssignCounsel(x) => &mut x.assigned_on,
        Command::WithdrawCounselAssignment { withdrawal, .. } => &mut withdrawal.withdrawn_on,
        Command::ReturnLegalityReview { returned_on, .. } => returned_on,
        Command::ConcludeLegalityReview(x) => &mut x.concluded_on,
        Command::RecordCollectiveDiscussion(x) => &mut x.held_on,
        Command::RecordPartyCommitteeReport(x) | Command::RecordCongressReport(x) => {
            &mut x.reported_on
        }
        Command::PublishDecision(x) => &mut x.published_on,
        Command::FileDecision(x) => &mut x.filed_on,
        Command::RecordFilingReview(x) => &mut x.answered_on,
        Command::StartExecution { started_on, .. } => started_on,
        Command::ReportExecution(x) => &mut x.reported_on,
        Command::ReportIncident(x) => &mut x.reported_on,
        Command::SuspendExecution(x) => &mut x.suspended_on,
        Command::ResumeExecution { resumed_on, .. } => resumed_on,
        Command::StartPostEvaluation(x) => &mut x.started_on,
        Command::ConcludePostEvaluation(x) => &mut x.concluded_on,
        Command::WithdrawDecision { withdrawn_on, .. } => withdrawn_on,
        Command::TerminateDecision(x) | Command::AdjustDecision(x) => &mut x.changed_on,
        Command::ArchiveDecision { archived_on } => archived_on,
        Command::AttachMaterial(x) => &mut x.dated,
        Command::IssueSupervisionNotice(x) => &mut x.issued_on,
        Command::DisposeComment(_)
        | Command::HideComment { .. }
        | Command::DisposeCommentGroup(_)
        | Command::MarkTrackNotRequired { .. } => return None,
    };
    *date = on;
    Some(c)
}

/// Drives `steps` and, before each dated act, checks every row of its bounds: dated one day
/// before the row's date, the act is refused by `record.dates` naming what it depends on; dated
/// as given, it is not. Returns how many rows were driven.
fn drive_every_bound(w: &mut World, steps: Vec<Command>) -> usize {
    let mut rows = 0;
    for cmd in steps {
        for (floor, what) in w.bounds(&cmd) {
            let Some(early) = redated(&cmd, floor - Duration::days(1)) else {
                continue;
            };
            match w.try_(&early) {
                Err(Refusal::Rule {
                    rule: Rule::RecordDates,
                    message,
                }) => assert!(message.contains("早于其所依据的"), "{message}"),
                // An earlier date can break a statutory interval first (a hearing's materials,
                // a consultation's last day): refused by that rule instead.
                Err(Refusal::Rule {
                    rule: Rule::HearingMaterials7Days | Rule::ConsultationLastDay,
                    ..
                }) => {}
                other => panic!(
                    "{:?} dated {} before {what} was {other:?}",
                    cmd.kind(),
                    floor - Duration::days(1)
                ),
            }
            rows += 1;
        }
        w.act(cmd);
    }
    rows
}

#[test]
fn every_row_of_the_date_table_refuses_an_act_dated_before_what_it_depends_on() {
    let flags = Flags {
        affects_other_units: true,
        ..full_flags()
    };
    let mut w = World::proposed(flags);
    let mut steps = vec![start(day(1)), revise(day(2))];
    steps.push(hearing_notice(day(3), day(20)));
    steps.push(open(day(3), day(33)));
    steps.push(Command::RecordOpinion(RecordOpinion {
        received_on: day(4),
        channel: OpinionChannel::Email,
        author: None,
        body: t("建议延长施工时间"),
    }));
    steps.push(dispose("R-1", DispositionOutcome::NotAdopted));
    steps.push(Command::RecordHearing(hearing_payload(day(20), day(10))));
    steps.push(attach(DocumentKind::HearingRecord, day(20)));
    steps.push(units(true, None));
    let rest: Vec<Command> = happy_steps(flags)
        .into_iter()
        .skip_while(|c| c.kind() != CommandKind::DisposeComment)
        .collect();
    steps.extend(rest);
    // The execution branch: incident, suspension, resumption, evaluation.
    let archive_step = steps.pop();
    steps.pop(); // the completing report comes after the evaluation below
    steps.extend([
        incident(day(65)),
        suspend(day(66), Some("情况紧急"), Some(1)),
        resume(day(70)),
        start_evaluation(day(80), INDEPENDENT_EVALUATOR),
        conclude_evaluation(day(90)),
        attach(DocumentKind::EvaluationReport, day(90)),
        report_execution(day(200), true),
    ]);
    steps.extend(archive_step);
    let rows = drive_every_bound(&mut w, steps);
    assert_eq!(w.d.stage, Stage::Archived);
    assert!(rows >= 40, "only {rows} rows driven");

    // Termination follows the new decision's adoption.
    let mut w = world_after(full_flags(), CommandKind::StartExecution);
    w.related = Some(RelatedDecision {
        adopted_on: Some(day(120)),
        ..amending_decision()
    });
    let rows = drive_every_bound(&mut w, vec![Command::TerminateDecision(change(day(121)))]);
    assert_eq!((rows, w.d.stage), (2, Stage::Terminated));
}

// --- access: who sees and does what (access.rs, publicity.rs) ---

fn official(id: &str, organ: &str, unit: &str, roles: &[Role]) -> Official {
    Official {
        id: id.into(),
        name: format!("{id}经办人"),
        organ: organ.into(),
        unit: unit.into(),
        roles: roles.to_vec(),
    }
}

const OTHER_ORGAN: &str = "平桥区明港镇人民政府";

fn scope_of(r: Result<Role, Denial>) -> Option<&'static str> {
    match r {
        Err(Denial::Scope { rule, .. }) => Some(rule.id()),
        _ => None,
    }
}

#[test]
fn a_sponsor_acts_on_the_decisions_its_unit_leads_or_co_drafts_and_no_other() {
    let w = world_at(full_flags(), Stage::Drafting);
    let today = w.today;
    let lead = official("s1", ORGAN, LEAD_UNIT, &[Role::Sponsor]);
    let co = official("s2", ORGAN, "平桥区财政局", &[Role::Sponsor]);
    let other = official("s3", ORGAN, "平桥区水利局", &[Role::Sponsor]);
    let elsewhere = official("s4", OTHER_ORGAN, LEAD_UNIT, &[Role::Sponsor]);
    let k = CommandKind::ReviseDraft;
    assert_eq!(may_act(&lead, k, &w.d, today), Ok(Role::Sponsor));
    assert_eq!(may_act(&co, k, &w.d, today), Ok(Role::Sponsor));
    // Another unit, or another organ, may not learn that an unpublished draft exists.
    assert_eq!(may_act(&other, k, &w.d, today), Err(Denial::Hidden));
    assert_eq!(may_act(&elsewhere, k, &w.d, today), Err(Denial::Hidden));
    assert_eq!(sight(Viewer::Official(&other), &w.d, today), Sight::Nothing);
    assert_eq!(sight(Viewer::Official(&lead), &w.d, today), Sight::Record);
    // Once the draft is out for comment, anyone may know it exists: the refusal says why.
    let mut w = World::proposed(Flags::default());
    w.act(start(day(1)));
    w.act(revise(day(2)));
    w.act(open(day(3), day(33)));
    w.today = day(10);
    assert_eq!(
        scope_of(may_act(&other, k, &w.d, w.today)),
        Some("scope.unit")
    );
    assert_eq!(
        scope_of(may_act(&elsewhere, k, &w.d, w.today)),
        Some("scope.organ")
    );
    assert_eq!(
        sight(Viewer::Official(&other), &w.d, w.today),
        Sight::Published
    );
}

#[test]
fn execution_is_reported_by_the_executing_unit_only() {
    let mut w = world_at(full_flags(), Stage::InExecution);
    let today = w.today;
    if let Some(x) = w.d.execution.as_mut() {
        x.unit = t("平桥区城市管理局");
    }
    let executing = official("e1", ORGAN, "平桥区城市管理局", &[Role::Sponsor]);
    let lead = official("s1", ORGAN, LEAD_UNIT, &[Role::Sponsor]);
    for k in [CommandKind::ReportExecution, CommandKind::ReportIncident] {
        assert_eq!(may_act(&executing, k, &w.d, today), Ok(Role::Sponsor));
        assert_eq!(
            scope_of(may_act(&lead, k, &w.d, today)),
            Some("scope.executing_unit")
        );
    }
    assert_eq!(
        sight(Viewer::Official(&executing), &w.d, today),
        Sight::Record
    );
}

#[test]
fn counsel_see_and_act_only_on_the_round_they_are_assigned_to() {
    let (mut w, _) = world_before(full_flags(), CommandKind::SubmitLegalOpinion);
    let today = w.today;
    let counsel = counsel_official();
    let k = CommandKind::SubmitLegalOpinion;
    // Not assigned: the review is not theirs. (The draft went out for comment, so that the
    // decision exists is public: the refusal may say why.)
    assert_eq!(
        scope_of(may_act(&counsel, k, &w.d, today)),
        Some("scope.counsel_assignment")
    );
    assert_eq!(
        sight(Viewer::Official(&counsel), &w.d, today),
        Sight::Published
    );
    w.act(assign(w.d.stage_entered_on));
    assert_eq!(may_act(&counsel, k, &w.d, today), Ok(Role::Counsel));
    assert_eq!(
        sight(Viewer::Official(&counsel), &w.d, today),
        Sight::Record
    );
    let assigned = &w.d.current_review().expect("a review").assignments;
    assert_eq!(assigned.len(), 1);
    assert_eq!(assigned[0].counsel_name, "公职律师甲");
    // A second assignment of the same counsel to the same round is a repeat.
    assert!(matches!(
        w.try_(&assign(w.d.stage_entered_on)),
        Err(Refusal::AlreadyDone { .. })
    ));
    // Withdrawn: recorded, and the counsel is out again.
    w.act(withdraw_assignment(w.d.stage_entered_on));
    let a = &w.d.current_review().expect("a review").assignments[0];
    assert!(a.withdrawal.is_some());
    assert_eq!(
        scope_of(may_act(&counsel, k, &w.d, today)),
        Some("scope.counsel_assignment")
    );
    assert!(matches!(
        w.try_(&withdraw_assignment(w.d.stage_entered_on)),
        Err(Refusal::NothingToActOn { .. })
    ));
}

#[test]
fn only_a_counsel_account_of_the_decisions_organ_can_be_assigned() {
    let (mut w, _) = world_before(full_flags(), CommandKind::SubmitLegalOpinion);
    for named in [
        None,
        Some(official(
            "counsel-1",
            OTHER_ORGAN,
            "明港镇司法所",
            &[Role::Counsel],
        )),
        Some(official(
            "counsel-1",
            ORGAN,
            "平桥区司法局",
            &[Role::Sponsor],
        )),
    ] {
        w.named = named;
        assert!(
            matches!(
                w.try_(&assign(w.d.stage_entered_on)),
                Err(Refusal::InvalidInput(ValueError::Invalid {
                    field: "counselAccountId",
                    ..
                }))
            ),
            "{:?}",
            w.named
        );
    }
}

#[test]
fn the_organs_secretariat_head_review_office_and_auditor_see_the_whole_record() {
    let w = world_at(full_flags(), Stage::LegalityReview);
    let today = w.today;
    for role in [
        Role::Secretariat,
        Role::Head,
        Role::ReviewOffice,
        Role::Auditor,
    ] {
        let own = official("x", ORGAN, "任一单位", &[role]);
        let other = official("y", OTHER_ORGAN, "任一单位", &[role]);
        assert_eq!(
            sight(Viewer::Official(&own), &w.d, today),
            Sight::Record,
            "{role:?}"
        );
        // Another organ reads what the public reads: here the consultation notice.
        assert_eq!(
            sight(Viewer::Official(&other), &w.d, today),
            Sight::Published,
            "{role:?}"
        );
    }
    let review = official("r", ORGAN, "平桥区司法局", &[Role::ReviewOffice]);
    assert_eq!(
        may_act(&review, CommandKind::ConcludeLegalityReview, &w.d, today),
        Ok(Role::ReviewOffice)
    );
    let auditor = official("a", ORGAN, "平桥区审计局", &[Role::Auditor]);
    assert_eq!(
        may_act(&auditor, CommandKind::ConcludeLegalityReview, &w.d, today),
        Err(Denial::Role {
            act: CommandKind::ConcludeLegalityReview.label()
        })
    );
    let admin = official("m", ORGAN, "平桥区大数据中心", &[Role::Admin]);
    assert_eq!(
        sight(Viewer::Official(&admin), &w.d, today),
        Sight::Published
    );
}

#[test]
fn another_organ_knows_a_published_decision_exists_but_may_not_act_on_it() {
    let w = world_at(full_flags(), Stage::Published);
    let today = w.today;
    let office = official(
        "o",
        OTHER_ORGAN,
        "明港镇党政综合办公室",
        &[Role::Secretariat],
    );
    assert_eq!(
        sight(Viewer::Official(&office), &w.d, today),
        Sight::Published
    );
    assert_eq!(
        scope_of(may_act(&office, CommandKind::FileDecision, &w.d, today)),
        Some("scope.organ")
    );
    assert_eq!(sight(Viewer::Public, &w.d, today), Sight::Published);
}

#[test]
fn an_account_with_several_roles_acts_in_the_first_that_covers_the_act() {
    let w = world_at(full_flags(), Stage::Drafting);
    let both = official("b", ORGAN, LEAD_UNIT, &[Role::Counsel, Role::Sponsor]);
    assert_eq!(
        may_act(&both, CommandKind::ReviseDraft, &w.d, w.today),
        Ok(Role::Sponsor)
    );
    assert_eq!(both.acting_as(Role::Sponsor).role, Role::Sponsor);
    assert_eq!(sight(Viewer::Official(&both), &w.d, w.today), Sight::Record);
}

#[test]
fn the_public_reads_an_open_consultation_and_a_published_decision_and_nothing_else() {
    let flags = Flags {
        professional_technical: true,
        ..Flags::default()
    };
    let mut w = World::proposed(flags);
    w.act(start(day(1)));
    w.act(revise(day(2)));
    w.today = day(3);
    assert_eq!(
        public_view(&w.d, w.today),
        None,
        "a draft before consultation"
    );
    w.act(open(day(3), day(33)));
    let seen = public_view(&w.d, w.today).expect("an open consultation is public");
    assert_eq!(seen.draft.as_ref().map(|d| d.version), Some(1));
    assert!(
        seen.consultation
            .as_ref()
            .is_some_and(|c| c.received.is_empty())
    );
    assert_eq!(seen.proposer.name, "");
    assert_eq!(seen.proposal.source_statement, SourceStatement::default());
    // The period over: the notice stays public, the draft text does not.
    w.today = day(34);
    let seen = public_view(&w.d, w.today).expect("a published notice stays public");
    assert!(seen.draft.is_none() && seen.consultation.is_some());
    // Published: the text, the publication, and none of the record behind it.
    let w = world_at(full_flags(), Stage::Published);
    let seen = public_view(&w.d, w.today).expect("a published decision is public");
    assert_eq!(seen.publication, w.d.publication);
    assert!(seen.draft.is_some());
    assert!(seen.reviews.is_empty() && seen.meetings.is_empty());
    assert!(seen.risk_assessments.is_empty() && seen.expert_argumentation.is_none());
    assert!(seen.hearings.is_empty());
    // The consultation's notice was published; what came of it is told by the publication.
    let c = seen.consultation.as_ref().expect("the notice");
    assert!(c.received.is_empty() && c.dispositions.is_empty() && c.closure.is_none());
    assert_eq!(seen.proposal.flags, Flags::default());
    // Not to be disclosed: nothing, ever.
    let mut secret = w.d.clone();
    secret.proposal.flags.non_disclosable = true;
    assert_eq!(public_view(&secret, w.today), None);
    assert_eq!(sight(Viewer::Public, &secret, w.today), Sight::Nothing);
}

// --- what can I do next (next.rs) ---

/// The official of `role` whose post covers the test decision: the lead unit's sponsor, the
/// assigned counsel, the organ's office, head and review office.
fn in_post(role: Role) -> Official {
    match role {
        Role::Sponsor => official("sponsor-1", ORGAN, LEAD_UNIT, &[role]),
        Role::Counsel => counsel_official(),
        _ => official(&format!("{role:?}-1"), ORGAN, "平桥区人民政府", &[role]),
    }
}

impl World {
    fn next_for(&self, o: &Official) -> Vec<NextAct> {
        let calendar = Calendar::embedded();
        next_acts(
            o,
            &self.d,
            &Situation {
                today: self.today,
                calendar: &calendar,
                received_comments: &self.comments,
            },
        )
    }

    fn next_of(&self, role: Role, kind: CommandKind) -> Option<Next> {
        self.next_for(&in_post(role))
            .into_iter()
            .find(|n| n.kind == kind)
            .map(|n| n.next)
    }
}

fn blocked_by(next: Option<Next>) -> Option<&'static str> {
    match next {
        Some(Next::Blocked(Refusal::Rule { rule, .. })) => Some(rule.id()),
        _ => None,
    }
}

#[test]
fn along_the_lifecycle_each_next_act_is_offered_to_the_official_who_takes_it() {
    for flags in [full_flags(), Flags::default()] {
        let mut w = World::proposed(flags);
        for cmd in happy_steps(flags) {
            let kind = cmd.kind();
            let role = kind.roles()[0];
            if kind == CommandKind::SubmitLegalOpinion {
                // Unassigned, the counsel is offered nothing; assigned, the opinion.
                assert!(w.next_for(&in_post(Role::Counsel)).is_empty());
                w.act(assign(w.d.stage_entered_on));
            }
            assert_eq!(
                w.next_of(role, kind),
                Some(Next::Available),
                "{kind:?} in {:?}",
                w.d.stage
            );
            w.act(cmd);
        }
        assert_eq!(w.d.stage, Stage::Archived);
        // An archived record offers nothing to anyone.
        for role in ROLES {
            assert!(w.next_for(&in_post(role)).is_empty(), "{role:?}");
        }
    }
}

#[test]
fn an_act_the_record_does_not_allow_yet_names_the_rule_that_blocks_it() {
    // Drafting: the meeting waits for a lawful review (Art. 25); the review request waits for
    // the drafting tracks (here the public consultation, Art. 14).
    let w = world_at(full_flags(), Stage::Drafting);
    assert_eq!(
        blocked_by(w.next_of(Role::Secretariat, CommandKind::RecordCollectiveDiscussion)),
        Some("review.gate")
    );
    assert_eq!(
        blocked_by(w.next_of(Role::Sponsor, CommandKind::RequestLegalityReview)),
        Some("review.materials"),
        "no draft yet"
    );
    let (with_draft, _) = world_before(full_flags(), CommandKind::OpenPublicConsultation);
    assert_eq!(
        blocked_by(with_draft.next_of(Role::Sponsor, CommandKind::RequestLegalityReview)),
        Some("consultation.required")
    );
    // Publication before adoption: the meeting first (Art. 30).
    assert_eq!(
        blocked_by(w.next_of(Role::Secretariat, CommandKind::PublishDecision)),
        Some("meeting.required")
    );
    // An open consultation closes from the day after its last day, and with every opinion answered.
    let (mut w, _) = world_before(full_flags(), CommandKind::ClosePublicConsultation);
    w.today = day(33);
    assert_eq!(
        blocked_by(w.next_of(Role::Sponsor, CommandKind::ClosePublicConsultation)),
        Some("consultation.last_day")
    );
    // No opinion of counsel yet: the review office cannot conclude (Art. 28).
    let (w, _) = world_before(full_flags(), CommandKind::SubmitLegalOpinion);
    assert_eq!(
        blocked_by(w.next_of(Role::ReviewOffice, CommandKind::ConcludeLegalityReview)),
        Some("review.counsel_opinion")
    );
    // Adopted, not yet reported to the Party committee (Art. 31).
    let w = world_at(full_flags(), Stage::Adopted);
    assert_eq!(
        blocked_by(w.next_of(Role::Secretariat, CommandKind::PublishDecision)),
        Some("publish.party_report")
    );
    // Done once: no longer offered.
    let (mut w, _) = world_before(full_flags(), CommandKind::PublishDecision);
    assert!(
        w.next_of(Role::Secretariat, CommandKind::RecordPartyCommitteeReport)
            .is_none()
    );
    w.today = day(52);
    assert_eq!(
        w.next_of(Role::Secretariat, CommandKind::PublishDecision),
        Some(Next::Available)
    );
}

#[test]
fn nothing_is_offered_outside_the_officials_post() {
    let w = world_at(full_flags(), Stage::Drafting);
    let other_unit = official("s9", ORGAN, "平桥区水利局", &[Role::Sponsor]);
    let elsewhere = official(
        "o9",
        OTHER_ORGAN,
        "明港镇党政综合办公室",
        &[Role::Secretariat],
    );
    let auditor = official("a9", ORGAN, "平桥区审计局", &[Role::Auditor]);
    for o in [other_unit, elsewhere, auditor] {
        assert!(w.next_for(&o).is_empty(), "{o:?}");
    }
    // An account with two roles is offered the acts of both, each in its role.
    let both = official("b", ORGAN, LEAD_UNIT, &[Role::Sponsor, Role::Secretariat]);
    let roles: std::collections::BTreeSet<_> = w
        .next_for(&both)
        .iter()
        .map(|n| format!("{:?}", n.role))
        .collect();
    assert_eq!(
        roles,
        ["Secretariat", "Sponsor"]
            .map(String::from)
            .into_iter()
            .collect()
    );
}

#[test]
fn the_office_records_the_heads_order_for_the_head_and_nothing_else() {
    let mut w = world_at(full_flags(), Stage::InExecution);
    w.act(incident(w.d.stage_entered_on));
    let clerk = official("clerk", ORGAN, "平桥区人民政府办公室", &[Role::Secretariat]);
    let head = official("head", ORGAN, "平桥区人民政府", &[Role::Head]);
    let k = CommandKind::SuspendExecution;
    let actor = access::may_act_for(&clerk, &head, k, &w.d, w.today).expect("the office records");
    assert_eq!(actor.role, Role::Secretariat);
    assert_eq!(actor.authority(), Role::Head);
    assert_eq!(
        actor.on_behalf_of.as_ref().map(|p| p.id.as_str()),
        Some("head")
    );
    // Judged as the head's act: the core accepts it.
    let calendar = Calendar::embedded();
    let ctx = Context {
        actor: &actor,
        today: w.today,
        calendar: &calendar,
        received_comments: &[],
        messages: None,
        related: None,
        named: None,
    };
    let cmd = suspend(w.today, Some("情况紧急"), Some(1));
    assert!(decide(&w.d, &cmd, &ctx).is_ok());
    // Not the office, not a head, another organ's head, not the head's act.
    let sponsor = official("s", ORGAN, LEAD_UNIT, &[Role::Sponsor]);
    let auditor = official("a", ORGAN, "平桥区审计局", &[Role::Auditor]);
    let town_head = official("t", OTHER_ORGAN, "明港镇人民政府", &[Role::Head]);
    for (who, whom, kind) in [
        (&sponsor, &head, k),
        (&clerk, &auditor, k),
        (&clerk, &town_head, k),
        (&clerk, &head, CommandKind::ReportIncident),
    ] {
        assert!(
            matches!(
                access::may_act_for(who, whom, kind, &w.d, w.today),
                Err(Denial::Scope {
                    rule: ScopeRule::OnBehalf,
                    ..
                })
            ),
            "{} for {} ({kind:?})",
            who.id,
            whom.id
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Materials (Art. 33)
// ---------------------------------------------------------------------------------------------

#[test]
fn a_document_is_attached_by_the_role_that_forms_it_and_only_once() {
    let (mut w, _) = world_before(full_flags(), CommandKind::RequestLegalityReview);
    // The review office forms the review opinion, not the sponsor (Art. 28).
    assert_eq!(
        w.try_as(Role::Sponsor, &attach(DocumentKind::ReviewOpinion, day(38))),
        Err(Refusal::Forbidden {
            act: "上传合法性审查意见书"
        })
    );
    let before = w.d.materials.len();
    w.act(attach(DocumentKind::Other, day(38)));
    let m = w.d.materials.last().expect("attached");
    assert_eq!(
        (m.number as usize, m.kind),
        (before + 1, DocumentKind::Other)
    );
    assert_eq!(
        w.try_(&attach(DocumentKind::Other, day(38))),
        Err(Refusal::AlreadyDone {
            act: "上传其他材料"
        })
    );
    // Not after the file is closed.
    let archived = archived_world();
    assert!(matches!(
        archived.try_(&attach(DocumentKind::Other, day(300))),
        Err(Refusal::InvalidTransition {
            stage: Stage::Archived,
            ..
        })
    ));
}

#[test]
fn the_archive_names_every_document_the_path_required_and_missing() {
    let flags = full_flags();
    let mut w = World::proposed(flags);
    for cmd in happy_steps(flags) {
        if matches!(cmd, Command::AttachMaterial(_)) {
            continue;
        }
        if cmd.kind() == CommandKind::ArchiveDecision {
            break;
        }
        w.act(cmd);
    }
    assert_rule(
        w.try_(&archive(day(201))),
        Rule::ArchiveChecklist,
        "archive.checklist",
        "第三十三条",
    );
    assert_eq!(
        archive_gaps(&w.d),
        vec![
            "决策草案及其说明（材料）",
            "公众意见研究采纳情况（材料）",
            "专家论证意见（材料）",
            "风险评估报告（材料）",
            "公平竞争审查材料（材料）",
            "合法性审查意见书（材料）",
            "集体讨论会议纪要（材料）",
            "决策公布文本（材料）",
            "备案报告（材料）",
        ]
    );
    attach_missing(&mut w, day(201));
    w.act(archive(day(201)));
    assert_eq!(w.d.stage, Stage::Archived);
    assert_eq!(w.d.materials.len(), 9);
}

#[test]
fn a_digest_is_64_hexadecimal_digits() {
    assert!(Digest::parse(&"Ab".repeat(32)).is_ok_and(|d| d.as_str() == "ab".repeat(32)));
    assert!(Digest::parse("abc").is_err());
    assert!(Digest::parse(&"g".repeat(64)).is_err());
}
