//! aircom: the admin toolbox for Aircall + Intercom. The binary is a thin shell over this
//! library so integration tests and benchmarks can drive the same code.

pub mod env;
pub mod fsutil;
pub mod http;
pub mod paths;
pub mod phone;
pub mod sandbox;
pub mod secret;
