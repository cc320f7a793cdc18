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
