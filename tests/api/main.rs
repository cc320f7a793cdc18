//! The integration suite: one binary, the real server on a random port, a real database file,
//! spoken to over HTTP.

mod access;
mod archive;
mod attacks;
mod browser;
mod calendar;
mod catalogue;
mod cli;
mod concurrency;
mod console;
mod crash;
mod desk;
mod durability;
mod helpers;
mod idempotency;
mod inputs;
mod lifecycle;
mod limits;
mod materials;
mod metrics;
mod next;
mod pages;
mod panics;
mod public;
mod purity;
mod reminders;
mod replicas;
mod roles;
mod rulebook;
mod rules;
mod schema;
mod statistics;
mod statute;
mod subscription;
mod transport;
mod workbench;
