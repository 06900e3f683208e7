//! The annual report (事業報告) of a fiscal year, assembled from the records as sections of
//! tables, and its workbook with one sheet per section.

use crate::server::services::issues::matrix::year;
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::issues::register::{layer_of, status_of};
use crate::dto::auth::SessionUser;
use crate::dto::report::AnnualReport;
use crate::dto::trainings::TrainingQuery;
use crate::domain::consultations::percent;
use crate::domain::dates;
use crate::domain::issues::Layer;
use crate::domain::meetings::Level;
use crate::domain::report::{sheet_name, tally_issues, tally_work_items, Change, Grid, IssueFacts, Section};
use crate::domain::{FiscalYear, Permission};
use crate::error::AppError;
use crate::server::entities::{consultation, issue, issue_change, meeting, meeting_profession, profession, training};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// How many years the consultation trend table of the report goes back.
const TREND_YEARS: i32 = 10;

mod t {
    pub const MEETINGS: &str = "連携会議の開催状況";
    pub const MEETINGS_NOTE: &str = "アーカイブした会議は数えていません。職種別は延べ数です（1回の会議に複数の職種が参加した場合は、それぞれの職種に数えます）。";
    pub const BY_LEVEL: &str = "連携レベル別";
    pub const BY_PROFESSION: &str = "職種別（延べ）";
    pub const LEVEL: &str = "区分";
    pub const COUNT: &str = "件数";
    pub const PROFESSION: &str = "職種";
    pub const TOTAL: &str = "合計";
    pub const SUM: &str = "計";
    pub const FIRST: &str = "一次連携（職種別の開催日）";
    pub const FIRST_NOTE: &str = "職種ごとの打ち合わせ会などの一次連携を、開催日の順に並べています。";
    pub const DATE: &str = "開催日";
    pub const SUBJECT: &str = "件名";
    pub const NO_FIRST: &str = "（なし）";
    pub const WORK: &str = "事業項目（ア〜ク）";
    pub const WORK_NOTE: &str = "会議と研修に記録した事業項目の件数と、年度内に発行した地域連携だよりの号数です。";
    pub const NEWSLETTERS: &str = "普及啓発（地域連携だより）";
    pub const NEWSLETTER: &str = "地域連携だより";
    pub const ISSUED: &str = "発行号数";
    pub const ITEM: &str = "項目";
    pub const CONTENT: &str = "内容";
    pub const MEETING: &str = "会議";
    pub const TRAINING: &str = "研修";
    pub const CONSULTATIONS: &str = "相談支援";
    pub const CONSULTATIONS_NOTE: &str = "在宅医療・介護連携の相談窓口で受け付けた相談です（アーカイブしたものを除く）。";
    pub const BY_CATEGORY: &str = "相談内容別の件数";
    pub const CATEGORY: &str = "分類";
    pub const SHARE: &str = "構成比(%)";
    pub const TREND: &str = "相談内容の推移";
    pub const SOLVED: &str = "この年度に解決策を実施した相談";
    pub const RECEIVED_ON: &str = "受付日";
    pub const RECEIVED_FY: &str = "受付年度";
    pub const RESPONSE: &str = "対応";
    pub const CONSULTATION_CONTENT: &str = "相談内容";
    pub const TRAININGS: &str = "研修の開催支援";
    pub const TRAININGS_NOTE: &str = "中止した研修は数えていません。";
    pub const BY_HOSTING: &str = "開催形態別";
    pub const HOSTING: &str = "開催形態";
    pub const PARTICIPANTS: &str = "参加者";
    pub const TRAINING_LIST: &str = "研修一覧";
    pub const TITLE: &str = "研修名";
    pub const ORGANISER: &str = "主催";
    pub const ISSUES: &str = "連携の課題";
    pub const ISSUES_NOTE: &str = "抽出・解決はこの年度の件数、継続中は年度末に抽出・共有済・対応中だった課題です。層は年度末のものです。";
    pub const ISSUES_PARTIAL: &str = "閲覧を許可された職種の課題だけを数えています。";
    pub const LAYER: &str = "層";
    pub const EXTRACTED: &str = "抽出";
    pub const RESOLVED: &str = "解決";
    pub const IN_PROGRESS: &str = "継続中（年度末）";
    pub const REFERRALS: &str = "つながるパス（連絡票）";
    pub const REFERRALS_NOTE: &str = "年度内に送付された連絡票の件数です（匿名の記録を含みます）。申請・来所・つながりは最新の返信によります。";
}

use crate::server::services::referrals::ReferralAccess;

pub(super) fn section(key: &str, title: &str, note: &str, grids: Vec<Grid>) -> Section {
    Section { key: key.into(), title: title.into(), note: note.into(), grids }
}

/// The meetings tables of the meetings `within` (a fiscal year, or any period), and their
/// work items for the tally.
pub(super) async fn meeting_sections(db: &impl ConnectionTrait, within: sea_orm::Condition) -> Result<(Vec<Section>, Vec<String>), AppError> {
    let meetings = meeting::Entity::find()
        .filter(within)
        .filter(meeting::Column::Active.eq(true))
        .order_by_asc(meeting::Column::HeldOn)
        .order_by_asc(meeting::Column::StartTime)
        .all(db)
        .await?;
    let ids: Vec<i32> = meetings.iter().map(|m| m.id).collect();
    let mut links: Vec<(i32, i32)> = Vec::new();
    for chunk in ids.chunks(500) {
        links.extend(
            meeting_profession::Entity::find()
                .select_only()
                .column(meeting_profession::Column::MeetingId)
                .column(meeting_profession::Column::ProfessionId)
                .filter(meeting_profession::Column::MeetingId.is_in(chunk.to_vec()))
                .into_tuple::<(i32, i32)>()
                .all(db)
                .await?,
        );
    }
    let professions = profession::Entity::find().order_by_asc(profession::Column::SortOrder).order_by_asc(profession::Column::Id).all(db).await?;
    let by_id: HashMap<i32, &meeting::Model> = meetings.iter().map(|m| (m.id, m)).collect();
    let level_index = |l: i16| (l.clamp(1, 3) - 1) as usize;

    let mut by_level = Grid::new(t::BY_LEVEL, &[t::LEVEL, t::COUNT], 1);
    for l in Level::ALL {
        let n = meetings.iter().filter(|m| m.level == l.number()).count();
        by_level.rows.push(vec![l.label().to_string(), n.to_string()]);
    }
    let by_level = by_level.with_totals(t::TOTAL);

    let mut by_profession = Grid::new(t::BY_PROFESSION, &[t::PROFESSION, Level::First.label(), Level::Second.label(), Level::Third.label(), t::SUM], 1);
    let mut first = Grid::new(t::FIRST, &[t::PROFESSION, t::DATE, t::SUBJECT], 3);
    for p in &professions {
        let mut counts = [0u32; 3];
        let mut firsts: Vec<&meeting::Model> = Vec::new();
        for (m, _) in links.iter().filter(|(_, pid)| *pid == p.id) {
            if let Some(m) = by_id.get(m) {
                counts[level_index(m.level)] += 1;
                if m.level == Level::First.number() {
                    firsts.push(m);
                }
            }
        }
        let sum: u32 = counts.iter().sum();
        if sum == 0 && !p.active {
            continue;
        }
        by_profession.rows.push(vec![p.name.clone(), counts[0].to_string(), counts[1].to_string(), counts[2].to_string(), sum.to_string()]);
        firsts.sort_by_key(|m| (m.held_on, m.id));
        if firsts.is_empty() {
            if p.active {
                first.rows.push(vec![p.name.clone(), String::new(), t::NO_FIRST.to_string()]);
            }
        }
        for m in firsts {
            first.rows.push(vec![p.name.clone(), dates::day(m.held_on), m.title.clone()]);
        }
    }
    let by_profession = by_profession.with_totals(t::TOTAL);
    let work_texts = meetings.iter().map(|m| m.work_items.clone()).collect();
    Ok((
        vec![section("meetings", t::MEETINGS, t::MEETINGS_NOTE, vec![by_level, by_profession]), section("first_level", t::FIRST, t::FIRST_NOTE, vec![first])],
        work_texts,
    ))
}

async fn consultation_section(db: &impl ConnectionTrait, fy: FiscalYear, today: NaiveDate) -> Result<Section, AppError> {
    let (_, _, _, (min, _)) = crate::server::services::consultations::trends::table(db, Some(fy.0), Some(fy.0), today).await?;
    let from = min.max(fy.0 - TREND_YEARS + 1).min(fy.0);
    let (table, ..) = crate::server::services::consultations::trends::table(db, Some(from), Some(fy.0), today).await?;
    let col = table.years.len().saturating_sub(1);
    let year_total = table.column_totals.get(col).copied().unwrap_or(0);
    let mut by_category = Grid::new(t::BY_CATEGORY, &[t::CATEGORY, t::COUNT, t::SHARE], 1);
    for row in &table.rows {
        let n = row.counts.get(col).copied().unwrap_or(0);
        if n > 0 || row.category.active {
            by_category.rows.push(vec![row.category.name.clone(), n.to_string(), percent(n, year_total)]);
        }
    }
    let mut by_category = by_category.with_totals(t::TOTAL);
    if let Some(foot) = by_category.foot.as_mut() {
        foot[2] = if year_total > 0 { "100.0".into() } else { String::new() };
    }
    let grid = table.grid(false);
    // The second header row (Western years) stays as the first body row.
    let trend = Grid { caption: t::TREND.into(), head: grid[0].clone(), rows: grid[1..grid.len() - 1].to_vec(), foot: grid.last().cloned(), numeric_from: 1 };
    Ok(section("consultations", t::CONSULTATIONS, t::CONSULTATIONS_NOTE, vec![by_category, trend]))
}

/// The consultations whose solution was carried out in `fy` (解決策を実施した年度), oldest
/// first: the cases themselves, for those who may read the records.
async fn solved_grid(db: &impl ConnectionTrait, fy: FiscalYear) -> Result<Grid, AppError> {
    let rows = consultation::Entity::find()
        .filter(consultation::Column::SolvedFiscalYear.eq(fy.0))
        .filter(consultation::Column::Active.eq(true))
        .order_by_asc(consultation::Column::ReceivedOn)
        .order_by_asc(consultation::Column::Id)
        .all(db)
        .await?;
    let categories = crate::server::services::consultations::categories::all(db).await?;
    let category = |id: i32| categories.iter().find(|c| c.id == id).map(|c| c.name.clone()).unwrap_or_default();
    // No column holds counts: every cell is text, on the page and in the workbook.
    let head = [t::RECEIVED_ON, t::RECEIVED_FY, t::CATEGORY, t::CONSULTATION_CONTENT, t::RESPONSE];
    let mut grid = Grid::new(t::SOLVED, &head, head.len());
    for m in &rows {
        grid.rows.push(vec![
            m.received_on.format("%Y/%m/%d").to_string(),
            FiscalYear(m.fiscal_year).short_label(),
            category(m.category_id),
            crate::domain::text::first_line(&m.content, 40),
            crate::domain::text::first_line(&m.response, 60),
        ]);
    }
    Ok(grid)
}

async fn training_section(db: &impl ConnectionTrait, fy: FiscalYear, today: NaiveDate) -> Result<(Section, Vec<String>), AppError> {
    let list = crate::server::services::trainings::list(db, &TrainingQuery { fy: Some(fy.0), ..Default::default() }, today).await?;
    let mut by_hosting = Grid::new(t::BY_HOSTING, &[t::HOSTING, t::COUNT, t::PARTICIPANTS], 1);
    for h in &list.by_hosting {
        by_hosting.rows.push(vec![h.hosting.clone(), h.count.to_string(), h.participants.to_string()]);
    }
    let mut items = Grid::new(t::TRAINING_LIST, &[t::DATE, t::TITLE, t::ORGANISER, t::HOSTING, t::PARTICIPANTS], 4);
    let held: Vec<_> = list.items.iter().filter(|s| s.status_code != "cancelled").collect();
    for s in &held {
        items.rows.push(vec![s.date_label.clone(), s.title.clone(), s.organiser.clone(), s.hosting.clone(), s.participants.to_string()]);
    }
    let ids: Vec<i32> = held.iter().map(|s| s.id).collect();
    let work: Vec<String> = training::Entity::find()
        .select_only()
        .column(training::Column::WorkItems)
        .filter(training::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok((section("trainings", t::TRAININGS, t::TRAININGS_NOTE, vec![by_hosting.with_totals(t::TOTAL), items]), work))
}

/// The dated layer and status histories of `issues`, through the registers' gate.
pub(super) async fn histories(db: &impl ConnectionTrait, access: &IssueAccess, issues: &[issue::Model]) -> Result<HashMap<i32, Vec<Change>>, AppError> {
    let ids: Vec<i32> = issues.iter().map(|i| i.id).collect();
    let mut changes: HashMap<i32, Vec<Change>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for c in access
            .changes()
            .filter(issue_change::Column::IssueId.is_in(chunk.to_vec()))
            .order_by_asc(issue_change::Column::ChangedOn)
            .order_by_asc(issue_change::Column::Id)
            .all(db)
            .await?
        {
            changes.entry(c.issue_id).or_default().push(Change { field: c.field, value: c.value, on: c.changed_on });
        }
    }
    Ok(changes)
}

async fn issue_section(db: &impl ConnectionTrait, access: &IssueAccess, fy: FiscalYear) -> Result<Section, AppError> {
    let issues = access.issues().filter(issue::Column::FiscalYear.lte(fy.0)).all(db).await?;
    let mut changes = histories(db, access, &issues).await?;
    let facts: Vec<IssueFacts> = issues
        .iter()
        .map(|i| IssueFacts { fiscal_year: i.fiscal_year, layer: layer_of(i), status: status_of(i), changes: changes.remove(&i.id).unwrap_or_default() })
        .collect();
    let tally = tally_issues(&facts, fy);
    let mut grid = Grid::new(t::ISSUES, &[t::LAYER, t::EXTRACTED, t::RESOLVED, t::IN_PROGRESS], 1);
    for (i, l) in Layer::ALL.iter().enumerate() {
        grid.rows.push(vec![l.label().to_string(), tally.extracted[i].to_string(), tally.resolved[i].to_string(), tally.in_progress[i].to_string()]);
    }
    let note = match access.is_partial() {
        false => t::ISSUES_NOTE.to_string(),
        true => format!("{}{}", t::ISSUES_NOTE, t::ISSUES_PARTIAL),
    };
    Ok(section("issues", t::ISSUES, &note, vec![grid.with_totals(t::TOTAL)]))
}

/// From the first fiscal year with meetings, consultations or trainings (or five years back,
/// whichever is earlier) to the current one.
async fn years(db: &impl ConnectionTrait, today: NaiveDate) -> Result<Vec<i32>, AppError> {
    let current = FiscalYear::of(today).0;
    let mut lows = vec![current - 4];
    let min = |v: Option<i32>| v.unwrap_or(current);
    lows.push(min(meeting::Entity::find().select_only().column_as(meeting::Column::FiscalYear.min(), "y").into_tuple::<Option<i32>>().one(db).await?.flatten()));
    lows.push(min(
        consultation::Entity::find().select_only().column_as(consultation::Column::FiscalYear.min(), "y").into_tuple::<Option<i32>>().one(db).await?.flatten(),
    ));
    lows.push(min(training::Entity::find().select_only().column_as(training::Column::FiscalYear.min(), "y").into_tuple::<Option<i32>>().one(db).await?.flatten()));
    let from = lows.into_iter().min().unwrap_or(current);
    Ok((from..=current).collect())
}

pub async fn build(db: &impl ConnectionTrait, user: &SessionUser, access: Option<&IssueAccess>, fy: Option<i32>, today: NaiveDate) -> Result<AnnualReport, AppError> {
    let current = FiscalYear::of(today);
    let fy = FiscalYear(fy.unwrap_or(current.0));
    if FiscalYear::new(fy.0).is_none() {
        return Err(AppError::NotFound);
    }
    let (mut sections, meeting_work) = meeting_sections(db, sea_orm::Condition::all().add(meeting::Column::FiscalYear.eq(fy.0))).await?;
    let (training_section, training_work) = training_section(db, fy, today).await?;
    let mut work = Grid::new(t::WORK, &[t::ITEM, t::CONTENT, t::MEETING, t::TRAINING, t::SUM], 2);
    for (code, label, m, tr) in tally_work_items(meeting_work.iter().map(String::as_str), training_work.iter().map(String::as_str)) {
        work.rows.push(vec![format!("【{code}】"), label.to_string(), m.to_string(), tr.to_string(), (m + tr).to_string()]);
    }
    let newsletters = crate::server::services::newsletters::records::count_in(db, fy).await?;
    let mut news = Grid::new(t::NEWSLETTERS, &[t::ITEM, t::CONTENT, t::ISSUED], 2);
    news.rows.push(vec!["【エ】".into(), t::NEWSLETTER.into(), newsletters.to_string()]);
    sections.push(section("work_items", t::WORK, t::WORK_NOTE, vec![work, news]));
    let plan = crate::server::services::plan::year::build(db, Some(fy.0), today).await?;
    sections.push(crate::server::services::plan::year::report_section(&plan));
    if user.can(Permission::ReadResources) {
        use crate::server::services::resources::report;
        sections.push(section("resources", report::TITLE, report::NOTE, report::grids(db, fy).await?));
    }
    if user.can(Permission::ReadConsultationTrends) {
        let mut consultations = consultation_section(db, fy, today).await?;
        // The counts are for everyone who reads the trend tables; the cases (what was asked
        // and done) only for those who may read the records themselves.
        if user.can(Permission::ReadConsultations) {
            consultations.grids.push(solved_grid(db, fy).await?);
        }
        sections.push(consultations);
    }
    sections.push(training_section);
    if let Some(access) = access.filter(|a| !a.scope().is_empty()) {
        sections.push(issue_section(db, access, fy).await?);
    }
    if let Some(referrals) = ReferralAccess::of(user).ok().filter(|a| a.is_team()) {
        let e = crate::server::services::referrals::evaluation::build(db, &referrals, fy, today).await?.evaluation;
        sections.push(section("referrals", t::REFERRALS, t::REFERRALS_NOTE, crate::domain::referral_evaluation::report_grids(&e)));
    }
    let mut years: Vec<_> = years(db, today).await?;
    if !years.contains(&fy.0) {
        years.push(fy.0);
        years.sort();
    }
    Ok(AnnualReport {
        year: year(fy.0),
        title_year: fy.long_label(),
        period: dates::span(fy.first_day(), fy.last_day()),
        years: years.into_iter().map(year).collect(),
        sections,
        made_on: dates::day(today),
    })
}

/// One sheet per section: its title and note, then each table under its caption.
pub fn xlsx(report: &AnnualReport) -> Result<Vec<u8>, AppError> {
    workbook(&report.title_year, &report.sections)
}

/// A workbook of report sections, each sheet headed "`heading` section title".
pub fn workbook(heading: &str, sections: &[Section]) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let share = Format::new().set_num_format("0.0");
    for s in sections {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&s.title)).map_err(err)?;
        sheet.write_string_with_format(0, 0, format!("{heading} {}", s.title), &title).map_err(err)?;
        sheet.write_string(1, 0, &s.note).map_err(err)?;
        let mut r: u32 = 3;
        for g in &s.grids {
            sheet.write_string_with_format(r, 0, &g.caption, &bold).map_err(err)?;
            r += 1;
            let shares: Vec<bool> = g.head.iter().map(|h| h.contains("構成比")).collect();
            let rows = g.all_rows();
            let last = rows.len() - 1;
            for (i, row) in rows.iter().enumerate() {
                let strong = i == 0 || (g.foot.is_some() && i == last);
                for (c, v) in row.iter().enumerate() {
                    let numeric = i > 0 && c >= g.numeric_from && c > 0;
                    match v.parse::<f64>() {
                        Ok(n) if numeric => {
                            let f = if shares.get(c).copied().unwrap_or(false) { &share } else if strong { &bold } else { &Format::new() };
                            sheet.write_number_with_format(r, c as u16, n, f).map_err(err)?;
                        }
                        _ if strong => {
                            sheet.write_string_with_format(r, c as u16, v, &bold).map_err(err)?;
                        }
                        _ => {
                            sheet.write_string(r, c as u16, v).map_err(err)?;
                        }
                    }
                }
                r += 1;
            }
            r += 1;
        }
        sheet.set_column_width(0, 22).map_err(err)?;
        sheet.set_column_width(1, 30).map_err(err)?;
        sheet.set_paper_size(9);
    }
    book.save_to_buffer().map_err(err)
}
