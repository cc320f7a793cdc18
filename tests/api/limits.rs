//! What one request may cost (issue 7): a query is weighed before it runs, a request runs within
//! a time budget, one request's database work cannot take the pool, and the public writes at a
//! bounded rate per client. Nothing here reads the wall clock: the limiter runs on a pace the
//! test moves, and the time budget is proven on work that never ends (or certainly outlasts 1 ms).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use decision_engine::graphql::{ManualPace, PublicWriteQuota};
use decision_engine::http::{self, Limits};
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::helpers::*;

const COMMENT: &str =
    "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }";

/// Proposes `n` decisions as the sponsor, a few at a time (the database writes one at a time).
async fn propose_many(app: &App, n: usize) -> Vec<String> {
    let mut ids = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(10) {
        let proposals = chunk.iter().map(|_| Flow::propose(app, json!({})));
        for flow in futures_util::future::join_all(proposals).await {
            ids.push(flow.id);
        }
    }
    ids
}

/// Everything after the weight: the errors' codes, in order.
fn codes(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["extensions"]["code"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn aliases(n: usize, field: &str) -> String {
    let fields: String = (0..n).map(|i| format!("a{i}: {field} ")).collect();
    format!("{{ {fields} }}")
}

#[tokio::test]
async fn normal_use_weighs_well_under_the_limit_and_runs() {
    let app = spawn_app().await;
    let ids = propose_many(&app, 3).await;
    // A page of 100 decisions with their ordinary fields.
    let page = app
        .gql(
            Some("AUDITOR"),
            "{ decisions(first: 100) { pageInfo { hasNextPage endCursor } edges { cursor node {
                id title summary stage version category nature source proposedOn calendarVersion
                legalBasis archiveGaps revisionPending archivedOn
                proposer { name unit role } start { leadUnit coUnits startedOn }
                draft { version revisedOn } tracks { track status basis }
                flags { professionalTechnical stabilityImpact affectsMarketEntities }
                profile { name consultationMinDays } } } } }",
            json!({}),
        )
        .await;
    assert!(page["errors"].is_null(), "{page}");
    assert_eq!(
        page["data"]["decisions"]["edges"].as_array().map(Vec::len),
        Some(3)
    );
    // One decision with its history, its verification, its deadlines and its comments.
    let one = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { stage version archiveGaps
                history { seq kind actor { name role } occurredOn hash }
                historyVerification { intact firstBrokenSeq }
                deadlines { kind due status daysRemaining }
                consultation { comments { body } undisposedCount } } }",
            json!({"id": ids[0]}),
        )
        .await;
    assert!(one["errors"].is_null(), "{one}");
    assert_eq!(
        one["data"]["decision"]["historyVerification"]["intact"],
        true
    );
    // The overdue view: both reports over every decision in one request.
    let overdue = app
        .gql(
            Some("AUDITOR"),
            "{ deadlines(filter: {overdue: true}) { decisionId title deadline { kind due unit } }
               overdueByUnit { unit late } }",
            json!({}),
        )
        .await;
    assert!(overdue["errors"].is_null(), "{overdue}");
}

#[tokio::test]
async fn the_attacks_of_issue_7_are_refused_by_their_weight_before_anything_runs() {
    let app = spawn_app().await;
    propose_many(&app, 2).await;
    let verifications = aliases(
        500,
        "decisions(first: 100) { nodes { historyVerification { intact } } }",
    );
    let scans = aliases(999, "deadlines { deadline { due } }");
    for query in [&verifications, &scans] {
        let body = app.gql(Some("AUDITOR"), query, json!({})).await;
        assert_eq!(codes(&body), ["QUERY_TOO_EXPENSIVE"], "{body}");
        assert_eq!(body["data"], Value::Null);
        let message = refusal(&body).message;
        assert!(message.starts_with("查询代价过高，未执行"), "{message}");
        assert!(message.contains("10000"), "{message}");
    }
    // Weight is what a field costs, not how many fields there are: one alias of the attack
    // weighs 10 + 100 × (1 + 20 + 1) = 2,210, so four are answered and five refused.
    let page = "decisions(first: 100) { nodes { historyVerification { intact } } }";
    let body = app.gql(Some("AUDITOR"), &aliases(4, page), json!({})).await;
    assert_eq!(
        body["data"]["a3"]["nodes"].as_array().map(Vec::len),
        Some(2),
        "{body}"
    );
    let body = app.gql(Some("AUDITOR"), &aliases(5, page), json!({})).await;
    assert_eq!(codes(&body), ["QUERY_TOO_EXPENSIVE"], "{body}");
    // The page size counts, from a variable too: two pages of 100 decisions each with its
    // verification, history, deadlines and comments weigh 2 × 5,610; of 50, 2 × 2,810.
    let row = "nodes { historyVerification { intact } history { seq } deadlines { due } consultation { comments { body } } }";
    let paged = format!(
        "query($n: Int) {{ a: decisions(first: $n) {{ {row} }} b: decisions(first: $n) {{ {row} }} }}"
    );
    let paged = paged.as_str();
    let body = app.gql(Some("AUDITOR"), paged, json!({"n": 100})).await;
    assert_eq!(codes(&body), ["QUERY_TOO_EXPENSIVE"], "{body}");
    let body = app.gql(Some("AUDITOR"), paged, json!({"n": 50})).await;
    assert!(body["errors"].is_null(), "{body}");
}

#[tokio::test]
async fn a_refused_mutation_document_stores_nothing() {
    let app = spawn_app().await;
    // 400 proposals, each asking back its history, verification and deadlines (45 each): the
    // document is refused whole, before the first proposal is made.
    let input = r#"{title: "城区老旧小区改造实施方案", summary: "综合改造", category: HENAN_PUBLIC_SERVICE,
        source: DEPARTMENT_OR_LOWER_GOVERNMENT, legalBasis: ["《城乡规划法》"], outsideCatalogueReason: "年中新增事项", proposedOn: "2026-05-01"}"#;
    let fields: String = (0..400)
        .map(|i| {
            format!(
                "p{i}: proposeDecision(input: {input}) {{ id history {{ seq }} historyVerification {{ intact }} deadlines {{ due }} }} "
            )
        })
        .collect();
    let body = app
        .gql(
            Some("SPONSOR"),
            &format!("mutation {{ {fields} }}"),
            json!({}),
        )
        .await;
    assert_eq!(codes(&body), ["QUERY_TOO_EXPENSIVE"], "{body}");
    assert_eq!(app.decision_count().await, 0);
}

/// Sets its flag when dropped: proof that a request's work was dropped, not left running.
struct Dropped(Arc<AtomicBool>);

impl Drop for Dropped {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_request_past_its_time_budget_answers_timeout_and_its_work_is_dropped() {
    let app = spawn_app().await;
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = dropped.clone();
    // Work that never ends, under the layers the server runs with and a budget of 200 ms.
    let never = Router::new().route(
        "/never",
        get(move || {
            let guard = Dropped(flag.clone());
            async move {
                let _guard = guard;
                std::future::pending::<()>().await;
                "unreachable"
            }
        }),
    );
    let limits = Limits {
        request_timeout: Duration::from_millis(200),
        ..Limits::default()
    };
    let schema = decision_engine::graphql::build_schema(app.service.clone());
    let router = http::layers(
        http::routes(schema, app.service.clone(), &limits).merge(never),
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

    let resp = app
        .http
        .get(format!("http://{addr}/never"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(resp.status(), 503);
    let body: Value = resp.json().await.expect("JSON");
    let refused = refusal(&body);
    assert_eq!(refused.code, "TIMEOUT", "{body}");
    assert!(
        refused
            .message
            .starts_with("请求未能在200毫秒内处理完毕，已中止"),
        "{body}"
    );
    assert!(dropped.load(Ordering::SeqCst), "the work still runs");

    // The same server goes on answering what fits in the budget.
    let body: Value = app
        .http
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

/// Holds the database's write lock until the transaction is dropped: every write of the server
/// waits, for as long as the test likes, whatever the speed of the machine.
async fn hold_write_lock(app: &App) -> sea_orm::DatabaseTransaction {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let db = decision_engine::store::connect(&app.database_url)
        .await
        .expect("a second connection");
    let txn = db.begin().await.expect("transaction");
    let lock = if app.database_url.starts_with("postgres") {
        // Reads go on (ACCESS SHARE); every UPDATE waits (ROW EXCLUSIVE).
        "LOCK TABLE decisions IN EXCLUSIVE MODE"
    } else {
        // SQLite: the first write takes the database's one write lock (WAL readers go on).
        "UPDATE decisions SET version = version"
    };
    txn.execute_unprepared(lock).await.expect("lock taken");
    txn
}

#[tokio::test]
async fn a_write_past_the_budget_answers_timeout_and_is_not_stored() {
    // 2 s: far more than a proposal takes, even on a loaded machine; the write below cannot end
    // within any budget while the lock is held.
    let app = spawn_app_limited(
        AppConfig::default(),
        Limits {
            request_timeout: Duration::from_secs(2),
            ..Limits::default()
        },
    )
    .await;
    let mut flow = Flow::propose(&app, json!({})).await;
    let lock = hold_write_lock(&app).await;
    let resp = app
        .http
        .post(app.url())
        .bearer_auth(&app.tokens["SECRETARIAT"])
        .json(&json!({
            "query": "mutation($input: StartProcedureInput!) { startProcedure(input: $input) { version } }",
            "variables": {"input": {"decisionId": flow.id, "expectedVersion": 1,
                                     "startedOn": Dates::started(), "leadUnit": "区住房和城乡建设局"}}
        }))
        .send()
        .await
        .expect("an answer");
    assert_eq!(resp.status(), 503);
    let body: Value = resp.json().await.expect("JSON");
    assert_eq!(refusal(&body).code, "TIMEOUT", "{body}");
    assert!(
        refusal(&body)
            .message
            .starts_with("请求未能在2秒内处理完毕，已中止"),
        "{body}"
    );
    lock.rollback().await.expect("lock released");

    // The dropped act left nothing: the decision is where it was, and the act goes through now.
    let d = app.decision(&flow.id).await;
    assert_eq!(
        (d["version"].as_i64(), d["stage"].as_str()),
        (Some(1), Some("PROPOSED"))
    );
    assert_eq!(d["history"].as_array().map(Vec::len), Some(1));
    flow.start().await;
    assert_eq!(app.decision(&flow.id).await["version"], 2);
}

#[tokio::test]
async fn while_a_heavy_allowed_request_runs_officials_still_read_and_write() {
    let app = spawn_app().await;
    let ids = propose_many(&app, 100).await;
    // The heaviest two pages the weight allows: 100 decisions, each verified and its history
    // read, twice — 400 database reads at once in the request, without the per-request bound.
    let heavy = aliases(
        2,
        "decisions(first: 100) { nodes { id historyVerification { intact } history { seq } } }",
    );
    let reads_and_write = async {
        let read = app.decision(&ids[7]).await;
        let mut flow = Flow {
            app: &app,
            id: ids[42].clone(),
            version: 1,
        };
        let started = flow
            .act(
                "SECRETARIAT",
                "startProcedure",
                json!({"startedOn": Dates::started(), "leadUnit": "区住房和城乡建设局"}),
            )
            .await;
        (read, started)
    };
    let (heavy, (read, started)) =
        tokio::join!(app.gql(Some("AUDITOR"), &heavy, json!({})), reads_and_write);
    assert_eq!(read["id"], ids[7].as_str());
    assert_eq!(read["stage"], "PROPOSED");
    let started = started.expect("the write succeeds");
    assert_eq!(
        (started["stage"].as_str(), started["version"].as_i64()),
        (Some("DRAFTING"), Some(2))
    );
    assert!(heavy["errors"].is_null(), "{heavy}");
    for alias in ["a0", "a1"] {
        let nodes = heavy["data"][alias]["nodes"].as_array().expect("nodes");
        assert_eq!(nodes.len(), 100);
        assert!(
            nodes
                .iter()
                .all(|n| n["historyVerification"]["intact"] == true)
        );
    }
    assert_eq!(app.decision(&ids[42]).await["version"], 2);
}

/// A public comment from the client the request says it is (a proxy's `X-Forwarded-For`).
async fn comment_from(app: &App, decision: &str, body: &str, forwarded_for: Option<&str>) -> Value {
    let mut req = app.http.post(app.url()).json(&json!({
        "query": COMMENT,
        "variables": {"input": {"decisionId": decision, "body": body}}
    }));
    if let Some(addr) = forwarded_for {
        req = req.header("X-Forwarded-For", addr);
    }
    req.send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("JSON")
}

async fn stored_comments(app: &App, id: &str) -> Vec<String> {
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { consultation { comments { body } } } }",
            json!({"id": id}),
        )
        .await;
    body["data"]["decision"]["consultation"]["comments"]
        .as_array()
        .unwrap_or_else(|| panic!("comments not listed: {body}"))
        .iter()
        .map(|c| c["body"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A server whose public may write `burst` at once and one a minute after, on a pace the test
/// moves, with a consultation open on its decision.
async fn consultation_app(burst: u32, trust_forwarded_for: bool) -> (App, ManualPace, String) {
    let pace = ManualPace::default();
    let app = spawn_app_limited(
        AppConfig::default(),
        Limits {
            public_writes: PublicWriteQuota::new(1, burst),
            trust_forwarded_for,
            pace: pace.pace(),
            ..Limits::default()
        },
    )
    .await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    f.open_consultation().await;
    let id = f.id.clone();
    (app, pace, id)
}

#[tokio::test]
async fn a_client_past_its_public_write_budget_is_refused_and_nothing_more_is_stored() {
    let (app, pace, id) = consultation_app(3, false).await;
    let sent = app
        .on_day(App::during_consultation(), async {
            let mut answers = Vec::new();
            for i in 0..4 {
                answers.push(comment_from(&app, &id, &format!("意见{i}"), None).await);
            }
            answers
        })
        .await;
    for answer in &sent[..3] {
        assert!(
            answer["data"]["submitPublicComment"]["id"].is_string(),
            "{answer}"
        );
    }
    let refused = &sent[3];
    assert_eq!(codes(refused), ["TOO_MANY_REQUESTS"], "{refused}");
    assert_eq!(
        refused["errors"][0]["message"],
        "提交过于频繁：同一网络地址每分钟最多提交1条公众意见，请60秒后再试"
    );
    assert_eq!(refused["errors"][0]["extensions"]["retryAfterSeconds"], 60);
    assert_eq!(
        stored_comments(&app, &id).await,
        ["意见0", "意见1", "意见2"]
    );

    // A minute later the client has one more.
    pace.advance(Duration::from_secs(60));
    let (again, refused_again) = app
        .on_day(App::during_consultation(), async {
            (
                comment_from(&app, &id, "意见4", None).await,
                comment_from(&app, &id, "意见5", None).await,
            )
        })
        .await;
    assert!(
        again["data"]["submitPublicComment"]["id"].is_string(),
        "{again}"
    );
    assert_eq!(codes(&refused_again), ["TOO_MANY_REQUESTS"]);
    assert_eq!(stored_comments(&app, &id).await.len(), 4);
}

#[tokio::test]
async fn a_flood_of_public_comments_stores_the_budget_and_officials_are_served_meanwhile() {
    let (app, _pace, id) = consultation_app(5, false).await;
    let bodies: Vec<String> = (0..60).map(|i| format!("刷屏{i}")).collect();
    let flood = bodies.iter().map(|b| comment_from(&app, &id, b, None));
    let (answers, official) = app
        .on_day(App::during_consultation(), async {
            tokio::join!(
                futures_util::future::join_all(flood),
                app.gql(
                    Some("AUDITOR"),
                    "query($id: ID!) { decision(id: $id) { id stage version } }",
                    json!({"id": id}),
                )
            )
        })
        .await;
    assert_eq!(
        official["data"]["decision"]["id"],
        id.as_str(),
        "{official}"
    );
    assert_eq!(official["data"]["decision"]["stage"], "DRAFTING");
    let stored = answers
        .iter()
        .filter(|a| a["data"]["submitPublicComment"]["id"].is_string())
        .count();
    assert_eq!(stored, 5);
    assert!(
        answers
            .iter()
            .filter(|a| a["data"]["submitPublicComment"].is_null())
            .all(|a| codes(a) == ["TOO_MANY_REQUESTS"]),
        "every other answer is TOO_MANY_REQUESTS"
    );
    assert_eq!(stored_comments(&app, &id).await.len(), 5);
    // The flood spent its own budget only: officials act as before.
    assert_eq!(app.decision_count().await, 1);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget_and_cannot_pick_one() {
    let (app, _pace, id) = consultation_app(1, true).await;
    let answers = app
        .on_day(App::during_consultation(), async {
            vec![
                comment_from(&app, &id, "甲", Some("203.0.113.1")).await,
                comment_from(&app, &id, "乙", Some("203.0.113.2")).await,
                // The same client again, with an address of its choosing before the one the
                // proxy appended: the proxy's entry is the client.
                comment_from(&app, &id, "甲又", Some("198.51.100.77, 203.0.113.1")).await,
            ]
        })
        .await;
    assert!(
        answers[0]["data"]["submitPublicComment"]["id"].is_string(),
        "{}",
        answers[0]
    );
    assert!(
        answers[1]["data"]["submitPublicComment"]["id"].is_string(),
        "{}",
        answers[1]
    );
    assert_eq!(codes(&answers[2]), ["TOO_MANY_REQUESTS"], "{}", answers[2]);
    assert_eq!(stored_comments(&app, &id).await, ["甲", "乙"]);
}

#[tokio::test]
async fn without_a_trusted_proxy_the_forwarded_header_is_ignored() {
    let (app, _pace, id) = consultation_app(1, false).await;
    let answers = app
        .on_day(App::during_consultation(), async {
            vec![
                comment_from(&app, &id, "甲", Some("203.0.113.1")).await,
                comment_from(&app, &id, "乙", Some("203.0.113.2")).await,
            ]
        })
        .await;
    assert!(
        answers[0]["data"]["submitPublicComment"]["id"].is_string(),
        "{}",
        answers[0]
    );
    assert_eq!(codes(&answers[1]), ["TOO_MANY_REQUESTS"], "{}", answers[1]);
    assert_eq!(stored_comments(&app, &id).await, ["甲"]);
}
