//! THE STATUTE IN CODE: 《重大行政决策程序暂行条例》 as a state machine.
//!
//! Pure: no I/O, no clock, no database, no GraphQL. Callers parse input into [`Command`]s, pass
//! the current [`Decision`] and a [`Context`] (who acts, today's date, the profile's numbers) to
//! [`decide`], and persist the [`Event`]s it returns; [`evolve`] folds them into the next state.
//! A test (`tests/api/purity.rs`) fails if this module imports anything with side effects.

pub mod access;
pub mod catalogue;
mod command;
mod deadline;
mod decide;
mod event;
pub mod material;
mod model;
pub mod next;
mod profile;
pub mod publicity;
pub mod reminder;
pub mod rulebook;
mod rules;
pub mod statistics;
mod values;

pub use access::{Denial, Official, ScopeRule, Sight, Viewer, may_act, sight};
pub use command::*;
pub use deadline::{
    Deadline, DeadlineKind, DeadlineStatus, Direction, catalogue_deadline, deadlines, newly_passed,
};
pub use decide::{
    Context, RelatedDecision, ReplayError, allowed, archive_gaps, bounds, decide, evolve, propose,
    replay, stages,
};
pub use event::{ConsultationClosed, Event, Proposed};
pub use material::{Digest, DocumentKind, Material};
pub use model::*;
pub use next::{Next, NextAct, Situation, next_acts};
pub use profile::{BelowFloor, Binding, CatalogueOffice, CategorySystem, Profile};
pub use publicity::public_view;
pub use rulebook::rule_book;
pub use rules::{Basis, Refusal, Rule};
pub use values::{Length, Text, ValueError, bounded, unsigned};

#[cfg(test)]
mod tests;
