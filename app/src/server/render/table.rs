//! Tables as downloads: CSV (BOM, CRLF, formulas neutralised) and XLSX workbooks.

use crate::error::AppError;

/// A grid as CSV: UTF-8 with a BOM (so Excel reads it as such), CRLF line ends, and no cell
/// that a spreadsheet would run as a formula. Every CSV download uses it.
pub fn csv(grid: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(&mut out);
        for r in grid {
            w.write_record(r.iter().map(|c| crate::domain::text::spreadsheet_cell(c).into_owned())).map_err(|e| AppError::Internal(e.to_string()))?;
        }
        w.flush().map_err(|e| AppError::Internal(e.to_string()))?;
    }
    Ok(out)
}

/// A grid as a one-sheet workbook: the header rows bold, counts and percentages as numbers.
pub fn grid_xlsx(sheet_name: &str, grid: &[Vec<String>], header_rows: usize) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(err)?;
    let bold = Format::new().set_bold();
    let share = Format::new().set_num_format("0.0");
    let bold_share = Format::new().set_bold().set_num_format("0.0");
    // Share columns show one decimal, as on screen.
    let shares: Vec<bool> = grid.first().map(|h| h.iter().map(|c| c.contains("構成比")).collect()).unwrap_or_default();
    let last = grid.len().saturating_sub(1);
    for (r, row) in grid.iter().enumerate() {
        let strong = r < header_rows || r == last;
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v.parse::<f64>() {
                Ok(n) if c > 0 && r as usize >= header_rows => {
                    let pct = shares.get(c as usize).copied().unwrap_or(false);
                    let format = match (strong, pct) {
                        (true, true) => &bold_share,
                        (true, false) => &bold,
                        (false, true) => &share,
                        (false, false) => &Format::new(),
                    };
                    sheet.write_number_with_format(r, c, n, format).map_err(err)?;
                }
                _ if strong || c == 0 => {
                    sheet.write_string_with_format(r, c, v, &bold).map_err(err)?;
                }
                _ => {
                    sheet.write_string(r, c, v).map_err(err)?;
                }
            }
        }
    }
    sheet.set_column_width(0, 34).map_err(err)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    book.save_to_buffer().map_err(err)
}

/// A list as CSV with its header row.
pub fn table_csv(headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    let mut grid = vec![headers.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    grid.extend_from_slice(rows);
    csv(&grid)
}

/// A list as a one-sheet workbook: bold frozen header with filters; the `numeric` columns
/// written as numbers (so that Excel sorts and sums them), `widths` as (column, width).
pub fn table_xlsx(sheet_name: &str, headers: &[&str], rows: &[Vec<String>], numeric: &[usize], widths: &[(u16, f64)]) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(err)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if numeric.contains(&c) {
                if let Ok(n) = v.parse::<f64>() {
                    sheet.write_number(r as u32 + 1, c as u16, n).map_err(err)?;
                    continue;
                }
            }
            sheet.write_string(r as u32 + 1, c as u16, v).map_err(err)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet.autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1).map_err(err)?;
    for (c, w) in widths {
        sheet.set_column_width(*c, *w).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}
