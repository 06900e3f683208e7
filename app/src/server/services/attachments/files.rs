//! The stored bytes of attachments, outside the database: content-addressed, at
//! `<dir>/<first 2 hex digits>/<sha256>`, so that the same file attached twice is kept once.
//! A file is written under a temporary name in its final folder and renamed into place,
//! so a file of a digest's name is always whole.

use crate::domain::attachments::is_digest;
use crate::error::AppError;
use sha2::{Digest, Sha256};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The SHA-256 of `bytes`, as 64 lower-case hex digits.
pub fn digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Where the file of a digest is kept; None for anything that is not a digest (a value
/// read from a database never becomes a path of its own making).
pub fn path_of(dir: &Path, sha256: &str) -> Option<PathBuf> {
    is_digest(sha256).then(|| dir.join(&sha256[..2]).join(sha256))
}

fn bad_digest(sha256: &str) -> AppError {
    AppError::Internal(format!("not a stored file's digest: {sha256:?}"))
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> std::io::Result<T> + Send + 'static) -> std::io::Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(std::io::Error::other)?
}

/// Keeps `bytes` under their digest `sha256` (a file already there is the same bytes).
pub async fn put(dir: &Path, sha256: &str, bytes: Vec<u8>) -> Result<(), AppError> {
    let path = path_of(dir, sha256).ok_or_else(|| bad_digest(sha256))?;
    blocking(move || write_once(&path, &bytes)).await.map_err(|e| AppError::Internal(format!("cannot store an attachment in {}: {e}", dir.display())))
}

fn write_once(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.metadata().is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) {
        return Ok(());
    }
    let folder = path.parent().ok_or_else(|| std::io::Error::other("a stored file needs a folder"))?;
    // Confidential issues' files among them: readable by the server's user only.
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(folder)?;
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    // Hidden and unique per process and write: two uploads of one file never share it.
    let tmp = folder.join(format!(".{name}.{}.{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
        std::io::Write::write_all(&mut file, bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    // The rename is durable once its folder is synced.
    if let Ok(d) = std::fs::File::open(folder) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The bytes of a stored file; "not found" when it is missing (a database restored
/// without its attachments' folder, see README).
pub async fn read(dir: &Path, sha256: &str) -> Result<Vec<u8>, AppError> {
    let path = path_of(dir, sha256).ok_or_else(|| bad_digest(sha256))?;
    let shown = path.display().to_string();
    match blocking(move || std::fs::read(&path)).await {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            tracing::warn!(file = %shown, "an attachment's file is missing");
            Err(AppError::NotFound)
        }
        Err(e) => Err(AppError::Internal(format!("cannot read {shown}: {e}"))),
    }
}

/// Removes a stored file (gone already is fine). A file left behind is only disk space, so
/// a failure is logged, not reported.
pub async fn remove(dir: &Path, sha256: &str) {
    let Some(path) = path_of(dir, sha256) else { return };
    let shown = path.display().to_string();
    match blocking(move || std::fs::remove_file(&path)).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::warn!(file = %shown, "cannot remove an attachment's file: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_name_two_level_paths() {
        let d = digest(b"abc");
        assert_eq!(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(path_of(Path::new("/x"), &d), Some(PathBuf::from(format!("/x/ba/{d}"))));
        assert_eq!(path_of(Path::new("/x"), "../../etc/passwd"), None);
    }

    #[tokio::test]
    async fn the_same_bytes_are_stored_once_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = digest(b"%PDF-1.7");
        put(dir.path(), &d, b"%PDF-1.7".to_vec()).await.unwrap();
        put(dir.path(), &d, b"%PDF-1.7".to_vec()).await.unwrap();
        assert_eq!(read(dir.path(), &d).await.unwrap(), b"%PDF-1.7");
        let folder: Vec<_> = std::fs::read_dir(dir.path().join(&d[..2])).unwrap().collect();
        assert_eq!(folder.len(), 1, "one file, no temporary left");
        remove(dir.path(), &d).await;
        remove(dir.path(), &d).await;
        assert_eq!(read(dir.path(), &d).await.unwrap_err(), AppError::NotFound);
    }
}
