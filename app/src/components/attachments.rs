//! The files attached to a meeting, training or issue (`#attachments` on its page): the list
//! with download links, and for those who may change the record the upload form (a plain
//! multipart post to `/attachments/<kind>/<id>`, which comes back with `?attachment=1` or
//! `?attachment_error=<code>`) and a link to delete each file.

use crate::api::attachments::AttachmentView;
use crate::domain::attachments::{Problem, RecordKind, ACCEPTED_LABEL, ACCEPT_ATTR, MAX_BYTES};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "添付ファイル";
    pub const EMPTY: &str = "添付ファイルはありません。";
    pub const NAME: &str = "ファイル名";
    pub const SIZE: &str = "サイズ";
    pub const BY: &str = "登録者";
    pub const AT: &str = "登録日時";
    pub const DELETE: &str = "削除";
    pub const FILE: &str = "ファイルを添付";
    pub const UPLOAD: &str = "添付する";
    pub const HINT_PREFIX: &str = "添付できるファイル: ";
    pub const HINT_SIZE: &str = "1ファイル";
    pub const HINT_SUFFIX: &str = "MBまで。";
    pub const SAVED: &str = "ファイルを添付しました。";
    pub const DELETED: &str = "添付ファイルを削除しました。";
}

/// The attachments section of a record's page. `files`: as `list_attachments` gave them.
#[component]
pub fn Attachments(kind: RecordKind, record_id: i32, can_write: bool, files: Vec<AttachmentView>) -> impl IntoView {
    let query = use_query_map();
    let (error, notice) = query.with_untracked(|q| {
        let error = q.get("attachment_error").and_then(|c| Problem::from_code(&c)).map(Problem::message);
        let notice = if q.get("attachment").is_some() {
            Some(t::SAVED)
        } else if q.get("attachment_deleted").is_some() {
            Some(t::DELETED)
        } else {
            None
        };
        (error, notice)
    });
    let hint = format!("{}{ACCEPTED_LABEL}。{}{}{}", t::HINT_PREFIX, t::HINT_SIZE, MAX_BYTES / (1024 * 1024), t::HINT_SUFFIX);
    let field_id = format!("attachment-file-{}", kind.code());
    let described = if error.is_some() { format!("{field_id}-hint {field_id}-error") } else { format!("{field_id}-hint") };
    let invalid = error.is_some().then_some("true");
    let (hint_id, error_id) = (format!("{field_id}-hint"), format!("{field_id}-error"));
    view! {
        <section class="card" id="attachments" data-testid="attachments">
            <h2>{t::TITLE}</h2>
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {if files.is_empty() {
                view! { <p class="empty">{t::EMPTY}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" data-testid="attachments-table">
                            <thead><tr>
                                <th scope="col">{t::NAME}</th>
                                <th scope="col">{t::SIZE}</th>
                                <th scope="col">{t::BY}</th>
                                <th scope="col">{t::AT}</th>
                                {can_write.then(|| view! { <th scope="col" class="no-print"><span class="visually-hidden">{t::DELETE}</span></th> })}
                            </tr></thead>
                            <tbody>
                                {files.into_iter().map(|f| {
                                    let id = f.id;
                                    let delete_label = format!("{}: {}", f.file_name, t::DELETE);
                                    view! {
                                        <tr id=format!("attachment-{id}")>
                                            <td><a href=format!("/attachments/{id}")>{f.file_name}</a></td>
                                            <td class="nowrap">{f.size_label}</td>
                                            <td>{f.uploaded_by}</td>
                                            <td class="nowrap">{f.uploaded_at}</td>
                                            {can_write.then(|| view! {
                                                <td class="no-print">
                                                    <a href=format!("/attachments/{id}/delete") aria-label=delete_label>{t::DELETE}</a>
                                                </td>
                                            })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {can_write.then(|| view! {
                <form method="post" action=format!("/attachments/{}/{record_id}", kind.code()) enctype="multipart/form-data" class="stack no-print" data-testid="attachment-form">
                    <div class="field">
                        <label for=field_id.clone()>{t::FILE}</label>
                        <input id=field_id.clone() type="file" name="file" accept=ACCEPT_ATTR required
                            aria-invalid=invalid aria-describedby=described />
                        <p class="hint" id=hint_id>{hint}</p>
                        {error.map(|m| view! { <p class="field-error" id=error_id role="alert">{m}</p> })}
                    </div>
                    <div class="actions"><button type="submit">{t::UPLOAD}</button></div>
                </form>
            })}
        </section>
    }
}
