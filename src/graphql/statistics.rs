//! The year's statistics over GraphQL (issue 12): one root field, the figures as the service
//! counted them. Two years side by side are two aliased calls
//! (`this: annualStatistics(year: 2025) { … } last: annualStatistics(year: 2024) { … }`), each
//! figure found in the other by its `key`.

use async_graphql::{Context, Enum, Object, Result, SimpleObject};

use super::limits;
use super::{caller, db_turn, gql_error, scan_turn, service};
use crate::procedure::statistics as s;

#[derive(Default)]
pub struct StatisticsQuery;

#[Object]
impl StatisticsQuery {
    /// The year's figures for the 法治政府建设 report (Art. 9), each counted from the record: the
    /// acts dated in `year`, over the decisions of the caller's organ whose record the caller
    /// sees (a sponsor: its unit's), and the organ's catalogue of that year. `organ`, if given,
    /// must be the caller's. Officials only.
    #[graphql(complexity = "limits::SCAN + child_complexity")]
    async fn annual_statistics(
        &self,
        ctx: &Context<'_>,
        year: i32,
        organ: Option<String>,
    ) -> Result<AnnualStatistics> {
        let _scan = scan_turn(ctx).await;
        let _turn = db_turn(ctx).await;
        let stats = service(ctx)
            .annual_statistics(caller(ctx)?, year, organ.as_deref())
            .await
            .map_err(gql_error)?;
        Ok(AnnualStatistics(stats))
    }
}

pub struct AnnualStatistics(s::Statistics);

#[Object]
impl AnnualStatistics {
    async fn year(&self) -> i32 {
        self.0.year
    }

    async fn organ(&self) -> &str {
        &self.0.organ
    }

    async fn sections(&self) -> Vec<StatisticsSection> {
        self.0
            .sections
            .iter()
            .map(|sec| StatisticsSection {
                key: sec.key.to_owned(),
                title: sec.title.to_owned(),
                counted: match sec.counted {
                    s::Counted::Decisions => StatisticsCounted::Decisions,
                    s::Counted::CatalogueItems => StatisticsCounted::CatalogueItems,
                },
                figures: sec
                    .figures
                    .iter()
                    .map(|f| self.to_figure(f, sec.counted))
                    .collect(),
            })
            .collect()
    }

    /// One figure by its key (`decisions.proposed`, `legality.lawful`, …), or null.
    async fn figure(&self, key: String) -> Option<StatisticsFigure> {
        self.0.sections.iter().find_map(|sec| {
            sec.figures
                .iter()
                .find(|f| f.key == key)
                .map(|f| self.to_figure(f, sec.counted))
        })
    }
}

impl AnnualStatistics {
    fn to_figure(&self, f: &s::Figure, counted: s::Counted) -> StatisticsFigure {
        let named = |id: &String| StatisticsRecord {
            id: id.clone(),
            name: self.0.names.get(id).cloned().unwrap_or_default(),
        };
        let (decision_ids, catalogue_item_ids) = match counted {
            s::Counted::Decisions => (f.ids.clone(), Vec::new()),
            s::Counted::CatalogueItems => (Vec::new(), f.ids.clone()),
        };
        StatisticsFigure {
            key: f.key.clone(),
            label: f.label.clone(),
            value: i64::try_from(f.value).unwrap_or(i64::MAX),
            unit: f.unit.to_owned(),
            records: f.ids.iter().map(named).collect(),
            decision_ids,
            catalogue_item_ids,
        }
    }
}

/// What a section's figures count: decisions, or the items of the annual catalogue.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum StatisticsCounted {
    Decisions,
    CatalogueItems,
}

#[derive(SimpleObject)]
pub struct StatisticsSection {
    pub key: String,
    /// 决策事项, 公众参与, 合法性审查, …
    pub title: String,
    pub counted: StatisticsCounted,
    pub figures: Vec<StatisticsFigure>,
}

/// One figure, with what it counts: the drill-down.
#[derive(SimpleObject)]
pub struct StatisticsFigure {
    /// Stable across years.
    pub key: String,
    pub label: String,
    pub value: i64,
    /// 件, 次, 条, 天, 个工作日, 人, 项, 份, %.
    pub unit: String,
    /// The decisions counted (empty for the catalogue's figures).
    pub decision_ids: Vec<String>,
    /// The catalogue items counted (the catalogue's figures only).
    pub catalogue_item_ids: Vec<String>,
    /// The decisions or items counted, with their titles or names.
    pub records: Vec<StatisticsRecord>,
}

#[derive(SimpleObject)]
pub struct StatisticsRecord {
    pub id: String,
    /// The decision's title or the catalogue item's name.
    pub name: String,
}
