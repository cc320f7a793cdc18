//! The year's statistics as a printable Chinese report, as CSV (one row per figure) and as
//! JSON; for officials only, so the route that serves them (`GET /statistics/{year}.html|csv|json`
//! in `http.rs`) resolves the bearer token first, and this module only renders what the service
//! counted.
//!
//! The charts are SVG written here, inline in the page: no script, no font or file from
//! elsewhere, so the report prints and works offline. They use presentation attributes only
//! (`fill`, `stroke`): the pages' Content-Security-Policy forbids inline styles.
//!
//! The drill-down is a list under each figure's anchor at the end of the page (`#f-KEY`), at most
//! [`LISTED`] records each; `?figure=KEY` lists one figure's records in full.

use std::fmt::Write as _;

use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, PreEscaped, html};

use crate::procedure::statistics::{Counted, Figure, Statistics, compare, keys};

/// How many records the report lists under one figure; the rest are behind `?figure=KEY`.
const LISTED: usize = 50;

/// A report as the route asked for it.
pub struct Asked<'a> {
    pub stats: &'a Statistics,
    /// The year shown beside it, if one was asked for (`?compare=2024`).
    pub compared: Option<&'a Statistics>,
    /// Only this figure's records, in full (`?figure=KEY`).
    pub figure: Option<&'a str>,
}

pub fn page(asked: &Asked<'_>) -> Response {
    let markup = match asked.figure {
        Some(key) => match asked.stats.figure(key) {
            Some(f) => drill_page(asked.stats, f),
            None => {
                return super::public::message(
                    StatusCode::NOT_FOUND,
                    "决策统计",
                    "未找到该统计指标",
                );
            }
        },
        None => report(asked.stats, asked.compared),
    };
    super::public::html_page(
        StatusCode::OK,
        super::public::Caching::Private,
        None,
        markup,
    )
}

fn title(s: &Statistics) -> String {
    format!("{}{}年度重大行政决策统计", s.organ, s.year)
}

/// What a figure's ids are, for the reader.
fn counted_noun(c: Counted) -> &'static str {
    match c {
        Counted::Decisions => "决策事项",
        Counted::CatalogueItems => "目录事项",
    }
}

fn anchor(key: &str) -> String {
    format!("f-{key}")
}

fn report(s: &Statistics, other: Option<&Statistics>) -> Markup {
    let t = title(s);
    let rows = other.map(|o| compare(s, o));
    super::layout::page(
        &t,
        Some(&s.organ),
        html! {
            h1.center { (t) }
            p.meta {
                "统计口径：每项数字均由决策记录和年度目录自动计算，按其所计行为本身的日期计入年度"
                "（提出、启动、召开、作出、公布、报送备案等的日期）；“当年提出的决策事项目前所处阶段”按当年提出的事项计；"
                "目录各项为" (s.year) "年度目录最新公布版本所列事项。仅统计本账号可查阅完整记录的决策事项。"
                "重大行政决策情况是考核评价决策机关及其领导人员的重要内容（《重大行政决策程序暂行条例》第九条）。"
            }
            nav.versions aria-label="下载与对比" {
                a href={ (s.year) ".csv" } { "下载 CSV" }
                a href={ (s.year) ".json" } { "下载 JSON" }
                @match other {
                    Some(_) => a href={ (s.year) ".html" } { "取消对比" },
                    None => a href={ (s.year) ".html?compare=" (s.year - 1) } { "与" (s.year - 1) "年对比" },
                }
            }
            h2 { "图表" }
            (PreEscaped(stage_chart(s)))
            (PreEscaped(month_chart(s)))
            (PreEscaped(filing_chart(s)))
            @for (i, sec) in s.sections.iter().enumerate() {
                h2 { (sec.title) }
                div.table-box {
                    table {
                        thead {
                            tr {
                                th scope="col" { "指标" }
                                th scope="col" { (s.year) "年" }
                                @if let Some(o) = other { th scope="col" { (o.year) "年" } }
                                th scope="col" { "单位" }
                            }
                        }
                        tbody {
                            @if let Some(rows) = &rows {
                                @for r in &rows[i].1 {
                                    tr {
                                        td { (r.label) }
                                        td.n { (cell(&r.key, r.this)) }
                                        td.n { @match r.other { Some(v) => (v), None => "—" } }
                                        td.n { (unit_of(s, other, &r.key)) }
                                    }
                                }
                            } @else {
                                @for f in &sec.figures {
                                    tr {
                                        td { (f.label) }
                                        td.n { (cell(&f.key, Some(f.value))) }
                                        td.n { (f.unit) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "明细：各项数字所计的决策事项和目录事项" }
            @for sec in &s.sections {
                @for f in sec.figures.iter().filter(|f| !f.ids.is_empty()) {
                    section id=(anchor(&f.key)) {
                        h3 { (sec.title) "：" (f.label) "（" (f.value) (f.unit) "，涉及" (counted_noun(sec.counted)) (f.ids.len()) "项）" }
                        ul.list {
                            @for id in f.ids.iter().take(LISTED) {
                                li { (s.names.get(id).map_or("", String::as_str)) "（" (id) "）" }
                            }
                        }
                        @if f.ids.len() > LISTED {
                            p.meta { a href={ (s.year) ".html?figure=" (url_escape(&f.key)) } { "全部" (f.ids.len()) "项" } }
                        }
                    }
                }
            }
        },
    )
}

fn unit_of(s: &Statistics, other: Option<&Statistics>, key: &str) -> &'static str {
    s.figure(key)
        .or_else(|| other.and_then(|o| o.figure(key)))
        .map_or("", |f| f.unit)
}

/// A value linked to its drill-down, when it counts anything.
fn cell(key: &str, value: Option<u64>) -> Markup {
    html! {
        @match value {
            Some(0) => "0",
            Some(v) => a href={ "#" (anchor(key)) } { (v) },
            None => "—",
        }
    }
}

fn drill_page(s: &Statistics, f: &Figure) -> Markup {
    let t = format!("{}：{}", title(s), f.label);
    super::layout::page(
        &t,
        Some(&s.organ),
        html! {
            h1 { (t) }
            p.meta { (f.value) (f.unit) "　" a href={ (s.year) ".html" } { "返回统计报告" } }
            ul.list {
                @for id in &f.ids {
                    li { (s.names.get(id).map_or("", String::as_str)) "（" (id) "）" }
                }
            }
        },
    )
}

/// Percent-encodes a query value (a figure's key may name a unit in Chinese).
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

/// Text for SVG, escaped as XML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const BAR: &str = "#0b4fa3";
const LATE: &str = "#b91c1c";
const AXIS: &str = "#555";

/// Decisions proposed in the year by the stage they stand in now: one horizontal bar each.
fn stage_chart(s: &Statistics) -> String {
    let bars: Vec<&Figure> = s
        .section("stages")
        .map(|sec| sec.figures.iter().collect())
        .unwrap_or_default();
    let max = bars.iter().map(|f| f.value).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row) = (130.0, 420.0, 26.0);
    let height = row * bars.len() as f64 + 40.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 640 {height}" width="100%" aria-labelledby="chart-stages"><title id="chart-stages">{}年提出的决策事项目前所处阶段</title>"##,
        s.year
    );
    for (i, f) in bars.iter().enumerate() {
        let y = 10.0 + row * i as f64;
        let w = bar_w * f.value as f64 / max as f64;
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="end" fill="#1a1a1a">{}</text><rect x="{label_w}" y="{y}" width="{w:.1}" height="18" fill="{BAR}"/><text x="{:.1}" y="{}" font-size="13" fill="#1a1a1a">{}</text>"##,
            label_w - 6.0,
            y + 14.0,
            esc(&f.label),
            label_w + w + 6.0,
            y + 14.0,
            f.value
        );
    }
    let _ = write!(
        svg,
        r##"</svg><figcaption>图1　{}年提出的决策事项按目前所处阶段分布（件）</figcaption></figure>"##,
        s.year
    );
    svg
}

/// Legality review opinions issued per month: twelve vertical bars.
fn month_chart(s: &Statistics) -> String {
    let months: Vec<u64> = (1..=12)
        .map(|m| {
            s.figure(&format!("{}{m:02}", keys::REVIEWS_MONTH_PREFIX))
                .map_or(0, |f| f.value)
        })
        .collect();
    let max = months.iter().copied().max().unwrap_or(0).max(1);
    let (left, base, top, slot) = (40.0, 190.0, 20.0, 48.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 640 230" width="100%" aria-labelledby="chart-reviews"><title id="chart-reviews">{}年每月出具合法性审查意见</title><line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="{AXIS}"/>"##,
        s.year,
        left + slot * 12.0
    );
    for (i, v) in months.iter().enumerate() {
        let h = (base - top) * *v as f64 / max as f64;
        let x = left + slot * i as f64 + 8.0;
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="{:.1}" width="32" height="{h:.1}" fill="{BAR}"/><text x="{}" y="{}" font-size="13" text-anchor="middle" fill="#1a1a1a">{}月</text><text x="{}" y="{:.1}" font-size="13" text-anchor="middle" fill="#1a1a1a">{v}</text>"##,
            base - h,
            x + 16.0,
            base + 18.0,
            i + 1,
            x + 16.0,
            base - h - 4.0
        );
    }
    let _ = write!(
        svg,
        r##"</svg><figcaption>图2　{}年每月出具的合法性审查意见（件）</figcaption></figure>"##,
        s.year
    );
    svg
}

/// Filings on time and late, as one bar split in two, with the on-time rate.
fn filing_chart(s: &Statistics) -> String {
    let on_time = s.figure(keys::FILED_ON_TIME).map_or(0, |f| f.value);
    let late = s.figure(keys::FILED_LATE).map_or(0, |f| f.value);
    let rate = s.figure(keys::FILING_RATE).map_or(0, |f| f.value);
    let total = (on_time + late).max(1);
    let width = 560.0;
    let w_on = width * on_time as f64 / total as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 640 90" width="100%" aria-labelledby="chart-filing"><title id="chart-filing">{}年按时备案率{rate}%</title><rect x="40" y="10" width="{w_on:.1}" height="30" fill="{BAR}"/><rect x="{:.1}" y="10" width="{:.1}" height="30" fill="{LATE}"/><text x="40" y="62" font-size="13" fill="#1a1a1a">按时备案 {on_time} 件</text><text x="600" y="62" font-size="13" text-anchor="end" fill="#1a1a1a">逾期备案 {late} 件</text><text x="320" y="82" font-size="14" text-anchor="middle" fill="#1a1a1a">按时备案率 {rate}%</text></svg><figcaption>图3　{}年报送备案的按时情况</figcaption></figure>"##,
        s.year,
        40.0 + w_on,
        width - w_on,
        s.year
    );
    if on_time + late == 0 {
        // Nothing filed: an empty bar, not a red one.
        svg = svg.replace(&format!(r#"fill="{LATE}""#), r##"fill="#ddd""##);
    }
    svg
}

/// One row per figure: 部分, 指标, 数值, 单位, 代码, 所计记录 — UTF-8 with a byte-order mark, so
/// that Excel reads the Chinese.
pub fn csv(s: &Statistics) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![
        ["部分", "指标", "数值", "单位", "代码", "所计记录"]
            .map(str::to_owned)
            .to_vec(),
    ];
    for sec in &s.sections {
        for f in &sec.figures {
            rows.push(vec![
                sec.title.to_owned(),
                f.label.clone(),
                f.value.to_string(),
                f.unit.to_owned(),
                f.key.clone(),
                f.ids.join(";"),
            ]);
        }
    }
    for r in rows {
        // Writing to a Vec cannot fail for I/O; a record of strings always serializes.
        let _ = w.write_record(&r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}
