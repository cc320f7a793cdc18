//! A server killed in the middle of a burst of acts: each act the client never heard back about
//! is sent again, with its idempotency key, to the server that is left (a replica on PostgreSQL,
//! the restarted process on SQLite) and is recorded exactly once — whether the killed server had
//! committed it or not.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::*;

/// The server binary, run as an operator runs it; killed (SIGKILL) when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    async fn start(database_url: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_decision-engine"))
            .args(["serve", "--listen", &addr, "--sweep-interval", "86400"])
            .env("DATABASE_URL", database_url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let server = Server { child, addr };
        let http = reqwest::Client::new();
        for _ in 0..300 {
            let ready = http
                .get(format!("http://{}/readyz", server.addr))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not become ready");
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

const REVISE: &str =
    "mutation($input: ReviseDraftInput!) { reviseDraft(input: $input) { version } }";

/// One act of the burst: its input, key included.
fn revision(id: &str, version: i64, key: &str) -> Value {
    json!({"input": {"decisionId": id, "expectedVersion": version, "revisedOn": Dates::drafted(),
                     "text": format!("稿{key}"), "idempotencyKey": key}})
}

/// Sends acts on decision `id` to the server at `addr` one after another until one gets no
/// answer (the server is gone); returns that act's input. Each act has a key of its own.
async fn burst(app: &App, addr: &str, id: String, mut version: i64, client: usize) -> Value {
    let http = reqwest::Client::new();
    for n in 0.. {
        let input = revision(
            &id,
            version,
            &format!("c{client}-{n}-{}", uuid::Uuid::new_v4()),
        );
        let sent = http
            .post(format!("http://{addr}/graphql"))
            .bearer_auth(&app.tokens["SPONSOR"])
            .json(&json!({"query": REVISE, "variables": input}))
            .send()
            .await;
        let body: Value = match sent {
            Ok(resp) => match resp.json().await {
                Ok(body) => body,
                Err(_) => return input,
            },
            Err(_) => return input,
        };
        assert_eq!(
            body["data"]["reviseDraft"]["version"],
            version + 1,
            "{body}"
        );
        version += 1;
    }
    unreachable!("the loop ends only by returning")
}

/// How many events of the decision record the act sent with `key`.
async fn recorded(app: &App, id: &str, key: &str) -> usize {
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { history { payload } } }",
            json!({"id": id}),
        )
        .await;
    let text = format!("稿{key}");
    body["data"]["decision"]["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|e| e["payload"]["text"] == text.as_str())
        .count()
}

#[tokio::test]
async fn an_act_retried_with_its_key_after_the_server_that_took_it_was_killed_is_recorded_once() {
    let app = spawn_app().await;
    let mut flows = Vec::new();
    for _ in 0..8 {
        let mut flow = Flow::propose(&app, json!({})).await;
        flow.start().await;
        flows.push(flow);
    }
    // Until a kill has caught an act committed but not yet answered (the case the key exists
    // for); every round checks every unanswered act whatever it caught.
    let mut committed_unanswered = 0;
    let mut rounds = 0;
    while committed_unanswered == 0 && rounds < 20 {
        rounds += 1;
        let mut server = Server::start(&app.database_url).await;
        let addr = server.addr.clone();
        let bursts = flows
            .iter()
            .enumerate()
            .map(|(c, f)| burst(&app, &addr, f.id.clone(), f.version, c));
        let killing = async {
            tokio::time::sleep(Duration::from_millis(150 + 37 * rounds)).await;
            server.kill();
        };
        let (unanswered, ()) = tokio::join!(futures_util::future::join_all(bursts), killing);

        for (flow, input) in flows.iter_mut().zip(unanswered) {
            let key = input["input"]["idempotencyKey"]
                .as_str()
                .expect("key")
                .to_owned();
            let before = recorded(&app, &flow.id, &key).await;
            assert!(before <= 1);
            committed_unanswered += before;
            // Sent again, unchanged, to the server that is left.
            let body = app.gql(Some("SPONSOR"), REVISE, input.clone()).await;
            let expected = input["input"]["expectedVersion"].as_i64().expect("version");
            assert_eq!(
                body["data"]["reviseDraft"]["version"],
                expected + 1,
                "{body}"
            );
            assert_eq!(recorded(&app, &flow.id, &key).await, 1, "key {key}");
            flow.version = expected + 1;
        }
    }
    assert!(
        committed_unanswered > 0,
        "in {rounds} kills no act was caught between its commit and its answer"
    );
    // Nothing lost, nothing doubled: each decision's events are one per version.
    for flow in &flows {
        let d = app.decision(&flow.id).await;
        assert_eq!(d["version"], flow.version, "{d}");
        let seqs: Vec<i64> = d["history"]
            .as_array()
            .expect("history")
            .iter()
            .map(|e| e["seq"].as_i64().expect("seq"))
            .collect();
        assert_eq!(seqs, (1..=flow.version).collect::<Vec<_>>());
    }
    eprintln!("kills: {rounds}; acts committed but unanswered when killed: {committed_unanswered}");
}
