//! Who may do what (PROCEDURE.md §1, `CommandKind::roles()`): every act, sent by every role the
//! statute does not give it to, is FORBIDDEN and changes nothing; without a token it is
//! UNAUTHENTICATED. The role is checked before the stage, so one proposed decision serves for all.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::helpers::*;

const SECRETARIAT: &[&str] = &["SECRETARIAT"];
const SPONSOR: &[&str] = &["SPONSOR"];
const COUNSEL: &[&str] = &["COUNSEL"];
const REVIEW_OFFICE: &[&str] = &["REVIEW_OFFICE"];
const HEAD: &[&str] = &["HEAD"];
const WITHDRAWERS: &[&str] = &["SECRETARIAT", "SPONSOR"];

/// Every mutation on an existing decision: a valid input (without `decisionId` and
/// `expectedVersion`) and the roles that may send it.
pub(crate) fn acts(own_id: &str) -> Vec<(&'static str, Value, &'static [&'static str])> {
    let d = today().to_string();
    let report = json!({"reportedOn": d, "recipient": "中共平桥区委", "summary": "请示报告"});
    let change = json!({"changedOn": d, "reason": "评估后需要调整", "byDecisionId": own_id});
    vec![
        (
            "startProcedure",
            json!({"startedOn": d, "leadUnit": "区住房和城乡建设局"}),
            SECRETARIAT,
        ),
        (
            "reviseDraft",
            json!({"revisedOn": d, "text": "第一条 为推进城区老旧小区改造……"}),
            SPONSOR,
        ),
        (
            "openPublicConsultation",
            consultation(&Dates::consultation_opened(), &d, None),
            SPONSOR,
        ),
        (
            "disposeComment",
            json!({"commentId": "comment-1", "outcome": "ADOPTED", "reason": "已采纳"}),
            SPONSOR,
        ),
        (
            "hideComment",
            json!({"commentId": "comment-1", "reason": "广告信息"}),
            SPONSOR,
        ),
        (
            "closePublicConsultation",
            json!({"closedOn": d, "adoptionReport": "已逐条研究处理"}),
            SPONSOR,
        ),
        (
            "recordOpinion",
            json!({"receivedOn": d, "channel": "LETTER", "body": "建议增设停车位"}),
            SPONSOR,
        ),
        (
            "disposeCommentGroup",
            json!({"commentIds": ["R-1", "R-2"], "summary": "停车设施", "outcome": "ADOPTED", "reason": "已采纳"}),
            SPONSOR,
        ),
        (
            "publishHearingNotice",
            json!({"publishedOn": d, "hearingOn": d, "place": "区政府三楼会议室", "channels": ["区政府网站"], "participants": ["居民代表甲"]}),
            SPONSOR,
        ),
        (
            "recordUnitConsultation",
            json!({"consultedOn": d, "units": ["区财政局"], "agreed": true}),
            SPONSOR,
        ),
        (
            "recordDraftingAnalysis",
            json!({"analysedOn": d, "costBenefit": "成本效益分析"}),
            SPONSOR,
        ),
        (
            "correctFlag",
            json!({"correctedOn": d, "flag": "STABILITY_IMPACT", "value": true, "reason": "勾选有误"}),
            WITHDRAWERS,
        ),
        (
            "recordHearing",
            json!({"heldOn": d, "materialsDeliveredOn": days_ago(8), "place": "区政府三楼会议室",
                   "participants": [{"name": "居民代表甲", "signedRecord": true}], "recordSummary": "听证记录"}),
            SPONSOR,
        ),
        ("recordExpertArgumentation", experts(false, true), SPONSOR),
        ("recordRiskAssessment", risk("CONTROLLABLE"), SPONSOR),
        (
            "recordFairCompetitionReview",
            json!({"reviewedOn": d, "reviewingUnit": "区市场监督管理局", "conclusion": "NO_RESTRICTION", "summary": "不含限制竞争内容"}),
            SPONSOR,
        ),
        (
            "markTrackNotRequired",
            json!({"track": "EXPERT_ARGUMENTATION", "basis": "无需开展"}),
            SPONSOR,
        ),
        (
            "requestLegalityReview",
            json!({"requestedOn": d, "legalBasis": ["《城乡规划法》"]}),
            SPONSOR,
        ),
        (
            "submitLegalOpinion",
            json!({"givenOn": d, "kind": "LEGAL_ADVISER", "opinion": "符合法定权限"}),
            COUNSEL,
        ),
        (
            "acceptReviewRequest",
            json!({"acceptedOn": d}),
            REVIEW_OFFICE,
        ),
        (
            "requestSupplement",
            json!({"requestedOn": d, "materials": "风险评估报告原件"}),
            REVIEW_OFFICE,
        ),
        (
            "supplyMaterials",
            json!({"suppliedOn": d, "note": "已补充风险评估报告原件"}),
            SPONSOR,
        ),
        (
            "assignCounsel",
            json!({"assignedOn": d, "counselAccountId": "counsel", "kind": "PUBLIC_LAWYER", "affiliation": "平桥区司法局"}),
            REVIEW_OFFICE,
        ),
        (
            "withdrawCounselAssignment",
            json!({"withdrawnOn": d, "counselAccountId": "counsel", "reason": "申请回避"}),
            REVIEW_OFFICE,
        ),
        (
            "returnLegalityReview",
            json!({"returnedOn": d, "reason": "材料不全"}),
            REVIEW_OFFICE,
        ),
        ("concludeLegalityReview", conclude("LAWFUL"), REVIEW_OFFICE),
        (
            "recordCollectiveDiscussion",
            meeting(1, "ADOPTED"),
            SECRETARIAT,
        ),
        ("recordPartyCommitteeReport", report.clone(), SECRETARIAT),
        ("recordCongressReport", report, SECRETARIAT),
        (
            "publishDecision",
            json!({"publishedOn": d, "channels": ["平桥区人民政府网站"]}),
            SECRETARIAT,
        ),
        (
            "fileDecision",
            json!({"filedOn": d, "authority": "上一级人民政府", "receiptNumber": "备2026-031"}),
            SECRETARIAT,
        ),
        (
            "recordFilingReview",
            json!({"authority": "上一级人民政府", "result": "经审查，未发现问题", "answeredOn": d}),
            SECRETARIAT,
        ),
        (
            "startExecution",
            json!({"startedOn": d, "executingUnit": "区住房和城乡建设局"}),
            SECRETARIAT,
        ),
        (
            "reportExecution",
            json!({"reportedOn": d, "summary": "已完成12个小区"}),
            SPONSOR,
        ),
        (
            "reportIncident",
            json!({"reportedOn": d, "kind": "PROBLEM", "description": "施工扰民投诉"}),
            SPONSOR,
        ),
        (
            "suspendExecution",
            json!({"suspendedOn": d, "reason": "情况紧急", "incidentNumber": 1}),
            HEAD,
        ),
        (
            "resumeExecution",
            json!({"resumedOn": d, "reason": "问题已解决"}),
            HEAD,
        ),
        (
            "startPostEvaluation",
            json!({"startedOn": d, "trigger": "ORGAN_DEEMS_NECESSARY", "triggerExplanation": "区政府认为有必要", "evaluator": "信阳师范大学法学院"}),
            SECRETARIAT,
        ),
        (
            "concludePostEvaluation",
            json!({"concludedOn": d, "conclusion": "达到预期", "recommendation": "CONTINUE"}),
            SECRETARIAT,
        ),
        (
            "withdrawDecision",
            json!({"withdrawnOn": d, "reason": "已纳入市级统一方案"}),
            WITHDRAWERS,
        ),
        ("terminateDecision", change.clone(), SECRETARIAT),
        ("adjustDecision", change, SECRETARIAT),
        ("archiveDecision", json!({"archivedOn": d}), SECRETARIAT),
        (
            "issueSupervisionNotice",
            json!({"issuedOn": d, "deadline": "FILING", "due": days_ago(1), "newDate": days_ahead(7), "requirement": "立即报送备案"}),
            SECRETARIAT,
        ),
    ]
}

fn input_type(mutation: &str) -> String {
    match mutation {
        "recordPartyCommitteeReport" | "recordCongressReport" => "RecordReportInput".into(),
        "terminateDecision" | "adjustDecision" => "ChangeDecisionInput".into(),
        m => format!("{}{}Input", m[..1].to_ascii_uppercase(), &m[1..]),
    }
}

/// Sends `mutation` on decision `id` at `version`, as `role` (None: no token); the whole body.
pub(crate) async fn send(
    app: &App,
    role: Option<&str>,
    mutation: &str,
    input: &Value,
    id: &str,
    version: &Value,
) -> Value {
    let mut input = input.clone();
    input["decisionId"] = json!(id);
    input["expectedVersion"] = version.clone();
    let query = format!(
        "mutation($input: {}!) {{ {mutation}(input: $input) {{ id version }} }}",
        input_type(mutation)
    );
    app.gql(role, &query, json!({"input": input})).await
}

/// The mutations schema.graphql declares, so the table cannot silently miss one.
pub(crate) fn schema_mutations() -> BTreeSet<String> {
    let sdl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .expect("schema.graphql");
    let block = sdl
        .split("type Mutation {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("the Mutation type");
    block
        .lines()
        .filter_map(|l| {
            l.trim()
                .split_once("(input:")
                .map(|(name, _)| name.to_owned())
        })
        .collect()
}

fn proposal() -> Value {
    json!({
        "title": "城区老旧小区改造实施方案",
        "summary": "对2000年以前建成的城区老旧小区实施综合改造",
        "category": "HENAN_PUBLIC_SERVICE",
        "source": "ORGAN_LEADER",
        "outsideCatalogueReason": "年中新增事项，未列入年度目录", "proposedOn": Dates::proposed(),
    })
}

const PROPOSE: &str =
    "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id } }";

#[tokio::test]
async fn the_role_table_covers_every_mutation_but_proposal_and_public_comment() {
    let table: BTreeSet<String> = acts("x")
        .into_iter()
        .map(|(m, _, _)| m.to_owned())
        .collect();
    let mut expected = schema_mutations();
    assert!(expected.remove("proposeDecision"));
    assert!(expected.remove("submitPublicComment"));
    assert!(expected.remove("submitPublicFeedback"));
    // Each kind of document has its own producer: tests/api/materials.rs.
    assert!(expected.remove("attachMaterial"));
    // Accounts are managed by an administrator: tests/api/access.rs.
    assert!(expected.remove("createAccount"));
    assert!(expected.remove("revokeAccount"));
    // The catalogue's acts have their own table: tests/api/catalogue.rs.
    expected.retain(|m| !m.contains("Catalogue"));
    assert_eq!(table, expected);
}

#[tokio::test]
async fn every_act_sent_by_a_role_the_statute_does_not_give_it_to_is_forbidden() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    let before = app.decision(&f.id).await;
    let version = before["version"].clone();
    for (mutation, input, allowed) in acts(&f.id) {
        for role in ROLES.iter().filter(|r| !allowed.contains(r)) {
            let body = send(&app, Some(role), mutation, &input, &f.id, &version).await;
            let err = refusal(&body);
            assert_eq!(err.code, "FORBIDDEN", "{mutation} as {role}: {body}");
            assert!(err.rule.is_none(), "{mutation} as {role}: {body}");
        }
        let after = app.decision(&f.id).await;
        assert_eq!(after["version"], version, "{mutation} changed the version");
        assert_eq!(
            after["history"], before["history"],
            "{mutation} changed the history"
        );
        assert_eq!(after["stage"], "PROPOSED");
    }
}

/// The role check comes first, then the stage: sent by a role the statute gives it to, an act on a
/// proposed decision either goes through (the acts that exist in PROPOSED), is refused by the
/// statutory gate that stands before it (no drafting before the organ starts the procedure,
/// Art. 11; no meeting without a legality review, Art. 25; nothing after adoption without a
/// meeting, Art. 30), or is INVALID_TRANSITION — and nothing else: an INTERNAL, a NOT_FOUND or an
/// INVALID_INPUT here would mean the role check let the act through to something other than the
/// procedure's answer.
#[tokio::test]
async fn every_act_sent_by_a_role_the_statute_gives_it_to_passes_the_role_check() {
    const IN_PROPOSED: &[&str] = &["startProcedure", "withdrawDecision", "correctFlag"];
    let gate = |mutation: &str| match mutation {
        "reviseDraft"
        | "openPublicConsultation"
        | "disposeComment"
        | "closePublicConsultation"
        | "hideComment"
        | "recordOpinion"
        | "disposeCommentGroup"
        | "publishHearingNotice"
        | "recordUnitConsultation"
        | "recordDraftingAnalysis"
        | "recordHearing"
        | "recordExpertArgumentation"
        | "recordRiskAssessment"
        | "recordFairCompetitionReview"
        | "markTrackNotRequired"
        | "requestLegalityReview" => Some(("start.required", "第十一条")),
        "recordCollectiveDiscussion" => Some(("review.gate", "第二十五条")),
        // Nothing is late on a decision just proposed: nothing to supervise.
        "issueSupervisionNotice" => {
            Some(("supervision.late_item", "第三十四条、第三十九条、第四十条"))
        }
        "publishDecision" | "fileDecision" | "startExecution" => {
            Some(("meeting.required", "第三十条"))
        }
        _ => None,
    };
    let app = spawn_app().await;
    for (mutation, input, allowed) in acts("no-such-decision") {
        for role in allowed {
            // A fresh decision each time: the act may well succeed.
            let f = Flow::propose(&app, json!({})).await;
            let body = send(&app, Some(role), mutation, &input, &f.id, &json!(f.version)).await;
            if IN_PROPOSED.contains(&mutation) {
                assert!(
                    body["data"][mutation].is_object(),
                    "{mutation} as {role}: {body}"
                );
                continue;
            }
            let err = refusal(&body);
            match gate(mutation) {
                Some((rule, article)) => {
                    assert_eq!(err.code, "RULE_VIOLATION", "{mutation} as {role}: {body}");
                    assert_eq!(err.rule.as_deref(), Some(rule), "{mutation} as {role}");
                    assert_eq!(
                        err.article.as_deref(),
                        Some(article),
                        "{mutation} as {role}"
                    );
                }
                // Counsel nobody assigned may not know the decision exists (Art. 28; access.rs).
                None if *role == "COUNSEL" => {
                    assert_eq!(err.code, "NOT_FOUND", "{mutation} as {role}: {body}");
                }
                None => {
                    assert_eq!(
                        err.code, "INVALID_TRANSITION",
                        "{mutation} as {role}: {body}"
                    );
                    assert!(err.rule.is_none(), "{mutation} as {role}: {body}");
                }
            }
            assert_eq!(
                app.decision(&f.id).await["version"],
                json!(f.version),
                "{mutation} as {role} changed the decision"
            );
        }
    }
}

#[tokio::test]
async fn every_act_without_a_token_is_unauthenticated() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    let before = app.decision(&f.id).await;
    for (mutation, input, _) in acts(&f.id) {
        let body = send(&app, None, mutation, &input, &f.id, &before["version"]).await;
        assert_eq!(refusal(&body).code, "UNAUTHENTICATED", "{mutation}: {body}");
    }
    let count = app.decision_count().await;
    let body = app.gql(None, PROPOSE, json!({"input": proposal()})).await;
    assert_eq!(refusal(&body).code, "UNAUTHENTICATED", "{body}");
    assert_eq!(app.decision_count().await, count);
    let after = app.decision(&f.id).await;
    assert_eq!(after["version"], before["version"]);
    assert_eq!(after["history"], before["history"]);
}

#[tokio::test]
async fn only_the_secretariat_a_sponsor_or_the_head_proposes_a_matter() {
    let app = spawn_app().await;
    for role in ["COUNSEL", "REVIEW_OFFICE", "AUDITOR", "ADMIN"] {
        let body = app
            .gql(Some(role), PROPOSE, json!({"input": proposal()}))
            .await;
        assert_eq!(refusal(&body).code, "FORBIDDEN", "{role}: {body}");
        assert_eq!(app.decision_count().await, 0, "{role} created a decision");
    }
    for (n, role) in ["SECRETARIAT", "SPONSOR", "HEAD"].into_iter().enumerate() {
        let body = app
            .gql(Some(role), PROPOSE, json!({"input": proposal()}))
            .await;
        assert!(
            body["data"]["proposeDecision"].is_object(),
            "{role}: {body}"
        );
        assert_eq!(app.decision_count().await, n + 1);
    }
}

#[tokio::test]
async fn the_public_comments_without_an_account_but_only_while_a_consultation_is_open() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    let comment = |id: &str| json!({"input": {"decisionId": id, "body": "建议加装电梯"}});
    let q =
        "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }";
    let body = app.gql(None, q, comment(&f.id)).await;
    // Refused, not for want of an account, and nothing recorded: before the draft is published
    // for comment, the public may not even know the decision exists.
    assert!(body["data"]["submitPublicComment"].is_null(), "{body}");
    assert_eq!(refusal(&body).code, "NOT_FOUND", "{body}");
    assert!(app.store.comment_ids(&f.id).await.expect("ids").is_empty());
    f.start().await;
    f.draft().await;
    f.open_consultation().await;
    let version = app.decision(&f.id).await["version"].clone();
    let body = app
        .on_day(App::during_consultation(), app.gql(None, q, comment(&f.id)))
        .await;
    assert!(
        body["data"]["submitPublicComment"]["id"].is_string(),
        "{body}"
    );
    assert_eq!(app.decision(&f.id).await["version"], version);
}
