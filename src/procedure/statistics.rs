//! The year's statistics for the 法治政府建设 report (Art. 9 puts the procedure into the organ's
//! annual assessment): every figure counted from the records of the decisions and the annual
//! catalogue, never typed in, each with the ids of the decisions (or catalogue items) it counts,
//! so that a reader can drill down to what is behind it.
//!
//! **When a figure counts in a year.** A figure counts the acts of one kind whose own date falls
//! in the year: a decision proposed on `proposed_on`, started on `started_on`, a consultation in
//! the year its notice opened it (`opened_on`, with the comments and dispositions it gathered),
//! a hearing, argumentation or meeting on the day it was held, a risk assessment on
//! `assessed_on`, a review round in the year it was requested (requests) or ended (conclusions,
//! returns, working days), a counsel's opinion on `given_on`, a publication on `published_on`, a
//! filing on `filed_on`, an execution report, incident or suspension on its date, a
//! post-evaluation started or concluded on its date. So one decision proposed in December and
//! adopted in January counts in both years, each act once. The exceptions are said where they
//! are: the stage chart counts the decisions proposed in the year by the stage they stand in
//! now, and the catalogue's figures are those of the year's catalogue.
//!
//! Pure: the caller hands in the decisions (already narrowed to those the reader may see), the
//! counts of the public's comments, the calendars the decisions are bound to, and `today` (for
//! a filing or catalogue item still overdue). Every enum is matched without a wildcard, so a new
//! review conclusion or meeting outcome fails to compile here rather than going uncounted.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::catalogue::{Catalogue, Linked, Outcome};
use super::deadline::{DeadlineKind, DeadlineStatus, deadlines};
use super::model::{
    Category, CounselKind, Decision, DispositionOutcome, Ending, IncidentKind, MeetingKind,
    MeetingOutcome, Recommendation, ReviewConclusion, ReviewOutcome, RiskConclusion, Stage,
};
use crate::calendar::Calendar;

/// The years statistics are asked for: act dates are bounded to 2000–2099 at the edge.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// One figure: what it counts, how many, and the records behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// Stable across years (a compared year's figure is found by it); for figures per unit,
    /// category or counsel it ends with the unit's, category's or counsel's name.
    pub key: String,
    /// As the report prints it, in Chinese.
    pub label: String,
    pub value: u64,
    /// 件, 次, 条, 天, 个工作日, 人, %.
    pub unit: &'static str,
    /// The decisions counted (catalogue items for the catalogue's figures), sorted, each once.
    pub ids: Vec<String>,
}

/// What a figure's ids name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Counted {
    Decisions,
    CatalogueItems,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub key: &'static str,
    pub title: &'static str,
    pub counted: Counted,
    pub figures: Vec<Figure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statistics {
    pub year: i32,
    pub organ: String,
    pub sections: Vec<Section>,
    /// What each counted id is called: a decision's title, a catalogue item's name.
    pub names: BTreeMap<String, String>,
}

impl Statistics {
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.sections
            .iter()
            .flat_map(|s| &s.figures)
            .find(|f| f.key == key)
    }

    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }
}

/// The year's catalogue and, for each item, the decision that decides it (any the organ has,
/// not only those the reader sees: an item is decided whoever may read the decision).
pub struct CatalogueInput<'a> {
    pub catalogue: &'a Catalogue,
    pub linked: &'a HashMap<String, Linked>,
}

/// What the counting reads besides the decisions.
pub struct Sources<'a> {
    /// The public's comments sent through the engine, per decision (offline opinions are in the
    /// record, `consultation.received`).
    pub comments: &'a dyn Fn(&str) -> u64,
    /// The calendar a decision is bound to (its `binding.calendar_version`); `None` if it cannot
    /// be had, and then working days and filing deadlines of that decision are not counted.
    pub calendar: &'a dyn Fn(&Decision) -> Option<&'a Calendar>,
    pub catalogue: Option<CatalogueInput<'a>>,
    pub today: NaiveDate,
}

/// A figure being counted: how many acts, and the decisions they belong to.
#[derive(Default)]
struct Tally {
    value: u64,
    ids: BTreeSet<String>,
}

impl Tally {
    fn add(&mut self, n: u64, id: &str) {
        self.value += n;
        self.ids.insert(id.to_owned());
    }
}

/// A section's figures in the order they are declared, each created on first mention so that a
/// figure with nothing to count still shows, as 0.
struct Builder {
    order: Vec<(String, String, &'static str)>,
    tallies: HashMap<String, Tally>,
}

impl Builder {
    fn new() -> Self {
        Self {
            order: Vec::new(),
            tallies: HashMap::new(),
        }
    }

    fn declare(&mut self, key: &str, label: &str, unit: &'static str) {
        if !self.tallies.contains_key(key) {
            self.order.push((key.to_owned(), label.to_owned(), unit));
            self.tallies.insert(key.to_owned(), Tally::default());
        }
    }

    fn add(&mut self, key: &str, label: &str, unit: &'static str, n: u64, id: &str) {
        self.declare(key, label, unit);
        if let Some(t) = self.tallies.get_mut(key) {
            t.add(n, id);
        }
    }

    fn value(&self, key: &str) -> u64 {
        self.tallies.get(key).map_or(0, |t| t.value)
    }

    fn ids(&self, key: &str) -> BTreeSet<String> {
        self.tallies
            .get(key)
            .map(|t| t.ids.clone())
            .unwrap_or_default()
    }

    fn set(
        &mut self,
        key: &str,
        label: &str,
        unit: &'static str,
        value: u64,
        ids: BTreeSet<String>,
    ) {
        self.declare(key, label, unit);
        self.tallies.insert(key.to_owned(), Tally { value, ids });
    }

    fn section(mut self, key: &'static str, title: &'static str, counted: Counted) -> Section {
        let figures = self
            .order
            .into_iter()
            .map(|(k, label, unit)| {
                let t = self.tallies.remove(&k).unwrap_or_default();
                Figure {
                    key: k,
                    label,
                    value: t.value,
                    unit,
                    ids: t.ids.into_iter().collect(),
                }
            })
            .collect();
        Section {
            key,
            title,
            counted,
            figures,
        }
    }
}

fn category_label(c: Category) -> &'static str {
    match c {
        Category::NationalPublicPolicy => "重大公共政策和措施",
        Category::NationalDevelopmentPlan => "经济和社会发展等方面的重要规划",
        Category::NationalResources => "自然资源和文化资源开发利用、保护政策措施",
        Category::NationalPublicConstruction => "重大公共建设项目",
        Category::NationalOther => "其他重大事项",
        Category::HenanPublicService => "公共服务方面的重大公共政策和措施",
        Category::HenanMarketSocialEnvironment => {
            "市场监管、社会管理、环境保护方面的重大公共政策和措施"
        }
        Category::HenanNaturalResources => "开发利用、保护重要自然资源的重大公共政策和措施",
        Category::HenanCulturalResources => "开发利用、保护重要文化资源的重大公共政策和措施",
        Category::HenanPlan => "经济和社会发展等方面的重要规划",
        Category::HenanPublicConstruction => "重大公共建设项目",
        Category::HenanOther => "其他重大事项",
    }
}

fn category_key(c: Category) -> &'static str {
    match c {
        Category::NationalPublicPolicy => "national_public_policy",
        Category::NationalDevelopmentPlan => "national_development_plan",
        Category::NationalResources => "national_resources",
        Category::NationalPublicConstruction => "national_public_construction",
        Category::NationalOther => "national_other",
        Category::HenanPublicService => "henan_public_service",
        Category::HenanMarketSocialEnvironment => "henan_market_social_environment",
        Category::HenanNaturalResources => "henan_natural_resources",
        Category::HenanCulturalResources => "henan_cultural_resources",
        Category::HenanPlan => "henan_plan",
        Category::HenanPublicConstruction => "henan_public_construction",
        Category::HenanOther => "henan_other",
    }
}

fn stage_key(s: Stage) -> &'static str {
    match s {
        Stage::Proposed => "proposed",
        Stage::Drafting => "drafting",
        Stage::LegalityReview => "legality_review",
        Stage::AwaitingDiscussion => "awaiting_discussion",
        Stage::Adopted => "adopted",
        Stage::Published => "published",
        Stage::InExecution => "in_execution",
        Stage::Suspended => "suspended",
        Stage::PostEvaluation => "post_evaluation",
        Stage::Rejected => "rejected",
        Stage::Withdrawn => "withdrawn",
        Stage::Terminated => "terminated",
        Stage::Adjusted => "adjusted",
        Stage::Archived => "archived",
    }
}

/// A figure's key may name a unit or a person: whitespace would break an HTML id or a URL.
fn key_part(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// The keys of the figures the charts draw.
pub mod keys {
    pub const PROPOSED: &str = "decisions.proposed";
    pub const STAGE_PREFIX: &str = "stages.";
    pub const REVIEWS_MONTH_PREFIX: &str = "legality.month.";
    pub const FILED_ON_TIME: &str = "publication.filed_on_time";
    pub const FILED_LATE: &str = "publication.filed_late";
    pub const FILING_RATE: &str = "publication.filing_on_time_rate";
}

/// The year's statistics over `decisions` (the caller has narrowed them to what the reader
/// sees) and the year's catalogue.
pub fn annual(year: i32, organ: &str, decisions: &[Decision], src: &Sources<'_>) -> Statistics {
    let in_year = |d: NaiveDate| d.year() == year;
    let mut sections = Vec::new();

    // 决策事项: what was proposed, started, decided and ended in the year.
    let mut s = Builder::new();
    for (key, label) in [
        ("decisions.proposed", "提出决策事项"),
        ("decisions.started", "启动决策程序"),
        ("decisions.adopted", "集体讨论通过"),
        ("decisions.rejected", "集体讨论未通过"),
        ("decisions.withdrawn", "撤回"),
        ("decisions.terminated", "经法定程序停止执行"),
        ("decisions.adjusted", "经法定程序调整"),
    ] {
        s.declare(key, label, "件");
    }
    for d in decisions {
        let id = d.id.as_str();
        if in_year(d.proposal.proposed_on) {
            s.add("decisions.proposed", "", "件", 1, id);
        }
        if d.start.as_ref().is_some_and(|st| in_year(st.started_on)) {
            s.add("decisions.started", "", "件", 1, id);
        }
        // Art. 30: decided at the collective discussion; a deferral or a return decides nothing.
        for m in d.meetings.iter().filter(|m| in_year(m.held_on)) {
            match m.outcome {
                MeetingOutcome::Adopted => s.add("decisions.adopted", "", "件", 1, id),
                MeetingOutcome::NotAdopted => s.add("decisions.rejected", "", "件", 1, id),
                MeetingOutcome::Deferred | MeetingOutcome::ReturnedForRedrafting => {}
            }
        }
        match &d.ending {
            Some(Ending::Withdrawn { withdrawn_on, .. }) if in_year(*withdrawn_on) => {
                s.add("decisions.withdrawn", "", "件", 1, id);
            }
            // Art. 37: stopped or adjusted only by a new decision that ran the procedure.
            Some(Ending::Changed {
                changed_on,
                terminated,
                ..
            }) if in_year(*changed_on) => {
                let key = if *terminated {
                    "decisions.terminated"
                } else {
                    "decisions.adjusted"
                };
                s.add(key, "", "件", 1, id);
            }
            Some(Ending::Withdrawn { .. } | Ending::Changed { .. }) | None => {}
        }
    }
    // By category, then by unit, each group together (figures show in the order first met).
    let proposed: Vec<&Decision> = decisions
        .iter()
        .filter(|d| in_year(d.proposal.proposed_on))
        .collect();
    for d in &proposed {
        let c = d.proposal.category;
        s.add(
            &format!("decisions.by_category.{}", category_key(c)),
            &format!("按类别：{}", category_label(c)),
            "件",
            1,
            &d.id,
        );
    }
    for d in &proposed {
        // The unit that answers for the drafting: the lead unit once started (Art. 11).
        let unit = d
            .start
            .as_ref()
            .map_or(d.proposer.unit.as_str(), |st| st.lead_unit.as_str());
        s.add(
            &format!("decisions.by_unit.{}", key_part(unit)),
            &format!("按承办单位：{unit}"),
            "件",
            1,
            &d.id,
        );
    }
    sections.push(s.section("decisions", "决策事项", Counted::Decisions));

    // 决策阶段: the decisions proposed in the year, by the stage they stand in now.
    let mut s = Builder::new();
    for stage in Stage::ALL {
        s.declare(
            &format!("{}{}", keys::STAGE_PREFIX, stage_key(stage)),
            stage.label(),
            "件",
        );
    }
    for d in decisions.iter().filter(|d| in_year(d.proposal.proposed_on)) {
        s.add(
            &format!("{}{}", keys::STAGE_PREFIX, stage_key(d.stage)),
            "",
            "件",
            1,
            &d.id,
        );
    }
    sections.push(s.section(
        "stages",
        "当年提出的决策事项目前所处阶段",
        Counted::Decisions,
    ));

    // 年度目录 (Art. 3(3)): the items of the year's catalogue in its latest published version.
    let mut s = Builder::new();
    for (key, label) in [
        ("catalogue.planned", "目录所列决策事项"),
        ("catalogue.completed", "已作出决策"),
        ("catalogue.late", "超过计划决策时间未决策（久拖不决）"),
        ("catalogue.carried_over", "结转下一年度"),
        ("catalogue.withdrawn", "经调整撤销"),
    ] {
        s.declare(key, label, "项");
    }
    if let Some(CatalogueInput { catalogue, linked }) = &src.catalogue
        && catalogue.year == year
    {
        let link = |item: &str| linked.get(item).cloned();
        for line in catalogue.report_lines(link) {
            let key = match line.outcome {
                Outcome::Decided { .. } => Some("catalogue.completed"),
                Outcome::CarriedOver { .. } => Some("catalogue.carried_over"),
                Outcome::Withdrawn { .. } => Some("catalogue.withdrawn"),
                Outcome::InProgress { .. } => None,
            };
            if !matches!(line.outcome, Outcome::Withdrawn { .. }) {
                s.add("catalogue.planned", "", "项", 1, &line.item_id);
            }
            if let Some(key) = key {
                s.add(key, "", "项", 1, &line.item_id);
            }
        }
        // Art. 38(2): late against its planned month, decided late or not yet decided.
        for (item, dl) in catalogue.deadlines(link, "") {
            if dl.is_late(src.today) {
                s.add("catalogue.late", "", "项", 1, &item.id);
            }
        }
    }
    sections.push(s.section("catalogue", "年度决策事项目录", Counted::CatalogueItems));

    // 公众参与 (Art. 14–18): consultations opened in the year, what they gathered, hearings.
    let mut s = Builder::new();
    for (key, label, unit) in [
        ("participation.consultations", "公开征求意见", "次"),
        ("participation.days_open", "征求意见期限合计", "天"),
        ("participation.comments", "收到意见建议", "条"),
        (
            "participation.comments_online",
            "其中：通过本系统提交",
            "条",
        ),
        (
            "participation.opinions_offline",
            "其中：信函、邮件、座谈等途径",
            "条",
        ),
        ("participation.adopted", "意见采纳", "条"),
        ("participation.partly_adopted", "意见部分采纳", "条"),
        ("participation.not_adopted", "意见未采纳", "条"),
        ("participation.hearings", "召开听证会", "次"),
        ("participation.hearing_participants", "听证参加人", "人"),
    ] {
        s.declare(key, label, unit);
    }
    for d in decisions {
        let id = d.id.as_str();
        if let Some(c) = &d.consultation
            && in_year(c.notice.opened_on)
        {
            s.add("participation.consultations", "", "次", 1, id);
            // Art. 15 (一般不少于30日), counted as 《民法典》 Art. 201 counts: from the day after.
            let days = (c.notice.ends_on - c.notice.opened_on).num_days().max(0);
            s.add("participation.days_open", "", "天", days as u64, id);
            let online = (src.comments)(id);
            let offline = c.received.len() as u64;
            s.add("participation.comments", "", "条", online + offline, id);
            s.add("participation.comments_online", "", "条", online, id);
            s.add("participation.opinions_offline", "", "条", offline, id);
            for disposition in c.dispositions.values() {
                let key = match disposition.outcome {
                    DispositionOutcome::Adopted => "participation.adopted",
                    DispositionOutcome::PartlyAdopted => "participation.partly_adopted",
                    DispositionOutcome::NotAdopted => "participation.not_adopted",
                };
                s.add(key, "", "条", 1, id);
            }
        }
        // Art. 16–18.
        for h in d.hearings.iter().filter(|h| in_year(h.held_on)) {
            s.add("participation.hearings", "", "次", 1, id);
            s.add(
                "participation.hearing_participants",
                "",
                "人",
                h.participants.len() as u64,
                id,
            );
        }
    }
    sections.push(s.section("participation", "公众参与", Counted::Decisions));

    // 专家论证 (Art. 19–21).
    let mut s = Builder::new();
    s.declare("experts.argumentations", "组织专家论证", "次");
    s.declare("experts.experts", "参加论证的专家、专业机构", "人");
    for d in decisions {
        if let Some(a) = &d.expert_argumentation
            && in_year(a.held_on)
        {
            s.add("experts.argumentations", "", "次", 1, &d.id);
            s.add("experts.experts", "", "人", a.opinions.len() as u64, &d.id);
        }
    }
    sections.push(s.section("experts", "专家论证", Counted::Decisions));

    // 风险评估 (Art. 22–24), by the conclusion on the risk's controllability.
    let mut s = Builder::new();
    s.declare("risk.assessments", "开展风险评估", "次");
    s.declare("risk.controllable", "结论：风险可控", "次");
    s.declare("risk.uncontrollable", "结论：风险不可控", "次");
    for d in decisions {
        for r in d.risk_assessments.iter().filter(|r| in_year(r.assessed_on)) {
            s.add("risk.assessments", "", "次", 1, &d.id);
            let key = match r.conclusion {
                RiskConclusion::Controllable => "risk.controllable",
                RiskConclusion::Uncontrollable => "risk.uncontrollable",
            };
            s.add(key, "", "次", 1, &d.id);
        }
    }
    sections.push(s.section("risk", "风险评估", Counted::Decisions));

    // 合法性审查 (Art. 25–28).
    let mut s = Builder::new();
    for (key, label, unit) in [
        ("legality.requested", "送请合法性审查", "次"),
        ("legality.concluded", "出具合法性审查意见", "件"),
        ("legality.lawful", "结论：合法", "件"),
        ("legality.lawful_with_revisions", "结论：修改后合法", "件"),
        ("legality.unlawful", "结论：不合法", "件"),
        ("legality.legal_risk_disclosed", "结论：提示法律风险", "件"),
        ("legality.returned", "退回补充材料或者修改", "次"),
        (
            "legality.working_days",
            "审查用时合计（送审至结束）",
            "个工作日",
        ),
        (
            "legality.average_working_days",
            "平均每件审查用时",
            "个工作日",
        ),
        ("legality.opinions", "法律顾问、公职律师出具法律意见", "份"),
        ("legality.opinions_public_lawyer", "其中：公职律师", "份"),
        ("legality.opinions_legal_adviser", "其中：法律顾问", "份"),
    ] {
        s.declare(key, label, unit);
    }
    for m in 1..=12 {
        s.declare(
            &format!("{}{m:02}", keys::REVIEWS_MONTH_PREFIX),
            &format!("{m}月出具审查意见"),
            "件",
        );
    }
    let mut timed = BTreeSet::new();
    let mut rounds_timed = 0u64;
    for d in decisions {
        let id = d.id.as_str();
        for r in &d.reviews {
            if in_year(r.requested_on) {
                s.add("legality.requested", "", "次", 1, id);
            }
            match &r.outcome {
                Some(ReviewOutcome::Concluded {
                    concluded_on,
                    conclusion,
                    ..
                }) if in_year(*concluded_on) => {
                    s.add("legality.concluded", "", "件", 1, id);
                    let key = match conclusion {
                        ReviewConclusion::Lawful => "legality.lawful",
                        ReviewConclusion::LawfulWithRevisions => "legality.lawful_with_revisions",
                        ReviewConclusion::Unlawful => "legality.unlawful",
                        ReviewConclusion::LegalRiskDisclosed => "legality.legal_risk_disclosed",
                    };
                    s.add(key, "", "件", 1, id);
                    s.add(
                        &format!("{}{:02}", keys::REVIEWS_MONTH_PREFIX, concluded_on.month()),
                        "",
                        "件",
                        1,
                        id,
                    );
                }
                Some(ReviewOutcome::Returned { returned_on, .. }) if in_year(*returned_on) => {
                    s.add("legality.returned", "", "次", 1, id);
                }
                Some(ReviewOutcome::Concluded { .. } | ReviewOutcome::Returned { .. }) | None => {}
            }
            // Working days from the request to the round's end, with the calendar the decision
            // is bound to (as `Service::review_working_days` counts them), for rounds ended in
            // the year. Past the calendar's data a round is not timed, never guessed.
            if let Some(ended) = r.ended_on().filter(|e| in_year(*e))
                && let Some(cal) = (src.calendar)(d)
                && let Ok(days) = cal.working_days_between(r.requested_on, ended)
            {
                s.add(
                    "legality.working_days",
                    "",
                    "个工作日",
                    days.max(0) as u64,
                    id,
                );
                timed.insert(d.id.clone());
                rounds_timed += 1;
            }
            // Art. 28: the opinions of the legal advisers and public lawyers.
            for o in r.opinions.iter().filter(|o| in_year(o.given_on)) {
                s.add("legality.opinions", "", "份", 1, id);
                let (key, kind) = match o.kind {
                    CounselKind::PublicLawyer => ("legality.opinions_public_lawyer", "公职律师"),
                    CounselKind::LegalAdviser => ("legality.opinions_legal_adviser", "法律顾问"),
                };
                s.add(key, "", "份", 1, id);
                s.add(
                    &format!("legality.opinions_by_counsel.{}", key_part(&o.counsel_id)),
                    &format!("{}（{kind}）出具法律意见", o.counsel_name),
                    "份",
                    1,
                    id,
                );
            }
        }
    }
    let total = s.value("legality.working_days");
    let average = rounded_ratio(total, rounds_timed);
    s.set(
        "legality.average_working_days",
        "",
        "个工作日",
        average,
        timed,
    );
    sections.push(s.section("legality", "合法性审查", Counted::Decisions));

    // 集体讨论决定 (Art. 30–31).
    let mut s = Builder::new();
    for (key, label) in [
        ("meetings.held", "提请集体讨论"),
        ("meetings.executive", "常务会议"),
        ("meetings.plenary", "全体会议"),
        ("meetings.other", "专题会议、行政首长办公会"),
        ("meetings.adopted", "讨论结果：通过"),
        ("meetings.not_adopted", "讨论结果：不予通过"),
        ("meetings.deferred", "讨论结果：再次讨论"),
        ("meetings.returned", "讨论结果：退回修改"),
    ] {
        s.declare(key, label, "次");
    }
    for d in decisions {
        for m in d.meetings.iter().filter(|m| in_year(m.held_on)) {
            s.add("meetings.held", "", "次", 1, &d.id);
            let kind = match m.kind {
                MeetingKind::Executive => "meetings.executive",
                MeetingKind::Plenary => "meetings.plenary",
                MeetingKind::SpecialTopic | MeetingKind::HeadOffice => "meetings.other",
            };
            s.add(kind, "", "次", 1, &d.id);
            let outcome = match m.outcome {
                MeetingOutcome::Adopted => "meetings.adopted",
                MeetingOutcome::NotAdopted => "meetings.not_adopted",
                MeetingOutcome::Deferred => "meetings.deferred",
                MeetingOutcome::ReturnedForRedrafting => "meetings.returned",
            };
            s.add(outcome, "", "次", 1, &d.id);
        }
    }
    sections.push(s.section("meetings", "集体讨论决定", Counted::Decisions));

    // 公布 (Art. 32) and 备案: a filing on time or late against the deadline its decision's
    // profile and calendar set (`deadline::deadlines`), one per authority.
    let mut s = Builder::new();
    for (key, label, unit) in [
        ("publication.published", "公布决策", "件"),
        ("publication.filed", "报送备案", "件"),
        (keys::FILED_ON_TIME, "按时备案", "件"),
        (keys::FILED_LATE, "逾期备案", "件"),
        ("publication.filing_overdue", "应备案逾期未备案", "件"),
        (keys::FILING_RATE, "按时备案率", "%"),
    ] {
        s.declare(key, label, unit);
    }
    for d in decisions {
        let id = d.id.as_str();
        if d.publication
            .as_ref()
            .is_some_and(|p| in_year(p.published_on))
        {
            s.add("publication.published", "", "件", 1, id);
        }
        let Some(cal) = (src.calendar)(d) else {
            continue;
        };
        for dl in deadlines(d, cal)
            .into_iter()
            .filter(|dl| dl.kind == DeadlineKind::Filing)
        {
            match (dl.met_on, dl.status(src.today)) {
                (Some(on), DeadlineStatus::Met) if in_year(on) => {
                    s.add("publication.filed", "", "件", 1, id);
                    s.add(keys::FILED_ON_TIME, "", "件", 1, id);
                }
                (Some(on), DeadlineStatus::MetLate) if in_year(on) => {
                    s.add("publication.filed", "", "件", 1, id);
                    s.add(keys::FILED_LATE, "", "件", 1, id);
                }
                // Still not filed, due in the year: counted in the year it fell due.
                (None, DeadlineStatus::Overdue)
                    if dl.due.as_ref().is_ok_and(|due| in_year(*due)) =>
                {
                    s.add("publication.filing_overdue", "", "件", 1, id);
                }
                (
                    _,
                    DeadlineStatus::Open
                    | DeadlineStatus::Met
                    | DeadlineStatus::MetLate
                    | DeadlineStatus::Overdue
                    | DeadlineStatus::Reached
                    | DeadlineStatus::Uncomputable,
                ) => {}
            }
        }
    }
    let filed = s.value("publication.filed");
    let rate = rounded_ratio(s.value(keys::FILED_ON_TIME) * 100, filed);
    let filed_ids = s.ids("publication.filed");
    s.set(keys::FILING_RATE, "", "%", rate, filed_ids);
    sections.push(s.section("publication", "决策公布和备案", Counted::Decisions));

    // 决策执行 (Art. 34–37).
    let mut s = Builder::new();
    for (key, label, unit) in [
        ("execution.started", "开始执行", "件"),
        ("execution.reports", "报告执行情况", "次"),
        ("execution.incidents", "报告执行中的问题或者重大变化", "次"),
        ("execution.incidents_problem", "其中：决策存在问题", "次"),
        (
            "execution.incidents_major_change",
            "其中：客观情况发生重大变化",
            "次",
        ),
        ("execution.incidents_force_majeure", "其中：不可抗力", "次"),
        ("execution.suspensions", "中止执行", "次"),
        ("execution.resumptions", "恢复执行", "次"),
    ] {
        s.declare(key, label, unit);
    }
    for d in decisions {
        let Some(x) = &d.execution else { continue };
        let id = d.id.as_str();
        if in_year(x.started_on) {
            s.add("execution.started", "", "件", 1, id);
        }
        for _ in x.reports.iter().filter(|r| in_year(r.reported_on)) {
            s.add("execution.reports", "", "次", 1, id);
        }
        for i in x.incidents.iter().filter(|i| in_year(i.reported_on)) {
            s.add("execution.incidents", "", "次", 1, id);
            let key = match i.kind {
                IncidentKind::Problem => "execution.incidents_problem",
                IncidentKind::MajorChange => "execution.incidents_major_change",
                IncidentKind::ForceMajeure => "execution.incidents_force_majeure",
            };
            s.add(key, "", "次", 1, id);
        }
        for sp in &x.suspensions {
            if in_year(sp.suspended_on) {
                s.add("execution.suspensions", "", "次", 1, id);
            }
            if sp.resumed_on.is_some_and(in_year) {
                s.add("execution.resumptions", "", "次", 1, id);
            }
        }
    }
    sections.push(s.section("execution", "决策执行", Counted::Decisions));

    // 决策后评估 (Art. 36) and what the evaluations recommend.
    let mut s = Builder::new();
    for (key, label) in [
        ("evaluation.started", "开展决策后评估"),
        ("evaluation.concluded", "完成评估"),
        ("evaluation.continue", "评估建议：继续执行"),
        ("evaluation.adjust", "评估建议：调整"),
        ("evaluation.terminate", "评估建议：停止执行"),
    ] {
        s.declare(key, label, "次");
    }
    for d in decisions {
        for e in &d.evaluations {
            if in_year(e.started_on) {
                s.add("evaluation.started", "", "次", 1, &d.id);
            }
            if let Some(r) = e.result.as_ref().filter(|r| in_year(r.concluded_on)) {
                s.add("evaluation.concluded", "", "次", 1, &d.id);
                let key = match r.recommendation {
                    Recommendation::Continue => "evaluation.continue",
                    Recommendation::Adjust => "evaluation.adjust",
                    Recommendation::Terminate => "evaluation.terminate",
                };
                s.add(key, "", "次", 1, &d.id);
            }
        }
    }
    sections.push(s.section("evaluation", "决策后评估", Counted::Decisions));

    // 超期与督办: deadlines that fell due in the year and were recorded as passed unmet (or met
    // late), and the supervision notices issued on them (Art. 34, 39, 40).
    let mut s = Builder::new();
    s.declare("supervision.passed", "期限届满未按期办理", "项");
    s.declare("supervision.notices", "督办", "次");
    // The deadlines that can be late and unmet on a decision's record, so supervised; another
    // kind would show as it is first counted.
    for kind in [DeadlineKind::Filing, DeadlineKind::ExecutionReport] {
        s.declare(
            &format!("supervision.notices_{}", deadline_key(kind)),
            &format!("其中：{}", kind.label()),
            "次",
        );
    }
    for d in decisions {
        for _ in d.passed_deadlines.iter().filter(|(_, due)| in_year(*due)) {
            s.add("supervision.passed", "", "项", 1, &d.id);
        }
        for n in d
            .supervision_notices
            .iter()
            .filter(|n| in_year(n.issued_on))
        {
            s.add("supervision.notices", "", "次", 1, &d.id);
            let key = format!("supervision.notices_{}", deadline_key(n.deadline));
            s.add(&key, "", "次", 1, &d.id);
        }
    }
    sections.push(s.section("supervision", "超期与督办", Counted::Decisions));

    let counted: BTreeSet<&str> = sections
        .iter()
        .flat_map(|s| &s.figures)
        .flat_map(|f| &f.ids)
        .map(String::as_str)
        .collect();
    let mut names: BTreeMap<String, String> = decisions
        .iter()
        .filter(|d| counted.contains(d.id.as_str()))
        .map(|d| (d.id.clone(), d.proposal.title.to_string()))
        .collect();
    if let Some(CatalogueInput { catalogue, .. }) = &src.catalogue {
        for item in catalogue.versions.iter().flat_map(|v| &v.items) {
            if counted.contains(item.id.as_str()) {
                names.insert(item.id.clone(), item.fields.name.to_string());
            }
        }
    }
    Statistics {
        year,
        organ: organ.to_owned(),
        sections,
        names,
    }
}

/// A deadline kind's part of a figure's key: stable, never a label.
fn deadline_key(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::ConsultationEnd => "consultation_end",
        DeadlineKind::HearingMaterials => "hearing_materials",
        DeadlineKind::EarliestMeeting => "earliest_meeting",
        DeadlineKind::Filing => "filing",
        DeadlineKind::ExecutionReport => "execution_report",
        DeadlineKind::CataloguePlannedTime => "catalogue_planned_time",
    }
}

/// `num / den` rounded to the nearest whole number; 0 when there is nothing to divide by.
fn rounded_ratio(num: u64, den: u64) -> u64 {
    (num + den / 2).checked_div(den).unwrap_or(0)
}

/// One row of two years side by side: a figure's value in each, `None` where that year has no
/// such figure (a unit that proposed nothing that year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    pub key: String,
    pub label: String,
    pub this: Option<u64>,
    pub other: Option<u64>,
}

/// The figures of two years side by side, by key: each of `a`'s figures with `b`'s value for
/// the same key, then those only `b` has (a unit that proposed nothing in `a`).
pub fn compare<'a>(a: &'a Statistics, b: &'a Statistics) -> Vec<(&'a Section, Vec<Compared>)> {
    a.sections
        .iter()
        .map(|sa| {
            let sb = b.section(sa.key);
            let mut rows: Vec<_> = sa
                .figures
                .iter()
                .map(|f| {
                    let other = sb
                        .and_then(|sb| sb.figures.iter().find(|g| g.key == f.key))
                        .map(|g| g.value);
                    Compared {
                        key: f.key.clone(),
                        label: f.label.clone(),
                        this: Some(f.value),
                        other,
                    }
                })
                .collect();
            let seen: BTreeMap<&str, ()> =
                sa.figures.iter().map(|f| (f.key.as_str(), ())).collect();
            if let Some(sb) = sb {
                for g in sb
                    .figures
                    .iter()
                    .filter(|g| !seen.contains_key(g.key.as_str()))
                {
                    rows.push(Compared {
                        key: g.key.clone(),
                        label: g.label.clone(),
                        this: None,
                        other: Some(g.value),
                    });
                }
            }
            (sa, rows)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::{
        Actor, Binding, CatalogueOffice, CategorySystem, Consultation, ConsultationNotice,
        Disposition, Filing, Findings, LegalOpinion, LegalityReview, MatterNature, Meeting,
        OpinionChannel, Profile, Proposal, ProposalSource, Publication, ReceivedOpinion, Role,
        SourceStatement, Text,
    };

    fn t(s: &str) -> Text {
        Text::parse("测试", s).expect("test text is not blank")
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn binding() -> Binding {
        Binding {
            profile: std::sync::Arc::new(Profile {
                name: "henan".into(),
                title: "《河南省重大行政决策程序规定》".into(),
                categories: CategorySystem::Henan,
                consultation_min_days: 30,
                hearing_materials_days: 7,
                review_min_working_days: 7,
                filing_deadline_days: 30,
                filing_authorities: vec!["本级人民代表大会常务委员会".into()],
                execution_report_interval_days: 180,
                archive_transfer_years: 1,
                meeting_quorum_percent: 50,
                earliest_record_date: day("2019-09-01"),
                catalogue_office: CatalogueOffice::Secretariat,
                catalogue_adjustment_consent: true,
                reminder_working_days: Default::default(),
            }),
            calendar_version: Calendar::embedded().version(),
        }
    }

    fn decision(id: &str, proposed_on: &str) -> Decision {
        let proposer = Actor {
            id: "sponsor-1".into(),
            name: "经办人".into(),
            organ: "平桥区人民政府".into(),
            unit: "平桥区水利局".into(),
            role: Role::Sponsor,
            on_behalf_of: None,
        };
        let proposal = Proposal {
            title: t("供水项目"),
            summary: t("建设供水管网"),
            category: Category::HenanPublicConstruction,
            nature: MatterNature::Ordinary,
            source: ProposalSource::OrganLeader,
            source_statement: SourceStatement::default(),
            legal_basis: vec![],
            flags: crate::procedure::Flags {
                normative_document: true,
                ..Default::default()
            },
            amends: None,
            proposed_on: day(proposed_on),
            catalogue: None,
        };
        Decision::proposed(id.into(), proposer, proposal, binding())
    }

    fn meeting(on: &str, outcome: MeetingOutcome) -> Meeting {
        Meeting {
            held_on: day(on),
            kind: MeetingKind::Executive,
            session: None,
            draft_version: 1,
            attendance: None,
            speeches: vec![],
            outcome,
            head_reason: None,
        }
    }

    fn count(year: i32, ds: &[Decision]) -> Statistics {
        let cal = Calendar::embedded();
        let calendar = |_: &Decision| Some(&cal);
        let comments = |id: &str| if id == "D-2" { 3 } else { 0 };
        annual(
            year,
            "平桥区人民政府",
            ds,
            &Sources {
                comments: &comments,
                calendar: &calendar,
                catalogue: None,
                today: day("2026-12-01"),
            },
        )
    }

    fn value(s: &Statistics, key: &str) -> u64 {
        s.figure(key)
            .unwrap_or_else(|| panic!("no figure {key}"))
            .value
    }

    #[test]
    fn an_act_counts_in_the_year_it_is_dated_not_the_year_its_decision_was_proposed() {
        let mut d = decision("D-1", "2024-12-20");
        d.meetings
            .push(meeting("2025-01-10", MeetingOutcome::Adopted));
        let ds = [d];
        let y24 = count(2024, &ds);
        let y25 = count(2025, &ds);
        assert_eq!(value(&y24, "decisions.proposed"), 1);
        assert_eq!(value(&y24, "decisions.adopted"), 0);
        assert_eq!(value(&y25, "decisions.proposed"), 0);
        assert_eq!(value(&y25, "decisions.adopted"), 1);
        assert_eq!(
            y25.figure("decisions.adopted").map(|f| &f.ids),
            Some(&vec!["D-1".to_owned()])
        );
        assert_eq!(value(&y24, "stages.proposed"), 1);
        assert_eq!(value(&y24, "decisions.by_unit.平桥区水利局"), 1);
    }

    #[test]
    fn a_consultation_counts_its_comments_from_both_channels_and_each_disposition_by_outcome() {
        let mut d = decision("D-2", "2025-03-01");
        let disposition = |id: &str, outcome| {
            (
                id.to_owned(),
                Disposition {
                    comment_id: id.into(),
                    outcome,
                    reason: t("理由"),
                    group: None,
                },
            )
        };
        d.consultation = Some(Consultation {
            notice: ConsultationNotice {
                opened_on: day("2025-03-10"),
                ends_on: day("2025-04-09"),
                channels: vec![t("政府网站")],
                how_to_comment: t("留言"),
                draft_version: 1,
                shortened_reason: None,
                groups_consulted: vec![],
            },
            dispositions: [
                disposition("C-1", DispositionOutcome::Adopted),
                disposition("C-2", DispositionOutcome::NotAdopted),
                disposition("R-1", DispositionOutcome::PartlyAdopted),
                disposition("C-3", DispositionOutcome::Adopted),
            ]
            .into_iter()
            .collect(),
            closure: None,
            received: vec![ReceivedOpinion {
                id: "R-1".into(),
                received_on: day("2025-03-20"),
                channel: OpinionChannel::Letter,
                author: None,
                body: t("建议"),
            }],
            hidden: Default::default(),
            groups: vec![],
            messages_at_closure: None,
        });
        let s = count(2025, &[d]);
        assert_eq!(value(&s, "participation.consultations"), 1);
        assert_eq!(value(&s, "participation.days_open"), 30);
        assert_eq!(value(&s, "participation.comments"), 4);
        assert_eq!(value(&s, "participation.comments_online"), 3);
        assert_eq!(value(&s, "participation.opinions_offline"), 1);
        assert_eq!(value(&s, "participation.adopted"), 2);
        assert_eq!(value(&s, "participation.partly_adopted"), 1);
        assert_eq!(value(&s, "participation.not_adopted"), 1);
        assert_eq!(value(&s, "participation.hearings"), 0);
    }

    fn published_and_filed(id: &str, published: &str, filed: Option<&str>) -> Decision {
        let mut d = decision(id, "2025-01-05");
        d.publication = Some(Publication {
            published_on: day(published),
            channels: vec![t("政府网站")],
            document_number: None,
            opinion_explanation: None,
            non_disclosure_basis: None,
        });
        d.filings = filed
            .map(|on| Filing {
                filed_on: day(on),
                authority: t("本级人民代表大会常务委员会"),
                receipt_number: t("备〔2025〕1号"),
                review_result: None,
                review_answered_on: None,
            })
            .into_iter()
            .collect();
        d
    }

    #[test]
    fn a_filing_is_on_time_or_late_against_its_deadline_and_an_unfiled_one_is_overdue() {
        let ds = [
            published_and_filed("D-3", "2025-05-26", Some("2025-06-10")),
            // 30 days from 2025-05-26 end on 2025-06-25.
            published_and_filed("D-4", "2025-05-26", Some("2025-07-15")),
            published_and_filed("D-5", "2025-05-26", None),
        ];
        let s = count(2025, &ds);
        assert_eq!(value(&s, "publication.published"), 3);
        assert_eq!(value(&s, keys::FILED_ON_TIME), 1);
        assert_eq!(value(&s, keys::FILED_LATE), 1);
        assert_eq!(value(&s, "publication.filing_overdue"), 1);
        assert_eq!(value(&s, keys::FILING_RATE), 50);
        assert_eq!(
            s.figure(keys::FILED_LATE).map(|f| f.ids.clone()),
            Some(vec!["D-4".to_owned()])
        );
    }

    #[test]
    fn a_review_counts_by_conclusion_in_the_month_it_ended_with_its_working_days_and_counsel() {
        let mut d = decision("D-6", "2025-01-05");
        let opinion = |kind, id: &str, on: &str| LegalOpinion {
            counsel_id: id.into(),
            counsel_name: "律师".into(),
            kind,
            opinion: t("合法"),
            given_on: day(on),
        };
        d.reviews.push(LegalityReview {
            round: 1,
            requested_on: day("2025-04-07"),
            shortened_reason: None,
            draft_version: 1,
            legal_basis: vec![],
            procedure_statement: t("程序"),
            accepted_on: None,
            supplements: vec![],
            assignments: vec![],
            opinions: vec![
                opinion(CounselKind::PublicLawyer, "lawyer-1", "2025-04-10"),
                opinion(CounselKind::LegalAdviser, "adviser-1", "2025-04-11"),
            ],
            outcome: Some(ReviewOutcome::Concluded {
                concluded_on: day("2025-04-18"),
                conclusion: ReviewConclusion::LawfulWithRevisions,
                findings: Findings {
                    authority: t("权限"),
                    procedure: t("程序"),
                    content: t("内容"),
                },
                required_revisions: None,
                risk_statement: None,
                opinion_number: None,
            }),
        });
        let s = count(2025, &[d.clone()]);
        assert_eq!(value(&s, "legality.requested"), 1);
        assert_eq!(value(&s, "legality.lawful_with_revisions"), 1);
        assert_eq!(value(&s, "legality.lawful"), 0);
        assert_eq!(value(&s, "legality.month.04"), 1);
        let expected = Calendar::embedded()
            .working_days_between(day("2025-04-07"), day("2025-04-18"))
            .expect("2025 is in the calendar");
        assert_eq!(value(&s, "legality.working_days"), expected as u64);
        assert_eq!(value(&s, "legality.average_working_days"), expected as u64);
        assert_eq!(value(&s, "legality.opinions_public_lawyer"), 1);
        assert_eq!(value(&s, "legality.opinions_legal_adviser"), 1);
        assert_eq!(value(&s, "legality.opinions_by_counsel.lawyer-1"), 1);
        // Not in 2024.
        assert_eq!(value(&count(2024, &[d]), "legality.concluded"), 0);
    }

    #[test]
    fn two_years_compare_by_key_and_a_figure_only_one_year_has_still_shows() {
        let ds = [decision("D-7", "2024-05-01"), decision("D-8", "2025-05-01")];
        let mut d9 = decision("D-9", "2025-06-01");
        d9.proposer.unit = "平桥区民政局".into();
        let ds2 = [ds[0].clone(), ds[1].clone(), d9];
        let a = count(2025, &ds2);
        let b = count(2024, &ds);
        let rows = compare(&a, &b);
        let decisions = &rows[0].1;
        let proposed = decisions
            .iter()
            .find(|r| r.key == "decisions.proposed")
            .expect("row");
        assert_eq!((proposed.this, proposed.other), (Some(2), Some(1)));
        let civil = decisions
            .iter()
            .find(|r| r.key == "decisions.by_unit.平桥区民政局")
            .expect("row");
        assert_eq!((civil.this, civil.other), (Some(1), None));
    }
}
