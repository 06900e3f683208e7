//! Issue 17, item 1: stored text never becomes markup. One record of every kind is saved
//! through the server functions, as the browser sends them, with markup in every free-text
//! field; every page that shows those records must carry the text only escaped: `&lt;` in
//! the HTML (text, attributes, the `<title>`, the `<textarea>` of the edit forms) or `\u003c`
//! in the hydration data.

use crate::common::*;
use app::domain::Role;
use chrono::Datelike;
use http::StatusCode;

/// The fields given a payload, as (field, marker). Each payload holds its marker ("F07")
/// followed directly by `<`, so `F07<` in a page is that field written as markup and
/// `F07&lt;` the field shown as text.
#[derive(Default)]
struct Payloads(Vec<(&'static str, String)>);

impl Payloads {
    fn add(&mut self, field: &'static str, make: impl FnOnce(&str) -> String) -> String {
        let marker = format!("F{:02}", self.0.len() + 1);
        self.0.push((field, marker.clone()));
        make(&marker)
    }

    /// 96 characters: fits the 100-character names.
    fn long(&mut self, field: &'static str) -> String {
        self.add(field, |m| format!("{m}</title></textarea></script><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"))
    }

    /// 28 characters, for the profession's 30-character short name.
    fn short(&mut self, field: &'static str) -> String {
        self.add(field, |m| format!("{m}</title><meta http-equiv>"))
    }

    /// A valid number; what follows 内線 (the extension) is free text. 32 of 40 characters.
    fn phone(&mut self, field: &'static str) -> String {
        self.add(field, |m| format!("0193221234内線{m}<meta http-equiv>"))
    }

    /// A valid address has no spaces.
    fn email(&mut self, field: &'static str) -> String {
        self.add(field, |m| format!("{m}</title><meta/http-equiv>@evil.example"))
    }

    fn website(&mut self, field: &'static str) -> String {
        self.add(field, |m| format!("https://evil.example/{m}</title><meta http-equiv=\"refresh\">"))
    }

    fn marker(&self, field: &str) -> &str {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str()).unwrap_or_else(|| panic!("no payload for {field}"))
    }
}

const SUPPORT_NOTES: [&str; 7] = [
    "training.support_note.1", "training.support_note.2", "training.support_note.3", "training.support_note.4",
    "training.support_note.5", "training.support_note.6", "training.support_note.7",
];
const ORGANISATION: &[&str] = &["organisation.name", "organisation.address", "organisation.phone", "organisation.email", "organisation.website", "organisation.notes"];
const PERSON: &[&str] = &["person.name", "person.title", "person.phone", "person.email", "person.notes"];
const MEETING: &[&str] = &["meeting.title", "meeting.place", "meeting.guests", "meeting.purpose", "meeting.minutes", "meeting.decisions"];
const TRAINING: &[&str] = &["training.title", "training.theme", "training.venue", "training.level_reason"];
const ISSUE: &[&str] = &["issue.title", "issue.description", "issue.source_note"];
const CONSULTATION: &[&str] = &["consultation.requester", "consultation.organisation_text", "consultation.content", "consultation.response"];

/// Calls a server function as the browser does; it must succeed. Returns the id at the end
/// of the page it sends the browser to, if any (`/meetings/12?saved=1` → 12).
async fn save(app: &TestApp, token: &str, endpoint: &str, pairs: &[(&str, &str)]) -> Option<i32> {
    let res = app.call(endpoint, &form(pairs), Some(token)).await;
    assert!(res.status.is_success() || res.status.is_redirection(), "{endpoint}: {} {}", res.status, res.body);
    res.header("location").split(['?', '#']).next().unwrap_or("").rsplit('/').next().and_then(|s| s.parse().ok())
}

fn created(id: Option<i32>, endpoint: &str) -> i32 {
    id.unwrap_or_else(|| panic!("{endpoint} did not send the browser to the new record"))
}

/// The id of the item of a JSON list whose `key` is `value`.
async fn id_named(app: &TestApp, token: &str, endpoint: &str, key: &str, value: &str) -> i32 {
    let list = app.call(endpoint, "", Some(token)).await.json();
    let found = list.as_array().and_then(|a| a.iter().find(|x| x[key] == value)).and_then(|x| x["id"].as_i64());
    found.unwrap_or_else(|| panic!("{endpoint}: nothing with {key} = {value}: {list}")) as i32
}

struct Ids {
    profession: i32,
    organisation: i32,
    person: i32,
    user: i32,
    meeting: i32,
    training: i32,
    issue: i32,
    consultation: i32,
    /// "2026-11", this month, for the calendar.
    month: String,
    /// This fiscal year (Western year of its April).
    fy: i32,
}

/// One record of every kind, markup in every free-text field.
async fn create_records(app: &TestApp, token: &str) -> (Payloads, Ids) {
    let mut p = Payloads::default();
    let today = app::clock::today();
    let day = today.format("%Y-%m-%d").to_string();
    let yesterday = today.pred_opt().unwrap().format("%Y-%m-%d").to_string();

    let (name, short) = (p.long("profession.name"), p.short("profession.short_name"));
    save(app, token, "professions_save", &[("name", &name), ("short_name", &short), ("sort_order", "1")]).await;
    let profession = id_named(app, token, "professions_list", "name", &name).await;
    let pid = profession.to_string();

    let (name, address, phone) = (p.long("organisation.name"), p.long("organisation.address"), p.phone("organisation.phone"));
    let (email, website, notes) = (p.email("organisation.email"), p.website("organisation.website"), p.long("organisation.notes"));
    let organisation = created(
        save(app, token, "organisations_save", &[
            ("name", &name), ("kana", ""), ("kind", "pharmacy"), ("professions[]", &pid), ("address", &address), ("phone", &phone),
            ("email", &email), ("website", &website), ("notes", &notes),
        ])
        .await,
        "organisations_save",
    );
    let oid = organisation.to_string();

    let (name, title, phone) = (p.long("person.name"), p.long("person.title"), p.phone("person.phone"));
    let (email, notes) = (p.email("person.email"), p.long("person.notes"));
    let person = created(
        save(app, token, "people_save", &[
            ("name", &name), ("kana", ""), ("organisation_id", &oid), ("profession_id", &pid), ("title", &title), ("phone", &phone),
            ("email", &email), ("key_person", "on"), ("notes", &notes),
        ])
        .await,
        "people_save",
    );

    // A coordinator, to attend the meeting and own its follow-up.
    let display_name = p.long("user.display_name");
    save(app, token, "users_create", &[("login_name", "payload-coordinator"), ("display_name", &display_name), ("role", "coordinator"), ("password", PASSWORD)]).await;
    let user = id_named(app, token, "users_list", "login_name", "payload-coordinator").await;

    // 二次連携 with one profession: the level warning makes the reason part of the record.
    let [title, place, guests, purpose, minutes, decisions, reason] = [
        "meeting.title", "meeting.place", "meeting.guests", "meeting.purpose", "meeting.minutes", "meeting.decisions", "meeting.level_reason",
    ]
    .map(|f| p.long(f));
    let meeting = created(
        save(app, token, "meetings_save", &[
            ("held_on", &day), ("start_time", "13:30"), ("end_time", "15:00"), ("level", "2"), ("kind", "uchiawase"), ("title", &title),
            ("place", &place), ("professions[]", &pid), ("organisations[]", &oid), ("people[]", &person.to_string()), ("guests", &guests),
            ("coordinators[]", &user.to_string()), ("purpose", &purpose), ("minutes", &minutes), ("decisions", &decisions), ("level_reason", &reason),
        ])
        .await,
        "meetings_save",
    );
    let mid = meeting.to_string();
    let action = p.long("follow_up.action");
    save(app, token, "follow_ups_add", &[("meeting_id", &mid), ("action", &action), ("owner", &format!("u:{user}")), ("due_on", &yesterday)]).await;

    // A training on the day, with its role split, a standard task (due the day before) and one more;
    // 二次連携 with one profession, so the level reason is part of the record.
    let [title, theme, venue, level_reason] = ["training.title", "training.theme", "training.venue", "training.level_reason"].map(|f| p.long(f));
    let notes = SUPPORT_NOTES.map(|f| p.long(f));
    let template_task = p.long("training.template_task");
    let mut pairs: Vec<(&str, &str)> = vec![
        ("title", title.as_str()), ("theme", theme.as_str()), ("organiser", oid.as_str()), ("hosting", "cohost"), ("level", "2"),
        ("professions[]", pid.as_str()), ("held_on", day.as_str()), ("start_time", "18:30"), ("end_time", "20:00"), ("venue", venue.as_str()),
        ("format", "inperson"), ("capacity", "30"), ("status", "preparing"), ("level_reason", level_reason.as_str()),
        ("task_pick[]", "0"), ("task_title[]", template_task.as_str()), ("task_offset[]", "-1"), ("task_owner[]", ""),
    ];
    for note in &notes {
        pairs.push(("support[]", "team"));
        pairs.push(("support_note[]", note.as_str()));
    }
    let training = created(save(app, token, "trainings_save", &pairs).await, "trainings_save");
    let tid = training.to_string();
    let task = p.long("training_task.title");
    save(app, token, "training_tasks_add", &[("training_id", &tid), ("title", &task), ("owner", ""), ("due_on", &yesterday)]).await;
    save(app, token, "trainings_link_meeting", &[("training_id", &tid), ("meeting", &mid), ("role", "preparation")]).await;

    let category = p.long("consultation_category.name");
    save(app, token, "consultations_save_category", &[("name", &category)]).await;
    let cid = id_named(app, token, "consultations_categories", "name", &category).await.to_string();

    // An issue raised in the meeting, between professions, with a ◇ action (so it stays on
    // the routing board as a candidate for a 二次連携).
    let [title, description, source_note] = ["issue.title", "issue.description", "issue.source_note"].map(|f| p.long(f));
    let issue = created(
        save(app, token, "issues_save", &[
            ("profession", &pid), ("code", ""), ("title", &title), ("description", &description), ("layer", "between"), ("status", "extracted"),
            ("source", "meeting"), ("source_meeting", &mid), ("source_note", &source_note), ("extracted_on", &day), ("fiscal_year", ""), ("changed_on", ""),
        ])
        .await,
        "issues_save",
    );
    let iid = issue.to_string();
    let action = p.long("issue_action.description");
    save(app, token, "issues_add_action", &[("issue_id", &iid), ("acted_on", &day), ("mark", "joint"), ("description", &action), ("meeting", &mid)]).await;
    save(app, token, "trainings_link_issue", &[("training_id", &tid), ("issue", &iid), ("mark", "")]).await;

    let [comments, lessons] = ["training.comments", "training.lessons"].map(|f| p.long(f));
    let version = app.call("trainings_get", &format!("id={training}"), Some(token)).await.json()["version"].to_string();
    save(app, token, "trainings_save_outcome", &[
        ("id", &tid), ("version", &version), ("participant_profession[]", &pid), ("participant_count[]", "20"), ("participants_other", "0"),
        ("respondents", "10"), ("satisfaction[]", "1"), ("satisfaction[]", "2"), ("satisfaction[]", "2"), ("satisfaction[]", "2"), ("satisfaction[]", "3"),
        ("comments", &comments), ("lessons", &lessons),
    ])
    .await;

    let [requester, affiliation, content, response] =
        ["consultation.requester", "consultation.organisation_text", "consultation.content", "consultation.response"].map(|f| p.long(f));
    let consultation = created(
        save(app, token, "consultations_save", &[
            ("received_on", &day), ("requester", &requester), ("organisation", ""), ("organisation_text", &affiliation), ("profession", &pid),
            ("region", "inside"), ("method", "phone"), ("category", &cid), ("wanted", "on"), ("content", &content), ("response", &response),
            ("status", "received"), ("solved_fy", ""), ("meeting", &mid), ("issue", &iid),
        ])
        .await,
        "consultations_save",
    );

    let fy = if today.month() >= 4 { today.year() } else { today.year() - 1 };
    let month = today.format("%Y-%m").to_string();
    (p, Ids { profession, organisation, person, user, meeting, training, issue, consultation, month, fy })
}

/// A page, the fields it must show, the field its `<title>` carries, and its `<textarea>`s
/// (form name, field).
struct Page {
    path: String,
    shows: Vec<&'static str>,
    title: Option<&'static str>,
    textareas: &'static [(&'static str, &'static str)],
}

/// Lists of fields, joined.
fn all(parts: &[&[&'static str]]) -> Vec<&'static str> {
    parts.concat()
}

fn page(path: impl Into<String>, shows: &[&'static str]) -> Page {
    Page { path: path.into(), shows: shows.to_vec(), title: None, textareas: &[] }
}

impl Page {
    fn title(self, field: &'static str) -> Page {
        Page { title: Some(field), ..self }
    }

    fn textareas(self, textareas: &'static [(&'static str, &'static str)]) -> Page {
        Page { textareas, ..self }
    }
}

fn pages(i: &Ids) -> Vec<Page> {
    let (pr, o, x, u, m, t, is, c) = (i.profession, i.organisation, i.person, i.user, i.meeting, i.training, i.issue, i.consultation);
    let notes: &[&'static str] = &SUPPORT_NOTES;
    vec![
        page("/", &["meeting.title", "training.title", "follow_up.action", "training_task.title", "consultation_category.name"]),
        page("/directory/professions", &["profession.name", "profession.short_name"]),
        page(format!("/directory/professions/{pr}"), &["profession.name", "profession.short_name"]),
        page("/directory/organisations", &["organisation.name", "organisation.phone"]),
        page("/directory/organisations/new", &["profession.name"]),
        page(format!("/directory/organisations/{o}"), &all(&[ORGANISATION, &["person.name", "meeting.title", "training.title"]])).title("organisation.name"),
        page(format!("/directory/organisations/{o}/edit"), ORGANISATION).textareas(&[("notes", "organisation.notes")]),
        page(format!("/directory/organisations/{o}/delete"), &["organisation.name"]),
        page("/directory/people", &["person.name", "person.title", "person.phone"]),
        page("/directory/people/new", &["organisation.name"]),
        page(format!("/directory/people/{x}"), &all(&[PERSON, &["organisation.name", "meeting.title"]])).title("person.name"),
        page(format!("/directory/people/{x}/edit"), PERSON).textareas(&[("notes", "person.notes")]),
        page(format!("/directory/people/{x}/delete"), &["person.name"]),
        page("/meetings", &["meeting.title", "meeting.place"]),
        page("/meetings/new", &["profession.name", "organisation.name"]),
        page(
            format!("/meetings/{m}"),
            &all(&[MEETING, &["meeting.level_reason", "follow_up.action", "person.name", "user.display_name", "training.title", "issue.title", "issue_action.description"]]),
        )
        .title("meeting.title"),
        page(format!("/meetings/{m}/edit"), MEETING).textareas(&[
            ("guests", "meeting.guests"), ("purpose", "meeting.purpose"), ("minutes", "meeting.minutes"), ("decisions", "meeting.decisions"),
        ]),
        page(format!("/meetings/calendar?month={}", i.month), &["meeting.title", "training.title"]),
        page("/meetings/timeline", &["profession.name", "meeting.title"]),
        page(format!("/meetings/timeline/{pr}"), &["profession.name", "meeting.title"]).title("profession.name"),
        page("/meetings/follow-ups", &["follow_up.action", "meeting.title"]),
        page("/trainings", &["training.title"]),
        page("/trainings/new", &["organisation.name"]),
        page("/trainings/tasks", &["training.template_task", "training_task.title", "training.title"]),
        page(
            format!("/trainings/{t}"),
            &all(&[TRAINING, notes, &["training.template_task", "training_task.title", "training.comments", "training.lessons", "organisation.name", "meeting.title", "issue.title"]]),
        )
        .title("training.title"),
        page(format!("/trainings/{t}/edit"), &all(&[TRAINING, notes])).textareas(&[("theme", "training.theme")]),
        page(format!("/trainings/{t}/outcome"), &["training.comments", "training.lessons"])
            .title("training.title")
            .textareas(&[("comments", "training.comments"), ("lessons", "training.lessons")]),
        page(format!("/trainings/{t}/support"), &all(&[&["training.title", "training.venue"], notes])).title("training.title"),
        page("/issues", &["profession.name"]),
        page("/issues/new", &["profession.name"]),
        page("/issues/routing", &["issue.title"]),
        page(format!("/issues/register/{pr}"), &["profession.name", "issue.title"]).title("profession.name"),
        page(format!("/issues/register/{pr}/matrix"), &["profession.name", "issue.title", "issue_action.description"]).title("profession.name"),
        page(format!("/issues/{is}"), &all(&[ISSUE, &["issue_action.description", "meeting.title"]])).title("issue.title"),
        page(format!("/issues/{is}/edit"), ISSUE).textareas(&[("description", "issue.description")]),
        page("/consultations", &["consultation.requester", "consultation_category.name"]),
        page("/consultations/new", &["consultation_category.name"]),
        page(format!("/consultations/{c}"), &all(&[CONSULTATION, &["consultation_category.name", "meeting.title", "issue.title"]]))
            .title("consultation_category.name"),
        page(format!("/consultations/{c}/edit"), CONSULTATION).textareas(&[("content", "consultation.content"), ("response", "consultation.response")]),
        page("/consultations/trends", &["consultation_category.name"]),
        page(format!("/consultations/trends/{}", i.fy), &[]),
        page("/admin/consultation-categories", &["consultation_category.name"]),
        page("/report", &["profession.name", "training.title", "consultation_category.name"]),
        page("/admin/users", &["user.display_name"]),
        page(format!("/admin/users/{u}"), &["user.display_name"]),
        page("/admin/audit", &[]),
        // Every payload holds these words: the search finds a record of each kind.
        page("/search?q=http-equiv", &["meeting.title", "organisation.name", "person.name", "training.title", "issue.title", "consultation.content"]),
    ]
}

/// The field's text shown as text: escaped in HTML, or in the hydration data (where the
/// serialised `<` is `\u003c`, written with one or two backslashes).
fn escaped(body: &str, marker: &str) -> bool {
    [format!("{marker}&lt;"), format!("{marker}\\u003c"), format!("{marker}\\\\u003c")].iter().any(|n| body.contains(n.as_str()))
}

fn title_of(body: &str) -> Option<&str> {
    let start = body.find("<title>")? + "<title>".len();
    let end = start + body[start..].find("</title>")?;
    Some(&body[start..end])
}

/// The content of the `<textarea name="…">`, up to the first `</textarea>`.
fn textarea<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    let attr = format!("name=\"{name}\"");
    let mut rest = body;
    while let Some(i) = rest.find("<textarea") {
        rest = &rest[i..];
        let open_end = rest.find('>')?;
        let (tag, after) = (&rest[..open_end], &rest[open_end + 1..]);
        if tag.contains(&attr) {
            return after.find("</textarea>").map(|end| &after[..end]);
        }
        rest = after;
    }
    None
}

fn around(body: &str, i: usize) -> &str {
    let (mut start, mut end) = (i.saturating_sub(80), (i + 60).min(body.len()));
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    while !body.is_char_boundary(end) {
        end += 1;
    }
    &body[start..end]
}

fn check(page: &Page, res: &TestResponse, p: &Payloads) -> Vec<String> {
    let path = &page.path;
    if res.status != StatusCode::OK {
        return vec![format!("{path}: status {}", res.status)];
    }
    let body = &res.body;
    let mut out = Vec::new();
    for needle in ["<meta http-equiv", "<meta/http-equiv"] {
        if let Some(i) = body.find(needle) {
            out.push(format!("{path}: markup {needle:?} in …{}…", around(body, i)));
        }
    }
    for (field, marker) in &p.0 {
        if body.contains(&format!("{marker}<")) {
            out.push(format!("{path}: {field} ({marker}) written as markup"));
        }
    }
    if !p.0.iter().any(|(_, marker)| escaped(body, marker)) {
        out.push(format!("{path}: shows none of the stored texts"));
    }
    for field in &page.shows {
        if !escaped(body, p.marker(field)) {
            out.push(format!("{path}: does not show {field} ({}) escaped", p.marker(field)));
        }
    }
    if let Some(field) = page.title {
        let want = format!("{}&lt;/title&gt;", p.marker(field));
        match title_of(body) {
            Some(t) if t.contains(&want) => {}
            t => out.push(format!("{path}: <title> {t:?} does not carry {field} escaped")),
        }
    }
    for (name, field) in page.textareas {
        let want = format!("{}&lt;/title&gt;&lt;/textarea&gt;", p.marker(field));
        match textarea(body, name) {
            Some(t) if t.contains(&want) => {}
            t => out.push(format!("{path}: <textarea name={name:?}> holds {t:?}, not {field} escaped")),
        }
    }
    out
}

#[tokio::test]
async fn stored_markup_is_shown_only_escaped() {
    let mut failures = Vec::new();
    for db in backends().await {
        let backend = db.backend;
        let app = TestApp::new(db).await;
        let (_, token) = app.user("admin", Role::Admin).await;
        let (payloads, ids) = create_records(&app, &token).await;
        for page in pages(&ids) {
            let res = app.get(&page.path, Some(&token)).await;
            failures.extend(check(&page, &res, &payloads).into_iter().map(|f| format!("[{backend}] {f}")));
        }
    }
    assert!(failures.is_empty(), "{} place(s) where stored text is not shown escaped:\n{}", failures.len(), failures.join("\n"));
}
