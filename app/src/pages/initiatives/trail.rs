//! `/initiatives/:id/trail`: the trail (軌跡) on A4, as the team shows it at a 事業報告会 or a
//! visit.

use super::detail::TrailTable;
use crate::api::initiatives::get_initiative;
use crate::components::loaded::loaded;
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "取組の軌跡";
    pub const BACK: &str = "取組に戻る";
    pub const PRINT: &str = "印刷する";
    pub const PARTNERS: &str = "連携先";
    pub const SCENES: &str = "4つの場面";
}

#[component]
pub fn InitiativeTrailPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    view! {
        <PageTitle text=t::TITLE />
        {loaded(get_initiative(id), move |i| view! {
            <div class="actions no-print">
                <a href=format!("/initiatives/{}", i.id)>{t::BACK}</a>
                <crate::components::islands::PrintButton label=t::PRINT.to_string() />
            </div>
            <h1>{format!("{}の{}", i.input.title, t::TITLE)}</h1>
            <dl class="facts">
                <dt>{t::PARTNERS}</dt><dd class="pre">{i.input.partners.clone()}</dd>
                <dt>{t::SCENES}</dt><dd>{i.scenes.join("、")}</dd>
            </dl>
            <TrailTable rows=i.trail.clone() remove=None />
        }.into_any())}
    }
}
