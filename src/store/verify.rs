//! Whether a decision's stored record is what its history proves (Art. 33, 39): its events'
//! chain unbroken, the record the fold of its events ([`procedure::replay`]), the columns the
//! lists read the record's, and its chain of messages from the public unbroken and reaching at
//! least as far as the consultation's closure recorded.

use entities::{decision, decision_event, public_comment};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::chain::Link;
use super::{Store, StoreError, chain, kind_column, messages, stage_name};
use crate::procedure::{self, Decision, Event};
use crate::service::MessageKind;

/// The first place where a decision's stored record is not what its history proves.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Break {
    /// The event at `seq` no longer matches its chain: edited, deleted or inserted.
    #[error("第{seq}个事件与哈希链不符（被修改、删除或者插入）")]
    Event { seq: i64 },
    /// The events do not fold into a record.
    #[error("历史记录无法回放：{why}")]
    Replay { why: String },
    /// The stored record (or a column read from it) differs from its history's fold here.
    #[error("决策记录的“{field}”与其历史记录回放的结果不一致")]
    State { field: String },
    /// The message from the public at `seq` no longer matches its chain, or is missing.
    #[error("第{seq}条公众来信（意见、反馈）与其哈希链不符或者缺失（被修改、删除或者插入）")]
    Message { seq: i64 },
}

/// A decision's rows as stored: what its record is checked on, here or, exported, offline.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RecordRows {
    pub decision: decision::Model,
    pub events: Vec<decision_event::Model>,
    pub messages: Vec<public_comment::Model>,
}

impl RecordRows {
    /// The first place the record is not what its history proves, or `None`.
    pub fn verify(&self) -> Option<Break> {
        check(&self.decision, &self.events, &self.messages)
    }

    /// The record as stored (what [`RecordRows::verify`] compares with the replay).
    pub fn stored(&self) -> Result<Decision, StoreError> {
        Ok(serde_json::from_str(&self.decision.state)?)
    }
}

impl Store {
    /// Checks the decision's record against its history; the first break found, or `None`.
    #[tracing::instrument(skip(self), err)]
    pub async fn verify_history(&self, decision_id: &str) -> Result<Option<Break>, StoreError> {
        Ok(self
            .record_rows(decision_id)
            .await?
            .ok_or(StoreError::NotFound)?
            .verify())
    }

    /// The decision's row, its events and its messages from the public, in order.
    pub async fn record_rows(&self, decision_id: &str) -> Result<Option<RecordRows>, StoreError> {
        let Some(decision) = decision::Entity::find_by_id(decision_id)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let events = decision_event::Entity::find()
            .filter(decision_event::Column::DecisionId.eq(decision_id))
            .order_by_asc(decision_event::Column::Seq)
            .all(&self.db)
            .await?;
        let messages = public_comment::Entity::find()
            .filter(public_comment::Column::DecisionId.eq(decision_id))
            .order_by_asc(public_comment::Column::Seq)
            .all(&self.db)
            .await?;
        Ok(Some(RecordRows {
            decision,
            events,
            messages,
        }))
    }
}

fn check(
    head: &decision::Model,
    rows: &[decision_event::Model],
    messages: &[public_comment::Model],
) -> Option<Break> {
    let links = rows.iter().map(|row| {
        (
            Link {
                scheme: row.scheme,
                prev_hash: "",
                stream_id: &head.id,
                seq: row.seq,
                kind: &row.kind,
                actor_id: &row.actor_id,
                actor_name: &row.actor_name,
                actor_unit: &row.actor_unit,
                actor_role: &row.actor_role,
                on_behalf: row.actor_on_behalf.as_deref(),
                occurred_on: row.occurred_on,
                recorded_at: row.recorded_at,
                payload: &row.payload,
            },
            row.hash.as_str(),
        )
    });
    if let Some(seq) = chain::first_broken(links, head.event_count, &head.last_hash) {
        return Some(Break::Event { seq });
    }
    let stored: Decision = match serde_json::from_str(&head.state) {
        Ok(d) => d,
        Err(e) => {
            return Some(Break::State {
                field: format!("state（无法读取：{e}）"),
            });
        }
    };
    let replayed = match replay(head, rows, &stored) {
        Ok(d) => d,
        Err(why) => return Some(Break::Replay { why }),
    };
    if let Some(field) = first_difference(&stored, &replayed) {
        return Some(Break::State { field });
    }
    let (broken, (count, last)) = messages::first_broken(messages);
    if let Some(seq) = broken {
        return Some(Break::Message { seq });
    }
    // The closure recorded how far the chain reached: a chain that stops short, or leads
    // elsewhere, has lost a message the closure saw.
    let closure_head = replayed
        .consultation
        .as_ref()
        .and_then(|c| c.messages_at_closure.as_ref());
    if let Some(at) = closure_head {
        let at_count = at.count as i64;
        let reached = if at_count == 0 {
            String::new()
        } else if at_count == count {
            last
        } else {
            messages
                .get(at_count as usize - 1)
                .and_then(|m| m.hash.clone())
                .unwrap_or_default()
        };
        if count < at_count || reached != at.hash {
            return Some(Break::Message {
                seq: count.min(at_count) + 1,
            });
        }
    }
    // The columns last: a message deleted shows above as the gap it left, not as the count.
    if let Some(field) = column_difference(head, &replayed, messages) {
        return Some(Break::State { field });
    }
    None
}

/// Folds the stored events. A decision proposed before its proposal event held its proposer and
/// binding takes them from the stored record, and its version is the stored one: the engine
/// then counted a sweep's several events as one version.
fn replay(
    head: &decision::Model,
    rows: &[decision_event::Model],
    stored: &Decision,
) -> Result<Decision, String> {
    let events = rows
        .iter()
        .map(|row| {
            let payload: serde_json::Value = serde_json::from_str(&row.payload)
                .map_err(|e| format!("第{}个事件：{e}", row.seq))?;
            serde_json::from_value::<Event>(
                serde_json::json!({"kind": row.kind, "payload": payload}),
            )
            .map_err(|e| format!("第{}个事件：{e}", row.seq))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let legacy = rows.first().is_some_and(|r| r.scheme < chain::SCHEME);
    let earlier = legacy.then_some((&stored.proposer, &stored.binding));
    let mut replayed = procedure::replay(&head.id, &events, earlier).map_err(|e| e.to_string())?;
    if legacy {
        replayed.version = stored.version;
    }
    Ok(replayed)
}

/// The first top-level field in which the two records differ, by its stored name.
fn first_difference(stored: &Decision, replayed: &Decision) -> Option<String> {
    if stored == replayed {
        return None;
    }
    let (a, b) = (
        serde_json::to_value(stored).unwrap_or_default(),
        serde_json::to_value(replayed).unwrap_or_default(),
    );
    let fields = a.as_object().into_iter().flat_map(|o| o.keys());
    Some(
        fields
            .chain(b.as_object().into_iter().flat_map(|o| o.keys()))
            .find(|k| a.get(k.as_str()) != b.get(k.as_str()))
            .cloned()
            .unwrap_or_else(|| "state".into()),
    )
}

/// The first of the row's columns that does not say what the replayed record says.
fn column_difference(
    head: &decision::Model,
    d: &Decision,
    messages: &[public_comment::Model],
) -> Option<String> {
    let comments = messages
        .iter()
        .filter(|m| m.kind == kind_column(MessageKind::Comment))
        .count() as i64;
    let lead_unit = d.start.as_ref().map(|s| s.lead_unit.to_string());
    let item = d.proposal.catalogue.as_ref().and_then(|l| l.item_id());
    [
        ("title", head.title == d.proposal.title.to_string()),
        ("organ", head.organ == d.organ()),
        ("stage", head.stage == stage_name(d.stage)),
        ("lead_unit", head.lead_unit == lead_unit),
        ("catalogue_item", head.catalogue_item.as_deref() == item),
        ("version", head.version == d.version as i64),
        ("comments", head.comments == comments),
    ]
    .into_iter()
    .find(|(_, same)| !same)
    .map(|(column, _)| format!("{column}（列）"))
}
