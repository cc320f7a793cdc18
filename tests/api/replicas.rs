//! Two servers on one database (replicas, or a restart racing the old process): every act is
//! judged against the stored version, whichever server takes it, so nothing is lost or doubled.

use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn sixteen_clients_over_two_servers_lose_no_update_and_keep_versions_contiguous() {
    let app = spawn_app().await;
    let replica = app.another_server(AppConfig::default()).await;
    let mut ids = Vec::new();
    for _ in 0..4 {
        let mut flow = Flow::propose(&app, json!({})).await;
        flow.start().await;
        ids.push(flow.id.clone());
    }
    let before: Vec<i64> = {
        let mut v = Vec::new();
        for id in &ids {
            v.push(app.decision(id).await["version"].as_i64().expect("version"));
        }
        v
    };
    let version_q = "query($id: ID!) { decision(id: $id) { version } }";
    let revise = "mutation($input: ReviseDraftInput!) { reviseDraft(input: $input) { version } }";
    // Each client reads a decision's version through its server and revises it there; four
    // clients share each decision, half of them through the other server, so they conflict.
    let clients = (0..16).map(|c| {
        let server = if c % 2 == 0 { &app } else { &replica };
        let id = ids[c % 4].clone();
        async move {
            let (mut accepted, mut conflicts) = (0, 0);
            for round in 0..6 {
                let read = server.gql(Some("SPONSOR"), version_q, json!({"id": id})).await;
                let version = read["data"]["decision"]["version"].as_i64().expect("version");
                let body: Value = server
                    .gql(
                        Some("SPONSOR"),
                        revise,
                        json!({"input": {"decisionId": id, "expectedVersion": version,
                                         "revisedOn": Dates::drafted(), "text": format!("第{c}号客户第{round}稿")}}),
                    )
                    .await;
                if body["data"]["reviseDraft"]["version"] == version + 1 {
                    accepted += 1;
                } else {
                    assert_eq!(refusal(&body).code, "VERSION_CONFLICT", "{body}");
                    conflicts += 1;
                }
            }
            (c % 4, accepted, conflicts)
        }
    });
    let results = futures_util::future::join_all(clients).await;
    let conflicts: i64 = results.iter().map(|r| r.2).sum();
    for (i, id) in ids.iter().enumerate() {
        let accepted: i64 = results.iter().filter(|r| r.0 == i).map(|r| r.1).sum();
        let d = app.decision(id).await;
        // Every accepted act is one version and one event; none was lost, none doubled.
        assert_eq!(d["version"], before[i] + accepted, "{d}");
        let seqs: Vec<i64> = d["history"]
            .as_array()
            .expect("history")
            .iter()
            .map(|e| e["seq"].as_i64().expect("seq"))
            .collect();
        assert_eq!(seqs, (1..=before[i] + accepted).collect::<Vec<_>>());
    }
    assert!(conflicts > 0, "the clients never raced");
}

async fn readyz(app: &App) -> (u16, Value) {
    let resp = app
        .http
        .get(format!("http://{}/readyz", app.addr))
        .send()
        .await
        .expect("request sent");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("JSON body"))
}

#[tokio::test]
async fn a_server_is_ready_only_while_its_database_answers() {
    let app = spawn_app().await;
    assert_eq!(readyz(&app).await, (200, json!({"status": "ready"})));
    // The database goes away under the running server (its pool closed).
    app.store
        .connection()
        .close_by_ref()
        .await
        .expect("pool closed");
    assert_eq!(readyz(&app).await, (503, json!({"status": "unavailable"})));
}

#[tokio::test]
async fn on_postgresql_a_statement_past_the_timeout_is_ended() {
    if !app_database_is_postgres() {
        return;
    }
    let app = spawn_app().await;
    let pool = decision_engine::store::DbOptions {
        max_connections: 2,
        statement_timeout: std::time::Duration::from_millis(200),
    };
    let db = decision_engine::store::connect_with(&app.database_url, &pool)
        .await
        .expect("connects");
    let slow = sea_orm::ConnectionTrait::execute_unprepared(&db, "SELECT pg_sleep(2)").await;
    let e = slow.expect_err("ended by the server");
    assert!(e.to_string().contains("statement timeout"), "{e}");
}

fn app_database_is_postgres() -> bool {
    std::env::var_os("TEST_POSTGRES_URL").is_some()
}

/// The next `decisionEvents` payload of the subscription, or `None` when none comes in `wait`.
async fn next_event(ws: &mut Socket, wait: std::time::Duration) -> Option<Value> {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        match tokio::time::timeout(wait, ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => {
                let msg: Value = serde_json::from_str(&t).expect("json");
                return Some(msg["payload"]["data"]["decisionEvents"].clone());
            }
            Ok(Some(Ok(_))) => continue,
            Ok(other) => panic!("socket: {other:?}"),
            Err(_) => return None,
        }
    }
}

#[tokio::test]
async fn a_subscriber_on_one_replica_hears_every_act_committed_through_the_other_in_order() {
    // Two servers on one SQLite file are not a deployment; replicas run on PostgreSQL.
    if std::env::var_os("TEST_POSTGRES_URL").is_none() {
        return;
    }
    let app = spawn_app().await;
    let replica = app.another_server(AppConfig::default()).await;
    let mut flow = Flow::propose(&app, json!({})).await;
    flow.start().await;
    let history = app.decision(&flow.id).await["history"].clone();
    let last = history.as_array().and_then(|h| h.last()).expect("an event")["position"]
        .as_i64()
        .expect("position");

    // Subscribed on the first server from the last position seen, so nothing depends on when
    // the subscription becomes active.
    let query = format!(
        "subscription {{ decisionEvents(decisionId: \"{}\", after: {last}) {{ position seq kind actor {{ role }} }} }}",
        flow.id
    );
    let mut ws = subscribe(&app, &app.tokens["AUDITOR"], &query).await;

    // Six acts, alternately through the replica and through the first server.
    let revise = "mutation($input: ReviseDraftInput!) { reviseDraft(input: $input) { version } }";
    for round in 0..6 {
        let server = if round % 2 == 0 { &replica } else { &app };
        let body = server
            .gql(
                Some("SPONSOR"),
                revise,
                json!({"input": {"decisionId": flow.id, "expectedVersion": flow.version,
                                 "revisedOn": Dates::drafted(), "text": format!("第{round}稿")}}),
            )
            .await;
        assert_eq!(
            body["data"]["reviseDraft"]["version"],
            flow.version + 1,
            "{body}"
        );
        flow.version += 1;
    }
    let mut seqs = Vec::new();
    let mut positions = Vec::new();
    for _ in 0..6 {
        let e = next_event(&mut ws, std::time::Duration::from_secs(10))
            .await
            .expect("every act is heard, whichever server took it");
        assert_eq!(e["kind"], "DRAFT_REVISED", "{e}");
        seqs.push(e["seq"].as_i64().expect("seq"));
        positions.push(e["position"].as_i64().expect("position"));
    }
    let first = flow.version - 5;
    assert_eq!(seqs, (first..=flow.version).collect::<Vec<_>>());
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // Nothing more, and nothing twice.
    assert_eq!(
        next_event(&mut ws, std::time::Duration::from_millis(1500)).await,
        None
    );

    // Live too: a subscriber on the replica that names no position hears the next act on the
    // first server.
    let query = format!(
        "subscription {{ decisionEvents(decisionId: \"{}\") {{ seq }} }}",
        flow.id
    );
    let mut on_replica = subscribe(&replica, &replica.tokens["AUDITOR"], &query).await;
    let mut heard = None;
    for _ in 0..20 {
        flow.ok(
            "SPONSOR",
            "reviseDraft",
            json!({"revisedOn": Dates::drafted(), "text": "再稿"}),
        )
        .await;
        if let Some(e) = next_event(&mut on_replica, std::time::Duration::from_millis(1500)).await {
            heard = Some(e);
            break;
        }
    }
    let heard = heard.expect("the replica's subscriber heard the first server's act");
    assert!(heard["seq"].as_i64().expect("seq") > first + 5, "{heard}");
}

// Positions are taken at insert and transactions commit in any order: a relay that read
// position p+1 before p was committed would never tell of p. The writers hand positions out in
// commit order, so a subscriber hears every event of two replicas writing at once.
#[tokio::test]
async fn a_subscriber_misses_none_of_the_events_two_replicas_write_at_once() {
    if std::env::var_os("TEST_POSTGRES_URL").is_none() {
        return;
    }
    let app = spawn_app().await;
    let replica = app.another_server(AppConfig::default()).await;
    let start = app.store.last_position().await.expect("position");
    let query = format!("subscription {{ decisionEvents(after: {start}) {{ position }} }}");
    let mut ws = subscribe(&app, &app.tokens["AUDITOR"], &query).await;

    let revise = "mutation($input: ReviseDraftInput!) { reviseDraft(input: $input) { version } }";
    let clients = (0..16).map(|c| {
        let server = if c % 2 == 0 { &app } else { &replica };
        async move {
            let mut flow = Flow::propose(server, json!({})).await;
            flow.start().await;
            for round in 0..5 {
                let body = server
                    .gql(
                        Some("SPONSOR"),
                        revise,
                        json!({"input": {"decisionId": flow.id, "expectedVersion": flow.version,
                                         "revisedOn": Dates::drafted(), "text": format!("第{round}稿")}}),
                    )
                    .await;
                assert_eq!(body["data"]["reviseDraft"]["version"], flow.version + 1, "{body}");
                flow.version += 1;
            }
        }
    });
    futures_util::future::join_all(clients).await;
    let stored: Vec<i64> = app
        .store
        .events_after(start, None, 10_000)
        .await
        .expect("events")
        .iter()
        .map(|e| e.position)
        .collect();
    assert_eq!(stored.len(), 16 * 7);
    let mut heard = Vec::new();
    while heard.len() < stored.len() {
        let Some(e) = next_event(&mut ws, std::time::Duration::from_secs(10)).await else {
            break;
        };
        heard.push(e["position"].as_i64().expect("position"));
    }
    assert_eq!(heard, stored);
}
