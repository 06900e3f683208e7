//! Checking input: every problem of a form at once, as (field, message), in the words the
//! form shows next to the field.

use super::text::char_len;

/// Problems found in an input: (field, message), all at once.
pub type Problems = Vec<(&'static str, String)>;

/// All the problems found, or none.
pub(crate) fn finish(p: Problems) -> Result<(), Problems> {
    if p.is_empty() {
        Ok(())
    } else {
        Err(p)
    }
}

pub(crate) fn required(p: &mut Problems, field: &'static str, value: &str, what: &str, max: usize) {
    if value.trim().is_empty() {
        p.push((field, format!("{what}を入力してください。")));
    } else if char_len(value.trim()) > max {
        p.push((field, format!("{what}は{max}文字以内にしてください。")));
    }
}

pub(crate) fn optional_len(p: &mut Problems, field: &'static str, value: &str, what: &str, max: usize) {
    if char_len(value.trim()) > max {
        p.push((field, format!("{what}は{max}文字以内にしてください。")));
    }
}
