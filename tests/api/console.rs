//! The workbench's sign-in (issue 13), over HTTP as a browser speaks it: the sign-in page and its
//! form, the session cookie and its flags, "我的工作" in the official's scope, signing out, and a
//! session that ends when the account is revoked or the session expires; too many attempts wait.

use std::process::{Command, Stdio};

use decision_engine::clock::Clock as _;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use serde_json::json;

use crate::helpers::{
    App, Flow, consultation, days_ago, days_ahead, spawn_app, spawn_app_limited, today,
};

const PASSWORD: &str = "春风十里-平桥2026";

/// A browser that shows each redirect instead of following it.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The value a response sets for cookie `name`, and the whole `Set-Cookie` line.
fn set_cookie(headers: &HeaderMap, name: &str) -> Option<(String, String)> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|line| {
            let value = line[name.len() + 1..]
                .split(';')
                .next()
                .unwrap_or_default()
                .to_owned();
            (value, line.to_owned())
        })
}

async fn set_password(app: &App, key: &str) {
    decision_engine::service::set_password(&app.store, &app.ids[key], PASSWORD.into())
        .await
        .expect("password set");
}

/// Opens the sign-in page and answers the form's CSRF token (its cookie's value).
async fn form_token(app: &App) -> String {
    let page = browser()
        .get(format!("http://{}/console/login", app.addr))
        .send()
        .await
        .expect("login page");
    assert_eq!(page.status(), StatusCode::OK);
    let (token, _) = set_cookie(page.headers(), "de_csrf").expect("a CSRF cookie");
    let body = page.text().await.expect("body");
    assert!(body.contains(&format!("value=\"{token}\"")), "{body}");
    token
}

async fn post_login(app: &App, login: &str, password: &str) -> reqwest::Response {
    let csrf = form_token(app).await;
    browser()
        .post(format!("http://{}/console/login", app.addr))
        .header("cookie", format!("de_csrf={csrf}"))
        .header("origin", format!("http://{}", app.addr))
        .header("sec-fetch-site", "same-origin")
        .form(&[("login", login), ("password", password), ("csrf", &csrf)])
        .send()
        .await
        .expect("login")
}

/// Signs in and answers the session's token.
async fn sign_in(app: &App, login: &str) -> String {
    let r = post_login(app, login, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    set_cookie(r.headers(), "de_session").expect("a session").0
}

async fn console(app: &App, session: &str) -> reqwest::Response {
    browser()
        .get(format!("http://{}/console", app.addr))
        .header("cookie", format!("de_session={session}"))
        .send()
        .await
        .expect("console")
}

/// Signs `key` in (once: sign-in attempts are rationed) and answers a way to read
/// `GET /console?{query}` as them: the status and the page.
async fn signed_in_as(app: &App, key: &str) -> impl Fn(&str) -> Page + use<> {
    set_password(app, key).await;
    let session = sign_in(app, &app.ids[key]).await;
    let addr = app.addr;
    move |query: &str| {
        let request = browser()
            .get(format!("http://{addr}/console?{query}"))
            .header("cookie", format!("de_session={session}"));
        Box::pin(async move {
            let r = request.send().await.expect("console");
            (r.status(), r.text().await.expect("body"))
        }) as Page
    }
}

type Page = std::pin::Pin<Box<dyn std::future::Future<Output = (StatusCode, String)> + Send>>;

async fn my_work(app: &App, key: &str, query: &str) -> (StatusCode, String) {
    signed_in_as(app, key).await(query).await
}

/// The table row of the page that holds `needle`, from its `<tr` to its `</tr>`.
fn row_of<'a>(body: &'a str, needle: &str) -> &'a str {
    let at = body
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not on the page: {body}"));
    let start = body[..at].rfind("<tr").unwrap_or(0);
    let end = body[at..].find("</tr>").map_or(body.len(), |e| at + e);
    &body[start..end]
}

fn location(r: &reqwest::Response) -> &str {
    r.headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn the_sign_in_page_is_a_chinese_form_with_labels_and_no_script() {
    let app = spawn_app().await;
    let r = browser()
        .get(format!("http://{}/console/login", app.addr))
        .send()
        .await
        .expect("page");
    assert_eq!(r.status(), StatusCode::OK);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .expect("csp");
    assert!(csp.contains("script-src 'none'"), "{csp}");
    let body = r.text().await.expect("body");
    assert!(body.contains("<html lang=\"zh-CN\">"), "{body}");
    assert!(body.contains("登录工作台"), "{body}");
    assert!(body.contains("<label for=\"login\">"), "{body}");
    assert!(body.contains("<label for=\"password\">"), "{body}");
    assert!(body.contains("type=\"password\""), "{body}");
    assert!(!body.contains("<script"), "{body}");
}

#[tokio::test]
async fn a_wrong_password_is_refused_in_chinese_and_opens_no_session() {
    let app = spawn_app().await;
    set_password(&app, "SPONSOR").await;
    for (login, password) in [
        (app.ids["SPONSOR"].as_str(), "不是这个密码-0000"),
        // No such account: the same answer.
        ("没有这个人", PASSWORD),
        // An account without a password cannot sign in with any.
        (app.ids["COUNSEL"].as_str(), PASSWORD),
    ] {
        let r = post_login(&app, login, password).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{login}");
        assert!(set_cookie(r.headers(), "de_session").is_none());
        let body = r.text().await.expect("body");
        assert!(
            body.contains("账号或者密码不正确，或者该账号已停用"),
            "{body}"
        );
        assert!(
            !body.contains(password),
            "the password is not echoed: {body}"
        );
    }
}

#[tokio::test]
async fn the_right_password_opens_a_session_in_a_strict_http_only_cookie_that_expires() {
    let app = spawn_app().await;
    set_password(&app, "SPONSOR").await;
    let r = post_login(&app, &app.ids["SPONSOR"], PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/console");
    let (token, line) = set_cookie(r.headers(), "de_session").expect("a session");
    assert_eq!(token.len(), 64);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        line,
        format!("de_session={token}; Path=/console; Max-Age=28800; HttpOnly; SameSite=Strict")
    );
    // By the account's name too.
    let by_name = sign_in(&app, "SPONSOR用户").await;
    assert_ne!(by_name, token);
    let page = console(&app, &token).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["cache-control"], "private, no-store");
}

#[tokio::test]
async fn behind_a_proxy_that_says_tls_the_cookie_is_secure() {
    let limits = decision_engine::http::Limits {
        trust_forwarded_for: true,
        ..Default::default()
    };
    let app = spawn_app_limited(Default::default(), limits).await;
    set_password(&app, "SPONSOR").await;
    let csrf = form_token(&app).await;
    let r = browser()
        .post(format!("http://{}/console/login", app.addr))
        .header("cookie", format!("de_csrf={csrf}"))
        .header("x-forwarded-proto", "https")
        .header("x-forwarded-for", "198.51.100.7")
        .form(&[
            ("login", app.ids["SPONSOR"].as_str()),
            ("password", PASSWORD),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (token, line) = set_cookie(r.headers(), "de_session").expect("a session");
    assert_eq!(
        line,
        format!(
            "de_session={token}; Path=/console; Max-Age=28800; HttpOnly; SameSite=Strict; Secure"
        )
    );
}

#[tokio::test]
async fn a_post_from_another_site_or_without_the_forms_token_is_refused() {
    let app = spawn_app().await;
    set_password(&app, "SPONSOR").await;
    let csrf = form_token(&app).await;
    let form = [
        ("login", app.ids["SPONSOR"].as_str()),
        ("password", PASSWORD),
        ("csrf", &csrf),
    ];
    let cross_site = browser()
        .post(format!("http://{}/console/login", app.addr))
        .header("cookie", format!("de_csrf={csrf}"))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert!(set_cookie(cross_site.headers(), "de_session").is_none());
    let no_cookie = browser()
        .post(format!("http://{}/console/login", app.addr))
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(no_cookie.status(), StatusCode::FORBIDDEN);
    assert!(no_cookie.text().await.expect("body").contains("表单已失效"));
}

#[tokio::test]
async fn without_a_session_the_console_sends_the_official_to_sign_in() {
    let app = spawn_app().await;
    let r = browser()
        .get(format!("http://{}/console", app.addr))
        .send()
        .await
        .expect("console");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/console/login");
    let made_up = console(&app, &"0".repeat(64)).await;
    assert_eq!(made_up.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&made_up), "/console/login");
    // The cookie that signs no one in is dropped.
    let (_, line) = set_cookie(made_up.headers(), "de_session").expect("cleared");
    assert!(line.contains("Max-Age=0"), "{line}");
}

#[tokio::test]
async fn my_work_lists_the_officials_decisions_and_not_another_units() {
    let app = spawn_app().await;
    let flow = Flow::propose_with(&app, json!({"title": "城区停车收费调整方案"})).await;
    set_password(&app, "SPONSOR").await;
    set_password(&app, "OTHER_SPONSOR").await;

    let mine = console(&app, &sign_in(&app, &app.ids["SPONSOR"]).await).await;
    assert_eq!(mine.status(), StatusCode::OK);
    let body = mine.text().await.expect("body");
    assert!(body.contains("我的工作"), "{body}");
    assert!(body.contains("SPONSOR用户"), "{body}");
    assert!(body.contains("城区停车收费调整方案"), "{body}");
    assert!(body.contains(&flow.id), "{body}");
    assert!(body.contains("已提出"), "the stage: {body}");
    assert!(body.contains("href=\"/graphql\""), "{body}");

    let theirs = console(&app, &sign_in(&app, &app.ids["OTHER_SPONSOR"]).await).await;
    assert_eq!(theirs.status(), StatusCode::OK);
    let body = theirs.text().await.expect("body");
    assert!(body.contains("OTHER_SPONSOR用户"), "{body}");
    assert!(!body.contains("城区停车收费调整方案"), "{body}");
    assert!(!body.contains(&flow.id), "{body}");
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = spawn_app().await;
    set_password(&app, "SPONSOR").await;
    let session = sign_in(&app, &app.ids["SPONSOR"]).await;
    let out = browser()
        .post(format!("http://{}/console/logout", app.addr))
        .header("cookie", format!("de_session={session}"))
        .header("origin", format!("http://{}", app.addr))
        .send()
        .await
        .expect("logout");
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&out), "/console/login");
    let (value, line) = set_cookie(out.headers(), "de_session").expect("cleared");
    assert_eq!(value, "");
    assert_eq!(
        line,
        "de_session=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict"
    );
    // The token kept by someone else no longer works either.
    let after = console(&app, &session).await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&after), "/console/login");
}

#[tokio::test]
async fn a_revoked_accounts_session_stops_working_at_once() {
    let app = spawn_app().await;
    set_password(&app, "SPONSOR").await;
    let session = sign_in(&app, &app.ids["SPONSOR"]).await;
    assert_eq!(console(&app, &session).await.status(), StatusCode::OK);
    assert!(
        app.store
            .revoke_account(&app.ids["SPONSOR"], app.clock.now())
            .await
            .expect("revoked")
    );
    let r = console(&app, &session).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/console/login");
    // Nor can it sign in again.
    let again = post_login(&app, &app.ids["SPONSOR"], PASSWORD).await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_expired_session_sends_the_official_to_sign_in_again() {
    let app = spawn_app().await;
    set_password(&app, "SPONSOR").await;
    let session = sign_in(&app, &app.ids["SPONSOR"]).await;
    app.clock
        .advance(chrono::TimeDelta::hours(8) - chrono::TimeDelta::seconds(1));
    assert_eq!(console(&app, &session).await.status(), StatusCode::OK);
    app.clock.advance(chrono::TimeDelta::seconds(1));
    let r = console(&app, &session).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/console/login");
}

#[tokio::test]
async fn too_many_attempts_at_one_account_wait_with_a_chinese_message() {
    // The limiter's time stands still, so the wait is exact.
    let pace = decision_engine::graphql::ManualPace::default();
    let limits = decision_engine::http::Limits {
        pace: pace.pace(),
        ..Default::default()
    };
    let app = spawn_app_limited(Default::default(), limits).await;
    set_password(&app, "SPONSOR").await;
    for _ in 0..5 {
        let r = post_login(&app, &app.ids["SPONSOR"], "猜一猜的密码-123").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // The sixth, even with the right password, waits.
    let r = post_login(&app, &app.ids["SPONSOR"], PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "120");
    assert!(set_cookie(r.headers(), "de_session").is_none());
    let body = r.text().await.expect("body");
    assert!(
        body.contains("该账号登录尝试过于频繁，请120秒后再试。"),
        "{body}"
    );
    // Another account is not held up.
    set_password(&app, "COUNSEL").await;
    sign_in(&app, &app.ids["COUNSEL"]).await;
    // Two minutes on, the account has one attempt again.
    pace.advance(std::time::Duration::from_secs(120));
    sign_in(&app, &app.ids["SPONSOR"]).await;
}

#[tokio::test]
async fn account_passwd_reads_the_password_from_standard_input() {
    use std::io::Write as _;
    let app = spawn_app().await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_decision-engine"))
        .args(["account", "passwd", &app.ids["SPONSOR"]])
        .env("DATABASE_URL", &app.database_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!printed.contains(PASSWORD), "{printed}");
    sign_in(&app, &app.ids["SPONSOR"]).await;
}

/// A decision started with the sponsor's unit in the lead, drafted, its consultation open from
/// ten days ago for thirty days.
async fn consulting<'a>(app: &'a App, title: &str) -> Flow<'a> {
    let mut f = Flow::propose_with(app, json!({"title": title})).await;
    f.start().await;
    f.draft().await;
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(&days_ago(10), &days_ahead(20), None),
    )
    .await;
    f
}

#[tokio::test]
async fn a_sponsor_sees_its_units_decision_with_the_next_deadline_and_the_acts_open_now() {
    let app = spawn_app().await;
    let mine = consulting(&app, "城区老旧小区改造实施方案").await;
    // Led by another unit of the same organ: not the sponsor's to see.
    let mut theirs = Flow::propose_with(&app, json!({"title": "白云山水库除险加固方案"})).await;
    theirs
        .ok(
            "SECRETARIAT",
            "startProcedure",
            json!({"startedOn": days_ago(44), "leadUnit": "区水利局", "coUnits": []}),
        )
        .await;

    let (status, body) = my_work(&app, "SPONSOR", "").await;
    assert_eq!(status, StatusCode::OK);
    let row = row_of(&body, "城区老旧小区改造实施方案");
    assert!(
        row.contains(&format!("href=\"/console/decisions/{}\"", mine.id)),
        "{row}"
    );
    assert!(row.contains("草案拟订"), "{row}");
    assert!(row.contains("公开征求意见期限届满"), "{row}");
    // Open to the end of its last day: it closes the day after.
    assert!(row.contains(&days_ahead(21)), "{row}");
    assert!(row.contains("还剩 21 天（"), "{row}");
    assert!(!row.contains("已逾期"), "{row}");
    // An act the sponsor may take now, linked by its GraphQL mutation's name.
    assert!(
        row.contains(&format!(
            "href=\"/console/decisions/{}/acts/recordRiskAssessment\"",
            mine.id
        )),
        "{row}"
    );
    // The secretariat's act is not the sponsor's.
    assert!(!row.contains("/acts/startProcedure"), "{row}");
    assert!(!body.contains("白云山水库除险加固方案"), "{body}");
    assert!(!body.contains(&theirs.id), "{body}");
    // The page stays the standards' page: labelled filter, captioned table, no script.
    assert!(
        body.contains("<form class=\"filters\" method=\"get\" action=\"/console\">"),
        "{body}"
    );
    assert!(body.contains("<label for=\"f-stage\">"), "{body}");
    assert!(body.contains("<caption>"), "{body}");
    assert!(body.contains("<th scope=\"col\">"), "{body}");
    assert!(!body.contains("<script"), "{body}");
}

/// Three decisions of the sponsor's unit: one a normative document published 45 days ago and
/// never filed (its filing deadlines passed), one consulting with its end ahead, and the newest merely proposed.
/// The server's clock reads 45 days after `today()` once they are made.
async fn late_world(app: &App) -> (String, String, String) {
    let mut late = Flow::propose_with(
        app,
        json!({"title": "城区停车收费调整方案", "flags": {"normativeDocument": true}}),
    )
    .await;
    late.adopted().await;
    late.party_report().await;
    late.publish().await;
    let later = today() + chrono::Days::new(45);
    app.clock.set_date(later);
    let mut soon = Flow::propose_with(app, json!({"title": "城区老旧小区改造实施方案"})).await;
    soon.start().await;
    soon.draft().await;
    soon.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(
            &(later - chrono::Days::new(5)).to_string(),
            &(later + chrono::Days::new(25)).to_string(),
            None,
        ),
    )
    .await;
    let newest = Flow::propose_with(app, json!({"title": "社区养老服务设施布局规划"})).await;
    (late.id, soon.id, newest.id)
}

#[tokio::test]
async fn late_decisions_come_first_and_say_how_late_they_are() {
    let app = spawn_app().await;
    let (late, soon, newest) = late_world(&app).await;
    let (status, body) = my_work(&app, "SPONSOR", "").await;
    assert_eq!(status, StatusCode::OK);
    let at = |id: &str| {
        body.find(&format!("href=\"/console/decisions/{id}\""))
            .unwrap_or_else(|| panic!("{id} not listed: {body}"))
    };
    // Late first though proposed first; then the nearest due; then the rest, newest first.
    assert!(at(&late) < at(&soon), "{body}");
    assert!(at(&soon) < at(&newest), "{body}");
    let row = row_of(&body, &format!("/console/decisions/{late}\""));
    assert!(row.starts_with("<tr class=\"late\">"), "{row}");
    assert!(row.contains("决策备案"), "{row}");
    // Published on today(), due 30 days later: 15 days late today.
    assert!(row.contains("<strong class=\"late\">已逾期 "), "{row}");
    assert!(row.contains("个工作日（15 天）"), "{row}");
    let row = row_of(&body, &format!("/console/decisions/{soon}\""));
    assert!(!row.contains("已逾期"), "{row}");
    assert!(body.contains("1件已逾期"), "{body}");
}

#[tokio::test]
async fn the_office_sees_the_whole_organ_by_stage_and_its_late_items_by_unit() {
    let app = spawn_app().await;
    late_world(&app).await;
    let (status, body) = my_work(&app, "SECRETARIAT", "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("本机关概况"), "{body}");
    assert!(body.contains("共3件"), "{body}");
    for (stage, n) in [
        ("已公布", 1),
        ("草案拟订", 1),
        ("已提出", 1),
        ("合法性审查", 0),
    ] {
        let row = row_of(&body, &format!(">{stage}</a></th>"));
        assert!(
            row.contains(&format!("<td class=\"n\">{n}</td>")),
            "{stage}: {row}"
        );
    }
    // Two filing deadlines (one per authority the henan profile names), both passed unmet.
    let row = row_of(&body, "<th scope=\"row\">区住房和城乡建设局</th>");
    assert!(
        row.contains("<td class=\"n\">2</td><td class=\"n\">0</td>"),
        "{row}"
    );
    assert!(!body.contains("审查工作台"), "{body}");
}

#[tokio::test]
async fn the_filter_by_stage_narrows_the_list_and_a_bad_value_is_refused_in_chinese() {
    let app = spawn_app().await;
    let drafting = consulting(&app, "城区老旧小区改造实施方案").await;
    let proposed = Flow::propose_with(&app, json!({"title": "社区养老服务设施布局规划"})).await;

    let sponsor = signed_in_as(&app, "SPONSOR").await;
    let (status, body) = sponsor("stage=DRAFTING&unit=&year=&item=").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&drafting.id), "{body}");
    assert!(!body.contains(&proposed.id), "{body}");
    assert!(
        body.contains("<option value=\"DRAFTING\" selected>草案拟订</option>"),
        "{body}"
    );
    let (_, body) = sponsor("stage=PROPOSED").await;
    assert!(body.contains(&proposed.id), "{body}");
    assert!(!body.contains(&drafting.id), "{body}");
    // The year proposed.
    let (_, body) = sponsor("year=2025").await;
    assert!(!body.contains(&proposed.id), "{body}");
    let (_, body) = sponsor("year=2026").await;
    assert!(body.contains(&proposed.id), "{body}");

    for (query, says) in [
        ("stage=NOT_A_STAGE", "所处阶段"),
        ("year=26", "年度"),
        ("stage=DRAFTING&stage=PROPOSED", "查询条件的格式不正确"),
    ] {
        let (status, body) = sponsor(query).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(body.contains("查询条件有误"), "{query}: {body}");
        assert!(body.contains(says), "{query}: {body}");
        assert!(!body.contains(&drafting.id), "{query}: {body}");
    }
}

#[tokio::test]
async fn the_justice_bureau_sees_the_review_desk_and_a_sponsor_sees_neither_desk_nor_overview() {
    let app = spawn_app().await;
    let mut f = Flow::propose_with(&app, json!({"title": "城区老旧小区改造实施方案"})).await;
    f.ready_for_review().await;
    f.request_review().await;

    let (status, body) = my_work(&app, "REVIEW_OFFICE", "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("审查工作台"), "{body}");
    let desk = &body[body.find("审查工作台").expect("desk")..];
    let row = row_of(desk, &format!("/console/decisions/{}\"", f.id));
    assert!(row.contains(&today().to_string()), "requested today: {row}");
    assert!(row.contains("0 个工作日"), "{row}");
    assert!(row.contains("待受理"), "{row}");
    assert!(row.contains("未指派"), "{row}");
    assert!(!body.contains("本机关概况"), "{body}");

    let (_, body) = my_work(&app, "SPONSOR", "").await;
    assert!(body.contains(&f.id), "{body}");
    assert!(!body.contains("审查工作台"), "{body}");
    assert!(!body.contains("本机关概况"), "{body}");
    // A counsel nobody assigned has no desk either.
    let (_, body) = my_work(&app, "COUNSEL", "").await;
    assert!(!body.contains("审查工作台"), "{body}");
}
