//! Procedure profiles: the numbers of the statute that a province or city may vary.
//!
//! Profiles are files an operator reads and edits (`config/profiles/`: the regulation's own
//! `national`, and `henan`); the deployment names one in its configuration. Each decision is bound at proposal to the profile and
//! calendar version in force and keeps them for life (`Decision::binding`), so editing the
//! profile file later never moves an existing decision's time limits.

use serde::{Deserialize, Serialize};

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
}

/// What a decision is bound to at proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    pub profile: Profile,
    /// The working-day calendar version (a hash of its data) in force at proposal.
    pub calendar_version: String,
}
