//! `/resources/import`: choose a centre's spreadsheet (XLSX or CSV); `/resources/import/:id`:
//! its preview — every problem with line and column, the new entries, and the rows that
//! match an entry of the list with the choice to merge, add or leave out — then the
//! confirmation that saves them.

use super::ResourceTabs;
use crate::api::resources::{get_resource_import_preview, CommitResourceImport, ResourceImportPreview};
use crate::components::form::{FormErrors, FormMessage};
use crate::components::import_problems::ImportProblems;
use crate::components::imports::{ImportCommitForm, ImportSummary, NothingToImport, RowChoice, SheetUpload};
use crate::components::loaded::loaded;
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use crate::components::session::RequireCan;
use crate::domain::resource_import::COLUMNS;
use crate::domain::Permission;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

mod t {
    pub const TITLE: &str = "資源の一括取込（Excel・CSV）";
    pub const PREVIEW_TITLE: &str = "取込内容の確認";
    pub const INTRO: &str = "生活応援センターや社協から届いた資源の一覧（Excel または CSV）を取り込みます。ファイルを選ぶと、まず取込内容の確認画面を表示します。確認して「登録する」を押すまで、何も登録しません。取り込んだ資源は精査待ちになります。";
    pub const COLUMNS: &str = "列（1行目の見出しで判断します。順番は自由、ほかの列は無視します）";
    pub const REQUIRED: &str = "（必須）";
    pub const ALSO: &str = "次の見出しでも可: ";
    pub const NOTES: &[&str] = &[
        "分類は分類の一覧の名前で書きます（「地域の参加資源 › つながるカフェ」、小分類だけの「つながるカフェ」、大分類だけでも可）。",
        "地区は地区の一覧の名前で書きます（「鵜住居地区」「鵜住居地区生活応援センター」も可）。空欄は市内全域。資源登録者の取込は担当地区になります。",
        "状況は 活動中・休止中・終了（空欄は活動中）。収集日は 2024-06-01、2024/6/1、R6.6.1 など。",
        "同じ地区に同じ名称の資源がすでにある行は、確認画面で「既存に反映」「新しく登録」「取り込まない」を選べます。反映では、空欄のセルは今の内容を残します。",
    ];
    pub const ERRORS: &[(&str, &str)] = &[
        ("empty", "ファイルを選んでください（空のファイルは取り込めません）。"),
        ("read", "ファイルを受け取れませんでした。もう一度選んでください。"),
        ("size", "ファイルが大きすぎます（16MBまで）。地区ごとなどに分けてください。"),
    ];
    pub const MATCHES: &str = "既存と同じ名称";
    pub const COL_LINE: &str = "行";
    pub const COL_NAME: &str = "名称";
    pub const COL_CATEGORY: &str = "分類";
    pub const COL_DISTRICT: &str = "地区";
    pub const COL_EXISTING: &str = "一覧にある資源";
    pub const COL_CHANGES: &str = "変わる項目";
    pub const COL_CHOICE: &str = "取り込み方";
    pub const NO_CHANGES: &str = "（変更なし）";
    pub const CITY_WIDE: &str = "市内全域";
    pub const CHOICES: &[(&str, &str)] = &[("merge", "既存に反映"), ("new", "新しく登録"), ("skip", "取り込まない")];
    pub const NEW_TITLE: &str = "新しく登録する資源";
    pub const MATCH_TITLE: &str = "一覧にすでにある資源（同じ地区・同じ名称）";
    pub const DONE: &str = "取り込みました。";
    pub const CREATED: &str = "新しく登録: ";
    pub const MERGED: &str = "既存に反映: ";
    pub const TO_QUEUE: &str = "精査待ちの一覧へ";
    pub const UNIT: &str = "件";
}

#[component]
pub fn ResourceImportPage() -> impl IntoView {
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <ResourceTabs current="/resources/import" />
        <RequireCan permission=Permission::WriteResources>
            <p>{t::INTRO}</p>
            <SheetUpload action="/resources/import" errors=t::ERRORS />
            <section class="card">
                <h2>{t::COLUMNS}</h2>
                <dl class="facts">
                    {COLUMNS.iter().map(|(field, header, others)| {
                        let required = crate::domain::resource_import::REQUIRED.contains(field);
                        view! {
                            <dt>{*header} {required.then_some(t::REQUIRED)}</dt>
                            <dd>{(!others.is_empty()).then(|| format!("{}{}", t::ALSO, others.join("、")))}</dd>
                        }
                    }).collect_view()}
                </dl>
                <ul>{t::NOTES.iter().map(|n| view! { <li>{*n}</li> }).collect_view()}</ul>
            </section>
        </RequireCan>
    }
}

#[component]
pub fn ResourceImportPreviewPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let errors = FormErrors::of(ServerAction::<CommitResourceImport>::new());
    view! {
        <PageTitle text=t::PREVIEW_TITLE />
        <h1>{t::PREVIEW_TITLE}</h1>
        <ResourceTabs current="" />
        <FormMessage errors />
        {loaded(get_resource_import_preview(id), move |p| view! { <Preview p /> }.into_any())}
    }
}

fn district(d: &str) -> String {
    if d.is_empty() { t::CITY_WIDE.to_string() } else { d.to_string() }
}

#[component]
fn Preview(p: ResourceImportPreview) -> impl IntoView {
    let pending = p.new_rows.len() + p.duplicates.len();
    let problem_count = p.problems.len() as u64 + p.more_problems;
    view! {
        <ImportSummary file_name=p.file_name.clone() format_name=p.format.clone() rows=p.rows new_rows=p.new_rows.len() matched=p.duplicates.len()
            matched_label=t::MATCHES problems=problem_count />
        {match p.committed {
            Some((created, merged)) => view! {
                <p class="notice" role="status" data-testid="import-done">{t::DONE} " " {t::CREATED}{created}{t::UNIT} "、" {t::MERGED}{merged}{t::UNIT}</p>
                <p class="actions"><a class="button" href="/resources?screening=waiting">{t::TO_QUEUE}</a></p>
            }.into_any(),
            None if !p.problems.is_empty() => view! { <ImportProblems problems=p.problems.clone() more=p.more_problems again="/resources/import" /> }.into_any(),
            None if pending == 0 => view! { <NothingToImport again="/resources/import" /> }.into_any(),
            None => view! { <CommitForm p /> }.into_any(),
        }}
    }
}

/// The rows to save, and per matching row how to take it; a plain post.
#[component]
fn CommitForm(p: ResourceImportPreview) -> impl IntoView {
    let id = p.id;
    view! {
        <ImportCommitForm action=CommitResourceImport::PATH id again="/resources/import">
            {(!p.new_rows.is_empty()).then(|| view! {
                <h2>{t::NEW_TITLE}</h2>
                <div class="table-scroll">
                    <table class="data-table" data-testid="import-new-rows">
                        <thead><tr><th scope="col">{t::COL_LINE}</th><th scope="col">{t::COL_NAME}</th><th scope="col">{t::COL_CATEGORY}</th><th scope="col">{t::COL_DISTRICT}</th></tr></thead>
                        <tbody>
                            {p.new_rows.iter().map(|r| view! {
                                <tr><td class="num">{r.line}</td><td>{r.name.clone()}</td><td>{r.category.clone()}</td><td>{district(&r.district)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {(!p.duplicates.is_empty()).then(|| view! {
                <h2>{t::MATCH_TITLE}</h2>
                <div class="table-scroll">
                    <table class="data-table" data-testid="import-duplicates">
                        <thead><tr>
                            <th scope="col">{t::COL_LINE}</th><th scope="col">{t::COL_NAME}</th><th scope="col">{t::COL_DISTRICT}</th>
                            <th scope="col">{t::COL_EXISTING}</th><th scope="col">{t::COL_CHANGES}</th><th scope="col">{t::COL_CHOICE}</th>
                        </tr></thead>
                        <tbody>
                            {p.duplicates.iter().map(|d| {
                                let changes = if d.changes.is_empty() { t::NO_CHANGES.to_string() } else { d.changes.join("、") };
                                view! {
                                    <tr>
                                        <td class="num">{d.line}</td>
                                        <td>{d.name.clone()}</td>
                                        <td>{district(&d.district)}</td>
                                        <td><a href=format!("/resources/{}", d.existing_id)>{d.existing_name.clone()}</a></td>
                                        <td>{changes}</td>
                                        <td><RowChoice line=d.line choices=t::CHOICES label=t::COL_CHOICE /></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </ImportCommitForm>
    }
}
