//! Two officials acting on the same version at once: exactly one wins, the other is told.

use decision_engine::clock::Clock;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn two_commands_on_the_same_version_at_once_exactly_one_wins() {
    let app = spawn_app().await;
    let flow = Flow::propose(&app, json!({})).await;
    let query =
        "mutation($input: StartProcedureInput!) { startProcedure(input: $input) { version } }";
    let send = |unit: &'static str| {
        app.gql(
            Some("SECRETARIAT"),
            query,
            json!({"input": {"decisionId": flow.id, "expectedVersion": flow.version, "startedOn": Dates::started(), "leadUnit": unit}}),
        )
    };
    let (a, b) = tokio::join!(send("区住房和城乡建设局"), send("区发展和改革委员会"));
    let wins = [&a, &b]
        .iter()
        .filter(|r| r["data"]["startProcedure"].is_object())
        .count();
    assert_eq!(wins, 1, "{a}\n{b}");
    let loser = if a["data"]["startProcedure"].is_object() {
        &b
    } else {
        &a
    };
    assert_eq!(refusal(loser).code, "VERSION_CONFLICT");
    let d = app.decision(&flow.id).await;
    assert_eq!(d["version"], 2);
    assert_eq!(d["history"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn a_stale_version_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let mut flow = Flow::propose(&app, json!({})).await;
    flow.start().await;
    flow.version -= 1;
    let err = flow
        .act(
            "SPONSOR",
            "reviseDraft",
            json!({"revisedOn": Dates::drafted(), "text": "草案"}),
        )
        .await
        .expect_err("stale version refused");
    assert_eq!(err.code, "VERSION_CONFLICT");
    let d = app.decision(&flow.id).await;
    assert_eq!(d["version"], 2);
    assert_eq!(d["history"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn many_public_comments_at_once_all_land_without_touching_the_version() {
    let app = spawn_app().await;
    let mut flow = Flow::propose(&app, json!({})).await;
    flow.start().await;
    flow.draft().await;
    flow.open_consultation().await;
    let before = app.decision(&flow.id).await["version"].clone();
    let query =
        "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }";
    let sends = (0..20).map(|i| {
        app.gql(
            None,
            query,
            json!({"input": {"decisionId": flow.id, "body": format!("第{i}条意见：建议增设电梯")}}),
        )
    });
    let results = app
        .on_day(
            App::during_consultation(),
            futures_util::future::join_all(sends),
        )
        .await;
    for r in &results {
        assert!(r["data"]["submitPublicComment"]["id"].is_string(), "{r}");
    }
    let after = app.decision(&flow.id).await["version"].clone();
    assert_eq!(before, after);
    assert_eq!(
        app.store.comment_ids(&flow.id).await.expect("ids").len(),
        20
    );
}

#[tokio::test]
async fn a_write_by_another_server_process_is_seen_and_a_stale_version_still_conflicts() {
    let app = spawn_app().await;
    let mut flow = Flow::propose(&app, json!({})).await;
    flow.start().await;

    // A second server process (a replica, or the CLI) on the same database writes the draft.
    let other = decision_engine::store::Store::new(
        decision_engine::store::connect(&app.database_url)
            .await
            .expect("second connection"),
    );
    let other = decision_engine::service::Service::new(
        other,
        decision_engine::config::load_profile("henan").expect("shipped profile"),
        decision_engine::config::load_calendar(None).expect("shipped calendar"),
        std::sync::Arc::new(app.clock.clone()),
    )
    .expect("service");
    let sponsor = app
        .store
        .official_for_token(&app.tokens["SPONSOR"], app.clock.now())
        .await
        .expect("query")
        .expect("sponsor");
    let cmd =
        decision_engine::procedure::Command::ReviseDraft(decision_engine::procedure::ReviseDraft {
            text: decision_engine::procedure::Text::parse("草案", "第一条 ……").expect("text"),
            explanation: None,
            change_note: None,
            revised_on: today(),
        });
    let written = other
        .execute(&sponsor, &flow.id, flow.version, cmd)
        .await
        .expect("the other process writes");
    assert_eq!(written.version, 3);

    // This server last wrote version 2: the client that saw 2 is stale and is told so.
    let stale = flow
        .act(
            "SPONSOR",
            "reviseDraft",
            json!({"revisedOn": today().to_string(), "text": "草案"}),
        )
        .await
        .expect_err("stale");
    assert_eq!(stale.code, "VERSION_CONFLICT");
    // The client that saw the other process's version 3 goes through.
    flow.version = 3;
    flow.ok(
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": today().to_string(), "text": "草案第二稿"}),
    )
    .await;
    let d = app.decision(&flow.id).await;
    assert_eq!(d["version"], 4);
    assert_eq!(d["history"].as_array().map(Vec::len), Some(4));
}
