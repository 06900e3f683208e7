//! `/meetings/import`: choose a spreadsheet of past meetings (XLSX or CSV);
//! `/meetings/import/:id`: its preview — every problem with line and column, the meetings
//! to record, and the rows whose date and title are already recorded, each left out unless
//! chosen — then the confirmation that saves them. Plain forms: it works without JavaScript.

use super::LevelBadge;
use crate::api::meetings::{get_meeting_import_preview, CommitMeetingImport, MeetingImportPreview};
use crate::components::form::{FormErrors, FormMessage};
use crate::components::import_problems::ImportProblems;
use crate::components::imports::{ImportColumns, ImportCommitForm, ImportSummary, NothingToImport, RowChoice, SheetUpload};
use crate::components::loaded::loaded;
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use crate::components::session::RequireCan;
use crate::components::tabs::MeetingTabs;
use crate::domain::meeting_import::{COLUMNS, REQUIRED};
use crate::domain::Permission;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "過去の会議の取込（Excel・CSV）";
    pub const PREVIEW_TITLE: &str = "取込内容の確認";
    pub const INTRO: &str = "Excel などで記録してきた過去の会議を、打ち直さずに取り込みます。ファイルを選ぶと、まず取込内容の確認画面を表示します。確認して「登録する」を押すまで、何も登録しません。";
    pub const COL_EXAMPLE: &str = "書き方の例";
    /// An example value per column (field of `domain::meeting_import::COLUMNS`).
    pub const EXAMPLES: &[(&str, &str)] = &[
        ("held_on", "2024/6/27、R6.6.27、令和6年6月27日"),
        ("time", "13:30〜15:00"),
        ("start_time", "13:30"),
        ("end_time", "15:00"),
        ("level", "一次、二次、三次（1・2・3、一次連携 も可）"),
        ("kind", "打ち合わせ会（会議の種類の名前。空欄は「その他」）"),
        ("title", "薬剤師会 打ち合わせ会"),
        ("place", "市役所 第1会議室（オンライン も可）"),
        ("professions", "薬剤師、歯科医師（職種の一覧の名前。「、」「,」「/」「・」で区切る）"),
        ("guests", "山田さん、鈴木さん"),
        ("purpose", "退院支援の流れの確認"),
        ("minutes", "議事録の本文（セル内の改行もそのまま）"),
        ("decisions", "次回までに様式案を作る"),
        ("level_reason", "合同開催のため"),
    ];
    pub const NOTES: &[&str] = &[
        "段階が職種の数の目安に合わない会議（一次連携で職種が2つなど）は、理由の列が空なら「取り込み（元の記録のとおり）」を理由として記録します。",
        "開催日と件名が同じ会議がすでに記録されている行は、確認画面で「取り込まない」（既定）か「追加する」を選べます。ファイルの中で開催日と件名が同じ行があると取り込めません。",
        "会議の記録（一覧）の「CSVで出力」「Excelで出力」のファイルもそのまま読めます（機関・団体、出席者、事業項目などの列は取り込みません）。",
    ];
    pub const ERRORS: &[(&str, &str)] = &[
        ("empty", "ファイルを選んでください（空のファイルは取り込めません）。"),
        ("read", "ファイルを受け取れませんでした。もう一度選んでください。"),
        ("size", "ファイルが大きすぎます（16MBまで）。年度ごとなどに分けてください。"),
    ];
    pub const MATCHES: &str = "記録済みと同じ";
    pub const COL_LINE: &str = "行";
    pub const COL_DATE: &str = "開催日";
    pub const COL_LEVEL: &str = "段階";
    pub const COL_KIND: &str = "種類";
    pub const COL_TITLE: &str = "件名";
    pub const COL_PROFESSIONS: &str = "職種";
    pub const COL_EXISTING: &str = "記録済みの会議";
    pub const COL_CHOICE: &str = "取り込み方";
    pub const REASON_FILLED: &str = "理由を補う";
    pub const REASON_NOTE_BEFORE: &str = "「理由を補う」の行は、段階が職種の数の目安に合わず、理由もないため、理由を「";
    pub const REASON_NOTE_AFTER: &str = "」として記録します。";
    pub const ARCHIVED: &str = "（アーカイブ済み）";
    pub const CHOICES: &[(&str, &str)] = &[("skip", "取り込まない"), ("add", "追加する")];
    pub const NEW_TITLE: &str = "新しく登録する会議";
    pub const MATCH_TITLE: &str = "すでに記録されている会議（同じ開催日・同じ件名）";
    pub const DONE: &str = "取り込みました。";
    pub const CREATED: &str = "新しく登録: ";
    pub const SKIPPED: &str = "記録済みのため取り込まず: ";
    pub const TO_LIST: &str = "会議の記録へ";
    pub const UNIT: &str = "件";
}

#[component]
pub fn MeetingImportPage() -> impl IntoView {
    let required: &'static [&'static str] = &REQUIRED;
    let examples = (t::COL_EXAMPLE, t::EXAMPLES);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <MeetingTabs current="/meetings" />
        <RequireCan permission=Permission::WriteMeetings>
            <p>{t::INTRO}</p>
            <SheetUpload action="/meetings/import" errors=t::ERRORS />
            <ImportColumns columns=COLUMNS required notes=t::NOTES examples />
        </RequireCan>
    }
}

#[component]
pub fn MeetingImportPreviewPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let skipped = use_query_map().with_untracked(|q| q.get("skipped").and_then(|s| s.parse::<u32>().ok()));
    let errors = FormErrors::of(ServerAction::<CommitMeetingImport>::new());
    view! {
        <PageTitle text=t::PREVIEW_TITLE />
        <h1>{t::PREVIEW_TITLE}</h1>
        <MeetingTabs current="/meetings" />
        <FormMessage errors />
        {loaded(get_meeting_import_preview(id), move |p| view! { <Preview p skipped /> }.into_any())}
    }
}

/// `skipped`: rows left out as already recorded, from the confirmation's redirect.
#[component]
fn Preview(p: MeetingImportPreview, skipped: Option<u32>) -> impl IntoView {
    let pending = p.new_rows.len() + p.duplicates.len();
    let problem_count = p.problems.len() as u64 + p.more_problems;
    view! {
        <ImportSummary file_name=p.file_name.clone() format_name=p.format.clone() rows=p.rows new_rows=p.new_rows.len() matched=p.duplicates.len()
            matched_label=t::MATCHES problems=problem_count file_only=p.committed.is_some() />
        {match p.committed {
            Some(created) => view! {
                <p class="notice" role="status" data-testid="import-done">
                    {t::DONE} " " {t::CREATED}{created}{t::UNIT}
                    {skipped.filter(|s| *s > 0).map(|s| view! { "、" {t::SKIPPED}{s}{t::UNIT} })}
                </p>
                <p class="actions"><a class="button" href="/meetings">{t::TO_LIST}</a></p>
            }.into_any(),
            None if !p.problems.is_empty() => view! { <ImportProblems problems=p.problems.clone() more=p.more_problems again="/meetings/import" /> }.into_any(),
            None if pending == 0 => view! { <NothingToImport again="/meetings/import" /> }.into_any(),
            None => view! { <CommitForm p /> }.into_any(),
        }}
    }
}

/// The rows to save, and per row already recorded whether to add it; a plain post.
#[component]
fn CommitForm(p: MeetingImportPreview) -> impl IntoView {
    let any_filled = p.new_rows.iter().any(|r| r.reason_filled);
    let id = p.id;
    view! {
        <ImportCommitForm action=CommitMeetingImport::PATH id again="/meetings/import">
            {(!p.new_rows.is_empty()).then(|| view! {
                <h2>{t::NEW_TITLE}</h2>
                <div class="table-scroll">
                    <table class="data-table" data-testid="import-new-rows">
                        <thead><tr>
                            <th scope="col">{t::COL_LINE}</th><th scope="col">{t::COL_DATE}</th><th scope="col">{t::COL_LEVEL}</th>
                            <th scope="col">{t::COL_KIND}</th><th scope="col">{t::COL_TITLE}</th><th scope="col">{t::COL_PROFESSIONS}</th>
                        </tr></thead>
                        <tbody>
                            {p.new_rows.iter().map(|r| view! {
                                <tr>
                                    <td class="num">{r.line}</td>
                                    <td class="nowrap">{r.date_label.clone()}</td>
                                    <td><LevelBadge level=r.level />{r.reason_filled.then(|| view! { " " <span class="badge">{t::REASON_FILLED}</span> })}</td>
                                    <td>{r.kind.clone()}</td>
                                    <td>{r.title.clone()}</td>
                                    <td>{r.professions.join("、")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {any_filled.then(|| view! { <p class="hint" data-testid="import-reason-note">{t::REASON_NOTE_BEFORE}{p.filled_reason.clone()}{t::REASON_NOTE_AFTER}</p> })}
            })}
            {(!p.duplicates.is_empty()).then(|| view! {
                <h2>{t::MATCH_TITLE}</h2>
                <div class="table-scroll">
                    <table class="data-table" data-testid="import-duplicates">
                        <thead><tr>
                            <th scope="col">{t::COL_LINE}</th><th scope="col">{t::COL_DATE}</th><th scope="col">{t::COL_LEVEL}</th>
                            <th scope="col">{t::COL_TITLE}</th><th scope="col">{t::COL_EXISTING}</th><th scope="col">{t::COL_CHOICE}</th>
                        </tr></thead>
                        <tbody>
                            {p.duplicates.iter().map(|d| {
                                view! {
                                    <tr>
                                        <td class="num">{d.line}</td>
                                        <td class="nowrap">{d.date_label.clone()}</td>
                                        <td><LevelBadge level=d.level /></td>
                                        <td>{d.title.clone()}</td>
                                        <td>
                                            <a href=format!("/meetings/{}", d.existing_id)>{d.existing_title.clone()}</a>
                                            {d.existing_archived.then_some(t::ARCHIVED)}
                                        </td>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_an_example() {
        assert!(COLUMNS.iter().all(|(field, _, _)| t::EXAMPLES.iter().any(|(f, e)| f == field && !e.is_empty())));
    }
}
