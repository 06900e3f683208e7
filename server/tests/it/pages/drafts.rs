//! Issue "Form drafts": the meeting, training, consultation and issue forms carry the draft
//! island (which runs in the browser), pointed at its form by the form's id, the draft keyed
//! by the user, the form and the record.

use crate::common::*;
use app::api::meetings::MeetingQuery;
use app::domain::Role;
use http::StatusCode;

#[tokio::test]
async fn each_record_form_carries_its_draft_island_keyed_by_user_form_and_record() {
    for db in backends().await {
        let backend = db.backend;
        let (app, _) = super::demo_app(db, "drafts-admin").await;
        let (user, token) = app.user("drafts-writer", Role::Coordinator).await;
        let meetings = app::server::services::meetings::list(&app.db.conn, &MeetingQuery::default()).await.unwrap();
        let meeting = meetings.items[0].id;
        let edit = format!("/meetings/{meeting}/edit");
        let edit_key = format!("meeting-{meeting}");
        // Confidential issues and consultations (personal data) are only guarded: their text
        // is never written to the browser's storage, so they carry no storage key.
        for (path, form_id, key) in [
            ("/meetings/new", "meeting-form", Some("meeting-new")),
            (edit.as_str(), "meeting-form", Some(edit_key.as_str())),
            ("/trainings/new", "training-form", Some("training-new")),
            ("/consultations/new", "consultation-form", None),
            ("/issues/new", "issue-form", None),
        ] {
            let page = app.get(path, Some(&token)).await;
            assert_eq!(page.status, StatusCode::OK, "{backend} {path}");
            let island = page.body.find(r#"data-testid="form-draft""#).unwrap_or_else(|| panic!("{backend} {path}: no draft island"));
            let form = page.body.find(&format!(r#" id="{form_id}""#)).unwrap_or_else(|| panic!("{backend} {path}: the form has no id {form_id}"));
            assert!(island < form, "{backend} {path}: the island comes before its form");
            match key {
                Some(key) => {
                    let stored = format!("renkei.draft.{}.{key}", user.id);
                    assert!(page.body.contains(&stored), "{backend} {path}: the draft is not keyed {stored}");
                }
                None => assert!(!page.body.contains("renkei.draft."), "{backend} {path}: a confidential form must keep no draft"),
            }
        }
    }
}
