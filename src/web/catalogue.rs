//! The catalogue's pages: the printable catalogue (one published version) and the year-end
//! report, in Chinese, without scripts. maud escapes every value it prints.

use maud::{Markup, html};

use crate::procedure::catalogue::{Catalogue, ChangeKind, ItemStatus, Version};
use crate::tables::PublishedReport;

fn layout(title: &str, organ: &str, body: Markup) -> Markup {
    super::layout::page(title, Some(organ), body)
}

pub(super) fn organ_query(c: &Catalogue) -> String {
    format!("organ={}", url_escape(&c.organ))
}

/// Percent-encodes a query value (the organ's name is Chinese).
fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One published version of the catalogue.
pub fn page(c: &Catalogue, v: &Version) -> Markup {
    let q = organ_query(c);
    let title = c.title.as_str().trim_matches(['《', '》']).to_owned();
    let adjusted = v.number > 1;
    layout(
        &title,
        &c.organ,
        html! {
            h1.center { (title) }
            p.meta.center {
                "第" (v.number) "版"
                @if adjusted { "（调整）" }
                "　" (v.publication.document_number.as_str())
                "　" (v.publication.published_on.format("%Y年%-m月%-d日")) "公布"
            }
            p.meta {
                "经" (v.discussion.session.as_str()) "（" (v.discussion.held_on) "）讨论确定"
                @if let Some(consent) = &v.consent {
                    "，经同级党委同意（" (consent.reference.as_str()) "，" (consent.consented_on) "）"
                }
                "；公布途径：" (v.publication.channels.iter().map(|c| c.as_str()).collect::<Vec<_>>().join("、"))
            }
            nav.versions aria-label="版本与下载" {
                @for other in &c.versions {
                    @if other.number == v.number {
                        span aria-current="page" { "第" (other.number) "版" } " "
                    } @else {
                        a href={ (c.year) ".html?version=" (other.number) "&" (q) } { "第" (other.number) "版" }
                    }
                }
                a href={ (c.year) ".csv?version=" (v.number) "&" (q) } { "下载 CSV" }
                a href={ (c.year) ".json?version=" (v.number) "&" (q) } { "下载 JSON" }
                @if c.report.is_some() {
                    a href={ (c.year) "/report.html?" (q) } { "年度执行情况" }
                }
            }
            div.table-box { table {
                caption { "决策事项（共" (v.listed().count()) "项）" }
                thead {
                    tr {
                        th scope="col" { "序号" }
                        th scope="col" { "决策事项名称" }
                        th scope="col" { "承办单位" }
                        th scope="col" { "决策依据及主要内容" }
                        th scope="col" { "决策程序" }
                        th scope="col" { "是否听证" }
                        th scope="col" { "计划决策时间" }
                        th scope="col" { "备注" }
                    }
                }
                tbody {
                    @for (n, i) in v.listed() {
                        @let f = &i.fields;
                        tr {
                            td.n { (n) }
                            td { (f.name.as_str()) }
                            td {
                                (f.lead_unit.as_str())
                                @if !f.co_units.is_empty() {
                                    br; "（协办：" (f.co_units.iter().map(|u| u.as_str()).collect::<Vec<_>>().join("、")) "）"
                                }
                            }
                            td { (f.basis_and_content.as_str()) }
                            td { (f.procedures.label()) }
                            td.n { @if f.procedures.hearing { "是" } @else { "否" } }
                            td.n { (f.planned.label()) }
                            td {
                                @if let Some(r) = &f.remarks { (r.as_str()) }
                                @if let Some(y) = i.carried_from { " 由" (y) "年度目录结转" }
                            }
                        }
                    }
                }
            } }
            @if adjusted && !v.changes.is_empty() {
                table {
                    caption { "本次调整" }
                    thead { tr { th scope="col" { "事项" } th scope="col" { "调整" } th scope="col" { "理由" } } }
                    tbody {
                        @for ch in &v.changes {
                            @let name = v.items.iter().find(|i| i.id == ch.item_id).map(|i| i.fields.name.as_str()).unwrap_or("");
                            tr {
                                td { (name) }
                                td.n { (match ch.kind { ChangeKind::Added => "新增", ChangeKind::Changed => "调整", ChangeKind::Withdrawn => "撤销" }) }
                                td { @if let Some(r) = &ch.reason { (r.as_str()) } }
                            }
                        }
                    }
                }
            }
            @if v.withdrawn().next().is_some() {
                table {
                    caption { "已撤销的事项" }
                    thead { tr { th scope="col" { "决策事项名称" } th scope="col" { "承办单位" } th scope="col" { "撤销日期" } th scope="col" { "理由" } } }
                    tbody {
                        @for i in v.withdrawn() {
                            @if let ItemStatus::Withdrawn { withdrawn_on, reason } = &i.status {
                                tr {
                                    td { (i.fields.name.as_str()) }
                                    td { (i.fields.lead_unit.as_str()) }
                                    td.n { (withdrawn_on) }
                                    td { (reason.as_str()) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The published year-end report.
pub fn report_page(c: &Catalogue, r: &PublishedReport) -> Markup {
    let q = organ_query(c);
    layout(
        &r.title,
        &c.organ,
        html! {
            h1 { (r.title) }
            p.meta {
                @if let Some(n) = &r.document_number { (n) "　" }
                (r.published_on) "公布；对照目录第" (r.catalogue_version) "版"
            }
            nav.versions aria-label="目录与下载" {
                a href={ "../" (c.year) ".html?" (q) } { "年度目录" }
                a href={ "report.csv?" (q) } { "下载 CSV" }
                a href={ "report.json?" (q) } { "下载 JSON" }
            }
            div.table-box { table {
                caption { "事项完成情况（共" (r.lines.len()) "项）" }
                thead {
                    tr {
                        th scope="col" { "序号" }
                        th scope="col" { "决策事项名称" }
                        th scope="col" { "承办单位" }
                        th scope="col" { "计划决策时间" }
                        th scope="col" { "完成情况" }
                        th scope="col" { "说明" }
                    }
                }
                tbody {
                    @for l in &r.lines {
                        tr {
                            td.n { (l.number) }
                            td { (l.name) }
                            td { (l.lead_unit) }
                            td.n { (l.planned_time) }
                            td.n { (l.outcome) }
                            td { (l.detail) }
                        }
                    }
                }
            } }
        },
    )
}
