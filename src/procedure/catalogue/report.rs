//! What became of each item: the year-end completion report (年度执行情况), and the items late
//! against their planned time (久拖不决, Art. 38).
//!
//! Both read the decisions the items link to; the caller finds them (a decision names its item
//! when proposed) and hands them in as [`Linked`], so this stays pure.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::super::deadline::{Deadline, catalogue_deadline};
use super::super::model::{Decision, MeetingOutcome};
use super::super::values::Text;
use super::{Catalogue, CatalogueEvent, Item, YearMonth};

/// A decision an item links to, as far as the catalogue needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub decision_id: String,
    pub stage: &'static str,
    /// The collective discussion that decided it (adopted or not): the item is then decided.
    pub decided_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    pub document_number: Option<String>,
}

impl Linked {
    pub fn of(d: &Decision) -> Self {
        Self {
            decision_id: d.id.clone(),
            stage: d.stage.label(),
            decided_on: d
                .meetings
                .iter()
                .find(|m| {
                    matches!(
                        m.outcome,
                        MeetingOutcome::Adopted | MeetingOutcome::NotAdopted
                    )
                })
                .map(|m| m.held_on),
            published_on: d.publication.as_ref().map(|p| p.published_on),
            document_number: d
                .publication
                .as_ref()
                .and_then(|p| p.document_number.as_ref())
                .map(|n| n.as_str().to_owned()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Outcome {
    /// Decided by the organ; with its publication reference once published.
    Decided {
        decision_id: String,
        decided_on: NaiveDate,
        published_on: Option<NaiveDate>,
        document_number: Option<String>,
    },
    InProgress {
        decision_id: Option<String>,
        /// The decision's stage as officials read it, or none yet.
        stage: Option<String>,
    },
    CarriedOver {
        to_year: i32,
        reason: Text,
    },
    Withdrawn {
        reason: Text,
    },
}

impl Outcome {
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Decided { .. } => "已决策",
            Outcome::InProgress { .. } => "正在推进",
            Outcome::CarriedOver { .. } => "结转下一年度",
            Outcome::Withdrawn { .. } => "已撤销",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub item_id: String,
    /// 序号 in the version reported on (withdrawn items follow the listed ones).
    pub number: usize,
    pub name: String,
    pub lead_unit: String,
    pub planned: YearMonth,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPublication {
    pub published_on: NaiveDate,
    pub channels: Vec<Text>,
    pub document_number: Option<Text>,
}

/// The year-end report as published: the lines are fixed when it is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The catalogue version it reports on (the latest published).
    pub version: u32,
    pub lines: Vec<ReportLine>,
    pub publication: ReportPublication,
}

impl Catalogue {
    /// The report's lines as things stand, for the latest published version.
    pub fn report_lines(&self, linked: impl Fn(&str) -> Option<Linked>) -> Vec<ReportLine> {
        let Some(v) = self.latest() else {
            return Vec::new();
        };
        let line = |number: usize, i: &Item, outcome: Outcome| ReportLine {
            item_id: i.id.clone(),
            number,
            name: i.fields.name.as_str().to_owned(),
            lead_unit: i.fields.lead_unit.as_str().to_owned(),
            planned: i.fields.planned,
            outcome,
        };
        let mut out: Vec<ReportLine> = v
            .listed()
            .map(|(n, i)| {
                let link = linked(&i.id);
                let outcome = match (&link, self.carried(&i.id)) {
                    (
                        Some(Linked {
                            decision_id,
                            decided_on: Some(on),
                            published_on,
                            document_number,
                            ..
                        }),
                        _,
                    ) => Outcome::Decided {
                        decision_id: decision_id.clone(),
                        decided_on: *on,
                        published_on: *published_on,
                        document_number: document_number.clone(),
                    },
                    (_, Some(carry)) => Outcome::CarriedOver {
                        to_year: self.year + 1,
                        reason: carry.reason.clone(),
                    },
                    (link, None) => Outcome::InProgress {
                        decision_id: link.as_ref().map(|l| l.decision_id.clone()),
                        stage: link.as_ref().map(|l| l.stage.to_owned()),
                    },
                };
                line(n, i, outcome)
            })
            .collect();
        let listed = out.len();
        for (k, i) in v.withdrawn().enumerate() {
            if let super::ItemStatus::Withdrawn { reason, .. } = &i.status {
                out.push(line(
                    listed + k + 1,
                    i,
                    Outcome::Withdrawn {
                        reason: reason.clone(),
                    },
                ));
            }
        }
        out
    }

    /// The late-against-plan deadline of every item in force in the latest published version
    /// (an item carried over answers in next year's catalogue instead).
    pub fn deadlines(
        &self,
        linked: impl Fn(&str) -> Option<Linked>,
        calendar_version: &str,
    ) -> Vec<(Item, Deadline)> {
        let Some(v) = self.latest() else {
            return Vec::new();
        };
        v.listed()
            .filter(|(_, i)| self.carried(&i.id).is_none())
            .map(|(_, i)| {
                let met_on = linked(&i.id).and_then(|l| l.decided_on);
                (
                    i.clone(),
                    catalogue_deadline(
                        i.fields.planned,
                        &i.fields.lead_unit,
                        met_on,
                        calendar_version,
                    ),
                )
            })
            .collect()
    }

    /// What the engine records today for items that became late and are not yet recorded.
    pub fn newly_late(
        &self,
        linked: impl Fn(&str) -> Option<Linked>,
        today: NaiveDate,
    ) -> Vec<CatalogueEvent> {
        self.deadlines(linked, "")
            .into_iter()
            .filter(|(_, dl)| dl.is_late(today))
            .filter_map(|(i, dl)| {
                let due = dl.due.ok()?;
                (!self.passed.contains(&(i.id.clone(), due)))
                    .then_some(CatalogueEvent::DeadlinePassed { item_id: i.id, due })
            })
            .collect()
    }
}
