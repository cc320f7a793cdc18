//! The workbench's screens of the annual catalogue (issue 13), for the office that runs it and
//! the units that submit to it: the organ's catalogues, and one catalogue with its items, the
//! units' submissions waiting for the office, its published versions and its timeline. Each act
//! is a form drawn by the one renderer ([`super::workbench`]); the links fill in which item or
//! submission it is about.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

use super::WebState;
use super::console::{server_error, signed_in_official, who};
use super::layout::console_page;
use super::public::{Caching, html_page};
use crate::procedure::Sight;
use crate::procedure::access::may_act_on_catalogue;
use crate::procedure::catalogue::{
    Catalogue, CatalogueAct, CatalogueEvent, ItemStatus, SubmissionStatus,
};
use crate::service::{Caller, ServiceError};

/// The catalogue's acts a page offers, in the order of the year — submit, discuss, consent,
/// publish, report; adjustments and carrying over later — each with the act the access rule
/// judges it as.
const ACTS: [(&str, CatalogueAct); 8] = [
    ("submitCatalogueItem", CatalogueAct::Submit),
    ("recordCatalogueDiscussion", CatalogueAct::RecordDiscussion),
    ("recordCatalogueConsent", CatalogueAct::RecordConsent),
    ("publishCatalogue", CatalogueAct::Publish),
    ("publishCatalogueReport", CatalogueAct::PublishReport),
    ("submitCatalogueAmendment", CatalogueAct::Submit),
    ("submitCatalogueWithdrawal", CatalogueAct::Submit),
    ("carryOverCatalogueItem", CatalogueAct::CarryOver),
];

fn page(status: StatusCode, title: &str, caller: &Caller, body: Markup) -> Response {
    html_page(
        status,
        Caching::Private,
        None,
        console_page(title, who(caller), body),
    )
}

pub(super) async fn list(State(web): State<WebState>, headers: HeaderMap) -> Response {
    let caller = match signed_in_official(&web, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let mut all = match web.service.catalogues(&caller).await {
        Ok(c) => c,
        Err(e) => return server_error(&e.chain()),
    };
    // The own organ's (whose record the caller sees) first, the newest year first.
    all.sort_by_key(|c| (c.sight != Sight::Record, -c.catalogue.year));
    let body = html! {
        h1 { "年度重大行政决策事项目录" }
        p { a href="/console/acts/openCatalogue" { "编制新的年度目录" } }
        @if all.is_empty() {
            p { "目前没有您可以查阅的目录。" }
        } @else {
            div.table-box {
                table {
                    caption { "目录" }
                    thead { tr {
                        th scope="col" { "年度" } th scope="col" { "目录" } th scope="col" { "事项数" }
                        th scope="col" { "已公布版本" } th scope="col" { "办理进度" }
                    } }
                    tbody {
                        @for seen in &all {
                            @let c = &seen.catalogue;
                            tr {
                                td.n { (c.year) }
                                td {
                                    @if seen.sight == Sight::Record {
                                        a href=(format!("/console/catalogues/{}", c.id)) { (c.title.as_str()) }
                                    } @else {
                                        a href=(format!("/catalogues/{}.html?organ={}", c.year, c.organ)) { (c.title.as_str()) }
                                    }
                                }
                                td.n { (c.items.iter().filter(|i| i.is_active()).count()) }
                                td.n { (c.versions.len()) }
                                td { (c.revision.step.label()) }
                            }
                        }
                    }
                }
            }
        }
    };
    page(StatusCode::OK, "年度目录", &caller, body)
}

#[derive(Debug, Deserialize)]
pub(super) struct Done {
    done: Option<String>,
}

pub(super) async fn catalogue(
    State(web): State<WebState>,
    Path(id): Path<String>,
    Query(done): Query<Done>,
    headers: HeaderMap,
) -> Response {
    let caller = match signed_in_official(&web, &headers).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let found = async {
        let seen = web.service.catalogue(&caller, &id).await?;
        if seen.sight != Sight::Record {
            return Err(ServiceError::NotFound("该目录"));
        }
        let history = web.service.catalogue_history(&caller, &id).await?;
        Ok((seen.catalogue, history))
    }
    .await;
    let (c, history) = match found {
        Ok(found) => found,
        Err(ServiceError::NotFound(_)) => {
            return page(
                StatusCode::NOT_FOUND,
                "未找到",
                &caller,
                html! { h1 { "未找到" } p { "该目录不存在，或者不是本机关的目录。" } p { a href="/console/catalogues" { "返回目录列表" } } },
            );
        }
        Err(e) => return server_error(&e.chain()),
    };
    // Only the acts the official's post allows (units submit, the catalogue's office does the
    // rest): the same rule that would refuse the others.
    let official = match caller.official() {
        Ok(o) => o.clone(),
        Err(e) => return server_error(&e.chain()),
    };
    let may = |a: CatalogueAct| may_act_on_catalogue(&official, a, &c, None).is_ok();
    let office = may(CatalogueAct::Accept);
    let unit = may(CatalogueAct::Submit);
    let act = |mutation: &str, query: &str| {
        format!("/console/catalogues/{}/acts/{mutation}{query}", c.id)
    };
    let body = html! {
        p.meta { a href="/console" { "我的工作" } " › " a href="/console/catalogues" { "年度目录" } }
        h1 { (c.title.as_str()) }
        @if let Some(m) = &done.done {
            div.ok role="status" { p { "已办理：" (super::workbench::title(m)) "。" } }
        }
        dl.facts {
            dt { "年度" } dd { (c.year) }
            dt { "办理进度" } dd { "第" (c.revision.number) "稿，" (c.revision.step.label()) }
            dt { "版本" } dd { (c.version) }
            dt { "已公布" } dd {
                @if c.versions.is_empty() { "尚未公布" }
                @for v in &c.versions {
                    a href=(format!("/catalogues/{}.html?organ={}&version={}", c.year, c.organ, v.number)) { "第" (v.number) "版" } " "
                }
            }
        }
        section aria-labelledby="acts" {
            h2 id="acts" { "办理" }
            @let open: Vec<&str> = ACTS.iter().filter(|(_, a)| may(*a)).map(|(m, _)| *m).collect();
            @if open.is_empty() {
                p { "您的职务不办理目录事项。" }
            }
            ul.acts {
                @for m in open {
                    li { a href=(act(m, "")) { (super::workbench::title(m)) } }
                }
            }
        }
        (submissions(&c, &act, office))
        (items(&c, &act, office, unit))
        section aria-labelledby="history" {
            h2 id="history" { "办理记录" }
            ol.timeline {
                @for e in history.iter().rev() {
                    li {
                        strong { (CatalogueEvent::from_record(&e.kind, &e.payload).map(|ev| ev.label()).unwrap_or("其他事项")) }
                        " " span.meta { @if let Some(on) = e.occurred_on { (on) "，" } (e.actor.unit) " " (e.actor.name) }
                    }
                }
            }
        }
    };
    page(StatusCode::OK, c.title.as_str(), &caller, body)
}

fn submissions(c: &Catalogue, act: &dyn Fn(&str, &str) -> String, office: bool) -> Markup {
    html! {
        section aria-labelledby="submissions" {
            h2 id="submissions" { "单位申报" }
            @if c.submissions.is_empty() {
                p { "尚无申报。" }
            } @else {
                div.table-box {
                    table {
                        caption { "申报及其处理" }
                        thead { tr {
                            th scope="col" { "申报" } th scope="col" { "事项" } th scope="col" { "申报单位" }
                            th scope="col" { "申报日期" } th scope="col" { "处理" }
                        } }
                        tbody {
                            @for s in &c.submissions {
                                tr {
                                    td { (s.change.label()) }
                                    td { @match &s.change {
                                        crate::procedure::catalogue::Change::Add { fields }
                                        | crate::procedure::catalogue::Change::Amend { fields, .. } => (fields.name.as_str()),
                                        crate::procedure::catalogue::Change::Withdraw { item_id } => {
                                            (c.items.iter().find(|i| &i.id == item_id).map_or(item_id.as_str(), |i| i.fields.name.as_str()))
                                        },
                                    } }
                                    td { (s.unit.as_str()) }
                                    td.n { (s.submitted_on) }
                                    td { @match &s.status {
                                        SubmissionStatus::Pending if !office => { "待处理" },
                                        SubmissionStatus::Pending => {
                                            a href=(act("acceptCatalogueSubmission", &format!("?input.submissionId={}", s.id))) { "采纳" }
                                            " · "
                                            a href=(act("rejectCatalogueSubmission", &format!("?input.submissionId={}", s.id))) { "不予采纳" }
                                        },
                                        SubmissionStatus::Accepted { accepted_on, .. } => { "已采纳（" (accepted_on) "）" },
                                        SubmissionStatus::Rejected { rejected_on, reason } => { "不予采纳（" (rejected_on) "）：" (reason.as_str()) },
                                    } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn items(c: &Catalogue, act: &dyn Fn(&str, &str) -> String, office: bool, unit: bool) -> Markup {
    html! {
        section aria-labelledby="items" {
            h2 id="items" { "目录事项" }
            @if c.items.is_empty() {
                p { "目录尚无事项。" }
            } @else {
                div.table-box {
                    table {
                        caption { "事项（含已撤出的）" }
                        thead { tr {
                            th scope="col" { "序号" } th scope="col" { "事项名称" } th scope="col" { "承办单位" }
                            th scope="col" { "类别" } th scope="col" { "计划完成时间" } th scope="col" { "状态" }
                        } }
                        tbody {
                            @for (n, i) in c.items.iter().enumerate() {
                                tr {
                                    td.n { (n + 1) }
                                    td { (i.fields.name.as_str()) }
                                    td { (i.fields.lead_unit.as_str()) }
                                    td { (i.fields.kind.label()) }
                                    td.n { (i.fields.planned.label()) }
                                    td { @match &i.status {
                                        ItemStatus::Active => {
                                            "列入目录"
                                            @if unit {
                                                " "
                                                a href=(act("submitCatalogueAmendment", &format!("?input.itemId={}", i.id))) { "申报调整" }
                                                " · "
                                                a href=(act("submitCatalogueWithdrawal", &format!("?input.itemId={}", i.id))) { "申报撤出" }
                                            }
                                            @if office {
                                                " "
                                                a href=(act("carryOverCatalogueItem", &format!("?input.itemId={}", i.id))) { "结转" }
                                            }
                                        },
                                        ItemStatus::Withdrawn { withdrawn_on, reason } => { "已撤出（" (withdrawn_on) "）：" (reason.as_str()) },
                                    } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
