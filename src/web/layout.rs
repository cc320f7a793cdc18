//! The website's frame: one layout for every page (the public's and the workbench's), its stylesheet (served from the
//! binary), its Content-Security-Policy, and the CSRF token of its forms.
//!
//! CSRF: a form's page sets a random token in a `SameSite=Strict`, `HttpOnly` cookie and in a
//! hidden field; a post is taken only when both are present and equal (double submit). Another
//! site can make a browser post, but cannot read or set this site's cookie.

use axum::http::{HeaderMap, HeaderValue, header};
use maud::{DOCTYPE, Markup, html};
use rand::RngCore;

/// Where the stylesheet is served; its content decides its name, so it may be cached for good.
pub const STYLESHEET: &str = "/assets/site-4.css";
pub const STYLESHEET_BODY: &str = include_str!("../../assets/site.css");

/// The pages' policy: nothing from other servers, no script at all, forms post here only.
pub const CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const CSRF_COOKIE: &str = "de_csrf";

/// A page of the public website.
pub fn page(title: &str, organ: Option<&str>, body: Markup) -> Markup {
    frame(
        title,
        html! {
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
        },
        body,
        html! {
            footer.site {
                p { "本网站依据《重大行政决策程序暂行条例》公开决策草案、征求意见和决策结果。" }
            }
        },
    )
}

/// Who is signed in to the workbench, as its header names them.
pub struct SignedInAs<'a> {
    pub name: &'a str,
    pub organ: &'a str,
    pub unit: &'a str,
}

/// A page of the officials' workbench (`/console`): its own header, with the signed-in official
/// and the form that signs out (a post: a link could be followed by another site's page).
pub fn console_page(title: &str, who: Option<SignedInAs<'_>>, body: Markup) -> Markup {
    frame(
        title,
        html! {
            header.site {
                p.organ { a href="/console" { "重大行政决策工作台" } }
                @if let Some(w) = who {
                    nav aria-label="工作台导航" {
                        ul {
                            li { a href="/console" { "我的工作" } }
                            li { a href="/console/acts/proposeDecision" { "提出决策事项" } }
                            li { a href="/console/catalogues" { "年度目录" } }
                            li { a href="/graphql" { "GraphiQL" } }
                            li {
                                (w.organ) " " (w.unit) " " (w.name)
                                form.inline method="post" action="/console/logout" {
                                    button type="submit" { "退出登录" }
                                }
                            }
                        }
                    }
                }
            }
        },
        body,
        html! {
            footer.site {
                p { "依据《重大行政决策程序暂行条例》办理重大行政决策。" }
            }
        },
    )
}

fn frame(title: &str, header: Markup, body: Markup, footer: Markup) -> Markup {
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
                (header)
                main id="main" { (body) }
                (footer)
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

pub(super) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}
