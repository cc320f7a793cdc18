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
