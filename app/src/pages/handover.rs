//! `/handover?profession=3`: the handover pack (定期異動) of a profession, or of all of them —
//! printable on A4 (the confidential issue section only when the reader asks for it) and as
//! a workbook.

use crate::api::report::get_handover;
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use crate::components::print_choice::{ConfidentialPrintMark, PrintConfidentialChoice};
use crate::pages::report::sections_view;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "引き継ぎ資料";
    pub const LEAD: &str = "定期異動で着任した人が、職種ごとの連携をその日のうちに引き継げるように、主な人・一次連携の経過・未完了のフォローアップ・取組・今後の研修・未解決の課題をまとめます。";
    pub const PROFESSION: &str = "職種";
    pub const ALL: &str = "すべての職種";
    pub const SHOW: &str = "表示";
    pub const XLSX: &str = "Excelでダウンロード";
    pub use crate::components::words::PRINT;
    pub const MADE: &str = "作成日";
}

#[component]
pub fn HandoverPage() -> impl IntoView {
    let profession = use_query_map().with_untracked(|q| q.get("profession").and_then(|s| s.trim().parse::<i32>().ok()));
    view! {
        <PageTitle text=t::TITLE />
        {loaded(get_handover(profession), move |h| {
            let chosen = h.profession.as_ref().map(|p| p.id);
            let xlsx = match chosen {
                Some(id) => format!("/handover.xlsx?profession={id}"),
                None => "/handover.xlsx".to_string(),
            };
            let heading = match &h.profession {
                Some(p) => format!("{} {}", t::TITLE, p.name),
                None => format!("{}（{}）", t::TITLE, t::ALL),
            };
            view! {
                <div class="annual-report handover">
                    <ConfidentialPrintMark />
                    <div class="page-head">
                        <h1>{heading}</h1>
                        <div class="actions no-print">
                            <a class="button secondary" href=xlsx download>{t::XLSX}</a>
                            <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                            <PrintConfidentialChoice />
                        </div>
                    </div>
                    <p class="lead">{t::LEAD} " " <span class="print-only">{t::MADE} " " {h.made_on.clone()}</span></p>
                    <form method="get" action="/handover" class="filters card no-print">
                        <div class="field">
                            <label for="f-profession">{t::PROFESSION}</label>
                            <select id="f-profession" name="profession">
                                <option value="" selected=chosen.is_none()>{t::ALL}</option>
                                {h.professions.iter().map(|p| view! { <option value=p.id selected=chosen == Some(p.id)>{p.name.clone()}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="actions"><button type="submit">{t::SHOW}</button></div>
                    </form>
                    {sections_view(h.sections)}
                </div>
            }
            .into_any()
        })}
    }
}
