//! A message from the public: a comment on an open consultation, or feedback on a decision in
//! execution (Art. 35(2)). Kept apart from the decision row so that any number of people can
//! write at once without touching the officials' version.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "public_comments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub decision_id: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub commenter: Option<String>,
    pub submitted_at: DateTimeUtc,
    /// `COMMENT` (on a consultation) or `FEEDBACK` (Art. 35(2)).
    pub kind: String,
    /// How to reach the writer, if given: for the officials, never shown to the public.
    pub contact: Option<String>,
    /// The message's place in its decision's chain of messages, from 1; and its hash, over
    /// the one before and every column. Empty only for messages from before the chain, until
    /// the server first starts on the schema that has it and chains them.
    pub seq: Option<i64>,
    pub hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
