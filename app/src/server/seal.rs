//! Personal data at rest (the person on a referral slip): sealed with XChaCha20-Poly1305
//! under keys kept in a file outside the database, so a copy of the database alone — a
//! backup, a dump, a stolen disk image of the database volume — names no one.
//!
//! The key file has one key per line, `<id> <base64 of 32 bytes>`, the current one first.
//! Every sealed value names its key (`v1.<id>.<base64 of nonce ‖ ciphertext>`), so keys
//! rotate: `renkei rotate-referral-key` puts a new key first and reseals every value with it;
//! the old lines can then be removed.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use std::path::Path;

const VERSION: &str = "v1";

#[derive(Clone)]
pub struct Keyring {
    /// (id, key), the current key first.
    keys: Vec<(String, [u8; 32])>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the keys themselves.
        f.debug_struct("Keyring").field("ids", &self.keys.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>()).finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    #[error("鍵ファイルの形式が正しくありません（{0}）。")]
    BadKeyFile(String),
    #[error("暗号化された個人情報を開く鍵「{0}」が鍵ファイルにありません。")]
    MissingKey(String),
    #[error("暗号化された個人情報が壊れているか、改ざんされています。")]
    Damaged,
}

fn random<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).expect("the operating system's random source");
    out
}

fn new_line() -> String {
    let id = hex::encode(random::<4>());
    format!("{id} {}", B64.encode(random::<32>()))
}

impl Keyring {
    pub fn parse(text: &str) -> Result<Keyring, SealError> {
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (id, key) = line.split_once(' ').ok_or_else(|| SealError::BadKeyFile(format!("{n}行目に鍵がありません")))?;
            let bytes = B64.decode(key.trim()).map_err(|_| SealError::BadKeyFile(format!("{n}行目の鍵が base64 ではありません")))?;
            let key: [u8; 32] = bytes.try_into().map_err(|_| SealError::BadKeyFile(format!("{n}行目の鍵が32バイトではありません")))?;
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric()) || keys.iter().any(|(k, _)| k == id) {
                return Err(SealError::BadKeyFile(format!("{n}行目の鍵の名前「{id}」")));
            }
            keys.push((id.to_string(), key));
        }
        if keys.is_empty() {
            return Err(SealError::BadKeyFile("鍵がひとつもありません".into()));
        }
        Ok(Keyring { keys })
    }

    /// A keyring with one fresh key that lives only in memory (tests).
    pub fn ephemeral() -> Keyring {
        Keyring::parse(&new_line()).expect("a generated key parses")
    }

    /// Reads the key file, creating it (readable by its owner only) with one new key when
    /// it does not exist yet.
    pub fn load_or_create(path: &Path) -> std::io::Result<Keyring> {
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            write_private(path, &format!("# renkei referral keys: keep this file out of the database's backups' reach and back it up separately.\n{}\n", new_line()))?;
        }
        let text = std::fs::read_to_string(path)?;
        Keyring::parse(&text).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{}: {e}", path.display())))
    }

    /// Puts a new key first in the key file (the old ones stay, to open what they sealed)
    /// and returns the keyring it now holds.
    pub fn rotate_file(path: &Path) -> std::io::Result<Keyring> {
        let old = std::fs::read_to_string(path)?;
        Keyring::parse(&old).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
        let (comments, keys): (Vec<&str>, Vec<&str>) = old.lines().partition(|l| l.trim().starts_with('#') || l.trim().is_empty());
        let text = format!("{}\n{}\n{}\n", comments.join("\n"), new_line(), keys.join("\n"));
        write_private(path, text.trim_start())?;
        Keyring::load_or_create(path)
    }

    pub fn current_id(&self) -> &str {
        &self.keys[0].0
    }

    /// Seals `plain` under the current key; `context` (e.g. "referral.person") binds it to
    /// its use, so a value copied into another column does not open.
    pub fn seal(&self, plain: &[u8], context: &str) -> String {
        let (id, key) = &self.keys[0];
        let nonce = random::<24>();
        let cipher = XChaCha20Poly1305::new(Key::from_slice(key));
        let sealed = cipher.encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad: context.as_bytes() }).expect("sealing into memory does not fail");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        format!("{VERSION}.{id}.{}", B64.encode(out))
    }

    pub fn open(&self, sealed: &str, context: &str) -> Result<Vec<u8>, SealError> {
        let mut parts = sealed.splitn(3, '.');
        let (Some(VERSION), Some(id), Some(body)) = (parts.next(), parts.next(), parts.next()) else { return Err(SealError::Damaged) };
        let key = self.keys.iter().find(|(k, _)| k == id).map(|(_, key)| key).ok_or_else(|| SealError::MissingKey(id.to_string()))?;
        let bytes = B64.decode(body).map_err(|_| SealError::Damaged)?;
        if bytes.len() < 24 {
            return Err(SealError::Damaged);
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        XChaCha20Poly1305::new(Key::from_slice(key)).decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: context.as_bytes() }).map_err(|_| SealError::Damaged)
    }

    /// Whether a value is sealed under another key than the current one (to reseal).
    pub fn is_stale(&self, sealed: &str) -> bool {
        sealed.split('.').nth(1) != Some(self.current_id())
    }
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        std::io::Write::write_all(&mut file, text.as_bytes())?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_context() {
        let ring = Keyring::ephemeral();
        let sealed = ring.seal("釜石 花子".as_bytes(), "referral.person");
        assert!(!sealed.contains("釜石") && sealed.starts_with(&format!("v1.{}.", ring.current_id())));
        assert_eq!(ring.open(&sealed, "referral.person").unwrap(), "釜石 花子".as_bytes());
        assert_ne!(ring.seal(b"x", "c"), ring.seal(b"x", "c"), "a fresh nonce each time");
        assert_eq!(ring.open(&sealed, "referral.other"), Err(SealError::Damaged), "bound to its use");
        let (head, body) = sealed.rsplit_once('.').unwrap();
        let mut bytes = B64.decode(body).unwrap();
        bytes[30] ^= 1;
        let tampered = format!("{head}.{}", B64.encode(bytes));
        assert_eq!(ring.open(&tampered, "referral.person"), Err(SealError::Damaged));
        assert!(matches!(Keyring::ephemeral().open(&sealed, "referral.person"), Err(SealError::MissingKey(_))));
        assert_eq!(ring.open("plain text", "referral.person"), Err(SealError::Damaged));
    }

    #[test]
    fn the_key_file_is_created_private_and_rotates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("referral.keys");
        let first = Keyring::load_or_create(&path).unwrap();
        #[cfg(unix)]
        assert_eq!(std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions()) & 0o777, 0o600);
        assert_eq!(Keyring::load_or_create(&path).unwrap().current_id(), first.current_id(), "an existing file is kept");
        let old = first.seal(b"before", "c");
        let rotated = Keyring::rotate_file(&path).unwrap();
        assert_ne!(rotated.current_id(), first.current_id());
        assert_eq!(rotated.open(&old, "c").unwrap(), b"before", "old values still open");
        assert!(rotated.is_stale(&old) && !rotated.is_stale(&rotated.seal(b"after", "c")));
        assert!(matches!(Keyring::parse("abc notbase64!"), Err(SealError::BadKeyFile(_))));
        assert!(matches!(Keyring::parse("# only a comment"), Err(SealError::BadKeyFile(_))));
    }
}
