//! The year × issue table of one profession (the pharmacists' A–G since H24 is the model):
//! issues as rows, fiscal years as columns, the marks of the actions in each cell. Also its
//! XLSX export, laid out the same way and written to the audit trail.

use crate::server::services::audit::{self, Action, Actor};
use crate::server::services::issues::actions::{action_view, meeting_labels};
use super::access::IssueAccess;
use crate::server::services::issues::register::{layer_of, of_profession, status_of};
use crate::dto::issues::{ActionView, IssueMatrix, MatrixCell, MatrixRow, MatrixYear};
use crate::domain::issues::{matrix_cells, matrix_range};
use crate::domain::{FiscalYear, FiscalYearRange};
use crate::error::AppError;
use crate::server::entities::issue_action;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};

/// The widest range a matrix shows (the columns of an A4 landscape page run out long before).
const MAX_YEARS: i32 = 40;

pub fn year(y: i32) -> MatrixYear {
    let fy = FiscalYear(y);
    MatrixYear { year: y, label: fy.short_label(), western: fy.western_label() }
}

/// `from`/`to` default to every year with an issue or action, up to the current one.
pub async fn matrix(db: &impl ConnectionTrait, access: &IssueAccess, profession: i32, from: Option<i32>, to: Option<i32>, today: NaiveDate) -> Result<IssueMatrix, AppError> {
    let prof = access.profession(db, profession).await?;
    let issues = of_profession(db, access, profession).await?;
    let ids: Vec<i32> = issues.iter().map(|i| i.id).collect();
    let mut actions = Vec::new();
    for chunk in ids.chunks(500) {
        actions.extend(
            access
                .actions()
                .filter(issue_action::Column::IssueId.is_in(chunk.to_vec()))
                .order_by_asc(issue_action::Column::ActedOn)
                .order_by_asc(issue_action::Column::Id)
                .all(db)
                .await?,
        );
    }
    actions.sort_by_key(|a| (a.acted_on, a.id));
    let first_years: Vec<i32> = issues.iter().map(|i| i.fiscal_year).collect();
    let action_years: Vec<i32> = actions.iter().map(|a| a.fiscal_year).collect();
    let (min, max) = matrix_range(&first_years, &action_years, FiscalYear::of(today));
    let range = FiscalYearRange::requested(from, to, (min, max), MAX_YEARS).map_err(AppError::BadRequest)?;
    let (from, to) = (range.first.0, range.last.0);
    let meetings = meeting_labels(db, &actions.iter().filter_map(|a| a.meeting_id).collect::<Vec<_>>()).await?;
    let views: Vec<(i32, i32, ActionView)> = actions.iter().map(|a| (a.issue_id, a.fiscal_year, action_view(a, &meetings))).collect();
    let cells = matrix_cells(&issues.iter().map(|i| (i.id, i.fiscal_year)).collect::<Vec<_>>(), &views, from, to);
    let rows = issues
        .iter()
        .zip(cells)
        .map(|(i, cells)| MatrixRow {
            issue_id: i.id,
            code: i.code.clone(),
            title: i.title.clone(),
            layer: layer_of(i),
            status: status_of(i),
            cells: cells.into_iter().map(|c| MatrixCell { first: c.first, actions: c.actions }).collect(),
        })
        .collect();
    Ok(IssueMatrix {
        profession: prof,
        years: (from..=to).map(year).collect(),
        rows,
        from,
        to,
        selectable: (min.min(from)..=max.max(to)).map(year).collect(),
    })
}

pub const LEGEND: &str = "◆ 二次連携　◇ 協働事業　★ 役割の周知・その他　抽出: 課題を抽出した年度";

/// The matrix as a workbook: sheet 1 laid out as on screen (a note on each cell lists its
/// actions), sheet 2 every action as a row.
pub fn xlsx(m: &IssueMatrix) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Note, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_align(FormatAlign::Center).set_border(FormatBorder::Thin).set_background_color(Color::RGB(0xEEEEEE));
    let cell = Format::new().set_align(FormatAlign::Center).set_border(FormatBorder::Thin);
    let first = cell.clone().set_background_color(Color::RGB(0xFFF2CC));
    let text = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let sheet = book.add_worksheet();
    sheet.set_name("課題マトリクス").map_err(err)?;
    sheet.write_string_with_format(0, 0, format!("{}の課題と取組（{}〜{}）", m.profession.name, year(m.from).label, year(m.to).label), &bold).map_err(err)?;
    sheet.write_string_with_format(2, 0, "記号", &head).map_err(err)?;
    sheet.write_string_with_format(2, 1, "課題", &head).map_err(err)?;
    for (c, y) in m.years.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16 + 2, &y.label, &head).map_err(err)?;
        sheet.write_number(3, c as u16 + 2, y.year as f64).map_err(err)?;
    }
    sheet.write_string(3, 1, "西暦年度").map_err(err)?;
    for (r, row) in m.rows.iter().enumerate() {
        let r = r as u32 + 4;
        sheet.write_string_with_format(r, 0, &row.code, &cell).map_err(err)?;
        sheet.write_string_with_format(r, 1, &row.title, &text).map_err(err)?;
        for (c, v) in row.cells.iter().enumerate() {
            let col = c as u16 + 2;
            sheet.write_string_with_format(r, col, v.text(), if v.first { &first } else { &cell }).map_err(err)?;
            if !v.actions.is_empty() {
                let lines: Vec<String> = v.actions.iter().map(|a| format!("{} {} {}", a.mark.symbol(), a.date, a.description)).collect();
                sheet.insert_note(r, col, &Note::new(lines.join("\n")).set_author("Renkei")).map_err(err)?;
            }
        }
    }
    let legend_row = m.rows.len() as u32 + 5;
    sheet.write_string(legend_row, 0, LEGEND).map_err(err)?;
    sheet.set_column_width(0, 6).map_err(err)?;
    sheet.set_column_width(1, 40).map_err(err)?;
    sheet.set_freeze_panes(4, 2).map_err(err)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);

    let list = book.add_worksheet();
    list.set_name("取組一覧").map_err(err)?;
    for (c, h) in ["年度", "西暦年度", "記号", "課題", "区分", "実施日", "内容", "会議"].iter().enumerate() {
        list.write_string_with_format(0, c as u16, *h, &bold).map_err(err)?;
    }
    let mut r = 1u32;
    for row in &m.rows {
        for (c, v) in row.cells.iter().enumerate() {
            for a in &v.actions {
                let y = &m.years[c];
                list.write_string(r, 0, &y.label).map_err(err)?;
                list.write_number(r, 1, y.year as f64).map_err(err)?;
                list.write_string(r, 2, &row.code).map_err(err)?;
                list.write_string(r, 3, &row.title).map_err(err)?;
                list.write_string(r, 4, format!("{} {}", a.mark.symbol(), a.mark.label())).map_err(err)?;
                // A plain date in the workbook (ISO "2024-06-27" → "2024/06/27"), not the page's label.
                list.write_string(r, 5, a.acted_on.replace('-', "/")).map_err(err)?;
                list.write_string(r, 6, &a.description).map_err(err)?;
                list.write_string(r, 7, a.meeting.as_ref().map(|m| m.name.as_str()).unwrap_or("")).map_err(err)?;
                r += 1;
            }
        }
    }
    list.set_column_width(3, 36).map_err(err)?;
    list.set_column_width(6, 48).map_err(err)?;
    list.set_column_width(7, 36).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

/// The workbook of a register's matrix; every export is written to the audit trail.
#[allow(clippy::too_many_arguments)]
pub async fn export_xlsx(
    db: &impl ConnectionTrait,
    actor: &Actor,
    access: &IssueAccess,
    profession: i32,
    from: Option<i32>,
    to: Option<i32>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(String, Vec<u8>), AppError> {
    let m = matrix(db, access, profession, from, to, today).await?;
    let body = xlsx(&m)?;
    let summary = format!("{} 課題マトリクス {}〜{}（{}件）", m.profession.name, year(m.from).label, year(m.to).label, m.rows.len());
    audit::record(db, actor, "issue_register", Some(profession as i64), Action::Export, &summary, &[], now).await?;
    Ok((format!("issues-{}-{}-{}.xlsx", profession, m.from, m.to), body))
}

