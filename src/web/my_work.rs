//! The markup of "我的工作" (`/console`): a pure function of the service's [`MyWork`], so what an
//! official sees is decided in one place ([`crate::service::Service::my_work`]) and only drawn
//! here. Tables carry a caption and scoped headers; the filter is a form submitted by GET; a
//! late deadline says so in words, not by colour alone.

use maud::{Markup, html};

use super::console::WorkQuery;
use crate::procedure::Stage;
use crate::service::{DeadlineToday, MyWork, WorkFilter, WorkItem};
use crate::store::stage_name;

/// Where the act pages live, by the act's GraphQL mutation name, so a page and the API name an
/// act the same way.
fn act_href(decision: &str, kind: crate::procedure::CommandKind) -> String {
    format!(
        "/console/decisions/{decision}/acts/{}",
        crate::graphql::mutation_name(kind)
    )
}

/// How far the deadline is, in calendar and working days; a late one in words that say so.
fn how_far(dl: &DeadlineToday) -> String {
    match (dl.days_remaining, dl.working_days_remaining) {
        (None, _) => "工作日日历数据不足，暂无法计算".into(),
        // Passed over a weekend or holiday only: no working day lost yet, but late all the same.
        (Some(d), Some(w)) if d < 0 && w < 0 => format!("已逾期 {} 个工作日（{} 天）", -w, -d),
        (Some(d), _) if d < 0 => format!("已逾期 {} 天", -d),
        (Some(0), _) => "今天到期".into(),
        (Some(d), Some(w)) => format!("还剩 {d} 天（{w} 个工作日）"),
        (Some(d), None) => format!("还剩 {d} 天"),
    }
}

fn filter_form(q: &WorkQuery, filter: &WorkFilter) -> Markup {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    html! {
        form.filters method="get" action="/console" {
            fieldset {
                legend { "筛选" }
                div {
                    label for="f-stage" { "所处阶段" }
                    select id="f-stage" name="stage" {
                        option value="" selected[filter.stage.is_none()] { "全部阶段" }
                        @for s in Stage::ALL {
                            option value=(stage_name(s)) selected[filter.stage == Some(s)] { (s.label()) }
                        }
                    }
                }
                div {
                    label for="f-unit" { "承办单位" span.hint { "（牵头单位全称）" } }
                    input type="text" id="f-unit" name="unit" value=(value(&q.unit)) maxlength="100";
                }
                div {
                    label for="f-year" { "年度" span.hint { "（提出年度或者目录年度，如 2026）" } }
                    input type="text" id="f-year" name="year" value=(value(&q.year))
                        inputmode="numeric" maxlength="4" autocomplete="off";
                }
                div {
                    label for="f-item" { "目录事项编号" }
                    input type="text" id="f-item" name="item" value=(value(&q.item)) maxlength="100";
                }
                div.actions {
                    button type="submit" { "筛选" }
                    " "
                    a href="/console" { "清除筛选" }
                }
            }
        }
    }
}

fn deadline_cells(item: &WorkItem) -> Markup {
    html! {
        @match &item.next_deadline {
            None => { td { "无待办期限" } td.n { "—" } td { "—" } }
            Some(dl) => {
                td { (dl.deadline.kind.label()) }
                td.n {
                    @match &dl.deadline.due {
                        Ok(due) => (due),
                        Err(_) => "—",
                    }
                }
                td {
                    @if item.is_late() {
                        strong.late { (how_far(dl)) }
                    } @else {
                        (how_far(dl))
                    }
                }
            }
        }
    }
}

fn decisions(work: &MyWork) -> Markup {
    html! {
        @if work.items.is_empty() {
            p { "没有符合条件、您可以办理或者查阅的决策事项。" }
        } @else {
            div.table-box {
                table.work {
                    caption { "决策事项（逾期的在前，其次按期限远近，其余按提出时间由近及远）" }
                    thead {
                        tr {
                            th scope="col" { "决策事项" }
                            th scope="col" { "承办单位" }
                            th scope="col" { "所处阶段" }
                            th scope="col" { "下一期限" }
                            th scope="col" { "到期日" }
                            th scope="col" { "剩余时间" }
                            th scope="col" { "现在可办理" }
                        }
                    }
                    tbody {
                        @for item in &work.items {
                            @let d = &item.decision;
                            tr class=[item.is_late().then_some("late")] {
                                th scope="row" {
                                    a href={ "/console/decisions/" (d.id) } { (d.proposal.title.as_str()) }
                                }
                                td { (d.units_in_charge().join("、")) }
                                td.n { (d.stage.label()) }
                                (deadline_cells(item))
                                td {
                                    @if item.acts.is_empty() {
                                        "暂无"
                                    } @else {
                                        ul.acts {
                                            @for kind in &item.acts {
                                                li { a href=(act_href(&d.id, *kind)) { (kind.label()) } }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn desk(items: &[crate::service::DeskItem]) -> Markup {
    html! {
        section aria-labelledby="desk" {
            h2 id="desk" { "审查工作台" }
            @if items.is_empty() {
                p { "目前没有正在进行合法性审查的事项。" }
            } @else {
                div.table-box {
                    table {
                        caption { "合法性审查中的事项（最早送审的在前）" }
                        thead {
                            tr {
                                th scope="col" { "决策事项" }
                                th scope="col" { "承办单位" }
                                th scope="col" { "送审日期" }
                                th scope="col" { "已用工作日" }
                                th scope="col" { "审查状态" }
                                th scope="col" { "法律顾问、公职律师" }
                            }
                        }
                        tbody {
                            @for r in items {
                                tr {
                                    th scope="row" {
                                        a href={ "/console/decisions/" (r.decision_id) } { (r.title) }
                                    }
                                    td { (r.lead_unit.as_deref().unwrap_or("—")) }
                                    td.n { (r.requested_on) }
                                    td.n {
                                        @match r.working_days {
                                            Some(n) => { (n) " 个工作日" }
                                            None => "暂无法计算",
                                        }
                                    }
                                    td { (r.status.label()) }
                                    td {
                                        @if r.counsel.is_empty() { "未指派" } @else { (r.counsel.join("、")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn overview(o: &crate::service::Overview) -> Markup {
    html! {
        section aria-labelledby="overview" {
            h2 id="overview" { "本机关概况" }
            div.table-box {
                table.counts {
                    caption { "各阶段决策事项数量（本机关全部，共" (o.total) "件）" }
                    thead { tr { th scope="col" { "所处阶段" } th scope="col" { "件数" } } }
                    tbody {
                        @for (stage, n) in &o.by_stage {
                            tr {
                                th scope="row" {
                                    a href={ "/console?stage=" (stage_name(*stage)) } { (stage.label()) }
                                }
                                td.n { (n) }
                            }
                        }
                    }
                }
            }
            @if o.late_by_unit.is_empty() {
                p { "目前没有已过期限仍未办结的事项。" }
            } @else {
                div.table-box {
                    table.counts {
                        caption { "已过期限仍未办结的事项（按单位）" }
                        thead {
                            tr {
                                th scope="col" { "单位" }
                                th scope="col" { "决策事项期限" }
                                th scope="col" { "目录事项计划时间" }
                            }
                        }
                        tbody {
                            @for u in &o.late_by_unit {
                                tr {
                                    th scope="row" { (u.unit) }
                                    td.n { (u.decisions) }
                                    td.n { (u.catalogue_items) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The whole page body.
pub(super) fn page(work: &MyWork, q: &WorkQuery, filter: &WorkFilter) -> Markup {
    let late = work.items.iter().filter(|i| i.is_late()).count();
    html! {
        h1 { "我的工作" }
        p.meta {
            "今天是" (work.today) "。列出" (work.items.len()) "件您有权办理或者查阅的决策事项"
            @if late > 0 { "，其中" strong.late { (late) "件已逾期" } }
            "。"
            @if work.truncated { "符合条件的事项较多，仅列出最近提出的" (work.items.len()) "件，请缩小筛选范围。" }
        }
        (filter_form(q, filter))
        @if !work.by_stage.is_empty() {
            nav.stages aria-label="按阶段查看" {
                ul {
                    @for (stage, n) in &work.by_stage {
                        li { a href={ "/console?stage=" (stage_name(*stage)) } { (stage.label()) "（" (n) "件）" } }
                    }
                }
            }
        }
        (decisions(work))
        @if let Some(items) = &work.desk { (desk(items)) }
        @if let Some(o) = &work.overview { (overview(o)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::{Deadline, DeadlineKind, DeadlineStatus, Direction, Rule};

    fn due_in(days: Option<i64>, working: Option<i64>) -> DeadlineToday {
        DeadlineToday {
            deadline: Deadline {
                kind: DeadlineKind::Filing,
                direction: Direction::By,
                due: Ok(chrono::NaiveDate::MIN),
                rule: Rule::ALL[0],
                computed_from: vec![],
                calendar_version: "test".into(),
                met_on: None,
                unit: None,
                authority: None,
            },
            status: DeadlineStatus::Open,
            days_remaining: days,
            working_days_remaining: working,
        }
    }

    #[test]
    fn a_late_deadline_says_how_many_working_days_it_is_late() {
        assert_eq!(
            how_far(&due_in(Some(-3), Some(-1))),
            "已逾期 1 个工作日（3 天）"
        );
        // Passed on Saturday, read on Sunday: late, though no working day is lost yet.
        assert_eq!(how_far(&due_in(Some(-1), Some(0))), "已逾期 1 天");
        assert_eq!(how_far(&due_in(Some(0), Some(0))), "今天到期");
        assert_eq!(
            how_far(&due_in(Some(9), Some(7))),
            "还剩 9 天（7 个工作日）"
        );
        assert_eq!(
            how_far(&due_in(None, None)),
            "工作日日历数据不足，暂无法计算"
        );
    }
}
