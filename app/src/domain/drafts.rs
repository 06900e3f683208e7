//! Drafts of forms kept in the browser (the `FormDraft` island): which fields a draft keeps,
//! whether a draft left behind still says something the form does not, and how long it is
//! offered. A draft is the form's fields in page order, a name repeating for lists
//! (`professions`, `support[]`), as `(name, value)` pairs.

use serde::{Deserialize, Serialize};

/// How long a draft is offered: 30 days, in milliseconds. Older ones are removed unread.
pub const MAX_AGE_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// A form's draft as stored: its fields and when they were saved (milliseconds since 1970).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub saved_at: i64,
    pub fields: Vec<(String, String)>,
    /// The record's version the draft was typed over. A restored draft sends it back, so
    /// that a record changed meanwhile is refused as a conflict instead of overwritten.
    #[serde(default)]
    pub version: Option<String>,
}

/// Where a user's draft of a form is stored (`renkei.draft.3.meeting-12`). The user is part
/// of the key: on a shared computer one coordinator is never offered another's text.
pub fn storage_key(user: i32, key: &str) -> String {
    format!("renkei.draft.{user}.{key}")
}

/// Whether a field is kept in the draft: `kind` is an input's type, or `textarea`/`select`.
/// Hidden fields (the record's id and version, links) come from the page itself, passwords
/// and files are never stored, and buttons carry no input.
pub fn keeps(name: &str, kind: &str) -> bool {
    !name.is_empty()
        && !matches!(name, "id" | "version")
        && !matches!(kind, "hidden" | "password" | "file" | "submit" | "button" | "reset" | "image")
}

/// Whether a draft saved at `saved_at` is too old to offer at `now`.
pub fn is_expired(saved_at: i64, now: i64) -> bool {
    now.saturating_sub(saved_at) > MAX_AGE_MS
}

/// Whether the draft holds something the form does not show now (then it is offered). The
/// order of the fields does not count: the attendee picker moves groups of checkboxes
/// around after the page loads, so a draft saved then lists the same boxes in another order.
pub fn differs(draft: &[(String, String)], current: &[(String, String)]) -> bool {
    fn sorted(fields: &[(String, String)]) -> Vec<&(String, String)> {
        let mut list: Vec<&(String, String)> = fields.iter().collect();
        list.sort();
        list
    }
    sorted(draft) != sorted(current)
}

/// The `n`-th value (from 0) the draft holds for `name`: a text field, text area or single
/// select takes the value of its place among the fields of that name.
pub fn nth_value<'a>(draft: &'a [(String, String)], name: &str, n: usize) -> Option<&'a str> {
    draft.iter().filter(|(k, _)| k == name).nth(n).map(|(_, v)| v.as_str())
}

/// Whether the draft has the checkbox, radio button or option `value` of `name` chosen.
pub fn is_chosen(draft: &[(String, String)], name: &str, value: &str) -> bool {
    draft.iter().any(|(k, v)| k == name && v == value)
}

/// When a draft was saved, as shown in the notice ("2026/12/03（木） 10:15", the browser's
/// local time); `month` from 1.
pub fn saved_label(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    match chrono::NaiveDate::from_ymd_opt(year as i32, month, day) {
        Some(d) => format!("{} {hour:02}:{minute:02}", super::dates::day(d)),
        None => format!("{year}/{month:02}/{day:02} {hour:02}:{minute:02}"),
    }
}

/// A draft as stored (JSON).
#[cfg(any(feature = "ssr", feature = "hydrate"))]
pub fn encode(draft: &Draft) -> String {
    serde_json::to_string(draft).unwrap_or_default()
}

/// A stored draft, if it is one (anything else, e.g. from an older version, is not).
#[cfg(any(feature = "ssr", feature = "hydrate"))]
pub fn decode(text: &str) -> Option<Draft> {
    serde_json::from_str(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn typed_and_chosen_fields_are_kept_but_not_hidden_ones_passwords_files_or_the_record() {
        for kind in ["text", "date", "time", "number", "checkbox", "radio", "textarea", "select"] {
            assert!(keeps("title", kind), "{kind}");
        }
        for kind in ["hidden", "password", "file", "submit", "button", "reset", "image"] {
            assert!(!keeps("title", kind), "{kind}");
        }
        assert!(!keeps("id", "text"));
        assert!(!keeps("version", "text"));
        assert!(!keeps("", "text"));
        assert!(keeps("support[]", "select"));
    }

    #[test]
    fn a_draft_expires_after_thirty_days() {
        let day = 24 * 60 * 60 * 1000;
        let saved = 1_800_000_000_000;
        assert!(!is_expired(saved, saved));
        assert!(!is_expired(saved, saved + 30 * day));
        assert!(is_expired(saved, saved + 30 * day + 1));
        // A clock set back since: still offered.
        assert!(!is_expired(saved, saved - day));
        // A nonsense time in storage does not overflow.
        assert!(is_expired(i64::MIN, i64::MAX));
    }

    #[test]
    fn a_draft_differs_when_a_value_or_a_choice_does() {
        let form = pairs(&[("title", "打ち合わせ"), ("professions", "3"), ("minutes", "")]);
        assert!(!differs(&form, &form.clone()));
        assert!(differs(&pairs(&[("title", "打ち合わせ"), ("professions", "3"), ("minutes", "次回は9月")]), &form));
        assert!(differs(&pairs(&[("title", "打ち合わせ"), ("professions", "3"), ("professions", "4"), ("minutes", "")]), &form));
        assert!(differs(&pairs(&[("title", "打ち合わせ"), ("minutes", "")]), &form));
        // The same fields in another order: nothing to offer.
        assert!(!differs(&pairs(&[("minutes", ""), ("professions", "3"), ("title", "打ち合わせ")]), &form));
    }

    #[test]
    fn repeated_names_are_restored_in_order_and_choices_by_value() {
        let draft = pairs(&[("support[]", "team"), ("support_note[]", "会場"), ("support[]", "none"), ("professions", "3"), ("professions", "5")]);
        assert_eq!(nth_value(&draft, "support[]", 0), Some("team"));
        assert_eq!(nth_value(&draft, "support[]", 1), Some("none"));
        assert_eq!(nth_value(&draft, "support[]", 2), None);
        assert_eq!(nth_value(&draft, "title", 0), None);
        assert!(is_chosen(&draft, "professions", "5"));
        assert!(!is_chosen(&draft, "professions", "4"));
        assert!(!is_chosen(&draft, "organisations", "3"));
    }

    #[test]
    fn the_saved_time_reads_like_a_japanese_timestamp() {
        assert_eq!(saved_label(2026, 12, 3, 10, 15), "2026/12/03（木） 10:15");
        assert_eq!(saved_label(2027, 1, 9, 8, 5), "2027/01/09（土） 08:05");
    }

    #[test]
    fn each_user_and_form_has_its_own_key() {
        assert_eq!(storage_key(3, "meeting-12"), "renkei.draft.3.meeting-12");
        assert_ne!(storage_key(3, "meeting-new"), storage_key(4, "meeting-new"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_draft_survives_storage_and_other_text_is_no_draft() {
        let draft = Draft { saved_at: 1_800_000_000_000, fields: pairs(&[("title", "「会議」\n\"引用\""), ("professions", "3")]), version: Some("4".into()) };
        assert_eq!(decode(&encode(&draft)), Some(draft));
        // A draft stored before versions were kept is still one, without a version.
        assert_eq!(decode(r#"{"saved_at":1,"fields":[]}"#).map(|d| d.version), Some(None));
        assert_eq!(decode("not json"), None);
        assert_eq!(decode(r#"{"fields":[]}"#), None);
    }
}
