//! Each rule of PROCEDURE.md §4 the engine enforces, over HTTP: the decision is driven to where the
//! rule applies, the offending act is refused naming the rule and its article, nothing is recorded,
//! and (where the statute allows a correction) the corrected act goes through.

use serde_json::{Value, json};

use crate::helpers::*;

/// Sends an act a rule forbids; checks the refusal names `rule` and `article`, and that the
/// decision's stage, version and history are exactly as before.
pub async fn refused(
    f: &mut Flow<'_>,
    role: &str,
    mutation: &str,
    input: Value,
    rule: &str,
    article: impl Into<Option<&'static str>>,
) -> Refused {
    let article = article.into();
    let before = f.app.decision(&f.id).await;
    assert!(before.is_object(), "decision {} not readable", f.id);
    let err = f
        .act(role, mutation, input)
        .await
        .expect_err(&format!("{mutation} should be refused by {rule}"));
    assert_eq!(err.code, "RULE_VIOLATION", "{mutation}: {err:?}");
    assert_eq!(err.rule.as_deref(), Some(rule), "{mutation}: {err:?}");
    assert_eq!(err.article.as_deref(), article, "{mutation}: {err:?}");
    if article.is_none() {
        assert!(err.message.contains("非条例条款"), "{mutation}: {err:?}");
    }
    let after = f.app.decision(&f.id).await;
    assert_eq!(
        after["version"], before["version"],
        "{mutation} changed the version"
    );
    assert_eq!(
        history_len(&after),
        history_len(&before),
        "{mutation} appended to the history"
    );
    assert_eq!(
        after["stage"], before["stage"],
        "{mutation} moved the stage"
    );
    err
}

fn history_len(d: &Value) -> usize {
    d["history"].as_array().map_or(0, Vec::len)
}

pub fn on_today() -> String {
    today().to_string()
}

/// Proposed and started: DRAFTING, without a draft.
pub async fn started<'a>(app: &'a App, flags: Value) -> Flow<'a> {
    let mut f = Flow::propose(app, flags).await;
    f.start().await;
    f
}

/// DRAFTING with the first draft registered.
pub async fn drafted<'a>(app: &'a App, flags: Value) -> Flow<'a> {
    let mut f = started(app, flags).await;
    f.draft().await;
    f
}

/// LEGALITY_REVIEW, with a counsel's opinion given.
async fn in_review<'a>(app: &'a App, flags: Value) -> Flow<'a> {
    let mut f = Flow::propose(app, flags).await;
    f.ready_for_review().await;
    f.request_review().await;
    f.counsel_opinion().await;
    f
}

/// AWAITING_DISCUSSION after a LAWFUL review.
pub async fn reviewed<'a>(app: &'a App, flags: Value) -> Flow<'a> {
    let mut f = Flow::propose(app, flags).await;
    f.reviewed().await;
    f
}

/// ADOPTED.
pub async fn adopted<'a>(app: &'a App, flags: Value) -> Flow<'a> {
    let mut f = Flow::propose(app, flags).await;
    f.adopted().await;
    f
}

/// IN_EXECUTION.
pub async fn in_execution<'a>(app: &'a App, flags: Value) -> Flow<'a> {
    let mut f = Flow::propose(app, flags).await;
    f.in_execution().await;
    f
}

fn hearing(held: &str, delivered: &str, participants: Value) -> Value {
    json!({
        "heldOn": held,
        "materialsDeliveredOn": delivered,
        "place": "区政府三楼会议室",
        "participants": participants,
        "recordSummary": "听证参加人陈述意见并质证"
    })
}

/// Art. 16: the notice of a hearing on `held`, published five days after the draft, listing
/// the participants of [`signed_participants`].
pub async fn announce_hearing(f: &mut Flow<'_>, held: &str) {
    f.ok(
        "SPONSOR",
        "publishHearingNotice",
        json!({"publishedOn": days_ago(35), "hearingOn": held, "place": "区政府三楼会议室",
               "channels": ["平桥区人民政府网站"], "selectionMethod": "自愿报名、随机抽取",
               "participants": ["居民代表甲", "物业代表乙"]}),
    )
    .await;
}

fn signed_participants() -> Value {
    json!([
        {"name": "居民代表甲", "represents": "老旧小区居民", "signedRecord": true},
        {"name": "物业代表乙", "signedRecord": true}
    ])
}

pub fn speech(speaker: &str, position: &str, statement: Option<&str>) -> Value {
    json!({"speaker": speaker, "position": position, "statement": statement})
}

pub fn head(position: &str) -> Value {
    json!({"speaker": "区长", "isHead": true, "position": position, "statement": "我的意见"})
}

/// A meeting where every member present has a position on record (one more member absent).
pub fn meeting_with(draft_version: i64, speeches: Value, outcome: &str) -> Value {
    let present = speeches.as_array().map_or(0, Vec::len);
    let mut m = meeting(draft_version, outcome);
    m["speeches"] = speeches;
    m["attendance"] = json!({"members": present + 1, "present": present});
    m
}

pub fn review_request() -> Value {
    json!({"requestedOn": on_today(), "legalBasis": ["《城乡规划法》"]})
}

fn mark(track: &str) -> Value {
    json!({"track": track, "basis": "依决策事项性质无需开展"})
}

async fn submit_comment(app: &App, id: &str, body: &str) -> String {
    let resp = app
        .on_day(App::during_consultation(), app.gql(
            None,
            "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }",
            json!({"input": {"decisionId": id, "body": body, "commenter": "居民王某"}}),
        ))
        .await;
    resp["data"]["submitPublicComment"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("comment refused: {resp}"))
        .to_owned()
}

fn proposal(extra: Value) -> Value {
    let mut input = json!({
        "title": "城区老旧小区改造实施方案",
        "summary": "对2000年以前建成的城区老旧小区实施综合改造",
        "category": "HENAN_PUBLIC_SERVICE",
        "source": "ORGAN_LEADER",
        "legalBasis": ["《城乡规划法》"],
        "outsideCatalogueReason": "年中新增事项，未列入年度目录", "proposedOn": Dates::proposed(),
    });
    for (k, v) in extra.as_object().into_iter().flatten() {
        input[k] = v.clone();
    }
    input
}

async fn propose_raw(app: &App, input: Value) -> Value {
    app.gql(
        Some("SPONSOR"),
        "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id } }",
        json!({"input": input}),
    )
    .await
}

// ── Initiation ──────────────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn a_department_proposal_that_does_not_argue_its_case_cannot_start() {
    let app = spawn_app().await;
    let mut f = Flow::propose_with(
        &app,
        json!({"sourceStatement": {"problem": "老旧小区设施老化", "preliminaryPlan": "分三年改造"}}),
    )
    .await;
    refused(
        &mut f,
        "SECRETARIAT",
        "startProcedure",
        json!({"startedOn": Dates::started(), "leadUnit": "区住房和城乡建设局"}),
        "start.source_fields",
        "第十条",
    )
    .await;

    // The same matter proposed by the organ's leader is not held to that form.
    let mut g = Flow::propose_with(
        &app,
        json!({"source": "ORGAN_LEADER", "sourceStatement": {}}),
    )
    .await;
    g.start().await;
}

#[tokio::test]
async fn the_lead_unit_cannot_also_be_a_co_unit() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    let start = |co: Value| json!({"startedOn": Dates::started(), "leadUnit": "区住房和城乡建设局", "coUnits": co});
    refused(
        &mut f,
        "SECRETARIAT",
        "startProcedure",
        start(json!(["区财政局", "区住房和城乡建设局"])),
        "start.lead_unit",
        "第十一条",
    )
    .await;
    refused(
        &mut f,
        "SECRETARIAT",
        "startProcedure",
        start(json!([" 区住房和城乡建设局 "])),
        "start.lead_unit",
        "第十一条",
    )
    .await;
    assert_eq!(
        f.ok("SECRETARIAT", "startProcedure", start(json!(["区财政局"])))
            .await,
        "DRAFTING"
    );
}

#[tokio::test]
async fn macro_control_legislation_and_emergency_response_cannot_open_a_case() {
    let app = spawn_app().await;
    Flow::propose(&app, json!({})).await;
    let before = app.decision_count().await;
    for nature in [
        "MACRO_CONTROL",
        "GOVERNMENT_LEGISLATION",
        "EMERGENCY_RESPONSE",
    ] {
        let body = propose_raw(&app, proposal(json!({"nature": nature}))).await;
        assert!(
            body["data"]["proposeDecision"].is_null(),
            "{nature}: {body}"
        );
        let err = refusal(&body);
        assert_eq!(err.code, "RULE_VIOLATION", "{nature}: {err:?}");
        assert_eq!(
            err.rule.as_deref(),
            Some("start.scope"),
            "{nature}: {err:?}"
        );
        assert_eq!(err.article.as_deref(), Some("第三条"), "{nature}: {err:?}");
        assert_eq!(
            app.decision_count().await,
            before,
            "{nature} created a decision"
        );
    }
    let body = propose_raw(&app, proposal(json!({"nature": "ORDINARY"}))).await;
    assert!(body["data"]["proposeDecision"].is_object(), "{body}");
    assert_eq!(app.decision_count().await, before + 1);
}

// ── Public participation ────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn public_participation_is_skipped_only_for_a_matter_not_disclosable_by_law() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    refused(
        &mut f,
        "SPONSOR",
        "markTrackNotRequired",
        mark("PUBLIC_PARTICIPATION"),
        "consultation.required",
        "第十四条",
    )
    .await;

    let mut secret = drafted(&app, json!({"nonDisclosable": true})).await;
    secret
        .ok(
            "SPONSOR",
            "markTrackNotRequired",
            json!({"track": "PUBLIC_PARTICIPATION", "basis": "《保守国家秘密法》第九条"}),
        )
        .await;
}

#[tokio::test]
async fn a_matter_not_disclosable_by_law_is_not_put_to_public_consultation() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"nonDisclosable": true})).await;
    refused(
        &mut f,
        "SPONSOR",
        "openPublicConsultation",
        consultation(&Dates::consultation_opened(), &on_today(), None),
        "consultation.required",
        "第十四条",
    )
    .await;
}

#[tokio::test]
async fn a_consultation_shorter_than_thirty_days_needs_a_reason_in_the_notice() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    refused(
        &mut f,
        "SPONSOR",
        "openPublicConsultation",
        consultation(&days_ago(29), &on_today(), None),
        "consultation.min_period",
        "第十五条",
    )
    .await;
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(
            &days_ago(29),
            &on_today(),
            Some("汛期前须完成排水改造，情况紧急"),
        ),
    )
    .await;
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { consultation { shortenedReason } } }",
            json!({"id": f.id}),
        )
        .await;
    assert_eq!(
        body["data"]["decision"]["consultation"]["shortenedReason"],
        "汛期前须完成排水改造，情况紧急"
    );
}

#[tokio::test]
async fn a_thirty_day_consultation_needs_no_reason() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(&days_ago(30), &on_today(), None),
    )
    .await;
}

#[tokio::test]
async fn a_consultation_cannot_close_before_its_announced_end() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(&Dates::consultation_opened(), &days_ahead(5), None),
    )
    .await;
    refused(
        &mut f,
        "SPONSOR",
        "closePublicConsultation",
        json!({"closedOn": on_today(), "adoptionReport": "已逐条研究处理"}),
        "consultation.last_day",
        "第十五条",
    )
    .await;
}

#[tokio::test]
async fn a_consultation_notice_publishes_the_draft_the_channels_how_and_by_when() {
    let app = spawn_app().await;
    let mut f = started(&app, json!({})).await;
    let notice = || consultation(&Dates::consultation_opened(), &on_today(), None);
    // No draft to publish yet.
    refused(
        &mut f,
        "SPONSOR",
        "openPublicConsultation",
        notice(),
        "consultation.notice_content",
        "第十五条",
    )
    .await;
    f.draft().await;

    let mut no_how = notice();
    no_how["howToComment"] = Value::Null;
    refused(
        &mut f,
        "SPONSOR",
        "openPublicConsultation",
        no_how,
        "consultation.notice_content",
        "第十五条",
    )
    .await;

    let mut no_channel = notice();
    no_channel["channels"] = json!([]);
    refused(
        &mut f,
        "SPONSOR",
        "openPublicConsultation",
        no_channel,
        "consultation.notice_content",
        "第十五条",
    )
    .await;

    let ends_first = consultation(&on_today(), &days_ago(1), Some("紧急"));
    refused(
        &mut f,
        "SPONSOR",
        "openPublicConsultation",
        ends_first,
        "consultation.notice_content",
        "第十五条",
    )
    .await;

    f.ok("SPONSOR", "openPublicConsultation", notice()).await;
    // One consultation per matter: a second notice would overwrite the first.
    let before = app.decision(&f.id).await;
    let err = f
        .act("SPONSOR", "openPublicConsultation", notice())
        .await
        .expect_err("a second consultation is refused");
    assert_eq!(err.code, "INVALID_TRANSITION");
    assert_eq!(app.decision(&f.id).await, before);
}

#[tokio::test]
async fn an_affected_group_is_heard_through_its_organisations_or_representatives() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"affectsSpecificGroup": true})).await;
    f.open_consultation().await;
    refused(
        &mut f,
        "SPONSOR",
        "closePublicConsultation",
        json!({"closedOn": on_today(), "adoptionReport": "已逐条研究处理"}),
        "consultation.group",
        "第十四条",
    )
    .await;
    announce_hearing(&mut f, &Dates::track_done()).await;
    f.ok(
        "SPONSOR",
        "recordHearing",
        hearing(&Dates::track_done(), &days_ago(28), signed_participants()),
    )
    .await;
    f.close_consultation().await;

    // Naming the group's organisations in the notice serves as well.
    let mut g = drafted(&app, json!({"affectsSpecificGroup": true})).await;
    let mut notice = consultation(
        &Dates::consultation_opened(),
        &Dates::consultation_ends(),
        None,
    );
    notice["groupsConsulted"] = json!(["区残疾人联合会"]);
    g.ok("SPONSOR", "openPublicConsultation", notice).await;
    g.close_consultation().await;
}

#[tokio::test]
async fn every_public_comment_is_disposed_of_before_the_consultation_closes() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    // No consultation yet: nothing to close (the core's NothingToActOn), not a rule broken.
    let nothing = f
        .act(
            "SPONSOR",
            "closePublicConsultation",
            json!({"closedOn": on_today(), "adoptionReport": "尚未征求意见"}),
        )
        .await
        .expect_err("no consultation to close");
    assert_eq!(
        (
            nothing.code.as_str(),
            nothing.rule,
            nothing.message.as_str()
        ),
        (
            "INVALID_TRANSITION",
            None,
            "不能办理“结束公开征求意见”：没有正在进行的公开征求意见"
        )
    );
    f.open_consultation().await;
    let comment = submit_comment(&app, &f.id, "建议加装电梯").await;
    refused(
        &mut f,
        "SPONSOR",
        "closePublicConsultation",
        json!({"closedOn": on_today(), "adoptionReport": "已逐条研究处理"}),
        "consultation.dispositions",
        "第十八条",
    )
    .await;
    f.ok(
        "SPONSOR",
        "disposeComment",
        json!({"commentId": comment, "outcome": "PARTLY_ADOPTED", "reason": "具备条件的楼栋纳入加装电梯计划"}),
    )
    .await;
    f.close_consultation().await;
    // Closed: there is nothing left to dispose of.
    let closed = f
        .act(
            "SPONSOR",
            "disposeComment",
            json!({"commentId": comment, "outcome": "ADOPTED", "reason": "改为全部采纳"}),
        )
        .await
        .expect_err("the consultation is closed");
    assert_eq!(
        (closed.code.as_str(), closed.rule, closed.message.as_str()),
        (
            "INVALID_TRANSITION",
            None,
            "不能办理“处理公众意见”：没有正在进行的公开征求意见"
        )
    );
}

#[tokio::test]
async fn hearing_materials_reach_participants_seven_days_before() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    announce_hearing(&mut f, &days_ago(20)).await;
    refused(
        &mut f,
        "SPONSOR",
        "recordHearing",
        hearing(&days_ago(20), &days_ago(26), signed_participants()),
        "hearing.materials_7_days",
        "第十六条",
    )
    .await;
    f.ok(
        "SPONSOR",
        "recordHearing",
        hearing(&days_ago(20), &days_ago(27), signed_participants()),
    )
    .await;
}

#[tokio::test]
async fn a_hearing_record_is_signed_by_every_participant() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    announce_hearing(&mut f, &Dates::track_done()).await;
    let unsigned = json!([
        {"name": "居民代表甲", "represents": "老旧小区居民", "signedRecord": true},
        {"name": "物业代表乙", "signedRecord": false}
    ]);
    let err = refused(
        &mut f,
        "SPONSOR",
        "recordHearing",
        hearing(&Dates::track_done(), &days_ago(28), unsigned),
        "hearing.signed_record",
        "第十七条",
    )
    .await;
    assert!(err.message.contains("物业代表乙"), "{err:?}");
    refused(
        &mut f,
        "SPONSOR",
        "recordHearing",
        hearing(&Dates::track_done(), &days_ago(28), json!([])),
        "hearing.signed_record",
        "第十七条",
    )
    .await;
    f.ok(
        "SPONSOR",
        "recordHearing",
        hearing(&Dates::track_done(), &days_ago(28), signed_participants()),
    )
    .await;
}

// ── Expert argumentation ────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn an_expert_with_a_direct_interest_cannot_be_chosen() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"professionalTechnical": true})).await;
    let err = refused(
        &mut f,
        "SPONSOR",
        "recordExpertArgumentation",
        experts(true, true),
        "experts.no_interest",
        "第二十条",
    )
    .await;
    assert!(err.message.contains("李教授"), "{err:?}");
    f.ok("SPONSOR", "recordExpertArgumentation", experts(false, true))
        .await;
}

#[tokio::test]
async fn an_expert_opinion_is_signed_and_an_institution_seals_it() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"professionalTechnical": true})).await;
    refused(
        &mut f,
        "SPONSOR",
        "recordExpertArgumentation",
        experts(false, false),
        "experts.signed",
        "第十九条",
    )
    .await;

    let mut unsealed = experts(false, true);
    unsealed["opinions"][0] = json!({
        "expert": "河南省城乡规划设计研究总院", "institution": true,
        "interestDeclaration": "与本事项无利害关系", "hasDirectInterest": false,
        "opinion": "方案可行", "signed": true, "sealed": false
    });
    refused(
        &mut f,
        "SPONSOR",
        "recordExpertArgumentation",
        unsealed.clone(),
        "experts.signed",
        "第十九条",
    )
    .await;

    let mut no_opinions = experts(false, true);
    no_opinions["opinions"] = json!([]);
    refused(
        &mut f,
        "SPONSOR",
        "recordExpertArgumentation",
        no_opinions,
        "experts.signed",
        "第十九条",
    )
    .await;

    let mut sealed = unsealed;
    sealed["opinions"][0]["sealed"] = json!(true);
    f.ok("SPONSOR", "recordExpertArgumentation", sealed).await;
}

#[tokio::test]
async fn a_professional_technical_matter_cannot_skip_expert_argumentation() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"professionalTechnical": true})).await;
    refused(
        &mut f,
        "SPONSOR",
        "markTrackNotRequired",
        mark("EXPERT_ARGUMENTATION"),
        "experts.required",
        "第十九条",
    )
    .await;
    f.experts().await;

    // A plain matter may skip it, but not once the experts have been heard.
    let mut g = drafted(&app, json!({})).await;
    g.experts().await;
    refused(
        &mut g,
        "SPONSOR",
        "markTrackNotRequired",
        mark("EXPERT_ARGUMENTATION"),
        "experts.required",
        "第十九条",
    )
    .await;
    let mut h = drafted(&app, json!({})).await;
    h.not_required("EXPERT_ARGUMENTATION").await;
}

// ── Risk assessment ─────────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn a_matter_with_stability_impact_cannot_skip_risk_assessment() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"stabilityImpact": true})).await;
    refused(
        &mut f,
        "SPONSOR",
        "markTrackNotRequired",
        mark("RISK_ASSESSMENT"),
        "risk.required",
        "第二十二条",
    )
    .await;
    f.risk().await;
}

#[tokio::test]
async fn a_risk_report_names_risk_points_measures_response_plan_and_departments_heard() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"stabilityImpact": true})).await;
    let mut thin = risk("CONTROLLABLE");
    thin["responsePlan"] = Value::Null;
    thin["departmentsHeard"] = json!([]);
    let err = refused(
        &mut f,
        "SPONSOR",
        "recordRiskAssessment",
        thin.clone(),
        "risk.report_content",
        "第二十三条",
    )
    .await;
    assert!(err.message.contains("处置预案"), "{err:?}");

    // Art. 22: an assessment already made under other rules is referenced, not repeated.
    let mut referenced = thin;
    referenced["priorAssessment"] = json!("平桥区城乡供水一体化项目社会稳定风险评估报告（2023）");
    f.ok("SPONSOR", "recordRiskAssessment", referenced).await;
}

#[tokio::test]
async fn after_an_uncontrollable_finding_nothing_proceeds_until_a_revised_draft_is_reassessed() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"stabilityImpact": true})).await;
    let mut first = risk("UNCONTROLLABLE");
    first["assessedOn"] = json!(days_ago(38));
    f.ok("SPONSOR", "recordRiskAssessment", first).await;

    let mut again = risk("CONTROLLABLE");
    again["assessedOn"] = json!(days_ago(36));
    refused(
        &mut f,
        "SPONSOR",
        "recordRiskAssessment",
        again.clone(),
        "risk.controllable",
        "第二十四条",
    )
    .await;
    refused(
        &mut f,
        "SPONSOR",
        "requestLegalityReview",
        review_request(),
        "risk.controllable",
        "第二十四条",
    )
    .await;

    f.ok(
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": days_ago(37), "text": "第一条 为稳妥推进城区老旧小区改造……", "changeNote": "增加过渡安置措施"}),
    )
    .await;
    f.ok("SPONSOR", "recordRiskAssessment", again).await;
    f.open_consultation().await;
    f.close_consultation().await;
    f.experts().await;
    f.fair_competition().await;
    f.request_review().await;
}

#[tokio::test]
async fn a_matter_affecting_market_entities_cannot_skip_fair_competition_review() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"affectsMarketEntities": true})).await;
    refused(
        &mut f,
        "SPONSOR",
        "markTrackNotRequired",
        mark("FAIR_COMPETITION_REVIEW"),
        "fair_competition.required",
        "第二十九条",
    )
    .await;
    f.fair_competition().await;
}

// ── Legality review ─────────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn legal_risk_disclosed_is_a_conclusion_only_for_an_exploratory_reform() {
    let app = spawn_app().await;
    let mut f = in_review(&app, json!({})).await;
    let mut disclosed = conclude("LEGAL_RISK_DISCLOSED");
    disclosed["riskStatement"] = json!("国家尚无明确规定，存在被认定超越权限的风险");
    refused(
        &mut f,
        "REVIEW_OFFICE",
        "concludeLegalityReview",
        disclosed.clone(),
        "review.gate",
        "第二十五条",
    )
    .await;
    assert_eq!(
        f.conclude_review("LAWFUL").await.expect("lawful")["stage"],
        "AWAITING_DISCUSSION"
    );

    // An exploratory reform may carry the risk to the meeting, stated.
    let mut g = in_review(&app, json!({"exploratoryReform": true})).await;
    refused(
        &mut g,
        "REVIEW_OFFICE",
        "concludeLegalityReview",
        conclude("LEGAL_RISK_DISCLOSED"),
        "review.gate",
        "第二十五条",
    )
    .await;
    assert_eq!(
        g.ok("REVIEW_OFFICE", "concludeLegalityReview", disclosed)
            .await,
        "AWAITING_DISCUSSION"
    );
}

#[tokio::test]
async fn a_review_request_carries_the_draft_and_its_legal_basis() {
    let app = spawn_app().await;
    let mut f = started(&app, json!({})).await;
    refused(
        &mut f,
        "SPONSOR",
        "requestLegalityReview",
        review_request(),
        "review.materials",
        "第二十六条",
    )
    .await;
    f.draft().await;
    f.open_consultation().await;
    f.close_consultation().await;
    f.experts().await;
    f.risk().await;
    f.fair_competition().await;
    refused(
        &mut f,
        "SPONSOR",
        "requestLegalityReview",
        json!({"requestedOn": on_today(), "legalBasis": []}),
        "review.materials",
        "第二十六条",
    )
    .await;
    assert_eq!(
        f.ok("SPONSOR", "requestLegalityReview", review_request())
            .await,
        "LEGALITY_REVIEW"
    );
}

#[tokio::test]
async fn a_review_concludes_only_after_a_legal_counsel_has_given_an_opinion() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.ready_for_review().await;
    f.request_review().await;
    refused(
        &mut f,
        "REVIEW_OFFICE",
        "concludeLegalityReview",
        conclude("LAWFUL"),
        "review.counsel_opinion",
        "第二十八条",
    )
    .await;
    f.counsel_opinion().await;
    f.conclude_review("LAWFUL").await.expect("concluded");
}

#[tokio::test]
async fn a_review_conclusion_states_authority_procedure_and_content_findings() {
    let app = spawn_app().await;
    let mut f = in_review(&app, json!({})).await;
    let mut no_content = conclude("LAWFUL");
    no_content["contentFinding"] = Value::Null;
    refused(
        &mut f,
        "REVIEW_OFFICE",
        "concludeLegalityReview",
        no_content,
        "review.findings",
        "第二十七条",
    )
    .await;
    let mut blank_authority = conclude("LAWFUL");
    blank_authority["authorityFinding"] = json!("   ");
    refused(
        &mut f,
        "REVIEW_OFFICE",
        "concludeLegalityReview",
        blank_authority,
        "review.findings",
        "第二十七条",
    )
    .await;
    f.conclude_review("LAWFUL").await.expect("concluded");
}

#[tokio::test]
async fn lawful_with_revisions_states_the_revisions_required() {
    let app = spawn_app().await;
    let mut f = in_review(&app, json!({})).await;
    refused(
        &mut f,
        "REVIEW_OFFICE",
        "concludeLegalityReview",
        conclude("LAWFUL_WITH_REVISIONS"),
        "review.revisions",
        "第二十八条",
    )
    .await;
    let mut with = conclude("LAWFUL_WITH_REVISIONS");
    with["requiredRevisions"] = json!("删除第八条关于收费的规定");
    assert_eq!(
        f.ok("REVIEW_OFFICE", "concludeLegalityReview", with).await,
        "AWAITING_DISCUSSION"
    );
}

#[tokio::test]
async fn no_meeting_while_a_revision_required_by_the_review_is_pending() {
    let app = spawn_app().await;
    let mut f = in_review(&app, json!({})).await;
    let mut with = conclude("LAWFUL_WITH_REVISIONS");
    with["requiredRevisions"] = json!("删除第八条关于收费的规定");
    f.ok("REVIEW_OFFICE", "concludeLegalityReview", with).await;
    refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        meeting(1, "ADOPTED"),
        "review.revisions",
        "第二十八条",
    )
    .await;
    f.ok(
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": on_today(), "text": "第一条 为推进城区老旧小区改造（删除收费条款）……", "changeNote": "按审查意见删除第八条"}),
    )
    .await;
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting(2, "ADOPTED")
        )
        .await,
        "ADOPTED"
    );
}

#[tokio::test]
async fn a_reviewed_draft_is_not_changed_without_a_new_review() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    refused(
        &mut f,
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": on_today(), "text": "第一条 另行修改的草案……"}),
        "review.reviewed_draft",
        "第二十五条第二款、第二十八条",
    )
    .await;
}

#[tokio::test]
async fn an_unlawful_draft_is_revised_before_it_is_sent_for_review_again() {
    let app = spawn_app().await;
    let mut f = in_review(&app, json!({})).await;
    assert_eq!(
        f.conclude_review("UNLAWFUL").await.expect("concluded")["stage"],
        "DRAFTING"
    );
    refused(
        &mut f,
        "SPONSOR",
        "requestLegalityReview",
        review_request(),
        "review.revisions",
        "第二十八条",
    )
    .await;
    f.ok(
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": on_today(), "text": "第一条 依法修改后的草案……", "changeNote": "按审查意见修改"}),
    )
    .await;
    assert_eq!(
        f.ok("SPONSOR", "requestLegalityReview", review_request())
            .await,
        "LEGALITY_REVIEW"
    );
}

// ── Collective discussion ───────────────────────────────────────────────────────────────────

#[tokio::test]
async fn only_the_executive_or_plenary_meeting_decides() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    for kind in ["SPECIAL_TOPIC", "HEAD_OFFICE"] {
        let mut m = meeting(1, "ADOPTED");
        m["kind"] = json!(kind);
        refused(
            &mut f,
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            m,
            "meeting.kind",
            "第三十条",
        )
        .await;
    }
    let mut plenary = meeting(1, "ADOPTED");
    plenary["kind"] = json!("PLENARY");
    assert_eq!(
        f.ok("SECRETARIAT", "recordCollectiveDiscussion", plenary)
            .await,
        "ADOPTED"
    );
}

#[tokio::test]
async fn review_is_requested_only_when_every_drafting_procedure_is_settled() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    f.open_consultation().await;
    f.close_consultation().await;
    f.experts().await;
    f.risk().await;
    let err = refused(
        &mut f,
        "SPONSOR",
        "requestLegalityReview",
        review_request(),
        "fair_competition.required",
        "第二十九条",
    )
    .await;
    assert!(err.message.contains("公平竞争审查"), "{err:?}");
    f.fair_competition().await;
    f.request_review().await;
}

#[tokio::test]
async fn the_head_speaks_last_and_only_once() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    let head_first = json!([head("AGREE"), speech("副区长甲", "AGREE", None)]);
    let no_head = json!([
        speech("副区长甲", "AGREE", None),
        speech("副区长乙", "AGREE", None)
    ]);
    let mut acting_head = head("AGREE");
    acting_head["speaker"] = json!("常务副区长");
    let twice = json!([
        acting_head,
        speech("副区长甲", "AGREE", None),
        head("AGREE")
    ]);
    for speeches in [head_first, no_head, twice] {
        refused(
            &mut f,
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting_with(1, speeches, "ADOPTED"),
            "meeting.head_last",
            "第三十条",
        )
        .await;
    }
    f.meeting().await.expect("adopted");
}

#[tokio::test]
async fn the_recorded_outcome_is_the_heads_decision() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    let speeches = json!([speech("副区长甲", "AGREE", None), head("DISAGREE")]);
    refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        meeting_with(1, speeches, "ADOPTED"),
        "meeting.head_decides",
        "第三十条",
    )
    .await;
    let speeches = json!([speech("副区长甲", "AGREE", None), head("AGREE")]);
    refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        meeting_with(1, speeches, "NOT_ADOPTED"),
        "meeting.head_decides",
        "第三十条",
    )
    .await;
    f.meeting().await.expect("adopted");
}

#[tokio::test]
async fn a_head_deciding_against_the_majority_states_the_reason() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    let speeches = json!([
        speech("副区长甲", "DISAGREE", Some("资金来源未落实")),
        speech("副区长乙", "DISAGREE", Some("时机不成熟")),
        speech("副区长丙", "AGREE", None),
        head("AGREE")
    ]);
    refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        meeting_with(1, speeches.clone(), "ADOPTED"),
        "meeting.head_reason",
        "第三十条",
    )
    .await;
    let mut with_reason = meeting_with(1, speeches, "ADOPTED");
    with_reason["headReason"] = json!("省级补助资金已下达，群众需求迫切");
    assert_eq!(
        f.ok("SECRETARIAT", "recordCollectiveDiscussion", with_reason)
            .await,
        "ADOPTED"
    );
}

#[tokio::test]
async fn every_dissent_is_recorded_verbatim() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    for statement in [None, Some("  ")] {
        let speeches = json!([
            speech("副区长甲", "AGREE", None),
            speech("副区长乙", "DISAGREE", statement),
            speech("副区长丙", "AGREE", None),
            head("AGREE")
        ]);
        let err = refused(
            &mut f,
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting_with(1, speeches, "ADOPTED"),
            "meeting.dissent",
            "第三十条",
        )
        .await;
        assert!(err.message.contains("副区长乙"), "{err:?}");
    }
    f.meeting().await.expect("adopted");
}

#[tokio::test]
async fn the_meeting_record_names_the_draft_version_discussed() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    for version in [0, 2] {
        refused(
            &mut f,
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting(version, "ADOPTED"),
            "meeting.version",
            "第三十条",
        )
        .await;
    }
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting(1, "ADOPTED")
        )
        .await,
        "ADOPTED"
    );
}

// ── Publication, execution ──────────────────────────────────────────────────────────────────

fn publication() -> Value {
    json!({"publishedOn": on_today(), "channels": ["平桥区人民政府网站"], "documentNumber": "平政〔2026〕12号", "opinionExplanation": "公众意见和专家论证意见的采纳情况说明"})
}

#[tokio::test]
async fn a_decision_is_published_only_after_the_party_committee_report() {
    let app = spawn_app().await;
    let mut f = adopted(&app, json!({})).await;
    refused(
        &mut f,
        "SECRETARIAT",
        "publishDecision",
        publication(),
        "publish.party_report",
        "第三十一条",
    )
    .await;
    f.party_report().await;
    assert_eq!(
        f.ok("SECRETARIAT", "publishDecision", publication()).await,
        "PUBLISHED"
    );
}

#[tokio::test]
async fn a_matter_flagged_for_the_congress_is_reported_to_it_before_publication() {
    let app = spawn_app().await;
    let mut f = adopted(&app, json!({"congressReportRequired": true})).await;
    f.party_report().await;
    refused(
        &mut f,
        "SECRETARIAT",
        "publishDecision",
        publication(),
        "publish.congress_report",
        "第八条",
    )
    .await;
    f.ok(
        "SECRETARIAT",
        "recordCongressReport",
        json!({"reportedOn": on_today(), "recipient": "平桥区人大常委会", "summary": "报告决策情况"}),
    )
    .await;
    assert_eq!(
        f.ok("SECRETARIAT", "publishDecision", publication()).await,
        "PUBLISHED"
    );
}

#[tokio::test]
async fn a_decision_is_published_through_named_channels() {
    let app = spawn_app().await;
    let mut f = adopted(&app, json!({})).await;
    f.party_report().await;
    let mut none = publication();
    none["channels"] = json!([]);
    refused(
        &mut f,
        "SECRETARIAT",
        "publishDecision",
        none,
        "publish.channels",
        "第三十二条",
    )
    .await;
    assert_eq!(
        f.ok("SECRETARIAT", "publishDecision", publication()).await,
        "PUBLISHED"
    );
}

#[tokio::test]
async fn a_technical_decision_is_published_with_how_opinions_were_adopted() {
    let app = spawn_app().await;
    let mut f = adopted(&app, json!({"professionalTechnical": true})).await;
    f.party_report().await;
    let mut bare = publication();
    bare["opinionExplanation"] = Value::Null;
    refused(
        &mut f,
        "SECRETARIAT",
        "publishDecision",
        bare,
        "publish.channels",
        "第三十二条",
    )
    .await;
    assert_eq!(
        f.ok("SECRETARIAT", "publishDecision", publication()).await,
        "PUBLISHED"
    );
}

#[tokio::test]
async fn a_non_disclosable_decision_records_the_basis_for_not_publishing() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({"nonDisclosable": true})).await;
    f.start().await;
    f.draft().await;
    f.not_required("PUBLIC_PARTICIPATION").await;
    f.experts().await;
    f.risk().await;
    f.fair_competition().await;
    f.request_review().await;
    f.counsel_opinion().await;
    f.conclude_review("LAWFUL").await.expect("concluded");
    f.meeting().await.expect("adopted");
    f.party_report().await;
    let unpublished = json!({"publishedOn": on_today()});
    refused(
        &mut f,
        "SECRETARIAT",
        "publishDecision",
        unpublished,
        "publish.channels",
        "第三十二条",
    )
    .await;
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "publishDecision",
            json!({"publishedOn": on_today(), "nonDisclosureBasis": "《保守国家秘密法》第九条"}),
        )
        .await,
        "PUBLISHED"
    );
}

#[tokio::test]
async fn the_head_suspends_only_for_an_urgent_reason_linked_to_a_reported_incident() {
    let app = spawn_app().await;
    let mut f = in_execution(&app, json!({})).await;
    let suspend = |reason: Option<&str>, incident: Option<i64>| json!({"suspendedOn": on_today(), "reason": reason, "incidentNumber": incident});
    refused(
        &mut f,
        "HEAD",
        "suspendExecution",
        suspend(Some("情况紧急"), None),
        "suspend.head_only",
        "第三十七条",
    )
    .await;
    refused(
        &mut f,
        "HEAD",
        "suspendExecution",
        suspend(Some("情况紧急"), Some(1)),
        "suspend.head_only",
        "第三十七条",
    )
    .await;
    f.ok(
        "SPONSOR",
        "reportIncident",
        json!({"reportedOn": on_today(), "kind": "FORCE_MAJEURE", "description": "暴雨导致施工现场受损"}),
    )
    .await;
    refused(
        &mut f,
        "HEAD",
        "suspendExecution",
        suspend(None, Some(1)),
        "suspend.head_only",
        "第三十七条",
    )
    .await;
    assert_eq!(
        f.ok(
            "HEAD",
            "suspendExecution",
            suspend(Some("汛情紧急，停止施工"), Some(1))
        )
        .await,
        "SUSPENDED"
    );
}

#[tokio::test]
async fn a_decision_is_changed_only_by_a_new_decision_adopted_to_amend_it() {
    let app = spawn_app().await;
    let mut f = in_execution(&app, json!({})).await;
    let by =
        |id: &str| json!({"changedOn": on_today(), "reason": "评估后需要调整", "byDecisionId": id});
    let own = f.id.clone();
    refused(
        &mut f,
        "SECRETARIAT",
        "terminateDecision",
        by(&own),
        "change.procedure",
        "第三十七条",
    )
    .await;
    refused(
        &mut f,
        "SECRETARIAT",
        "adjustDecision",
        by("no-such-decision"),
        "change.procedure",
        "第三十七条",
    )
    .await;

    // Adopted, but amending nothing: not a decision about this one.
    let unrelated = adopted(&app, json!({})).await;
    refused(
        &mut f,
        "SECRETARIAT",
        "adjustDecision",
        by(&unrelated.id),
        "change.procedure",
        "第三十七条",
    )
    .await;

    let mut child = Flow::propose_with(
        &app,
        json!({"title": "关于调整城区老旧小区改造实施方案的决定", "amends": f.id}),
    )
    .await;
    refused(
        &mut f,
        "SECRETARIAT",
        "adjustDecision",
        by(&child.id),
        "change.procedure",
        "第三十七条",
    )
    .await;
    child.adopted().await;
    assert_eq!(
        f.ok("SECRETARIAT", "adjustDecision", by(&child.id)).await,
        "ADJUSTED"
    );
}

#[tokio::test]
async fn a_post_evaluation_states_its_trigger() {
    let app = spawn_app().await;
    let mut f = in_execution(&app, json!({})).await;
    let start = |explanation: Option<&str>| json!({"startedOn": on_today(), "trigger": "BELOW_EXPECTED_EFFECT", "triggerExplanation": explanation, "evaluator": "信阳师范大学法学院"});
    refused(
        &mut f,
        "SECRETARIAT",
        "startPostEvaluation",
        start(None),
        "evaluation.trigger",
        "第三十六条",
    )
    .await;
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "startPostEvaluation",
            start(Some("改造完成率明显低于预期"))
        )
        .await,
        "POST_EVALUATION"
    );
}

#[tokio::test]
async fn the_post_evaluator_is_not_the_unit_that_did_the_main_pre_decision_work() {
    let app = spawn_app().await;
    let mut f = in_execution(&app, json!({})).await;
    let by = |evaluator: &str| json!({"startedOn": on_today(), "trigger": "ORGAN_DEEMS_NECESSARY", "triggerExplanation": "区政府认为有必要", "evaluator": evaluator});
    // The risk assessor and the organiser of the expert argumentation.
    for unit in ["区社会稳定风险评估中心", "区住房和城乡建设局"] {
        let err = refused(
            &mut f,
            "SECRETARIAT",
            "startPostEvaluation",
            by(unit),
            "evaluation.independence",
            "第三十六条",
        )
        .await;
        assert!(err.message.contains(unit), "{err:?}");
    }
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "startPostEvaluation",
            by("信阳师范大学法学院")
        )
        .await,
        "POST_EVALUATION"
    );
}

// ── Record and archive ──────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn an_act_cannot_be_recorded_with_a_future_date() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    refused(
        &mut f,
        "SECRETARIAT",
        "startProcedure",
        json!({"startedOn": days_ahead(1), "leadUnit": "区住房和城乡建设局"}),
        "record.dates",
        None,
    )
    .await;
    f.start().await;

    // Nor a proposal, which then creates nothing.
    let before = app.decision_count().await;
    let err = refusal(&propose_raw(&app, proposal(json!({"proposedOn": days_ahead(1)}))).await);
    assert_eq!(err.code, "RULE_VIOLATION", "{err:?}");
    assert_eq!(err.rule.as_deref(), Some("record.dates"));
    assert_eq!(
        err.article.as_deref(),
        None,
        "the engine's own rule cites no article"
    );
    assert_eq!(app.decision_count().await, before);
}

#[tokio::test]
async fn an_act_cannot_be_dated_before_the_act_it_depends_on() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    // Proposed 45 days ago: not started 46 days ago.
    refused(
        &mut f,
        "SECRETARIAT",
        "startProcedure",
        json!({"startedOn": days_ago(46), "leadUnit": "区住房和城乡建设局"}),
        "record.dates",
        None,
    )
    .await;
    f.ready_for_review().await;
    f.request_review().await;
    f.counsel_opinion().await;
    // The counsel's opinion is today's: the conclusion cannot be yesterday's.
    let mut early = conclude("LAWFUL");
    early["concludedOn"] = json!(days_ago(1));
    refused(
        &mut f,
        "REVIEW_OFFICE",
        "concludeLegalityReview",
        early,
        "record.dates",
        None,
    )
    .await;
    f.conclude_review("LAWFUL").await.expect("concluded");
}

#[tokio::test]
async fn a_decision_is_filed_once_and_not_before_it_is_published() {
    let app = spawn_app().await;
    let mut f = adopted(&app, json!({"normativeDocument": true})).await;
    f.party_report().await;
    f.publish().await;
    let filing = |on: String| json!({"filedOn": on, "authority": "上一级人民政府", "receiptNumber": "备2026-031"});
    refused(
        &mut f,
        "SECRETARIAT",
        "fileDecision",
        filing(days_ago(1)),
        "record.dates",
        None,
    )
    .await;
    f.ok("SECRETARIAT", "fileDecision", filing(on_today()))
        .await;
    let before = app.decision(&f.id).await;
    let err = f
        .act("SECRETARIAT", "fileDecision", filing(on_today()))
        .await
        .expect_err("filed once");
    assert_eq!(err.code, "INVALID_TRANSITION");
    assert!(err.message.contains("不能重复办理"), "{}", err.message);
    assert_eq!(app.decision(&f.id).await, before);
}

#[tokio::test]
async fn a_decision_in_execution_is_archived_only_when_its_record_is_complete() {
    let app = spawn_app().await;
    let mut f = in_execution(&app, json!({"normativeDocument": true})).await;
    let archive = || json!({"archivedOn": on_today()});
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "archiveDecision",
        archive(),
        "archive.checklist",
        "第三十三条",
    )
    .await;
    assert!(err.message.contains("执行完毕报告"), "{err:?}");
    assert!(err.message.contains("备案的记录"), "{err:?}");
    f.ok(
        "SPONSOR",
        "reportExecution",
        json!({"reportedOn": on_today(), "summary": "42个小区全部完成", "completed": true}),
    )
    .await;
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "archiveDecision",
        archive(),
        "archive.checklist",
        "第三十三条",
    )
    .await;
    assert!(!err.message.contains("执行完毕报告"), "{err:?}");
    f.ok(
        "SECRETARIAT",
        "fileDecision",
        json!({"filedOn": on_today(), "authority": "上一级人民政府", "receiptNumber": "备2026-031"}),
    )
    .await;
    // Henan names two filing authorities: one filing is not the whole obligation.
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "archiveDecision",
        archive(),
        "archive.checklist",
        "第三十三条",
    )
    .await;
    assert!(
        err.message
            .contains("向本级人民代表大会常务委员会备案的记录"),
        "{err:?}"
    );
    f.ok(
        "SECRETARIAT",
        "fileDecision",
        json!({"filedOn": on_today(), "authority": "本级人民代表大会常务委员会", "receiptNumber": "人大备2026-07", "reviewResult": "经审查，未发现问题"}),
    )
    .await;
    // The acts recorded, the documents are what the checklist still names (Art. 33).
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "archiveDecision",
        archive(),
        "archive.checklist",
        "第三十三条",
    )
    .await;
    assert!(err.message.contains("合法性审查意见书（材料）"), "{err:?}");
    assert!(err.message.contains("备案报告（材料）"), "{err:?}");
    f.attach_required().await;
    assert_eq!(
        f.ok("SECRETARIAT", "archiveDecision", archive()).await,
        "ARCHIVED"
    );
}
