//! The pages the server serves itself load nothing from anywhere else: GraphiQL works on a
//! machine with no internet access (a government intranet), its files vendored with their
//! licences.

use decision_engine::graphql::{ManualPace, PublicWriteQuota};
use decision_engine::http::Limits;
use serde_json::json;

use crate::helpers::*;

async fn get(app: &App, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let resp = app
        .http
        .get(format!("http://{}{path}", app.addr))
        .send()
        .await
        .expect("sent");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, headers, resp.text().await.expect("body"))
}

/// The values of `attr="…"` in a page.
fn attributes<'a>(page: &'a str, attr: &str) -> Vec<&'a str> {
    let open = format!("{attr}=\"");
    page.match_indices(&open)
        .filter_map(|(at, _)| page[at + open.len()..].split('"').next())
        .collect()
}

#[tokio::test]
async fn graphiql_loads_every_file_from_this_server_under_a_policy_without_inline_scripts() {
    let app = spawn_app().await;
    let (status, headers, page) = get(&app, "/graphql").await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("://"),
        "no address of another server: {page}"
    );
    let policy = headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .expect("a policy");
    assert!(policy.contains("script-src 'self';"), "{policy}");
    assert!(
        !policy.contains("unsafe-eval") && !policy.contains("script-src 'self' 'unsafe-inline'")
    );
    assert!(!page.contains("<script>"), "no inline script");
    let files: Vec<&str> = attributes(&page, "src")
        .into_iter()
        .chain(attributes(&page, "href"))
        .collect();
    assert_eq!(files.len(), 5, "{files:?}");
    for file in files {
        assert!(file.starts_with("/assets/"), "{file}");
        let (status, headers, body) = get(&app, file).await;
        assert_eq!(status, 200, "{file}");
        let ty = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let expected = if file.ends_with(".css") {
            "text/css"
        } else {
            "text/javascript"
        };
        assert!(ty.starts_with(expected), "{file}: {ty}");
        assert!(body.len() > 500, "{file} is the real file");
    }
    // Vendored with their licences, served beside them.
    for licence in ["LICENSE-graphiql", "LICENSE-react"] {
        let (status, _, body) = get(&app, &format!("/assets/graphiql-4.0.3/{licence}")).await;
        assert_eq!(status, 200);
        assert!(body.starts_with("MIT License"), "{licence}");
    }
    assert_eq!(get(&app, "/assets/graphiql-4.0.3/secret.key").await.0, 404);
}

/// A form's page fetched as a browser would: the page, and the cookie and token its form carries.
async fn form_of(app: &App, path: &str) -> (String, String, String) {
    let resp = app
        .http
        .get(format!("http://{}{path}", app.addr))
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 200, "{path}");
    let cookie = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("the form's cookie")
        .to_owned();
    let page = resp.text().await.expect("page");
    let token = attributes(&page, "value")
        .into_iter()
        .find(|v| v.len() == 32)
        .expect("the form's token")
        .to_owned();
    (page, cookie, token)
}

/// Posts a form; returns the status, the redirect target and the page.
async fn post_form(
    app: &App,
    path: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
) -> (u16, Option<String>, String) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let mut req = client
        .post(format!("http://{}{path}", app.addr))
        .form(fields);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let resp = req.send().await.expect("sent");
    let status = resp.status().as_u16();
    let location = resp
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, location, resp.text().await.expect("body"))
}

/// A consultation opened five days ago that runs thirty more: open on the server's today.
async fn open_for_a_month(f: &mut Flow<'_>) {
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(&days_ago(5), &days_ahead(30), None),
    )
    .await;
}

#[tokio::test]
async fn the_public_comments_through_the_form_and_reads_on_its_receipt_what_became_of_it() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    open_for_a_month(&mut f).await;

    // The home page links the open consultation, with its last day and the days left.
    let (status, headers, home) = get(&app, "/").await;
    assert_eq!(status, 200);
    assert!(home.contains(&format!("/consultations/{}", f.id)), "{home}");
    assert!(home.contains("还剩30天"), "{home}");
    assert!(headers.get("content-security-policy").is_some());

    let path = format!("/consultations/{}", f.id);
    let (page, cookie, token) = form_of(&app, &path).await;
    assert!(
        page.contains(r#"<label for="body">"#),
        "every field has its label"
    );
    let post = format!("{path}/comments");
    let text = "建议增加无障碍设施<script>alert(1)</script>";
    // Without the page's token, or with another, nothing is taken.
    for (cookie, field) in [
        (None, token.as_str()),
        (Some(cookie.as_str()), "0123456789abcdef0123456789abcdef"),
    ] {
        let (status, _, _) =
            post_form(&app, &post, cookie, &[("csrf", field), ("body", text)]).await;
        assert_eq!(status, 403);
    }
    // A blank opinion is refused on the page, with what was typed kept.
    let (status, _, again) = post_form(
        &app,
        &post,
        Some(&cookie),
        &[("csrf", &token), ("body", " "), ("commenter", "张三")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        again.contains("意见不能为空") && again.contains(r#"value="张三""#),
        "{again}"
    );

    let (status, location, _) = post_form(
        &app,
        &post,
        Some(&cookie),
        &[
            ("csrf", &token),
            ("body", text),
            ("commenter", "张三"),
            ("contact", "13800000000"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let receipt = location.expect("to the receipt");
    assert!(receipt.starts_with("/receipts/"));
    let number = receipt.trim_start_matches("/receipts/").to_owned();
    let (status, headers, page) = get(&app, &receipt).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers.get("cache-control").and_then(|v| v.to_str().ok()),
        Some("private, no-store")
    );
    assert!(
        page.contains(&number) && page.contains("待研究处理"),
        "{page}"
    );
    assert!(
        page.contains("&lt;script&gt;") && !page.contains("<script>"),
        "escaped: {page}"
    );
    assert!(!page.contains("13800000000"), "the contact is not shown");

    // The official sees the comment over GraphQL and answers it; the receipt then says so.
    let body = app
        .gql(
            Some("SPONSOR"),
            "query($id: ID!) { decision(id: $id) { consultation { comments { id body } } } }",
            json!({"id": f.id}),
        )
        .await;
    assert_eq!(
        body["data"]["decision"]["consultation"]["comments"][0]["id"],
        number.as_str()
    );
    f.ok("SPONSOR", "disposeComment", json!({"commentId": number, "outcome": "PARTLY_ADOPTED", "reason": "无障碍设施已纳入第五条"}))
        .await;
    let (_, _, page) = get(&app, &receipt).await;
    assert!(
        page.contains("部分采纳") && page.contains("无障碍设施已纳入第五条"),
        "{page}"
    );
    assert_eq!(get(&app, "/receipts/no-such-receipt").await.0, 404);
}

#[tokio::test]
async fn what_is_not_public_is_not_found_on_the_website() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    for path in [
        format!("/consultations/{}", f.id),
        format!("/decisions/{}", f.id),
    ] {
        let (status, _, page) = get(&app, &path).await;
        assert_eq!(status, 404, "{path}");
        assert!(!page.contains("城区老旧小区改造实施方案"), "{page}");
    }
    let (_, _, home) = get(&app, "/").await;
    assert!(!home.contains(&f.id));
    // A post to it is refused the same way, and stores nothing.
    let token = "0123456789abcdef0123456789abcdef";
    let cookie = format!("de_csrf={token}");
    let (status, _, _) = post_form(
        &app,
        &format!("/consultations/{}/comments", f.id),
        Some(&cookie),
        &[("csrf", token), ("body", "意见")],
    )
    .await;
    assert_eq!(status, 404);
    assert!(app.store.comment_ids(&f.id).await.expect("read").is_empty());
}

#[tokio::test]
async fn a_published_decision_shows_its_text_and_takes_feedback_while_executed() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.in_execution().await;
    let path = format!("/decisions/{}", f.id);
    let (page, cookie, token) = form_of(&app, &path).await;
    assert!(
        page.contains("决策文本") && page.contains("办理过程"),
        "{page}"
    );
    let (status, location, _) = post_form(
        &app,
        &format!("{path}/feedback"),
        Some(&cookie),
        &[("csrf", &token), ("body", "建议公布补偿标准")],
    )
    .await;
    assert_eq!(status, 303);
    let (_, _, receipt) = get(&app, &location.expect("receipt")).await;
    assert!(
        receipt.contains("已收到") && receipt.contains("建议公布补偿标准"),
        "{receipt}"
    );
    let body = app
        .gql(
            Some("SECRETARIAT"),
            "query($id: ID!) { decision(id: $id) { publicFeedback { body } } }",
            json!({"id": f.id}),
        )
        .await;
    assert_eq!(
        body["data"]["decision"]["publicFeedback"],
        json!([{"body": "建议公布补偿标准"}])
    );
    let (_, _, home) = get(&app, "/").await;
    assert!(home.contains(&path), "listed among the published: {home}");
}

#[tokio::test]
async fn the_forms_draw_on_the_same_budget_of_public_writes_as_the_api() {
    let pace = ManualPace::default();
    let app = spawn_app_limited(
        AppConfig::default(),
        Limits {
            public_writes: PublicWriteQuota::new(1, 2),
            pace: pace.pace(),
            ..Limits::default()
        },
    )
    .await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    open_for_a_month(&mut f).await;
    let (_, cookie, token) = form_of(&app, &format!("/consultations/{}", f.id)).await;
    let post = format!("/consultations/{}/comments", f.id);
    // One through the API, one through the form: the budget of two is spent.
    let api = app
        .gql(None, "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }", json!({"input": {"decisionId": f.id, "body": "意见一"}}))
        .await;
    assert!(api["errors"].is_null(), "{api}");
    assert_eq!(
        post_form(
            &app,
            &post,
            Some(&cookie),
            &[("csrf", &token), ("body", "意见二")]
        )
        .await
        .0,
        303
    );
    let (status, _, page) = post_form(
        &app,
        &post,
        Some(&cookie),
        &[("csrf", &token), ("body", "意见三")],
    )
    .await;
    assert_eq!(status, 429);
    assert!(page.contains("60秒后再试"), "{page}");
    pace.advance(std::time::Duration::from_secs(60));
    assert_eq!(
        post_form(
            &app,
            &post,
            Some(&cookie),
            &[("csrf", &token), ("body", "意见三")]
        )
        .await
        .0,
        303
    );
}
