//! Reading a table someone kept in a spreadsheet: XLSX (its first worksheet) or CSV in
//! UTF-8 (with or without BOM) or Shift_JIS, as Excel on Japanese Windows saves it. Rows
//! come with the line number a person sees in Excel, cells as trimmed text.

use calamine::{Data, Reader, Xlsx};

#[derive(Debug)]
pub struct Sheet {
    /// "Excel (XLSX)", "UTF-8" or "Shift_JIS".
    pub format: &'static str,
    /// (line number, cells); wholly empty rows are left out.
    pub rows: Vec<(u64, Vec<String>)>,
}

/// The text of a CSV file: UTF-8 (a BOM is dropped), else Shift_JIS.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // No text file has NUL, and PostgreSQL cannot store it.
    if bytes.contains(&0) {
        return Err("CSV ファイルではないようです（使用できない文字が含まれています）。CSV（UTF-8 または Shift_JIS）で保存してください。".into());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    if had_errors {
        return Err("ファイルの文字コードを読み取れません。CSV（UTF-8 または Shift_JIS）で保存してください。".into());
    }
    Ok((text.into_owned(), "Shift_JIS"))
}

/// An XLSX file is a ZIP archive.
fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

pub fn read(bytes: &[u8]) -> Result<Sheet, String> {
    if is_xlsx(bytes) {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, String> {
    let (text, format) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Line numbers from byte offsets: the csv crate's own count is one short after CRLF,
    // which is what Excel writes (a record's position is then the `\n` of the line end
    // before it, hence the byte itself is counted). A cell with a line break spans lines.
    let (mut counted_to, mut lines_before) = (0usize, 0u64);
    let mut line_at = |byte: u64| {
        let byte = (byte as usize + 1).min(text.len());
        if byte >= counted_to {
            lines_before += text.as_bytes()[counted_to..byte].iter().filter(|b| **b == b'\n').count() as u64;
            counted_to = byte;
        }
        lines_before + 1
    };
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(i as u64 + 1);
            format!("{line}行目付近を読み取れません（引用符の閉じ忘れなど）。")
        })?;
        let line = record.position().map(|p| line_at(p.byte())).unwrap_or(i as u64 + 1);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok(Sheet { format, rows })
}

/// Bounds of a sheet worth reading: a centre's list is hundreds of rows, and a crafted file
/// must not make the server unpack or hold gigabytes.
const MAX_ROWS: u32 = 20_000;
const MAX_COLUMNS: u32 = 200;
const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;

fn read_xlsx(bytes: &[u8]) -> Result<Sheet, String> {
    const UNREADABLE: &str = "Excel ファイルを読み取れません。.xlsx 形式で保存し直すか、CSV で保存してください。";
    const TOO_BIG: &str = "Excel ファイルが大きすぎます（20,000行・200列まで）。地区ごとなどに分けるか、CSV で保存してください。";
    // The archive's declared sizes bound what unpacking it produces.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| UNREADABLE.to_string())?;
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        unpacked = unpacked.saturating_add(archive.by_index_raw(i).map_err(|_| UNREADABLE.to_string())?.size());
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(TOO_BIG.into());
    }
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).map_err(|_| UNREADABLE.to_string())?;
    let name = book.sheet_names().first().cloned().ok_or_else(|| "Excel ファイルにシートがありません。".to_string())?;
    // Cell by cell: a range would reserve every position between the first and last cell.
    let mut reader = book.worksheet_cells_reader(&name).map_err(|_| UNREADABLE.to_string())?;
    let mut grid: std::collections::BTreeMap<u32, Vec<String>> = std::collections::BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(|_| UNREADABLE.to_string())? {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(TOO_BIG.into());
        }
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let cells = grid.entry(row).or_default();
        if cells.len() <= column as usize {
            cells.resize(column as usize + 1, String::new());
        }
        cells[column as usize] = text;
    }
    Ok(Sheet { format: "Excel (XLSX)", rows: grid.into_iter().map(|(r, cells)| (r as u64 + 1, cells)).collect() })
}

/// A cell as a person reads it: whole numbers without ".0", dates as 2024-04-01.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        // calamine knows the workbook's date system (1900, or 1904 from old Mac Excel).
        Data::DateTime(dt) if dt.is_duration() => dt.as_f64().to_string(),
        // A time of day alone (h:mm): what the cell shows, not a day of 1899.
        Data::DateTime(dt) if (0.0..1.0).contains(&dt.as_f64()) => {
            let minutes = (dt.as_f64() * 24.0 * 60.0).round() as u32;
            format!("{}:{:02}", minutes / 60 % 24, minutes % 60)
        }
        Data::DateTime(dt) => (0.0..3_000_000.0)
            .contains(&dt.as_f64())
            .then(|| dt.as_datetime())
            .flatten()
            .map(|d| d.date().to_string())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_bom_and_in_shift_jis() {
        let utf8 = "\u{feff}名称,地区\r\nつながるカフェ,鵜住居\r\n,\r\n\"複数\n行\",甲子\r\n";
        let s = read(utf8.as_bytes()).unwrap();
        assert_eq!(s.format, "UTF-8");
        assert_eq!(s.rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![1, 2, 4], "empty rows dropped, Excel's line numbers kept");
        assert_eq!(s.rows[1].1, vec!["つながるカフェ", "鵜住居"]);
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("名称,地区\r\n百歳体操,唐丹\r\n");
        let s = read(&sjis).unwrap();
        assert_eq!((s.format, s.rows[1].1[0].as_str()), ("Shift_JIS", "百歳体操"));
        assert!(read(b"a\0b").is_err());
    }

    #[test]
    fn excel_cells_read_as_people_see_them() {
        assert_eq!(cell_text(&Data::Float(3.0)), "3");
        assert_eq!(cell_text(&Data::Float(141.88)), "141.88");
        use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
        assert_eq!(cell_text(&Data::DateTime(ExcelDateTime::new(45383.0, DateTime, false))), "2024-04-01");
        assert_eq!(cell_text(&Data::DateTime(ExcelDateTime::new(43921.0, DateTime, true))), "2024-04-01", "the 1904 date system");
        assert_eq!(cell_text(&Data::DateTime(ExcelDateTime::new(1e12, DateTime, false))), "", "no date from a nonsense serial");
        assert_eq!(cell_text(&Data::DateTime(ExcelDateTime::new(f64::NAN, DateTime, false))), "");
        assert_eq!(cell_text(&Data::DateTime(ExcelDateTime::new(10.5 / 24.0, DateTime, false))), "10:30", "a time of day");
        assert!(read(b"PK\x03\x04 not really a zip").is_err());
    }

    #[test]
    fn a_workbook_reads_by_position_and_a_far_away_cell_is_refused_not_allocated() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "名称").unwrap();
        sheet.write_string(0, 2, "緯度").unwrap();
        sheet.write_string(2, 0, "つながるカフェ").unwrap();
        sheet.write_number(2, 2, 39.5).unwrap();
        let s = read(&book.save_to_buffer().unwrap()).unwrap();
        assert_eq!(s.format, "Excel (XLSX)");
        assert_eq!(s.rows, vec![(1, vec!["名称".to_string(), String::new(), "緯度".into()]), (3, vec!["つながるカフェ".to_string(), String::new(), "39.5".into()])]);

        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "名称").unwrap();
        sheet.write_string(1_048_575, 16_383, "遠く").unwrap();
        assert!(read(&book.save_to_buffer().unwrap()).unwrap_err().contains("大きすぎます"));
    }
}
