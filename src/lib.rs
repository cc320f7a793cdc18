//! decision-engine: the statutory procedure for major administrative decisions (重大行政决策).
//!
//! The crate reads from the inside out:
//! - [`procedure`]: the statute as a pure state machine (no I/O);
//! - [`store`]: the only code that touches the database — one row per decision, one event row
//!   per accepted command, written in one transaction with a version check;
//! - [`service`]: the use cases — authenticate, load, decide, store, publish the event — on the
//!   [`clock`] they are handed;
//! - [`graphql`]: the API, a thin layer that parses input into commands and maps errors;
//! - [`http`]: the axum server; [`cli`], [`config`], [`telemetry`]: the binary's edges.

/// Every binary linking the engine (the server, the benchmarks, the tests) allocates through
/// mimalloc: see Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod archive;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod graphql;
pub mod http;
pub mod procedure;
pub mod service;
pub mod store;
pub mod tables;
pub mod telemetry;
pub mod web;
