//! `/newsletters`: the issues of 地域連携だより, newest first, and the button that drafts the
//! next one from what was logged since the last.

use crate::api::newsletters::{list_newsletters, DraftNewsletter};
use crate::components::form::{FormErrors, FormMessage};
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use crate::components::session::use_can;
use crate::domain::Permission;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "地域連携だより";
    pub const LEAD: &str = "前号から後に記録した研修・新しい機関・取材・関係団体の催しから、次の号の下書きを作ります。記事はすべて書き直せます。";
    pub const DRAFT: &str = "次の号の下書きを作る";
    pub const COL_NUMBER: &str = "号";
    pub const COL_DATE: &str = "発行日";
    pub const COL_FY: &str = "年度";
    pub const COL_TITLE: &str = "表題";
    pub const COL_ARTICLES: &str = "記事";
    pub const NOTICES: &[(&str, &str)] = &[("deleted", "削除しました。")];
    pub const EMPTY: &str = "まだ発行していません。「次の号の下書きを作る」から始めてください。";
}

#[component]
pub fn NewslettersPage() -> impl IntoView {
    let draft = ServerAction::<DraftNewsletter>::new();
    let can_write = use_can(Permission::WriteMeetings).get_untracked();
    let errors = FormErrors::of(draft);
    let notice = crate::components::nav::use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <crate::components::nav::Notice notice />
        <crate::pages::initiatives::InitiativeTabs current="/newsletters" />
        <h1>{t::TITLE}</h1>
        <p class="lead">{t::LEAD}</p>
        {can_write.then(|| view! {
            <FormMessage errors />
            <ActionForm action=draft attr:class="actions no-print" attr:data-testid="draft-newsletter">
                <button type="submit">{t::DRAFT}</button>
            </ActionForm>
        })}
        {loaded(list_newsletters(), |items| {
            if items.is_empty() {
                return view! { <p class="empty">{t::EMPTY}</p> }.into_any();
            }
            view! {
                <div class="table-scroll">
                    <table class="data-table" data-testid="newsletters">
                        <thead><tr>
                            <th scope="col" class="num">{t::COL_NUMBER}</th><th scope="col">{t::COL_DATE}</th><th scope="col">{t::COL_FY}</th>
                            <th scope="col">{t::COL_TITLE}</th><th scope="col" class="num">{t::COL_ARTICLES}</th>
                        </tr></thead>
                        <tbody>
                            {items.into_iter().map(|n| view! {
                                <tr>
                                    <td class="num">{n.number}</td>
                                    <td class="nowrap">{n.issued_on.clone()}</td>
                                    <td class="nowrap">{n.fiscal_year.clone()}</td>
                                    <td><a href=format!("/newsletters/{}", n.id)>{n.title.clone()}</a></td>
                                    <td class="num">{n.articles}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        })}
    }
}
