//! The deadline index: which decisions a report across decisions, or the sweep, needs to read.
//! The rows are written with each act (see `writer`); here they are only read. A selection is
//! never narrower than the truth — the service judges each decision it reads again — so a row
//! can only save reading a decision, never hide one.

use chrono::NaiveDate;
use entities::{deadline_index, decision, index_version};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::{Store, StoreError, deadline_kind_name, writer};
use crate::procedure::{Deadline, DeadlineKind, Decision};

/// Ids per `IN (…)` list when decisions are read by id.
const IDS_PER_QUERY: usize = 500;

/// The deadlines a report asks for, as far as the index can tell them.
#[derive(Debug, Clone, Default)]
pub struct DeadlineSelection {
    pub organ: String,
    /// Only deadlines late on this day: passed unmet, or met after the date.
    pub late_on: Option<NaiveDate>,
    pub kind: Option<DeadlineKind>,
    /// The unit that answers for the deadline.
    pub unit: Option<String>,
    /// Only deadlines with a computed date before this one.
    pub due_before: Option<NaiveDate>,
}

impl Store {
    /// The decisions with a deadline the selection may keep, by id.
    pub async fn decisions_with_deadlines(
        &self,
        sel: &DeadlineSelection,
    ) -> Result<Vec<String>, StoreError> {
        use deadline_index::Column as C;
        let mut q = deadline_index::Entity::find()
            .select_only()
            .column(C::DecisionId)
            .distinct()
            .filter(C::Organ.eq(&sel.organ));
        if let Some(today) = sel.late_on {
            q = q.filter(late(today));
        }
        if let Some(kind) = sel.kind {
            q = q.filter(C::Kind.eq(deadline_kind_name(kind)));
        }
        if let Some(unit) = &sel.unit {
            q = q.filter(C::Unit.eq(unit));
        }
        if let Some(before) = sel.due_before {
            q = q.filter(C::Due.lt(before));
        }
        Ok(q.order_by_asc(C::DecisionId)
            .into_tuple::<String>()
            .all(self.connection())
            .await?)
    }

    /// The decisions with a deadline passed by `today` that the sweep has not recorded yet.
    pub async fn decisions_to_sweep(&self, today: NaiveDate) -> Result<Vec<String>, StoreError> {
        use deadline_index::Column as C;
        Ok(deadline_index::Entity::find()
            .select_only()
            .column(C::DecisionId)
            .distinct()
            .filter(C::Sweep.eq(true))
            .filter(C::Due.lt(today))
            .order_by_asc(C::DecisionId)
            .into_tuple::<String>()
            .all(self.connection())
            .await?)
    }

    /// The decisions with these ids that exist, in a few queries.
    pub async fn load_many(&self, ids: &[String]) -> Result<Vec<Decision>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(IDS_PER_QUERY) {
            let rows = decision::Entity::find()
                .filter(decision::Column::Id.is_in(chunk.iter().cloned()))
                .all(self.connection())
                .await?;
            for row in rows {
                out.push(serde_json::from_str(&row.state)?);
            }
        }
        Ok(out)
    }

    /// Rewrites the decision's rows in the index, unless it was written since `d` was read
    /// (that write wrote its own). Whether the rows were rewritten.
    pub async fn reindex(&self, d: &Decision, deadlines: &[Deadline]) -> Result<bool, StoreError> {
        let write = writer::Write::Reindex {
            id: d.id.clone(),
            expected: d.version as i64,
            deadlines: super::deadline_rows(d, deadlines),
        };
        Ok(matches!(
            self.writer.write(write, Vec::new(), None).await?,
            writer::Outcome::Committed(_)
        ))
    }

    /// The version the index `name` was last built with; 0 when it never was.
    pub async fn index_version(&self, name: &str) -> Result<i64, StoreError> {
        Ok(index_version::Entity::find_by_id(name)
            .one(self.connection())
            .await?
            .map_or(0, |row| row.version))
    }

    pub async fn set_index_version(&self, name: &str, version: i64) -> Result<(), StoreError> {
        let row = index_version::ActiveModel {
            name: Set(name.to_owned()),
            version: Set(version),
        };
        index_version::Entity::insert(row)
            .on_conflict(
                sea_orm::sea_query::OnConflict::column(index_version::Column::Name)
                    .update_column(index_version::Column::Version)
                    .to_owned(),
            )
            .exec_without_returning(self.connection())
            .await?;
        Ok(())
    }
}

/// Late on `today`: a date to meet by, passed unmet, or met after it (as `Deadline::is_late`).
fn late(today: NaiveDate) -> Condition {
    use deadline_index::Column as C;
    Condition::all()
        .add(C::ToMeet.eq(true))
        .add(C::Due.is_not_null())
        .add(
            Condition::any()
                .add(C::MetOn.is_null().and(C::Due.lt(today)))
                .add(Expr::col(C::MetOn).gt(Expr::col(C::Due))),
        )
}
