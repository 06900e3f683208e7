//! A person's earlier posts (所属・役職の履歴) on their page: the list, the form for a post
//! before the directory, and removal after a confirmation (`?remove_post=ID`).

use crate::api::directory::{AddPersonPost, PostView, RemovePersonPost};
use crate::components::form::{FormErrors, FormMessage, TextField};
use crate::components::record_actions::DeleteConfirm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "所属・役職の履歴";
    pub const HINT: &str = "所属や役職を変えると、前の所属がここに残ります。名簿を使い始める前の所属も加えられます。";
    pub const EMPTY: &str = "履歴はまだありません。";
    pub const COL_PERIOD: &str = "期間";
    pub const COL_ORG: &str = "所属";
    pub const COL_TITLE: &str = "役職・役割";
    pub const REMOVE: &str = "削除";
    pub const REMOVE_TEXT: &str = "この履歴を削除します。削除は元に戻せません。";
    pub const ADD: &str = "履歴を加える";
    pub const ORGANISATION: &str = "所属";
    pub const TITLE_FIELD: &str = "役職・役割";
    pub const FROM: &str = "開始日";
    pub const TO: &str = "終了日";
    pub const ADD_BUTTON: &str = "加える";
}

#[component]
pub fn PostHistory(person: i32, posts: Vec<PostView>, can_write: bool) -> impl IntoView {
    let add = ServerAction::<AddPersonPost>::new();
    let remove = ServerAction::<RemovePersonPost>::new();
    let removing = use_query_map().with_untracked(|q| q.get("remove_post").and_then(|s| s.parse::<i32>().ok()));
    let removing = removing.and_then(|id| posts.iter().find(|p| p.id == id).cloned()).filter(|_| can_write);
    let errors = FormErrors::of(add);
    let v = move |name: &str| errors.value_or(name, "");
    let back = format!("/directory/people/{person}#posts");
    view! {
        <section class="card" id="posts" data-testid="posts">
            <h2>{t::TITLE}</h2>
            <p class="hint no-print">{t::HINT}</p>
            {removing.map(|p| view! {
                <DeleteConfirm action=remove errors=FormErrors::of(remove) id=p.id name=format!("{} {}（{}）", p.organisation, p.title, p.period) text=t::REMOVE_TEXT back=back.clone() />
            })}
            {if posts.is_empty() {
                view! { <p class="empty">{t::EMPTY}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table compact">
                            <thead><tr>
                                <th scope="col">{t::COL_PERIOD}</th><th scope="col">{t::COL_ORG}</th><th scope="col">{t::COL_TITLE}</th>
                                {can_write.then(|| view! { <th scope="col" class="no-print"></th> })}
                            </tr></thead>
                            <tbody>
                                {posts.into_iter().map(|p| view! {
                                    <tr>
                                        <td class="nowrap">{p.period.clone()}</td>
                                        <td>{match p.organisation_id {
                                            Some(o) => view! { <a href=format!("/directory/organisations/{o}")>{p.organisation.clone()}</a> }.into_any(),
                                            None => view! { <span>{p.organisation.clone()}</span> }.into_any(),
                                        }}</td>
                                        <td>{p.title.clone()}</td>
                                        {can_write.then(|| view! {
                                            <td class="no-print"><a href=format!("/directory/people/{person}?remove_post={}#posts", p.id) aria-label=format!("{} {}: {}", p.organisation, p.period, t::REMOVE)>{t::REMOVE}</a></td>
                                        })}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {can_write.then(|| view! {
                <ActionForm action=add attr:class="stack no-print" attr:data-testid="post-form">
                    <h3>{t::ADD}</h3>
                    <FormMessage errors />
                    <input type="hidden" name="person_id" value=person />
                    <div class="row">
                        <TextField label=t::ORGANISATION name="organisation" value=v("organisation") required=true maxlength=200 errors />
                        <TextField label=t::TITLE_FIELD name="title" value=v("title") maxlength=100 errors />
                    </div>
                    <div class="row">
                        <TextField label=t::FROM name="started_on" input_type="date" value=v("started_on") errors />
                        <TextField label=t::TO name="ended_on" input_type="date" value=v("ended_on") errors />
                    </div>
                    <div class="actions"><button type="submit">{t::ADD_BUTTON}</button></div>
                </ActionForm>
            })}
        </section>
    }
}
