//! The public's messages, chained per decision (Art. 33): a comment deleted or edited in the
//! database breaks its decision's chain of messages, and the consultation's closure records the
//! chain's head, so that even the last comment cannot go unnoticed.

use chrono::SubsecRound;
use entities::public_comment;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::chain::{MessageLink, message_hash};
use super::{Store, StoreError, kind_column};
use crate::procedure::MessageChainHead;
use crate::service::{Comment, MessageKind};

impl Store {
    /// The ids of the consultation comments the decision received and how far its chain of
    /// messages reaches, read together: a closure judged on them records that head.
    pub async fn received_comments(
        &self,
        decision_id: &str,
    ) -> Result<(Vec<String>, MessageChainHead), StoreError> {
        let rows: Vec<(String, String, Option<i64>, Option<String>)> =
            public_comment::Entity::find()
                .select_only()
                .column(public_comment::Column::Id)
                .column(public_comment::Column::Kind)
                .column(public_comment::Column::Seq)
                .column(public_comment::Column::Hash)
                .filter(public_comment::Column::DecisionId.eq(decision_id))
                .order_by_asc(public_comment::Column::Seq)
                .into_tuple()
                .all(&self.db)
                .await?;
        let head = rows
            .iter()
            .filter_map(|(_, _, seq, hash)| Some((seq.as_ref()?, hash.as_ref()?)))
            .max_by_key(|(seq, _)| **seq)
            .map(|(seq, hash)| MessageChainHead {
                count: *seq as u64,
                hash: hash.clone(),
            })
            .unwrap_or(MessageChainHead {
                count: 0,
                hash: String::new(),
            });
        let comment = kind_column(MessageKind::Comment);
        let ids = rows
            .into_iter()
            .filter(|(_, kind, _, _)| kind == comment)
            .map(|(id, ..)| id)
            .collect();
        Ok((ids, head))
    }
}

/// The last chained message of the decision: its place and hash (`(0, "")` before the first).
pub(super) async fn head(
    db: &impl ConnectionTrait,
    decision_id: &str,
) -> Result<(i64, String), DbErr> {
    let last = public_comment::Entity::find()
        .filter(public_comment::Column::DecisionId.eq(decision_id))
        .filter(public_comment::Column::Seq.is_not_null())
        .order_by_desc(public_comment::Column::Seq)
        .limit(1)
        .one(db)
        .await?;
    Ok(last
        .and_then(|m| Some((m.seq?, m.hash?)))
        .unwrap_or((0, String::new())))
}

/// Stores the message at place `seq` of its decision's chain, after the message hashed `prev`.
pub(super) async fn insert(
    db: &impl ConnectionTrait,
    c: &Comment,
    seq: i64,
    prev: &str,
) -> Result<(), DbErr> {
    // Microseconds, as both databases give the time back, so that the hash can be checked.
    let submitted_at = c.submitted_at.trunc_subsecs(6);
    let hash = message_hash(&MessageLink {
        prev_hash: prev,
        decision_id: &c.decision_id,
        seq,
        id: &c.id,
        kind: kind_column(c.kind),
        body: &c.body,
        commenter: c.commenter.as_deref(),
        contact: c.contact.as_deref(),
        submitted_at,
    });
    public_comment::Entity::insert(public_comment::ActiveModel {
        id: Set(c.id.clone()),
        decision_id: Set(c.decision_id.clone()),
        body: Set(c.body.clone()),
        commenter: Set(c.commenter.clone()),
        submitted_at: Set(submitted_at),
        kind: Set(kind_column(c.kind).to_owned()),
        contact: Set(c.contact.clone()),
        seq: Set(Some(seq)),
        hash: Set(Some(hash)),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

fn link(m: &public_comment::Model, prev_hash: &str) -> Option<String> {
    Some(message_hash(&MessageLink {
        prev_hash,
        decision_id: &m.decision_id,
        seq: m.seq?,
        id: &m.id,
        kind: &m.kind,
        body: &m.body,
        commenter: m.commenter.as_deref(),
        contact: m.contact.as_deref(),
        submitted_at: m.submitted_at,
    }))
}

/// Walks the decision's messages in order: the place of the first that no longer matches
/// (edited, inserted, unchained, or a gap where one was deleted), or `None`; and the chain's
/// head, to compare with what the record says of it.
pub(super) fn first_broken(messages: &[public_comment::Model]) -> (Option<i64>, (i64, String)) {
    let mut prev = String::new();
    for (i, m) in messages.iter().enumerate() {
        let place = i as i64 + 1;
        let expected = link(m, &prev);
        if m.seq != Some(place) || expected.is_none() || m.hash != expected {
            return (Some(place), (i as i64, prev));
        }
        prev = expected.unwrap_or_default();
    }
    (None, (messages.len() as i64, prev))
}

/// Gives the messages stored before the chain existed their places, in the order they came,
/// each decision's after any already chained; run when the server connects, after the
/// migrations. Returns how many were chained. Replicas starting at once do not chain twice:
/// a message another has chained meanwhile is skipped, and this run rolled back.
pub(super) async fn chain_earlier(db: &sea_orm::DatabaseConnection) -> Result<usize, DbErr> {
    use sea_orm::TransactionTrait;
    let earlier = public_comment::Entity::find()
        .filter(public_comment::Column::Seq.is_null())
        .order_by_asc(public_comment::Column::DecisionId)
        .order_by_asc(public_comment::Column::SubmittedAt)
        .order_by_asc(public_comment::Column::Id)
        .all(db)
        .await?;
    if earlier.is_empty() {
        return Ok(0);
    }
    let txn = db.begin().await?;
    let mut current: Option<(String, i64, String)> = None;
    for m in &earlier {
        let (seq, prev) = match current.take() {
            Some((d, seq, prev)) if d == m.decision_id => (seq, prev),
            _ => head(&txn, &m.decision_id).await?,
        };
        let m = public_comment::Model {
            seq: Some(seq + 1),
            ..m.clone()
        };
        let hash = link(&m, &prev).unwrap_or_default();
        let chained = public_comment::Entity::update_many()
            .col_expr(public_comment::Column::Seq, (seq + 1).into())
            .col_expr(public_comment::Column::Hash, hash.clone().into())
            .filter(public_comment::Column::Id.eq(&m.id))
            .filter(public_comment::Column::Seq.is_null())
            .exec(&txn)
            .await?;
        if chained.rows_affected != 1 {
            txn.rollback().await?;
            return Ok(0);
        }
        current = Some((m.decision_id.clone(), seq + 1, hash));
    }
    txn.commit().await?;
    Ok(earlier.len())
}
