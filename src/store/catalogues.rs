//! Catalogues: one row per organ and year (its state as JSON) and one hash-chained event row per
//! act, written in one transaction with the version check — the same discipline, and the same
//! chain, as a decision's ([`super::chain`]).

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use entities::{catalogue, catalogue_event, decision};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, SqlErr, TransactionTrait,
};

use super::chain::{self, Link, first_broken};
use super::{NewKey, Store, StoreError, accounts, untagged};
use crate::procedure::catalogue::{Catalogue, CatalogueEvent};
use crate::procedure::{Actor, Decision};
use crate::service::CatalogueRecord;

/// A catalogue as loaded, with what the next append needs to chain its events.
#[derive(Debug, Clone)]
pub struct LoadedCatalogue {
    pub catalogue: Catalogue,
    pub event_count: i64,
    pub last_hash: String,
}

impl Store {
    /// Stores a new catalogue and its opening; [`StoreError::Duplicate`] if the organ already
    /// has one for the year.
    #[tracing::instrument(skip_all, fields(catalogue = %c.id, actor = %actor.id), err)]
    pub async fn create_catalogue(
        &self,
        c: &Catalogue,
        event: &CatalogueEvent,
        actor: &Actor,
        now: DateTime<Utc>,
        key: Option<&NewKey>,
    ) -> Result<CatalogueRecord, StoreError> {
        let now = now.trunc_subsecs(6);
        let recorded = record(&c.id, 1, "", event, actor, now)?;
        let txn = self.db.begin().await?;
        let inserted = catalogue::Entity::insert(catalogue::ActiveModel {
            id: Set(c.id.clone()),
            organ: Set(c.organ.clone()),
            year: Set(c.year),
            version: Set(c.version as i64),
            event_count: Set(1),
            last_hash: Set(recorded.hash.clone()),
            state: Set(serde_json::to_string(c)?),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec(&txn)
        .await;
        if let Err(e) = inserted {
            txn.rollback().await?;
            return Err(match e.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Duplicate,
                _ => e.into(),
            });
        }
        insert_event(&txn, &recorded).await?;
        keep(&txn, key, c).await?;
        txn.commit().await?;
        Ok(recorded)
    }

    #[tracing::instrument(skip(self), err)]
    pub async fn load_catalogue(&self, id: &str) -> Result<Option<LoadedCatalogue>, StoreError> {
        let row = catalogue::Entity::find_by_id(id).one(&self.db).await?;
        row.map(loaded).transpose()
    }

    #[tracing::instrument(skip(self), err)]
    pub async fn catalogue_of_year(
        &self,
        organ: &str,
        year: i32,
    ) -> Result<Option<LoadedCatalogue>, StoreError> {
        let row = catalogue::Entity::find()
            .filter(catalogue::Column::Organ.eq(organ))
            .filter(catalogue::Column::Year.eq(year))
            .one(&self.db)
            .await?;
        row.map(loaded).transpose()
    }

    /// Catalogues, of one organ or of all, newest year first.
    #[tracing::instrument(skip(self), err)]
    pub async fn catalogues(&self, organ: Option<&str>) -> Result<Vec<Catalogue>, StoreError> {
        let mut q = catalogue::Entity::find()
            .order_by_desc(catalogue::Column::Year)
            .order_by_asc(catalogue::Column::Organ);
        if let Some(organ) = organ {
            q = q.filter(catalogue::Column::Organ.eq(organ));
        }
        q.all(&self.db)
            .await?
            .into_iter()
            .map(|row| Ok(serde_json::from_str(&row.state)?))
            .collect()
    }

    /// The organs that have a catalogue for the year.
    pub async fn organs_with_catalogue(&self, year: i32) -> Result<Vec<String>, StoreError> {
        Ok(catalogue::Entity::find()
            .select_only()
            .column(catalogue::Column::Organ)
            .filter(catalogue::Column::Year.eq(year))
            .order_by_asc(catalogue::Column::Organ)
            .into_tuple::<String>()
            .all(&self.db)
            .await?)
    }

    /// Writes the catalogue's next state and its events, if nobody wrote since `before`.
    #[tracing::instrument(skip_all, fields(catalogue = %next.id, actor = %actor.id), err)]
    pub async fn append_catalogue(
        &self,
        before: &LoadedCatalogue,
        next: &Catalogue,
        events: &[CatalogueEvent],
        actor: &Actor,
        now: DateTime<Utc>,
        key: Option<&NewKey>,
    ) -> Result<Vec<CatalogueRecord>, StoreError> {
        let now = now.trunc_subsecs(6);
        let mut recorded = Vec::with_capacity(events.len());
        let mut prev = before.last_hash.clone();
        for (i, e) in events.iter().enumerate() {
            let r = record(
                &next.id,
                before.event_count + 1 + i as i64,
                &prev,
                e,
                actor,
                now,
            )?;
            prev = r.hash.clone();
            recorded.push(r);
        }
        let txn = self.db.begin().await?;
        let updated = catalogue::Entity::update_many()
            .col_expr(catalogue::Column::Version, Expr::value(next.version as i64))
            .col_expr(
                catalogue::Column::EventCount,
                Expr::value(before.event_count + recorded.len() as i64),
            )
            .col_expr(catalogue::Column::LastHash, Expr::value(prev))
            .col_expr(
                catalogue::Column::State,
                Expr::value(serde_json::to_string(next)?),
            )
            .col_expr(catalogue::Column::UpdatedAt, Expr::value(now))
            .filter(catalogue::Column::Id.eq(&next.id))
            .filter(catalogue::Column::Version.eq(before.catalogue.version as i64))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            txn.rollback().await?;
            let current = catalogue::Entity::find_by_id(&next.id)
                .select_only()
                .column(catalogue::Column::Version)
                .into_tuple::<i64>()
                .one(&self.db)
                .await?;
            return Err(match current {
                Some(current) => StoreError::VersionConflict { current },
                None => StoreError::NotFound,
            });
        }
        for r in &recorded {
            insert_event(&txn, r).await?;
        }
        keep(&txn, key, next).await?;
        txn.commit().await?;
        Ok(recorded)
    }

    /// The catalogue's events, oldest first.
    #[tracing::instrument(skip(self), err)]
    pub async fn catalogue_history(&self, id: &str) -> Result<Vec<CatalogueRecord>, StoreError> {
        catalogue_event::Entity::find()
            .filter(catalogue_event::Column::CatalogueId.eq(id))
            .order_by_asc(catalogue_event::Column::Seq)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| {
                Ok(CatalogueRecord {
                    catalogue_id: row.catalogue_id,
                    seq: row.seq,
                    kind: row.kind,
                    // Catalogue acts are never recorded on someone's behalf.
                    actor: super::stored_actor(
                        row.actor_id,
                        row.actor_name,
                        row.actor_unit,
                        &row.actor_role,
                        None,
                    )?,
                    occurred_on: row.occurred_on,
                    recorded_at: row.recorded_at,
                    payload: serde_json::from_str(&row.payload)?,
                    hash: row.hash,
                })
            })
            .collect()
    }

    /// Every catalogue's id, in order.
    pub async fn catalogue_ids(&self) -> Result<Vec<String>, StoreError> {
        Ok(catalogue::Entity::find()
            .select_only()
            .column(catalogue::Column::Id)
            .order_by_asc(catalogue::Column::Id)
            .into_tuple::<String>()
            .all(&self.db)
            .await?)
    }

    /// Recomputes the catalogue's chain: the sequence number of the first event that no longer
    /// matches, or `None` if intact.
    #[tracing::instrument(skip(self), err)]
    pub async fn verify_catalogue(&self, id: &str) -> Result<Option<i64>, StoreError> {
        let Some(head) = catalogue::Entity::find_by_id(id).one(&self.db).await? else {
            return Err(StoreError::NotFound);
        };
        let rows = catalogue_event::Entity::find()
            .filter(catalogue_event::Column::CatalogueId.eq(id))
            .order_by_asc(catalogue_event::Column::Seq)
            .all(&self.db)
            .await?;
        Ok(first_broken(
            rows.iter().map(|row| {
                (
                    Link {
                        scheme: row.scheme,
                        prev_hash: "",
                        stream_id: id,
                        seq: row.seq,
                        kind: &row.kind,
                        actor_id: &row.actor_id,
                        actor_name: &row.actor_name,
                        actor_unit: &row.actor_unit,
                        actor_role: &row.actor_role,
                        on_behalf: None,
                        occurred_on: row.occurred_on,
                        recorded_at: row.recorded_at,
                        payload: &row.payload,
                    },
                    row.hash.as_str(),
                )
            }),
            head.event_count,
            &head.last_hash,
        ))
    }

    /// The decisions that name one of `organ`'s catalogue items, oldest first.
    #[tracing::instrument(skip(self), err)]
    pub async fn linked_decisions(&self, organ: &str) -> Result<Vec<Decision>, StoreError> {
        // Sorted here, not by the query: an ORDER BY created_at leads SQLite to walk the organ's
        // rows by date, all of them, rather than the few that name an item.
        let mut rows = decision::Entity::find()
            .filter(decision::Column::Organ.eq(organ))
            .filter(decision::Column::CatalogueItem.is_not_null())
            .all(&self.db)
            .await?;
        rows.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        rows.into_iter()
            .map(|row| Ok(serde_json::from_str(&row.state)?))
            .collect()
    }

    /// The decisions that name the item, oldest first.
    pub async fn decisions_of_item(&self, item_id: &str) -> Result<Vec<Decision>, StoreError> {
        decision::Entity::find()
            .filter(decision::Column::CatalogueItem.eq(item_id))
            .order_by_asc(decision::Column::CreatedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|row| Ok(serde_json::from_str(&row.state)?))
            .collect()
    }
}

fn loaded(row: catalogue::Model) -> Result<LoadedCatalogue, StoreError> {
    Ok(LoadedCatalogue {
        catalogue: serde_json::from_str(&row.state)?,
        event_count: row.event_count,
        last_hash: row.last_hash,
    })
}

fn record(
    catalogue_id: &str,
    seq: i64,
    prev_hash: &str,
    event: &CatalogueEvent,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<CatalogueRecord, serde_json::Error> {
    let payload = untagged(serde_json::to_value(event)?);
    let occurred_on: Option<NaiveDate> = event.occurred_on();
    let hash = chain::hash(&Link {
        scheme: chain::SCHEME,
        prev_hash,
        stream_id: catalogue_id,
        seq,
        kind: event.kind(),
        actor_id: &actor.id,
        actor_name: &actor.name,
        actor_unit: &actor.unit,
        actor_role: accounts::role_name(actor.role),
        on_behalf: None,
        occurred_on,
        recorded_at: now,
        payload: &payload.to_string(),
    });
    Ok(CatalogueRecord {
        catalogue_id: catalogue_id.to_owned(),
        seq,
        kind: event.kind().to_owned(),
        actor: actor.clone(),
        occurred_on,
        recorded_at: now,
        payload,
        hash,
    })
}

/// Keeps the act's idempotency key, with the catalogue it left, in the act's transaction.
async fn keep(
    txn: &sea_orm::DatabaseTransaction,
    key: Option<&NewKey>,
    c: &Catalogue,
) -> Result<(), StoreError> {
    if let Some(key) = key {
        entities::idempotency_key::Entity::insert(key.row(serde_json::to_string(c)?)?)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

async fn insert_event(db: &impl ConnectionTrait, r: &CatalogueRecord) -> Result<(), DbErr> {
    catalogue_event::Entity::insert(catalogue_event::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        catalogue_id: Set(r.catalogue_id.clone()),
        seq: Set(r.seq),
        kind: Set(r.kind.clone()),
        actor_id: Set(r.actor.id.clone()),
        actor_name: Set(r.actor.name.clone()),
        actor_unit: Set(r.actor.unit.clone()),
        actor_role: Set(accounts::role_name(r.actor.role).into()),
        occurred_on: Set(r.occurred_on),
        recorded_at: Set(r.recorded_at),
        payload: Set(r.payload.to_string()),
        hash: Set(r.hash.clone()),
        scheme: Set(chain::SCHEME),
    })
    .exec(db)
    .await?;
    Ok(())
}
