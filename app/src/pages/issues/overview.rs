//! `/issues`: the registers the user may read, one line per profession.

use super::ConfidentialNote;
use crate::api::issues::get_issue_overview;
use crate::components::session::IfCan;
use crate::domain::issues::Layer;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "連携の課題";
    pub const NEW: &str = "課題を追加";
    pub const ROUTING: &str = "つなぎ先の検討（ルーティング）";
    pub const COL_PROFESSION: &str = "職種";
    pub const COL_TOTAL: &str = "課題";
    pub const COL_OPEN: &str = "未解決（層別）";
    pub const COL_RESOLVED: &str = "解決";
    pub const REGISTER: &str = "課題一覧";
    pub const MATRIX: &str = "年度別の取組";
    pub const EMPTY: &str = "表示できる職種がありません。";
    pub use crate::components::words::COUNT;
}

#[component]
pub fn IssuesOverviewPage() -> impl IntoView {
    view! {
        <PageTitle text=t::TITLE />
        <div class="page-head">
            <h1>{t::TITLE}</h1>
            <div class="actions no-print">
                <a class="button secondary" href="/issues/routing">{t::ROUTING}</a>
                <IfCan permission=Permission::WriteIssues>
                    <a class="button" href="/issues/new">{t::NEW}</a>
                </IfCan>
            </div>
        </div>
        <ConfidentialNote />
        {loaded(get_issue_overview(), move |list| if list.is_empty() { view! { <p class="empty">{t::EMPTY}</p> }.into_any() } else { view! {
            <div class="table-scroll">
                <table class="data-table" data-testid="registers">
                    <thead><tr>
                        <th scope="col">{t::COL_PROFESSION}</th>
                        <th scope="col" class="num">{t::COL_TOTAL}</th>
                        <th scope="col">{t::COL_OPEN}</th>
                        <th scope="col" class="num">{t::COL_RESOLVED}</th>
                        <th scope="col"><span class="visually-hidden">{t::MATRIX}</span></th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|r| {
                            let id = r.profession.id;
                            let open: Vec<String> = Layer::ALL.iter().zip(r.open_by_layer).filter(|(_, n)| *n > 0).map(|(l, n)| format!("{} {n}", l.label())).collect();
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("/issues/register/{id}")>{r.profession.name.clone()}</a></th>
                                    <td class="num">{r.total} {t::COUNT}</td>
                                    <td>{open.join("、")}</td>
                                    <td class="num">{r.resolved}</td>
                                    <td class="nowrap">
                                        <a href=format!("/issues/register/{id}")>{t::REGISTER}</a>
                                        " ・ "
                                        <a href=format!("/issues/register/{id}/matrix")>{t::MATRIX}</a>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any() })}
    }
}
