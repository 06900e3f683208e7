//! `/referrals/pathways`: administrators add, rename, retire, restore and reorder the
//! referral pathways (経路) that slip 1 offers.

use super::ReferralTabs;
use crate::api::resource_lists::{get_referral_pathways, AddReferralPathway};
use crate::components::form::{FormErrors, FormMessage, TextField};
use crate::components::loaded::loaded;
use crate::components::nav::{use_notice, Notice};
use crate::components::page_title::PageTitle;
use crate::pages::resources::lists::{EntryTable, RowActions};
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "つながるパスの経路";
    pub const INTRO: &str = "連絡票1で選ぶ経路（健診起点・受診起点・薬局起点など）です。名前を変えると、これまでの連絡票と評価の表示も変わります。使わなくなった経路は「廃止」にすると新しい連絡票では選べなくなりますが、これまでの連絡票と集計には残ります。";
    pub const COL_COUNT: &str = "連絡票数";
    pub const ADD: &str = "経路を追加";
    pub const NAME: &str = "経路名";
    pub use crate::components::words::ADD as SUBMIT;
    pub const NOTICES: &[(&str, &str)] = &[("saved", "保存しました。"), ("retired", "廃止しました。"), ("restored", "使用に戻しました。")];
}

#[component]
pub fn ReferralPathwaysPage() -> impl IntoView {
    let actions = RowActions::new();
    let add = ServerAction::<AddReferralPathway>::new();
    let errors = FormErrors::of(add);
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <ReferralTabs current="/referrals/pathways" />
        <Notice notice />
        <p>{t::INTRO}</p>
        {actions.messages()}
        {loaded(get_referral_pathways(), move |entries| view! {
            <section id="pathways">
                <EntryTable kind="pathway" entries actions count_label=t::COL_COUNT />
                <div class="card no-print">
                    <h2>{t::ADD}</h2>
                    <ActionForm action=add attr:class="stack">
                        <FormMessage errors />
                        <TextField label=t::NAME name="pathway_name" value=errors.value_or("pathway_name", "") required=true maxlength=100 errors />
                        <div class="actions"><button type="submit">{t::SUBMIT}</button></div>
                    </ActionForm>
                </div>
            </section>
        }.into_any())}
    }
}
