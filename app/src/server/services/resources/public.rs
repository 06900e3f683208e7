//! The published resource list: the one gate between the team's records and anyone without
//! a sign-in. Every public page and file (list, detail, booklet, CSV, JSON) reads through
//! `published`, which keeps only what `domain::resources::is_public` allows, and maps rows to
//! `PublicResource`, which has no staff-only field.

use super::record::{row_is_public, schedule_label, Context};
use crate::domain::resources::{search_text, Activity, Consent, Screening};
use crate::domain::text::search_term;
use crate::dto::directory::Ref;
use crate::dto::resources::{CategoryChoice, FacilityQuery, PublicFacility, PublicFacilityList, PublicList, PublicQuery, PublicResource};
use crate::error::AppError;
use crate::server::entities::{facility_publication, organisation, resource};
use crate::server::render::table::table_csv;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Every published resource, in booklet order: district, category, kana.
async fn published(db: &impl ConnectionTrait) -> Result<(Vec<PublicResource>, Context), AppError> {
    let rows = resource::Entity::find()
        .filter(resource::Column::Active.eq(true))
        .filter(resource::Column::Screening.eq(Screening::Approved.code()))
        .filter(resource::Column::Consent.eq(Consent::Public.code()))
        .filter(resource::Column::Activity.ne(Activity::Ended.code()))
        .all(db)
        .await?;
    let cx = Context::load(db).await?;
    // The query above and the domain rule must agree; the rule has the last word.
    let mut rows: Vec<&resource::Model> = rows.iter().filter(|m| row_is_public(m)).collect();
    rows.sort_by(|a, b| {
        (cx.districts.rank(a.district_id), cx.categories.rank(a.category_id), &a.kana, &a.name, a.id).cmp(&(
            cx.districts.rank(b.district_id),
            cx.categories.rank(b.category_id),
            &b.kana,
            &b.name,
            b.id,
        ))
    });
    let items = rows.into_iter().map(|m| public_view(m, &cx)).collect();
    Ok((items, cx))
}

fn public_view(m: &resource::Model, cx: &Context) -> PublicResource {
    PublicResource {
        id: m.id,
        name: m.name.clone(),
        kana: m.kana.clone(),
        category_id: m.category_id,
        category: cx.categories.name(m.category_id),
        top_category: cx.categories.top(m.category_id),
        district_id: m.district_id,
        district: cx.districts.name(m.district_id),
        organiser: cx.organiser(m),
        description: m.description.clone(),
        audience: m.audience.clone(),
        schedule: schedule_label(m),
        schedule_rule: m.schedule_rule.clone(),
        place: m.place.clone(),
        address: m.address.clone(),
        latitude: m.latitude,
        longitude: m.longitude,
        cost: m.cost.clone(),
        how_to_join: m.how_to_join.clone(),
        contact: m.public_contact.clone(),
        paused: if m.activity == Activity::Paused.code() { Activity::Paused.label().to_string() } else { String::new() },
        notice: m.notice.clone(),
        confirmed_on: m.confirmed_on.map(|d| d.to_string()).unwrap_or_default(),
    }
}

fn as_of(today: NaiveDate) -> String {
    today.format("%Y年%-m月%-d日現在").to_string()
}

/// The public list, searched by words (kanji or kana), district and category.
pub async fn list(db: &impl ConnectionTrait, q: &PublicQuery, today: NaiveDate) -> Result<PublicList, AppError> {
    let (all, cx) = published(db).await?;
    let categories: Vec<CategoryChoice> = cx.categories.choices().into_iter().filter(|c| all.iter().any(|r| cx.categories.with_subs(c.id).contains(&r.category_id))).collect();
    let districts: Vec<Ref> = cx.districts.choices();
    let term = q.q.as_deref().map(search_term).filter(|t| !t.is_empty());
    let wanted_categories = q.category.map(|c| cx.categories.with_subs(c));
    let items = all
        .into_iter()
        .filter(|r| q.district.is_none() || r.district_id == q.district)
        .filter(|r| wanted_categories.as_ref().is_none_or(|ids| ids.contains(&r.category_id)))
        .filter(|r| {
            term.as_ref().is_none_or(|t| search_text(&[&r.name, &r.kana, &r.organiser, &r.place, &r.address, &r.description, &r.category]).contains(t.as_str()))
        })
        .collect();
    Ok(PublicList { items, districts, categories, as_of: as_of(today) })
}

/// One published resource; anything else is "not found", whether it exists or not.
pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<PublicResource, AppError> {
    let (all, _) = published(db).await?;
    all.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound)
}

pub const CSV_HEADERS: [&str; 17] = [
    "ID", "名称", "ふりがな", "分類", "地区", "主催", "内容", "対象", "日時", "場所", "住所", "緯度", "経度", "費用", "参加方法", "問い合わせ先", "お知らせ",
];

/// The public list as CSV (UTF-8 with BOM, formulas neutralised).
pub async fn csv(db: &impl ConnectionTrait) -> Result<Vec<u8>, AppError> {
    let (all, _) = published(db).await?;
    let coord = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|r| {
            let notice = [r.paused.clone(), r.notice.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
            vec![
                r.id.to_string(),
                r.name.clone(),
                r.kana.clone(),
                r.category.clone(),
                r.district.clone(),
                r.organiser.clone(),
                r.description.clone(),
                r.audience.clone(),
                r.schedule.clone(),
                r.place.clone(),
                r.address.clone(),
                coord(r.latitude),
                coord(r.longitude),
                r.cost.clone(),
                r.how_to_join.clone(),
                r.contact.clone(),
                notice,
            ]
        })
        .collect();
    table_csv(&CSV_HEADERS, &rows)
}

/// The public list as Open Referral HSDS 3 JSON: one organization per organiser, a service
/// per resource with its location, schedule and contact. See README ("Open data").
pub async fn hsds(db: &impl ConnectionTrait, base_url: &str) -> Result<Vec<u8>, AppError> {
    let (all, _) = published(db).await?;
    serde_json::to_vec_pretty(&super::hsds::document(&all, base_url)).map_err(|e| AppError::Internal(e.to_string()))
}

/// The medical and care facilities marked for publication, of organisations still active,
/// by kana; searched by words and by what they offer. Public fields only.
pub async fn facilities(db: &impl ConnectionTrait, q: &FacilityQuery, today: NaiveDate) -> Result<PublicFacilityList, AppError> {
    use crate::domain::directory::organisation_kind_label;
    use crate::domain::facilities::attribute_label;
    let published: std::collections::HashMap<i32, facility_publication::Model> =
        facility_publication::Entity::find().all(db).await?.into_iter().map(|p| (p.organisation_id, p)).collect();
    let mut orgs = organisation::Entity::find()
        .filter(organisation::Column::Active.eq(true))
        .filter(organisation::Column::Id.is_in(published.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?;
    orgs.sort_by(|a, b| (&a.kana, &a.name, a.id).cmp(&(&b.kana, &b.name, b.id)));
    let term = q.q.as_deref().map(search_term).filter(|t| !t.is_empty());
    let items = orgs
        .into_iter()
        .filter_map(|o| {
            let p = published.get(&o.id)?;
            let codes: Vec<&str> = p.attributes.split(',').filter(|s| !s.is_empty()).collect();
            if q.offers.as_deref().is_some_and(|wanted| !codes.contains(&wanted)) {
                return None;
            }
            let attributes: Vec<String> = codes.iter().filter_map(|c| attribute_label(c)).map(str::to_string).collect();
            let kind = organisation_kind_label(&o.kind).unwrap_or_default().to_string();
            if term.as_ref().is_some_and(|t| !search_text(&[&o.name, &o.kana, &o.address, &kind, &attributes.join(" "), &p.note]).contains(t.as_str())) {
                return None;
            }
            Some(PublicFacility {
                id: o.id,
                name: o.name,
                kind,
                address: o.address,
                phone: o.phone,
                website: o.website,
                attributes,
                note: p.note.clone(),
                latitude: p.latitude,
                longitude: p.longitude,
                confirmed_on: p.confirmed_on.map(|d| d.to_string()).unwrap_or_default(),
            })
        })
        .collect();
    Ok(PublicFacilityList { items, as_of: as_of(today) })
}
