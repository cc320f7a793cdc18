//! The public's pages: the home page, a draft under consultation with its comment form, the
//! receipt that later shows what became of the opinion, and a published decision with its
//! feedback form (Art. 35(2)). What the public may read is the service's answer (the same scope
//! rule as over GraphQL): anything else is 404.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use maud::{Markup, html};
use serde::Deserialize;

use super::WebState;
use super::layout::{self, csrf_ok, csrf_token, page};
use crate::procedure::{Decision, DispositionOutcome, Length, Stage, Text};
use crate::service::{Caller, ListFilter, MessageKind, Receipt, ReceiptStatus, ServiceError};

/// How a page may be cached: a published page for a while, a page with a form or a receipt not
/// at all (the form carries the browser's own token; the receipt is the sender's).
#[derive(Debug, Clone, Copy)]
pub(super) enum Caching {
    Published,
    Private,
}

pub(super) fn html_page(
    status: StatusCode,
    caching: Caching,
    cookie: Option<HeaderValue>,
    markup: Markup,
) -> Response {
    let cache = match caching {
        Caching::Published => "public, max-age=300",
        Caching::Private => "private, no-store",
    };
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
            (header::CONTENT_SECURITY_POLICY, layout::CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        markup.into_string(),
    )
        .into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

pub(super) fn message(status: StatusCode, title: &str, text: &str) -> Response {
    html_page(
        status,
        Caching::Private,
        None,
        page(
            title,
            None,
            html! {
                h1 { (title) }
                p { (text) }
                p { a href="/" { "返回首页" } }
            },
        ),
    )
}

fn not_found() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "未找到该页面",
        "所请求的内容不存在，或者尚未公开。",
    )
}

fn server_error(e: &ServiceError) -> Response {
    tracing::error!(error = %e.chain(), "public page");
    message(
        StatusCode::INTERNAL_SERVER_ERROR,
        "服务暂时不可用",
        crate::graphql::INTERNAL_MESSAGE,
    )
}

fn date_zh(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// The consultation open today, if there is one: its last day and the days left.
fn open_until(d: &Decision, today: NaiveDate) -> Option<(NaiveDate, i64)> {
    let c = d.consultation.as_ref()?;
    (d.stage == Stage::Drafting
        && c.closure.is_none()
        && c.notice.opened_on <= today
        && today <= c.notice.ends_on)
        .then(|| (c.notice.ends_on, (c.notice.ends_on - today).num_days()))
}

// ---------------------------------------------------------------------------------------------
// The home page
// ---------------------------------------------------------------------------------------------

pub(super) async fn home(State(web): State<WebState>) -> Response {
    let s = &web.service;
    let today = s.today();
    let listed = match s
        .list(&Caller::Public, &ListFilter::default(), None, 200)
        .await
    {
        Ok(l) => l,
        Err(e) => return server_error(&e),
    };
    let catalogues = match s.catalogues(&Caller::Public).await {
        Ok(c) => c,
        Err(e) => return server_error(&e),
    };
    let open: Vec<(&Decision, NaiveDate, i64)> = listed
        .iter()
        .filter_map(|(seen, _)| {
            open_until(&seen.decision, today).map(|(ends, left)| (&seen.decision, ends, left))
        })
        .collect();
    let mut published: Vec<&Decision> = listed
        .iter()
        .map(|(seen, _)| &seen.decision)
        .filter(|d| d.publication.is_some())
        .collect();
    published.sort_by_key(|d| std::cmp::Reverse(d.publication.as_ref().map(|p| p.published_on)));
    published.truncate(10);
    let body = html! {
        h1 { "重大行政决策公开" }
        section aria-labelledby="consultations" {
            h2 id="consultations" { "正在征求意见的决策草案" }
            @if open.is_empty() {
                p { "目前没有正在公开征求意见的决策草案。" }
            } @else {
                ul.list {
                    @for (d, ends, left) in &open {
                        li {
                            a href={ "/consultations/" (d.id) } { (d.proposal.title.as_str()) }
                            "（" (d.organ()) "；征求意见截止" (date_zh(*ends)) "，还剩" (left) "天）"
                        }
                    }
                }
            }
        }
        section aria-labelledby="decisions" {
            h2 id="decisions" { "最近公布的决策" }
            @if published.is_empty() {
                p { "暂无公布的决策。" }
            } @else {
                ul.list {
                    @for d in &published {
                        @let p = d.publication.as_ref();
                        li {
                            a href={ "/decisions/" (d.id) } { (d.proposal.title.as_str()) }
                            "（"
                            @if let Some(n) = p.and_then(|p| p.document_number.as_ref()) { (n.as_str()) "，" }
                            @if let Some(p) = p { (date_zh(p.published_on)) "公布" }
                            "）"
                        }
                    }
                }
            }
        }
        section aria-labelledby="catalogues" {
            h2 id="catalogues" { "年度重大行政决策事项目录" }
            @if catalogues.is_empty() {
                p { "暂无公布的目录。" }
            } @else {
                ul.list {
                    @for c in &catalogues {
                        @let c = &c.catalogue;
                        @let q = super::catalogue::organ_query(c);
                        li {
                            a href={ "/catalogues/" (c.year) ".html?" (q) } { (c.title.as_str()) }
                            @if c.report.is_some() {
                                "；" a href={ "/catalogues/" (c.year) "/report.html?" (q) } { "年度执行情况" }
                            }
                        }
                    }
                }
            }
        }
    };
    html_page(
        StatusCode::OK,
        Caching::Published,
        None,
        page("重大行政决策公开", None, body),
    )
}

// ---------------------------------------------------------------------------------------------
// A draft under consultation, and its comment form
// ---------------------------------------------------------------------------------------------

/// What the form sent, kept to show it again when it is refused.
#[derive(Debug, Default, Deserialize)]
pub(super) struct MessageForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    commenter: String,
    #[serde(default)]
    contact: String,
}

pub(super) async fn consultation(
    State(web): State<WebState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    consultation_page(&web, &id, &headers, None, &MessageForm::default()).await
}

async fn consultation_page(
    web: &WebState,
    id: &str,
    headers: &HeaderMap,
    error: Option<String>,
    form: &MessageForm,
) -> Response {
    let d = match web.service.decision(&Caller::Public, id).await {
        Ok(seen) => seen.decision,
        Err(ServiceError::NotFound(_)) => return not_found(),
        Err(e) => return server_error(&e),
    };
    let Some(c) = &d.consultation else {
        return not_found();
    };
    let today = web.service.today();
    let open = open_until(&d, today);
    let (token, cookie) = csrf_token(headers);
    let title = d.proposal.title.as_str();
    let body = html! {
        h1 { (title) "（征求意见稿）" }
        p.meta { (d.organ()) }
        div.notice {
            p {
                "公开征求意见期间：" (date_zh(c.notice.opened_on)) "至" (date_zh(c.notice.ends_on)) "（截止日24时）"
                @if let Some((_, left)) = open { "，还剩" (left) "天" }
            }
            p { "提出意见的方式：" (c.notice.how_to_comment.as_str()) }
            p { "公布途径：" (c.notice.channels.iter().map(Text::as_str).collect::<Vec<_>>().join("、")) }
            @if let Some(reason) = &c.notice.shortened_reason { p { "征求意见期限少于30日的理由：" (reason.as_str()) } }
        }
        @if let Some(draft) = &d.draft {
            h2 { "决策草案" }
            div.draft { (draft.text.as_str()) }
            @if let Some(x) = &draft.explanation {
                h2 { "起草说明" }
                div.draft { (x.as_str()) }
            }
        }
        @match open {
            Some(_) => {
                h2 id="comment" { "提交意见" }
                @if let Some(e) = &error { div.error role="alert" { (e) } }
                form method="post" action={ "/consultations/" (d.id) "/comments" } {
                    input type="hidden" name="csrf" value=(token);
                    label for="body" { "您的意见（必填）" }
                    textarea id="body" name="body" required maxlength=(Length::Comment.max()) { (form.body) }
                    label for="commenter" { "姓名或单位 " span.hint { "（选填，不公开）" } }
                    input type="text" id="commenter" name="commenter" maxlength=(Length::Name.max()) value=(form.commenter);
                    label for="contact" { "联系方式 " span.hint { "（选填，仅用于就您的意见联系您，不公开）" } }
                    input type="text" id="contact" name="contact" maxlength=(Length::Name.max()) value=(form.contact);
                    button type="submit" { "提交意见" }
                }
                p.hint { "提交后您将得到回执编号，凭回执编号可以查询意见的采纳情况。" }
            }
            None => {
                p.notice { "本次公开征求意见已经结束，不再接收意见。" }
            }
        }
    };
    html_page(
        if error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        Caching::Private,
        cookie,
        page(title, Some(d.organ()), body),
    )
}

/// A refused post: the form's page again, with what was typed and why.
enum Refused {
    Page(String),
    Response(Box<Response>),
}

/// The checks every post of the public makes before the service sees it: the form's token, the
/// client's budget of writes (the API's), the text's bounds.
fn admit(
    web: &WebState,
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    form: &MessageForm,
) -> Result<(Text, Option<Text>, Option<Text>), Refused> {
    if !csrf_ok(headers, &form.csrf) {
        return Err(Refused::Response(Box::new(message(
            StatusCode::FORBIDDEN,
            "表单已失效",
            "表单已失效或者来自其他网站。请返回并刷新页面后重新提交。",
        ))));
    }
    let client = crate::http::client_of(peer, headers, web.trust_forwarded_for);
    if let Err(wait) = web.public_writes.spend(client) {
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        return Err(Refused::Response(Box::new(message(
            StatusCode::TOO_MANY_REQUESTS,
            "提交过于频繁",
            &format!("同一网络地址提交过于频繁，请{secs}秒后再试。"),
        ))));
    }
    let parsed = (|| {
        Ok::<_, crate::procedure::ValueError>((
            Text::parse_as("意见", Length::Comment, &form.body)?,
            Text::parse_opt_as("姓名或单位", Length::Name, Some(&form.commenter))?,
            Text::parse_opt_as("联系方式", Length::Name, Some(&form.contact))?,
        ))
    })();
    parsed.map_err(|e| Refused::Page(e.to_string()))
}

pub(super) async fn post_comment(
    State(web): State<WebState>,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<MessageForm>,
) -> Response {
    let peer = peer.map(|axum::Extension(ConnectInfo(a))| a);
    let (body, commenter, contact) = match admit(&web, peer, &headers, &form) {
        Ok(parsed) => parsed,
        Err(Refused::Response(r)) => return *r,
        Err(Refused::Page(why)) => {
            return consultation_page(&web, &id, &headers, Some(why), &form).await;
        }
    };
    match web
        .service
        .submit_public(MessageKind::Comment, &id, body, commenter, contact, None)
        .await
    {
        Ok(comment) => Redirect::to(&format!("/receipts/{}", comment.id)).into_response(),
        Err(ServiceError::NotFound(_)) => not_found(),
        Err(e @ (ServiceError::ConsultationNotOpen | ServiceError::Busy(_))) => {
            consultation_page(&web, &id, &headers, Some(e.to_string()), &form).await
        }
        Err(e) => server_error(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// Receipts
// ---------------------------------------------------------------------------------------------

pub(super) async fn receipt(State(web): State<WebState>, Path(number): Path<String>) -> Response {
    if Text::parse_as("回执编号", Length::Name, &number).is_err() {
        return not_found();
    }
    let r = match web.service.receipt(&number).await {
        Ok(r) => r,
        Err(ServiceError::NotFound(_)) => return not_found(),
        Err(e) => return server_error(&e),
    };
    html_page(
        StatusCode::OK,
        Caching::Private,
        None,
        page("意见回执", None, receipt_body(&r)),
    )
}

fn receipt_body(r: &Receipt) -> Markup {
    // China Standard Time, UTC+8 all year (no daylight saving).
    let at = r.comment.submitted_at.naive_utc() + chrono::TimeDelta::hours(8);
    let what = match r.comment.kind {
        MessageKind::Comment => "意见",
        MessageKind::Feedback => "意见建议",
    };
    html! {
        h1 { "意见回执" }
        div.ok {
            p { "回执编号：" strong { (r.comment.id) } }
            p { "请保存本页地址或者回执编号，以便日后查询" (what) "的处理情况。" }
        }
        dl {
            dt { "提交时间" }
            dd { (at.format("%Y年%-m月%-d日 %H:%M")) }
            @if let Some(d) = &r.decision {
                dt { "所涉决策事项" }
                dd {
                    @let href = if d.publication.is_some() { format!("/decisions/{}", d.id) } else { format!("/consultations/{}", d.id) };
                    a href=(href) { (d.proposal.title.as_str()) }
                }
            }
            dt { "您的" (what) }
            dd { div.draft { (r.comment.body) } }
            dt { "处理情况" }
            dd {
                @match &r.status {
                    ReceiptStatus::Pending => { "待研究处理：承办单位将在征求意见结束后研究并说明采纳情况。" }
                    ReceiptStatus::Received => { "已收到，由决策机关和执行单位在跟踪决策执行情况时研究。" }
                    ReceiptStatus::Hidden { reason } => { "未予公开处理：" (reason) }
                    ReceiptStatus::Disposed { outcome, reason, group } => {
                        strong { (match outcome {
                            DispositionOutcome::Adopted => "已采纳",
                            DispositionOutcome::PartlyAdopted => "部分采纳",
                            DispositionOutcome::NotAdopted => "未采纳",
                        }) }
                        "。理由：" (reason)
                        @if let Some((n, summary)) = group {
                            br;
                            "本意见与同类意见归纳为第" (n) "组一并研究处理：" (summary)
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A published decision, and its feedback form
// ---------------------------------------------------------------------------------------------

pub(super) async fn decision(
    State(web): State<WebState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    decision_page(&web, &id, &headers, None, &MessageForm::default()).await
}

fn executing(d: &Decision) -> bool {
    matches!(
        d.stage,
        Stage::InExecution | Stage::Suspended | Stage::PostEvaluation
    )
}

async fn decision_page(
    web: &WebState,
    id: &str,
    headers: &HeaderMap,
    error: Option<String>,
    form: &MessageForm,
) -> Response {
    let d = match web.service.decision(&Caller::Public, id).await {
        Ok(seen) => seen.decision,
        Err(ServiceError::NotFound(_)) => return not_found(),
        Err(e) => return server_error(&e),
    };
    let Some(p) = &d.publication else {
        return not_found();
    };
    let (token, cookie) = csrf_token(headers);
    let title = d.proposal.title.as_str();
    let mut timeline: Vec<(NaiveDate, String)> =
        vec![(d.proposal.proposed_on, "提出决策事项".into())];
    if let Some(s) = &d.start {
        timeline.push((
            s.started_on,
            format!("启动决策程序，承办单位：{}", s.lead_unit.as_str()),
        ));
    }
    if let Some(c) = &d.consultation {
        timeline.push((
            c.notice.opened_on,
            format!("公开征求意见（至{}）", date_zh(c.notice.ends_on)),
        ));
    }
    timeline.push((p.published_on, "公布".into()));
    timeline.sort_by_key(|(on, _)| *on);
    let body = html! {
        h1 { (title) }
        p.meta {
            (d.organ())
            @if let Some(n) = &p.document_number { "　" (n.as_str()) }
            "　" (date_zh(p.published_on)) "公布"
        }
        p.meta { "公布途径：" (p.channels.iter().map(Text::as_str).collect::<Vec<_>>().join("、")) }
        @if let Some(draft) = &d.draft {
            h2 { "决策文本" }
            div.draft { (draft.text.as_str()) }
        }
        @if let Some(x) = &p.opinion_explanation {
            h2 { "公众意见、专家论证意见的研究采纳情况" }
            div.draft { (x.as_str()) }
        }
        h2 { "办理过程" }
        ol.list {
            @for (on, what) in &timeline { li { (date_zh(*on)) "：" (what) } }
        }
        @if executing(&d) {
            h2 id="feedback" { "对决策执行提出意见建议" }
            p { "公民、法人或者其他组织认为决策及其实施存在问题的，可以提出意见建议（《重大行政决策程序暂行条例》第三十五条第二款）。" }
            @if let Some(e) = &error { div.error role="alert" { (e) } }
            form method="post" action={ "/decisions/" (d.id) "/feedback" } {
                input type="hidden" name="csrf" value=(token);
                label for="body" { "意见建议（必填）" }
                textarea id="body" name="body" required maxlength=(Length::Comment.max()) { (form.body) }
                label for="commenter" { "姓名或单位 " span.hint { "（选填，不公开）" } }
                input type="text" id="commenter" name="commenter" maxlength=(Length::Name.max()) value=(form.commenter);
                label for="contact" { "联系方式 " span.hint { "（选填，不公开）" } }
                input type="text" id="contact" name="contact" maxlength=(Length::Name.max()) value=(form.contact);
                button type="submit" { "提交意见建议" }
            }
        }
    };
    let (caching, cookie) = if executing(&d) {
        (Caching::Private, cookie)
    } else {
        (Caching::Published, None)
    };
    html_page(
        if error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        caching,
        cookie,
        page(title, Some(d.organ()), body),
    )
}

pub(super) async fn post_feedback(
    State(web): State<WebState>,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<MessageForm>,
) -> Response {
    let peer = peer.map(|axum::Extension(ConnectInfo(a))| a);
    let (body, commenter, contact) = match admit(&web, peer, &headers, &form) {
        Ok(parsed) => parsed,
        Err(Refused::Response(r)) => return *r,
        Err(Refused::Page(why)) => {
            return decision_page(&web, &id, &headers, Some(why), &form).await;
        }
    };
    match web
        .service
        .submit_public(MessageKind::Feedback, &id, body, commenter, contact, None)
        .await
    {
        Ok(m) => Redirect::to(&format!("/receipts/{}", m.id)).into_response(),
        Err(ServiceError::NotFound(_)) => not_found(),
        Err(e @ ServiceError::NotInExecution) => {
            decision_page(&web, &id, &headers, Some(e.to_string()), &form).await
        }
        Err(e) => server_error(&e),
    }
}
