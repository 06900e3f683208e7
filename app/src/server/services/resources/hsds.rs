//! The published resources as an Open Referral HSDS 3.0 document: organizations (one per
//! organiser), each with its services (one per resource), a service's schedule, contact and
//! location. Ids are UUIDs derived from the resource's id, stable across downloads.

use crate::domain::resources::Rule;
use crate::dto::resources::PublicResource;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

pub const VERSION: &str = "3.0";
/// Named when a resource records no organiser.
const NO_ORGANISER: &str = "主催者の記載なし";

/// A stable UUID (version 5 layout) for `kind` and `key`.
pub fn uuid(kind: &str, key: &str) -> String {
    let digest = Sha256::digest(format!("renkei:{kind}:{key}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn schedule(r: &PublicResource, service_id: &str) -> Option<Value> {
    if r.schedule.is_empty() {
        return None;
    }
    let mut s = Map::new();
    s.insert("id".into(), json!(uuid("schedule", &r.id.to_string())));
    s.insert("service_id".into(), json!(service_id));
    s.insert("description".into(), json!(r.schedule));
    if let Some(rule) = Rule::parse(&r.schedule_rule) {
        match rule {
            Rule::Weekly(d) => {
                s.insert("freq".into(), json!("WEEKLY"));
                s.insert("byday".into(), json!(BYDAY[d as usize]));
            }
            Rule::Monthly(w, d) => {
                s.insert("freq".into(), json!("MONTHLY"));
                s.insert("byday".into(), json!(format!("{w}{}", BYDAY[d as usize])));
            }
        }
    }
    Some(Value::Object(s))
}

fn service(r: &PublicResource, organization_id: &str) -> Value {
    let id = uuid("service", &r.id.to_string());
    let mut s = Map::new();
    s.insert("id".into(), json!(id));
    s.insert("organization_id".into(), json!(organization_id));
    s.insert("name".into(), json!(r.name));
    s.insert("alternate_name".into(), json!(r.kana));
    s.insert("description".into(), json!(r.description));
    s.insert("status".into(), json!(if r.paused.is_empty() { "active" } else { "temporarily closed" }));
    s.insert("fees_description".into(), json!(r.cost));
    s.insert("application_process".into(), json!(r.how_to_join));
    s.insert("eligibility_description".into(), json!(r.audience));
    s.insert("alert".into(), json!(r.notice));
    if !r.confirmed_on.is_empty() {
        s.insert("last_modified".into(), json!(format!("{}T00:00:00+09:00", r.confirmed_on)));
    }
    s.insert("categories".into(), json!([{ "id": uuid("category", &r.category_id.to_string()), "term": r.category, "taxonomy": "renkei-resource-category" }]));
    s.insert("schedules".into(), Value::Array(schedule(r, &id).into_iter().collect()));
    let contacts: Vec<Value> =
        if r.contact.is_empty() { vec![] } else { vec![json!({ "id": uuid("contact", &r.id.to_string()), "service_id": id, "name": r.contact })] };
    s.insert("contacts".into(), Value::Array(contacts));
    let mut location = Map::new();
    location.insert("id".into(), json!(uuid("location", &r.id.to_string())));
    location.insert("location_type".into(), json!("physical"));
    location.insert("name".into(), json!(if r.place.is_empty() { r.name.clone() } else { r.place.clone() }));
    location.insert("description".into(), json!(r.address));
    if let (Some(lat), Some(lon)) = (r.latitude, r.longitude) {
        location.insert("latitude".into(), json!(lat));
        location.insert("longitude".into(), json!(lon));
    }
    s.insert(
        "service_at_locations".into(),
        json!([{ "id": uuid("service_at_location", &r.id.to_string()), "service_id": id, "location": Value::Object(location) }]),
    );
    Value::Object(s)
}

/// The document: `{"hsds_version", "organizations": [{…, "services": […]}]}`, organizations
/// in the order their first resource appears.
pub fn document(items: &[PublicResource], base_url: &str) -> Value {
    let mut order: Vec<String> = Vec::new();
    for r in items {
        let name = if r.organiser.is_empty() { NO_ORGANISER.to_string() } else { r.organiser.clone() };
        if !order.contains(&name) {
            order.push(name);
        }
    }
    let organizations: Vec<Value> = order
        .iter()
        .map(|name| {
            let id = uuid("organization", name);
            let services: Vec<Value> =
                items.iter().filter(|r| (if r.organiser.is_empty() { NO_ORGANISER } else { r.organiser.as_str() }) == name).map(|r| service(r, &id)).collect();
            json!({ "id": id, "name": name, "description": format!("{name}が主催する地域の資源"), "services": services })
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("hsds_version".into(), json!(VERSION));
    if !base_url.is_empty() {
        doc.insert("url".into(), json!(format!("{base_url}/public/resources")));
    }
    doc.insert("organizations".into(), Value::Array(organizations));
    Value::Object(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_and_well_formed() {
        let a = uuid("service", "1");
        assert_eq!(a, uuid("service", "1"));
        assert_ne!(a, uuid("service", "2"));
        assert_ne!(a, uuid("location", "1"));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![8, 4, 4, 4, 12]);
        assert!(parts[2].starts_with('5'));
        assert!(matches!(parts[3].chars().next(), Some('8' | '9' | 'a' | 'b')));
    }
}
