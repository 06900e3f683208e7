//! What keeps an uploaded file from being imported, as the imports' previews show it: every
//! problem with its line and column, and the way back to choose a corrected file.

use crate::dto::consultations::ImportProblem;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "取り込めない行があります。ファイルを直してから、もう一度選んでください（この状態では1件も登録しません）。";
    pub const MORE: &str = "ほかにも問題があります: ";
    pub const COL_LINE: &str = "行";
    pub const COL_COLUMN: &str = "列";
    pub const COL_MESSAGE: &str = "内容";
    pub const AGAIN: &str = "別のファイルを選ぶ";
    pub const UNIT: &str = "件";
}

/// `more`: problems beyond those listed; `again`: the import's upload page.
#[component]
pub fn ImportProblems(problems: Vec<ImportProblem>, more: u64, again: &'static str) -> impl IntoView {
    view! {
        <div class="form-error" role="alert">{t::TITLE}</div>
        <div class="table-scroll">
            <table class="data-table" data-testid="import-problems">
                <thead><tr><th scope="col" class="nowrap">{t::COL_LINE}</th><th scope="col" class="nowrap">{t::COL_COLUMN}</th><th scope="col">{t::COL_MESSAGE}</th></tr></thead>
                <tbody>
                    {problems.into_iter().map(|e| view! { <tr><td class="num">{(e.line > 0).then_some(e.line)}</td><td class="nowrap">{e.column}</td><td>{e.message}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </div>
        {(more > 0).then(|| view! { <p>{t::MORE}{more} {t::UNIT}</p> })}
        <p><a class="button" href=again>{t::AGAIN}</a></p>
    }
}
