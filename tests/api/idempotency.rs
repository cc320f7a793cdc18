//! `idempotencyKey`: a mutation sent again with the key it was first sent with returns the first
//! result, without a second event — on another server of the same database too; the same key with
//! other input is refused; keys are the caller's and expire.

use serde_json::{Value, json};

use crate::helpers::*;

const REVISE: &str = "mutation($input: ReviseDraftInput!) { reviseDraft(input: $input) { id version history { seq } } }";

fn revise(id: &str, version: i64, key: &str, text: &str) -> Value {
    json!({"input": {"decisionId": id, "expectedVersion": version, "revisedOn": Dates::drafted(),
                     "text": text, "idempotencyKey": key}})
}

/// A decision in drafting, its version.
async fn drafting(app: &App) -> (String, i64) {
    let mut flow = Flow::propose(app, json!({})).await;
    flow.start().await;
    (flow.id.clone(), flow.version)
}

#[tokio::test]
async fn an_act_sent_again_with_its_key_returns_the_first_result_and_records_one_event() {
    let app = spawn_app().await;
    let (id, version) = drafting(&app).await;
    let first = app
        .gql(Some("SPONSOR"), REVISE, revise(&id, version, "k-1", "草案"))
        .await;
    let first = &first["data"]["reviseDraft"];
    assert_eq!(first["version"], version + 1, "{first}");

    // The reply was lost; the client sends the very same request again.
    let again = app
        .gql(Some("SPONSOR"), REVISE, revise(&id, version, "k-1", "草案"))
        .await;
    assert_eq!(&again["data"]["reviseDraft"], first, "{again}");
    let d = app.decision(&id).await;
    assert_eq!(d["version"], version + 1);
    assert_eq!(
        d["history"].as_array().map(Vec::len),
        Some(version as usize + 1),
        "one event for the act"
    );

    // Without the key the same request is stale, as any other would be.
    let body = json!({"input": {"decisionId": id, "expectedVersion": version,
                                "revisedOn": Dates::drafted(), "text": "草案"}});
    let stale = app.gql(Some("SPONSOR"), REVISE, body).await;
    assert_eq!(refusal(&stale).code, "VERSION_CONFLICT", "{stale}");
}

#[tokio::test]
async fn the_same_key_with_other_input_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let (id, version) = drafting(&app).await;
    app.gql(Some("SPONSOR"), REVISE, revise(&id, version, "k-2", "草案"))
        .await;
    let other = app
        .gql(
            Some("SPONSOR"),
            REVISE,
            revise(&id, version + 1, "k-2", "另一稿"),
        )
        .await;
    let refused = refusal(&other);
    assert_eq!(refused.code, "IDEMPOTENCY_KEY_REUSED", "{other}");
    assert!(refused.message.contains("reviseDraft"), "{other}");
    assert_eq!(app.decision(&id).await["version"], version + 1);

    // The order of the input's fields is not a different input.
    let reordered = json!({"input": {"text": "草案", "idempotencyKey": "k-2", "revisedOn": Dates::drafted(),
                                     "expectedVersion": version, "decisionId": id}});
    let again = app.gql(Some("SPONSOR"), REVISE, reordered).await;
    assert_eq!(
        again["data"]["reviseDraft"]["version"],
        version + 1,
        "{again}"
    );
}

#[tokio::test]
async fn a_key_is_the_callers_own() {
    let app = spawn_app().await;
    let (id, version) = drafting(&app).await;
    app.gql(
        Some("SPONSOR"),
        REVISE,
        revise(&id, version, "shared", "草案"),
    )
    .await;
    // Another account's identical key answers for nothing of the first's: its request is its own,
    // judged afresh (and here stale).
    let other = app
        .gql(
            Some("OTHER_SPONSOR"),
            REVISE,
            revise(&id, version, "shared", "草案"),
        )
        .await;
    assert_ne!(refusal(&other).code, "IDEMPOTENCY_KEY_REUSED", "{other}");
    assert!(other["data"]["reviseDraft"].is_null(), "{other}");
}

#[tokio::test]
async fn concurrent_copies_of_one_keyed_act_record_one_event_and_all_get_its_result() {
    let app = spawn_app().await;
    let (id, version) = drafting(&app).await;
    let sends = (0..8).map(|_| {
        app.gql(
            Some("SPONSOR"),
            REVISE,
            revise(&id, version, "burst", "草案"),
        )
    });
    let answers = futures_util::future::join_all(sends).await;
    for a in &answers {
        assert_eq!(a["data"]["reviseDraft"]["version"], version + 1, "{a}");
    }
    let d = app.decision(&id).await;
    assert_eq!(
        d["history"].as_array().map(Vec::len),
        Some(version as usize + 1)
    );
}

#[tokio::test]
async fn a_proposal_sent_again_with_its_key_is_proposed_once_even_on_another_server() {
    let app = spawn_app().await;
    let input = json!({"input": {"title": "城区老旧小区改造实施方案", "summary": "综合改造",
        "category": "HENAN_PUBLIC_SERVICE", "source": "ORGAN_LEADER", "legalBasis": ["《城乡规划法》"],
        "outsideCatalogueReason": "年中新增事项", "proposedOn": Dates::proposed(),
        "idempotencyKey": "proposal-1"}});
    let q =
        "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id version } }";
    let first = app.gql(Some("SPONSOR"), q, input.clone()).await;
    let count = app.decision_count().await;

    // The server that took it is gone (its caches with it); another on the same database gets
    // the retry.
    let other = app.another_server(AppConfig::default()).await;
    let again = other.gql(Some("SPONSOR"), q, input).await;
    assert_eq!(
        again["data"]["proposeDecision"], first["data"]["proposeDecision"],
        "{again}"
    );
    assert_eq!(other.decision_count().await, count);
}

#[tokio::test]
async fn a_public_comment_sent_twice_with_its_key_is_one_comment_with_one_receipt() {
    let app = spawn_app().await;
    let mut flow = Flow::propose(&app, json!({})).await;
    flow.start().await;
    flow.draft().await;
    flow.open_consultation().await;
    let q =
        "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }";
    let input = json!({"input": {"decisionId": flow.id, "body": "建议增设无障碍坡道", "idempotencyKey": "c-1"}});
    let (first, again) = app
        .on_day(App::during_consultation(), async {
            (
                app.gql(None, q, input.clone()).await,
                app.gql(None, q, input.clone()).await,
            )
        })
        .await;
    let receipt = first["data"]["submitPublicComment"]["id"].clone();
    assert!(receipt.is_string(), "{first}");
    assert_eq!(
        again["data"]["submitPublicComment"]["id"], receipt,
        "{again}"
    );
    let comments = app
        .gql(
            Some("SPONSOR"),
            "query($id: ID!) { decision(id: $id) { consultation { comments { id } } } }",
            json!({"id": flow.id}),
        )
        .await;
    assert_eq!(
        comments["data"]["decision"]["consultation"]["comments"],
        json!([{"id": receipt}])
    );
}

#[tokio::test]
async fn an_expired_key_may_be_used_again() {
    let app = spawn_app().await;
    let (id, version) = drafting(&app).await;
    app.gql(Some("SPONSOR"), REVISE, revise(&id, version, "k-3", "草案"))
        .await;
    // The service keeps keys 24 hours by default.
    app.clock.advance(chrono::TimeDelta::hours(25));
    let next = app
        .gql(
            Some("SPONSOR"),
            REVISE,
            revise(&id, version + 1, "k-3", "第二稿"),
        )
        .await;
    assert_eq!(
        next["data"]["reviseDraft"]["version"],
        version + 2,
        "{next}"
    );
    assert_eq!(app.service.delete_expired_keys().await.expect("swept"), 0);
    app.clock.advance(chrono::TimeDelta::hours(25));
    assert_eq!(app.service.delete_expired_keys().await.expect("swept"), 1);
}
