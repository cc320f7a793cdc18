//! sea-orm entities: the rows the store reads and writes. No GraphQL, no domain logic; the
//! mapping between rows and domain types lives in the service crate's `store` module.

pub mod account;
pub mod calendar_version;
pub mod catalogue;
pub mod catalogue_event;
pub mod checkpoint;
pub mod deadline_index;
pub mod decision;
pub mod decision_event;
pub mod delivery_attempt;
pub mod idempotency_key;
pub mod index_version;
pub mod public_comment;
pub mod reminder;
pub mod reminder_delivery;
pub mod session;
