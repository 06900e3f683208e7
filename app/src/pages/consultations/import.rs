//! `/consultations/import`: choose a CSV file; `/consultations/import/:id`: its preview
//! (every problem with line and column), then the confirmation that creates the records.

use super::DeskTabs;
use crate::api::consultations::{get_import_preview, CommitImport, ImportPreview};
use crate::components::form::{FormErrors, FormMessage};
use crate::components::import_problems::ImportProblems;
use crate::components::imports::upload_error;
use crate::components::islands::FileUpload;
use crate::components::nav::use_id_param;
use crate::components::session::RequireCan;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "相談記録のCSV取込";
    pub const PREVIEW_TITLE: &str = "取込内容の確認";
    pub const INTRO: &str = "これまで Excel で付けてきた相談記録を、CSV ファイルから取り込みます。ファイルを選ぶと、まず取込内容の確認画面を表示します。確認して「登録する」を押すまで、何も登録しません。";
    pub const FILE: &str = "CSVファイル";
    pub const FILE_HINT: &str = "Excel の「名前を付けて保存」で「CSV UTF-8」または「CSV（コンマ区切り）」（Shift_JIS）を選んで保存したファイル。";
    pub const UPLOAD: &str = "確認画面へ";
    pub const UPLOADING: &str = "ファイルを送信して確認しています…";
    pub const COLUMNS: &str = "列（1行目の見出しで判断します。順番は自由、ほかの列は無視します）";
    pub const COLUMN_HELP: &[(&str, &str)] = &[
        ("受付日（必須）", "2024-04-01、2024/4/1、R6.4.1、令和6年4月1日、H29/4/1、平成31年4月30日、令和元年5月1日 など"),
        ("分類（必須）", "登録済みの分類名（例: 地域の連携体制に関する相談）"),
        ("相談者", "氏名など（任意）"),
        ("所属", "名簿の機関・団体名と同じなら名簿に結び付け、違えばそのまま記録"),
        ("職種", "職種の一覧の名前（例: 薬剤師）または空欄"),
        ("圏域", "圏域内・圏域外（内・外も可）または空欄"),
        ("方法", "電話、メール、来所、FAX、訪問、会議等の場、その他 または空欄"),
        ("欲しい相談", "はい/いいえ、1/0、○/空欄"),
        ("内容・対応", "自由記述"),
        ("状況", "受付・対応中・完了（空欄は完了）"),
    ];
    pub const DUPLICATES_NOTE: &str = "同じ内容の行をすでに取り込んでいる場合は、その行を登録しません（同じファイルを2回取り込んでも重複しません）。";
    pub const ERRORS: &[(&str, &str)] = &[
        ("empty", "ファイルを選んでください（空のファイルは取り込めません）。"),
        ("read", "ファイルを受け取れませんでした。もう一度選んでください。"),
        ("size", "ファイルが大きすぎます（32MBまで）。年度ごとなどに分けてください。"),
    ];
    pub const FILE_LABEL: &str = "ファイル";
    pub const ENCODING: &str = "文字コード";
    pub const ROWS: &str = "データ行";
    pub const NEW: &str = "登録する行";
    pub const DUPLICATES: &str = "取込済みのため除外";
    pub const PROBLEMS: &str = "問題";
    pub const COL_LINE: &str = "行";
    pub const SAMPLE: &str = "登録する行（先頭）";
    pub const COL_DATE: &str = "受付日";
    pub const COL_CATEGORY: &str = "分類";
    pub const COL_REQUESTER: &str = "相談者";
    pub const COL_AFFILIATION: &str = "所属";
    pub const COL_WANTED: &str = "欲しい相談";
    pub const CONFIRM: &str = "件を登録する";
    pub const COMMITTING: &str = "登録しています…";
    pub const NOTHING_NEW: &str = "新しく登録する行はありません。";
    pub const DONE: &str = "件を登録しました。";
    pub const TO_LIST: &str = "相談記録の一覧へ";
    pub const TO_TRENDS: &str = "相談内容の推移へ";
    pub const AGAIN: &str = "別のファイルを選ぶ";
    pub const UNIT: &str = "件";
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let error = upload_error(t::ERRORS);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <DeskTabs current="/consultations/import" />
        <RequireCan permission=Permission::WriteConsultations>
        <p>{t::INTRO}</p>
        <FileUpload action="/consultations/import".to_string() accept=".csv,text/csv".to_string() label=t::FILE.to_string() hint=t::FILE_HINT.to_string()
            sending=t::UPLOADING.to_string() submit=t::UPLOAD.to_string() error=error.clone() />
        <section class="card">
            <h2>{t::COLUMNS}</h2>
            <dl class="facts">
                {t::COLUMN_HELP.iter().map(|(c, h)| view! { <dt>{*c}</dt><dd>{*h}</dd> }).collect_view()}
            </dl>
            <p class="hint">{t::DUPLICATES_NOTE}</p>
        </section>
        </RequireCan>
    }
}

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let errors = FormErrors::of(ServerAction::<CommitImport>::new());
    view! {
        <PageTitle text=t::PREVIEW_TITLE />
        <h1>{t::PREVIEW_TITLE}</h1>
        <DeskTabs current="" />
        <FormMessage errors />
        {loaded(get_import_preview(id), move |p| view! { <Preview p /> }.into_any())}
    }
}

#[component]
fn Preview(p: ImportPreview) -> impl IntoView {
    view! {
        <dl class="facts card" data-testid="import-summary">
            <dt>{t::FILE_LABEL}</dt><dd>{p.file_name.clone()}</dd>
            <dt>{t::ENCODING}</dt><dd>{p.encoding.clone()}</dd>
            <dt>{t::ROWS}</dt><dd>{p.rows} {t::UNIT}</dd>
            <dt>{t::NEW}</dt><dd data-testid="import-new">{p.new_count} {t::UNIT}</dd>
            <dt>{t::DUPLICATES}</dt><dd data-testid="import-duplicates">{p.duplicates} {t::UNIT}</dd>
            <dt>{t::PROBLEMS}</dt><dd data-testid="import-problem-count">{p.problems.len() as u64 + p.more_problems} {t::UNIT}</dd>
        </dl>
        {match p.committed {
            Some(n) => view! {
                <p class="notice" role="status" data-testid="import-done">{n} {t::DONE}</p>
                <p class="actions"><a class="button" href="/consultations">{t::TO_LIST}</a> <a class="button secondary" href="/consultations/trends">{t::TO_TRENDS}</a></p>
            }.into_any(),
            None if !p.problems.is_empty() => view! { <ImportProblems problems=p.problems.clone() more=p.more_problems again="/consultations/import" /> }.into_any(),
            None if p.new_count == 0 => view! {
                <p class="empty">{t::NOTHING_NEW}</p>
                <p><a class="button secondary" href="/consultations/import">{t::AGAIN}</a></p>
            }.into_any(),
            None => view! { <CommitForm id=p.id count=p.new_count /> }.into_any(),
        }}
        {(p.committed.is_none() && !p.sample.is_empty()).then(|| view! {
            <h2>{t::SAMPLE}</h2>
            <div class="table-scroll">
                <table class="data-table" data-testid="import-sample">
                    <thead><tr>
                        <th scope="col">{t::COL_LINE}</th><th scope="col">{t::COL_DATE}</th><th scope="col">{t::COL_CATEGORY}</th>
                        <th scope="col">{t::COL_REQUESTER}</th><th scope="col">{t::COL_AFFILIATION}</th><th scope="col">{t::COL_WANTED}</th>
                    </tr></thead>
                    <tbody>
                        {p.sample.iter().map(|r| view! {
                            <tr><td class="num">{r.line}</td><td>{r.date.clone()}</td><td>{r.category.clone()}</td><td>{r.requester.clone()}</td><td>{r.affiliation.clone()}</td><td class="center">{r.wanted.then_some("○")}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

/// The confirmation: a plain post that, with JavaScript, shows that it is under way (a large
/// file takes seconds) and cannot be sent twice.
#[island]
fn CommitForm(id: i32, count: u64) -> impl IntoView {
    let (pending, set_pending) = signal(false);
    view! {
        <form method="post" action=CommitImport::PATH class="actions card" on:submit=move |_| set_pending.set(true)>
            <input type="hidden" name="id" value=id />
            <button type="submit" data-testid="import-confirm" disabled=move || pending.get()>{count} {t::CONFIRM}</button>
            {move || pending.get().then(|| view! { <span role="status"><progress></progress> " " {t::COMMITTING}</span> })}
            <a class="button secondary" href="/consultations/import">{t::AGAIN}</a>
        </form>
    }
}
