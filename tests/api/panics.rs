//! A panic anywhere under the router answers INTERNAL, as a GraphQL error, instead of dropping
//! the connection; it is logged at ERROR, and the server goes on serving. The panicking routes are
//! the test's own, put under the layers the server runs with (`http::layers`); production has none.
//! An internal error is logged with its whole chain of causes.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::get;
use decision_engine::http;
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::helpers::*;

/// A log sink for this test's thread: the server runs on the test's current-thread runtime, so
/// what it logs while serving this test's requests lands here.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log sink").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("log sink")).into_owned()
    }
}

/// Panics as the handler is called, before any await.
async fn panic_now() -> &'static str {
    unreachable!("a state the code believed impossible")
}

/// Panics while its future is polled, after an await, as a resolver deep in a request would.
async fn panic_later() -> &'static str {
    tokio::task::yield_now().await;
    panic!("after an await: {}", 42)
}

#[tokio::test]
async fn a_panic_answers_internal_as_a_graphql_error_and_the_server_goes_on() {
    let log = Captured::default();
    let sink = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = spawn_app().await;
    let schema = decision_engine::graphql::build_schema(app.service.clone());
    let panicking = Router::new()
        .route("/panic-now", get(panic_now))
        .route("/panic-later", get(panic_later));
    let limits = http::Limits::default();
    let router = http::layers(
        http::routes(schema, app.service.clone(), &limits).merge(panicking),
        &limits,
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(http::serve_router(listener, router, async {
        let _ = stopped.await;
    }));

    let client = reqwest::Client::new();
    for (path, logged) in [
        ("/panic-now", "a state the code believed impossible"),
        ("/panic-later", "after an await: 42"),
    ] {
        let resp = client
            .get(format!("http://{addr}{path}"))
            .send()
            .await
            .expect("an answer, not a dropped connection");
        assert_eq!(resp.status(), 500, "{path}");
        assert_eq!(resp.headers()["content-type"], "application/json", "{path}");
        let body: Value = resp.json().await.expect("a JSON body");
        assert_eq!(
            body,
            json!({"errors": [{
                "message": "服务器内部错误，请稍后重试或联系管理员",
                "extensions": {"code": "INTERNAL"}
            }]}),
            "{path}"
        );
        let text = log.text();
        let line = text
            .lines()
            .find(|l| l.contains(logged))
            .unwrap_or_else(|| panic!("{path}: the panic is not in the log:\n{text}"));
        assert!(line.contains("ERROR"), "{line}");
        assert!(line.contains("a request panicked"), "{line}");
    }

    // The same server still answers GraphQL.
    let body: Value = client
        .post(format!("http://{addr}/graphql"))
        .json(&json!({"query": "{ calendarVersion }"}))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    assert!(body["data"]["calendarVersion"].is_string(), "{body}");
    let _ = stop.send(());
    server.await.expect("joined").expect("served");
}

#[test]
fn an_internal_error_reaches_the_log_with_its_whole_chain_of_causes() {
    let cause = serde_json::from_str::<i32>("not json").expect_err("not a number");
    let e = decision_engine::service::ServiceError::from(
        decision_engine::store::StoreError::Corrupt(cause),
    );
    assert_eq!(
        e.chain(),
        "the store failed: stored record does not parse: expected ident at line 1 column 2"
    );
}
