//! The officials' workbench (issue 13), its first screens: signing in and out, and "我的工作",
//! the decisions in the official's scope (drawn by [`my_work`]). Server-rendered like the
//! public pages, without scripts.
//!
//! Thin: the service signs in, resolves a session to its [`Caller`] ([`Service::session_caller`],
//! the one place, so GraphQL could later take the cookie too) and decides what the caller sees
//! ([`Service::my_work`]). This module keeps the cookie, the forms' CSRF checks and the budget of
//! attempts.
//!
//! The session's cookie is `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's
//! page makes the browser send it), `Path=/console` (the API never receives it: a cookie on
//! `/graphql` would make every mutation a CSRF question), `Secure` when the request came over
//! TLS to the proxy in front (`X-Forwarded-Proto`, trusted as `X-Forwarded-For` is), and lasts
//! as long as the session (`Max-Age`). Posts are taken only from this site's own pages: the
//! form's double-submitted token, and `Origin` / `Sec-Fetch-Site` when the browser sends them.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::WebState;
use super::attempts::Spent;
use super::layout::{SignedInAs, console_page, cookie, csrf_ok, csrf_token};
use super::my_work;
use super::public::{Caching, html_page};
use crate::service::{Caller, ServiceError, SignInError, WorkFilter};

const SESSION_COOKIE: &str = "de_session";

/// Whether the request reached the proxy in front over TLS: only a trusted proxy's word counts.
fn over_tls(web: &WebState, headers: &HeaderMap) -> bool {
    web.trust_forwarded_for
        && headers
            .get_all("x-forwarded-proto")
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}

/// The `Set-Cookie` of a session: its token for `max_age` seconds, or, with none, the cookie's
/// removal.
fn session_cookie(token: Option<&str>, max_age: i64, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={}; Path=/console; Max-Age={}; HttpOnly; SameSite=Strict{secure}",
        token.unwrap_or(""),
        if token.is_some() { max_age } else { 0 }
    ))
    .ok()
}

/// Whether a post comes from this site's own page, as far as the browser says: `Sec-Fetch-Site`
/// same-origin (or none: typed by the user), and an `Origin` naming this host. A client that
/// sends neither (not a browser, or an old one) still needs the form's token.
pub(super) fn same_origin(headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site")
        && site != "same-origin"
        && site != "none"
    {
        return false;
    }
    match header("origin") {
        None => true,
        Some(origin) => {
            let authority = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            authority.is_some() && authority == header("host")
        }
    }
}

/// The official the request's session cookie stands for, or none (no cookie, or a session
/// ended, expired, or of an account revoked or expired).
async fn signed_in(web: &WebState, headers: &HeaderMap) -> Result<Option<Caller>, Response> {
    let Some(token) = cookie(headers, SESSION_COOKIE).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match web.service.session_caller(token).await {
        Ok(caller) => Ok(Some(caller)),
        Err(ServiceError::Unauthenticated) => Ok(None),
        Err(e) => Err(server_error(&e.chain())),
    }
}

pub(super) fn server_error(chain: &str) -> Response {
    tracing::error!(error = %chain, "console");
    html_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        Caching::Private,
        None,
        console_page(
            "服务暂时不可用",
            None,
            html! { h1 { "服务暂时不可用" } p { (crate::graphql::INTERNAL_MESSAGE) } },
        ),
    )
}

/// To the sign-in page, dropping a cookie that no longer signs anyone in.
fn to_login(web: &WebState, headers: &HeaderMap) -> Response {
    let mut r = Redirect::to("/console/login").into_response();
    if cookie(headers, SESSION_COOKIE).is_some()
        && let Some(c) = session_cookie(None, 0, over_tls(web, headers))
    {
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    r
}

/// The official signed in, or the response that sends the browser to sign in.
pub(super) async fn signed_in_official(
    web: &WebState,
    headers: &HeaderMap,
) -> Result<Caller, Response> {
    match signed_in(web, headers).await? {
        Some(caller @ Caller::Official(_)) => Ok(caller),
        _ => Err(to_login(web, headers)),
    }
}

/// Who the page's header says is signed in.
pub(super) fn who(caller: &Caller) -> Option<SignedInAs<'_>> {
    match caller {
        Caller::Official(o) => Some(SignedInAs {
            name: &o.name,
            organ: &o.organ,
            unit: &o.unit,
        }),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Signing in and out
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub(super) struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

fn login_body(csrf: &str, login: &str, error: Option<&str>) -> Markup {
    html! {
        h1 { "登录工作台" }
        @if let Some(e) = error {
            div.error role="alert" { p { (e) } }
        }
        form method="post" action="/console/login" {
            input type="hidden" name="csrf" value=(csrf);
            label for="login" { "账号" span.hint { "（账号编号或者账号名称）" } }
            input type="text" id="login" name="login" value=(login) required
                autocomplete="username" maxlength="100";
            label for="password" { "密码" }
            input type="password" id="password" name="password" required
                autocomplete="current-password" maxlength="256";
            button type="submit" { "登录" }
        }
        p.meta { "系统对接请使用 API 令牌；密码由管理员以 " code { "decision-engine account passwd" } " 设置。" }
    }
}

fn login_page(
    status: StatusCode,
    headers: &HeaderMap,
    login: &str,
    error: Option<&str>,
) -> Response {
    let (token, set) = csrf_token(headers);
    html_page(
        status,
        Caching::Private,
        set,
        console_page("登录工作台", None, login_body(&token, login, error)),
    )
}

pub(super) async fn login_form(State(web): State<WebState>, headers: HeaderMap) -> Response {
    match signed_in(&web, &headers).await {
        Ok(Some(_)) => Redirect::to("/console").into_response(),
        Ok(None) => login_page(StatusCode::OK, &headers, "", None),
        Err(r) => r,
    }
}

pub(super) fn stale_form() -> Response {
    html_page(
        StatusCode::FORBIDDEN,
        Caching::Private,
        None,
        console_page(
            "表单已失效",
            None,
            html! {
                h1 { "表单已失效" }
                p { "表单已失效或者来自其他网站。请返回并刷新页面后重新提交。" }
                p { a href="/console/login" { "返回登录页" } }
            },
        ),
    )
}

pub(super) async fn login(
    State(web): State<WebState>,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    if !same_origin(&headers) || !csrf_ok(&headers, &form.csrf) {
        return stale_form();
    }
    let peer = peer.map(|axum::Extension(ConnectInfo(a))| a);
    let client = crate::http::client_of(peer, &headers, web.trust_forwarded_for);
    if let Err((spent, wait)) = web.sign_in_attempts.spend(client, &form.login) {
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let whose = match spent {
            Spent::Address => "同一网络地址",
            Spent::Account => "该账号",
        };
        tracing::warn!(limit = ?spent, retry_after = secs, "sign-in attempts limited");
        let mut r = login_page(
            StatusCode::TOO_MANY_REQUESTS,
            &headers,
            &form.login,
            Some(&format!("{whose}登录尝试过于频繁，请{secs}秒后再试。")),
        );
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return r;
    }
    match web.service.sign_in(&form.login, form.password).await {
        Ok(s) => {
            let max_age = (s.expires_at - web.service.now()).num_seconds();
            let mut r = Redirect::to("/console").into_response();
            if let Some(c) = session_cookie(Some(&s.token), max_age, over_tls(&web, &headers)) {
                r.headers_mut().insert(header::SET_COOKIE, c);
            }
            r
        }
        Err(e @ SignInError::Refused) => login_page(
            StatusCode::UNAUTHORIZED,
            &headers,
            &form.login,
            Some(&e.to_string()),
        ),
        Err(e) => {
            let mut chain = e.to_string();
            if let Some(source) = std::error::Error::source(&e) {
                chain.push_str(&format!(": {source}"));
            }
            server_error(&chain)
        }
    }
}

pub(super) async fn logout(State(web): State<WebState>, headers: HeaderMap) -> Response {
    if !same_origin(&headers) {
        return stale_form();
    }
    if let Some(token) = cookie(&headers, SESSION_COOKIE).filter(|t| !t.is_empty())
        && let Err(e) = web.service.sign_out(token).await
    {
        return server_error(&e.chain());
    }
    let mut r = Redirect::to("/console/login").into_response();
    if let Some(c) = session_cookie(None, 0, over_tls(&web, &headers)) {
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    r
}

// ---------------------------------------------------------------------------------------------
// 我的工作
// ---------------------------------------------------------------------------------------------

/// The query string of "我的工作": the filter form's fields, as typed; the service parses them.
#[derive(Debug, Default, Deserialize)]
pub(super) struct WorkQuery {
    pub(super) stage: Option<String>,
    pub(super) unit: Option<String>,
    pub(super) year: Option<String>,
    pub(super) item: Option<String>,
}

pub(super) async fn home(
    State(web): State<WebState>,
    headers: HeaderMap,
    query: Result<Query<WorkQuery>, QueryRejection>,
) -> Response {
    let caller = match signed_in(&web, &headers).await {
        Ok(Some(c)) => c,
        Ok(None) => return to_login(&web, &headers),
        Err(r) => return r,
    };
    let Caller::Official(official) = &caller else {
        return to_login(&web, &headers);
    };
    let who = || SignedInAs {
        name: &official.name,
        organ: &official.organ,
        unit: &official.unit,
    };
    // A query string that is not even a form's (a field twice, bad escapes) is the same
    // mistake as a bad value: the page says so in Chinese instead of axum's English.
    let Ok(Query(q)) = query else {
        return bad_filter(who(), "查询条件的格式不正确");
    };
    let filter = match WorkFilter::parse(
        q.stage.as_deref(),
        q.unit.as_deref(),
        q.year.as_deref(),
        q.item.as_deref(),
    ) {
        Ok(f) => f,
        Err(ServiceError::Invalid(why)) => return bad_filter(who(), &why),
        Err(e) => return server_error(&e.chain()),
    };
    match web.service.my_work(&caller, &filter).await {
        Ok(work) => html_page(
            StatusCode::OK,
            Caching::Private,
            None,
            console_page("我的工作", Some(who()), my_work::page(&work, &q, &filter)),
        ),
        Err(e) => server_error(&e.chain()),
    }
}

fn bad_filter(who: SignedInAs<'_>, why: &str) -> Response {
    html_page(
        StatusCode::BAD_REQUEST,
        Caching::Private,
        None,
        console_page(
            "查询条件有误",
            Some(who),
            html! {
                h1 { "查询条件有误" }
                div.error role="alert" { p { (why) "。" } }
                p { a href="/console" { "返回我的工作（不加筛选）" } }
            },
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION_SECONDS: i64 = crate::service::SESSION_HOURS * 3600;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn a_post_from_another_site_is_not_same_origin() {
        assert!(same_origin(&headers(&[])));
        assert!(same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
            ("sec-fetch-site", "same-origin"),
        ])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "https://evil.example"),
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "null"),
        ])));
    }

    #[test]
    fn the_session_cookie_says_all_its_flags() {
        let c = session_cookie(Some("abc"), SESSION_SECONDS, true).expect("cookie");
        assert_eq!(
            c,
            "de_session=abc; Path=/console; Max-Age=28800; HttpOnly; SameSite=Strict; Secure"
        );
        let gone = session_cookie(None, SESSION_SECONDS, false).expect("cookie");
        assert_eq!(
            gone,
            "de_session=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict"
        );
    }
}
