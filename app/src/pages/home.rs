use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::FiscalYear;

mod t {
    pub const HEADING: &str = "ホーム";
    pub const LEAD: &str = "Renkei は、在宅医療・介護連携推進事業のコーディネーターが、職種との打ち合わせ会、連携の課題、相談、研修支援を記録し、異動の後にも引き継ぐための道具です。";
    pub const CURRENT_FY: &str = "今年度";
    pub const TOOLS: &str = "使える機能";
    pub const FY_TOOL: &str = "年度・和暦の早見表と変換";
    pub const ABOUT: &str = "システム情報（バージョン・データベース）";
}

#[component]
pub fn HomePage() -> impl IntoView {
    let fy = FiscalYear::of(crate::clock::today());
    view! {
        <Title text=t::HEADING />
        <h1>{t::HEADING}</h1>
        <p class="lead">{t::LEAD}</p>
        <section class="card">
            <h2>{t::CURRENT_FY}</h2>
            <p class="big-label">{fy.long_label()} <span class="muted">"（" {fy.short_label()} "・" {fy.western_label()} "）"</span></p>
        </section>
        <section class="card">
            <h2>{t::TOOLS}</h2>
            <ul>
                <li><a href="/tools/fiscal-year">{t::FY_TOOL}</a></li>
                <li><a href="/about">{t::ABOUT}</a></li>
            </ul>
        </section>
    }
}
