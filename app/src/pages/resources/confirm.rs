//! `/resources/confirm?district=3`: the yearly confirmation round of a district. Each
//! resource prints as one A4 sheet pre-filled with what is recorded, for its organiser to
//! correct by hand; on screen each sheet has the one-click "confirmed, unchanged".

use super::ResourceTabs;
use crate::api::resources::{get_confirm_round, ConfirmResource, ResourceView};
use crate::components::form::{FormErrors, FormMessage};
use crate::components::loaded::loaded;
use crate::components::nav::url_with;
use crate::components::page_title::PageTitle;
use crate::components::session::use_can;
use crate::domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "年次確認";
    pub const LEAD: &str = "地区ごとに、登録内容を1件1枚で印刷して主催者に送り、赤字で直してもらいます。変わりがなければ「変更なしで確認済み」を押すと確認日が今日になります。";
    pub const DISTRICT: &str = "地区";
    pub const NO_DISTRICT: &str = "（地区なし・市全域）";
    pub const SHOW: &str = "表示する";
    pub use crate::components::words::{COUNT, PRINT};
    pub const EMPTY: &str = "この地区に確認する資源はありません。";
    pub const SHEET_TITLE: &str = "地域の資源 登録内容の確認のお願い";
    pub const SHEET_LEAD: &str = "釜石市の「地域の資源」に次の内容で登録しています。変更がある箇所は右の欄にご記入ください。";
    pub const COL_ITEM: &str = "項目";
    pub const COL_NOW: &str = "登録内容";
    pub const COL_FIX: &str = "訂正";
    pub const PRINTED: &str = "作成日";
    pub const LAST_CONFIRMED: &str = "前回の確認";
    pub const NEVER: &str = "未確認";
    pub const STALE: &str = "要確認";
    pub const CONFIRM: &str = "変更なしで確認済み";
    pub const FIELDS: [&str; 11] = ["名称", "分類", "主催", "内容", "対象", "日時", "会場", "住所", "費用", "参加方法", "問い合わせ先（公開）"];
}

fn values(r: &ResourceView) -> [String; 11] {
    let i = &r.input;
    [
        i.name.clone(),
        r.category.clone(),
        r.organiser_label.clone(),
        i.description.clone(),
        i.audience.clone(),
        r.schedule_label.clone(),
        i.place.clone(),
        i.address.clone(),
        i.cost.clone(),
        i.how_to_join.clone(),
        i.public_contact.clone(),
    ]
}

#[component]
pub fn ConfirmRoundPage() -> impl IntoView {
    let district: Option<i32> = use_query_map().with_untracked(|q| q.get("district").and_then(|s| s.trim().parse().ok()));
    let confirm = ServerAction::<ConfirmResource>::new();
    let errors = FormErrors::of(confirm);
    let can_screen = use_can(Permission::ScreenResources).get_untracked();
    view! {
        <PageTitle text=t::TITLE />
        <div class="page-head no-print">
            <h1>{t::TITLE}</h1>
            <div class="actions"><crate::components::islands::PrintButton label=t::PRINT.to_string() /></div>
        </div>
        <ResourceTabs current="/resources/confirm" />
        <p class="lead no-print">{t::LEAD}</p>
        <FormMessage errors />
        {loaded(get_confirm_round(district), move |round| {
            let back = url_with("/resources/confirm", &[("district", district.map(|d| d.to_string()))]);
            view! {
                <form method="get" action="/resources/confirm" class="filters card no-print">
                    <div class="field">
                        <label for="f-district">{t::DISTRICT}</label>
                        <select id="f-district" name="district">
                            <option value="">{t::NO_DISTRICT}</option>
                            {round.districts.iter().map(|d| view! { <option value=d.id selected=district == Some(d.id)>{d.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="submit">{t::SHOW}</button>
                </form>
                <p class="muted no-print" data-testid="round-count">{round.items.len()} {t::COUNT}</p>
                {round.items.is_empty().then(|| view! { <p class="empty">{t::EMPTY}</p> })}
                {round.items.into_iter().map(|r| {
                    let rows = t::FIELDS.iter().zip(values(&r)).map(|(label, value)| view! {
                        <tr><th scope="row">{*label}</th><td class="pre-line">{value}</td><td class="fix"></td></tr>
                    }).collect_view();
                    let last = if r.confirmed_on.is_empty() { t::NEVER.to_string() } else { r.confirmed_on.clone() };
                    let back = back.clone();
                    view! {
                        <article class="sheet card" data-testid="confirm-sheet">
                            <h2>{t::SHEET_TITLE}</h2>
                            <p class="muted">{format!("{}: {}　{}: {}　{}: {}", t::DISTRICT, round.district.as_ref().map(|d| d.name.clone()).unwrap_or_else(|| t::NO_DISTRICT.to_string()), t::PRINTED, round.printed_on, t::LAST_CONFIRMED, last)}
                                {r.stale.then(|| view! { " " <span class="badge overdue no-print">{t::STALE}</span> })}
                            </p>
                            <p>{t::SHEET_LEAD}</p>
                            <table class="data-table sheet-table">
                                <thead><tr><th scope="col">{t::COL_ITEM}</th><th scope="col">{t::COL_NOW}</th><th scope="col">{t::COL_FIX}</th></tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            {can_screen.then(|| view! {
                                <ActionForm action=confirm attr:class="inline no-print">
                                    <input type="hidden" name="id" value=r.id />
                                    <input type="hidden" name="version" value=r.version />
                                    <input type="hidden" name="back" value=back />
                                    <button type="submit" class="secondary" aria-label=format!("{}: {}", r.input.name, t::CONFIRM)>{t::CONFIRM}</button>
                                </ActionForm>
                            })}
                        </article>
                    }
                }).collect_view()}
            }.into_any()
        })}
    }
}
