//! The section of an organisation's page that publishes it on the public medical and care
//! resource map (for those who decide publication).

use crate::api::resources::{FacilityPublication, SaveFacilityPublication, WithdrawFacilityPublication};
use crate::components::form::{list_value, CheckboxGroup, FormErrors, FormMessage, TextField};
use crate::domain::facilities::ATTRIBUTES;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "医療・介護資源マップへの掲載";
    pub const LEAD: &str = "公開ページの「医療・介護の資源」に、この機関の名称・種別・住所・電話・ウェブサイトと、下の内容を載せます。メールアドレス・備考・人は載りません。";
    pub const PUBLISHED: &str = "掲載中です。";
    pub const NOT_PUBLISHED: &str = "掲載していません。";
    pub const SEE_PUBLIC: &str = "公開ページで見る";
    pub const OFFERS: &str = "対応していること";
    pub const LATITUDE: &str = "緯度";
    pub const LONGITUDE: &str = "経度";
    pub const COORD_HINT: &str = "地図に表示する位置（例: 39.2758 / 141.8857）。空欄なら一覧だけに載ります。";
    pub const CONFIRMED_ON: &str = "確認日";
    pub const CONFIRMED_HINT: &str = "内容を機関に確かめた日";
    pub const NOTE: &str = "補足（公開）";
    pub const NOTE_HINT: &str = "受付時間・対応地域など（300文字まで）";
    pub const PUBLISH: &str = "掲載する";
    pub const SAVE: &str = "掲載内容を保存";
    pub const WITHDRAW: &str = "掲載をやめる";
    pub const WITHDRAW_CONFIRM: &str = "本当に掲載をやめる";
}

#[component]
pub fn FacilitySection(organisation: i32, publication: Option<FacilityPublication>) -> impl IntoView {
    let save = ServerAction::<SaveFacilityPublication>::new();
    let withdraw = ServerAction::<WithdrawFacilityPublication>::new();
    let errors = FormErrors::of(save);
    let published = publication.is_some();
    let base = publication.as_ref().map(|p| p.input.clone()).unwrap_or_default();
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    let options: Vec<(String, String)> = ATTRIBUTES.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect();
    view! {
        <section class="card" id="facility" data-testid="facility-publication">
            <h2>{t::TITLE}</h2>
            <p class="hint">{t::LEAD}</p>
            <p class=if published { "notice" } else { "muted" } data-testid="facility-state">
                {if published { t::PUBLISHED } else { t::NOT_PUBLISHED }}
                {published.then(|| view! { " " <a href="/public/resources/medical">{t::SEE_PUBLIC}</a> })}
            </p>
            <ActionForm action=save attr:class="stack">
                <FormMessage errors />
                <input type="hidden" name="organisation" value=organisation />
                {publication.as_ref().map(|p| view! { <input type="hidden" name="version" value=p.version /> })}
                <CheckboxGroup legend=t::OFFERS name="attributes" options selected=list_value(errors, "attributes", base.attributes.clone()) errors />
                <div class="row">
                    <TextField label=t::LATITUDE name="latitude" value=v("latitude", &base.latitude) hint=t::COORD_HINT errors />
                    <TextField label=t::LONGITUDE name="longitude" value=v("longitude", &base.longitude) errors />
                </div>
                <TextField label=t::CONFIRMED_ON name="confirmed_on" input_type="date" value=v("confirmed_on", &base.confirmed_on) hint=t::CONFIRMED_HINT errors />
                <TextField label=t::NOTE name="note" value=v("note", &base.note) hint=t::NOTE_HINT maxlength=300 errors />
                <button type="submit">{if published { t::SAVE } else { t::PUBLISH }}</button>
            </ActionForm>
            {published.then(|| view! {
                <details class="confirm">
                    <summary>{t::WITHDRAW}</summary>
                    <ActionForm action=withdraw attr:class="inline">
                        <input type="hidden" name="organisation" value=organisation />
                        <button type="submit" class="danger">{t::WITHDRAW_CONFIRM}</button>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}
