//! `decisionEvents` streams each event as it is recorded, over the graphql-transport-ws protocol.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::*;

#[tokio::test]
async fn a_subscriber_receives_the_events_of_its_decision_as_they_are_recorded() {
    let app = spawn_app().await;
    let mut flow = Flow::propose(&app, json!({})).await;
    flow.start().await;

    let query = format!(
        "subscription {{ decisionEvents(decisionId: \"{}\") {{ decisionId seq kind actor {{ role }} }} }}",
        flow.id
    );
    let mut ws = subscribe(&app, &app.tokens["AUDITOR"], &query).await;

    // The subscription becomes active asynchronously: act until an event arrives.
    let mut received = None;
    for _ in 0..50 {
        flow.ok(
            "SPONSOR",
            "reviseDraft",
            json!({"revisedOn": Dates::drafted(), "text": "草案"}),
        )
        .await;
        if let Ok(Some(Ok(Message::Text(t)))) =
            tokio::time::timeout(Duration::from_millis(200), ws.next()).await
        {
            received = Some((
                serde_json::from_str::<Value>(&t).expect("json"),
                flow.version,
            ));
            break;
        }
    }
    let (msg, version) = received.expect("an event arrived");
    assert_eq!(msg["type"], "next", "{msg}");
    let event = &msg["payload"]["data"]["decisionEvents"];
    assert_eq!(event["decisionId"], json!(flow.id));
    assert_eq!(event["kind"], "DRAFT_REVISED");
    assert_eq!(event["actor"]["role"], "SPONSOR");
    assert_eq!(event["seq"], json!(version));
}

#[tokio::test]
async fn a_subscription_without_a_token_is_refused() {
    let app = spawn_app().await;
    let mut ws = connect(&app).await;
    ws.send(Message::text(
        json!({"type": "connection_init"}).to_string(),
    ))
    .await
    .expect("init sent");
    ws.next().await;
    ws.send(Message::text(
        json!({"id": "1", "type": "subscribe", "payload": {"query": "subscription { decisionEvents { seq } }"}}).to_string(),
    ))
    .await
    .expect("subscribe sent");
    let msg: Value = loop {
        match tokio::time::timeout(Duration::from_secs(5), ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => break serde_json::from_str(&t).expect("json"),
            Ok(Some(Ok(_))) => continue,
            other => panic!("no answer: {other:?}"),
        }
    };
    assert_eq!(msg["payload"]["data"], Value::Null, "{msg}");
    assert_eq!(
        msg["payload"]["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED"
    );
}

/// Reads the next message of operation "1", or `None` when none comes within `wait`.
async fn next_event(ws: &mut Socket, wait: Duration) -> Option<Value> {
    loop {
        match tokio::time::timeout(wait, ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => {
                return Some(serde_json::from_str(&t).expect("json"));
            }
            Ok(Some(Ok(_))) => continue,
            Ok(other) => panic!("socket: {other:?}"),
            Err(_) => return None,
        }
    }
}

#[tokio::test]
async fn a_subscriber_resumes_after_the_last_position_it_saw_without_a_gap_or_a_repeat() {
    let app = spawn_app().await;
    let mut flow = Flow::propose(&app, json!({})).await;
    flow.start().await;
    // Another decision's events interleave with this one's: positions are shared by all.
    let mut other = Flow::propose(&app, json!({})).await;
    let history = app.decision(&flow.id).await["history"].clone();
    let seen = &history[history.as_array().expect("history").len() - 1];
    let (seen_seq, seen_position) = (seen["seq"].as_i64(), seen["position"].as_i64());

    // Missed while away: three acts on this decision, one on the other.
    for _ in 0..3 {
        flow.ok(
            "SPONSOR",
            "reviseDraft",
            json!({"revisedOn": Dates::drafted(), "text": "草案"}),
        )
        .await;
    }
    other.start().await;

    let query = format!(
        "subscription {{ decisionEvents(decisionId: \"{}\", after: {}) {{ position seq kind }} }}",
        flow.id,
        seen_position.expect("a position")
    );
    let mut ws = subscribe(&app, &app.tokens["AUDITOR"], &query).await;
    let mut seqs = Vec::new();
    let mut positions = Vec::new();
    for _ in 0..3 {
        let msg = next_event(&mut ws, Duration::from_secs(5))
            .await
            .expect("a missed event replayed");
        let e = &msg["payload"]["data"]["decisionEvents"];
        seqs.push(e["seq"].as_i64().expect("seq"));
        positions.push(e["position"].as_i64().expect("position"));
    }
    let first = seen_seq.expect("seq") + 1;
    assert_eq!(seqs, [first, first + 1, first + 2]);
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(positions[0] > seen_position.expect("position"));

    // Then live, from the next act on, with nothing repeated in between.
    assert_eq!(next_event(&mut ws, Duration::from_millis(300)).await, None);
    flow.ok(
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": Dates::drafted(), "text": "草案二"}),
    )
    .await;
    let msg = next_event(&mut ws, Duration::from_secs(5))
        .await
        .expect("the live event");
    assert_eq!(
        msg["payload"]["data"]["decisionEvents"]["seq"],
        json!(first + 3)
    );
}
