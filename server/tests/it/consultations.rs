//! The consultation desk: categories and renames, trend-table cells at fiscal-year and era
//! boundaries, totals and shares, the chart, CSV/XLSX equal to the screen, the CSV import
//! (date forms, line numbers, all-or-nothing, duplicates, Shift_JIS), and who may see what.

use crate::common;

use app::api::consultations::ImportPreview;
use app::domain::consultations::{ConsultationInput, DEFAULT_CATEGORIES};
use app::domain::Role;
use app::error::AppError;
use app::server::entities::consultation;
use app::server::services::audit::Actor;
use app::server::services::{consultations, demo, directory};
use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate, Utc};
use common::{backends, form, TestApp, TestDb};
use http::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use std::collections::BTreeMap;

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    consultations::categories::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The fiscal year, computed here independently of the app: April to March.
fn fy_of(d: NaiveDate) -> i32 {
    if d.month() >= 4 { d.year() } else { d.year() - 1 }
}

async fn category_ids(app: &TestApp) -> Vec<i32> {
    consultations::categories::all(&app.db.conn).await.unwrap().into_iter().map(|c| c.id).collect()
}

fn input(received_on: &str, category: i32) -> ConsultationInput {
    ConsultationInput { received_on: received_on.into(), category: category.to_string(), status: "done".into(), ..Default::default() }
}

async fn create(app: &TestApp, input: &ConsultationInput) -> i32 {
    consultations::record::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &Actor::system("test"), None, None, input, Utc::now()).await.unwrap()
}

/// (fiscal year, category id) → count, from the records themselves.
async fn expected_counts(app: &TestApp) -> BTreeMap<(i32, i32), u64> {
    let mut m = BTreeMap::new();
    for c in consultation::Entity::find().all(&app.db.conn).await.unwrap() {
        if c.active {
            *m.entry((fy_of(c.received_on), c.category_id)).or_default() += 1;
        }
    }
    m
}

#[tokio::test]
async fn trend_cells_equal_the_records_across_year_and_era_boundaries() {
    for db in backends().await {
        let app = seeded(db).await;
        let cats = category_ids(&app).await;
        let dates = [
            ("2017-03-31", 0), ("2017-04-01", 0), ("2018-03-31", 1), ("2018-04-01", 1), ("2019-03-31", 2), ("2019-04-01", 2),
            ("2019-04-30", 3), ("2019-05-01", 3), ("2020-03-31", 4), ("2020-04-01", 5), ("2024-04-01", 0), ("2025-03-31", 0),
        ];
        for (d, c) in dates {
            create(&app, &input(d, cats[c])).await;
        }
        // An archived record is not counted.
        let archived = create(&app, &input("2019-06-01", cats[0])).await;
        consultations::record::set_active(&app.db.conn, &Actor::system("test"), archived, 1, false, Utc::now()).await.unwrap();

        let v = consultations::trends::trends(&app.db.conn, None, None, true, today()).await.unwrap();
        // Every year with data, FY2016 (2017-03-31) to FY2024.
        assert_eq!((v.from, v.to), (2016, 2024));
        let expected = expected_counts(&app).await;
        let t = &v.table;
        assert_eq!(t.rows.len(), DEFAULT_CATEGORIES.len());
        for row in &t.rows {
            for (i, y) in t.years.iter().enumerate() {
                assert_eq!(row.counts[i], expected.get(&(y.0, row.category.id)).copied().unwrap_or(0), "{} {}", row.category.name, y.short_label());
            }
            assert_eq!(row.total, row.counts.iter().sum::<u64>());
        }
        // The boundaries by hand: 31 March is the previous year; 30 April 2019 (平成) and
        // 1 May 2019 (令和) are both R1.
        let col = |y: i32| t.years.iter().position(|f| f.0 == y).unwrap();
        assert_eq!(t.rows[0].counts[col(2016)], 1);
        assert_eq!(t.rows[0].counts[col(2017)], 1);
        assert_eq!(t.rows[2].counts[col(2018)], 1);
        assert_eq!(t.rows[2].counts[col(2019)], 1);
        assert_eq!(t.rows[3].counts[col(2019)], 2);
        assert_eq!(t.rows[0].counts[col(2024)], 2);
        assert_eq!(t.years[col(2019)].short_label(), "R1");
        assert_eq!(t.years[col(2018)].short_label(), "H30");
        assert_eq!(t.column_totals[col(2019)], 4);
        assert_eq!(t.total, 12);
        assert_eq!(t.percent(3, col(2019)), "50.0");
        assert_eq!(t.percent(2, col(2019)), "25.0");
        // A narrower range.
        let v = consultations::trends::trends(&app.db.conn, Some(2019), Some(2020), false, today()).await.unwrap();
        assert_eq!(v.table.years.iter().map(|y| y.short_label()).collect::<Vec<_>>(), ["R1", "R2"]);
        assert_eq!(v.table.total, 5);
        // The chart has one bar segment per non-empty cell, with its count.
        let cells = v.table.rows.iter().flat_map(|r| r.counts.iter()).filter(|n| **n > 0).count();
        assert_eq!(v.svg.matches(r#"class="bar""#).count(), cells);
        assert!(v.svg.contains("<title>R1 他部署・他機関への相談等の調整: 2</title>"), "{}", v.svg);
    }
}

#[tokio::test]
async fn renames_keep_past_counts_and_retired_categories_stay_in_their_years() {
    for db in backends().await {
        let app = seeded(db).await;
        let cats = category_ids(&app).await;
        let admin = Actor::system("admin");
        create(&app, &input("2017-05-01", cats[0])).await;
        create(&app, &input("2017-06-01", cats[0])).await;
        create(&app, &input("2018-05-01", cats[4])).await;
        consultations::categories::save(&app.db.conn, &admin, Some(cats[0]), Some(1), "地域の連携体制に関する相談（改称）", Utc::now()).await.unwrap();
        let v = consultations::trends::trends(&app.db.conn, None, None, false, today()).await.unwrap();
        assert_eq!(v.table.rows[0].category.name, "地域の連携体制に関する相談（改称）");
        assert_eq!(v.table.rows[0].counts, vec![2, 0]);
        // A duplicate name is refused next to the field.
        let e = consultations::categories::save(&app.db.conn, &admin, None, None, "その他", Utc::now()).await.unwrap_err();
        assert!(matches!(&e, AppError::Validation(f) if f.iter().any(|x| x.field == "name")), "{e:?}");
        // A new category is offered; a retired one is not, but stays in the years it was used.
        let new = consultations::categories::save(&app.db.conn, &admin, None, None, "研修に関する相談", Utc::now()).await.unwrap();
        consultations::categories::set_active(&app.db.conn, &admin, cats[4], 1, false, Utc::now()).await.unwrap();
        let choices = consultations::record::choices(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), None).await.unwrap();
        assert!(choices.categories.iter().any(|c| c.id == new));
        assert!(!choices.categories.iter().any(|c| c.id == cats[4]));
        let v = consultations::trends::trends(&app.db.conn, Some(2017), Some(2018), false, today()).await.unwrap();
        let names: Vec<&str> = v.table.rows.iter().map(|r| r.category.name.as_str()).collect();
        assert!(names.contains(&"データ提供依頼") && names.contains(&"研修に関する相談"), "{names:?}");
        assert_eq!(v.table.rows.iter().find(|r| r.category.id == cats[4]).unwrap().counts, vec![0, 1]);
        let v = consultations::trends::trends(&app.db.conn, Some(2020), Some(2021), false, today()).await.unwrap();
        assert!(!v.table.rows.iter().any(|r| r.category.id == cats[4]));
        // New records cannot take the retired category; the record that has it keeps it.
        let e = consultations::record::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &admin, None, None, &input("2021-05-01", cats[4]), Utc::now()).await.unwrap_err();
        assert!(matches!(&e, AppError::Validation(f) if f.iter().any(|x| x.field == "category")), "{e:?}");
        let old = consultation::Entity::find().all(&app.db.conn).await.unwrap().into_iter().find(|c| c.category_id == cats[4]).unwrap();
        let mut edit = input("2018-05-02", cats[4]);
        edit.content = "追記".into();
        consultations::record::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &admin, Some(old.id), Some(old.version), &edit, Utc::now()).await.unwrap();
        // A stale version is refused.
        let e = consultations::record::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &admin, Some(old.id), Some(old.version), &edit, Utc::now()).await.unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
    }
}

fn grid_of_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "CSV starts with a BOM");
    csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&bytes[3..]).records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

fn grid_of_xlsx(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| {
            let mut v: Vec<String> = r
                .iter()
                .map(|c| match c {
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    Data::Float(f) => format!("{f:.1}"),
                    Data::Int(i) => i.to_string(),
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect();
            while v.last().is_some_and(|s| s.is_empty()) {
                v.pop();
            }
            v
        })
        .collect()
}

/// Without trailing empty cells, numbers written one way ("16.0" and 16 are the same number).
fn trimmed(grid: Vec<Vec<String>>) -> Vec<Vec<String>> {
    grid.into_iter()
        .map(|r| r.into_iter().map(|c| c.parse::<f64>().map(|n| n.to_string()).unwrap_or(c)).collect::<Vec<_>>())
        .map(|mut r| {
            while r.last().is_some_and(|s| s.is_empty()) {
                r.pop();
            }
            r
        })
        .collect()
}

/// The numbers in the page's trend table, row by row (as a person reads them).
fn screen_numbers(html: &str) -> Vec<Vec<String>> {
    let table = html.split(r#"data-testid="trend-table""#).nth(1).unwrap().split("</table>").next().unwrap();
    table
        .split("<tr")
        .skip(1)
        .filter(|row| row.contains("<td"))
        .map(|row| {
            row.split(r#"<td class="num"#)
                .skip(1)
                .map(|cell| cell.split('>').nth(1).unwrap().split('<').next().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn eight_years_imported_from_csv_give_the_teams_table_and_files_equal_the_screen() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, coordinator) = app.user("coord", Role::Coordinator).await;
        // The team's H29–R6 table, as a CSV with every date form (scripts/make-demo-consultations.py).
        let res = app.upload("/consultations/import", "file", "h29-r6.csv", demo::consultations::CSV, Some(&coordinator)).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let id: i32 = res.header("location").rsplit('/').next().unwrap().parse().unwrap();
        let preview: ImportPreview = serde_json::from_value(app.call("consultations_import_preview", &form(&[("id", &id.to_string())]), Some(&coordinator)).await.json()).unwrap();
        assert_eq!((preview.rows, preview.new_count, preview.duplicates, preview.problems.len()), (311, 311, 0, 0), "{preview:?}");
        assert_eq!(consultation::Entity::find().count(&app.db.conn).await.unwrap(), 0, "nothing saved before confirming");
        let res = app.call("consultations_import_commit", &form(&[("id", &id.to_string())]), Some(&coordinator)).await;
        assert!(res.status.is_success() || res.status.is_redirection(), "{} {}", res.status, res.body);
        assert_eq!(consultation::Entity::find().count(&app.db.conn).await.unwrap(), 311);

        let team: [[u64; 8]; 6] = [
            [7, 4, 3, 0, 4, 5, 3, 2],
            [20, 23, 20, 4, 6, 3, 5, 11],
            [16, 4, 5, 4, 5, 3, 5, 0],
            [17, 13, 11, 13, 15, 13, 8, 10],
            [5, 5, 6, 3, 1, 6, 2, 16],
            [0, 0, 1, 1, 0, 2, 1, 0],
        ];
        let v = consultations::trends::trends(&app.db.conn, None, None, false, today()).await.unwrap();
        assert_eq!(v.table.years.iter().map(|y| y.short_label()).collect::<Vec<_>>(), ["H29", "H30", "R1", "R2", "R3", "R4", "R5", "R6"]);
        for (r, row) in v.table.rows.iter().enumerate() {
            assert_eq!(row.category.name, DEFAULT_CATEGORIES[r]);
            assert_eq!(row.counts, team[r].to_vec(), "{}", row.category.name);
        }
        assert_eq!(v.table.column_totals, vec![65, 49, 46, 25, 31, 32, 24, 39]);
        assert_eq!(v.table.total, 311);

        // The page, the CSV and the workbook show the same table.
        for pct in [false, true] {
            let q = if pct { "?from=2017&to=2024&pct=1" } else { "?from=2017&to=2024" };
            let t = consultations::trends::trends(&app.db.conn, Some(2017), Some(2024), pct, today()).await.unwrap().table;
            let grid = t.grid(pct);
            let page = app.get(&format!("/consultations/trends{q}"), Some(&coordinator)).await;
            assert_eq!(page.status, StatusCode::OK);
            let numbers: Vec<Vec<String>> = grid[2..].iter().map(|r| r[1..].to_vec()).collect();
            assert_eq!(trimmed(screen_numbers(&page.body)), trimmed(numbers), "screen = table (pct {pct})");
            let csv = app.get(&format!("/consultations/trends.csv{q}"), Some(&coordinator)).await;
            assert_eq!(csv.status, StatusCode::OK);
            assert!(csv.header("content-type").starts_with("text/csv"));
            assert_eq!(grid_of_csv(&csv.bytes), grid, "the CSV has the shares as shown (16.0)");
            let xlsx = app.get(&format!("/consultations/trends.xlsx{q}"), Some(&coordinator)).await;
            assert_eq!(xlsx.status, StatusCode::OK);
            assert_eq!(grid_of_xlsx(&xlsx.bytes), trimmed(grid.clone()));
        }
        // The page names the years in full on hover and draws the chart.
        let page = app.get("/consultations/trends", Some(&coordinator)).await;
        assert!(page.body.contains(r#"title="2019年度""#) && page.body.contains("<svg"), "{}", page.body);

        // One year's breakdowns add up to the year's column, on screen and in the files.
        let b = consultations::trends::breakdowns(&app.db.conn, 2024, today()).await.unwrap();
        for (t, svg) in &b.breakdowns {
            assert_eq!(t.total, 39, "{}", t.title);
            assert_eq!(svg.matches(r#"class="bar""#).count(), t.items.len());
            for ext in ["csv", "xlsx"] {
                let res = app.get(&format!("/consultations/trends/2024/{}.{ext}", t.key), Some(&coordinator)).await;
                assert_eq!(res.status, StatusCode::OK, "{}", t.key);
                let got = if ext == "csv" { grid_of_csv(&res.bytes) } else { grid_of_xlsx(&res.bytes) };
                assert_eq!(trimmed(got), trimmed(t.grid()), "{} {ext}", t.key);
            }
        }
        let wanted = &b.breakdowns.iter().find(|(t, _)| t.key == "wanted").unwrap().0;
        let rows = consultation::Entity::find().all(&app.db.conn).await.unwrap();
        let expected_wanted = rows.iter().filter(|c| fy_of(c.received_on) == 2024 && c.wanted).count() as u64;
        assert_eq!(wanted.items[0].1, expected_wanted);
        let page = app.get("/consultations/trends/2024", Some(&coordinator)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("R6（2024年度）") && page.body.contains("圏域外"), "{}", page.body);
        assert_eq!(app.get("/consultations/trends/2024/nothing.csv", Some(&coordinator)).await.status, StatusCode::NOT_FOUND);
    }
}

const HEADER: &str = "受付日,分類,相談者,所属,職種,圏域,方法,欲しい相談,内容,対応,状況\n";

async fn preview_of(app: &TestApp, token: &str, csv: &[u8]) -> ImportPreview {
    let res = app.upload("/consultations/import", "file", "x.csv", csv, Some(token)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = res.header("location").rsplit('/').next().unwrap().to_string();
    serde_json::from_value(app.call("consultations_import_preview", &form(&[("id", &id)]), Some(token)).await.json()).unwrap()
}

async fn commit(app: &TestApp, token: &str, id: i32) -> common::TestResponse {
    app.call("consultations_import_commit", &form(&[("id", &id.to_string())]), Some(token)).await
}

#[tokio::test]
async fn import_reads_every_date_form_and_reports_bad_rows_by_line_and_column() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, token) = app.user("coord", Role::Coordinator).await;
        // Columns in another order; every listed date form; 欲しい相談 in every form.
        let good = "分類,受付日,欲しい相談,圏域,方法,職種\n\
            その他,2024-04-01,はい,圏域内,電話,薬剤師\n\
            その他,2024/4/1,いいえ,圏域外,メール,\n\
            その他,R6.4.1,1,内,来所,\n\
            その他,令和6年4月1日,0,外,FAX,\n\
            その他,H29/4/1,○,,訪問,\n\
            その他,平成31年4月30日,,,会議等の場,\n\
            その他,令和元年5月1日,,,その他,\n";
        let p = preview_of(&app, &token, good.as_bytes()).await;
        assert_eq!((p.rows, p.new_count, p.problems.len()), (7, 7, 0), "{p:?}");
        assert_eq!(p.sample.iter().map(|r| r.date.as_str()).collect::<Vec<_>>(), ["2024/04/01（月）", "2024/04/01（月）", "2024/04/01（月）", "2024/04/01（月）", "2017/04/01（土）", "2019/04/30（火）", "2019/05/01（水）"]);
        assert_eq!(p.sample.iter().map(|r| r.wanted).collect::<Vec<_>>(), [true, false, true, false, true, false, false]);
        assert_eq!(p.encoding, "UTF-8");
        let res = commit(&app, &token, p.id).await;
        assert!(!res.status.is_client_error() && !res.status.is_server_error(), "{}", res.body);
        let v = consultations::trends::trends(&app.db.conn, None, None, false, today()).await.unwrap();
        let other = v.table.rows.iter().find(|r| r.category.name == "その他").unwrap();
        let col = |y: i32| v.table.years.iter().position(|f| f.0 == y).unwrap();
        // 30 April 2019 (平成31年) and 1 May 2019 (令和元年) are both FY2019 (R1).
        assert_eq!(v.table.years.first().map(|y| y.0), Some(2017));
        assert_eq!((other.counts[col(2017)], other.counts[col(2018)], other.counts[col(2019)], other.counts[col(2024)]), (1, 0, 2, 4));

        // Bad rows: line numbers count the header as 1 and a quoted line break inside a cell.
        let bad = format!(
            "{HEADER}2024/5/1,その他,,,,,,,\"二行の\n内容\",,\n\
             2024/13/1,その他,,,,,,,,,\n\
             2024/5/2,相談じゃない,,,,,,,,,\n\
             平成31年5月1日,その他,,,,,,,,,\n\
             2024/5/3,その他,,,看護士,県外,伝書鳩,たぶん,,,済\n\
             ,,,,,,,,,,\n\
             ,その他,,,,,,,,,\n"
        );
        let p = preview_of(&app, &token, bad.as_bytes()).await;
        let found: Vec<(u64, &str)> = p.problems.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(
            found,
            [(4, "受付日"), (5, "分類"), (6, "受付日"), (7, "職種"), (7, "圏域"), (7, "方法"), (7, "欲しい相談"), (7, "状況"), (9, "受付日")],
            "{:#?}",
            p.problems
        );
        assert!(p.problems[2].message.contains("令和元年5月1日"), "{}", p.problems[2].message);
        assert!(p.problems[1].message.contains("相談じゃない"));
        // All or nothing: confirming a file with problems saves none of its rows.
        let before = consultation::Entity::find().count(&app.db.conn).await.unwrap();
        let res = commit(&app, &token, p.id).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
        assert_eq!(consultation::Entity::find().count(&app.db.conn).await.unwrap(), before);
        // Missing required columns are named.
        let p = preview_of(&app, &token, "相談者,内容\n山田,x\n".as_bytes()).await;
        assert_eq!(p.problems.iter().map(|e| e.column.as_str()).collect::<Vec<_>>(), ["受付日", "分類"]);
    }
}

#[tokio::test]
async fn reimporting_creates_no_duplicates_and_shift_jis_is_read() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, token) = app.user("coord", Role::Coordinator).await;
        // Two identical rows are two consultations (two calls on the same day).
        let first = format!("{HEADER}R6.6.1,その他,山田,浜風薬剤師会,薬剤師,圏域内,電話,はい,在宅の相談,,完了\nR6.6.1,その他,,,,,電話,,,,\nR6.6.1,その他,,,,,電話,,,,\n");
        let p = preview_of(&app, &token, first.as_bytes()).await;
        assert_eq!(p.new_count, 3);
        commit(&app, &token, p.id).await;
        // A second confirmation of the same upload is refused.
        assert_eq!(commit(&app, &token, p.id).await.status, StatusCode::CONFLICT);
        assert_eq!(consultation::Entity::find().count(&app.db.conn).await.unwrap(), 3);
        // The same file again: nothing new.
        let p = preview_of(&app, &token, first.as_bytes()).await;
        assert_eq!((p.new_count, p.duplicates), (0, 3));
        // A longer file that repeats it (with a BOM this time): only the new rows.
        let longer = format!("\u{feff}{first}R6.6.1,その他,,,,,電話,,,,\nR6.7.1,データ提供依頼,,,,,,,,,\n");
        let p = preview_of(&app, &token, longer.as_bytes()).await;
        assert_eq!((p.rows, p.new_count, p.duplicates), (5, 2, 3));
        commit(&app, &token, p.id).await;
        assert_eq!(consultation::Entity::find().count(&app.db.conn).await.unwrap(), 5);

        // Shift_JIS, as Excel on Japanese Windows saves "CSV (comma delimited)".
        let text = format!("{HEADER}令和6年8月1日,チームかまいしに関する問い合わせ,佐藤,釜石の病院,医療ソーシャルワーカー（病院連携室）,圏域内,電話,○,連携室からの問い合わせ,,\n");
        let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(&text);
        assert!(!bad);
        assert!(std::str::from_utf8(&sjis).is_err(), "really not UTF-8");
        let p = preview_of(&app, &token, &sjis).await;
        assert_eq!((p.encoding.as_str(), p.new_count, p.problems.len()), ("Shift_JIS", 1, 0), "{p:?}");
        assert_eq!((p.sample[0].category.as_str(), p.sample[0].requester.as_str(), p.sample[0].affiliation.as_str()), ("チームかまいしに関する問い合わせ", "佐藤", "釜石の病院"));
        commit(&app, &token, p.id).await;
        let rec = consultation::Entity::find().all(&app.db.conn).await.unwrap().into_iter().find(|c| c.requester == "佐藤").unwrap();
        assert_eq!(rec.content, "連携室からの問い合わせ");
        assert!(rec.wanted);
        // A known organisation is linked to the directory.
        let linked = consultation::Entity::find().all(&app.db.conn).await.unwrap().into_iter().find(|c| c.requester == "山田").unwrap();
        assert!(linked.organisation_id.is_none(), "浜風薬剤師会 is not in this test's directory");
        assert_eq!(linked.organisation_text, "浜風薬剤師会");
    }
}

#[tokio::test]
async fn roles_viewers_see_trend_tables_only() {
    for db in backends().await {
        let app = seeded(db).await;
        let cats = category_ids(&app).await;
        let id = create(&app, &input("2024-05-01", cats[0])).await;
        let (_, admin) = app.user("admin", Role::Admin).await;
        let (_, coordinator) = app.user("coord", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let sid = id.to_string();
        let calls: Vec<(&str, String)> = vec![
            ("consultations_list", "query[q]=".to_string()),
            ("consultations_get", form(&[("id", &sid)])),
            ("consultations_choices", String::new()),
            ("consultations_trends", String::new()),
            ("consultations_breakdowns", form(&[("fy", "2024")])),
            ("consultations_categories", String::new()),
            ("consultations_import_preview", form(&[("id", "999")])),
        ];
        // (admin, coordinator, viewer) may: records, records, form choices, trends, breakdowns, categories, import.
        let allowed = [
            [true, true, false],
            [true, true, false],
            [true, true, false],
            [true, true, true],
            [true, true, true],
            [true, false, false],
            [true, true, false],
        ];
        for ((endpoint, body), may) in calls.iter().zip(allowed) {
            for (token, ok) in [(&admin, may[0]), (&coordinator, may[1]), (&viewer, may[2])] {
                let res = app.call(endpoint, body, Some(token)).await;
                if ok {
                    // The import preview of a missing upload is 404, not 403.
                    assert!(res.status == StatusCode::OK || res.status == StatusCode::NOT_FOUND, "{endpoint}: {} {}", res.status, res.body);
                } else {
                    assert_eq!(res.status, StatusCode::FORBIDDEN, "{endpoint}");
                }
            }
            assert_eq!(app.call(endpoint, body, None).await.status, StatusCode::UNAUTHORIZED, "{endpoint}");
        }
        // Viewers: the trend pages and files, not the records, the form, the import.
        for path in ["/consultations/trends", "/consultations/trends/2024", "/consultations/trends.csv", "/consultations/trends.xlsx", "/consultations/trends/2024/method.csv"] {
            assert_eq!(app.get(path, Some(&viewer)).await.status, StatusCode::OK, "{path}");
        }
        for path in ["/consultations", &format!("/consultations/{id}"), "/consultations/new", "/consultations/import", "/admin/consultation-categories"] {
            let res = app.get(path, Some(&viewer)).await;
            assert!(!res.body.contains("2024/05/01"), "{path}");
            assert!(res.body.contains("権限") || res.status == StatusCode::FORBIDDEN, "{path}: {}", res.status);
        }
        assert_eq!(app.upload("/consultations/import", "file", "x.csv", HEADER.as_bytes(), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.get("/consultations/trends.csv", None).await.status, StatusCode::UNAUTHORIZED);
        // Someone else's upload is not found.
        let res = app.upload("/consultations/import", "file", "x.csv", format!("{HEADER}R6.6.1,その他,,,,,,,,,\n").as_bytes(), Some(&coordinator)).await;
        let upload = res.header("location").rsplit('/').next().unwrap().to_string();
        assert_eq!(app.call("consultations_import_preview", &form(&[("id", &upload)]), Some(&admin)).await.status, StatusCode::NOT_FOUND);
        // The viewer's menu has the trend table, not the records.
        let home = app.get("/", Some(&viewer)).await;
        assert!(home.body.contains(r#"href="/consultations/trends""#) && !home.body.contains(r#"href="/consultations""#));
    }
}

#[tokio::test]
async fn a_consultation_saved_through_the_form_is_listed_and_counted() {
    for db in backends().await {
        let app = seeded(db).await;
        let cats = category_ids(&app).await;
        let (_, coordinator) = app.user("coord", Role::Coordinator).await;
        // Before any record: the empty state, no empty chart.
        let empty = app.get("/consultations/trends", Some(&coordinator)).await;
        assert!(empty.body.contains("相談記録はまだありません") && !empty.body.contains("<svg"), "{}", empty.body);
        let cat = cats[1].to_string();
        let fields = [
            ("received_on", "2025-03-31"), ("requester", "高橋"), ("organisation", ""), ("organisation_text", "市 地域福祉課"), ("profession", ""),
            ("region", "inside"), ("method", "phone"), ("category", cat.as_str()), ("wanted", "on"), ("content", "多職種研修の共催の相談"),
            ("response", ""), ("status", "received"), ("solved_fy", ""), ("meeting", ""), ("issue", ""),
        ];
        let res = app.call("consultations_save", &form(&fields), Some(&coordinator)).await;
        assert!(res.status.is_success() || res.status.is_redirection(), "{} {}", res.status, res.body);
        let list = app.get("/consultations?q=多職種研修", Some(&coordinator)).await;
        assert!(list.body.contains("高橋") && list.body.contains("R6"), "{}", list.body);
        let v = consultations::trends::trends(&app.db.conn, None, None, false, today()).await.unwrap();
        assert_eq!(v.table.years.iter().map(|y| y.short_label()).collect::<Vec<_>>(), ["R6"]);
        assert_eq!(v.table.rows[1].counts, vec![1]);
        // Bad input comes back with a message next to the field, not a 500.
        let mut bad = fields;
        bad[0] = ("received_on", "2025-02-30");
        let res = app.call("consultations_save", &form(&bad), Some(&coordinator)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        assert!(res.body.contains("received_on"), "{}", res.body);
    }
}

#[tokio::test]
async fn the_demo_seed_adds_the_teams_eight_years_once() {
    let app = seeded(TestDb::sqlite().await).await;
    for _ in 0..2 {
        app::server::services::demo::seed(&app.db.conn, Utc::now()).await.unwrap();
    }
    assert_eq!(consultation::Entity::find().count(&app.db.conn).await.unwrap(), 311);
    let v = consultations::trends::trends(&app.db.conn, None, None, false, today()).await.unwrap();
    assert_eq!((v.from, v.to, v.table.total), (2017, 2024, 311));
    // Affiliations named as in the demo directory are linked to it; the others kept as text.
    let names: Vec<String> = app::server::entities::organisation::Entity::find().all(&app.db.conn).await.unwrap().into_iter().map(|o| o.name).collect();
    let rows = consultation::Entity::find().all(&app.db.conn).await.unwrap();
    assert!(rows.iter().any(|c| c.organisation_id.is_some()) && rows.iter().any(|c| !c.organisation_text.is_empty()));
    assert!(rows.iter().all(|c| !names.contains(&c.organisation_text)));
}

async fn by_content(app: &TestApp, content: &str) -> consultation::Model {
    consultation::Entity::find().all(&app.db.conn).await.unwrap().into_iter().find(|c| c.content == content).unwrap_or_else(|| panic!("no consultation {content}"))
}

/// The `<tr>` of the records table that contains `needle`.
fn list_row<'a>(html: &'a str, needle: &str) -> &'a str {
    let table = html.split(r#"data-testid="consultations""#).nth(1).expect("the records table").split("</table>").next().unwrap();
    table.split("<tr").find(|r| r.contains(needle)).unwrap_or_else(|| panic!("no row with {needle}"))
}

#[tokio::test]
async fn a_requester_picked_from_the_directory_fills_the_empty_fields_and_the_list_shows_the_affiliation() {
    use app::domain::directory::{OrganisationInput, PersonInput};
    for db in backends().await {
        let app = seeded(db).await;
        let cats = category_ids(&app).await;
        let cat = cats[0].to_string();
        let (_, coordinator) = app.user("coord", Role::Coordinator).await;
        let actor = Actor::system("test");
        let ph = directory::professions::all(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == "薬剤師").unwrap().id;
        let org_input = OrganisationInput { name: "みなと薬局".into(), kind: "pharmacy".into(), ..Default::default() };
        let org = directory::organisations::save(&app.db.conn, &actor, None, None, &org_input, false, Utc::now()).await.unwrap();
        let person_input = PersonInput { name: "港 一郎".into(), organisation_id: Some(org), profession_id: Some(ph), ..Default::default() };
        let person = directory::people::save(&app.db.conn, &actor, None, None, &person_input, Utc::now()).await.unwrap();
        let pid = person.to_string();

        // The form offers the person under their organisation, and "not from the directory".
        let choices = consultations::record::choices(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), None).await.unwrap();
        let offered = choices.people.iter().find(|p| p.id == person).expect("the person is offered");
        assert_eq!((offered.organisation.as_deref(), offered.profession.as_deref()), (Some("みなと薬局"), Some("薬剤師")));
        let page = app.get("/consultations/new", Some(&coordinator)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(r#"name="requester_person""#) && page.body.contains("（名簿から選ばない）"), "{}", page.body);
        assert!(page.body.contains(r#"<optgroup label="みなと薬局""#) && page.body.contains("港 一郎（薬剤師）"), "{}", page.body);

        let fields = |requester: &'static str, organisation_text: &'static str, person: &str, content: &'static str| -> String {
            form(&[
                ("received_on", "2024-06-01"), ("requester", requester), ("requester_person", person), ("organisation", ""), ("organisation_text", organisation_text),
                ("profession", ""), ("region", ""), ("method", "phone"), ("category", cat.as_str()), ("content", content), ("response", ""), ("status", "done"),
                ("solved_fy", ""), ("meeting", ""), ("issue", ""),
            ])
        };
        // Picked with the requester's fields empty: name, organisation and profession come from the directory.
        let res = app.call("consultations_save", &fields("", "", pid.as_str(), "名簿から選んだ相談"), Some(&coordinator)).await;
        assert!(res.status.is_success() || res.status.is_redirection(), "{} {}", res.status, res.body);
        let c = by_content(&app, "名簿から選んだ相談").await;
        assert_eq!((c.requester.as_str(), c.organisation_id, c.organisation_text.as_str(), c.profession_id), ("港 一郎", Some(org), "", Some(ph)));
        // What was typed wins: a typed affiliation keeps the directory's organisation out.
        let res = app.call("consultations_save", &fields("代理 佐藤", "市 地域福祉課", pid.as_str(), "入力が優先の相談"), Some(&coordinator)).await;
        assert!(res.status.is_success() || res.status.is_redirection(), "{} {}", res.status, res.body);
        let c = by_content(&app, "入力が優先の相談").await;
        assert_eq!((c.requester.as_str(), c.organisation_id, c.organisation_text.as_str(), c.profession_id), ("代理 佐藤", None, "市 地域福祉課", Some(ph)));
        // Free text alone still works.
        let res = app.call("consultations_save", &fields("自由 記入", "みなと訪問看護", "", "自由記入の相談"), Some(&coordinator)).await;
        assert!(res.status.is_success() || res.status.is_redirection(), "{} {}", res.status, res.body);
        let c = by_content(&app, "自由記入の相談").await;
        assert_eq!((c.requester.as_str(), c.organisation_id, c.organisation_text.as_str(), c.profession_id), ("自由 記入", None, "みなと訪問看護", None));
        // A person who is not in the directory, or not an id, is a field error; nothing is saved.
        let before = consultation::Entity::find().count(&app.db.conn).await.unwrap();
        for bad in ["999999", "港"] {
            let res = app.call("consultations_save", &fields("", "", bad, "保存されない相談"), Some(&coordinator)).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {}", res.body);
            assert!(res.body.contains("requester_person"), "{}", res.body);
        }
        assert_eq!(consultation::Entity::find().count(&app.db.conn).await.unwrap(), before);

        // The list shows each requester's affiliation: the directory's organisation, or the typed one.
        let list = app.get("/consultations", Some(&coordinator)).await;
        assert_eq!(list.status, StatusCode::OK);
        let row = list_row(&list.body, "港 一郎");
        assert!(row.contains("みなと薬局") && row.contains("薬剤師"), "{row}");
        assert!(list_row(&list.body, "代理 佐藤").contains("市 地域福祉課"));
        assert!(list_row(&list.body, "自由 記入").contains("みなと訪問看護"));
    }
}

#[tokio::test]
async fn the_solved_year_filter_lists_only_the_consultations_solved_that_year() {
    use app::api::consultations::ConsultationQuery;
    for db in backends().await {
        let app = seeded(db).await;
        let cats = category_ids(&app).await;
        let (_, coordinator) = app.user("coord", Role::Coordinator).await;
        let solved = |date: &str, fy: &str, content: &str| ConsultationInput { solved_fy: fy.into(), content: content.into(), ..input(date, cats[0]) };
        // Solved in R6 (FY2024), written both ways; received in another year is still R6.
        create(&app, &solved("2023-06-01", "R6", "R6に実施した相談その1")).await;
        create(&app, &solved("2024-05-01", "2024", "R6に実施した相談その2")).await;
        create(&app, &solved("2022-05-01", "R5", "R5に実施した相談")).await;
        create(&app, &solved("2024-05-02", "", "まだ解決していない相談")).await;
        let archived = create(&app, &solved("2024-05-03", "R6", "アーカイブした相談")).await;
        consultations::record::set_active(&app.db.conn, &Actor::system("test"), archived, 1, false, Utc::now()).await.unwrap();

        let q = ConsultationQuery { solved_fy: Some(2024), ..Default::default() };
        let l = consultations::record::list(&app.db.conn, &q).await.unwrap();
        let mut contents: Vec<&str> = l.items.iter().map(|c| c.content.as_str()).collect();
        contents.sort();
        assert_eq!(contents, ["R6に実施した相談その1", "R6に実施した相談その2"]);
        assert_eq!(l.total, 2);
        // The filter offers the years that have a solution, newest first.
        assert_eq!(l.solved_years.iter().map(|y| y.label.as_str()).collect::<Vec<_>>(), ["R6", "R5"]);
        let all = consultations::record::list(&app.db.conn, &ConsultationQuery::default()).await.unwrap();
        assert_eq!(all.total, 4, "without the filter every active record");

        // The server function and the page (a GET form, no script needed).
        let res = app.call("consultations_list", "query[solved_fy]=2023", Some(&coordinator)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.json()["total"], 1);
        let page = app.get("/consultations?solved_fy=2024", Some(&coordinator)).await;
        assert_eq!(page.status, StatusCode::OK);
        let table = page.body.split(r#"data-testid="consultations""#).nth(1).expect("the records table");
        assert!(table.contains("R6に実施した相談その1") && table.contains("R6に実施した相談その2"), "{}", page.body);
        assert!(!table.contains("R5に実施した相談") && !table.contains("まだ解決していない相談") && !table.contains("アーカイブした相談"));
        assert!(page.body.contains(r#"name="solved_fy""#) && page.body.contains("R5（2023年度）"), "{}", page.body);
        // A year nobody solved anything in: the filtered empty state.
        let none = app.get("/consultations?solved_fy=2019", Some(&coordinator)).await;
        assert!(none.body.contains("条件に合う相談記録はありません。"), "{}", none.body);
    }
}
