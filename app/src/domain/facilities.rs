//! Medical and care facilities of the directory on the public resource map (the first line
//! of work item 【ア】): what each offers, as the team confirmed it.

use super::meetings::parse_date;
use super::resources::check_coordinates;
use super::validate::{finish, optional_len, Problems};
use serde::{Deserialize, Serialize};

/// What a facility offers, as (code, label): the attributes residents and professionals ask for.
pub const ATTRIBUTES: &[(&str, &str)] = &[
    ("home_visits", "訪問診療"),
    ("house_calls", "往診"),
    ("end_of_life", "看取り対応"),
    ("home_pharmacy", "訪問薬剤管理"),
    ("round_the_clock", "24時間対応"),
    ("home_nursing", "訪問看護"),
    ("discharge_desk", "入退院支援窓口"),
];

pub fn attribute_label(code: &str) -> Option<&'static str> {
    ATTRIBUTES.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// Known codes in list order, without repeats.
pub fn attributes_in_order(codes: &[String]) -> Vec<&'static str> {
    ATTRIBUTES.iter().filter(|(c, _)| codes.iter().any(|x| x == c)).map(|(c, _)| *c).collect()
}

/// The publication form of one organisation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FacilityInput {
    pub attributes: Vec<String>,
    pub latitude: String,
    pub longitude: String,
    pub confirmed_on: String,
    /// A short public note (受付時間, 対応地域 …).
    pub note: String,
}

impl FacilityInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        if self.attributes.iter().any(|a| attribute_label(a).is_none()) {
            p.push(("attributes", "対応していることの選択が正しくありません。".into()));
        }
        check_coordinates(&mut p, &self.latitude, &self.longitude);
        if !self.confirmed_on.trim().is_empty() && parse_date(&self.confirmed_on).is_none() {
            p.push(("confirmed_on", "確認日は 2024-06-27 の形で入力してください。".into()));
        }
        optional_len(&mut p, "note", &self.note, "補足", 300);
        finish(p)
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        // A list travels as one comma-separated value (`components::form::list_value`).
        let mut out = vec![("attributes".to_string(), self.attributes.join(","))];
        for (k, v) in [("latitude", &self.latitude), ("longitude", &self.longitude), ("confirmed_on", &self.confirmed_on), ("note", &self.note)] {
            out.push((k.to_string(), v.clone()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_checked_field_by_field() {
        let ok = FacilityInput { attributes: vec!["home_visits".into(), "end_of_life".into()], latitude: "39.27".into(), longitude: "141.88".into(), confirmed_on: "2026-11-01".into(), note: String::new() };
        assert!(ok.check().is_ok());
        let bad = FacilityInput { attributes: vec!["teleport".into()], latitude: "39.27".into(), longitude: String::new(), confirmed_on: "昨日".into(), note: "x".repeat(301) };
        let fields: Vec<&str> = bad.check().unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["attributes", "longitude", "confirmed_on", "note"]);
        assert_eq!(attributes_in_order(&["end_of_life".into(), "home_visits".into(), "x".into(), "home_visits".into()]), ["home_visits", "end_of_life"]);
    }
}
