//! The audit trail, filtered by user, record type and date (a GET form: bookmarkable).

use crate::api::audit::{list_audit, AuditFilter};
use crate::domain::labels::{action_label, entity_type_label, field_label, ENTITY_TYPES};
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::tabs::AdminTabs;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "監査ログ";
    pub const LEAD: &str = "すべての記録の作成・更新・アーカイブを、誰がいつ行ったかを表示します。監査ログはアプリから変更・削除できません。";
    pub const USER: &str = "ユーザー";
    pub const TYPE: &str = "記録の種類";
    pub const FROM: &str = "開始日";
    pub const TO: &str = "終了日";
    pub use crate::components::words::ALL;
    pub use crate::components::words::FILTER;
    pub const COL_AT: &str = "日時";
    pub const COL_USER: &str = "ユーザー";
    pub const COL_ACTION: &str = "操作";
    pub const COL_RECORD: &str = "記録";
    pub const COL_CHANGES: &str = "変更内容";
    pub const EMPTY: &str = "条件に合う記録はありません。";
    pub const PREV: &str = "前へ";
    pub const NEXT: &str = "次へ";
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let f = use_query_map().with_untracked(|q| AuditFilter {
        user_id: q.get("user").and_then(|s| s.parse().ok()),
        entity_type: q.get("type").filter(|s| !s.is_empty()),
        from: q.get("from").filter(|s| !s.is_empty()),
        to: q.get("to").filter(|s| !s.is_empty()),
        page: q.get("page").and_then(|s| s.parse().ok()),
    });
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <AdminTabs current="/admin/audit" />
        <p class="lead">{t::LEAD}</p>
        {loaded(list_audit(f.clone()), move |page| {
            let link = {
                let f = f.clone();
                move |p: u64| {
                    let mut parts = vec![format!("page={p}")];
                    if let Some(u) = f.user_id { parts.push(format!("user={u}")); }
                    if let Some(t) = &f.entity_type { parts.push(format!("type={t}")); }
                    if let Some(d) = &f.from { parts.push(format!("from={d}")); }
                    if let Some(d) = &f.to { parts.push(format!("to={d}")); }
                    format!("/admin/audit?{}", parts.join("&"))
                }
            };
            view! {
                <form method="get" action="/admin/audit" class="filters card no-print">
                    <div class="field">
                        <label for="f-user">{t::USER}</label>
                        <select id="f-user" name="user">
                            <option value="">{t::ALL}</option>
                            {page.users.iter().map(|(id, name)| view! {
                                <option value=*id selected=f.user_id == Some(*id)>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-type">{t::TYPE}</label>
                        <select id="f-type" name="type">
                            <option value="">{t::ALL}</option>
                            {ENTITY_TYPES.iter().map(|(code, label)| view! {
                                <option value=*code selected=f.entity_type.as_deref() == Some(*code)>{*label}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-from">{t::FROM}</label>
                        <input id="f-from" type="date" name="from" value=f.from.clone().unwrap_or_default() />
                    </div>
                    <div class="field">
                        <label for="f-to">{t::TO}</label>
                        <input id="f-to" type="date" name="to" value=f.to.clone().unwrap_or_default() />
                    </div>
                    <button type="submit">{t::FILTER}</button>
                </form>
                <p class="muted">{format!("{}件", page.total)}</p>
                {if page.entries.is_empty() {
                    view! { <p class="empty">{t::EMPTY}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll">
                        <table class="data-table" data-testid="audit-table">
                            <thead><tr>
                                <th scope="col">{t::COL_AT}</th>
                                <th scope="col">{t::COL_USER}</th>
                                <th scope="col">{t::COL_ACTION}</th>
                                <th scope="col">{t::COL_RECORD}</th>
                                <th scope="col">{t::COL_CHANGES}</th>
                            </tr></thead>
                            <tbody>
                                {page.entries.into_iter().map(|e| {
                                    let kind = e.entity_type.clone();
                                    view! {
                                    <tr>
                                        <td class="nowrap">{e.at}</td>
                                        <td>{e.user_name}</td>
                                        <td>{action_label(&e.action).to_string()}</td>
                                        <td>{entity_type_label(&e.entity_type).to_string()} "：" {e.summary}</td>
                                        <td>
                                            <ul class="changes">
                                                {e.changes.into_iter().map(|c| view! {
                                                    <li>
                                                        <span class="field-name">{field_label(&kind, &c.field).to_string()}</span> "："
                                                        {c.old.map(|o| view! { <del>{o}</del> " → " })}
                                                        {c.new.map(|n| view! { <ins>{n}</ins> })}
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        </td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any()
                }}
                <nav class="pager" aria-label="ページ">
                    {(page.page > 1).then(|| view! { <a href=link(page.page - 1)>{t::PREV}</a> })}
                    <span>{format!("{} / {}", page.page, page.pages)}</span>
                    {(page.page < page.pages).then(|| view! { <a href=link(page.page + 1)>{t::NEXT}</a> })}
                </nav>
            }.into_any()
        })}
    }
}
