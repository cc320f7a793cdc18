//! Procedure profiles: the numbers of the statute that a province or city may vary.
//!
//! Profiles are files an operator reads and edits (`config/profiles/`: the regulation's own
//! `national`, and `henan`); the deployment names one in its configuration. Each decision is bound at proposal to the profile and
//! calendar version in force and keeps them for life (`Decision::binding`), so editing the
//! profile file later never moves an existing decision's time limits.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::deadline::DeadlineKind;
use super::model::Role;

/// Which catalogue of decision categories the organ uses (Art. 3; Henan Order 210 Art. 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategorySystem {
    National,
    Henan,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Stable short name, e.g. `national`, `henan`.
    pub name: String,
    /// The rules it implements, as officials cite them.
    pub title: String,
    pub categories: CategorySystem,
    /// Art. 15: 公开征求意见的期限一般不少于30日.
    pub consultation_min_days: u32,
    /// Art. 16: 听证会材料应当于召开听证会7日前送达.
    pub hearing_materials_days: u32,
    /// Art. 26 as provinces apply it: the review office has at least this many working days.
    pub review_min_working_days: u32,
    /// 备案: within this many days of publication.
    pub filing_deadline_days: u32,
    pub filing_authorities: Vec<String>,
    /// Art. 34: how often the executing unit reports.
    pub execution_report_interval_days: u32,
    /// Art. 33: years after which the archive is transferred.
    pub archive_transfer_years: u32,
    /// Art. 30: collective discussion needs more than this share (in percent) of the meeting's
    /// members present. Profiles written before the field default to more than half.
    #[serde(default = "more_than_half")]
    pub meeting_quorum_percent: u32,
    /// The earliest date an act may carry: records are back-filled, but not from before the
    /// regulation took effect (2019-09-01) unless the profile says otherwise.
    #[serde(default = "regulation_in_force")]
    pub earliest_record_date: NaiveDate,
    /// Art. 3(3): which office runs the annual catalogue, as the organ decides.
    #[serde(default)]
    pub catalogue_office: CatalogueOffice,
    /// Whether an adjustment of the catalogue, like the catalogue itself, is published only
    /// after the Party committee consents (Art. 3(3) names consent for the catalogue; most
    /// provinces apply it to adjustments too).
    #[serde(default = "yes")]
    pub catalogue_adjustment_consent: bool,
    /// 超期预警: how many working days before a deadline of each kind the unit that answers
    /// for it is reminded (`Filing = 5`). A kind left out is reminded only once it has passed.
    /// Reminding is the office's practice, not a time limit: the server reminds by the profile
    /// it runs with, not the one a decision is bound to.
    #[serde(default = "default_reminders")]
    pub reminder_working_days: BTreeMap<DeadlineKind, u32>,
}

/// A week's notice of a filing or an execution report, two weeks of a catalogue item's month.
fn default_reminders() -> BTreeMap<DeadlineKind, u32> {
    BTreeMap::from([
        (DeadlineKind::Filing, 5),
        (DeadlineKind::ExecutionReport, 5),
        (DeadlineKind::CataloguePlannedTime, 10),
    ])
}

/// The office that runs the annual catalogue: the government office or the justice bureau.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogueOffice {
    #[default]
    Secretariat,
    ReviewOffice,
}

impl CatalogueOffice {
    pub fn role(self) -> Role {
        match self {
            CatalogueOffice::Secretariat => Role::Secretariat,
            CatalogueOffice::ReviewOffice => Role::ReviewOffice,
        }
    }
}

fn yes() -> bool {
    true
}

fn more_than_half() -> u32 {
    50
}

fn regulation_in_force() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 9, 1).unwrap_or(NaiveDate::MIN)
}

/// A number of the profile below what the regulation allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BelowFloor {
    /// The profile file's key.
    pub field: &'static str,
    pub value: u32,
    pub floor: u32,
    /// The article that sets the floor, and what it says.
    pub article: &'static str,
    pub says: &'static str,
}

impl Profile {
    /// The numbers a province may raise but not lower: each must be at least the statute's.
    /// Order 713 sets them as 一般不少于 (Art. 15, 26) or as a fixed lead time (Art. 16); a local
    /// rule that goes below them is not the regulation any more.
    pub fn below_floors(&self) -> Vec<BelowFloor> {
        let floors = [
            (
                "consultation_min_days",
                self.consultation_min_days,
                30,
                "第十五条",
                "公开征求意见的期限一般不少于30日",
            ),
            (
                "hearing_materials_days",
                self.hearing_materials_days,
                7,
                "第十六条",
                "听证会材料应当于召开听证会7日前送达听证参加人",
            ),
            (
                "review_min_working_days",
                self.review_min_working_days,
                7,
                "第二十六条",
                "送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日",
            ),
            (
                "meeting_quorum_percent",
                self.meeting_quorum_percent,
                50,
                "第三十条",
                "条例未规定出席人数；本系统对第三十条“集体讨论”的理解是出席的会议组成人员须超过半数",
            ),
        ];
        floors
            .into_iter()
            .filter(|(_, value, floor, _, _)| value < floor)
            .map(|(field, value, floor, article, says)| BelowFloor {
                field,
                value,
                floor,
                article,
                says,
            })
            .collect()
    }
}

/// What a decision is bound to at proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    /// Shared: every decision bound to the same profile holds it, and a decision's state is
    /// cloned for every act (the state before it is kept until the write is answered).
    pub profile: Arc<Profile>,
    /// The working-day calendar version (a hash of its data) in force at proposal.
    pub calendar_version: String,
}
