//! What the pages of the spreadsheet imports (resources, organisations, people, past
//! meetings) share: the upload form with the reason a file was refused, the table of the
//! columns read, and the preview's summary, choice per matching row and confirmation form.
//! Each page keeps its own words for what differs (titles, what a match is, the choices).

use crate::components::islands::FileUpload;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const FILE: &str = "Excel または CSV ファイル";
    pub const FILE_HINT: &str = "Excel（.xlsx）はそのまま選べます（最初のシートを読みます）。CSV は「CSV UTF-8」または「CSV（コンマ区切り）」（Shift_JIS）で保存したもの。16MBまで。";
    pub const UPLOAD: &str = "確認画面へ";
    pub const UPLOADING: &str = "ファイルを送信して確認しています…";
    pub const COLUMNS: &str = "列（1行目の見出しで判断します。順番は自由、ほかの列は無視します）";
    pub const COL_HEADER: &str = "見出し";
    pub const COL_REQUIRED: &str = "必須";
    pub const COL_ALSO: &str = "次の見出しでも可";
    pub const REQUIRED_MARK: &str = "必須";
    pub const FILE_LABEL: &str = "ファイル";
    pub const FORMAT: &str = "形式";
    pub const ROWS: &str = "データ行";
    pub const NEW: &str = "新しく登録";
    pub const PROBLEMS: &str = "問題";
    pub const NOTHING: &str = "取り込む行はありません。";
    pub const CONFIRM: &str = "登録する";
    pub const AGAIN: &str = "別のファイルを選ぶ";
    pub const UNIT: &str = "件";
    /// 「3行目の取り込み方」: the hidden label of a row's choice.
    pub const LINE: &str = "行目の";
}

/// A column an import reads: its field, its header, and other headers read as it.
pub type Column = (&'static str, &'static str, &'static [&'static str]);

/// What the file picker offers: workbooks and CSV files.
const ACCEPT: &str = ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The message for the `?error=<code>` of a refused upload, among the page's `errors`.
pub fn upload_error(errors: &'static [(&'static str, &'static str)]) -> Option<String> {
    use_query_map().with_untracked(|q| q.get("error").and_then(|e| errors.iter().find(|(k, _)| *k == e).map(|(_, m)| m.to_string())))
}

/// The form that sends a spreadsheet to `action`, which answers with its preview or comes
/// back with `?error=` (one of `errors`).
#[component]
pub fn SheetUpload(action: &'static str, errors: &'static [(&'static str, &'static str)]) -> impl IntoView {
    let error = upload_error(errors);
    view! {
        <FileUpload action=action.to_string() accept=ACCEPT.to_string()
            label=t::FILE.to_string() hint=t::FILE_HINT.to_string() sending=t::UPLOADING.to_string() submit=t::UPLOAD.to_string() error />
    }
}

fn example(examples: &[(&str, &'static str)], field: &str) -> &'static str {
    examples.iter().find(|(f, _)| *f == field).map(|(_, e)| *e).unwrap_or("")
}

/// The columns an import reads, the `required` ones marked, with the page's `notes` under
/// them; `examples` adds a column (its header, and an example per field).
#[component]
pub fn ImportColumns(
    columns: &'static [Column],
    required: &'static [&'static str],
    notes: &'static [&'static str],
    #[prop(optional)] examples: Option<(&'static str, &'static [(&'static str, &'static str)])>,
) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t::COLUMNS}</h2>
            <div class="table-scroll">
                <table class="data-table" data-testid="import-columns">
                    <thead><tr>
                        <th scope="col">{t::COL_HEADER}</th><th scope="col">{t::COL_REQUIRED}</th>
                        {examples.map(|(header, _)| view! { <th scope="col">{header}</th> })}
                        <th scope="col">{t::COL_ALSO}</th>
                    </tr></thead>
                    <tbody>
                        {columns.iter().map(|(field, header, others)| view! {
                            <tr>
                                <th scope="row">{*header}</th>
                                <td>{required.contains(field).then_some(t::REQUIRED_MARK)}</td>
                                {examples.map(|(_, list)| view! { <td>{example(list, field)}</td> })}
                                <td>{others.join("、")}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <ul>{notes.iter().map(|n| view! { <li>{*n}</li> }).collect_view()}</ul>
        </section>
    }
}

/// The preview's counts; `matched_label` says what a match is (the same name, the same
/// date and title). `file_only`: the import is saved, and only the file is named.
#[component]
pub fn ImportSummary(
    file_name: String,
    format_name: String,
    rows: u64,
    new_rows: usize,
    matched: usize,
    matched_label: &'static str,
    problems: u64,
    #[prop(optional)] file_only: bool,
) -> impl IntoView {
    view! {
        <dl class="facts card" data-testid="import-summary">
            <dt>{t::FILE_LABEL}</dt><dd>{file_name}</dd>
            {(!file_only).then(|| view! {
                <dt>{t::FORMAT}</dt><dd>{format_name}</dd>
                <dt>{t::ROWS}</dt><dd>{rows} {t::UNIT}</dd>
                <dt>{t::NEW}</dt><dd data-testid="import-new">{new_rows} {t::UNIT}</dd>
                <dt>{matched_label}</dt><dd data-testid="import-matches">{matched} {t::UNIT}</dd>
                <dt>{t::PROBLEMS}</dt><dd data-testid="import-problem-count">{problems} {t::UNIT}</dd>
            })}
        </dl>
    }
}

/// How a row that matches a saved record is taken: one of `choices` (code, label), the
/// first unless changed, sent as `<line>:<code>` among `choices`. `label` names the choice
/// (the column's header). A list box; with `group` (the row's place among the matches),
/// radio buttons named `choices[<group>]` — one group per row, still one list when sent.
#[component]
pub fn RowChoice(line: u64, choices: &'static [(&'static str, &'static str)], label: &'static str, #[prop(optional)] group: Option<usize>) -> impl IntoView {
    let label = format!("{line}{}{label}", t::LINE);
    match group {
        None => {
            let id = format!("choice-{line}");
            view! {
                <label class="visually-hidden" for=id.clone()>{label}</label>
                <select id=id name="choices[]">
                    {choices.iter().map(|(code, text)| view! { <option value=format!("{line}:{code}")>{*text}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        Some(group) => {
            let name = format!("choices[{group}]");
            view! {
                <fieldset class="choices">
                    <legend class="visually-hidden">{label}</legend>
                    {choices.iter().enumerate().map(|(i, (code, text))| {
                        let checked = i == 0;
                        view! {
                            <label class="check"><input type="radio" name=name.clone() value=format!("{line}:{code}") checked=checked />{*text}</label>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
    }
}

/// No row to save (all of them left out or none in the file): the way back to `again`.
#[component]
pub fn NothingToImport(again: &'static str) -> impl IntoView {
    view! {
        <p class="empty">{t::NOTHING}</p>
        <p><a class="button secondary" href=again>{t::AGAIN}</a></p>
    }
}

/// The confirmation: a plain post of upload `id` to `action` with what `children` show and
/// choose (the rows, a choice per match), and the way back to `again`.
#[component]
pub fn ImportCommitForm(action: &'static str, id: i32, again: &'static str, children: Children) -> impl IntoView {
    view! {
        <form method="post" action=action class="stack" data-testid="import-commit">
            <input type="hidden" name="id" value=id />
            {children()}
            <div class="actions">
                <button type="submit" data-testid="import-confirm">{t::CONFIRM}</button>
                <a class="button secondary" href=again>{t::AGAIN}</a>
            </div>
        </form>
    }
}
