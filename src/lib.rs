//! aircom: the admin toolbox for Aircall + Intercom. The binary is a thin shell over this
//! library so integration tests and benchmarks can drive the same code.

pub mod aircall;
pub mod backfill;
pub mod cli;
pub mod commands;
pub mod config;
pub mod contacts;
pub mod context;
pub mod env;
pub mod error;
pub mod fsutil;
pub mod html;
pub mod http;
pub mod ids;
pub mod integration;
pub mod intercom;
pub mod journal;
pub mod ledger;
pub mod lookup;
pub mod output;
pub mod paths;
pub mod phone;
pub mod report;
/// The built-in fakes of both APIs, an independent crate (feature `sandbox`, on by default).
#[cfg(feature = "sandbox")]
pub use aircom_sandbox as sandbox;
pub mod secret;
pub mod sync;
pub mod when;
