//! The annual catalogue of decision matters (年度重大行政决策事项目录), Art. 3(3): the organ fixes
//! it from its units' submissions, publishes it once the same-level Party committee consents, and
//! adjusts it as the year goes.
//!
//! A catalogue is its own record beside the decisions it lists, judged and folded the way a
//! decision is ([`decide`], [`evolve`]): pure, with the date of today and the actor passed in.
//! Its items keep one id for life — through adjustments, and into next year's catalogue when
//! carried over — so a decision that names its item stays linked to it.
//!
//! The catalogue holds the working list (what the next version will publish) and every published
//! version as it was published: a version is never changed, so any two can be compared
//! ([`diff`]) and any one served at its stable address.

mod decide;
mod diff;
mod report;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Actor, Role};
use super::values::{Text, ValueError};

pub use decide::{CatalogueContext, decide, evolve, open};
pub use diff::{FieldChange, ItemChange, ItemChangeKind, diff};
pub use report::{Linked, Outcome, Report, ReportLine, ReportPublication};

/// A month of a year: the precision of a planned decision time (计划决策时间).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year)).then_some(Self { year, month })
    }

    /// `2025-06`, or as printed in catalogues, `2025年6月`.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let bad = ValueError::Invalid {
            field: "计划决策时间",
            why: "应写作“2025-06”或“2025年6月”",
        };
        let raw = raw.trim();
        let (y, m) = match raw.split_once('-') {
            Some((y, m)) => (y, m),
            None => raw
                .strip_suffix('月')
                .and_then(|r| r.split_once('年'))
                .ok_or(bad.clone())?,
        };
        let year = y.trim().parse().map_err(|_| bad.clone())?;
        let month = m.trim().parse().map_err(|_| bad.clone())?;
        Self::new(year, month).ok_or(bad)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    /// The month's last day: an item planned for June is late from 1 July.
    pub fn last_day(self) -> NaiveDate {
        let (y, m) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// As catalogues print it: `2025年6月`.
    pub fn label(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// The same month of another year (an item carried over keeps its month until re-planned).
    pub fn in_year(self, year: i32) -> Self {
        Self { year, ..self }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for YearMonth {
    type Error = ValueError;
    fn try_from(s: String) -> Result<Self, ValueError> {
        Self::parse(&s)
    }
}

impl From<YearMonth> for String {
    fn from(m: YearMonth) -> String {
        m.to_string()
    }
}

/// Art. 3(1): the five kinds of decision matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MatterKind {
    /// (一) 重大公共政策和措施
    PublicPolicy,
    /// (二) 经济和社会发展等方面的重要规划
    Plan,
    /// (三) 开发利用、保护重要自然资源和文化资源的重大公共政策和措施
    Resources,
    /// (四) 重大公共建设项目
    Construction,
    /// (五) 其他重大事项
    Other,
}

impl MatterKind {
    pub const ALL: [MatterKind; 5] = [
        MatterKind::PublicPolicy,
        MatterKind::Plan,
        MatterKind::Resources,
        MatterKind::Construction,
        MatterKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MatterKind::PublicPolicy => "重大公共政策和措施",
            MatterKind::Plan => "重要规划",
            MatterKind::Resources => "自然资源和文化资源开发利用、保护政策措施",
            MatterKind::Construction => "重大公共建设项目",
            MatterKind::Other => "其他重大事项",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.label() == label.trim())
    }
}

/// The procedures the item plans besides the two every decision takes: legality review (Art. 25)
/// and collective discussion (Art. 30) are always part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlannedProcedures {
    pub public_consultation: bool,
    pub hearing: bool,
    pub expert_argumentation: bool,
    pub risk_assessment: bool,
}

impl PlannedProcedures {
    /// The names of the planned procedures, in the order of the regulation's chapter 2, the
    /// two that are always taken last.
    pub fn names(self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (on, name) in [
            (self.public_consultation, PUBLIC_CONSULTATION),
            (self.hearing, HEARING),
            (self.expert_argumentation, EXPERT_ARGUMENTATION),
            (self.risk_assessment, RISK_ASSESSMENT),
        ] {
            if on {
                out.push(name);
            }
        }
        out.extend([LEGALITY_REVIEW, COLLECTIVE_DISCUSSION]);
        out
    }

    /// As the 决策程序 column prints it.
    pub fn label(self) -> String {
        self.names().join("、")
    }

    /// Reads the 决策程序 column back; the two procedures every decision takes may be left out.
    pub fn parse(label: &str) -> Result<Self, ValueError> {
        let mut p = Self::default();
        for name in label.split(['、', '，', ',']).map(str::trim) {
            match name {
                "" | LEGALITY_REVIEW | COLLECTIVE_DISCUSSION => {}
                PUBLIC_CONSULTATION => p.public_consultation = true,
                HEARING => p.hearing = true,
                EXPERT_ARGUMENTATION => p.expert_argumentation = true,
                RISK_ASSESSMENT => p.risk_assessment = true,
                _ => {
                    return Err(ValueError::Invalid {
                        field: "决策程序",
                        why: "只能列公众参与（公开征求意见、听证）、专家论证、风险评估、合法性审查、集体讨论决定，以“、”分隔",
                    });
                }
            }
        }
        Ok(p)
    }
}

const PUBLIC_CONSULTATION: &str = "公开征求意见";
const HEARING: &str = "听证";
const EXPERT_ARGUMENTATION: &str = "专家论证";
const RISK_ASSESSMENT: &str = "风险评估";
const LEGALITY_REVIEW: &str = "合法性审查";
const COLLECTIVE_DISCUSSION: &str = "集体讨论决定";

/// What a catalogue says of one matter: the columns of a published catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFields {
    /// 决策事项名称
    pub name: Text,
    /// 承办单位: the lead unit…
    pub lead_unit: Text,
    /// …and the units that work with it.
    pub co_units: Vec<Text>,
    pub kind: MatterKind,
    /// 决策依据及主要内容
    pub basis_and_content: Text,
    pub procedures: PlannedProcedures,
    /// 计划决策时间
    pub planned: YearMonth,
    /// 备注
    pub remarks: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ItemStatus {
    Active,
    /// Taken out of the catalogue by an adjustment; kept, so every version stays whole.
    Withdrawn {
        withdrawn_on: NaiveDate,
        reason: Text,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable for life, across versions and years: what a decision links to.
    pub id: String,
    pub fields: ItemFields,
    pub status: ItemStatus,
    /// The year whose catalogue the item was carried over from, if it was.
    pub carried_from: Option<i32>,
}

impl Item {
    pub fn is_active(&self) -> bool {
        self.status == ItemStatus::Active
    }
}

/// What a unit asks the catalogue to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Change {
    Add { fields: ItemFields },
    Amend { item_id: String, fields: ItemFields },
    Withdraw { item_id: String },
}

impl Change {
    pub fn label(&self) -> &'static str {
        match self {
            Change::Add { .. } => "新增事项",
            Change::Amend { .. } => "调整事项",
            Change::Withdraw { .. } => "撤销事项",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SubmissionStatus {
    Pending,
    Accepted {
        accepted_on: NaiveDate,
        /// What the office changed in the unit's text, and why.
        note: Option<Text>,
        edited: bool,
    },
    Rejected {
        rejected_on: NaiveDate,
        reason: Text,
    },
}

/// A unit's submission (申报): a candidate item before the catalogue is published, an adjustment
/// proposal (调整申请) after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub id: String,
    pub change: Change,
    pub reason: Option<Text>,
    pub unit: Text,
    pub submitted_by: String,
    pub submitted_on: NaiveDate,
    pub status: SubmissionStatus,
}

/// The organ's executive meeting that fixed the catalogue or approved the adjustment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discussion {
    pub held_on: NaiveDate,
    /// e.g. 区政府第12次常务会议
    pub session: Text,
}

/// The same-level Party committee's consent (Art. 3(3)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub consented_on: NaiveDate,
    /// The committee's document or meeting that consented, e.g. 区委常委会2025年第5次会议.
    pub reference: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub published_on: NaiveDate,
    pub channels: Vec<Text>,
    /// e.g. 平政办〔2025〕8号
    pub document_number: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChangeKind {
    Added,
    Changed,
    Withdrawn,
}

/// One change the version under preparation makes, with the reason the unit gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedChange {
    pub item_id: String,
    pub kind: ChangeKind,
    pub reason: Option<Text>,
    pub submission_id: Option<String>,
}

/// Where the version under preparation stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Step {
    /// Items are being accepted; nothing discussed yet.
    Drafting,
    Discussed {
        discussion: Discussion,
    },
    Consented {
        discussion: Discussion,
        consent: Consent,
    },
}

impl Step {
    pub fn label(&self) -> &'static str {
        match self {
            Step::Drafting => "起草中",
            Step::Discussed { .. } => "已经常务会议讨论",
            Step::Consented { .. } => "已经同级党委同意",
        }
    }
}

/// The next version, in preparation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// 1 for the catalogue itself, 2 for its first adjustment, …
    pub number: u32,
    pub step: Step,
    pub changes: Vec<AppliedChange>,
}

/// A published version: as it was published, forever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub number: u32,
    /// Every item, the withdrawn ones with their reason.
    pub items: Vec<Item>,
    pub discussion: Discussion,
    pub consent: Option<Consent>,
    pub publication: Publication,
    /// What this version changed from the one before (for version 1: every item added).
    pub changes: Vec<AppliedChange>,
}

impl Version {
    /// The items in force, numbered from 1 in the order they are listed (序号).
    pub fn listed(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.items
            .iter()
            .filter(|i| i.is_active())
            .enumerate()
            .map(|(n, i)| (n + 1, i))
    }

    pub fn withdrawn(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| !i.is_active())
    }
}

/// An unfinished item the office carries over into next year's catalogue at year end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarryOver {
    pub item_id: String,
    pub reason: Text,
    pub carried_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub id: String,
    pub organ: String,
    pub year: i32,
    /// 《平桥区人民政府2025年度重大行政决策事项目录》
    pub title: Text,
    /// The office that runs the catalogue, as the organ decided when it opened it.
    pub office: Role,
    /// Whether an adjustment also needs the Party committee's consent before publication.
    pub adjustment_consent: bool,
    pub opened_on: NaiveDate,
    /// The optimistic-concurrency token, one more per accepted act.
    pub version: u64,
    /// The working list: what the version in preparation will publish.
    pub items: Vec<Item>,
    pub submissions: Vec<Submission>,
    pub revision: Revision,
    pub versions: Vec<Version>,
    pub carried_over: Vec<CarryOver>,
    pub report: Option<Report>,
    /// Late items the engine has recorded, each once (Art. 38).
    pub passed: Vec<(String, NaiveDate)>,
}

impl Catalogue {
    pub fn latest(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// The version in force on `day`: the last one published on or before it.
    pub fn in_force_on(&self, day: NaiveDate) -> Option<&Version> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.publication.published_on <= day)
    }

    pub fn published(&self, number: u32) -> Option<&Version> {
        self.versions.iter().find(|v| v.number == number)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn submission(&self, id: &str) -> Option<&Submission> {
        self.submissions.iter().find(|s| s.id == id)
    }

    pub fn carried(&self, item_id: &str) -> Option<&CarryOver> {
        self.carried_over.iter().find(|c| c.item_id == item_id)
    }

    /// The items next year's catalogue opens with: those carried over, as they stand in the
    /// latest version, planned in the same month of the new year until re-planned.
    pub fn carried_into(&self, year: i32) -> Vec<Item> {
        let Some(latest) = self.latest() else {
            return Vec::new();
        };
        latest
            .items
            .iter()
            .filter(|i| i.is_active() && self.carried(&i.id).is_some())
            .map(|i| Item {
                id: i.id.clone(),
                fields: ItemFields {
                    planned: i.fields.planned.in_year(year),
                    ..i.fields.clone()
                },
                status: ItemStatus::Active,
                carried_from: Some(self.year),
            })
            .collect()
    }

    /// What the public reads: the published versions and the published report, nothing in
    /// preparation (no submissions, no draft of the next adjustment). `None` before the first
    /// publication.
    pub fn published_view(&self) -> Option<Catalogue> {
        let latest = self.latest()?;
        Some(Catalogue {
            items: latest.items.clone(),
            submissions: Vec::new(),
            revision: Revision {
                number: self.revision.number,
                step: Step::Drafting,
                changes: Vec::new(),
            },
            carried_over: Vec::new(),
            passed: Vec::new(),
            ..self.clone()
        })
    }

    /// The title a catalogue gets when the office gives none.
    pub fn default_title(organ: &str, year: i32) -> String {
        format!("《{organ}{year}年度重大行政决策事项目录》")
    }
}

/// The acts on a catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogueCommand {
    Submit {
        id: String,
        change: Change,
        reason: Option<Text>,
        submitted_on: NaiveDate,
    },
    Accept {
        submission_id: String,
        /// The office's edit of the unit's text, if any.
        amended: Option<ItemFields>,
        note: Option<Text>,
        accepted_on: NaiveDate,
    },
    Reject {
        submission_id: String,
        reason: Text,
        rejected_on: NaiveDate,
    },
    /// Bulk entry from the engine's own CSV: every row becomes an item of the first version.
    Import {
        items: Vec<(String, ItemFields)>,
        imported_on: NaiveDate,
    },
    RecordDiscussion(Discussion),
    RecordConsent(Consent),
    Publish(Publication),
    CarryOver(CarryOver),
    PublishReport(Report),
}

impl CatalogueCommand {
    pub fn label(&self) -> &'static str {
        CatalogueAct::of(self).label()
    }
}

/// The kinds of act on a catalogue, for roles, refusals and the rule book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CatalogueAct {
    Open,
    Submit,
    Accept,
    Reject,
    Import,
    RecordDiscussion,
    RecordConsent,
    Publish,
    CarryOver,
    PublishReport,
}

impl CatalogueAct {
    pub const ALL: [CatalogueAct; 10] = [
        CatalogueAct::Open,
        CatalogueAct::Submit,
        CatalogueAct::Accept,
        CatalogueAct::Reject,
        CatalogueAct::Import,
        CatalogueAct::RecordDiscussion,
        CatalogueAct::RecordConsent,
        CatalogueAct::Publish,
        CatalogueAct::CarryOver,
        CatalogueAct::PublishReport,
    ];

    pub fn of(cmd: &CatalogueCommand) -> Self {
        match cmd {
            CatalogueCommand::Submit { .. } => CatalogueAct::Submit,
            CatalogueCommand::Accept { .. } => CatalogueAct::Accept,
            CatalogueCommand::Reject { .. } => CatalogueAct::Reject,
            CatalogueCommand::Import { .. } => CatalogueAct::Import,
            CatalogueCommand::RecordDiscussion(_) => CatalogueAct::RecordDiscussion,
            CatalogueCommand::RecordConsent(_) => CatalogueAct::RecordConsent,
            CatalogueCommand::Publish(_) => CatalogueAct::Publish,
            CatalogueCommand::CarryOver(_) => CatalogueAct::CarryOver,
            CatalogueCommand::PublishReport(_) => CatalogueAct::PublishReport,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CatalogueAct::Open => "编制年度决策事项目录",
            CatalogueAct::Submit => "申报目录事项",
            CatalogueAct::Accept => "采纳目录申报",
            CatalogueAct::Reject => "不予采纳目录申报",
            CatalogueAct::Import => "导入目录事项",
            CatalogueAct::RecordDiscussion => "登记目录的常务会议讨论",
            CatalogueAct::RecordConsent => "登记同级党委同意目录",
            CatalogueAct::Publish => "公布目录",
            CatalogueAct::CarryOver => "结转目录事项",
            CatalogueAct::PublishReport => "公布目录年度执行情况",
        }
    }

    /// Units submit; everything else is the office's (whichever office the organ named).
    pub fn by_units(self) -> bool {
        self == CatalogueAct::Submit
    }
}

/// What happened to a catalogue. Stored forever: add variants, never change one's meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CatalogueEvent {
    Opened(Opening),
    ItemSubmitted(Submission),
    SubmissionAccepted {
        submission_id: String,
        item: Item,
        note: Option<Text>,
        accepted_on: NaiveDate,
    },
    SubmissionRejected {
        submission_id: String,
        reason: Text,
        rejected_on: NaiveDate,
    },
    ItemsImported {
        items: Vec<Item>,
        imported_on: NaiveDate,
    },
    Discussed(Discussion),
    Consented(Consent),
    Published {
        number: u32,
        publication: Publication,
    },
    ItemCarriedOver(CarryOver),
    ReportPublished(Report),
    /// Recorded by the engine once an item passes its planned time undecided (Art. 38).
    DeadlinePassed {
        item_id: String,
        due: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    pub organ: String,
    pub year: i32,
    pub title: Text,
    pub office: Role,
    pub adjustment_consent: bool,
    pub opened_on: NaiveDate,
    /// Last year's unfinished items the office carried over.
    pub carried_in: Vec<Item>,
    pub opened_by: Actor,
}

impl CatalogueEvent {
    /// An event read back from the record, which keeps its kind and its payload apart.
    pub fn from_record(kind: &str, payload: &serde_json::Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(serde_json::json!({ "kind": kind, "payload": payload }))
    }

    /// What happened, as officials say it: the catalogue's timeline.
    pub fn label(&self) -> &'static str {
        match self {
            CatalogueEvent::Opened(_) => CatalogueAct::Open.label(),
            CatalogueEvent::ItemSubmitted(_) => CatalogueAct::Submit.label(),
            CatalogueEvent::SubmissionAccepted { .. } => CatalogueAct::Accept.label(),
            CatalogueEvent::SubmissionRejected { .. } => CatalogueAct::Reject.label(),
            CatalogueEvent::ItemsImported { .. } => CatalogueAct::Import.label(),
            CatalogueEvent::Discussed(_) => CatalogueAct::RecordDiscussion.label(),
            CatalogueEvent::Consented(_) => CatalogueAct::RecordConsent.label(),
            CatalogueEvent::Published { .. } => CatalogueAct::Publish.label(),
            CatalogueEvent::ItemCarriedOver(_) => CatalogueAct::CarryOver.label(),
            CatalogueEvent::ReportPublished(_) => CatalogueAct::PublishReport.label(),
            CatalogueEvent::DeadlinePassed { .. } => "目录事项逾期未决策",
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            CatalogueEvent::Opened(_) => "CATALOGUE_OPENED",
            CatalogueEvent::ItemSubmitted(_) => "ITEM_SUBMITTED",
            CatalogueEvent::SubmissionAccepted { .. } => "SUBMISSION_ACCEPTED",
            CatalogueEvent::SubmissionRejected { .. } => "SUBMISSION_REJECTED",
            CatalogueEvent::ItemsImported { .. } => "ITEMS_IMPORTED",
            CatalogueEvent::Discussed(_) => "CATALOGUE_DISCUSSED",
            CatalogueEvent::Consented(_) => "CATALOGUE_CONSENTED",
            CatalogueEvent::Published { .. } => "CATALOGUE_PUBLISHED",
            CatalogueEvent::ItemCarriedOver(_) => "ITEM_CARRIED_OVER",
            CatalogueEvent::ReportPublished(_) => "REPORT_PUBLISHED",
            CatalogueEvent::DeadlinePassed { .. } => "DEADLINE_PASSED",
        }
    }

    pub fn occurred_on(&self) -> Option<NaiveDate> {
        Some(match self {
            CatalogueEvent::Opened(o) => o.opened_on,
            CatalogueEvent::ItemSubmitted(s) => s.submitted_on,
            CatalogueEvent::SubmissionAccepted { accepted_on, .. } => *accepted_on,
            CatalogueEvent::SubmissionRejected { rejected_on, .. } => *rejected_on,
            CatalogueEvent::ItemsImported { imported_on, .. } => *imported_on,
            CatalogueEvent::Discussed(d) => d.held_on,
            CatalogueEvent::Consented(c) => c.consented_on,
            CatalogueEvent::Published { publication, .. } => publication.published_on,
            CatalogueEvent::ItemCarriedOver(c) => c.carried_on,
            CatalogueEvent::ReportPublished(r) => r.publication.published_on,
            CatalogueEvent::DeadlinePassed { .. } => return None,
        })
    }
}

/// The first day a catalogue's year-end report may carry: the year's last month, when what
/// the year decided is known.
pub fn report_earliest(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 1).unwrap_or(NaiveDate::MAX)
}
