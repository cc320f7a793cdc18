//! The package's pages for people: the record (`record.html`) and the file list
//! (`file-list.html`, 卷内目录). Self-contained: no script, no stylesheet from elsewhere, so they
//! open from the unpacked folder on a machine with no network.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::procedure::{
    CounselKind, Decision, DispositionOutcome, Event, Material, MeetingOutcome, Position,
    ReviewConclusion, ReviewOutcome,
};
use crate::store::RecordRows;

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;line-height:1.6}table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#eee}code{font-size:.85em;word-break:break-all}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}";

fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body { (body) }
        }
    }
}

fn position(p: Position) -> &'static str {
    match p {
        Position::Agree => "同意",
        Position::Disagree => "不同意",
        Position::Abstain => "弃权",
    }
}

fn outcome(o: MeetingOutcome) -> &'static str {
    match o {
        MeetingOutcome::Adopted => "通过",
        MeetingOutcome::NotAdopted => "未通过",
        MeetingOutcome::Deferred => "暂缓，另行讨论",
        MeetingOutcome::ReturnedForRedrafting => "退回修改",
    }
}

fn conclusion(c: ReviewConclusion) -> &'static str {
    match c {
        ReviewConclusion::Lawful => "合法",
        ReviewConclusion::LawfulWithRevisions => "修改后合法",
        ReviewConclusion::Unlawful => "不合法",
        ReviewConclusion::LegalRiskDisclosed => "明示法律风险",
    }
}

fn disposition(o: DispositionOutcome) -> &'static str {
    o.label()
}

fn counsel(k: CounselKind) -> &'static str {
    match k {
        CounselKind::LegalAdviser => "法律顾问",
        CounselKind::PublicLawyer => "公职律师",
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

fn materials_table(materials: &[Material]) -> Markup {
    html! {
        table {
            tr { th { "序号" } th { "题名" } th { "类别" } th { "日期" } th { "大小" } th { "文件" } th { "SHA-256" } th { "备注" } }
            @for m in materials {
                tr {
                    td { (m.number) }
                    td { (m.name.as_str()) }
                    td { (m.kind.label()) }
                    td { (m.dated) }
                    td { (size(m.size)) }
                    td { a href=(super::material_path(m)) { (super::material_path(m)) } }
                    td { code { (m.sha256.as_str()) } }
                    td { (m.note.as_ref().map(|n| n.as_str()).unwrap_or_default()) }
                }
            }
        }
    }
}

/// 卷内目录: the documents of the file, in order.
pub fn file_list(d: &Decision) -> Markup {
    let title = format!("卷内目录：{}", d.proposal.title.as_str());
    page(
        &title,
        html! {
            h1 { (title) }
            p { "决策机关：" (d.organ()) "　决策编号：" (d.id) }
            (materials_table(&d.materials))
        },
    )
}

/// The event a row stores, if it still reads as one.
fn event_of(row: &entities::decision_event::Model) -> Option<Event> {
    let payload: serde_json::Value = serde_json::from_str(&row.payload).ok()?;
    serde_json::from_value(serde_json::json!({"kind": row.kind.clone(), "payload": payload})).ok()
}

/// The whole record, for people.
pub fn record(rows: &RecordRows, d: &Decision) -> Markup {
    let title = format!("重大行政决策办理过程记录：{}", d.proposal.title.as_str());
    let events: Vec<_> = rows.events.iter().map(|row| (row, event_of(row))).collect();
    page(
        &title,
        html! {
            h1 { (title) }
            table {
                tr { th { "决策机关" } td { (d.organ()) } }
                tr { th { "决策编号" } td { (d.id) } }
                tr { th { "当前阶段" } td { (d.stage.label()) } }
                tr { th { "事件数" } td { (rows.decision.event_count) } }
                tr { th { "哈希链头" } td { code { (rows.decision.last_hash) } } }
            }
            p { "本记录由过程记录（events.jsonl）生成；其真实性以哈希链校验为准（decision-engine verify）。" }

            h2 { "一、办理过程" }
            table {
                tr { th { "序号" } th { "行为" } th { "发生日期" } th { "登记时间（UTC）" } th { "办理人" } th { "单位" } th { "角色" } }
                @for (row, event) in &events {
                    tr {
                        td { (row.seq) }
                        td { (event.as_ref().map_or(row.kind.as_str(), |e| e.label())) }
                        td { (row.occurred_on.map(|d| d.to_string()).unwrap_or_default()) }
                        td { (row.recorded_at.format("%Y-%m-%d %H:%M:%S")) }
                        td {
                            (row.actor_name)
                            @if let Some(p) = &row.actor_on_behalf { "（代为登记：" (p) "）" }
                        }
                        td { (row.actor_unit) }
                        td { (crate::store::parse_role(&row.actor_role).map_or(row.actor_role.as_str(), |r| r.label())) }
                    }
                }
            }

            h2 { "二、合法性审查" }
            @if d.reviews.is_empty() { p { "无。" } }
            @for r in &d.reviews {
                h3 { "第" (r.round) "轮（" (r.requested_on) "送审）" }
                @for o in &r.opinions {
                    p { (counsel(o.kind)) " " (o.counsel_name) "（" (o.given_on) "）：" (o.opinion.as_str()) }
                }
                @match &r.outcome {
                    Some(ReviewOutcome::Concluded { concluded_on, conclusion: c, findings, required_revisions, risk_statement, opinion_number }) => {
                        table {
                            tr { th { "结论" } td { (conclusion(*c)) "（" (concluded_on) "）" @if let Some(n) = opinion_number { " 文号：" (n.as_str()) } } }
                            tr { th { "是否符合法定权限" } td { (findings.authority.as_str()) } }
                            tr { th { "是否履行法定程序" } td { (findings.procedure.as_str()) } }
                            tr { th { "内容是否合法" } td { (findings.content.as_str()) } }
                            @if let Some(x) = required_revisions { tr { th { "修改要求" } td { (x.as_str()) } } }
                            @if let Some(x) = risk_statement { tr { th { "法律风险" } td { (x.as_str()) } } }
                        }
                    }
                    Some(ReviewOutcome::Returned { returned_on, reason }) => {
                        p { "退回（" (returned_on) "）：" (reason.as_str()) }
                    }
                    None => { p { "尚未结束。" } }
                }
            }

            h2 { "三、集体讨论决定" }
            @if d.meetings.is_empty() { p { "无。" } }
            @for m in &d.meetings {
                h3 { (m.held_on) " " (m.session.as_ref().map(|s| s.as_str()).unwrap_or("会议")) "：" (outcome(m.outcome)) }
                table {
                    tr { th { "发言人" } th { "意见" } th { "发言（如实载明）" } }
                    @for s in &m.speeches {
                        tr {
                            td { (s.speaker.as_str()) @if s.is_head { "（行政首长）" } }
                            td { (position(s.position)) }
                            td { (s.statement.as_ref().map(|x| x.as_str()).unwrap_or_default()) }
                        }
                    }
                }
                @if let Some(reason) = &m.head_reason { p { "行政首长说明的理由：" (reason.as_str()) } }
            }

            h2 { "四、公众意见及其处理" }
            @if rows.messages.is_empty() { p { "无。" } }
            @if !rows.messages.is_empty() {
                table {
                    tr { th { "序号" } th { "收到时间（UTC）" } th { "意见" } th { "处理" } }
                    @for msg in &rows.messages {
                        tr {
                            td { (msg.seq.unwrap_or_default()) }
                            td { (msg.submitted_at.format("%Y-%m-%d %H:%M:%S")) }
                            td { (msg.body) }
                            td {
                                @let consultation = d.consultation.as_ref();
                                @if let Some(x) = consultation.and_then(|c| c.dispositions.get(&msg.id)) {
                                    (disposition(x.outcome)) "：" (x.reason.as_str())
                                } @else if let Some(reason) = consultation.and_then(|c| c.hidden.get(&msg.id)) {
                                    "已屏蔽：" (reason.as_str())
                                } @else {
                                    "—"
                                }
                            }
                        }
                    }
                }
            }

            h2 { "五、卷内目录" }
            (materials_table(&d.materials))
        },
    )
}
