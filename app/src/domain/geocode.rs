//! The address look-up of the resource form: the geocoder's URL for an address, and the
//! first place in its answer (GSI's address search GeoJSON, or Nominatim's JSON).

/// A place the geocoder found.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub lat: f64,
    pub lon: f64,
    /// The geocoder's name for it ("岩手県釜石市只越町三丁目").
    pub label: String,
}

/// The URL template with `{q}` replaced by the percent-encoded address.
pub fn lookup_url(template: &str, address: &str) -> String {
    let mut q = String::new();
    for b in address.trim().bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            q.push(b as char);
        } else {
            q.push_str(&format!("%{b:02X}"));
        }
    }
    template.replace("{q}", &q)
}

/// What the parser needs of a parsed JSON answer: the browser's own JSON in the island (so
/// the browser bundle carries no JSON library), serde_json's on the server and in tests.
pub trait JsonValue: Sized {
    /// The element at `index` of an array.
    fn at(&self, index: u32) -> Option<Self>;
    /// The member `key` of an object.
    fn field(&self, key: &str) -> Option<Self>;
    /// A number, or a string holding one (Nominatim sends "39.27").
    fn number(&self) -> Option<f64>;
    fn text(&self) -> Option<String>;
}

/// The first place of a parsed answer, if it names one with valid coordinates.
pub fn first_place_of<J: JsonValue>(root: &J) -> Option<Found> {
    let first = root.at(0)?;
    let (lat, lon, label) = match first.field("geometry").and_then(|g| g.field("coordinates")) {
        // GeoJSON: [longitude, latitude].
        Some(coords) => (coords.at(1)?.number()?, coords.at(0)?.number()?, first.field("properties").and_then(|p| p.field("title"))),
        None => (first.field("lat")?.number()?, first.field("lon")?.number()?, first.field("display_name")),
    };
    let valid = lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
    valid.then(|| Found { lat, lon, label: label.and_then(|l| l.text()).unwrap_or_default().chars().take(200).collect() })
}

#[cfg(feature = "ssr")]
impl JsonValue for serde_json::Value {
    fn at(&self, index: u32) -> Option<Self> {
        self.as_array()?.get(index as usize).cloned()
    }

    fn field(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64().or_else(|| self.as_str().and_then(|s| s.trim().parse().ok()))
    }

    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
}

/// The first place of an answer's text (see `first_place_of`).
#[cfg(feature = "ssr")]
pub fn first_place(body: &str) -> Option<Found> {
    first_place_of(&serde_json::from_str::<serde_json::Value>(body).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_encoded_into_the_template() {
        assert_eq!(lookup_url("https://g.example/s?q={q}", " 釜石市 只越町3-9 "), "https://g.example/s?q=%E9%87%9C%E7%9F%B3%E5%B8%82%20%E5%8F%AA%E8%B6%8A%E7%94%BA3-9");
        assert_eq!(lookup_url("https://g.example/s?q={q}&x=1", "a&b=c#d"), "https://g.example/s?q=a%26b%3Dc%23d&x=1");
    }

    #[test]
    fn the_first_place_of_either_answer_format() {
        let gsi = r#"[{"geometry":{"coordinates":[141.885,39.2758],"type":"Point"},"type":"Feature","properties":{"addressCode":"","title":"岩手県釜石市只越町三丁目"}},
                     {"geometry":{"coordinates":[1,2],"type":"Point"},"properties":{"title":"二番目"}}]"#;
        assert_eq!(first_place(gsi), Some(Found { lat: 39.2758, lon: 141.885, label: "岩手県釜石市只越町三丁目".into() }));
        let nominatim = r#"[{"lat":"39.27","lon":"141.88","display_name":"釜石市, 岩手県, 日本"}]"#;
        assert_eq!(first_place(nominatim), Some(Found { lat: 39.27, lon: 141.88, label: "釜石市, 岩手県, 日本".into() }));
        assert_eq!(first_place("[]"), None, "nothing found");
        assert_eq!(first_place("<html>error</html>"), None);
        assert_eq!(first_place(r#"[{"lat":"95","lon":"141"}]"#), None, "out of range");
        assert_eq!(first_place(r#"[{"geometry":{"coordinates":[141.88]}}]"#), None);
        assert_eq!(first_place(r#"{"lat":"39","lon":"141"}"#), None, "not a list");
    }
}
