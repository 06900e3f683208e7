//! Words every page uses the same way (buttons, filters, states). A page's own words stay in
//! its `t` module, which re-exports these.

/// Shown while a page reads its data.
pub const LOADING: &str = "読み込み中…";
pub const SAVE: &str = "保存する";
pub const CANCEL: &str = "キャンセル";
pub const EDIT: &str = "編集";
pub const ADD: &str = "追加する";
/// The filter choice that does not narrow.
pub const ALL: &str = "すべて";
pub const FILTER: &str = "絞り込む";
pub const CLEAR: &str = "条件をクリア";
pub const ARCHIVED: &str = "アーカイブ済み";
pub const RESTORE: &str = "有効に戻す";
pub const PRINT: &str = "印刷";
pub const UPDATED: &str = "最終更新";
/// Counter suffix: 12件.
pub const COUNT: &str = "件";
pub const CONFIDENTIAL: &str = "部外秘";
