//! The public's part beyond reading: comments moderated by the sponsor (hidden with a reason,
//! never deleted, still counted), and feedback on a decision being executed (Art. 35(2)), which
//! reaches the organ and the executing unit.

use serde_json::{Value, json};

use crate::helpers::*;

const COMMENT: &str =
    "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }";
const FEEDBACK: &str =
    "mutation($input: SubmitPublicFeedbackInput!) { submitPublicFeedback(input: $input) { id } }";

async fn post(app: &App, query: &str, input: Value) -> Value {
    app.gql(None, query, json!({"input": input})).await
}

#[tokio::test]
async fn a_sponsor_hides_an_abusive_comment_with_a_reason_and_it_stays_in_the_record() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    f.open_consultation().await;
    let (spam, real) = app
        .on_day(App::during_consultation(), async {
            let spam = post(&app, COMMENT, json!({"decisionId": f.id, "body": "代开发票，联系微信xxx"})).await;
            let real = post(
                &app,
                COMMENT,
                json!({"decisionId": f.id, "body": "建议增设停车位", "commenter": "王某", "contact": "13800000000"}),
            )
            .await;
            (spam, real)
        })
        .await;
    let spam = spam["data"]["submitPublicComment"]["id"]
        .as_str()
        .expect("stored")
        .to_owned();
    let real = real["data"]["submitPublicComment"]["id"]
        .as_str()
        .expect("stored")
        .to_owned();
    // Another unit's sponsor may know the consultation exists, not moderate it.
    let other = f
        .act(
            "OTHER_SPONSOR",
            "hideComment",
            json!({"commentId": spam, "reason": "广告"}),
        )
        .await
        .expect_err("not its decision");
    assert_eq!(other.code, "FORBIDDEN");
    f.ok(
        "SPONSOR",
        "hideComment",
        json!({"commentId": spam, "reason": "广告信息，与决策事项无关"}),
    )
    .await;
    let again = f
        .act(
            "SPONSOR",
            "hideComment",
            json!({"commentId": spam, "reason": "广告"}),
        )
        .await
        .expect_err("hidden once");
    assert_eq!(again.code, "INVALID_TRANSITION");
    let unknown = f
        .act(
            "SPONSOR",
            "hideComment",
            json!({"commentId": "no-such-comment", "reason": "广告"}),
        )
        .await
        .expect_err("unknown");
    assert_eq!(unknown.code, "NOT_FOUND");
    // Only the real comment needs an answer before the consultation closes.
    let early = f
        .act(
            "SPONSOR",
            "closePublicConsultation",
            json!({"closedOn": today().to_string(), "adoptionReport": "已处理"}),
        )
        .await
        .expect_err("one comment unanswered");
    assert_eq!(early.rule.as_deref(), Some("consultation.dispositions"));
    assert!(early.message.contains("还有1条"), "{}", early.message);
    f.ok(
        "SPONSOR",
        "disposeComment",
        json!({"commentId": real, "outcome": "ADOPTED", "reason": "已纳入方案"}),
    )
    .await;
    f.close_consultation().await;
    let body = app
        .gql(
            Some("SPONSOR"),
            "query($id: ID!) { decision(id: $id) { consultation { undisposedCount comments { id body commenter contact hiddenReason disposition { outcome } } } history { kind } } }",
            json!({"id": f.id}),
        )
        .await;
    let d = &body["data"]["decision"];
    let comments = d["consultation"]["comments"].as_array().expect("comments");
    assert_eq!(comments.len(), 2, "hidden, never deleted: {body}");
    let hidden = comments
        .iter()
        .find(|c| c["id"] == json!(spam))
        .expect("kept");
    assert_eq!(hidden["hiddenReason"], "广告信息，与决策事项无关");
    assert_eq!(hidden["body"], "代开发票，联系微信xxx");
    let answered = comments
        .iter()
        .find(|c| c["id"] == json!(real))
        .expect("kept");
    assert_eq!(answered["contact"], "13800000000");
    assert_eq!(d["consultation"]["undisposedCount"], 0);
    let kinds: Vec<&str> = d["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"COMMENT_HIDDEN"), "{kinds:?}");
}

#[tokio::test]
async fn feedback_on_a_decision_in_execution_reaches_the_executing_unit_and_no_one_else() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.adopted().await;
    f.party_report().await;
    f.publish().await;
    // Published, not yet executed: Art. 35(2) speaks of the decision and its execution.
    let early = post(
        &app,
        FEEDBACK,
        json!({"decisionId": f.id, "body": "何时开始实施？"}),
    )
    .await;
    assert_eq!(refusal(&early).code, "INVALID_TRANSITION", "{early}");
    f.ok(
        "SECRETARIAT",
        "startExecution",
        json!({"startedOn": today().to_string(), "executingUnit": "区水利局"}),
    )
    .await;
    let sent = post(
        &app,
        FEEDBACK,
        json!({"decisionId": f.id, "body": "施工噪音扰民，夜间仍在施工", "commenter": "李某", "contact": "li@example.com"}),
    )
    .await;
    assert!(
        sent["data"]["submitPublicFeedback"]["id"].is_string(),
        "{sent}"
    );
    let q = "query($id: ID!) { decision(id: $id) { publicFeedback { body commenter contact } } }";
    for key in ["OTHER_SPONSOR", "SECRETARIAT", "AUDITOR"] {
        let body = app.gql(Some(key), q, json!({"id": f.id})).await;
        assert_eq!(
            body["data"]["decision"]["publicFeedback"],
            json!([{"body": "施工噪音扰民，夜间仍在施工", "commenter": "李某", "contact": "li@example.com"}]),
            "{key}: {body}"
        );
    }
    let town = app
        .gql(Some("TOWN_SECRETARIAT"), q, json!({"id": f.id}))
        .await;
    assert_eq!(refusal(&town).code, "FORBIDDEN");
    let public = app.gql(None, q, json!({"id": f.id})).await;
    assert_eq!(refusal(&public).code, "UNAUTHENTICATED");
    // A decision the public may not see takes no feedback, and says no more than an unknown id.
    let hidden = Flow::propose(&app, json!({})).await;
    let unseen = post(
        &app,
        FEEDBACK,
        json!({"decisionId": hidden.id, "body": "意见"}),
    )
    .await;
    assert_eq!(refusal(&unseen).code, "NOT_FOUND");
}
