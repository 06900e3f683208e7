//! `/issues/register/:id`: one profession's issues, filterable by layer, status and words.

use super::{layer_options, status_options, ConfidentialNote, LayerBadge, StatusBadge};
use crate::api::issues::{get_register, IssueFilter};
use crate::components::nav::use_id_param;
use crate::components::session::use_can;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE_SUFFIX: &str = "の課題";
    pub const BACK: &str = "連携の課題へ戻る";
    pub const NEW: &str = "課題を追加";
    pub const MATRIX: &str = "年度別の取組（マトリクス）";
    pub const LAYER: &str = "層";
    pub const STATUS: &str = "状況";
    pub const SEARCH: &str = "キーワード";
    pub use crate::components::words::ALL;
    pub use crate::components::words::FILTER;
    pub use crate::components::words::CLEAR;
    pub const COL_CODE: &str = "記号";
    pub const COL_TITLE: &str = "課題";
    pub const COL_LAYER: &str = "層 → つなぐ先";
    pub const COL_STATUS: &str = "状況";
    pub const COL_FIRST: &str = "抽出年度";
    pub const COL_LAST: &str = "最新の取組";
    pub const EMPTY: &str = "条件に合う課題はありません。";
    pub const EMPTY_ALL: &str = "この職種の課題はまだありません。";
    pub use crate::components::words::COUNT;
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let f = use_query_map().with_untracked(|q| {
        let text = |k: &str| q.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        IssueFilter { layer: text("layer"), status: text("status"), q: text("q") }
    });
    let can_write = use_can(Permission::WriteIssues).get_untracked();
    view! {
        <p class="no-print"><a href="/issues">{t::BACK}</a></p>
        {loaded(get_register(id, f.clone()), move |r| {
            let pid = r.profession.id;
            let title = format!("{}{}", r.profession.name, t::TITLE_SUFFIX);
            let opt = |v: String, l: String, sel: bool| view! { <option value=v selected=sel>{l}</option> };
            view! {
                <PageTitle text=title.clone() />
                <div class="page-head">
                    <h1>{title}</h1>
                    <div class="actions no-print">
                        <a class="button secondary" href=format!("/issues/register/{pid}/matrix")>{t::MATRIX}</a>
                        {can_write.then(|| view! { <a class="button" href=format!("/issues/new?profession={pid}")>{t::NEW}</a> })}
                    </div>
                </div>
                <ConfidentialNote />
                <form method="get" action=format!("/issues/register/{pid}") class="filters card no-print" role="search">
                    <div class="field">
                        <label for="f-layer">{t::LAYER}</label>
                        <select id="f-layer" name="layer">
                            <option value="">{t::ALL}</option>
                            {layer_options().into_iter().map(|(c, l)| { let sel = f.layer.as_deref() == Some(c.as_str()); opt(c, l, sel) }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-status">{t::STATUS}</label>
                        <select id="f-status" name="status">
                            <option value="">{t::ALL}</option>
                            {status_options().into_iter().map(|(c, l)| { let sel = f.status.as_deref() == Some(c.as_str()); opt(c, l, sel) }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-q">{t::SEARCH}</label>
                        <input id="f-q" type="search" name="q" value=f.q.clone().unwrap_or_default() />
                    </div>
                    <div class="actions">
                        <button type="submit">{t::FILTER}</button>
                        <a href=format!("/issues/register/{pid}")>{t::CLEAR}</a>
                    </div>
                </form>
                <p class="muted">{r.items.len()} " / " {r.total} {t::COUNT}</p>
                {if r.items.is_empty() {
                    view! { <p class="empty">{if r.total == 0 { t::EMPTY_ALL } else { t::EMPTY }}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll">
                            <table class="data-table" data-testid="register">
                                <thead><tr>
                                    <th scope="col">{t::COL_CODE}</th>
                                    <th scope="col">{t::COL_TITLE}</th>
                                    <th scope="col">{t::COL_LAYER}</th>
                                    <th scope="col">{t::COL_STATUS}</th>
                                    <th scope="col">{t::COL_FIRST}</th>
                                    <th scope="col">{t::COL_LAST}</th>
                                </tr></thead>
                                <tbody>
                                    {r.items.into_iter().map(|i| view! {
                                        <tr>
                                            <td class="code">{i.code.clone()}</td>
                                            <td><a href=format!("/issues/{}", i.id)>{i.title.clone()}</a></td>
                                            <td><LayerBadge layer=i.layer /></td>
                                            <td><StatusBadge status=i.status /></td>
                                            <td>{i.first_year.clone()}</td>
                                            <td class="nowrap">{i.last_action.clone().unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            }.into_any()
        })}
    }
}
