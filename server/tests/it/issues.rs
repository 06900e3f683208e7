//! The confidential issue register: codes, layers and routes, history, the matrix and its
//! workbook, the routing board, roles, and every path an issue could leak through.

use crate::common;

use app::api::issues::IssueMatrix;
use app::domain::issues::{ActionInput, IssueInput, Layer, Mark, Scope};
use app::domain::meetings::{Level, MeetingInput};
use app::domain::Role;
use app::error::AppError;
use app::server::entities::audit_log;
use app::server::services::issues::access::IssueAccess;
use app::server::services::audit::Actor;
use app::server::services::{issues, meetings, directory, accounts};
use chrono::{NaiveDate, Utc};
use common::{backends, form, TestApp, TestDb};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};
use std::collections::BTreeMap;

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

/// The id of a default profession by name.
async fn profession(app: &TestApp, name: &str) -> i32 {
    directory::professions::all(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == name).unwrap().id
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn issue(profession: i32, title: &str, layer: Layer) -> IssueInput {
    IssueInput {
        profession: profession.to_string(),
        title: title.into(),
        layer: layer.code().into(),
        status: "extracted".into(),
        source: "other".into(),
        ..Default::default()
    }
}

async fn create(app: &TestApp, input: &IssueInput) -> i32 {
    issues::register::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &Actor::system("test"), None, None, input, today(), Utc::now()).await.unwrap()
}

async fn act(app: &TestApp, issue: i32, date: &str, mark: Mark, what: &str, meeting: Option<i32>) {
    let input = ActionInput { acted_on: date.into(), mark: mark.code().into(), description: what.into(), meeting: meeting.map(|m| m.to_string()).unwrap_or_default() };
    issues::actions::add(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &Actor::system("test"), issue, &input, Utc::now()).await.unwrap();
}

async fn meeting(app: &TestApp, date: &str, level: Level, professions: &[i32], title: &str, coordinators: Vec<i32>) -> i32 {
    let input = MeetingInput {
        held_on: date.into(),
        level: level.number().to_string(),
        kind: "uchiawase".into(),
        title: title.into(),
        professions: professions.to_vec(),
        coordinators,
        level_reason: "テスト".into(),
        ..Default::default()
    };
    meetings::save(&app.db.conn, &Actor::system("test"), None, None, &input, Utc::now()).await.unwrap()
}

async fn code_of(app: &TestApp, id: i32) -> String {
    issues::register::get(&app.db.conn, &IssueAccess::unrestricted(), id).await.unwrap().code
}

#[tokio::test]
async fn codes_are_assigned_per_profession_in_order() {
    for db in backends().await {
        let app = seeded(db).await;
        let (ph, de) = (profession(&app, "薬剤師").await, profession(&app, "歯科医師").await);
        let mut codes = Vec::new();
        for n in 0..28 {
            let id = create(&app, &issue(ph, &format!("課題{n}"), Layer::Between)).await;
            codes.push(code_of(&app, id).await);
        }
        assert_eq!(&codes[..3], ["A", "B", "C"]);
        assert_eq!(&codes[25..], ["Z", "AA", "AB"], "{}", app.db.backend);
        let first_dental = create(&app, &issue(de, "歯科の課題", Layer::Within)).await;
        assert_eq!(code_of(&app, first_dental).await, "A", "codes are per profession");

        // A typed code is kept (normalised); a taken one is refused next to the field.
        let typed = create(&app, &IssueInput { code: "ｘ－１".into(), ..issue(ph, "番外", Layer::Region) }).await;
        assert_eq!(code_of(&app, typed).await, "X-1");
        let err = issues::register::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &Actor::system("t"), None, None, &IssueInput { code: "b".into(), ..issue(ph, "重複", Layer::Region) }, today(), Utc::now())
            .await
            .unwrap_err();
        assert!(err.field_message("code").is_some_and(|m| m.contains("「B」")), "{err:?}");
        let next = create(&app, &issue(ph, "次", Layer::Region)).await;
        assert_eq!(code_of(&app, next).await, "AC");

        // The register lists them in code order: Z before AA, codes outside the sequence last.
        let reg = issues::register::register(&app.db.conn, &IssueAccess::unrestricted(), ph, &Default::default()).await.unwrap();
        let order: Vec<&str> = reg.items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(order[25..].to_vec(), ["Z", "AA", "AB", "AC", "X-1"]);
    }
}

#[tokio::test]
async fn concurrent_creation_does_not_duplicate_a_code() {
    for db in backends().await {
        let app = seeded(db).await;
        let ph = profession(&app, "薬剤師").await;
        let mut tasks = Vec::new();
        for n in 0..8 {
            let conn = app.db.conn.clone();
            tasks.push(tokio::spawn(async move {
                let txn = conn.begin().await.unwrap();
                let input = issue(ph, &format!("同時{n}"), Layer::Between);
                let id = issues::register::save(&txn, &app::server::services::issues::access::IssueAccess::unrestricted(), &Actor::system("t"), None, None, &input, today(), Utc::now()).await?;
                txn.commit().await.unwrap();
                Ok::<i32, AppError>(id)
            }));
        }
        let mut codes = Vec::new();
        for t in tasks {
            let id = t.await.unwrap().unwrap_or_else(|e| panic!("{}: {e:?}", app.db.backend));
            codes.push(code_of(&app, id).await);
        }
        codes.sort();
        assert_eq!(codes, ["A", "B", "C", "D", "E", "F", "G", "H"], "{}", app.db.backend);
    }
}

#[tokio::test]
async fn layer_gives_the_route_and_changes_are_kept_with_their_dates() {
    for db in backends().await {
        let app = seeded(db).await;
        let ph = profession(&app, "薬剤師").await;
        let (_, token) = app.user("coord", Role::Coordinator).await;
        let m = meeting(&app, "2012-10-01", Level::First, &[ph], "薬剤師会 打ち合わせ会", vec![]).await;
        // Created through the server function from a meeting: FY and date come from the meeting.
        let res = app
            .call(
                "issues_save",
                &form(&[
                    ("profession", &ph.to_string()), ("code", ""), ("title", "ケアマネジャーの顔が分からない"), ("description", ""), ("layer", "within"),
                    ("status", "extracted"), ("source", "meeting"), ("source_meeting", &m.to_string()), ("source_note", ""), ("extracted_on", ""),
                    ("fiscal_year", ""), ("changed_on", ""),
                ]),
                Some(&token),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let id = issues::register::register(&app.db.conn, &IssueAccess::unrestricted(), ph, &Default::default()).await.unwrap().items[0].id;
        let v = issues::register::get(&app.db.conn, &IssueAccess::unrestricted(), id).await.unwrap();
        assert_eq!((v.code.as_str(), v.fiscal_year.as_str(), v.extracted_on.as_str()), ("A", "平成24年度", "2012/10/01（月）"));
        assert_eq!(v.layer.route(), "フィードバック");
        assert_eq!(v.source_meeting.as_ref().map(|r| r.id), Some(m));

        // Reclassified to 地域全体 and shared, dated 2013-05-01.
        let mut input = v.input.clone();
        input.layer = "region".into();
        input.status = "shared".into();
        input.changed_on = "2013-05-01".into();
        issues::register::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &Actor::system("t"), Some(id), Some(v.version), &input, today(), Utc::now()).await.unwrap();
        let v = issues::register::get(&app.db.conn, &IssueAccess::unrestricted(), id).await.unwrap();
        assert_eq!(v.layer, Layer::Region);
        assert_eq!(v.layer.route(), "三次連携");
        let history: Vec<(String, String, String)> = v.history.iter().map(|h| (h.date.clone(), h.field.clone(), h.value.clone())).collect();
        assert_eq!(
            history,
            [
                ("2012/10/01（月）".into(), "層".into(), "職種内（→フィードバック）".into()),
                ("2012/10/01（月）".into(), "状況".into(), "抽出".into()),
                ("2013/05/01（水）".into(), "層".into(), "地域全体（→三次連携）".into()),
                ("2013/05/01（水）".into(), "状況".into(), "共有済".into()),
            ]
        );
        // A stale version is refused and names the differing field.
        input.title = "別の題".into();
        let err = issues::register::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &Actor::system("t"), Some(id), Some(1), &input, today(), Utc::now()).await.unwrap_err();
        assert!(matches!(&err, AppError::Conflict(m) if m.contains("課題")), "{err:?}");
        // The meeting shows the issue raised in it.
        let mi = issues::board::of_meeting(&app.db.conn, &IssueAccess::unrestricted(), m).await.unwrap();
        assert_eq!(mi.raised.len(), 1);
        assert!(mi.raised[0].name.contains("A: ケアマネジャーの顔が分からない"));
    }
}

/// The pharmacists' issues A–G of 2012 and actions against them, as in the team's table.
const PHARMACISTS: [(&str, &str); 7] = [
    ("A", "ケアマネジャーの顔が分からない"),
    ("B", "認知症？虐待？どこに相談すればよいの？"),
    ("C", "ケアカンファレンスに呼ばれない"),
    ("D", "訪問のきっかけがつかめない"),
    ("E", "病院薬剤師と薬局薬剤師の連携"),
    ("F", "「訪問指示」の処方箋が来ない"),
    ("G", "薬剤師の職能が認知されていない"),
];

const ACTIONS: [(&str, &str, Mark, &str); 17] = [
    ("A", "2012-11-20", Mark::Joint, "薬剤師居宅療養管理指導見学研修"),
    ("C", "2013-07-10", Mark::Second, "医療機関と連携した在宅訪問研修"),
    ("G", "2013-07-10", Mark::Second, "医療機関と連携した在宅訪問研修"),
    ("G", "2013-09-01", Mark::Role, "チームかまいしの役割周知"),
    ("B", "2013-11-15", Mark::Second, "患者のための薬局ビジョン推進事業検討会"),
    ("G", "2013-11-15", Mark::Second, "患者のための薬局ビジョン推進事業検討会"),
    ("F", "2014-06-01", Mark::Second, "シンポジスト（薬・リハ・かま）"),
    ("D", "2016-10-01", Mark::Second, "患者のための薬局ビジョン推進事業検討会"),
    ("D", "2017-12-01", Mark::Second, "多職種研修会「地域包括ケアにおける薬剤師の役割」"),
    ("E", "2018-06-01", Mark::Second, "薬業意見交換会"),
    ("E", "2019-02-01", Mark::Joint, "厚労省主催 意見交換会 事例紹介"),
    ("G", "2019-03-31", Mark::Role, "役割周知"),
    ("G", "2019-04-01", Mark::Role, "役割周知（令和元年度）"),
    ("G", "2021-05-01", Mark::Role, "役割周知"),
    ("B", "2023-06-01", Mark::Second, "薬剤師×市保健師 脳卒中リスク軽減キャンペーン"),
    ("G", "2023-06-01", Mark::Second, "薬剤師×市保健師 脳卒中リスク軽減キャンペーン"),
    ("G", "2024-01-15", Mark::Second, "薬局を起点とした社会的処方連携の取組"),
];

async fn enter_pharmacists(app: &TestApp) -> (i32, BTreeMap<String, i32>) {
    let ph = profession(app, "薬剤師").await;
    let mut ids = BTreeMap::new();
    for (code, title) in PHARMACISTS {
        let layer = if code == "E" { Layer::Within } else { Layer::Between };
        let id = create(app, &IssueInput { fiscal_year: "H24".into(), status: "in_progress".into(), ..issue(ph, title, layer) }).await;
        assert_eq!(code_of(app, id).await, code);
        ids.insert(code.to_string(), id);
    }
    for (code, date, mark, what) in ACTIONS {
        act(app, ids[code], date, mark, what, None).await;
    }
    (ph, ids)
}

/// What each cell should hold, computed from ACTIONS: "抽出" in H24, then the marks in date order.
fn expected_cells(from: i32, to: i32) -> BTreeMap<(String, i32), String> {
    let mut cells = BTreeMap::new();
    for (code, _) in PHARMACISTS {
        for fy in from..=to {
            let marks: String = ACTIONS
                .iter()
                .filter(|(c, d, ..)| *c == code && app::domain::FiscalYear::of(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()).0 == fy)
                .map(|(_, _, m, _)| m.symbol())
                .collect();
            let text = match (fy == 2012, marks.is_empty()) {
                (true, true) => "抽出".to_string(),
                (true, false) => format!("抽出 {marks}"),
                _ => marks,
            };
            cells.insert((code.to_string(), fy), text);
        }
    }
    cells
}

fn screen_cells(m: &IssueMatrix) -> BTreeMap<(String, i32), String> {
    let mut out = BTreeMap::new();
    for r in &m.rows {
        for (y, c) in m.years.iter().zip(&r.cells) {
            out.insert((r.code.clone(), y.year), c.text());
        }
    }
    out
}

#[tokio::test]
async fn the_pharmacists_matrix_and_its_workbook() {
    for db in backends().await {
        let app = seeded(db).await;
        let (ph, _) = enter_pharmacists(&app).await;
        let m = issues::matrix::matrix(&app.db.conn, &IssueAccess::unrestricted(), ph, None, None, today()).await.unwrap();
        // Every year from H24 to this one (R8), including years without actions.
        assert_eq!((m.from, m.to), (2012, 2026));
        assert_eq!(m.years.first().map(|y| y.label.as_str()), Some("H24"));
        assert_eq!(m.years.iter().find(|y| y.year == 2019).map(|y| y.label.as_str()), Some("R1"));
        assert_eq!(m.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["A", "B", "C", "D", "E", "F", "G"]);
        assert_eq!(screen_cells(&m), expected_cells(2012, 2026));
        // Spot checks against the team's table: G in H25 had ◆, ★, ◆; the era change splits H30 and R1.
        let g = m.rows.iter().find(|r| r.code == "G").unwrap();
        assert_eq!(g.cells[1].text(), "◆★◆");
        assert_eq!(g.cells[6].text(), "★", "2019-03-31 is H30");
        assert_eq!(g.cells[7].text(), "★", "2019-04-01 is R1");
        assert!(g.cells[0].first && !g.cells[1].first);
        assert_eq!(g.cells[1].actions[1].description, "チームかまいしの役割周知");

        // A narrower range keeps the layout.
        let narrow = issues::matrix::matrix(&app.db.conn, &IssueAccess::unrestricted(), ph, Some(2013), Some(2018), today()).await.unwrap();
        assert_eq!(narrow.years.len(), 6);
        assert_eq!(screen_cells(&narrow), expected_cells(2013, 2018));
        assert_eq!(narrow.selectable.first().map(|y| y.year), Some(2012));

        // The workbook has the same table: codes, titles, year labels and the cell texts.
        use calamine::{Data, Reader, Xlsx};
        let bytes = issues::matrix::xlsx(&m).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range("課題マトリクス").unwrap();
        let text = |r: u32, c: u32| match sheet.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            _ => String::new(),
        };
        assert!(text(0, 0).starts_with("薬剤師の課題と取組（H24〜R8）"));
        let years: Vec<String> = (0..m.years.len() as u32).map(|c| text(2, c + 2)).collect();
        assert_eq!(years, m.years.iter().map(|y| y.label.clone()).collect::<Vec<_>>());
        assert_eq!(text(3, 2), "2012");
        let mut from_book = BTreeMap::new();
        for (r, (code, title)) in PHARMACISTS.iter().enumerate() {
            let r = r as u32 + 4;
            assert_eq!((text(r, 0).as_str(), text(r, 1).as_str()), (*code, *title));
            for (c, y) in m.years.iter().enumerate() {
                from_book.insert((code.to_string(), y.year), text(r, c as u32 + 2));
            }
        }
        assert_eq!(from_book, expected_cells(2012, 2026));
        let list = book.worksheet_range("取組一覧").unwrap();
        assert_eq!(list.height(), ACTIONS.len() + 1);
    }
}

#[tokio::test]
async fn the_routing_board_proposes_where_issues_go() {
    for db in backends().await {
        let app = seeded(db).await;
        let (ph, de) = (profession(&app, "薬剤師").await, profession(&app, "歯科医師").await);
        let council = meeting(&app, "2024-02-01", Level::Third, &[ph, de], "在宅医療連携拠点事業推進協議会", vec![]).await;
        let new = |p, t: &str, l, s: &str| IssueInput { status: s.into(), ..issue(p, t, l) };
        let within_new = create(&app, &new(ph, "会の中で合意がない", Layer::Within, "extracted")).await;
        create(&app, &new(ph, "共有済みの職種内", Layer::Within, "shared")).await;
        let between_open = create(&app, &new(de, "誰に相談すればよいか", Layer::Between, "shared")).await;
        let between_done = create(&app, &new(de, "連絡の経路", Layer::Between, "in_progress")).await;
        act(&app, between_done, "2024-05-01", Mark::Second, "歯科×ケアマネ 意見交換会", None).await;
        let between_joint = create(&app, &new(ph, "◇だけの職種間", Layer::Between, "in_progress")).await;
        act(&app, between_joint, "2024-05-01", Mark::Joint, "協働事業", None).await;
        let region_open = create(&app, &new(de, "ICTの運用", Layer::Region, "extracted")).await;
        let region_met = create(&app, &new(ph, "役割分担", Layer::Region, "in_progress")).await;
        act(&app, region_met, "2024-02-01", Mark::Second, "協議会で協議", Some(council)).await;
        let region_raised = create(&app, &IssueInput { source: "meeting".into(), source_meeting: council.to_string(), ..new(ph, "協議会で出た課題", Layer::Region, "extracted") }).await;
        create(&app, &new(de, "解決済みの職種間", Layer::Between, "resolved")).await;
        create(&app, &new(de, "保留の地域全体", Layer::Region, "on_hold")).await;

        let b = issues::board::routing(&app.db.conn, &IssueAccess::unrestricted()).await.unwrap();
        let ids = |v: &Vec<app::api::issues::RoutingItem>| v.iter().map(|i| i.issue_id).collect::<Vec<_>>();
        assert_eq!(ids(&b.feed_back), [within_new]);
        let mut second = ids(&b.second_level);
        second.sort();
        let mut want = vec![between_open, between_joint];
        want.sort();
        assert_eq!(second, want);
        assert_eq!(ids(&b.third_level), [region_open]);
        assert!(!ids(&b.third_level).contains(&region_raised));
        // A user granted only the pharmacists sees only theirs.
        let only_ph = issues::board::routing(&app.db.conn, &IssueAccess::new(Scope::Professions(vec![ph]))).await.unwrap();
        assert!(only_ph.second_level.iter().all(|i| i.profession.id == ph));
        assert_eq!(ids(&only_ph.second_level), [between_joint]);
        assert!(only_ph.third_level.is_empty());
    }
}

#[tokio::test]
async fn issue_server_functions_enforce_roles_and_grants() {
    for db in backends().await {
        let app = seeded(db).await;
        let (ph, de) = (profession(&app, "薬剤師").await, profession(&app, "歯科医師").await);
        let id = create(&app, &issue(ph, "薬剤師の課題", Layer::Between)).await.to_string();
        let mut callers = vec![("anonymous", None, None)];
        for role in Role::ALL {
            let (_, token) = app.user(role.code(), role).await;
            callers.push((role.code(), Some(token), Some(role)));
        }
        let (granted, granted_token) = app.user("granted", Role::Viewer).await;
        issues::grants::set(&app.db.conn, &Actor::system("t"), granted.id, &[ph], Utc::now()).await.unwrap();
        callers.push(("granted", Some(granted_token.clone()), Some(Role::Viewer)));
        for (label, token, role) in &callers {
            let save = form(&[
                ("profession", &ph.to_string()), ("code", ""), ("title", &format!("新しい課題{label}")), ("description", ""), ("layer", "within"),
                ("status", "extracted"), ("source", "other"), ("source_meeting", ""), ("source_note", ""), ("extracted_on", ""), ("fiscal_year", "R6"), ("changed_on", ""),
            ]);
            let reads = [
                ("issues_overview", String::new()),
                ("issues_register", format!("profession={ph}&filter[q]=")),
                ("issues_get", format!("id={id}")),
                ("issues_matrix", format!("profession={ph}")),
                ("issues_routing", String::new()),
            ];
            for (endpoint, body) in reads {
                let res = app.call(endpoint, &body, token.as_deref()).await;
                let expected = match (role, *label) {
                    (None, _) => StatusCode::UNAUTHORIZED,
                    (_, "granted") => StatusCode::OK,
                    (Some(Role::Viewer | Role::Collector | Role::Partner), _) => StatusCode::FORBIDDEN,
                    _ => StatusCode::OK,
                };
                assert_eq!(res.status, expected, "{endpoint} as {label}: {}", res.body);
            }
            let writes = [
                ("issues_save", save),
                ("issues_choices", String::new()),
                ("issues_add_action", form(&[("issue_id", &id), ("acted_on", "2024-06-01"), ("mark", "second"), ("description", "研修"), ("meeting", "")])),
            ];
            for (endpoint, body) in writes {
                let res = app.call(endpoint, &body, token.as_deref()).await;
                let expected = match role {
                    None => StatusCode::UNAUTHORIZED,
                    Some(Role::Viewer | Role::Collector | Role::Partner) => StatusCode::FORBIDDEN,
                    _ => StatusCode::OK,
                };
                assert_eq!(res.status, expected, "{endpoint} as {label}: {}", res.body);
            }
            // Grants are the administrators' business.
            let res = app.call("issues_set_grants", &format!("user_id={}&professions[]={de}", granted.id), token.as_deref()).await;
            let expected = match role {
                None => StatusCode::UNAUTHORIZED,
                Some(Role::Admin) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(res.status, expected, "issues_set_grants as {label}: {}", res.body);
            issues::grants::set(&app.db.conn, &Actor::system("t"), granted.id, &[ph], Utc::now()).await.unwrap();
        }
        // Grant changes are audited with the professions' names.
        let logs = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("user")).filter(audit_log::Column::EntityId.eq(granted.id as i64)).all(&app.db.conn).await.unwrap();
        assert!(logs.iter().any(|l| l.changes.contains("issue_grants") && l.changes.contains("歯科医師")), "{logs:?}");
        // The session knows there is a grant (for the navigation), not which.
        let session = app.call("session", "", Some(&granted_token)).await.json();
        assert_eq!(session["user"]["issue_grants"], true);
    }
}

/// A response to search for the hidden issue.
struct Probe {
    what: String,
    status: StatusCode,
    body: String,
}

#[tokio::test]
async fn hidden_issues_leave_no_trace_for_any_role() {
    for db in backends().await {
        let app = seeded(db).await;
        let (ph, de) = (profession(&app, "薬剤師").await, profession(&app, "歯科医師").await);
        let (admin, admin_t) = app.user("admin", Role::Admin).await;
        let (coord, coord_t) = app.user("coord", Role::Coordinator).await;
        let (viewer, viewer_t) = app.user("viewer", Role::Viewer).await;
        let (granted, granted_t) = app.user("granted", Role::Viewer).await;
        issues::grants::set(&app.db.conn, &Actor::system("t"), granted.id, &[ph], Utc::now()).await.unwrap();
        let everyone = vec![admin.id, coord.id, viewer.id, granted.id];
        // A 一次連携 with the dentists that everybody attended; the secret issue was raised
        // there and an action taken there.
        let m = meeting(&app, "2024-06-27", Level::First, &[de], "歯科医師会 打ち合わせ会", everyone.clone()).await;
        // Long enough that no random nonce in a page can contain the code by chance.
        let (secret_title, secret_code, secret_action) = ("歯科の秘密課題ぬ", "ZQXJK9W8", "秘密の取組ぬ");
        let hidden = create(
            &app,
            &IssueInput { code: secret_code.into(), source: "meeting".into(), source_meeting: m.to_string(), ..issue(de, secret_title, Layer::Region) },
        )
        .await;
        act(&app, hidden, "2024-06-27", Mark::Second, secret_action, Some(m)).await;
        // The pharmacists' issue the granted user may see, also linked to the meeting.
        let shared = create(&app, &IssueInput { source: "meeting".into(), source_meeting: m.to_string(), ..issue(ph, "薬剤師の共有課題", Layer::Between) }).await;
        for u in &everyone {
            accounts::users::set_calendar_token(&app.db.conn, &Actor::system("t"), *u, true, Utc::now()).await.unwrap();
        }

        for (label, token, user_id, sees) in [("admin", &admin_t, admin.id, true), ("coordinator", &coord_t, coord.id, true), ("viewer", &viewer_t, viewer.id, false), ("granted", &granted_t, granted.id, false)] {
            let mut probes = Vec::new();
            let pages = [
                "/".to_string(),
                "/issues".into(),
                "/issues/routing".into(),
                format!("/issues/register/{de}"),
                format!("/issues/register/{de}/matrix"),
                format!("/issues/register/{ph}"),
                format!("/issues/{hidden}"),
                format!("/issues/{hidden}/edit"),
                format!("/meetings/{m}"),
                "/meetings".into(),
                format!("/meetings?q={}", common::enc("秘密")),
                "/meetings/timeline".into(),
                format!("/meetings/timeline/{de}"),
                "/meetings/export.csv".into(),
                format!("/issues/register/{de}/matrix.xlsx"),
                "/handover".into(),
                format!("/handover?profession={de}"),
                "/reports/period?from=2024-04-01&to=2025-03-31".into(),
                "/plan?fy=2024".into(),
                // Parts of the title and code: the page shows what was typed, not the issue.
                format!("/search?q={}", common::enc("秘密課題")),
                format!("/search?q={}", common::enc("zqxjk9")),
            ];
            for p in pages {
                let res = app.get(&p, Some(token)).await;
                probes.push(Probe { what: p, status: res.status, body: res.body });
            }
            let calls = [
                ("issues_overview", String::new()),
                ("issues_register", format!("profession={de}&filter[q]=")),
                ("issues_register", format!("profession={de}&filter[q]={}", common::enc(secret_title))),
                ("issues_get", format!("id={hidden}")),
                ("issues_matrix", format!("profession={de}")),
                ("issues_routing", String::new()),
                ("issues_of_meeting", format!("meeting_id={m}")),
                ("meetings_get", format!("id={m}")),
                ("meetings_list", "query[q]=".into()),
                ("handover", String::new()),
                ("handover", format!("profession={de}")),
                ("search", form(&[("q", "秘密課題")])),
                ("search", form(&[("q", "ｚｑｘｊｋ９")])),
            ];
            for (endpoint, body) in calls {
                let res = app.call(endpoint, &body, Some(token)).await;
                probes.push(Probe { what: format!("{endpoint}({body})"), status: res.status, body: res.body });
            }
            let feed_token = accounts::users::calendar_token(&app.db.conn, user_id).await.unwrap().unwrap();
            let res = app.get(&format!("/calendar/{feed_token}.ics"), None).await;
            assert!(res.body.contains("歯科医師会 打ち合わせ会"), "the feed has the meeting");
            probes.push(Probe { what: "calendar feed".into(), status: res.status, body: res.body });

            let leaks: Vec<&Probe> = probes.iter().filter(|p| [secret_title, secret_code, secret_action].iter().any(|s| p.body.contains(s))).collect();
            if sees {
                // The control: the same paths do show it to those who may read every register.
                for must in [format!("/issues/{hidden}"), format!("/meetings/{m}"), format!("/issues/register/{de}/matrix"), format!("issues_of_meeting(meeting_id={m})"), format!("/handover?profession={de}"), "handover()".into(), format!("/search?q={}", common::enc("秘密課題")), format!("/search?q={}", common::enc("zqxjk9"))] {
                    assert!(leaks.iter().any(|p| p.what == must), "{label} should see the issue on {must}");
                }
                let xlsx = probes.iter().find(|p| p.what.ends_with("matrix.xlsx")).unwrap();
                assert_eq!(xlsx.status, StatusCode::OK, "{label}");
                // Writers get the controls in the server-rendered page (not only after hydration).
                let overview = probes.iter().find(|p| p.what == "/issues").unwrap();
                assert!(overview.body.contains("課題を追加"), "{label}");
            } else {
                let names: Vec<String> = leaks.iter().map(|p| format!("{} ({})", p.what, p.status)).collect();
                assert!(leaks.is_empty(), "{label} on {}: the hidden issue shows on {names:?}", app.db.backend);
                // A forbidden id answers like a missing one.
                let forbidden = app.call("issues_get", &format!("id={hidden}"), Some(token)).await;
                let missing = app.call("issues_get", "id=999999", Some(token)).await;
                assert_eq!((forbidden.status, forbidden.body.clone()), (missing.status, missing.body), "{label}");
                let page = app.get(&format!("/issues/{hidden}"), Some(token)).await;
                let missing_page = app.get("/issues/999999", Some(token)).await;
                assert_eq!(page.status, missing_page.status, "{label}");
                let xlsx = probes.iter().find(|p| p.what.ends_with("matrix.xlsx")).unwrap();
                assert!(xlsx.status == StatusCode::NOT_FOUND || xlsx.status == StatusCode::FORBIDDEN, "{label}: {}", xlsx.status);
            }
            if label == "granted" {
                // What was granted is there: the pharmacists' register, counts of it alone, its issue on the meeting.
                let overview = app.call("issues_overview", "", Some(token)).await.json();
                let names: Vec<&str> = overview.as_array().unwrap().iter().map(|r| r["profession"]["name"].as_str().unwrap()).collect();
                assert_eq!(names, ["薬剤師"]);
                assert_eq!(overview[0]["total"], 1);
                let mi = app.call("issues_of_meeting", &format!("meeting_id={m}"), Some(token)).await.json();
                assert_eq!(mi["raised"].as_array().unwrap().len(), 1);
                assert_eq!(mi["raised"][0]["id"], shared);
                assert!(app.get(&format!("/issues/register/{ph}"), Some(token)).await.body.contains("薬剤師の共有課題"));
                assert_eq!(app.call("issues_register", &format!("profession={de}&filter[q]="), Some(token)).await.status, StatusCode::NOT_FOUND);
                let overview = app.get("/issues", Some(token)).await;
                assert_eq!(overview.status, StatusCode::OK);
                assert!(overview.body.contains("薬剤師") && !overview.body.contains("課題を追加"));
                // The handover pack shows the granted register's open issue with its profession.
                let pack = app.call("handover", "", Some(token)).await.json();
                let issues = pack["sections"].as_array().unwrap().iter().find(|s| s["key"] == "issues").unwrap().clone();
                let captions: Vec<&str> = issues["grids"].as_array().unwrap().iter().map(|g| g["caption"].as_str().unwrap()).collect();
                assert_eq!(captions, ["薬剤師"]);
                assert_eq!(issues["grids"][0]["rows"][0][1], "薬剤師の共有課題");
            }
            if label == "viewer" {
                assert_eq!(app.get("/issues", Some(token)).await.status, StatusCode::FORBIDDEN);
                let mi = app.call("issues_of_meeting", &format!("meeting_id={m}"), Some(token)).await.json();
                assert_eq!(mi["visible"], false);
                assert!(!app.get(&format!("/meetings/{m}"), Some(token)).await.body.contains("この会議の課題"));
            }
        }
        // Every export of a register is in the audit trail, by whom.
        let exports = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("issue_register"))
            .order_by_asc(audit_log::Column::Id)
            .all(&app.db.conn)
            .await
            .unwrap();
        let who: Vec<&str> = exports.iter().map(|e| e.user_name.as_str()).collect();
        assert_eq!(who, ["admin さん", "coord さん"], "{exports:?}");
        assert!(exports.iter().all(|e| e.action == "export" && e.entity_id == Some(de as i64)));
    }
}

/// Consultations and training links read issues through the caller's `IssueAccess`: an issue
/// outside it is neither offered, nor named on a record that links it, nor linkable.
#[tokio::test]
async fn consultations_and_training_links_see_issues_only_through_the_callers_access() {
    use app::server::services::{consultations, trainings};
    use app::domain::consultations::ConsultationInput;
    for db in backends().await {
        let app = seeded(db).await;
        let (ph, de) = (profession(&app, "薬剤師").await, profession(&app, "歯科医師").await);
        let open = create(&app, &issue(ph, "薬局の相談窓口", Layer::Within)).await;
        let secret = create(&app, &issue(de, "口腔ケアの内部課題", Layer::Within)).await;
        let pharmacists = IssueAccess::new(Scope::Professions(vec![ph]));
        let nobody = IssueAccess::new(Scope::Professions(vec![]));

        let choices = consultations::record::choices(&app.db.conn, &pharmacists, None).await.unwrap();
        let offered: Vec<i32> = choices.issues.iter().map(|r| r.id).collect();
        assert_eq!(offered, vec![open], "only the pharmacists' issue is offered");

        consultations::categories::ensure_defaults(&app.db.conn, Utc::now()).await.unwrap();
        let category = consultations::categories::all(&app.db.conn).await.unwrap()[0].id;
        let input = ConsultationInput {
            received_on: "2026-10-01".into(),
            category: category.to_string(),
            status: "done".into(),
            issue: secret.to_string(),
            ..Default::default()
        };
        let refused = consultations::record::save(&app.db.conn, &pharmacists, &Actor::system("t"), None, None, &input, Utc::now()).await.unwrap_err();
        assert!(matches!(refused, AppError::Validation(_)), "{refused:?}");
        let id = consultations::record::save(&app.db.conn, &IssueAccess::unrestricted(), &Actor::system("t"), None, None, &input, Utc::now()).await.unwrap();
        let seen_by_all = consultations::record::get(&app.db.conn, &IssueAccess::unrestricted(), id).await.unwrap();
        assert!(seen_by_all.issue.as_ref().is_some_and(|r| r.name.contains("口腔ケアの内部課題")));
        for access in [&pharmacists, &nobody] {
            let view = consultations::record::get(&app.db.conn, access, id).await.unwrap();
            assert!(view.issue.is_none(), "a linked issue outside the access is not named");
        }

        let input = app::domain::trainings::TrainingInput {
            title: "退院支援の研修".into(),
            hosting: "team".into(),
            level: "3".into(),
            held_on: "2026-10-20".into(),
            format: "inperson".into(),
            status: "preparing".into(),
            support: app::domain::trainings::default_plan("team"),
            level_reason: "市民も対象にする研修のため".into(),
            ..Default::default()
        };
        let training = trainings::save(&app.db.conn, &Actor::system("t"), None, None, &input, Utc::now()).await.unwrap();
        let linked = trainings::links::link_issue(&app.db.conn, &pharmacists, &Actor::system("t"), training, secret, "", Utc::now()).await;
        assert!(linked.is_err(), "an issue outside the access cannot be linked");
        trainings::links::link_issue(&app.db.conn, &IssueAccess::unrestricted(), &Actor::system("t"), training, secret, "", Utc::now()).await.unwrap();
        let listed = trainings::links::issues(&app.db.conn, &pharmacists, training).await.unwrap();
        assert!(listed.linked.is_empty() && listed.choices.iter().all(|r| r.id == open));
    }
}
