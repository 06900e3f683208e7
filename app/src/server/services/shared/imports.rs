//! What the spreadsheet imports (resources, organisations, people, past meetings) share
//! between the file and the save: the columns found by the header row, the problems listed
//! in a preview, and the all-or-nothing refusals of a commit.

use super::sheet;
use crate::dto::consultations::ImportProblem;
use crate::error::AppError;
use std::collections::HashMap;

/// Problems listed in a preview (the rest are counted).
pub const LISTED_PROBLEMS: usize = 200;

/// A file read row by row: the rows without a problem, and every problem.
pub struct Parsed<R> {
    pub format: &'static str,
    pub rows: Vec<R>,
    pub problems: Vec<ImportProblem>,
    /// Data rows read, with or without problems.
    pub data_rows: u64,
}

impl<R> Parsed<R> {
    pub fn empty() -> Parsed<R> {
        Parsed { format: "", rows: Vec::new(), problems: Vec::new(), data_rows: 0 }
    }

    /// A file with a header and nothing under it says so, on the line after the header.
    pub fn nothing_to_import(&mut self, header_line: u64) {
        if self.data_rows == 0 && self.problems.is_empty() {
            self.problems.push(ImportProblem { line: header_line + 1, column: String::new(), message: "取り込む行がありません。".into() });
        }
    }
}

/// A file's data rows with where each known column is.
pub struct Table {
    pub header_line: u64,
    /// Fields to the position of their column.
    pub index: HashMap<&'static str, usize>,
    /// Fields to the header the file itself writes for them.
    pub headers: HashMap<&'static str, String>,
    /// (line number, cells) below the header.
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Reads the file and finds its columns by the first row: `field_of` names the field of a
/// header, `header_of` the header a field is shown under; `example` (「名称」「分類」) is what
/// the problem of a missing header row suggests. None, with the problems in `out`, when the
/// file cannot be read, has no rows, names a column twice or lacks a required one.
pub fn read_table<R>(
    bytes: &[u8],
    field_of: impl Fn(&str) -> Option<&'static str>,
    header_of: impl Fn(&str) -> &'static str,
    required: &[&str],
    example: &str,
    out: &mut Parsed<R>,
) -> Option<Table> {
    let problem = |line: u64, column: &str, message: String| ImportProblem { line, column: column.to_string(), message };
    let table = match sheet::read(bytes) {
        Ok(t) => t,
        Err(m) => {
            out.problems.push(problem(0, "", m));
            return None;
        }
    };
    out.format = table.format;
    let mut rows = table.rows.into_iter();
    let Some((header_line, header)) = rows.next() else {
        out.problems.push(problem(1, "", format!("見出しの行がありません。1行目に{example}などの列名を書いてください。")));
        return None;
    };
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    let mut headers: HashMap<&'static str, String> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(field) = field_of(h.as_str()) {
            if index.insert(field, i).is_some() {
                out.problems.push(problem(header_line, header_of(field), format!("列「{}」が2回あります。", header_of(field))));
            }
            headers.insert(field, h.trim().to_string());
        }
    }
    for field in required {
        if !index.contains_key(*field) {
            out.problems.push(problem(header_line, header_of(*field), format!("必須の列「{}」がありません。", header_of(*field))));
        }
    }
    if !out.problems.is_empty() {
        return None;
    }
    Some(Table { header_line, index, headers, rows: rows.collect() })
}

/// The problems a preview lists, and how many more there are.
pub fn listed_problems(problems: Vec<ImportProblem>) -> (Vec<ImportProblem>, u64) {
    let more = problems.len().saturating_sub(LISTED_PROBLEMS) as u64;
    (problems.into_iter().take(LISTED_PROBLEMS).collect(), more)
}

/// A commit saves all rows or none: any problem refuses the whole file.
pub fn refuse_problems(problems: &[ImportProblem]) -> Result<(), AppError> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(AppError::BadRequest(format!("取り込めない行が{}件あるため、何も登録していません。ファイルを直してから、もう一度選んでください。", problems.len())))
}

/// A row's save refused after the preview passed (someone changed the lists meanwhile, or a
/// matching row chosen to be registered anew lacks what a new record needs).
pub fn at_line(line: u64, e: AppError) -> AppError {
    match e {
        AppError::Validation(errs) => AppError::BadRequest(format!(
            "{line}行目を登録できないため、何も登録していません（{}）。",
            errs.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join(" ")
        )),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(h: &str) -> Option<&'static str> {
        match h {
            "名称" => Some("name"),
            "分類" => Some("category"),
            _ => None,
        }
    }

    fn header_of(f: &str) -> &'static str {
        match f {
            "name" => "名称",
            "category" => "分類",
            _ => "",
        }
    }

    fn read(text: &str) -> (Option<Table>, Parsed<()>) {
        let mut out = Parsed::empty();
        let table = read_table(text.as_bytes(), field_of, header_of, &["name", "category"], "「名称」「分類」", &mut out);
        (table, out)
    }

    #[test]
    fn columns_are_found_by_header_and_problems_named_on_the_header_line() {
        let (table, out) = read("メモ, 名称 ,分類\n,つながるカフェ,サロン\n");
        let table = table.expect("a good header");
        assert_eq!(out.format, "UTF-8");
        assert_eq!((table.header_line, table.index["name"], table.index["category"]), (1, 1, 2));
        assert_eq!(table.headers["name"], "名称");
        assert_eq!(table.rows, vec![(2, vec![String::new(), "つながるカフェ".into(), "サロン".into()])]);

        let (table, out) = read("名称,名称\n");
        assert!(table.is_none());
        let found: Vec<_> = out.problems.iter().map(|p| (p.line, p.column.as_str(), p.message.as_str())).collect();
        assert_eq!(found, vec![(1, "名称", "列「名称」が2回あります。"), (1, "分類", "必須の列「分類」がありません。")]);

        let (table, out) = read("");
        assert!(table.is_none());
        assert_eq!((out.problems[0].line, out.problems[0].message.as_str()), (1, "見出しの行がありません。1行目に「名称」「分類」などの列名を書いてください。"));
    }

    #[test]
    fn a_preview_lists_the_first_problems_and_counts_the_rest() {
        let problems: Vec<_> = (0..LISTED_PROBLEMS as u64 + 3).map(|line| ImportProblem { line, column: String::new(), message: String::new() }).collect();
        let (listed, more) = listed_problems(problems);
        assert_eq!((listed.len(), more), (LISTED_PROBLEMS, 3));
        assert!(refuse_problems(&listed).is_err());
        assert!(refuse_problems(&[]).is_ok());
    }
}
