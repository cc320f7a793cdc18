//! Checkpoints as stored: the heads of every chain, and the signed documents made of them.

use entities::{catalogue, catalogue_event, checkpoint, decision, decision_event};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{Store, StoreError};
use crate::archive::checkpoint::{Head, Signed};

impl Store {
    /// Every chain's head as it stands: each decision's and each catalogue's.
    pub async fn chain_heads(&self) -> Result<Vec<Head>, StoreError> {
        let decisions: Vec<(String, i64, String)> = decision::Entity::find()
            .select_only()
            .columns([
                decision::Column::Id,
                decision::Column::EventCount,
                decision::Column::LastHash,
            ])
            .order_by_asc(decision::Column::Id)
            .into_tuple()
            .all(&self.db)
            .await?;
        let catalogues: Vec<(String, i64, String)> = catalogue::Entity::find()
            .select_only()
            .columns([
                catalogue::Column::Id,
                catalogue::Column::EventCount,
                catalogue::Column::LastHash,
            ])
            .order_by_asc(catalogue::Column::Id)
            .into_tuple()
            .all(&self.db)
            .await?;
        let head = |stream: &str| {
            let stream = stream.to_owned();
            move |(id, count, hash): (String, i64, String)| Head {
                stream: stream.clone(),
                id,
                count,
                hash,
            }
        };
        Ok(decisions
            .into_iter()
            .map(head("decision"))
            .chain(catalogues.into_iter().map(head("catalogue")))
            .collect())
    }

    /// The hash of the chain's event at `seq`: `None` if the chain does not exist, `Some(None)`
    /// if it is shorter.
    pub async fn event_hash_at(&self, head: &Head) -> Result<Option<Option<String>>, StoreError> {
        if head.stream == "catalogue" {
            if catalogue::Entity::find_by_id(&head.id)
                .one(&self.db)
                .await?
                .is_none()
            {
                return Ok(None);
            }
            let hash = catalogue_event::Entity::find()
                .select_only()
                .column(catalogue_event::Column::Hash)
                .filter(catalogue_event::Column::CatalogueId.eq(&head.id))
                .filter(catalogue_event::Column::Seq.eq(head.count))
                .into_tuple::<String>()
                .one(&self.db)
                .await?;
            return Ok(Some(hash));
        }
        if decision::Entity::find_by_id(&head.id)
            .one(&self.db)
            .await?
            .is_none()
        {
            return Ok(None);
        }
        let hash = decision_event::Entity::find()
            .select_only()
            .column(decision_event::Column::Hash)
            .filter(decision_event::Column::DecisionId.eq(&head.id))
            .filter(decision_event::Column::Seq.eq(head.count))
            .into_tuple::<String>()
            .one(&self.db)
            .await?;
        Ok(Some(hash))
    }

    /// Keeps a signed checkpoint; its number.
    pub async fn save_checkpoint(
        &self,
        made_at: chrono::DateTime<chrono::Utc>,
        c: &Signed,
    ) -> Result<i64, StoreError> {
        let row = checkpoint::ActiveModel {
            made_at: Set(made_at),
            body: Set(c.body.clone()),
            public_key: Set(c.public_key.clone()),
            signature: Set(c.signature.clone()),
            ..Default::default()
        };
        Ok(checkpoint::Entity::insert(row)
            .exec(&self.db)
            .await?
            .last_insert_id)
    }

    /// The checkpoint numbered `id`, or the latest.
    pub async fn checkpoint(&self, id: Option<i64>) -> Result<Option<Signed>, StoreError> {
        let row = match id {
            Some(id) => checkpoint::Entity::find_by_id(id).one(&self.db).await?,
            None => {
                checkpoint::Entity::find()
                    .order_by_desc(checkpoint::Column::Id)
                    .one(&self.db)
                    .await?
            }
        };
        Ok(row.map(|r| Signed {
            id: r.id,
            body: r.body,
            public_key: r.public_key,
            signature: r.signature,
        }))
    }
}
