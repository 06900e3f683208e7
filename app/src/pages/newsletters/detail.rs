//! `/newsletters/:id`: one issue — its articles (two columns on A4 paper), each editable in
//! place (`?edit=ID`, `?edit=header`) or removed after a confirmation (`?remove=ID`), a free
//! article added, and the mailing list drawn from the directory.

use crate::api::newsletters::{get_newsletter, ArticleView, DeleteNewsletter, NewsletterView, RemoveNewsletterArticle, SaveNewsletter, SaveNewsletterArticle};
use crate::components::form::{FormErrors, FormMessage, TextArea, TextField};
use crate::components::loaded::loaded;
use crate::components::nav::{use_id_param, use_notice, Notice};
use crate::components::page_title::PageTitle;
use crate::components::record_actions::DeleteConfirm;
use crate::components::session::use_can;
use crate::domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const BACK: &str = "地域連携だよりの一覧へ";
    pub use crate::components::words::PRINT;
    pub const EDIT_HEADER: &str = "号・発行日・表題を編集";
    pub const NUMBER: &str = "号";
    pub const ISSUED_ON: &str = "発行日";
    pub const TITLE: &str = "表題";
    pub const COVERS: &str = "下書きのもとにした期間";
    pub const EDIT: &str = "編集";
    pub const REMOVE: &str = "削除";
    pub const REMOVE_TEXT: &str = "この記事を削除します。削除は元に戻せません。";
    pub const DELETE: &str = "この号を削除…";
    pub const DELETE_TEXT: &str = "この号を記事ごと削除します（間違えて作った下書きなど）。次に作る号の下書きは、その前の号の後からになります。削除は元に戻せません。";
    pub const HEADING: &str = "見出し";
    pub const BODY: &str = "本文";
    pub const ADD: &str = "記事を加える";
    pub const ADD_BUTTON: &str = "加える";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
    pub const NO_ARTICLES: &str = "記事はありません。前号の後に記録がなければ、下の「記事を加える」から書けます。";
    pub const RECIPIENTS: &str = "送付先";
    pub const RECIPIENTS_HINT: &str = "名簿の機関・団体で「地域連携だよりを送る」にした機関です。";
    pub const NO_RECIPIENTS: &str = "送付先はまだありません。機関・団体の編集で「地域連携だよりを送る」にチェックしてください。";
    pub const COL_NAME: &str = "機関・団体";
    pub const COL_ADDRESS: &str = "住所";
    pub const NOTICES: &[(&str, &str)] = &[("drafted", "下書きを作りました。記事を確認して直してください。"), ("saved", "保存しました。"), ("article", "記事を保存しました。")];
}

#[derive(Clone, Copy)]
struct Actions {
    header: ServerAction<SaveNewsletter>,
    article: ServerAction<SaveNewsletterArticle>,
    remove: ServerAction<RemoveNewsletterArticle>,
    delete: ServerAction<DeleteNewsletter>,
}

#[component]
pub fn NewsletterPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let q = use_query_map().get_untracked();
    let editing = q.get("edit");
    let removing = q.get("remove").and_then(|s| s.parse::<i32>().ok());
    let actions = Actions { header: ServerAction::new(), article: ServerAction::new(), remove: ServerAction::new(), delete: ServerAction::new() };
    let can_write = use_can(Permission::WriteMeetings).get_untracked();
    let notice = use_notice(t::NOTICES);
    view! {
        <p class="no-print"><a href="/newsletters">{t::BACK}</a></p>
        <Notice notice />
        {loaded(get_newsletter(id), move |n| view! { <Issue n can_write editing removing actions /> }.into_any())}
    }
}

#[component]
fn Issue(n: NewsletterView, can_write: bool, editing: Option<String>, removing: Option<i32>, actions: Actions) -> impl IntoView {
    let id = n.id;
    let here = format!("/newsletters/{id}");
    let edit_header = can_write && editing.as_deref() == Some("header");
    let deleting = can_write && editing.as_deref() == Some("delete");
    let editing_article = editing.as_deref().and_then(|s| s.parse::<i32>().ok()).filter(|_| can_write);
    let removing = removing.and_then(|r| n.articles.iter().find(|a| a.id == r).cloned()).filter(|_| can_write);
    let header_errors = FormErrors::of(actions.header);
    let hv = move |name: &str, base: &str| header_errors.value_or(name, base);
    let (here_header, here_remove, here_delete) = (here.clone(), here.clone(), here.clone());
    let title = n.header.title.clone();
    view! {
        <PageTitle text=n.header.title.clone() />
        <div class="newsletter">
            <div class="page-head">
                <h1>{n.header.title.clone()}</h1>
                <div class="actions no-print">
                    <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                    {(can_write && !edit_header).then(|| view! { <a class="button secondary" href=format!("{here}?edit=header")>{t::EDIT_HEADER}</a> })}
                    {(can_write && !deleting).then(|| view! { <a class="button secondary" href=format!("{here}?edit=delete")>{t::DELETE}</a> })}
                </div>
            </div>
            <p class="lead">{format!("第{}号 ・ {} {}", n.header.number, t::ISSUED_ON, n.issued_label)} <span class="no-print">{format!(" ・ {} {}", t::COVERS, n.covers)}</span></p>
            {edit_header.then(|| view! {
                <ActionForm action=actions.header attr:class="stack card no-print" attr:data-testid="newsletter-header-form">
                    <FormMessage errors=header_errors />
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=n.version />
                    <div class="row">
                        <TextField label=t::NUMBER name="number" input_type="number" value=hv("number", &n.header.number) required=true errors=header_errors />
                        <TextField label=t::ISSUED_ON name="issued_on" input_type="date" value=hv("issued_on", &n.header.issued_on) required=true errors=header_errors />
                    </div>
                    <TextField label=t::TITLE name="title" value=hv("title", &n.header.title) required=true maxlength=200 errors=header_errors />
                    <div class="actions">
                        <button type="submit">{t::SAVE}</button>
                        <a class="button secondary" href=here_header>{t::CANCEL}</a>
                    </div>
                </ActionForm>
            })}
            {deleting.then(|| view! {
                <DeleteConfirm action=actions.delete errors=FormErrors::of(actions.delete) id name=title.clone() text=t::DELETE_TEXT back=here_delete.clone() />
            })}
            {removing.map(|a| view! {
                <DeleteConfirm action=actions.remove errors=FormErrors::of(actions.remove) id=a.id name=a.heading.clone() text=t::REMOVE_TEXT back=here_remove version=a.version />
            })}
            {if n.articles.is_empty() {
                view! { <p class="empty">{t::NO_ARTICLES}</p> }.into_any()
            } else {
                view! {
                    <div class="newsletter-columns" data-testid="articles">
                        {n.articles.into_iter().map(|a| {
                            if editing_article == Some(a.id) {
                                view! { <ArticleForm id a=Some(a.clone()) action=actions.article cancel=here.clone() /> }.into_any()
                            } else {
                                view! { <Article a can_write here=here.clone() /> }.into_any()
                            }
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
            {(can_write && editing_article.is_none()).then(|| view! {
                <section class="card no-print">
                    <h2>{t::ADD}</h2>
                    <ArticleForm id a=None action=actions.article cancel=String::new() />
                </section>
            })}
            <section class="card no-print" data-testid="recipients">
                <h2>{t::RECIPIENTS}</h2>
                <p class="hint">{t::RECIPIENTS_HINT}</p>
                {if n.recipients.is_empty() {
                    view! { <p class="empty">{t::NO_RECIPIENTS}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll">
                            <table class="data-table compact">
                                <thead><tr><th scope="col">{t::COL_NAME}</th><th scope="col">{t::COL_ADDRESS}</th></tr></thead>
                                <tbody>
                                    {n.recipients.into_iter().map(|r| view! {
                                        <tr><td><a href=format!("/directory/organisations/{}", r.id)>{r.name}</a></td><td>{r.address}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

#[component]
fn Article(a: ArticleView, can_write: bool, here: String) -> impl IntoView {
    view! {
        <article class="newsletter-article">
            <h2>{a.heading.clone()}</h2>
            <div class="pre">{a.body.clone()}</div>
            {can_write.then(|| view! {
                <p class="actions no-print">
                    <a href=format!("{here}?edit={}#article-form", a.id)>{t::EDIT}</a>
                    " "
                    <a href=format!("{here}?remove={}", a.id) aria-label=format!("「{}」を{}", a.heading, t::REMOVE)>{t::REMOVE}</a>
                </p>
            })}
        </article>
    }
}

/// Edits `a`, or adds an article when there is none.
#[component]
fn ArticleForm(id: i32, a: Option<ArticleView>, action: ServerAction<SaveNewsletterArticle>, cancel: String) -> impl IntoView {
    let errors = FormErrors::of(action);
    let (heading, body) = a.as_ref().map(|a| (a.heading.clone(), a.body.clone())).unwrap_or_default();
    let editing = a.is_some();
    view! {
        <ActionForm action attr:class="stack no-print" attr:id=if editing { "article-form" } else { "new-article-form" } attr:data-testid=if editing { "article-form" } else { "new-article-form" }>
            <FormMessage errors />
            <input type="hidden" name="id" value=id />
            {a.map(|a| view! { <input type="hidden" name="article" value=a.id /><input type="hidden" name="version" value=a.version /> })}
            <TextField label=t::HEADING name="heading" value=errors.value_or("heading", heading) required=true maxlength=200 errors />
            <TextArea label=t::BODY name="body" value=errors.value_or("body", body) rows=8 errors />
            <div class="actions">
                <button type="submit">{if editing { t::SAVE } else { t::ADD_BUTTON }}</button>
                {editing.then(|| view! { <a class="button secondary" href=cancel>{t::CANCEL}</a> })}
            </div>
        </ActionForm>
    }
}
