//! The workbench's sign-in (issue 13), over HTTP as a browser speaks it: the sign-in page and its
//! form, the session cookie and its flags, "我的工作" in the official's scope, signing out, and a
//! session that ends when the account is revoked or the session expires; too many attempts wait.

use std::process::{Command, Stdio};

use decision_engine::clock::Clock as _;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use serde_json::json;

use crate::helpers::{App, Flow, spawn_app, spawn_app_limited};

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
