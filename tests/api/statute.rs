//! Issue "The statute, faithfully": the gaps found when the procedure was read article by article
//! against 国务院令第713号, each driven over HTTP the way a client drives it.

use serde_json::{Value, json};

use crate::helpers::*;
use crate::rules::{
    adopted, drafted, head, in_execution, meeting_with, on_today, refused, reviewed, speech,
    started,
};

fn adopted_meeting(draft_version: i64) -> Value {
    meeting(draft_version, "ADOPTED")
}

// ── Statutory gates behind stage refusals ───────────────────────────────────────────────────

#[tokio::test]
async fn a_meeting_while_the_draft_is_still_being_drafted_names_the_review_gate() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        adopted_meeting(1),
        "review.gate",
        "第二十五条",
    )
    .await;
    assert!(err.message.contains("尚未经合法性审查"), "{err:?}");
}

#[tokio::test]
async fn a_meeting_after_an_unlawful_review_names_the_review_gate() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.ready_for_review().await;
    f.request_review().await;
    f.counsel_opinion().await;
    f.conclude_review("UNLAWFUL").await.expect("concluded");
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        adopted_meeting(1),
        "review.gate",
        "第二十五条",
    )
    .await;
    assert!(err.message.contains("不合法"), "{err:?}");
}

#[tokio::test]
async fn a_meeting_after_an_uncontrollable_risk_assessment_names_the_risk_rule() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({"stabilityImpact": true})).await;
    f.ok("SPONSOR", "recordRiskAssessment", risk("UNCONTROLLABLE"))
        .await;
    refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        adopted_meeting(1),
        "risk.controllable",
        "第二十四条",
    )
    .await;
}

#[tokio::test]
async fn drafting_before_the_organ_decides_to_start_names_the_start() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    refused(
        &mut f,
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": on_today(), "text": "第一条 ……"}),
        "start.required",
        "第十一条",
    )
    .await;
}

#[tokio::test]
async fn publishing_before_the_meeting_names_collective_discussion() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    refused(
        &mut f,
        "SECRETARIAT",
        "publishDecision",
        json!({"publishedOn": on_today(), "channels": ["平桥区人民政府网站"]}),
        "meeting.required",
        "第三十条",
    )
    .await;
}

#[tokio::test]
async fn an_adopted_decision_is_not_withdrawn_or_redrafted_outside_the_procedure() {
    let app = spawn_app().await;
    let mut f = adopted(&app, json!({})).await;
    refused(
        &mut f,
        "SECRETARIAT",
        "withdrawDecision",
        json!({"withdrawnOn": on_today(), "reason": "不再需要"}),
        "change.procedure",
        "第三十七条",
    )
    .await;
    refused(
        &mut f,
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": on_today(), "text": "第一条 会后另改"}),
        "change.procedure",
        "第三十七条",
    )
    .await;
}

#[tokio::test]
async fn closing_a_consultation_that_was_never_opened_is_a_state_error_not_an_article() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    let err = f
        .act(
            "SPONSOR",
            "closePublicConsultation",
            json!({"closedOn": on_today(), "adoptionReport": "无"}),
        )
        .await
        .expect_err("nothing to close");
    assert_eq!(err.code, "INVALID_TRANSITION");
    assert_eq!((&err.rule, &err.article), (&None, &None));
    assert!(
        err.message.contains("没有正在进行的公开征求意见"),
        "{err:?}"
    );
}

// ── Collective discussion (Art. 30) ─────────────────────────────────────────────────────────

#[tokio::test]
async fn a_meeting_where_only_the_head_speaks_is_not_collective_discussion() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    let mut m = meeting_with(1, json!([head("AGREE")]), "ADOPTED");
    m["attendance"] = json!({"members": 1, "present": 1});
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        m,
        "meeting.quorum",
        "第三十条",
    )
    .await;
    assert!(err.message.contains("不构成集体讨论"), "{err:?}");
}

#[tokio::test]
async fn a_meeting_below_the_quorum_or_with_a_member_present_off_the_record_is_refused() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    let speeches = json!([
        speech("副区长甲", "AGREE", None),
        speech("副区长乙", "ABSTAIN", None),
        head("AGREE")
    ]);
    // Three of six is half, not more than half.
    let mut half = meeting_with(1, speeches.clone(), "ADOPTED");
    half["attendance"] = json!({"members": 6, "present": 3});
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        half,
        "meeting.quorum",
        "第三十条",
    )
    .await;
    assert!(err.message.contains("会议组成人员6人，出席3人"), "{err:?}");
    // Four present, three on record.
    let mut silent = meeting_with(1, speeches.clone(), "ADOPTED");
    silent["attendance"] = json!({"members": 5, "present": 4});
    refused(
        &mut f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        silent,
        "meeting.quorum",
        "第三十条",
    )
    .await;
    let mut lawful = meeting_with(1, speeches, "ADOPTED");
    lawful["attendance"] = json!({"members": 5, "present": 3});
    assert_eq!(
        f.ok("SECRETARIAT", "recordCollectiveDiscussion", lawful)
            .await,
        "ADOPTED"
    );
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { meetings { attendance { members present } } } }",
            json!({"id": f.id}),
        )
        .await;
    assert_eq!(
        body["data"]["decision"]["meetings"][0]["attendance"],
        json!({"members": 5, "present": 3})
    );
}

#[tokio::test]
async fn negative_counts_are_invalid_input_not_huge_numbers() {
    let app = spawn_app().await;
    let mut f = reviewed(&app, json!({})).await;
    for (field, value) in [
        ("draftVersion", json!(-1)),
        ("attendance", json!({"members": 5, "present": -3})),
    ] {
        let mut m = adopted_meeting(1);
        m[field] = value;
        let err = f
            .act("SECRETARIAT", "recordCollectiveDiscussion", m)
            .await
            .expect_err("negative");
        assert_eq!(err.code, "INVALID_INPUT", "{field}: {err:?}");
        assert!(err.message.contains("非负整数"), "{err:?}");
    }
}

// ── Dates that depend on other acts ─────────────────────────────────────────────────────────

#[tokio::test]
async fn a_consultation_cannot_be_opened_before_the_draft_it_publishes() {
    let app = spawn_app().await;
    let mut f = started(&app, json!({})).await;
    f.ok(
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": days_ago(20), "text": "第一条 ……"}),
    )
    .await;
    let err = refused(
        &mut f,
        "SPONSOR",
        "openPublicConsultation",
        consultation(&days_ago(21), &days_ahead(10), None),
        "record.dates",
        None,
    )
    .await;
    assert!(err.message.contains("决策草案登记"), "{err:?}");
}

#[tokio::test]
async fn an_open_consultation_can_be_closed_from_the_day_after_its_last_day() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(&days_ago(25), &days_ahead(5), None),
    )
    .await;
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { deadlines { kind direction due rule article } } }",
            json!({"id": f.id}),
        )
        .await;
    let end = &body["data"]["decision"]["deadlines"][0];
    assert_eq!(end["kind"], "CONSULTATION_END", "{body}");
    assert_eq!(end["direction"], "NOT_BEFORE");
    assert_eq!(
        end["due"],
        json!(days_ahead(6)),
        "the day after the last day"
    );
    assert_eq!(
        (&end["rule"], &end["article"]),
        (&json!("consultation.last_day"), &json!("第十五条"))
    );
}

#[tokio::test]
async fn a_termination_cannot_predate_the_new_decision_that_orders_it() {
    let app = spawn_app().await;
    let mut f = in_execution(&app, json!({})).await;
    let mut child = Flow::propose_with(
        &app,
        json!({"title": "关于停止执行城区老旧小区改造实施方案的决定", "amends": f.id}),
    )
    .await;
    child.adopted().await;
    let by = |on: String| json!({"changedOn": on, "reason": "新决策决定停止执行", "byDecisionId": child.id});
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "terminateDecision",
        by(days_ago(1)),
        "record.dates",
        None,
    )
    .await;
    assert!(err.message.contains("新决策"), "{err:?}");
    assert_eq!(
        f.ok("SECRETARIAT", "terminateDecision", by(on_today()))
            .await,
        "TERMINATED"
    );
}

#[tokio::test]
async fn a_date_before_the_regulation_took_effect_is_invalid_input() {
    let app = spawn_app().await;
    for year_typo in ["2009-01-05", "2019-08-31"] {
        let body = app
            .gql(
                Some("SPONSOR"),
                "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id } }",
                json!({"input": {"title": "城区老旧小区改造实施方案", "summary": "综合改造",
                    "category": "HENAN_PUBLIC_SERVICE", "source": "ORGAN_LEADER",
                    "legalBasis": ["《城乡规划法》"], "proposedOn": year_typo}}),
            )
            .await;
        let err = refusal(&body);
        assert_eq!(err.code, "INVALID_INPUT", "{year_typo}: {err:?}");
        assert!(err.message.contains("2019-09-01"), "{err:?}");
    }
}

// ── Filing with each authority ──────────────────────────────────────────────────────────────

#[tokio::test]
async fn a_filing_names_one_of_the_profiles_authorities_and_each_is_filed_once() {
    let app = spawn_app().await;
    let mut f = adopted(&app, json!({"normativeDocument": true})).await;
    f.party_report().await;
    f.publish().await;
    let filing = |authority: &str| json!({"filedOn": on_today(), "authority": authority, "receiptNumber": "备2026-031"});
    let err = refused(
        &mut f,
        "SECRETARIAT",
        "fileDecision",
        filing("信阳市司法局"),
        "filing.authority",
        "省级重大行政决策程序规定",
    )
    .await;
    assert!(err.message.contains("上一级人民政府"), "{err:?}");
    f.ok("SECRETARIAT", "fileDecision", filing("上一级人民政府"))
        .await;
    f.ok(
        "SECRETARIAT",
        "fileDecision",
        filing("本级人民代表大会常务委员会"),
    )
    .await;
    let again = f
        .act("SECRETARIAT", "fileDecision", filing("上一级人民政府"))
        .await
        .expect_err("filed once per authority");
    assert_eq!(again.code, "INVALID_TRANSITION");
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { filings { authority receiptNumber } deadlines { kind status authority } } }",
            json!({"id": f.id}),
        )
        .await;
    let d = &body["data"]["decision"];
    assert_eq!(d["filings"].as_array().map(Vec::len), Some(2), "{body}");
    let filing_deadlines: Vec<&Value> = d["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .filter(|x| x["kind"] == "FILING")
        .collect();
    assert_eq!(
        filing_deadlines.len(),
        2,
        "one deadline per authority: {body}"
    );
    assert!(
        filing_deadlines.iter().all(|x| x["status"] == "MET"),
        "{body}"
    );
}

// ── Obligations the record now holds (Art. 12, 13, 16, 18) and corrections ─────────────────

#[tokio::test]
async fn a_back_filled_consultation_holds_opinions_from_other_channels_disposed_of_in_groups() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    f.open_consultation().await;
    for (channel, body) in [
        ("LETTER", "建议增设停车位"),
        ("SYMPOSIUM", "小区停车位严重不足"),
        ("PHONE", "施工时间应避开中高考"),
    ] {
        f.ok(
            "SPONSOR",
            "recordOpinion",
            json!({"receivedOn": days_ago(10), "channel": channel, "author": "羊山街道居民", "body": body}),
        )
        .await;
    }
    let close =
        json!({"closedOn": on_today(), "adoptionReport": "共收到意见3条，已归纳整理并逐条处理"});
    let err = refused(
        &mut f,
        "SPONSOR",
        "closePublicConsultation",
        close.clone(),
        "consultation.dispositions",
        "第十八条",
    )
    .await;
    assert!(err.message.contains("还有3条"), "{err:?}");
    f.ok(
        "SPONSOR",
        "disposeCommentGroup",
        json!({"commentIds": ["R-1", "R-2"], "summary": "关于停车设施不足的意见",
               "outcome": "PARTLY_ADOPTED", "reason": "方案增设停车位120个，受用地所限不能满足全部需求"}),
    )
    .await;
    f.ok(
        "SPONSOR",
        "disposeComment",
        json!({"commentId": "R-3", "outcome": "ADOPTED", "reason": "施工计划已避开考试期间"}),
    )
    .await;
    f.ok("SPONSOR", "closePublicConsultation", close).await;
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { consultation {
                receivedOpinions { id channel receivedOn disposition { outcome group } }
                dispositionGroups { number commentIds summary } } } }",
            json!({"id": f.id}),
        )
        .await;
    let c = &body["data"]["decision"]["consultation"];
    assert_eq!(c["receivedOpinions"][0]["channel"], "LETTER", "{body}");
    assert_eq!(
        c["receivedOpinions"][1]["disposition"]["group"], 1,
        "{body}"
    );
    assert_eq!(
        c["receivedOpinions"][2]["disposition"],
        json!({"outcome": "ADOPTED", "group": null})
    );
    assert_eq!(
        c["dispositionGroups"][0]["commentIds"],
        json!(["R-1", "R-2"])
    );
}

#[tokio::test]
async fn a_hearing_is_recorded_only_as_its_published_notice_announced_it() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    let hearing = json!({"heldOn": Dates::track_done(), "materialsDeliveredOn": days_ago(28),
        "place": "区政府三楼会议室", "recordSummary": "听证参加人陈述意见并质证",
        "participants": [{"name": "居民代表甲", "signedRecord": true}, {"name": "未公布的人", "signedRecord": true}]});
    refused(
        &mut f,
        "SPONSOR",
        "recordHearing",
        hearing.clone(),
        "hearing.notice",
        "第十六条",
    )
    .await;
    crate::rules::announce_hearing(&mut f, &Dates::track_done()).await;
    let err = refused(
        &mut f,
        "SPONSOR",
        "recordHearing",
        hearing,
        "hearing.notice",
        "第十六条",
    )
    .await;
    assert!(err.message.contains("未公布的人"), "{err:?}");
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { hearingNotices { hearingOn participants selectionMethod draftVersion } } }",
            json!({"id": f.id}),
        )
        .await;
    assert_eq!(
        body["data"]["decision"]["hearingNotices"][0]["participants"],
        json!(["居民代表甲", "物业代表乙"])
    );
}

#[tokio::test]
async fn units_concerned_are_consulted_and_a_dispute_stated_before_the_review_request() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({"affectsOtherUnits": true})).await;
    f.ready_for_review().await;
    let request = json!({"requestedOn": on_today(), "legalBasis": ["《城乡规划法》"], "shortenedReason": "情况紧急"});
    refused(
        &mut f,
        "SPONSOR",
        "requestLegalityReview",
        request.clone(),
        "drafting.units_consulted",
        "第十三条",
    )
    .await;
    refused(
        &mut f,
        "SPONSOR",
        "recordUnitConsultation",
        json!({"consultedOn": days_ago(5), "units": ["区财政局"], "agreed": false}),
        "drafting.units_consulted",
        "第十三条",
    )
    .await;
    f.ok(
        "SPONSOR",
        "recordUnitConsultation",
        json!({"consultedOn": days_ago(5), "units": ["区财政局"], "agreed": false,
               "dispute": {"mainIssues": "改造资金分担比例", "unitsOpinions": "区财政局主张区级承担三成",
                           "sponsorOpinion": "区级承担五成，依据为省级补助办法"}}),
    )
    .await;
    f.ok(
        "SPONSOR",
        "recordDraftingAnalysis",
        json!({"analysedOn": days_ago(4), "costBenefit": "总投资1.2亿元，惠及居民8000户",
               "options": ["一次性改造", "分三年改造"]}),
    )
    .await;
    assert_eq!(
        f.ok("SPONSOR", "requestLegalityReview", request).await,
        "LEGALITY_REVIEW"
    );
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { unitConsultations { agreed dispute { mainIssues } }
                draftingAnalyses { options } legalityReview { procedureStatement } } }",
            json!({"id": f.id}),
        )
        .await;
    let d = &body["data"]["decision"];
    assert_eq!(
        d["unitConsultations"][0]["dispute"]["mainIssues"], "改造资金分担比例",
        "{body}"
    );
    assert_eq!(
        d["draftingAnalyses"][0]["options"],
        json!(["一次性改造", "分三年改造"])
    );
}

#[tokio::test]
async fn a_wrong_tick_is_corrected_as_an_act_that_reopens_the_track_it_gates() {
    let app = spawn_app().await;
    let mut f = drafted(&app, json!({})).await;
    f.ok(
        "SPONSOR",
        "markTrackNotRequired",
        json!({"track": "RISK_ASSESSMENT", "basis": "不涉及社会稳定"}),
    )
    .await;
    f.ok(
        "SECRETARIAT",
        "correctFlag",
        json!({"correctedOn": on_today(), "flag": "STABILITY_IMPACT", "value": true,
               "reason": "涉及拆迁安置，提出时漏选"}),
    )
    .await;
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { flags { stabilityImpact } tracks { track status }
                corrections { flag value reason } history { kind } } }",
            json!({"id": f.id}),
        )
        .await;
    let d = &body["data"]["decision"];
    assert_eq!(d["flags"]["stabilityImpact"], true);
    let risk = d["tracks"]
        .as_array()
        .expect("tracks")
        .iter()
        .find(|t| t["track"] == "RISK_ASSESSMENT")
        .cloned();
    assert_eq!(risk.map(|t| t["status"].clone()), Some(json!("PENDING")));
    assert_eq!(d["corrections"][0]["reason"], "涉及拆迁安置，提出时漏选");
    assert!(
        d["history"]
            .as_array()
            .expect("history")
            .iter()
            .any(|e| e["kind"] == "FLAG_CORRECTED"),
        "{body}"
    );

    // After the review request the drafting flags are settled: the engine's own rule says so.
    let mut g = reviewed(&app, json!({})).await;
    refused(
        &mut g,
        "SPONSOR",
        "correctFlag",
        json!({"correctedOn": on_today(), "flag": "PROFESSIONAL_TECHNICAL", "value": true, "reason": "勾选有误"}),
        "record.correction",
        None,
    )
    .await;
}
