//! Wire types of the social resource list: the team's views, and the public ones. Public
//! types carry public fields only, so nothing staff-only can reach a public page by mistake.

use crate::domain::resources::{Activity, Consent, ResourceInput, Screening};
use crate::dto::directory::Ref;
use serde::{Deserialize, Serialize};

/// Filters of the team's list (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceQuery {
    pub q: Option<String>,
    pub district: Option<i32>,
    pub category: Option<i32>,
    /// A screening code, or "waiting" (収集 and 精査中: the screening queue).
    pub screening: Option<String>,
    pub consent: Option<String>,
    pub activity: Option<String>,
    /// Only those not confirmed in the last 12 months.
    pub stale: Option<bool>,
    /// Archived entries instead of current ones.
    pub archived: Option<bool>,
    pub page: Option<u64>,
}

/// A category as offered in forms and filters: "相談窓口 › 高齢者" for a sub-category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryChoice {
    pub id: i32,
    pub name: String,
    pub parent_id: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceChoices {
    pub categories: Vec<CategoryChoice>,
    pub districts: Vec<Ref>,
    pub organisations: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceSummary {
    pub id: i32,
    pub name: String,
    pub category: String,
    pub district: String,
    pub organiser: String,
    pub screening: Screening,
    pub consent: Consent,
    pub activity: Activity,
    /// "2025/06/01（日）", or empty if never confirmed.
    pub confirmed_on: String,
    pub stale: bool,
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceList {
    pub items: Vec<ResourceSummary>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Entries waiting for screening (収集 and 精査中), for the queue's tab.
    pub waiting: u64,
    pub choices: ResourceChoices,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceView {
    pub id: i32,
    pub input: ResourceInput,
    pub category: String,
    pub district: String,
    pub organiser: Option<Ref>,
    /// The organiser as shown: the directory's name or the typed text.
    pub organiser_label: String,
    /// "毎週火曜日 10:00〜12:00" (the rule, then the free text).
    pub schedule_label: String,
    pub screening: Screening,
    pub screening_reason: String,
    pub consent: Consent,
    pub consent_on: String,
    pub consent_by: String,
    pub confirmed_on: String,
    pub confirmed_by: String,
    pub stale: bool,
    pub activity: Activity,
    pub public: bool,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
}

/// The yearly confirmation round of one district: a sheet per resource.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmRound {
    pub district: Option<Ref>,
    pub districts: Vec<Ref>,
    /// "2026年12月2日".
    pub printed_on: String,
    pub items: Vec<ResourceView>,
}

/// A published resource: public fields only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicResource {
    pub id: i32,
    pub name: String,
    pub kana: String,
    pub category_id: i32,
    /// "地域の参加資源 › つながるカフェ".
    pub category: String,
    /// The top-level category (for the booklet's sections and the map's markers).
    pub top_category: String,
    pub district_id: Option<i32>,
    pub district: String,
    pub organiser: String,
    pub description: String,
    pub audience: String,
    pub schedule: String,
    /// The regular schedule's code ("weekly:1"), or empty.
    pub schedule_rule: String,
    pub place: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub cost: String,
    pub how_to_join: String,
    pub contact: String,
    /// "休止中" or empty.
    pub paused: String,
    pub notice: String,
    /// ISO date of the last confirmation, or empty.
    pub confirmed_on: String,
}

/// Filters of the public list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicQuery {
    pub q: Option<String>,
    pub district: Option<i32>,
    pub category: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicList {
    pub items: Vec<PublicResource>,
    pub districts: Vec<Ref>,
    /// Categories that have published resources.
    pub categories: Vec<CategoryChoice>,
    /// "2026年12月2日現在".
    pub as_of: String,
}

/// A row of an import that will create a resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    pub line: u64,
    pub name: String,
    pub category: String,
    pub district: String,
}

/// A row whose name is already in the list for its district: merged into it, registered
/// anew or left out, as the person confirming chooses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportDuplicate {
    pub line: u64,
    pub name: String,
    pub district: String,
    pub existing_id: i32,
    pub existing_name: String,
    /// The fields the row would change, by their headers (「内容」「日時」…).
    pub changes: Vec<String>,
}

/// What an uploaded spreadsheet of resources would do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceImportPreview {
    pub id: i32,
    pub file_name: String,
    /// "Excel (XLSX)", "UTF-8" or "Shift_JIS".
    pub format: String,
    pub rows: u64,
    pub new_rows: Vec<ImportRow>,
    pub duplicates: Vec<ImportDuplicate>,
    pub problems: Vec<crate::dto::consultations::ImportProblem>,
    pub more_problems: u64,
    /// (created, merged) once confirmed.
    pub committed: Option<(i32, i32)>,
}

/// An organisation's publication on the medical and care map, as the team edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilityPublication {
    pub input: crate::domain::facilities::FacilityInput,
    pub version: i32,
    pub updated_at: String,
}

/// A published medical or care facility: public fields only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicFacility {
    pub id: i32,
    pub name: String,
    /// The organisation's kind (診療所, 薬局 …).
    pub kind: String,
    pub address: String,
    pub phone: String,
    pub website: String,
    /// Labels in list order (訪問診療, 往診 …).
    pub attributes: Vec<String>,
    pub note: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub confirmed_on: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FacilityQuery {
    pub q: Option<String>,
    /// An attribute code.
    pub offers: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicFacilityList {
    pub items: Vec<PublicFacility>,
    pub as_of: String,
}

/// Where the maps' background tiles come from, and the address look-up of the resource
/// form (server configuration).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapSettings {
    /// A Leaflet URL template such as `https://…/{z}/{x}/{y}.png`; empty: no tiles.
    pub tiles: String,
    /// The tile provider's credit, shown on the map.
    pub attribution: String,
    /// A geocoder's URL with `{q}` for the address, answering with GSI's address-search
    /// GeoJSON or Nominatim's JSON; empty: no look-up.
    pub geocoder: String,
}

impl Default for MapSettings {
    /// 地理院タイル (the Geospatial Information Authority of Japan's standard map) and its
    /// address search.
    fn default() -> Self {
        MapSettings {
            tiles: "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png".into(),
            attribution: "<a href=\"https://maps.gsi.go.jp/development/ichiran.html\">地理院タイル</a>".into(),
            geocoder: "https://msearch.gsi.go.jp/address-search/AddressSearch?q={q}".into(),
        }
    }
}

impl MapSettings {
    /// `https://cyberjapandata.gsi.go.jp` of the template, for the pages' image policy.
    pub fn tile_origin(&self) -> Option<String> {
        origin_of(&self.tiles, true)
    }

    /// The geocoder's origin, for the pages' connection policy.
    pub fn geocoder_origin(&self) -> Option<String> {
        origin_of(&self.geocoder, false)
    }
}

/// The scheme and host of a URL template, as a content-security-policy source; None for
/// anything that is not a plain http(s) host, so configuration cannot widen the policy.
/// `subdomains`: Leaflet's `{s}.` stands for any subdomain (tiles only; a geocoder URL is
/// used as written).
fn origin_of(template: &str, subdomains: bool) -> Option<String> {
    let (scheme, rest) = template.trim().split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    // Leaflet's subdomains ({s}.tile.example.org) are any subdomain to the policy.
    let host = match host.strip_prefix("{s}.").filter(|_| subdomains) {
        Some(rest) => format!("*.{rest}"),
        None => host.to_string(),
    };
    let clean = !host.is_empty() && !host.contains(['{', '}', ' ', ';', '\'', '"', ',']) && !host.chars().skip(1).any(|c| c == '*');
    (clean && matches!(scheme, "http" | "https")).then(|| format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::MapSettings;

    #[test]
    fn the_tile_origin_is_the_scheme_and_host_of_the_template() {
        assert_eq!(MapSettings::default().tile_origin().as_deref(), Some("https://cyberjapandata.gsi.go.jp"));
        assert_eq!(MapSettings::default().geocoder_origin().as_deref(), Some("https://msearch.gsi.go.jp"));
        assert_eq!(MapSettings { geocoder: "https://{s}.example/?q={q}".into(), ..Default::default() }.geocoder_origin(), None, "no wildcard for a geocoder");
        let of = |t: &str| MapSettings { tiles: t.into(), ..Default::default() }.tile_origin();
        assert_eq!(of("http://127.0.0.1:9/{z}/{x}/{y}.png").as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(of(""), None);
        assert_eq!(of("javascript://x/{z}"), None);
        assert_eq!(of("https://a.example; script-src *"), None, "nothing that could extend the policy");
        assert_eq!(of("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(), Some("https://*.tile.openstreetmap.org"));
        assert_eq!(of("https://a.{s}.example/{z}").as_deref(), None);
    }
}

/// One entry of the resource list's categories or districts, as administrators keep them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntryView {
    pub id: i32,
    pub name: String,
    /// The top-level category of a sub-category.
    pub parent_id: Option<i32>,
    pub active: bool,
    /// Offered in forms and filters: in use, and so is its top-level category.
    pub offered: bool,
    pub version: i32,
    /// Current (not archived) resources filed under it (a top-level category counts its
    /// sub-categories' too).
    pub count: u64,
    /// Whether it can move up / down among its siblings.
    pub can_up: bool,
    pub can_down: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceListsView {
    /// Each top-level category followed by its sub-categories.
    pub categories: Vec<ListEntryView>,
    pub districts: Vec<ListEntryView>,
}
