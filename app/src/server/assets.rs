//! The names of the build output. A release build by cargo-leptos gives the files in `pkg/`
//! content-hashed names and records the hashes in `hash.txt` beside the server binary; the
//! server then links those names and lets browsers keep the files for a year.

use std::sync::OnceLock;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hashes {
    pub js: Option<String>,
    pub wasm: Option<String>,
    pub css: Option<String>,
}

/// Parses `hash.txt` (`js: …`, `wasm: …`, `css: …`, one per line).
pub fn parse(text: &str) -> Hashes {
    let mut h = Hashes::default();
    for line in text.lines() {
        let Some((kind, hash)) = line.split_once(':') else { continue };
        let hash = hash.trim().to_string();
        if hash.is_empty() || !hash.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            continue;
        }
        match kind.trim() {
            "js" => h.js = Some(hash),
            "wasm" => h.wasm = Some(hash),
            "css" => h.css = Some(hash),
            _ => {}
        }
    }
    h
}

/// The hashes of this build, if it has them.
pub fn hashes() -> Option<&'static Hashes> {
    static HASHES: OnceLock<Option<Hashes>> = OnceLock::new();
    HASHES
        .get_or_init(|| {
            let path = std::env::current_exe().ok()?.parent()?.join("hash.txt");
            let h = parse(&std::fs::read_to_string(path).ok()?);
            (h.js.is_some() && h.wasm.is_some()).then_some(h)
        })
        .as_ref()
}

/// Whether the build output has hashed names (tells leptos which script names to link).
pub fn hashed_build() -> bool {
    hashes().is_some()
}

pub fn stylesheet_href() -> String {
    match hashes().and_then(|h| h.css.as_deref()) {
        Some(hash) => format!("/pkg/renkei.{hash}.css"),
        None => "/pkg/renkei.css".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_hash_file_of_cargo_leptos() {
        let h = parse("js: abC-1_x\nwasm: W9\ncss: c5\n");
        assert_eq!(h, Hashes { js: Some("abC-1_x".into()), wasm: Some("W9".into()), css: Some("c5".into()) });
        // Anything that could leave the path is ignored.
        assert_eq!(parse("css: ../x\njs:\n").css, None);
    }
}
