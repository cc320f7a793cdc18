//! Two officials acting on the same version at once: exactly one wins, the other is told.

use decision_engine::clock::Clock;
use serde_json::{Value, json};

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

/// A comment the public sends on the last day, through the form or the API.
async fn comment(app: &App, id: &str, body: &str) -> Value {
    app.on_day(
        App::during_consultation(),
        app.gql(
            None,
            "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }",
            json!({"input": {"decisionId": id, "body": body}}),
        ),
    )
    .await
}

// Art. 18 has every opinion answered before the consultation closes. A closure judged on the
// comments read a moment ago must not be written if one more arrived since: the write is refused
// at the row, and the service judges the act again with it.
#[tokio::test]
async fn an_act_judged_on_the_comments_is_not_written_once_another_comment_has_arrived() {
    let app = spawn_app().await;
    let mut flow = Flow::propose(&app, json!({})).await;
    flow.start().await;
    flow.draft().await;
    flow.open_consultation().await;
    let first = comment(&app, &flow.id, "建议增设电梯").await;
    assert!(
        first["data"]["submitPublicComment"]["id"].is_string(),
        "{first}"
    );

    // An official's act reads the decision and its one comment…
    let loaded = app
        .store
        .load(&flow.id)
        .await
        .expect("read")
        .expect("stored");
    let judged_on = app.store.comment_ids(&flow.id).await.expect("ids").len();
    assert_eq!(judged_on, 1);
    // …a second comment lands…
    let second = comment(&app, &flow.id, "建议保留绿地").await;
    assert!(
        second["data"]["submitPublicComment"]["id"].is_string(),
        "{second}"
    );
    // …and the act's write, judged on one comment, is refused; nothing of it is stored.
    let mut next = loaded.decision.clone();
    next.version += 1;
    let actor = decision_engine::procedure::Actor::system();
    let refused = app
        .store
        .append(
            &loaded,
            &next,
            &[],
            &actor,
            app.clock.now(),
            decision_engine::store::Alongside {
                judged_on_comments: Some(judged_on),
                ..Default::default()
            },
        )
        .await;
    assert!(
        matches!(
            refused,
            Err(decision_engine::store::StoreError::CommentsArrived)
        ),
        "{refused:?}"
    );
    assert_eq!(app.decision(&flow.id).await["version"], flow.version);
    // Judged on both, it is written.
    app.store
        .append(
            &loaded,
            &next,
            &[],
            &actor,
            app.clock.now(),
            decision_engine::store::Alongside {
                judged_on_comments: Some(2),
                ..Default::default()
            },
        )
        .await
        .expect("judged on every comment");
    assert_eq!(app.decision(&flow.id).await["version"], flow.version + 1);
}

// The other order: a comment checked against the open consultation, and the consultation closed
// before the comment is stored. The comment is not stored on the stale check; sent again, it is
// judged on the closed consultation and refused.
#[tokio::test]
async fn a_comment_checked_before_the_consultation_closed_is_not_stored_after_it() {
    let app = spawn_app().await;
    let mut flow = Flow::propose(&app, json!({})).await;
    flow.start().await;
    flow.draft().await;
    flow.open_consultation().await;
    // The comment's check reads the open consultation…
    let checked = app
        .store
        .load(&flow.id)
        .await
        .expect("read")
        .expect("stored");
    // …the sponsor closes it (no comment yet, nothing to answer)…
    flow.close_consultation().await;
    // …and the comment, checked against the version before the closure, is not stored.
    let late = decision_engine::service::Comment {
        id: "late-comment".into(),
        decision_id: flow.id.clone(),
        kind: decision_engine::service::MessageKind::Comment,
        body: "最后一刻的意见".into(),
        commenter: None,
        contact: None,
        submitted_at: app.clock.now(),
    };
    let stored = app
        .store
        .add_comment(&late, checked.decision.version, None)
        .await
        .expect("no database error");
    assert!(!stored);
    assert!(
        app.store
            .comment_ids(&flow.id)
            .await
            .expect("ids")
            .is_empty()
    );
    let again = comment(&app, &flow.id, "最后一刻的意见").await;
    assert_eq!(refusal(&again).code, "INVALID_TRANSITION", "{again}");
    assert!(
        app.store
            .comment_ids(&flow.id)
            .await
            .expect("ids")
            .is_empty()
    );
}
