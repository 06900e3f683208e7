//! Two-step sign-in with TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, as every
//! authenticator app expects): new secrets, the `otpauth://` URL and its QR code drawn here
//! as SVG (nothing leaves the server), code checks that allow one step of clock drift either
//! way and never take a step twice, one-time recovery codes (kept as SHA-256 only), and the
//! cookie of a sign-in that still waits for its code.

use super::token;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use totp_rs::{Algorithm, Secret, TOTP};

/// The name authenticator apps show above the code.
pub const ISSUER: &str = "Renkei 連携";
pub const DIGITS: usize = 6;
pub const STEP_SECONDS: u64 = 30;
/// Steps accepted before and after the current one (a phone's clock may be a little off).
pub const SKEW_STEPS: u64 = 1;
/// 160 bits, the length RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;
pub const RECOVERY_CODE_COUNT: usize = 10;
/// Characters of a recovery code, without the hyphens.
pub const RECOVERY_CODE_LEN: usize = 12;
/// Lower-case letters and digits that cannot be mistaken for one another (no i, l, o, 0, 1).
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_GROUP: usize = 4;

/// The cookie of a sign-in whose password was right and whose second step is to come.
pub const CHALLENGE_COOKIE: &str = "renkei_login";

/// A new random secret, base32 as authenticator apps take it (32 characters).
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).expect("the OS provides randomness");
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn secret_bytes(secret: &str) -> Result<Vec<u8>, AppError> {
    Secret::Encoded(secret.trim().to_string())
        .to_bytes()
        .map_err(|e| AppError::Internal(format!("TOTP secret: {e}")))
}

/// The `otpauth://totp/…` URL that the QR code carries: issuer 「Renkei 連携」, account the
/// login name.
pub fn otpauth_url(secret: &str, login_name: &str) -> Result<String, AppError> {
    // Login names are [a-z0-9._-] (see services::accounts::users); a ':' would split the label.
    let account = login_name.replace(':', "_");
    let totp = TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        SKEW_STEPS as u8,
        STEP_SECONDS,
        secret_bytes(secret)?,
        Some(ISSUER.to_string()),
        account,
    )
    .map_err(|e| AppError::Internal(format!("TOTP: {e:?}")))?;
    Ok(totp.get_url())
}

/// `data` as a QR code in an `<svg>` element (no XML declaration), to be put into the page
/// as it is. Black on white with the quiet zone, at least 220 px wide.
pub fn qr_svg(data: &str) -> Result<String, AppError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| AppError::Internal(format!("QR code: {e}")))?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(220, 220)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    // The renderer starts with `<?xml …?>`, which has no place inside an HTML page.
    Ok(match image.find("<svg") {
        Some(start) => image[start..].to_string(),
        None => image,
    })
}

/// The secret in groups of four, for typing it into an app by hand.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Seconds since 1970 (0 for earlier times, which never occur).
pub fn unix_seconds(now: DateTime<Utc>) -> u64 {
    now.timestamp().max(0) as u64
}

/// The code of `step` (a 30-second period since 1970) for the raw secret.
fn code_at(secret: &[u8], step: u64) -> String {
    TOTP::new_unchecked(Algorithm::SHA1, DIGITS, 0, STEP_SECONDS, secret.to_vec(), None, String::new())
        .generate(step * STEP_SECONDS)
}

/// The code an authenticator app shows at `now` for `secret` (tests and the command line).
pub fn code_at_time(secret: &str, now: DateTime<Utc>) -> Result<String, AppError> {
    Ok(code_at(&secret_bytes(secret)?, unix_seconds(now) / STEP_SECONDS))
}

/// Compares in time that does not depend on where the inputs differ.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A typed code as six ASCII digits: full-width digits, spaces and hyphens are allowed.
pub fn parse_code(input: &str) -> Option<String> {
    let code: String = crate::domain::text::normalize_width(input)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// The step whose code `input` is, if it is the code of the current step or of one step
/// either side, and that step is later than `last_used_step` (so that a code seen over
/// someone's shoulder cannot be used again). None for a wrong or malformed code.
pub fn verify(secret: &str, input: &str, now: DateTime<Utc>, last_used_step: u64) -> Result<Option<u64>, AppError> {
    let Some(code) = parse_code(input) else {
        return Ok(None);
    };
    let secret = secret_bytes(secret)?;
    let current = unix_seconds(now) / STEP_SECONDS;
    let mut found = None;
    // Every candidate is computed, so the time taken does not tell which one matched.
    for step in current.saturating_sub(SKEW_STEPS)..=current + SKEW_STEPS {
        if same_bytes(code_at(&secret, step).as_bytes(), code.as_bytes()) && step > last_used_step && found.is_none() {
            found = Some(step);
        }
    }
    Ok(found)
}

/// Ten new recovery codes such as `abcd-efgh-jkmn` (about 59 random bits each).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODE_COUNT).map(|_| new_recovery_code()).collect()
}

fn new_recovery_code() -> String {
    let n = RECOVERY_ALPHABET.len();
    // Bytes at or above the largest multiple of n are drawn again, so each character is
    // equally likely.
    let limit = 256 / n * n;
    let mut chars = Vec::with_capacity(RECOVERY_CODE_LEN);
    while chars.len() < RECOVERY_CODE_LEN {
        let mut buf = [0u8; 32];
        getrandom::fill(&mut buf).expect("the OS provides randomness");
        for b in buf {
            if (b as usize) < limit && chars.len() < RECOVERY_CODE_LEN {
                chars.push(RECOVERY_ALPHABET[b as usize % n] as char);
            }
        }
    }
    chars
        .chunks(RECOVERY_GROUP)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A typed recovery code in its stored form (twelve characters, no hyphens), or None when
/// it cannot be one. Case, full-width characters, spaces and hyphens do not matter.
pub fn parse_recovery_code(input: &str) -> Option<String> {
    let code: String = crate::domain::text::normalize_width(input)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (code.len() == RECOVERY_CODE_LEN && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))).then_some(code)
}

/// What is stored of a recovery code: SHA-256 of the user's id and the code, so that equal
/// codes of two users (never expected) would not even look alike. None when `input` cannot
/// be a recovery code.
pub fn recovery_hash(user_id: i32, input: &str) -> Option<String> {
    parse_recovery_code(input).map(|code| token::digest(&format!("{user_id}:{code}")))
}

/// The page that asks for the code, coming back to `next` (a `safe_next` path) afterwards.
pub fn code_page(next: &str) -> String {
    let mut encoded = String::with_capacity(next.len() * 3);
    for b in next.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("/login/code?next={encoded}")
}

/// `Set-Cookie` value for a sign-in waiting for its code, or for removing it (`token` None).
pub fn challenge_cookie(token: Option<&str>, secure: bool, max_age_seconds: i64) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(t) => format!("{CHALLENGE_COOKIE}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"),
        None => format!("{CHALLENGE_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

/// The token of the sign-in waiting for its code, if the browser sent one.
pub fn challenge_token(headers: &http::HeaderMap) -> Option<String> {
    super::cookie(headers, CHALLENGE_COOKIE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// The SHA-1 key of RFC 6238's test vectors, "12345678901234567890", in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    fn at(unix: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(unix, 0).unwrap()
    }

    #[test]
    fn rfc_6238_test_vectors() {
        let key = b"12345678901234567890".to_vec();
        let eight = TOTP::new_unchecked(Algorithm::SHA1, 8, 1, 30, key.clone(), None, String::new());
        assert_eq!(eight.generate(59), "94287082");
        assert_eq!(eight.generate(1111111109), "07081804");
        assert_eq!(eight.generate(20000000000), "65353130");
        for (unix, code) in [
            (59u64, "287082"),
            (1111111109, "081804"),
            (1111111111, "050471"),
            (1234567890, "005924"),
            (2000000000, "279037"),
            (20000000000, "353130"),
        ] {
            assert_eq!(code_at(&key, unix / STEP_SECONDS), code, "T={unix}");
        }
        assert_eq!(secret_bytes(RFC_SECRET).unwrap(), key);
        assert_eq!(code_at_time(RFC_SECRET, at(59)).unwrap(), "287082");
        assert_eq!(code_at_time(RFC_SECRET, at(1111111111)).unwrap(), "050471");
    }

    #[test]
    fn codes_are_accepted_one_step_either_side_and_only_once() {
        // 287082 is the code of step 1 (T = 30..59).
        assert_eq!(verify(RFC_SECRET, "287082", at(59), 0).unwrap(), Some(1));
        assert_eq!(verify(RFC_SECRET, "287082", at(45), 0).unwrap(), Some(1));
        assert_eq!(verify(RFC_SECRET, "287082", at(89), 0).unwrap(), Some(1), "one step late");
        assert_eq!(verify(RFC_SECRET, "287082", at(29), 0).unwrap(), Some(1), "one step early");
        assert_eq!(verify(RFC_SECRET, "287082", at(119), 0).unwrap(), None, "two steps late");
        assert_eq!(verify(RFC_SECRET, "287082", at(59), 1).unwrap(), None, "a step already used");
        assert_eq!(verify(RFC_SECRET, "287083", at(59), 0).unwrap(), None);
        assert_eq!(verify(RFC_SECRET, "", at(59), 0).unwrap(), None);
        assert_eq!(verify(RFC_SECRET, "28708", at(59), 0).unwrap(), None);
        assert_eq!(verify(RFC_SECRET, "2870820", at(59), 0).unwrap(), None);
    }

    #[test]
    fn typed_codes_may_have_spaces_and_full_width_digits() {
        assert_eq!(parse_code(" 287 082 ").as_deref(), Some("287082"));
        assert_eq!(parse_code("２８７０８２").as_deref(), Some("287082"));
        assert_eq!(parse_code("287-082").as_deref(), Some("287082"));
        assert_eq!(parse_code("28708a"), None);
        assert_eq!(verify(RFC_SECRET, "２８７　０８２", at(59), 0).unwrap(), Some(1));
    }

    #[test]
    fn new_secrets_are_random_160_bits_in_base32() {
        let a = new_secret();
        let b = new_secret();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_uppercase() || (b'2'..=b'7').contains(&c)), "{a}");
        assert_eq!(secret_bytes(&a).unwrap().len(), SECRET_BYTES);
        assert!(secret_bytes("not base32!").is_err());
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }

    #[test]
    fn the_url_names_the_issuer_and_the_account() {
        let url = otpauth_url(RFC_SECRET, "sato").unwrap();
        assert!(url.contains(&format!("secret={RFC_SECRET}")), "{url}");
        // Percent-encoded UTF-8 of 「Renkei 連携」 (hex digits in either case).
        let lower = url.to_ascii_lowercase();
        assert!(lower.starts_with("otpauth://totp/renkei%20%e9%80%a3%e6%90%ba:sato?"), "{url}");
        assert!(lower.contains("issuer=renkei%20%e9%80%a3%e6%90%ba"), "{url}");
        // SHA-1, 6 digits and 30 seconds are the defaults and are left out.
        assert!(!url.contains("algorithm=") && !url.contains("digits=") && !url.contains("period="), "{url}");
        assert!(otpauth_url(RFC_SECRET, "a:b").unwrap().contains(":a_b?"));
    }

    #[test]
    fn the_qr_code_is_an_inline_svg() {
        let svg = qr_svg(&otpauth_url(RFC_SECRET, "sato").unwrap()).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("viewBox") && !svg.contains("<?xml"));
    }

    #[test]
    fn recovery_codes_are_ten_distinct_one_time_words() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODE_COUNT);
        for c in &codes {
            assert_eq!(c.len(), 14, "{c}");
            assert_eq!(c.matches('-').count(), 2, "{c}");
            assert!(c.split('-').all(|g| g.len() == 4), "{c}");
            assert_eq!(parse_recovery_code(c).unwrap().len(), RECOVERY_CODE_LEN);
        }
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
    }

    #[test]
    fn recovery_codes_are_hashed_with_the_user() {
        let h = recovery_hash(7, "abcd-efgh-jkmn").unwrap();
        assert_eq!(h.len(), 64);
        assert_eq!(recovery_hash(7, " ABCD EFGH JKMN ").as_deref(), Some(h.as_str()));
        assert_eq!(recovery_hash(7, "abcdefghjkmn").as_deref(), Some(h.as_str()));
        assert_ne!(recovery_hash(8, "abcd-efgh-jkmn").unwrap(), h);
        assert_eq!(recovery_hash(7, "abcd-efgh-jkm"), None, "too short");
        assert_eq!(recovery_hash(7, "abcd-efgh-jkm0"), None, "0 is not used");
        assert_eq!(recovery_hash(7, "287082"), None);
    }

    #[test]
    fn the_code_page_keeps_where_to_go_next() {
        assert_eq!(code_page("/"), "/login/code?next=/");
        assert_eq!(code_page("/meetings?fy=2024&q=%E4"), "/login/code?next=/meetings%3Ffy%3D2024%26q%3D%25E4");
    }

    #[test]
    fn the_challenge_cookie_is_http_only_and_short() {
        let c = challenge_cookie(Some("t"), false, 600);
        assert!(c.starts_with("renkei_login=t;") && c.contains("HttpOnly") && c.contains("SameSite=Lax"), "{c}");
        assert!(c.contains("Max-Age=600") && !c.contains("Secure"));
        assert!(challenge_cookie(Some("t"), true, 600).ends_with("; Secure"));
        assert!(challenge_cookie(None, false, 600).contains("Max-Age=0"));
        let mut h = http::HeaderMap::new();
        h.insert(http::header::COOKIE, "renkei_session=s; renkei_login=abc".parse().unwrap());
        assert_eq!(challenge_token(&h).as_deref(), Some("abc"));
        h.insert(http::header::COOKIE, "renkei_login=".parse().unwrap());
        assert_eq!(challenge_token(&h), None);
    }
}
