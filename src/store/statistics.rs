//! What the year's statistics read: every decision of an organ with the count of the public's
//! comments kept beside it, in one query.

use entities::decision;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{Store, StoreError};
use crate::procedure::Decision;

impl Store {
    /// Every decision of `organ`, oldest id first, each with how many comments the public sent
    /// through the engine (the `comments` column; offline opinions are in the record). All of
    /// them, not a year's: an act of the year may belong to a decision proposed years before.
    #[tracing::instrument(skip(self), err)]
    pub async fn decisions_of_organ(
        &self,
        organ: &str,
    ) -> Result<Vec<(Decision, u64)>, StoreError> {
        decision::Entity::find()
            .filter(decision::Column::Organ.eq(organ))
            .order_by_asc(decision::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| {
                Ok((
                    serde_json::from_str(&row.state)?,
                    u64::try_from(row.comments).unwrap_or(0),
                ))
            })
            .collect()
    }
}
