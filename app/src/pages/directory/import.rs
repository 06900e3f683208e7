//! `/directory/organisations/import` and `/directory/people/import`: choose a spreadsheet
//! (XLSX or CSV); `…/import/:id`: its preview — every problem with line and column, the new
//! records, and the rows that match a record of the directory with the choice to merge, add
//! or leave out — then the confirmation that saves them. Plain forms: works without
//! JavaScript.

use crate::api::directory::{get_organisation_import_preview, get_person_import_preview, CommitOrganisationImport, CommitPersonImport, DirectoryImportPreview};
use crate::components::form::{FormErrors, FormMessage};
use crate::components::import_problems::ImportProblems;
use crate::components::imports::{ImportColumns, ImportCommitForm, ImportSummary, NothingToImport, RowChoice, SheetUpload};
use crate::components::loaded::loaded;
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use crate::components::session::RequireCan;
use crate::components::tabs::DirectoryTabs;
use crate::domain::directory_import::{Column, ORGANISATION_COLUMNS, ORGANISATION_REQUIRED, PERSON_COLUMNS, PERSON_REQUIRED};
use crate::domain::Permission;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

mod t {
    pub const ORG_TITLE: &str = "機関・団体の一括取込（Excel・CSV）";
    pub const ORG_INTRO: &str = "機関・団体の一覧（Excel または CSV）を名簿に取り込みます。ファイルを選ぶと、まず取込内容の確認画面を表示します。確認して「登録する」を押すまで、何も登録しません。";
    pub const ORG_NOTES: &[&str] = &[
        "種別は 病院・診療所・薬局・訪問看護ステーション・介護事業所・地域包括支援センター・行政・社会福祉協議会 など、名簿の種別の名前で書きます（「社協」「訪問看護」なども可）。",
        "職種は職種の一覧の名前で書きます。複数あるときは「、」「,」「/」で区切ります（例: 医師、看護師（訪問看護））。",
        "名簿に同じ名称の機関・団体がすでにある行は、確認画面で「既存に反映」「新しく登録」「取り込まない」を選べます。反映では、空欄のセルは今の内容を残し、職種は追加だけ、メモは今のメモの下に書き足します。",
    ];
    pub const ORG_DETAIL: &str = "種別";
    pub const ORG_NEW_TITLE: &str = "新しく登録する機関・団体";
    pub const ORG_MATCH_TITLE: &str = "名簿にすでにある機関・団体（同じ名称）";
    pub const ORG_EXISTING: &str = "名簿にある機関・団体";
    pub const ORG_TO_LIST: &str = "機関・団体の一覧へ";

    pub const PERSON_TITLE: &str = "人の一括取込（Excel・CSV）";
    pub const PERSON_INTRO: &str = "人（担当者・キーパーソンなど）の一覧（Excel または CSV）を名簿に取り込みます。ファイルを選ぶと、まず取込内容の確認画面を表示します。確認して「登録する」を押すまで、何も登録しません。";
    pub const PERSON_NOTES: &[&str] = &[
        "所属は名簿の機関・団体の名称で書きます。名簿にない機関・団体は、先に機関・団体として登録（取込）してください。空欄なら所属なしで登録します。",
        "職種は職種の一覧の名前で書きます。空欄なら、所属先の職種が1つだけのときはその職種になります。",
        "名簿の同じ所属に同じ氏名の人がすでにいる行は、確認画面で「既存に反映」「新しく登録」「取り込まない」を選べます。反映では、空欄のセルは今の内容を残し、メモは今のメモの下に書き足します。",
    ];
    pub const PERSON_DETAIL: &str = "所属";
    pub const PERSON_NEW_TITLE: &str = "新しく登録する人";
    pub const PERSON_MATCH_TITLE: &str = "名簿にすでにいる人（同じ所属・同じ氏名）";
    pub const PERSON_EXISTING: &str = "名簿にいる人";
    pub const PERSON_TO_LIST: &str = "人の一覧へ";

    pub const PREVIEW_TITLE: &str = "取込内容の確認";
    pub const ERRORS: &[(&str, &str)] = &[
        ("empty", "ファイルを選んでください（空のファイルは取り込めません）。"),
        ("read", "ファイルを受け取れませんでした。もう一度選んでください。"),
        ("size", "ファイルが大きすぎます（16MBまで）。いくつかに分けてください。"),
    ];
    pub const MATCHES: &str = "既存と同じ名前";
    pub const COL_LINE: &str = "行";
    pub const COL_NAME: &str = "名前";
    pub const COL_CHANGES: &str = "変わる項目";
    pub const COL_CHOICE: &str = "取り込み方";
    pub const NO_CHANGES: &str = "（変更なし）";
    pub const CHOICES: &[(&str, &str)] = &[("merge", "既存に反映"), ("new", "新しく登録"), ("skip", "取り込まない")];
    pub const DONE: &str = "取り込みました。";
    pub const CREATED: &str = "新しく登録: ";
    pub const MERGED: &str = "既存に反映: ";
    pub const UNIT: &str = "件";
}

/// What differs between the import of organisations and that of people.
struct Import {
    title: &'static str,
    intro: &'static str,
    notes: &'static [&'static str],
    /// The upload form's page (and where the file is posted).
    base: &'static str,
    /// The list, and the records' pages under it.
    list: &'static str,
    columns: &'static [Column],
    required: &'static [&'static str],
    /// The header of the second column of the rows (種別 / 所属).
    detail: &'static str,
    new_title: &'static str,
    match_title: &'static str,
    existing: &'static str,
    to_list: &'static str,
    tab: &'static str,
}

static ORGANISATIONS: Import = Import {
    title: t::ORG_TITLE,
    intro: t::ORG_INTRO,
    notes: t::ORG_NOTES,
    base: "/directory/organisations/import",
    list: "/directory/organisations",
    columns: ORGANISATION_COLUMNS,
    required: ORGANISATION_REQUIRED,
    detail: t::ORG_DETAIL,
    new_title: t::ORG_NEW_TITLE,
    match_title: t::ORG_MATCH_TITLE,
    existing: t::ORG_EXISTING,
    to_list: t::ORG_TO_LIST,
    tab: "/directory/organisations",
};

static PEOPLE: Import = Import {
    title: t::PERSON_TITLE,
    intro: t::PERSON_INTRO,
    notes: t::PERSON_NOTES,
    base: "/directory/people/import",
    list: "/directory/people",
    columns: PERSON_COLUMNS,
    required: PERSON_REQUIRED,
    detail: t::PERSON_DETAIL,
    new_title: t::PERSON_NEW_TITLE,
    match_title: t::PERSON_MATCH_TITLE,
    existing: t::PERSON_EXISTING,
    to_list: t::PERSON_TO_LIST,
    tab: "/directory/people",
};

#[component]
pub fn OrganisationImportPage() -> impl IntoView {
    upload_page(&ORGANISATIONS)
}

#[component]
pub fn PersonImportPage() -> impl IntoView {
    upload_page(&PEOPLE)
}

#[component]
pub fn OrganisationImportPreviewPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let errors = FormErrors::of(ServerAction::<CommitOrganisationImport>::new());
    let body = loaded(get_organisation_import_preview(id), move |p| preview(&ORGANISATIONS, CommitOrganisationImport::PATH, p));
    preview_page(&ORGANISATIONS, errors, body)
}

#[component]
pub fn PersonImportPreviewPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let errors = FormErrors::of(ServerAction::<CommitPersonImport>::new());
    let body = loaded(get_person_import_preview(id), move |p| preview(&PEOPLE, CommitPersonImport::PATH, p));
    preview_page(&PEOPLE, errors, body)
}

fn upload_page(import: &'static Import) -> impl IntoView {
    view! {
        <PageTitle text=import.title />
        <h1>{import.title}</h1>
        <DirectoryTabs current=import.tab />
        <RequireCan permission=Permission::WriteDirectory>
            <p>{import.intro}</p>
            <SheetUpload action=import.base errors=t::ERRORS />
            <ImportColumns columns=import.columns required=import.required notes=import.notes />
        </RequireCan>
    }
}

fn preview_page(import: &'static Import, errors: FormErrors, body: impl IntoView) -> impl IntoView {
    view! {
        <PageTitle text=t::PREVIEW_TITLE />
        <h1>{t::PREVIEW_TITLE}</h1>
        <DirectoryTabs current=import.tab />
        <FormMessage errors />
        {body}
    }
}

fn preview(import: &'static Import, commit_path: &'static str, p: DirectoryImportPreview) -> AnyView {
    let pending = p.new_rows.len() + p.duplicates.len();
    let problem_count = p.problems.len() as u64 + p.more_problems;
    view! {
        <ImportSummary file_name=p.file_name.clone() format_name=p.format.clone() rows=p.rows new_rows=p.new_rows.len() matched=p.duplicates.len()
            matched_label=t::MATCHES problems=problem_count />
        {match p.committed {
            Some((created, merged)) => view! {
                <p class="notice" role="status" data-testid="import-done">{t::DONE} " " {t::CREATED}{created}{t::UNIT} "、" {t::MERGED}{merged}{t::UNIT}</p>
                <p class="actions"><a class="button" href=import.list>{import.to_list}</a></p>
            }.into_any(),
            None if !p.problems.is_empty() => view! { <ImportProblems problems=p.problems.clone() more=p.more_problems again=import.base /> }.into_any(),
            None if pending == 0 => view! { <NothingToImport again=import.base /> }.into_any(),
            None => commit_form(import, commit_path, p).into_any(),
        }}
    }
    .into_any()
}

/// The rows to save, and per matching row how to take it (merge by default); a plain post.
fn commit_form(import: &'static Import, commit_path: &'static str, p: DirectoryImportPreview) -> impl IntoView {
    let id = p.id;
    view! {
        <ImportCommitForm action=commit_path id again=import.base>
            {(!p.new_rows.is_empty()).then(|| view! {
                <h2>{import.new_title}</h2>
                <div class="table-scroll">
                    <table class="data-table" data-testid="import-new-rows">
                        <thead><tr><th scope="col">{t::COL_LINE}</th><th scope="col">{t::COL_NAME}</th><th scope="col">{import.detail}</th></tr></thead>
                        <tbody>
                            {p.new_rows.iter().map(|r| view! {
                                <tr><td class="num">{r.line}</td><td>{r.name.clone()}</td><td>{r.detail.clone()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {(!p.duplicates.is_empty()).then(|| view! {
                <h2>{import.match_title}</h2>
                <div class="table-scroll">
                    <table class="data-table" data-testid="import-duplicates">
                        <thead><tr>
                            <th scope="col">{t::COL_LINE}</th><th scope="col">{t::COL_NAME}</th><th scope="col">{import.detail}</th>
                            <th scope="col">{import.existing}</th><th scope="col">{t::COL_CHANGES}</th><th scope="col">{t::COL_CHOICE}</th>
                        </tr></thead>
                        <tbody>
                            {p.duplicates.iter().enumerate().map(|(i, d)| {
                                let changes = if d.changes.is_empty() { t::NO_CHANGES.to_string() } else { d.changes.join("、") };
                                view! {
                                    <tr>
                                        <td class="num">{d.line}</td>
                                        <td>{d.name.clone()}</td>
                                        <td>{d.detail.clone()}</td>
                                        <td><a href=format!("{}/{}", import.list, d.existing_id)>{d.existing_name.clone()}</a></td>
                                        <td>{changes}</td>
                                        <td><RowChoice line=d.line choices=t::CHOICES label=t::COL_CHOICE group=i /></td>
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
