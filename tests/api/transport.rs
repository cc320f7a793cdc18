//! How a request reaches the API: the bearer scheme, the content type, and how many public writes
//! one request may make (issue 7, "small things found in the same pass").

use serde_json::{Value, json};

use crate::helpers::*;

async fn post(app: &App, content_type: &str, auth: Option<String>, body: String) -> (u16, Value) {
    let mut req = app
        .http
        .post(app.url())
        .header("Content-Type", content_type)
        .body(body);
    if let Some(a) = auth {
        req = req.header("Authorization", a);
    }
    let resp = req.send().await.expect("request sent");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("a JSON body"))
}

#[tokio::test]
async fn the_bearer_scheme_is_matched_without_regard_to_case() {
    let app = spawn_app().await;
    let me = json!({"query": "{ me { role } }"}).to_string();
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let auth = format!("{scheme} {}", app.tokens["AUDITOR"]);
        let (status, body) = post(&app, "application/json", Some(auth), me.clone()).await;
        assert_eq!(
            (status, &body["data"]["me"]["role"]),
            (200, &json!("AUDITOR")),
            "{scheme}: {body}"
        );
    }
}

#[tokio::test]
async fn credentials_that_are_not_a_bearer_token_are_refused_not_served_as_the_public() {
    let app = spawn_app().await;
    let me = json!({"query": "{ me { role } }"}).to_string();
    for auth in [
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer ",
        "de_without_a_scheme",
    ] {
        let (_, body) = post(&app, "application/json", Some(auth.into()), me.clone()).await;
        assert_eq!(refusal(&body).code, "UNAUTHENTICATED", "{auth}: {body}");
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_does_not_run_as_graphql() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    f.open_consultation().await;
    let comment = json!({
        "query": "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }",
        "variables": {"input": {"decisionId": f.id, "body": "由第三方网页代为提交"}}
    })
    .to_string();
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "text/plain;charset=UTF-8",
    ] {
        let (status, body) = app
            .on_day(
                App::during_consultation(),
                post(&app, content_type, None, comment.clone()),
            )
            .await;
        assert_eq!(status, 415, "{content_type}: {body}");
        assert_eq!(refusal(&body).code, "UNSUPPORTED_MEDIA_TYPE");
    }
    let stored = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { consultation { comments { id } } } }",
            json!({"id": f.id}),
        )
        .await;
    assert_eq!(
        stored["data"]["decision"]["consultation"]["comments"],
        json!([]),
        "{stored}"
    );
}

#[tokio::test]
async fn one_request_stores_at_most_one_public_comment() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    f.open_consultation().await;
    let aliases: String = (0..20)
        .map(|i| {
            format!(
                "c{i}: submitPublicComment(input: {{decisionId: $id, body: \"刷屏{i}\"}}) {{ id }} "
            )
        })
        .collect();
    let query = format!("mutation($id: ID!) {{ {aliases} }}");
    let body = app
        .on_day(
            App::during_consultation(),
            app.gql(None, &query, json!({"id": f.id})),
        )
        .await;
    let errors = body["errors"].as_array().expect("the rest refused");
    assert_eq!(errors.len(), 19, "{body}");
    assert!(
        errors
            .iter()
            .all(|e| e["extensions"]["code"] == "TOO_MANY_REQUESTS"),
        "{body}"
    );
    let stored = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { consultation { comments { body } } } }",
            json!({"id": f.id}),
        )
        .await;
    assert_eq!(
        stored["data"]["decision"]["consultation"]["comments"],
        json!([{"body": "刷屏0"}])
    );
}
