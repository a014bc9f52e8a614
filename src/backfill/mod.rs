//! The backfill engines shared by `backfill calls`, `backfill tags` and `backfill sms`: what
//! counts as already logged, read from evidence in Intercom rather than assumed.

pub mod evidence;
pub mod recognize;
