//! The public website's frame: one layout for every page, its stylesheet (served from the
//! binary), its Content-Security-Policy, and the CSRF token of its forms.
//!
//! CSRF: a form's page sets a random token in a `SameSite=Strict`, `HttpOnly` cookie and in a
//! hidden field; a post is taken only when both are present and equal (double submit). Another
//! site can make a browser post, but cannot read or set this site's cookie.

use axum::http::{HeaderMap, HeaderValue, header};
use maud::{DOCTYPE, Markup, html};
use rand::RngCore;

/// Where the stylesheet is served; its content decides its name, so it may be cached for good.
pub const STYLESHEET: &str = "/assets/site-1.css";
pub const STYLESHEET_BODY: &str = include_str!("../../assets/site.css");

/// The pages' policy: nothing from other servers, no script at all, forms post here only.
pub const CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const CSRF_COOKIE: &str = "de_csrf";

/// A page of the public website.
pub fn page(title: &str, organ: Option<&str>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href=(STYLESHEET);
            }
            body {
                header.site {
                    p.organ { a href="/" { (organ.unwrap_or("重大行政决策公开")) } }
                    nav aria-label="网站导航" {
                        ul {
                            li { a href="/" { "首页" } }
                            li { a href="/#consultations" { "意见征集" } }
                            li { a href="/#decisions" { "决策公开" } }
                            li { a href="/#catalogues" { "年度决策事项目录" } }
                        }
                    }
                }
                main id="main" { (body) }
                footer.site {
                    p { "本网站依据《重大行政决策程序暂行条例》公开决策草案、征求意见和决策结果。" }
                }
            }
        }
    }
}

/// The form's token: the one the browser already holds, or a new one (then also the cookie to
/// set).
pub fn csrf_token(headers: &HeaderMap) -> (String, Option<HeaderValue>) {
    if let Some(token) = cookie(headers, CSRF_COOKIE).filter(|t| t.len() == 32) {
        return (token.to_owned(), None);
    }
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let cookie = HeaderValue::from_str(&format!(
        "{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    ))
    .ok();
    (token, cookie)
}

/// Whether a post carries the token its page gave: in the cookie and in the form, equal.
pub fn csrf_ok(headers: &HeaderMap, field: &str) -> bool {
    cookie(headers, CSRF_COOKIE).is_some_and(|c| c.len() == 32 && c == field)
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}
