//! No CSV download holds a cell that Excel would run as a formula.

use crate::common::{backends, form, TestApp};
use app::domain::consultations::BREAKDOWNS;
use app::domain::Role;
use app::server::services::audit::Actor;
use app::server::services::{consultations, demo};
use chrono::Utc;
use http::StatusCode;
use app::server::entities::{profession, training};
use sea_orm::{ConnectionTrait, EntityTrait};

const FORMULA: &str = r#"=HYPERLINK("http://x.example","y")"#;

fn cells(bytes: &[u8]) -> Vec<String> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "CSV starts with a BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..])
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

fn is_number(s: &str) -> bool {
    s.parse::<f64>().is_ok() && !s.contains(['e', 'E', 'i', 'n', 'N'])
}

/// Cells as Excel reads them: a formula starts with one of these unless it is a number.
fn formulas(cells: &[String]) -> Vec<String> {
    cells
        .iter()
        .filter(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) && !is_number(c))
        .cloned()
        .collect()
}

#[tokio::test]
async fn csv_downloads_hold_no_formulas_and_keep_numbers() {
    for db in backends().await {
        let now = Utc::now();
        demo::seed(&db.conn, now).await.unwrap();
        consultations::categories::ensure_defaults(&db.conn, now).await.unwrap();
        app::server::services::meetings::kinds::ensure_defaults(&db.conn, now).await.unwrap();
        demo::consultations::seed(&db.conn, &Actor::system("t"), now).await.unwrap();
        // Formula-like text in every kind of text that reaches a CSV.
        let q = |s: &str| s.replace('\'', "''");
        for sql in [
            format!("UPDATE training SET title = '{}', venue = '-1+1'", q(FORMULA)),
            "UPDATE consultation_category SET name = '=1+' || CAST(id AS TEXT)".to_string(),
            "UPDATE meeting_kind SET name = '=2+' || CAST(id AS TEXT)".to_string(),
            "UPDATE consultation SET organisation_id = NULL, organisation_text = '@cmd'".to_string(),
            "UPDATE profession SET name = '+' || name".to_string(),
        ] {
            db.conn.execute_unprepared(&sql).await.unwrap();
        }
        let training_year = training::Entity::find().one(&db.conn).await.unwrap().expect("demo trainings").fiscal_year;
        let profession = profession::Entity::find().one(&db.conn).await.unwrap().expect("professions").id.to_string();
        let app = TestApp::new(db).await;
        let (_, token) = app.user("coord", Role::Coordinator).await;
        // The demo has no meetings: one with formula-like text in every text field.
        let saved = app
            .call(
                "meetings_save",
                &form(&[
                    ("held_on", "2024-07-01"), ("start_time", "13:30"), ("end_time", "15:00"), ("level", "1"), ("kind", "uchiawase"),
                    ("title", FORMULA), ("place", "\tx"), ("professions[]", &profession), ("guests", "@SUM(1)\n-1+1"),
                    ("purpose", "+1+2"), ("minutes", "=1"), ("decisions", "-2+3"), ("work_items[]", "イ"),
                ]),
                Some(&token),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let meeting_year = 2024;

        let latest: i32 = {
            let res = app.get("/consultations/trends.csv", Some(&token)).await;
            let header = cells(&res.bytes);
            header.iter().filter_map(|c| c.parse::<i32>().ok()).filter(|y| (1900..=2200).contains(y)).max().unwrap_or(2024)
        };
        let mut paths = vec![
            format!("/meetings/export.csv?fy={meeting_year}"),
            format!("/trainings/export.csv?fy={training_year}"),
            "/consultations/trends.csv".to_string(),
            "/consultations/trends.csv?pct=1".to_string(),
        ];
        paths.extend(BREAKDOWNS.iter().map(|(key, _)| format!("/consultations/trends/{latest}/{key}.csv")));
        let mut neutralised = 0;
        for path in &paths {
            let res = app.get(path, Some(&token)).await;
            assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
            let cells = cells(&res.bytes);
            assert!(cells.len() > 6, "{path} has rows: {cells:?}");
            assert_eq!(formulas(&cells), Vec::<String>::new(), "{path} ({})", app.db.backend);
            neutralised += cells.iter().filter(|c| c.starts_with("'=") || c.starts_with("'+") || c.starts_with("'@") || c.starts_with("'-")).count();
            // Counts stay numbers.
            assert!(cells.iter().any(|c| c.parse::<u64>().is_ok()), "{path} keeps its numbers");
        }
        let meetings = cells(&app.get(&format!("/meetings/export.csv?fy={meeting_year}"), Some(&token)).await.bytes);
        assert!(meetings.contains(&format!("'{FORMULA}")), "the title is kept, as text: {meetings:?}");
        assert!(neutralised > 10, "the formula-like text reached the files ({neutralised} cells)");
    }
}
