//! Where aircom finds files it does not own: the shared references and the Intercom spec
//! (`../shared/` beside the checkout, or `AIRCOM_SHARED_DIR`).

use std::path::PathBuf;

/// The shared folder: `AIRCOM_SHARED_DIR`, else `../shared` beside the crate.
pub fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(crate::env::AIRCOM_SHARED_DIR) {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
}
