//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::LazyLock;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 200;

pub fn hash(password: &str) -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS provides randomness");
    let salt = SaltString::encode_b64(&bytes).expect("16 bytes make a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with default parameters cannot fail")
        .to_string()
}

pub fn verify(hash: &str, password: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Spends the time of a real verification, so that an unknown login name answers as slowly
/// as a wrong password.
pub fn verify_dummy(password: &str) {
    static DUMMY: LazyLock<String> = LazyLock::new(|| hash("renkei-dummy-password"));
    let _ = verify(&DUMMY, password);
}

/// The rule for new passwords; the message is shown at the field. Besides the length: not
/// the login name, not one character repeated or a plain run (1234…, abcd…), and not easy to
/// guess by zxcvbn's measure (common passwords, words, keyboard rows, dates, the user's names).
pub fn check_new(password: &str, login_name: &str, display_name: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n < MIN_LENGTH {
        return Err("パスワードは10文字以上にしてください。");
    }
    if n > MAX_LENGTH {
        return Err("パスワードは200文字以内にしてください。");
    }
    if !login_name.trim().is_empty() && password.trim().eq_ignore_ascii_case(login_name.trim()) {
        return Err("ログイン名と同じパスワードは使えません。");
    }
    if is_run(password) {
        return Err("同じ文字の繰り返しや、1234…・abcd… のような並びだけのパスワードは使えません。");
    }
    let inputs: Vec<&str> = [login_name, display_name].into_iter().map(str::trim).filter(|s| !s.is_empty()).collect();
    if zxcvbn::zxcvbn(password, &inputs).score() < zxcvbn::Score::Two {
        return Err("推測されやすいパスワードです（よく使われるパスワード、単語、キーボードの並び、日付、名前など）。いくつかの語を組み合わせるなど、推測しにくいものにしてください。");
    }
    Ok(())
}

/// At most two distinct characters, or every step between neighbours the same (+1, -1;
/// 9 → 0 counts as +1).
fn is_run(password: &str) -> bool {
    let chars: Vec<char> = password.chars().collect();
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() <= 2 {
        return true;
    }
    let step = |a: char, b: char| -> i64 {
        match (a, b) {
            ('9', '0') => 1,
            ('0', '9') => -1,
            _ => b as i64 - a as i64,
        }
    };
    let first = step(chars[0], chars[1]);
    first.abs() == 1 && chars.windows(2).all(|w| step(w[0], w[1]) == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash("correct horse battery");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify(&h, "correct horse battery"));
        assert!(!verify(&h, "correct horse batterY"));
        assert!(!verify("not a hash", "x"));
        assert_ne!(hash("same"), hash("same"), "salted");
    }

    #[test]
    fn minimum_length_is_ten() {
        assert!(check_new("123456789", "", "").is_err());
        assert!(check_new("tidal-crane-4711", "", "").is_ok());
        assert!(check_new("港の桜は四月に咲きます", "", "").is_ok());
    }

    #[test]
    fn weak_passwords_are_refused_with_a_reason() {
        assert_eq!(check_new("sato.hanako", "sato.hanako", "佐藤 花子"), Err("ログイン名と同じパスワードは使えません。"));
        for run in ["aaaaaaaaaa", "abababababab", "1234567890", "0987654321", "abcdefghijk", "ｱｲｳｴｵｶｷｸｹｺ"] {
            assert!(check_new(run, "x", "").unwrap_err().contains("並び"), "{run}");
        }
        for common in ["password123", "qwertyuiop", "iloveyou12", "password1234", "1qaz2wsx3edc"] {
            assert!(check_new(common, "x", "").unwrap_err().contains("推測されやすい"), "{common}");
        }
        // The user's own name is something an attacker tries first.
        assert!(check_new("tanaka1234", "tanaka", "田中").is_err());
    }

    #[test]
    fn passwords_used_by_the_tests_and_docs_are_accepted() {
        for ok in ["correct-horse-battery", "e2e-admin-password", "e2e-coordinator-pw", "e2e-viewer-password", "e2e-viewer-password-2", "new-password-1", "fresh-password-9", "another-password", "long-enough-pw", "another-long-pw"] {
            assert_eq!(check_new(ok, "someone", "誰か"), Ok(()), "{ok}");
        }
    }
}
