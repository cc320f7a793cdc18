//! The workbench's page of one decision and the forms of its acts (issue 13).
//!
//! `/console/decisions/{id}` shows what the official may do now (and, for what the procedure
//! still blocks, the rule and the article's words), the deadlines, the drafting tracks, the
//! documents and the timeline of the record. `/console/decisions/{id}/acts/{mutation}` draws
//! the act's form with [`Forms`] and, posted, does the act through the API's own schema — the
//! same parsing, rules and error codes as a system calling GraphQL, so the workbench cannot
//! drift from the API. A refusal comes back onto the form, with the rule and the article's
//! text; a version conflict says who acted meanwhile and what they did.
//!
//! What the official may see is the service's to decide: a decision outside the caller's sight
//! is "not found" here exactly as over the API.

use std::collections::BTreeMap;

use async_graphql::{Request, UploadValue, Variables};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::WebState;
use super::console::{same_origin, server_error, signed_in_official, stale_form, who};
use super::forms::{Act, Choices, FieldErrors, MORE, POSTED, Values};
use super::layout::{console_page, csrf_ok, csrf_token};
use super::public::{Caching, html_page};
use crate::graphql::DbShare;
use crate::procedure::catalogue::{CatalogueAct, CatalogueEvent};
use crate::procedure::rulebook::{Source, entry};
use crate::procedure::{self, CommandKind, Decision, Event, Next, Rule, TrackState};
use crate::service::{
    Caller, CatalogueRecord, Comment, DeadlineToday, MessageKind, RecordedEvent, ServiceError,
};

/// The act a decision's page links to: one of the procedure's commands, by its mutation.
fn command_of(mutation: &str) -> Option<CommandKind> {
    CommandKind::ALL
        .into_iter()
        .find(|k| crate::graphql::mutation_name(*k) == mutation)
}

fn page(status: StatusCode, title: &str, caller: &Caller, body: Markup) -> Response {
    html_page(
        status,
        Caching::Private,
        None,
        console_page(title, who(caller), body),
    )
}

fn not_found(caller: &Caller) -> Response {
    page(
        StatusCode::NOT_FOUND,
        "未找到",
        caller,
        html! {
            h1 { "未找到" }
            p { "该决策事项不存在，或者不在您的职责范围内。" }
            p { a href="/console" { "返回我的工作" } }
        },
    )
}

fn failed(caller: &Caller, e: ServiceError) -> Response {
    match e {
        ServiceError::NotFound(_) => not_found(caller),
        ServiceError::Forbidden(_) | ServiceError::OutOfScope { .. } => page(
            StatusCode::FORBIDDEN,
            "无权查看",
            caller,
            html! { h1 { "无权查看" } p { (e.to_string()) } p { a href="/console" { "返回我的工作" } } },
        ),
        e => server_error(&e.chain()),
    }
}

// ---------------------------------------------------------------------------------------------
// The decision's page
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub(super) struct Done {
    done: Option<String>,
}

pub(super) async fn decision(
    State(web): State<WebState>,
    Path(id): Path<String>,
    Query(done): Query<Done>,
    headers: HeaderMap,
) -> Response {
    let caller = match signed_in_official(&web, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let seen = match web.service.decision(&caller, &id).await {
        Ok(s) => s,
        Err(e) => return failed(&caller, e),
    };
    let d = &seen.decision;
    // The record's details are for those whose post covers it; others see the published view.
    let record = seen.sight == procedure::Sight::Record;
    let read = async {
        if !record {
            return Ok(Default::default());
        }
        Ok::<_, ServiceError>((
            web.service.next_acts(&caller, &id).await?,
            web.service.deadlines_of(&caller, &id).await?,
            web.service.history(&caller, &id).await?,
            web.service
                .comments(&caller, &id, MessageKind::Comment)
                .await?,
        ))
    };
    let (next, deadlines, history, comments) = match read.await {
        Ok(r) => r,
        Err(e) => return failed(&caller, e),
    };
    let done = done.done.as_deref().map(title);
    let body = html! {
        p.meta { a href="/console" { "我的工作" } " › 决策事项" }
        h1 { (d.proposal.title.as_str()) }
        @if let Some(label) = done {
            div.ok role="status" { p { "已办理：" (label) "。" } }
        }
        (summary(d))
        @if record {
            (acts(d, &next))
            (deadline_table(&deadlines))
            (tracks(d))
            (opinions(d, &comments))
            (materials(d))
            (timeline(&history))
        } @else {
            p { "您可以查阅该决策的公开信息；办理记录仅对承办、审查和决策机关的有关人员开放。" }
        }
    };
    page(StatusCode::OK, d.proposal.title.as_str(), &caller, body)
}

fn summary(d: &Decision) -> Markup {
    html! {
        dl.facts {
            dt { "编号" } dd { code { (d.id) } }
            dt { "决策机关" } dd { (d.organ()) }
            dt { "承办单位" } dd { (d.units_in_charge().join("、")) }
            dt { "所处阶段" } dd { (d.stage.label()) }
            dt { "版本" } dd { (d.version) }
        }
    }
}

fn acts(d: &Decision, next: &[procedure::NextAct]) -> Markup {
    let (open, blocked): (Vec<_>, Vec<_>) = next.iter().partition(|n| n.next == Next::Available);
    html! {
        section aria-labelledby="acts" {
            h2 id="acts" { "可办理事项" }
            @if open.is_empty() && blocked.is_empty() {
                p { "您目前没有可以办理的事项。" }
            }
            @if !open.is_empty() {
                ul.acts {
                    @for n in &open {
                        li { a href=(act_href(&d.id, n.kind)) { (n.kind.label()) } " " span.meta { "（以" (n.role.label()) "身份）" } }
                    }
                }
            }
            @if !blocked.is_empty() {
                h3 { "尚不能办理" }
                ul.blocked {
                    @for n in &blocked {
                        li {
                            a href=(act_href(&d.id, n.kind)) { (n.kind.label()) }
                            @if let Next::Blocked(r) = &n.next {
                                p.why { (r.to_string()) }
                                @if let procedure::Refusal::Rule { rule, .. } = r {
                                    (article(*rule))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn act_href(id: &str, kind: CommandKind) -> String {
    format!(
        "/console/decisions/{id}/acts/{}",
        crate::graphql::mutation_name(kind)
    )
}

/// A rule's article and its words as the regulation prints them, folded under a summary.
fn article(rule: Rule) -> Markup {
    let basis = match entry(rule).source {
        Source::Regulation(quotes) => html! {
            @for q in quotes {
                blockquote { p { strong { (q.cite) } } @for para in q.text.lines() { p { (para) } } }
            }
        },
        Source::Provincial(why) | Source::Engine(why) => html! { p { (why) } },
    };
    html! {
        details.article {
            summary {
                "规则 " code { (rule.id()) }
                @if let Some(a) = rule.article() { "，依据《重大行政决策程序暂行条例》" (a) }
            }
            (basis)
        }
    }
}

fn deadline_table(deadlines: &[DeadlineToday]) -> Markup {
    html! {
        section aria-labelledby="deadlines" {
            h2 id="deadlines" { "办理期限" }
            @if deadlines.is_empty() {
                p { "目前没有计算出的期限。" }
            } @else {
                div.table-box {
                    table {
                        caption { "期限（按本决策适用的工作日历计算）" }
                        thead { tr {
                            th scope="col" { "期限" } th scope="col" { "截止日期" }
                            th scope="col" { "剩余天数" } th scope="col" { "剩余工作日" }
                            th scope="col" { "状态" } th scope="col" { "依据" }
                        } }
                        tbody {
                            @for dl in deadlines {
                                tr.late[dl.is_late()] {
                                    th scope="row" { (dl.deadline.kind.label()) }
                                    td.n { @match &dl.deadline.due { Ok(d) => (d), Err(_) => "无法计算" } }
                                    td.n { @if let Some(n) = dl.days_remaining { (n) } }
                                    td.n { @if let Some(n) = dl.working_days_remaining { (n) } }
                                    td { (dl.status.label()) }
                                    td { @if let Some(a) = dl.deadline.rule.article() { (a) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn tracks(d: &Decision) -> Markup {
    html! {
        section aria-labelledby="tracks" {
            h2 id="tracks" { "起草程序" }
            div.table-box {
                table {
                    caption { "决策草案起草阶段的各项程序" }
                    thead { tr { th scope="col" { "程序" } th scope="col" { "状态" } } }
                    tbody {
                        @for t in procedure::Track::ALL {
                            tr {
                                th scope="row" { (t.label()) }
                                td { @match d.tracks.get(t) {
                                    TrackState::Pending => "未开展",
                                    TrackState::InProgress => "进行中",
                                    TrackState::Done => "已完成",
                                    TrackState::NotRequired { basis } => { "无需开展：" (basis.as_str()) },
                                } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The opinions the consultation received, through the engine and by other channels, each with
/// its answer or the link to give one (Art. 18).
fn opinions(d: &Decision, comments: &[Comment]) -> Markup {
    let Some(c) = &d.consultation else {
        return html! {};
    };
    let dispose = |id: &str| {
        format!(
            "/console/decisions/{}/acts/disposeComment?input.commentId={id}",
            d.id
        )
    };
    let answer = |id: &str| match c.dispositions.get(id) {
        Some(disp) => html! { (disp.outcome.label()) "：" (disp.reason.as_str()) },
        None if c.hidden.contains_key(id) => html! { "已屏蔽" },
        None => html! { a href=(dispose(id)) { "处理此意见" } },
    };
    html! {
        section aria-labelledby="opinions" {
            h2 id="opinions" { "收到的意见" }
            @if comments.is_empty() && c.received.is_empty() {
                p { "尚未收到意见。" }
            } @else {
                div.table-box {
                    table {
                        caption { "公众意见及其处理" }
                        thead { tr { th scope="col" { "编号" } th scope="col" { "意见" } th scope="col" { "途径" } th scope="col" { "处理" } } }
                        tbody {
                            @for m in comments {
                                tr { td { code { (m.id) } } td { (m.body) } td { "本系统" } td { (answer(&m.id)) } }
                            }
                            @for r in &c.received {
                                tr { td { code { (r.id) } } td { (r.body.as_str()) } td { (r.received_on) } td { (answer(&r.id)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn materials(d: &Decision) -> Markup {
    html! {
        section aria-labelledby="materials" {
            h2 id="materials" { "材料" }
            @if d.materials.is_empty() {
                p { "尚未附上材料。" }
            } @else {
                ol.list {
                    @for m in &d.materials {
                        li {
                            a href=(format!("/console/decisions/{}/materials/{}", d.id, m.sha256)) { (m.name.as_str()) }
                            " （" (m.kind.label()) "，" (m.dated) "，" (m.size) " 字节）"
                        }
                    }
                }
            }
        }
    }
}

fn timeline(history: &[RecordedEvent]) -> Markup {
    html! {
        section aria-labelledby="history" {
            h2 id="history" { "办理记录" }
            ol.timeline {
                @for e in history.iter().rev() {
                    @let event = Event::from_record(&e.kind, &e.payload).ok();
                    li {
                        strong { (event.as_ref().map_or("其他事项", Event::label)) }
                        // The document an act brought to the record (Art. 33), to open from here.
                        @if let Some(Event::MaterialAttached(m)) = &event {
                            "：" a href=(format!("/console/decisions/{}/materials/{}", e.decision_id, m.sha256)) { (m.name.as_str()) }
                            "（" (m.kind.label()) "）"
                        }
                        " " span.meta {
                            @if let Some(on) = e.occurred_on { (on) "，" }
                            (e.actor.unit) " " (e.actor.name) "（" (e.actor.role.label()) "）"
                            @if let Some(p) = &e.actor.on_behalf_of { "，代" (p.name) }
                            "，记录于 " (e.recorded_at.with_timezone(&beijing()).format("%Y-%m-%d %H:%M"))
                        }
                    }
                }
            }
        }
    }
}

fn event_label(e: &RecordedEvent) -> &'static str {
    Event::from_record(&e.kind, &e.payload)
        .map(|ev| ev.label())
        .unwrap_or("其他事项")
}

/// The values a catalogue act's id fields may take: the submissions pending, the items in force.
fn catalogue_choices(c: &procedure::catalogue::Catalogue) -> Choices {
    use procedure::catalogue::{Change, ItemStatus, SubmissionStatus};
    let pending = c
        .submissions
        .iter()
        .filter(|s| s.status == SubmissionStatus::Pending)
        .map(|s| {
            let name = match &s.change {
                Change::Add { fields } | Change::Amend { fields, .. } => fields.name.as_str(),
                Change::Withdraw { item_id } => c
                    .items
                    .iter()
                    .find(|i| &i.id == item_id)
                    .map_or(item_id.as_str(), |i| i.fields.name.as_str()),
            };
            (
                s.id.clone(),
                format!("{}：{}（{}）", s.change.label(), name, s.unit.as_str()),
            )
        })
        .collect();
    let items = c
        .items
        .iter()
        .filter(|i| matches!(i.status, ItemStatus::Active))
        .map(|i| (i.id.clone(), i.fields.name.as_str().to_owned()))
        .collect();
    Choices::from([("submissionId", pending), ("itemId", items)])
}

fn catalogue_event_label(e: &CatalogueRecord) -> &'static str {
    CatalogueEvent::from_record(&e.kind, &e.payload)
        .map(|ev| ev.label())
        .unwrap_or("其他事项")
}

fn beijing() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!("a valid offset"))
}

// ---------------------------------------------------------------------------------------------
// An act's form
// ---------------------------------------------------------------------------------------------

/// What an act's form works on: a decision, a catalogue, or a record the act creates.
#[derive(Debug, Clone)]
enum Target {
    Decision(String),
    Catalogue(String),
    New,
}

impl Target {
    /// Whether `act` is done on this kind of record through the workbench.
    fn takes(&self, act: &Act) -> bool {
        match self {
            Target::Decision(_) => command_of(&act.mutation).is_some(),
            Target::Catalogue(_) => act.returns == "Catalogue" && act.mutation != "openCatalogue",
            Target::New => NEW_RECORDS.contains(&act.mutation.as_str()),
        }
    }

    /// Where the form posts.
    fn action(&self, mutation: &str) -> String {
        match self {
            Target::Decision(id) => format!("/console/decisions/{id}/acts/{mutation}"),
            Target::Catalogue(id) => format!("/console/catalogues/{id}/acts/{mutation}"),
            Target::New => format!("/console/acts/{mutation}"),
        }
    }

    /// The input's fields that name the record: the page's, never the form's to change.
    fn fixed(&self) -> BTreeMap<&'static str, String> {
        match self {
            Target::Decision(id) => BTreeMap::from([("decisionId", id.clone())]),
            Target::Catalogue(id) => BTreeMap::from([("catalogueId", id.clone())]),
            Target::New => BTreeMap::new(),
        }
    }

    /// The record's page, to go back to.
    fn page(&self) -> String {
        match self {
            Target::Decision(id) => format!("/console/decisions/{id}"),
            Target::Catalogue(id) => format!("/console/catalogues/{id}"),
            Target::New => "/console".to_owned(),
        }
    }
}

/// The acts that create a record: a decision proposed, a year's catalogue opened.
const NEW_RECORDS: [&str; 2] = ["proposeDecision", "openCatalogue"];

/// The act's name as officials say it.
pub(super) fn title(mutation: &str) -> &'static str {
    if let Some(k) = command_of(mutation) {
        return k.label();
    }
    use CatalogueAct as C;
    match mutation {
        "proposeDecision" => "提出决策事项",
        "openCatalogue" => C::Open.label(),
        "submitCatalogueItem" => C::Submit.label(),
        "submitCatalogueAmendment" => "申报调整目录事项",
        "submitCatalogueWithdrawal" => "申报撤出目录事项",
        "acceptCatalogueSubmission" => C::Accept.label(),
        "rejectCatalogueSubmission" => C::Reject.label(),
        "recordCatalogueDiscussion" => C::RecordDiscussion.label(),
        "recordCatalogueConsent" => C::RecordConsent.label(),
        "publishCatalogue" => C::Publish.label(),
        "carryOverCatalogueItem" => C::CarryOver.label(),
        "publishCatalogueReport" => C::PublishReport.label(),
        "importCatalogue" => C::Import.label(),
        _ => "办理事项",
    }
}

/// The record as the form needs it: its title, where it stands, its version, its last event.
struct Standing {
    heading: String,
    version: u64,
    seq: i64,
    /// For a decision, its current draft: the one a meeting or a review is about.
    draft_version: Option<u32>,
    /// What the act's id fields may name on this record.
    choices: Choices,
    /// For a decision: whether the procedure lets the act be done now, and if not, why.
    next: Option<Option<procedure::NextAct>>,
}

/// What went wrong when the act was done, as the form shows it.
enum Outcome {
    /// Fields to put right before anything is sent.
    Fields(FieldErrors),
    /// The engine's refusal: its message, code, and the rule if one.
    Refused {
        message: String,
        code: String,
        rule: Option<Rule>,
    },
    /// Someone acted on the record since the form was drawn.
    Conflict {
        since: Vec<(&'static str, String, chrono::DateTime<chrono::Utc>)>,
    },
}

pub(super) async fn decision_act_form(
    State(web): State<WebState>,
    Path((id, mutation)): Path<(String, String)>,
    Query(prefill): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    act_form(web, headers, Target::Decision(id), mutation, prefill).await
}

/// A decision's act posted: a plain form, or for an act that takes a document (a material,
/// Art. 33) a multipart form with the file.
pub(super) async fn decision_act_post(
    State(web): State<WebState>,
    Path((id, mutation)): Path<(String, String)>,
    request: axum::extract::Request,
) -> Response {
    let headers = request.headers().clone();
    let (pairs, file) = match read_post(request).await {
        Ok(read) => read,
        Err(r) => return r,
    };
    act_post(web, headers, Target::Decision(id), mutation, pairs, file).await
}

/// A posted form's fields, and the file it carries, if it is multipart: the file spooled to a
/// temporary file as it arrives (the body's limit, the material limit, bounds it), never held
/// whole in memory.
async fn read_post(
    request: axum::extract::Request,
) -> Result<(Vec<(String, String)>, Option<UploadValue>), Response> {
    use axum::extract::FromRequest;
    let multipart = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("multipart/form-data"));
    if !multipart {
        let axum::Form(pairs) = axum::Form::<Vec<(String, String)>>::from_request(request, &())
            .await
            .map_err(IntoResponse::into_response)?;
        return Ok((pairs, None));
    }
    let mut form = axum::extract::Multipart::from_request(request, &())
        .await
        .map_err(IntoResponse::into_response)?;
    let mut pairs = Vec::new();
    let mut file = None;
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        (e.status(), format!("上传的表单无法读取：{}", e.body_text())).into_response()
    };
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let filename = field.file_name().unwrap_or_default().to_owned();
            // A file input left empty still sends a part, without a name.
            if filename.is_empty() {
                continue;
            }
            let content_type = field.content_type().map(ToOwned::to_owned);
            let spool = tempfile::tempfile().map_err(|e| server_error(&e.to_string()))?;
            let mut out = tokio::fs::File::from_std(spool);
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                tokio::io::AsyncWriteExt::write_all(&mut out, &chunk)
                    .await
                    .map_err(|e| server_error(&e.to_string()))?;
            }
            let mut content = out.into_std().await;
            std::io::Seek::rewind(&mut content).map_err(|e| server_error(&e.to_string()))?;
            file = Some(UploadValue {
                filename,
                content_type,
                content,
            });
        } else {
            let value = field.text().await.map_err(unreadable)?;
            pairs.push((name, value));
        }
    }
    Ok((pairs, file))
}

pub(super) async fn catalogue_act_form(
    State(web): State<WebState>,
    Path((id, mutation)): Path<(String, String)>,
    Query(prefill): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    act_form(web, headers, Target::Catalogue(id), mutation, prefill).await
}

pub(super) async fn catalogue_act_post(
    State(web): State<WebState>,
    Path((id, mutation)): Path<(String, String)>,
    headers: HeaderMap,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    act_post(web, headers, Target::Catalogue(id), mutation, pairs, None).await
}

pub(super) async fn new_act_form(
    State(web): State<WebState>,
    Path(mutation): Path<String>,
    Query(prefill): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    act_form(web, headers, Target::New, mutation, prefill).await
}

pub(super) async fn new_act_post(
    State(web): State<WebState>,
    Path(mutation): Path<String>,
    headers: HeaderMap,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    act_post(web, headers, Target::New, mutation, pairs, None).await
}

/// The act's form, fresh; a link may fill some of its fields (`?input.commentId=…`).
async fn act_form(
    web: WebState,
    headers: HeaderMap,
    target: Target,
    mutation: String,
    prefill: Vec<(String, String)>,
) -> Response {
    let caller = match signed_in_official(&web, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some(act) = web.forms.act(&mutation).filter(|a| target.takes(a)) else {
        return not_found(&caller);
    };
    let form = Form {
        web: &web,
        caller: &caller,
        headers: &headers,
        target: &target,
        act,
    };
    let values = Values::from_pairs(prefill.into_iter().filter(|(k, _)| k.starts_with("input.")));
    form.draw(values, None, StatusCode::OK).await
}

async fn act_post(
    web: WebState,
    headers: HeaderMap,
    target: Target,
    mutation: String,
    pairs: Vec<(String, String)>,
    file: Option<UploadValue>,
) -> Response {
    let caller = match signed_in_official(&web, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some(act) = web.forms.act(&mutation).filter(|a| target.takes(a)) else {
        return not_found(&caller);
    };
    let values = Values::from_pairs(pairs);
    if !same_origin(&headers) || !csrf_ok(&headers, values.first("csrf").unwrap_or("")) {
        return stale_form();
    }
    let form = Form {
        web: &web,
        caller: &caller,
        headers: &headers,
        target: &target,
        act,
    };
    if values.first(MORE).is_some() {
        return form.draw(values, None, StatusCode::OK).await;
    }
    let mut fixed = target.fixed();
    for name in ["expectedVersion", "idempotencyKey"] {
        if let Some(v) = values.first(&format!("input.{name}")) {
            fixed.insert(name, v.to_owned());
        }
    }
    let parsed = match web.forms.parse(act, &values, &fixed) {
        Ok(_) if act.upload && file.is_none() => Err(FieldErrors::from([(
            "file".to_owned(),
            "请选择要上传的文件".to_owned(),
        )])),
        other => other,
    };
    let input = match parsed {
        Ok(input) => input,
        Err(errors) => {
            let outcome = Some(Outcome::Fields(errors));
            return form
                .draw(values, outcome, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    match run(&web, &caller, act, input, file).await {
        Ok(created) => {
            let page = match (&target, created) {
                (Target::New, Some(id)) if act.returns == "Decision" => {
                    format!("/console/decisions/{id}")
                }
                (Target::New, Some(id)) => format!("/console/catalogues/{id}"),
                (t, _) => t.page(),
            };
            Redirect::to(&format!("{page}?done={mutation}")).into_response()
        }
        Err(Outcome::Conflict { .. }) => {
            let seen: i64 = values
                .first(POSTED)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let since = match form.since(seen).await {
                Ok(s) => s,
                Err(e) => return failed(&caller, e),
            };
            form.draw(
                values,
                Some(Outcome::Conflict { since }),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(outcome) => {
            form.draw(values, Some(outcome), StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
    }
}

/// Does the act through the API's schema as `caller`; the id of the record it returns.
async fn run(
    web: &WebState,
    caller: &Caller,
    act: &Act,
    input: serde_json::Value,
    file: Option<UploadValue>,
) -> Result<Option<String>, Outcome> {
    let selection = match act.returns.as_str() {
        "Decision" | "Catalogue" => "{ id }",
        _ => "{ __typename }",
    };
    let (file_var, file_arg) = if act.upload {
        (", $file: Upload!", ", file: $file")
    } else {
        ("", "")
    };
    let query = format!(
        "mutation Act($input: {}!{file_var}) {{ act: {}(input: $input{file_arg}) {selection} }}",
        act.input, act.mutation
    );
    let mut request = Request::new(query)
        .variables(Variables::from_json(
            serde_json::json!({ "input": input, "file": null }),
        ))
        .data(caller.clone())
        .data(DbShare::per_request());
    if let Some(file) = file {
        request.set_upload("variables.file", file);
    }
    let response = web.schema.execute(request).await;
    if let Some(error) = response.errors.into_iter().next() {
        let ext = |k: &str| match error.extensions.as_ref().and_then(|e| e.get(k)) {
            Some(async_graphql::Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        let code = ext("code").unwrap_or_default();
        if code == "VERSION_CONFLICT" {
            return Err(Outcome::Conflict { since: Vec::new() });
        }
        let rule = ext("rule").and_then(|id| Rule::ALL.into_iter().find(|r| r.id() == id));
        return Err(Outcome::Refused {
            message: error.message,
            code,
            rule,
        });
    }
    let data = response.data.into_json().unwrap_or_default();
    Ok(data["act"]["id"].as_str().map(ToOwned::to_owned))
}

/// One act's form, for one official on one record.
struct Form<'a> {
    web: &'a WebState,
    caller: &'a Caller,
    headers: &'a HeaderMap,
    target: &'a Target,
    act: &'a Act,
}

impl Form<'_> {
    async fn standing(&self) -> Result<Option<Standing>, ServiceError> {
        let (web, caller) = (self.web, self.caller);
        Ok(match self.target {
            Target::Decision(id) => {
                let seen = web.service.decision(caller, id).await?;
                if seen.sight != procedure::Sight::Record {
                    return Err(ServiceError::NotFound("该决策"));
                }
                let d = seen.decision;
                let kind = command_of(&self.act.mutation);
                let next = web.service.next_acts(caller, id).await?;
                let seq = web
                    .service
                    .history(caller, id)
                    .await?
                    .last()
                    .map_or(0, |e| e.seq);
                let choices = self.decision_choices(&d).await?;
                Some(Standing {
                    heading: format!(
                        "{}（{}，第{}版）",
                        d.proposal.title.as_str(),
                        d.stage.label(),
                        d.version
                    ),
                    version: d.version,
                    seq,
                    draft_version: d.draft.as_ref().map(|dr| dr.version),
                    choices,
                    next: Some(next.into_iter().find(|n| Some(n.kind) == kind)),
                })
            }
            Target::Catalogue(id) => {
                let c = web.service.catalogue(caller, id).await?.catalogue;
                let seq = web
                    .service
                    .catalogue_history(caller, id)
                    .await?
                    .last()
                    .map_or(0, |e| e.seq);
                Some(Standing {
                    heading: format!("{}（第{}版）", c.title.as_str(), c.version),
                    version: c.version,
                    seq,
                    draft_version: None,
                    choices: catalogue_choices(&c),
                    next: None,
                })
            }
            Target::New => None,
        })
    }

    /// The values the act's id fields may take on this decision.
    async fn decision_choices(&self, d: &Decision) -> Result<Choices, ServiceError> {
        let (web, caller, act) = (self.web, self.caller, self.act);
        let mut choices = Choices::new();
        if web.forms.has_field(act, "counselAccountId") {
            // Art. 28: the review office assigns counsel of its organ; to others the list is
            // not theirs to read, and the act is not theirs to do.
            let counsel = web
                .service
                .counsel_accounts(caller)
                .await
                .unwrap_or_default();
            choices.insert(
                "counselAccountId",
                counsel
                    .into_iter()
                    .map(|o| (o.id.clone(), format!("{}（{}）", o.name, o.unit)))
                    .collect(),
            );
        }
        if web.forms.has_field(act, "authority") {
            let authorities = &d.binding.profile.filing_authorities;
            choices.insert(
                "authority",
                authorities.iter().map(|a| (a.clone(), a.clone())).collect(),
            );
        }
        let (one, many) = (
            web.forms.has_field(act, "commentId"),
            web.forms.has_field(act, "commentIds"),
        );
        if (one || many)
            && let Some(c) = &d.consultation
        {
            // Art. 18: the opinions still waiting for an answer.
            let comments = web
                .service
                .comments(caller, &d.id, MessageKind::Comment)
                .await?;
            let open = |id: &str| !c.dispositions.contains_key(id) && !c.hidden.contains_key(id);
            let options: Vec<(String, String)> = comments
                .iter()
                .map(|m| (m.id.clone(), m.body.clone()))
                .chain(
                    c.received
                        .iter()
                        .map(|r| (r.id.clone(), r.body.as_str().to_owned())),
                )
                .filter(|(id, _)| open(id))
                .map(|(id, body)| {
                    let short: String = body.chars().take(40).collect();
                    (id, short)
                })
                .collect();
            for (has, name) in [(one, "commentId"), (many, "commentIds")] {
                if has {
                    choices.insert(name, options.clone());
                }
            }
        }
        Ok(choices)
    }

    /// What was recorded on the record after event `seen`: who did what, when.
    async fn since(
        &self,
        seen: i64,
    ) -> Result<Vec<(&'static str, String, chrono::DateTime<chrono::Utc>)>, ServiceError> {
        let (web, caller) = (self.web, self.caller);
        Ok(match self.target {
            Target::Decision(id) => web
                .service
                .history(caller, id)
                .await?
                .into_iter()
                .filter(|e| e.seq > seen)
                .map(|e| {
                    (
                        event_label(&e),
                        format!("{} {}", e.actor.unit, e.actor.name),
                        e.recorded_at,
                    )
                })
                .collect(),
            Target::Catalogue(id) => web
                .service
                .catalogue_history(caller, id)
                .await?
                .into_iter()
                .filter(|e| e.seq > seen)
                .map(|e| {
                    (
                        catalogue_event_label(&e),
                        format!("{} {}", e.actor.unit, e.actor.name),
                        e.recorded_at,
                    )
                })
                .collect(),
            Target::New => Vec::new(),
        })
    }

    async fn draw(
        &self,
        mut values: Values,
        outcome: Option<Outcome>,
        status: StatusCode,
    ) -> Response {
        let (web, caller, act) = (self.web, self.caller, self.act);
        let standing = match self.standing().await {
            Ok(s) => s,
            Err(e) => return failed(caller, e),
        };
        // The draft an act is about is the current one (Art. 30 discusses it, a review reads it).
        if values.fresh()
            && let Some(v) = standing.as_ref().and_then(|s| s.draft_version)
        {
            values.default("input.draftVersion", v.to_string());
        }
        // After a conflict the form is redrawn against the record as it now stands; otherwise a
        // posted form keeps the version it was drawn at, so a second conflict is still caught.
        let conflict = matches!(outcome, Some(Outcome::Conflict { .. }));
        let kept = |name: &str| {
            values
                .first(name)
                .filter(|_| !conflict)
                .map(ToOwned::to_owned)
        };
        let mut fixed = self.target.fixed();
        if let Some(s) = &standing {
            let version = kept("input.expectedVersion").unwrap_or_else(|| s.version.to_string());
            fixed.insert("expectedVersion", version);
        }
        let seen_seq =
            kept(POSTED).unwrap_or_else(|| standing.as_ref().map_or(0, |s| s.seq).to_string());
        if web.forms.has_field(act, "idempotencyKey") {
            // A new key each time the form is drawn: a double click sends the act once, and a
            // form put right after a refusal is a new request.
            fixed.insert("idempotencyKey", uuid::Uuid::new_v4().to_string());
        }
        let errors = match &outcome {
            Some(Outcome::Fields(e)) => e.clone(),
            _ => FieldErrors::new(),
        };
        let label = title(&act.mutation);
        let choices = standing
            .as_ref()
            .map(|s| s.choices.clone())
            .unwrap_or_default();
        let (csrf, set_cookie) = csrf_token(self.headers);
        let body = html! {
            p.meta { a href="/console" { "我的工作" } @if let Some(s) = &standing { " › " a href=(self.target.page()) { (s.heading) } } }
            h1 { (label) }
            @if let Some(Some(next)) = standing.as_ref().map(|s| &s.next) {
                @match next {
                    None => div.notice { p { "按照您的职务和决策事项当前所处阶段，您不能办理此事项；提交后系统将说明理由。" } },
                    Some(n) => @if let Next::Blocked(r) = &n.next {
                        div.notice {
                            p { "此事项目前尚不能办理：" (r.to_string()) }
                            @if let procedure::Refusal::Rule { rule, .. } = r { (article(*rule)) }
                        }
                    },
                }
            }
            @match &outcome {
                Some(Outcome::Fields(e)) => div.error role="alert" id="problem" {
                    p { "请更正以下" (e.len()) "处填写后再提交：" }
                    ul { @for (path, msg) in e { li { a href=(format!("#f-{}", path.replace('.', "-"))) { (msg) } } } }
                },
                Some(Outcome::Refused { message, code, rule }) => div.error role="alert" id="problem" {
                    p { strong { "未能办理：" } (message) }
                    p.meta { "错误代码 " code { (code) } }
                    @if let Some(rule) = rule { (article(*rule)) }
                },
                Some(Outcome::Conflict { since }) => div.error role="alert" id="problem" {
                    p {
                        strong { "在您填写期间，已有他人办理了此事项所属的记录" }
                        @if let Some(s) = &standing { "，现为第" (s.version) "版" }
                        "。请核对以下变化后再提交（您填写的内容已保留）："
                    }
                    ul {
                        @for (what, who, at) in since {
                            li { (what) "，" (who) "，" (at.with_timezone(&beijing()).format("%Y-%m-%d %H:%M")) }
                        }
                    }
                },
                None => {},
            }
            form method="post" action=(self.target.action(&act.mutation))
                enctype=[act.upload.then_some("multipart/form-data")] novalidate {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name=(POSTED) value=(seen_seq);
                (web.forms.render(act, &values, &errors, &fixed, &choices, web.service.today()))
                div.actions {
                    button type="submit" { "提交：" (label) }
                    " " a href=(self.target.page()) { "取消" }
                }
            }
        };
        html_page(
            status,
            Caching::Private,
            set_cookie,
            console_page(label, who(caller), body),
        )
    }
}

/// A document of the record, for an official signed in to the workbench (the API's download
/// takes a token; the session's cookie is kept to `/console`).
pub(super) async fn material(
    State(web): State<WebState>,
    Path((id, sha256)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let caller = match signed_in_official(&web, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    match web.service.material(&caller, &id, &sha256).await {
        Ok((m, bytes)) => crate::http::material_download(&m, bytes),
        Err(ServiceError::Invalid(_)) => not_found(&caller),
        Err(e) => failed(&caller, e),
    }
}
