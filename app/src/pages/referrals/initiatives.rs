//! The card on a slip's page that adds it to initiatives (取組): the team's, for those who
//! read initiatives. The initiative's page lists the slip by number, date, pathway and
//! state, never the person.

use crate::api::referrals::{LinkReferralInitiative, SlipInitiatives};
use crate::components::form::{FormErrors, FormMessage, SelectField};
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "取組";
    pub const HINT: &str = "この連絡票を連携の取組に加えると、取組のページに番号・日付・経路・状況が表示されます（ご本人の情報は表示されません）。";
    pub const NONE: &str = "どの取組にも加えていません。";
    pub const INITIATIVE: &str = "加える取組";
    pub const CHOOSE: &str = "（取組を選ぶ）";
    pub const ADD: &str = "取組に加える";
    pub const REMOVE: &str = "外す";
}

#[component]
pub fn InitiativesCard(id: i32, initiatives: SlipInitiatives) -> impl IntoView {
    let action = ServerAction::<LinkReferralInitiative>::new();
    let errors = FormErrors::of(action);
    let options: Vec<(String, String)> = initiatives.choices.iter().map(|r| (r.id.to_string(), r.name.clone())).collect();
    let may_link = initiatives.may_link;
    view! {
        <section class="card no-print" id="initiatives" data-testid="slip-initiatives">
            <h2>{t::TITLE}</h2>
            <p class="hint">{t::HINT}</p>
            <FormMessage errors />
            {if initiatives.linked.is_empty() {
                view! { <p class="empty">{t::NONE}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {initiatives.linked.into_iter().map(|i| view! {
                            <li>
                                <a href=format!("/initiatives/{}", i.id)>{i.name.clone()}</a>
                                {may_link.then(|| view! {
                                    " "
                                    <ActionForm action attr:class="inline">
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="initiative" value=i.id />
                                        <input type="hidden" name="unlink" value="true" />
                                        <button type="submit" class="secondary small" aria-label=format!("「{}」から{}", i.name, t::REMOVE)>{t::REMOVE}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(may_link && !options.is_empty()).then(|| view! {
                <ActionForm action attr:class="stack">
                    <input type="hidden" name="id" value=id />
                    <SelectField label=t::INITIATIVE name="initiative" options required=true empty_label=t::CHOOSE errors />
                    <div class="actions"><button type="submit" data-testid="add-initiative">{t::ADD}</button></div>
                </ActionForm>
            })}
        </section>
    }
}
