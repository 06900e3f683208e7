//! The tags a record's own form offers: the four scenes it serves and the initiatives (取組)
//! it belongs to. Plain checkboxes, so they work without JavaScript.

use crate::components::form::{list_value, CheckboxGroup, FormErrors};
use crate::domain::scenes::Scene;
use crate::dto::directory::Ref;
use leptos::prelude::*;

mod t {
    pub const SCENES: &str = "4つの場面（該当するものをすべて選択）";
    pub const INITIATIVES: &str = "取組（連携の取組の軌跡に加わります）";
    pub const LINKED: &str = "取組";
}

#[component]
pub fn SceneChoice(selected: Vec<String>, errors: FormErrors) -> impl IntoView {
    let options: Vec<(String, String)> = Scene::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect();
    view! { <CheckboxGroup legend=t::SCENES name="scenes" options=options selected=list_value(errors, "scenes", selected) errors /> }
}

/// The initiatives a record belongs to, as a row of its description list; nothing when none.
#[component]
pub fn InitiativeLinks(items: Vec<Ref>, testid: &'static str) -> impl IntoView {
    (!items.is_empty()).then(|| view! {
        <dt>{t::LINKED}</dt>
        <dd>
            <ul class="inline-list" data-testid=testid>
                {items.into_iter().map(|r| view! { <li><a href=format!("/initiatives/{}", r.id)>{r.name}</a></li> }).collect_view()}
            </ul>
        </dd>
    })
}

/// Nothing when there is no initiative; else the choice and the ids ticked when the form was
/// drawn, so the server changes only what this form changed (links made meanwhile elsewhere
/// stay).
#[component]
pub fn InitiativeChoice(options: Vec<Ref>, selected: Vec<i32>, errors: FormErrors) -> impl IntoView {
    (!options.is_empty()).then(|| {
        // Only what this form shows ticked: a link to an initiative it does not offer (an
        // archived one) is never undone by it, even if the initiative is restored meanwhile.
        // Never empty: an empty field would read as no marker at all.
        let initial = format!("shown:{}", selected.iter().filter(|s| options.iter().any(|o| o.id == **s)).map(i32::to_string).collect::<Vec<_>>().join(","));
        let options: Vec<(String, String)> = options.into_iter().map(|r| (r.id.to_string(), r.name)).collect();
        let selected = list_value(errors, "initiatives", selected.iter().map(i32::to_string).collect());
        view! {
            <input type="hidden" name="initiatives_offered" value=initial />
            <CheckboxGroup legend=t::INITIATIVES name="initiatives" options=options selected errors />
        }
    })
}
