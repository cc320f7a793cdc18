//! Bad input, sent as an attacker would, to the real server over HTTP (issue 7): each is refused
//! with its exact code — or stored verbatim, when it is only text — and after each the server
//! still answers an ordinary query. The client gives up after 30 s, so a hang fails the test
//! instead of hanging the suite.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use serde_json::{Value, json};

use crate::helpers::*;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// Posts raw bytes as JSON, with these credentials: the status and the JSON body.
async fn post_bytes(app: &App, auth: Option<HeaderValue>, body: Vec<u8>) -> (u16, Value) {
    let mut req = client()
        .post(app.url())
        .header(CONTENT_TYPE, "application/json")
        .body(body);
    if let Some(auth) = auth {
        req = req.header(AUTHORIZATION, auth);
    }
    let resp = req
        .send()
        .await
        .expect("an answer, not a dropped connection");
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("a body");
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not JSON ({e}): HTTP {status} {text}"));
    (status, body)
}

async fn query_as(app: &App, role: Option<&str>, query: &str, variables: Value) -> (u16, Value) {
    let auth = role.map(|r| {
        HeaderValue::from_str(&format!("Bearer {}", app.tokens[r])).expect("a header value")
    });
    let body = json!({"query": query, "variables": variables}).to_string();
    post_bytes(app, auth, body.into_bytes()).await
}

/// The error's code, and that the request answered nothing else.
fn code(body: &Value) -> String {
    let errors = body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {body}"));
    assert_eq!(errors.len(), 1, "{body}");
    errors[0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no code: {body}"))
        .to_owned()
}

/// An ordinary query still answers, with the data it should.
async fn still_serves(app: &App, decisions: usize) {
    assert_eq!(app.decision_count().await, decisions);
}

fn nested(levels: usize) -> String {
    format!(
        "{{ {} id {} }}",
        "me { ".repeat(levels - 1),
        "} ".repeat(levels - 1)
    )
}

fn aliases(n: usize, field: &str) -> String {
    let fields: String = (0..n).map(|i| format!("a{i}: {field} ")).collect();
    format!("{{ {fields} }}")
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_a_code_not_a_dropped_connection() {
    let app = spawn_app().await;
    // Just over the 2 MiB limit, and far over it: the declared length is over the limit, so
    // the server answers before it has read the body.
    for size in [2 * 1024 * 1024 + 1, 20 * 1024 * 1024] {
        let body = json!({"query": "{ calendarVersion }", "variables": {"pad": "x".repeat(size)}});
        let (status, body) = post_bytes(&app, None, body.to_string().into_bytes()).await;
        assert_eq!(
            (status, code(&body).as_str()),
            (413, "PAYLOAD_TOO_LARGE"),
            "{size}"
        );
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.starts_with("请求体超过上限（2 MiB）"), "{message}");
        still_serves(&app, 0).await;
    }
}

#[tokio::test]
async fn deep_queries_are_refused_with_codes() {
    let app = spawn_app().await;
    // Within the depth limit it runs; one level past it, QUERY_TOO_DEEP before anything else
    // is looked at; far past it, the parser stops.
    let (_, body) = query_as(&app, Some("AUDITOR"), &nested(2), json!({})).await;
    assert!(body["data"]["me"]["id"].is_string(), "{body}");
    let (_, body) = query_as(&app, Some("AUDITOR"), &nested(13), json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_DEEP", "{body}");
    assert_eq!(
        body["errors"][0]["message"],
        "查询嵌套过深，未执行：最多12层"
    );
    still_serves(&app, 0).await;
    let (_, body) = query_as(&app, Some("AUDITOR"), &nested(200), json!({})).await;
    assert_eq!(code(&body), "GRAPHQL_PARSE_FAILED", "{body}");
    still_serves(&app, 0).await;
}

#[tokio::test]
async fn wide_queries_are_refused_by_their_weight() {
    let app = spawn_app().await;
    let wide = aliases(20_000, "calendarVersion");
    let repeated = format!("{{ {} }}", "calendarVersion ".repeat(20_000));
    // Fragments spread twice at each of 30 levels: 2^30 fields once written out, which the
    // library's own checks would write out, one by one.
    let mut bomb = String::from("query { ...F0 } ");
    for i in 0..30 {
        bomb.push_str(&format!(
            "fragment F{i} on Query {{ ...F{} ...F{} }} ",
            i + 1,
            i + 1
        ));
    }
    bomb.push_str("fragment F30 on Query { calendarVersion }");
    for (what, query) in [
        ("aliases", &wide),
        ("repeats", &repeated),
        ("fragments", &bomb),
    ] {
        let (status, body) = query_as(&app, Some("AUDITOR"), query, json!({})).await;
        assert_eq!(
            (status, code(&body).as_str()),
            (200, "QUERY_TOO_EXPENSIVE"),
            "{what}"
        );
        still_serves(&app, 0).await;
    }
    // The public is weighed the same.
    let (_, body) = query_as(&app, None, &bomb, json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_EXPENSIVE");
}

#[tokio::test]
async fn a_thousand_aliases_are_answered_when_cheap_and_refused_when_expensive() {
    let app = spawn_app().await;
    let flow = Flow::propose(&app, json!({})).await;
    let cheap = aliases(1000, "calendarVersion");
    let (_, body) = query_as(&app, Some("AUDITOR"), &cheap, json!({})).await;
    let data = body["data"].as_object().unwrap_or_else(|| panic!("{body}"));
    assert_eq!(data.len(), 1000);
    assert!(data.values().all(|v| v == &data["a0"]));
    let arithmetic = aliases(1000, r#"addWorkingDays(date: "2026-02-12", n: 7)"#);
    let (_, body) = query_as(&app, None, &arithmetic, json!({})).await;
    assert_eq!(body["data"]["a999"], "2026-02-28", "{body}");
    still_serves(&app, 1).await;

    for expensive in [
        aliases(
            1000,
            "decisions(first: 100) { nodes { historyVerification { intact } } }",
        ),
        aliases(1000, "deadlines { deadline { due } }"),
        aliases(1000, &format!("decision(id: \"{}\") {{ id }}", flow.id)),
        aliases(1000, "overdueByUnit { unit late }"),
    ] {
        let (_, body) = query_as(&app, Some("AUDITOR"), &expensive, json!({})).await;
        assert_eq!(code(&body), "QUERY_TOO_EXPENSIVE", "{body}");
        assert_eq!(body["data"], Value::Null);
        still_serves(&app, 1).await;
    }
}

#[tokio::test]
async fn a_hundred_aliased_acts_are_refused_whole_and_twenty_are_made() {
    let app = spawn_app().await;
    let input = r#"{title: "城区老旧小区改造实施方案", summary: "综合改造", category: HENAN_PUBLIC_SERVICE,
        source: DEPARTMENT_OR_LOWER_GOVERNMENT, legalBasis: ["《城乡规划法》"], outsideCatalogueReason: "年中新增事项", proposedOn: "2026-05-01"}"#;
    let acts = |n: usize| {
        let fields: String = (0..n)
            .map(|i| format!("p{i}: proposeDecision(input: {input}) {{ id }} "))
            .collect();
        format!("mutation {{ {fields} }}")
    };
    // Each act weighs a durable write: a hundred are over the limit before the first is made.
    let (_, body) = query_as(&app, Some("SPONSOR"), &acts(100), json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_EXPENSIVE", "{body}");
    still_serves(&app, 0).await;
    let (_, body) = query_as(&app, Some("SPONSOR"), &acts(20), json!({})).await;
    assert!(body["errors"].is_null(), "{body}");
    still_serves(&app, 20).await;
}

#[tokio::test]
async fn malformed_decision_ids_are_not_found_or_invalid_input() {
    let app = spawn_app().await;
    let flow = Flow::propose(&app, json!({})).await;
    for id in [
        "not-a-uuid",
        "",
        "' OR '1'='1",
        "01a24357-e2db-76b6-a3a2-075a09b1e6f4; DROP TABLE decisions;--",
        "%00\u{202e}\u{1}",
        &"9".repeat(10_000),
    ] {
        let (_, body) = query_as(
            &app,
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
        assert_eq!(code(&body), "NOT_FOUND", "{id:.40}: {body}");
        let (_, body) = query_as(
            &app,
            Some("SECRETARIAT"),
            "mutation($input: StartProcedureInput!) { startProcedure(input: $input) { id } }",
            json!({"input": {"decisionId": id, "expectedVersion": 1, "startedOn": Dates::started(),
                             "leadUnit": "区住房和城乡建设局"}}),
        )
        .await;
        // An act names its decision, in at most 100 characters.
        let expected = if id.is_empty() || id.chars().count() > 100 {
            "INVALID_INPUT"
        } else {
            "NOT_FOUND"
        };
        assert_eq!(code(&body), expected, "{id:.40}: {body}");
        still_serves(&app, 1).await;
    }
    // An id of the wrong type altogether.
    let (_, body) = query_as(
        &app,
        Some("AUDITOR"),
        "query($id: ID!) { decision(id: $id) { id } }",
        json!({"id": {"$ne": null}}),
    )
    .await;
    assert_eq!(code(&body), "INVALID_INPUT", "{body}");
    assert_eq!(app.decision(&flow.id).await["version"], 1);
}

#[tokio::test]
async fn a_nul_character_anywhere_is_invalid_input_before_anything_runs() {
    let app = spawn_app().await;
    // PostgreSQL cannot store U+0000 in text (it answered INTERNAL); no form holds it. Refused
    // the same on both backends, in a variable or in a literal, nested or not.
    let nul_id = "01a24357\u{0}";
    let literal = "{ decision(id: \"x\\u0000y\") { id } }";
    let propose = r#"mutation { proposeDecision(input: {title: "标题\u0000", summary: "综合改造",
        category: HENAN_PUBLIC_SERVICE, source: DEPARTMENT_OR_LOWER_GOVERNMENT,
        legalBasis: ["《城乡规划法》"], outsideCatalogueReason: "年中新增事项", proposedOn: "2026-05-01"}) { id } }"#;
    let cases = [
        (
            "SPONSOR",
            "query($id: ID!) { decision(id: $id) { id } }",
            json!({"id": nul_id}),
        ),
        ("SPONSOR", literal, json!({})),
        ("SPONSOR", propose, json!({})),
        (
            "SPONSOR",
            "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id } }",
            json!({"input": {"title": "标题", "summary": "综合改造", "category": "HENAN_PUBLIC_SERVICE",
                    "source": "DEPARTMENT_OR_LOWER_GOVERNMENT", "proposedOn": "2026-05-01", "outsideCatalogueReason": "年中新增事项",
                    "legalBasis": ["《城乡规划法》", "\u{0}"]}}),
        ),
    ];
    for (role, query, variables) in cases {
        let (_, body) = query_as(&app, Some(role), query, variables).await;
        assert_eq!(code(&body), "INVALID_INPUT", "{query}: {body}");
        assert_eq!(
            body["errors"][0]["message"],
            "输入中含有空字符（U+0000），无法保存；请删除后重新提交"
        );
        still_serves(&app, 0).await;
    }
}

#[tokio::test]
async fn sql_and_script_fragments_in_text_are_stored_and_read_back_verbatim() {
    let app = spawn_app().await;
    let sql = "'; DROP TABLE decisions;--";
    let script = "<script>alert(1)</script>";
    let quoted = "\"); DELETE FROM accounts WHERE ('1'='1";
    let mut flow = Flow::propose_with(
        &app,
        json!({"title": sql, "summary": script, "legalBasis": [quoted, "《城乡规划法》"]}),
    )
    .await;
    let (_, body) = query_as(
        &app,
        Some("AUDITOR"),
        "query($id: ID!) { decision(id: $id) { title summary legalBasis } }",
        json!({"id": flow.id}),
    )
    .await;
    assert_eq!(
        body["data"]["decision"],
        json!({"title": sql, "summary": script, "legalBasis": [quoted, "《城乡规划法》"]})
    );
    // The public's text too.
    flow.start().await;
    flow.draft().await;
    flow.open_consultation().await;
    let comment = format!("{script}{sql}");
    let (_, stored) = app
        .on_day(
            App::during_consultation(),
            query_as(
                &app,
                None,
                "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { body commenter } }",
                json!({"input": {"decisionId": flow.id, "body": comment, "commenter": script}}),
            ),
        )
        .await;
    assert_eq!(
        stored["data"]["submitPublicComment"],
        json!({"body": comment, "commenter": script})
    );
    let (_, read) = query_as(
        &app,
        Some("AUDITOR"),
        "query($id: ID!) { decision(id: $id) { consultation { comments { body commenter } } } }",
        json!({"id": flow.id}),
    )
    .await;
    assert_eq!(
        read["data"]["decision"]["consultation"]["comments"],
        json!([{"body": comment, "commenter": script}])
    );
    // The tables are all there: the decision lists, the accounts authenticate.
    still_serves(&app, 1).await;
}

#[tokio::test]
async fn a_body_that_is_not_one_json_request_is_a_bad_request() {
    let app = spawn_app().await;
    let mut invalid_utf8 = br#"{"query": "{ calendarVersion }", "variables": {"x": ""#.to_vec();
    invalid_utf8.extend_from_slice(&[0xff, 0xfe, 0xc0, 0x80]);
    invalid_utf8.extend_from_slice(br#""}}"#);
    let batch = json!([{"query": "{ calendarVersion }"}, {"query": "{ calendarVersion }"}]);
    for (what, body) in [
        ("invalid UTF-8", invalid_utf8),
        ("not JSON", b"{ calendarVersion }".to_vec()),
        ("truncated JSON", br#"{"query": "{ calendarVer"#.to_vec()),
        ("a batch", batch.to_string().into_bytes()),
        ("empty", Vec::new()),
    ] {
        let (status, body) = post_bytes(&app, None, body).await;
        assert_eq!(
            (status, code(&body).as_str()),
            (400, "BAD_REQUEST"),
            "{what}: {body}"
        );
        still_serves(&app, 0).await;
    }
}

#[tokio::test]
async fn bad_credentials_are_unauthenticated() {
    let app = spawn_app().await;
    let real = app.tokens["AUDITOR"].clone();
    let forged = format!("de_{}", "0123456789abcdef".repeat(4));
    let truncated = real[..real.len() - 1].to_owned();
    let longer = format!("{real}0");
    let mut credentials: Vec<HeaderValue> = [
        format!("Bearer {forged}"),
        format!("Bearer {truncated}"),
        format!("Bearer {longer}"),
        format!("Bearer {}", &real[3..]),
        "Bearer de_' OR '1'='1".to_owned(),
        format!("Bearer {}", "de_".repeat(2000)),
    ]
    .into_iter()
    .map(|v| HeaderValue::from_str(&v).expect("header value"))
    .collect();
    // Bytes that are not UTF-8.
    credentials.push(HeaderValue::from_bytes(b"Bearer de_\xff\xfe\xc0\x80").expect("obs-text"));
    for auth in credentials {
        let body = json!({"query": "{ me { role } }"}).to_string().into_bytes();
        let (status, body) = post_bytes(&app, Some(auth.clone()), body).await;
        assert_eq!(
            (status, code(&body).as_str()),
            (200, "UNAUTHENTICATED"),
            "{auth:?}"
        );
        assert_eq!(body["data"], Value::Null);
        still_serves(&app, 0).await;
    }
}
