//! Files that hold state or tokens: created mode 0600, written whole (temp file + rename) so
//! a crash never leaves half a file.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically, readable by the owner only.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!(
        "{}.tmp",
        path.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}

/// Creates an empty file mode 0600 if it does not exist (the ledger, before SQLite opens it).
pub fn touch_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path).map(|_| ())
}

/// Narrows an existing file to mode 0600 (SQLite's -wal/-shm beside the ledger are created
/// with the umask). A missing file is fine.
pub fn tighten_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path) {
            if m.permissions().mode() & 0o077 != 0 {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
    }
}

/// Whether a file can be read by others than its owner (a config holding tokens).
pub fn readable_by_others(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o077 != 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// An output file. A regular file (or a new one) is written under a temporary name beside
/// its target, mode 0600 (it holds customer data), and renamed into place only by
/// [`PendingFile::commit`]: a run that fails midway leaves the previous file (or none), never a
/// truncated one. Dropped without commit, the temporary file is removed. A symlink is
/// followed (the link stays a link); a device, FIFO or `/dev/stdout` is written in place.
pub struct PendingFile {
    /// `Some((target, temp))` when written aside and renamed; `None` when written in place.
    rename: Option<(std::path::PathBuf, std::path::PathBuf)>,
    file: Option<std::fs::File>,
}

/// Where a link points, resolved against its folder (a dangling link's target too).
fn resolve(target: &Path) -> std::path::PathBuf {
    let mut path = target.to_path_buf();
    for _ in 0..32 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&path) {
                Ok(to) => {
                    path = match path.parent() {
                        Some(dir) if to.is_relative() => dir.join(to),
                        _ => to,
                    }
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    path
}

impl PendingFile {
    /// [`PendingFile::create`] for a path the user gave: a failure is a usage error naming
    /// the path, with what to do (a missing folder is said so).
    pub fn create_given(target: &Path) -> anyhow::Result<PendingFile> {
        PendingFile::create(target).map_err(|e| {
            let parent = target.parent().filter(|p| !p.as_os_str().is_empty());
            let hint = match parent {
                Some(dir) if !dir.exists() => format!(
                    "the folder `{}` does not exist: create it, or give a path in a folder that does",
                    dir.display()
                ),
                _ => "give a path in a folder you can write to".to_string(),
            };
            crate::error::Failure::usage_hint(
                format!("cannot write `{}`: {e}", target.display()),
                hint,
            )
        })
    }

    pub fn create(target: &Path) -> std::io::Result<PendingFile> {
        // What the path names, links followed by the system (`/dev/stdout` is a link to a
        // descriptor that may be a pipe: only `open` can follow it).
        let in_place = std::fs::metadata(target).is_ok_and(|m| !m.is_file());
        if in_place {
            // A device, a FIFO, a terminal: there is nothing to replace, only to write to.
            let file = std::fs::OpenOptions::new().write(true).open(target)?;
            return Ok(PendingFile {
                rename: None,
                file: Some(file),
            });
        }
        let target = resolve(target);
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(".partial");
        let temp = target.with_file_name(name);
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(&temp)?;
        Ok(PendingFile {
            rename: Some((target, temp)),
            file: Some(file),
        })
    }

    /// Flushes to disk and moves the file into place.
    pub fn commit(mut self) -> std::io::Result<()> {
        let mut file = self.file.take().expect("not yet committed");
        file.flush()?;
        match self.rename.take() {
            Some((target, temp)) => {
                file.sync_all()?;
                drop(file);
                std::fs::rename(&temp, &target)
            }
            None => Ok(()),
        }
    }
}

impl Write for PendingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().expect("not yet committed").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            if let Some((_, temp)) = &self.rename {
                let _ = std::fs::remove_file(temp);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_files_appear_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        std::fs::write(&target, "previous").unwrap();
        {
            let mut f = PendingFile::create(&target).unwrap();
            f.write_all(b"half").unwrap();
            // Dropped without commit: a failed run.
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial file left"
        );
        let mut f = PendingFile::create(&target).unwrap();
        f.write_all(b"whole").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "whole");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "customer data is the owner's only");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_devices_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        let mut f = PendingFile::create(&link).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        // /dev/null is a device: written in place, never replaced by a regular file.
        let mut f = PendingFile::create(Path::new("/dev/null")).unwrap();
        f.write_all(b"x").unwrap();
        f.commit().unwrap();
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
        // /dev/full refuses the write: an error, and the device stays a device.
        if Path::new("/dev/full").exists() {
            let r = PendingFile::create(Path::new("/dev/full")).and_then(|mut f| {
                f.write_all(&[b'x'; 65536])?;
                f.commit()
            });
            assert!(r.is_err());
            assert!(!std::fs::metadata("/dev/full").unwrap().is_file());
        }
    }
}
