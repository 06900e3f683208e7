//! Files attached to meetings, trainings and issues (agenda, handouts, flyer, questionnaire,
//! signed minutes): which files are taken, their names, and how they are sent back.
//!
//! A file is taken only when its bytes are one of a few known document and image types and
//! its name's extension says the same type: what someone downloads opens in the program its
//! name promises, never as a web page or a program (no HTML, SVG, scripts or executables).

use serde::{Deserialize, Serialize};

/// Largest file taken, in bytes (20 MiB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Characters of a file name kept.
pub const MAX_NAME_CHARS: usize = 200;

/// Bytes of a text file looked at to decide that it is text.
const TEXT_PROBE: usize = 8 * 1024;

/// What accepted files are, for the upload form's hint and the refusal.
pub const ACCEPTED_LABEL: &str = "PDF、画像（PNG・JPEG・GIF・WebP）、Word・Excel・PowerPoint（.docx・.xlsx・.pptx・.doc・.xls・.ppt）、テキスト・CSV（.txt・.csv）";

/// The `accept` attribute of the upload form's file field (a hint to the browser only).
pub const ACCEPT_ATTR: &str = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.txt,.csv";

/// The record a file is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    Meeting,
    Training,
    Issue,
}

impl RecordKind {
    pub const ALL: [RecordKind; 3] = [RecordKind::Meeting, RecordKind::Training, RecordKind::Issue];

    /// The code stored in `attachment.record_kind` and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Meeting => "meeting",
            RecordKind::Training => "training",
            RecordKind::Issue => "issue",
        }
    }

    pub fn from_code(code: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Meeting => "会議",
            RecordKind::Training => "研修",
            RecordKind::Issue => "連携の課題",
        }
    }

    /// The record's page.
    pub fn page(self, record_id: i32) -> String {
        match self {
            RecordKind::Meeting => format!("/meetings/{record_id}"),
            RecordKind::Training => format!("/trainings/{record_id}"),
            RecordKind::Issue => format!("/issues/{record_id}"),
        }
    }
}

/// Why an upload is refused; the code travels in the URL back to the record page
/// (`?attachment_error=<code>`), which shows the message next to the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No file chosen, or an empty one.
    Empty,
    /// Over `MAX_BYTES`.
    Size,
    /// Not one of the accepted types (or bytes and name disagree).
    Type,
    /// The upload could not be read (broken off).
    Read,
}

impl Problem {
    pub const ALL: [Problem; 4] = [Problem::Empty, Problem::Size, Problem::Type, Problem::Read];

    pub fn code(self) -> &'static str {
        match self {
            Problem::Empty => "empty",
            Problem::Size => "size",
            Problem::Type => "type",
            Problem::Read => "read",
        }
    }

    pub fn from_code(code: &str) -> Option<Problem> {
        Problem::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn message(self) -> String {
        match self {
            Problem::Empty => "ファイルを選んでください（空のファイルは添付できません）。".to_string(),
            Problem::Size => format!("ファイルが大きすぎます（{}MBまで）。", MAX_BYTES / (1024 * 1024)),
            Problem::Type => type_message(),
            Problem::Read => "ファイルを受け取れませんでした。もう一度選んでください。".to_string(),
        }
    }
}

fn type_message() -> String {
    format!("この種類のファイルは添付できません。添付できるのは {ACCEPTED_LABEL} で、ファイル名の拡張子と中身が一致するものです。")
}

const PDF: &str = "application/pdf";
const PNG: &str = "image/png";
const JPEG: &str = "image/jpeg";
const GIF: &str = "image/gif";
const WEBP: &str = "image/webp";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const DOC: &str = "application/msword";
const XLS: &str = "application/vnd.ms-excel";
const PPT: &str = "application/vnd.ms-powerpoint";

/// The lower-case extension of a file name ("" without one).
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// The content type of an accepted file, judged by its bytes (magic numbers) and checked
/// against its name's extension; anything else is refused with the message that says what
/// is accepted.
pub fn sniff(bytes: &[u8], file_name: &str) -> Result<&'static str, String> {
    sniff_type(bytes, file_name).ok_or_else(type_message)
}

fn sniff_type(bytes: &[u8], file_name: &str) -> Option<&'static str> {
    let ext = extension(file_name);
    let image = |t: &'static str| matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp").then_some(t);
    if bytes.starts_with(b"%PDF-") {
        return (ext == "pdf").then_some(PDF);
    }
    // Images: any image extension, since a picture saved under another image type's name
    // still opens as a picture.
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return image(PNG);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return image(JPEG);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return image(GIF);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return image(WEBP);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match ext.as_str() {
            "docx" => Some(DOCX),
            "xlsx" => Some(XLSX),
            "pptx" => Some(PPTX),
            _ => None,
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return match ext.as_str() {
            "doc" => Some(DOC),
            "xls" => Some(XLS),
            "ppt" => Some(PPT),
            _ => None,
        };
    }
    match ext.as_str() {
        "txt" | "csv" => {
            let probe = &bytes[..bytes.len().min(TEXT_PROBE)];
            if probe.contains(&0) {
                return None;
            }
            let utf8 = is_utf8_prefix(probe);
            if !utf8 && !is_plausible_shift_jis(probe) {
                return None;
            }
            Some(match (ext.as_str(), utf8) {
                ("txt", true) => "text/plain; charset=utf-8",
                ("txt", false) => "text/plain; charset=shift_jis",
                (_, true) => "text/csv; charset=utf-8",
                (_, false) => "text/csv; charset=shift_jis",
            })
        }
        _ => None,
    }
}

/// Valid UTF-8, allowing a character cut off at the end of the probe.
fn is_utf8_prefix(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// Bytes that Shift_JIS (Windows-31J, as Excel writes it) could have written: ASCII
/// (without control characters other than tab, newlines and form feed), half-width katakana,
/// and double-byte characters with a valid trail byte. A pair cut off at the end is allowed.
fn is_plausible_shift_jis(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\t' | b'\n' | b'\r' | 0x0C | 0x1A => i += 1,
            0x20..=0x7E => i += 1,
            0xA1..=0xDF => i += 1,
            0x81..=0x9F | 0xE0..=0xFC => {
                let Some(&trail) = bytes.get(i + 1) else { return true };
                if !matches!(trail, 0x40..=0x7E | 0x80..=0xFC) {
                    return false;
                }
                i += 2;
            }
            _ => return false,
        }
    }
    true
}

/// The name a file is kept under: its last path component (browsers of some systems send
/// the whole path), without control characters, trimmed, at most `MAX_NAME_CHARS`
/// characters (the extension kept), "file" when nothing is left.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    // Direction marks and overrides could show "x\u{202E}fdp.exe" as "xexe.pdf".
    let cleaned: String = base.chars().filter(|c| !c.is_control() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')).collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        return "file".to_string();
    }
    if cleaned.chars().count() <= MAX_NAME_CHARS {
        return cleaned.to_string();
    }
    // Shortened in the middle, so that the extension (what the file opens with) survives.
    let ext = extension(cleaned);
    let ext_chars = ext.chars().count();
    if ext.is_empty() || ext_chars + 1 >= MAX_NAME_CHARS {
        return cleaned.chars().take(MAX_NAME_CHARS).collect::<String>().trim_end().to_string();
    }
    let stem: String = cleaned.chars().take(MAX_NAME_CHARS - ext_chars - 1).collect();
    let tail: String = cleaned.chars().skip(cleaned.chars().count() - ext_chars).collect();
    format!("{}.{tail}", stem.trim_end())
}

/// `Content-Disposition` of a download (RFC 6266, with the UTF-8 name per RFC 5987): an
/// ASCII name for old clients (other characters, quotes and backslashes as `_`) and the
/// exact name percent-encoded.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| if (' '..='~').contains(&c) && c != '"' && c != '\\' { c } else { '_' })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// A file's size for people: "512 B", "12.3 KB", "1.2 MB".
pub fn size_label(bytes: i64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes.max(0) as f64;
    if b < KIB {
        format!("{} B", bytes.max(0))
    } else if b < KIB * KIB {
        format!("{:.1} KB", b / KIB)
    } else {
        format!("{:.1} MB", b / (KIB * KIB))
    }
}

/// Everything an upload must pass before it is stored: not empty, within the size limit,
/// an accepted type. Returns the content type to serve it with.
pub fn check(bytes: &[u8], file_name: &str) -> Result<&'static str, Problem> {
    if bytes.is_empty() {
        return Err(Problem::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(Problem::Size);
    }
    sniff_type(bytes, &clean_file_name(file_name)).ok_or(Problem::Type)
}

/// Whether `s` is a SHA-256 digest as stored (64 lower-case hex digits): only such names
/// become paths of stored files.
pub fn is_digest(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    #[test]
    fn record_kinds_round_trip_and_name_their_pages() {
        for k in RecordKind::ALL {
            assert_eq!(RecordKind::from_code(k.code()), Some(k));
        }
        assert_eq!(RecordKind::from_code("consultation"), None);
        assert_eq!(RecordKind::Meeting.page(3), "/meetings/3");
        assert_eq!(RecordKind::Training.page(4), "/trainings/4");
        assert_eq!(RecordKind::Issue.page(5), "/issues/5");
    }

    #[test]
    fn documents_and_images_are_known_by_their_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n...", "次第.pdf"), Ok(PDF));
        assert_eq!(sniff(b"%PDF-1.4", "MINUTES.PDF"), Ok(PDF));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0", "flyer.png"), Ok(PNG));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "photo.jpg"), Ok(JPEG));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE1], "photo.JPEG"), Ok(JPEG));
        assert_eq!(sniff(b"GIF89a\x01\x00", "a.gif"), Ok(GIF));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 ", "a.webp"), Ok(WEBP));
        // A picture under another picture's name is still a picture.
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n", "screenshot.jpg"), Ok(PNG));
    }

    #[test]
    fn office_files_need_the_matching_extension() {
        let zip = b"PK\x03\x04\x14\0\0\0";
        assert_eq!(sniff(zip, "役割分担.docx"), Ok(DOCX));
        assert_eq!(sniff(zip, "名簿.xlsx"), Ok(XLSX));
        assert_eq!(sniff(zip, "説明.pptx"), Ok(PPTX));
        assert!(sniff(zip, "archive.zip").is_err());
        assert!(sniff(zip, "x.doc").is_err(), "a zip is not a legacy document");
        assert_eq!(sniff(&OLE, "古い.doc"), Ok(DOC));
        assert_eq!(sniff(&OLE, "古い.xls"), Ok(XLS));
        assert_eq!(sniff(&OLE, "古い.ppt"), Ok(PPT));
        assert!(sniff(&OLE, "x.docx").is_err());
        assert!(sniff(&OLE, "x.msi").is_err(), "installers share the OLE header");
    }

    #[test]
    fn text_must_be_text_in_utf8_or_shift_jis() {
        assert_eq!(sniff("名前,職種\n山田,薬剤師\n".as_bytes(), "名簿.csv"), Ok("text/csv; charset=utf-8"));
        assert_eq!(sniff(b"memo\r\n", "memo.txt"), Ok("text/plain; charset=utf-8"));
        // 「山田」 in Shift_JIS.
        assert_eq!(sniff(&[0x8E, 0x52, 0x93, 0x63, b',', b'1', b'\r', b'\n'], "sjis.csv"), Ok("text/csv; charset=shift_jis"));
        // A character cut off at the end of the probe is fine.
        let mut long = "あ".repeat(TEXT_PROBE).into_bytes();
        long.truncate(TEXT_PROBE + 1);
        assert!(sniff(&long, "long.txt").is_ok());
        assert!(sniff(b"a\0b", "nul.txt").is_err(), "NUL bytes are not text");
        assert!(sniff(&[0xFF, 0xFE, 0x00, 0x41], "utf16.txt").is_err());
        assert!(sniff(&[0x81, 0x20], "bad.csv").is_err(), "a lead byte without a valid trail byte");
        assert!(sniff(b"plain", "notes").is_err(), "text needs its extension");
    }

    #[test]
    fn markup_scripts_programs_and_disguises_are_refused() {
        let cases: &[(&[u8], &str)] = &[
            (b"<!DOCTYPE html><script>alert(1)</script>", "x.html"),
            (b"<!DOCTYPE html><script>alert(1)</script>", "x.pdf"),
            (b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "x.svg"),
            (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "x.png"),
            (b"#!/bin/sh\nrm -rf /", "x.sh"),
            (b"MZ\x90\0\x03\0\0\0", "setup.exe"),
            (b"MZ\x90\0\x03\0\0\0", "setup.pdf"),
            (b"%PDF-1.7", "x.html"),
            (b"%PDF-1.7", "x.txt"),
            (b"\x89PNG\r\n\x1a\n", "x.svg"),
            (b"%PDF-1.7", "pdf"),
        ];
        for (bytes, name) in cases {
            let err = sniff(bytes, name).unwrap_err();
            assert!(err.contains("PDF") && err.contains("PNG") && err.contains(".docx") && err.contains(".csv"), "{name}: {err}");
        }
    }

    #[test]
    fn check_counts_size_and_emptiness_first() {
        assert_eq!(check(b"", "x.pdf"), Err(Problem::Empty));
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        assert_eq!(check(&big, "big.pdf"), Err(Problem::Size));
        big.truncate(MAX_BYTES);
        assert_eq!(check(&big, "big.pdf"), Ok(PDF));
        assert_eq!(check(b"<html>", "x.pdf"), Err(Problem::Type));
        assert_eq!(check(b"%PDF-1.7", "C:\\Users\\a\\次第.pdf"), Ok(PDF));
        for p in Problem::ALL {
            assert_eq!(Problem::from_code(p.code()), Some(p));
            assert!(!p.message().is_empty());
        }
        assert!(Problem::Size.message().contains("20MB"));
    }

    #[test]
    fn file_names_keep_their_last_component_without_control_characters() {
        assert_eq!(clean_file_name("C:\\Users\\sato\\Desktop\\次第.pdf"), "次第.pdf");
        assert_eq!(clean_file_name("/home/sato/a/b.pdf"), "b.pdf");
        assert_eq!(clean_file_name("  議事録\r\n（署名済）.pdf  "), "議事録（署名済）.pdf");
        assert_eq!(clean_file_name(""), "file");
        assert_eq!(clean_file_name("x\u{202E}fdp.exe"), "xfdp.exe", "no direction override reaches a listed name");
        assert_eq!(clean_file_name("dir/"), "file");
        assert_eq!(clean_file_name(".."), "file");
        assert_eq!(clean_file_name("\u{7}\u{1b}"), "file");
        let long = format!("{}.pdf", "あ".repeat(300));
        let short = clean_file_name(&long);
        assert_eq!(short.chars().count(), MAX_NAME_CHARS);
        assert!(short.ends_with(".pdf"), "the extension survives: {short}");
        assert_eq!(clean_file_name(&"x".repeat(300)).chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn content_disposition_has_an_ascii_fallback_and_the_encoded_name() {
        assert_eq!(content_disposition("agenda.pdf"), "attachment; filename=\"agenda.pdf\"; filename*=UTF-8''agenda.pdf");
        assert_eq!(
            content_disposition("次第 1.pdf"),
            "attachment; filename=\"__ 1.pdf\"; filename*=UTF-8''%E6%AC%A1%E7%AC%AC%201.pdf"
        );
        let tricky = content_disposition("a\"b\\c;d.pdf");
        assert!(tricky.starts_with("attachment; filename=\"a_b_c;d.pdf\"; "), "{tricky}");
        assert!(tricky.ends_with("filename*=UTF-8''a%22b%5Cc%3Bd.pdf"), "{tricky}");
        assert!(content_disposition("名簿\u{7f}.csv").is_ascii());
    }

    #[test]
    fn sizes_are_shown_in_b_kb_or_mb() {
        assert_eq!(size_label(0), "0 B");
        assert_eq!(size_label(512), "512 B");
        assert_eq!(size_label(1536), "1.5 KB");
        assert_eq!(size_label(1_258_291), "1.2 MB");
        assert_eq!(size_label(-3), "0 B");
    }

    #[test]
    fn only_digests_name_stored_files() {
        assert!(is_digest(&"a".repeat(64)));
        assert!(!is_digest(&"A".repeat(64)));
        assert!(!is_digest("../../etc/passwd"));
        assert!(!is_digest(&"a".repeat(63)));
    }
}
