//! "我的工作", the workbench's first page, as a read model: the one place that decides what an
//! official sees there. The decisions whose record the official's post covers, each with its
//! next deadline and the acts the official may take now; the review desk for the review office
//! and assigned counsel; the overview of the whole organ for the government office.
//!
//! Who sees which decision is `procedure::access`'s ([`Service::sight`]); which acts are open is
//! the core's dry run ([`Service::next_acts`]); deadlines are those the overdue views count. This
//! module only selects, orders and counts, so the page and any later API agree.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::{Caller, DeadlineQuery, DeadlineToday, ListFilter, Service, ServiceError, Subject};
use crate::procedure::{
    CommandKind, DeadlineStatus, Decision, DeskStatus, Next, Role, Sight, Stage,
};

/// The most decisions the page lists: the newest that match, ordered by urgency among
/// themselves. Past it the official narrows the filter; a page of thousands of rows would be
/// unreadable at 200 % zoom anyway.
pub const LISTED: usize = 200;

/// Rows read from the store at a time while the page is gathered.
const PAGE: u64 = 200;

/// What "我的工作" is narrowed to; every field `None` lists everything in the caller's scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkFilter {
    pub stage: Option<Stage>,
    /// The lead unit (the proposing unit before the organ named one, Art. 11).
    pub unit: Option<String>,
    /// The year the matter was proposed, or of the catalogue whose item it decides.
    pub year: Option<i32>,
    /// The catalogue item it decides.
    pub item: Option<String>,
}

/// The longest unit name or item id a filter takes: longer cannot match anything stored.
const MAX_FILTER_CHARS: usize = 100;

impl WorkFilter {
    /// The filter a query string asks for, each field as the form sends it; an empty field is
    /// no filter. A value that cannot be one is refused in Chinese, naming the field.
    pub fn parse(
        stage: Option<&str>,
        unit: Option<&str>,
        year: Option<&str>,
        item: Option<&str>,
    ) -> Result<Self, ServiceError> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let text = |v: Option<&str>, what: &str| -> Result<Option<String>, ServiceError> {
            match given(v) {
                Some(v) if v.chars().count() > MAX_FILTER_CHARS => Err(ServiceError::Invalid(
                    format!("“{what}”不能超过{MAX_FILTER_CHARS}个字"),
                )),
                other => Ok(other.map(str::to_owned)),
            }
        };
        let stage = match given(stage) {
            None => None,
            Some(v) => Some(
                Stage::ALL
                    .into_iter()
                    .find(|s| crate::store::stage_name(*s) == v)
                    .ok_or_else(|| ServiceError::Invalid("“所处阶段”的取值无效".into()))?,
            ),
        };
        let year = match given(year) {
            None => None,
            Some(v) => Some(
                v.parse::<i32>()
                    .ok()
                    .filter(|y| (2000..=2099).contains(y))
                    .ok_or_else(|| {
                        ServiceError::Invalid("“年度”应为2000至2099之间的四位年份".into())
                    })?,
            ),
        };
        Ok(Self {
            stage,
            unit: text(unit, "承办单位")?,
            year,
            item: text(item, "目录事项编号")?,
        })
    }

    /// Whether `d` passes the filters the store could not apply.
    fn keeps(&self, d: &Decision) -> bool {
        let lead = d.units_in_charge().first().copied();
        let catalogue = d.proposal.catalogue.as_ref();
        let catalogue_year = catalogue.and_then(|c| match c {
            crate::procedure::CatalogueLink::Item { year, .. } => Some(*year),
            crate::procedure::CatalogueLink::Outside { .. } => None,
        });
        self.unit.as_deref().is_none_or(|u| lead == Some(u))
            && self
                .year
                .is_none_or(|y| d.proposal.proposed_on.year() == y || catalogue_year == Some(y))
            && self
                .item
                .as_deref()
                .is_none_or(|i| catalogue.and_then(|c| c.item_id()) == Some(i))
    }
}

/// One decision on the page.
#[derive(Debug, Clone)]
pub struct WorkItem {
    pub decision: Decision,
    /// The earliest deadline still ahead or unmet; `None` when nothing is due.
    pub next_deadline: Option<DeadlineToday>,
    /// The acts the official may take now, in the procedure's order.
    pub acts: Vec<CommandKind>,
}

impl WorkItem {
    /// Passed and still not met.
    pub fn is_late(&self) -> bool {
        self.next_deadline
            .as_ref()
            .is_some_and(|d| d.status == DeadlineStatus::Overdue)
    }
}

/// A review round on the review desk.
#[derive(Debug, Clone)]
pub struct DeskItem {
    pub decision_id: String,
    pub title: String,
    pub lead_unit: Option<String>,
    pub requested_on: NaiveDate,
    /// Working days from the request to today, with the decision's calendar; `None` past the
    /// calendar's data.
    pub working_days: Option<i64>,
    pub status: DeskStatus,
    /// The counsel assigned and not withdrawn.
    pub counsel: Vec<String>,
}

/// Late deadlines one unit answers for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitLate {
    pub unit: String,
    pub decisions: usize,
    pub catalogue_items: usize,
}

/// The whole organ at a glance, for the government office.
#[derive(Debug, Clone)]
pub struct Overview {
    /// Every stage in the procedure's order, with how many of the organ's decisions are in it.
    pub by_stage: Vec<(Stage, usize)>,
    pub total: usize,
    /// Units with deadlines passed and still unmet, by unit name.
    pub late_by_unit: Vec<UnitLate>,
}

/// What "我的工作" shows one official.
#[derive(Debug, Clone)]
pub struct MyWork {
    /// The one "today" every count on the page was made with.
    pub today: NaiveDate,
    /// Late first (the longest late first), then by the nearest due date, then the rest newest
    /// first.
    pub items: Vec<WorkItem>,
    /// More decisions matched than [`LISTED`]: only the newest are listed.
    pub truncated: bool,
    /// How many listed decisions are in each stage that has any, in the procedure's order.
    pub by_stage: Vec<(Stage, usize)>,
    /// For the review office, and for counsel with a round assigned: the rounds under review,
    /// oldest request first.
    pub desk: Option<Vec<DeskItem>>,
    /// For the government office only.
    pub overview: Option<Overview>,
}

impl Service {
    /// "我的工作" for the caller, narrowed by `filter`.
    #[tracing::instrument(skip(self, caller), fields(account = caller.account()), err)]
    pub async fn my_work(
        &self,
        caller: &Caller,
        filter: &WorkFilter,
    ) -> Result<MyWork, ServiceError> {
        let official = caller.official()?;
        let today = self.today();
        let (found, truncated) = self.in_scope(caller, filter).await?;
        let mut items = Vec::with_capacity(found.len());
        for d in found {
            let next_deadline = self
                .deadlines_on(&d, today)
                .await?
                .into_iter()
                // Still ahead or still unmet: a date to meet by that is not met, or a date not to
                // act before that is not reached (the consultation's end, the earliest meeting:
                // what the official waits for). Met, met late and reached ones are history.
                .filter(|dl| {
                    dl.deadline.met_on.is_none()
                        && matches!(
                            dl.status,
                            DeadlineStatus::Open
                                | DeadlineStatus::Overdue
                                | DeadlineStatus::Uncomputable
                        )
                })
                .min_by_key(|dl| {
                    let due = dl.deadline.due.as_ref().ok().copied();
                    (due.is_none(), due)
                });
            let acts = self
                .next_acts_on(official, &d, today)
                .await?
                .into_iter()
                .filter(|a| a.next == Next::Available)
                .map(|a| a.kind)
                .collect();
            items.push(WorkItem {
                decision: d,
                next_deadline,
                acts,
            });
        }
        // Stable: within a class, and for decisions with nothing due, the store's newest-first
        // order stands.
        items.sort_by_key(|i| {
            let due = i
                .next_deadline
                .as_ref()
                .and_then(|dl| dl.deadline.due.as_ref().ok().copied());
            match due {
                Some(due) if i.is_late() => (0, Some(due)),
                Some(due) => (1, Some(due)),
                None => (2, None),
            }
        });
        let by_stage = Stage::ALL
            .into_iter()
            .map(|s| (s, items.iter().filter(|i| i.decision.stage == s).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        let desk = if official.has(Role::ReviewOffice) || official.has(Role::Counsel) {
            let desk = self.desk(caller).await?;
            // A counsel nobody assigned has no desk to show.
            (official.has(Role::ReviewOffice) || !desk.is_empty()).then_some(desk)
        } else {
            None
        };
        let overview = if official.has(Role::Secretariat) {
            Some(self.overview(caller, &official.organ).await?)
        } else {
            None
        };
        Ok(MyWork {
            today,
            items,
            truncated,
            by_stage,
            desk,
            overview,
        })
    }

    /// The newest [`LISTED`] decisions of the caller's organ whose record the caller sees and
    /// that pass `filter`, and whether more did.
    async fn in_scope(
        &self,
        caller: &Caller,
        filter: &WorkFilter,
    ) -> Result<(Vec<Decision>, bool), ServiceError> {
        let official = caller.official()?;
        // Only the caller's organ's decisions can have a record the caller sees; the stage is a
        // column, the other filters read the record.
        let store_filter = ListFilter {
            organ: Some(official.organ.clone()),
            stage: filter.stage,
            lead_unit: None,
        };
        let mut out = Vec::new();
        let mut after: Option<(DateTime<Utc>, String)> = None;
        loop {
            let page = self.store.list(&store_filter, after.clone(), PAGE).await?;
            let full = page.len() as u64 == PAGE;
            for (d, at) in page {
                after = Some((at, d.id.clone()));
                if self.sight(caller, &d) == Sight::Record && filter.keeps(&d) {
                    if out.len() == LISTED {
                        return Ok((out, true));
                    }
                    out.push(d);
                }
            }
            if !full {
                return Ok((out, false));
            }
        }
    }

    /// The review desk as the caller sees it: the rounds under review, oldest request first.
    async fn desk(&self, caller: &Caller) -> Result<Vec<DeskItem>, ServiceError> {
        let mut out = Vec::new();
        for d in self.under_review(caller).await? {
            let Some(r) = d.current_review() else {
                continue;
            };
            out.push(DeskItem {
                working_days: self.review_working_days(&d, r).await?,
                decision_id: d.id.clone(),
                title: d.proposal.title.to_string(),
                lead_unit: d.start.as_ref().map(|s| s.lead_unit.to_string()),
                requested_on: r.requested_on,
                status: r.desk_status(),
                counsel: r
                    .assignments
                    .iter()
                    .filter(|a| a.is_active())
                    .map(|a| a.counsel_name.clone())
                    .collect(),
            });
        }
        Ok(out)
    }

    /// Counts over the whole organ: a report over every decision, so it waits its turn.
    async fn overview(&self, caller: &Caller, organ: &str) -> Result<Overview, ServiceError> {
        let _scan = self.scan_turn().await;
        let mut counts = [0usize; Stage::ALL.len()];
        let filter = ListFilter {
            organ: Some(organ.to_owned()),
            ..ListFilter::default()
        };
        let mut after = None;
        loop {
            let page = self.store.list(&filter, after.clone(), 500).await?;
            let Some((last, at)) = page.last() else { break };
            after = Some((*at, last.id.clone()));
            for (d, _) in &page {
                if self.sight(caller, d) == Sight::Record
                    && let Some(i) = Stage::ALL.iter().position(|s| *s == d.stage)
                {
                    counts[i] += 1;
                }
            }
        }
        let by_stage: Vec<(Stage, usize)> = Stage::ALL.into_iter().zip(counts).collect();
        let total = by_stage.iter().map(|(_, n)| n).sum();
        // Only deadlines passed and still unmet: what the office has to chase today. Those met
        // late are history, and stay in the overdue view (`overdueByUnit`).
        let late = self
            .deadline_report(
                caller,
                &DeadlineQuery {
                    overdue: Some(true),
                    ..DeadlineQuery::default()
                },
            )
            .await?;
        let mut per_unit: BTreeMap<String, UnitLate> = BTreeMap::new();
        for (subject, dl) in late {
            if dl.status != DeadlineStatus::Overdue {
                continue;
            }
            let unit = dl
                .deadline
                .unit
                .as_ref()
                .map_or_else(|| "（未明确承办单位）".to_owned(), ToString::to_string);
            let entry = per_unit.entry(unit.clone()).or_insert(UnitLate {
                unit,
                decisions: 0,
                catalogue_items: 0,
            });
            match subject {
                Subject::Decision(_) => entry.decisions += 1,
                Subject::Item { .. } => entry.catalogue_items += 1,
            }
        }
        Ok(Overview {
            by_stage,
            total,
            late_by_unit: per_unit.into_values().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_form_filters_nothing() {
        let f = WorkFilter::parse(Some(""), Some("  "), Some(""), None).expect("parses");
        assert_eq!(f, WorkFilter::default());
    }

    #[test]
    fn a_filter_takes_the_api_names_of_stages_and_four_digit_years() {
        let f = WorkFilter::parse(
            Some("LEGALITY_REVIEW"),
            Some("区住房和城乡建设局"),
            Some("2026"),
            Some("item-1"),
        )
        .expect("parses");
        assert_eq!(f.stage, Some(Stage::LegalityReview));
        assert_eq!(f.unit.as_deref(), Some("区住房和城乡建设局"));
        assert_eq!(f.year, Some(2026));
        assert_eq!(f.item.as_deref(), Some("item-1"));
    }

    #[test]
    fn a_value_that_cannot_be_a_filter_is_refused_naming_the_field() {
        let message = |r: Result<WorkFilter, ServiceError>| match r {
            Err(ServiceError::Invalid(m)) => m,
            other => panic!("expected Invalid, got {other:?}"),
        };
        assert!(
            message(WorkFilter::parse(Some("legality_review"), None, None, None))
                .contains("所处阶段")
        );
        assert!(message(WorkFilter::parse(None, None, Some("26"), None)).contains("年度"));
        assert!(message(WorkFilter::parse(None, None, Some("二〇二六"), None)).contains("年度"));
        let long = "局".repeat(MAX_FILTER_CHARS + 1);
        assert!(message(WorkFilter::parse(None, Some(&long), None, None)).contains("承办单位"));
    }
}
