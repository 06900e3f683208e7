//! The address look-up of the resource form: the geocoder's URL for an address, and the
//! first place in its answer (GSI's address search GeoJSON, or Nominatim's JSON).

use serde_json::Value;

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

/// The first place of an answer, if it names one with valid coordinates.
pub fn first_place(body: &str) -> Option<Found> {
    let first = serde_json::from_str::<Value>(body).ok()?.as_array()?.first()?.clone();
    let number = |v: &Value| v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()));
    let (lat, lon, label) = if let Some(coords) = first.pointer("/geometry/coordinates").and_then(Value::as_array) {
        // GeoJSON: [longitude, latitude].
        (number(coords.get(1)?)?, number(coords.first()?)?, first.pointer("/properties/title"))
    } else {
        (number(first.get("lat")?)?, number(first.get("lon")?)?, first.get("display_name"))
    };
    let valid = lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
    valid.then(|| Found { lat, lon, label: label.and_then(Value::as_str).unwrap_or_default().chars().take(200).collect() })
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
