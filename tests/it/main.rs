//! The one integration-test binary: every test runs the real binary or client against the
//! sandbox (or wiremock where exact request matching is the point) over loopback.

mod support;

mod audit;
mod backfill;
mod check_number;
mod cli;
mod clients;
mod contract;
mod fix;
mod flags;
mod harm;
mod json;
mod logging;
mod normalize;
#[cfg(unix)]
mod pager;
#[cfg(unix)]
mod pty;
mod sandbox;
mod sync;
