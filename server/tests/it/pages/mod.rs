//! Issue "Islands": pages are rendered on the server once, carry no serialized data, and a
//! rejected form comes back without the input in the URL.
//! One module per concern.

use crate::common;

mod concurrency;
mod drafts;
mod form_errors;
mod no_resource_data;

/// An app on `db` with the default lists and the demo records, and an administrator's session.
async fn demo_app(db: common::TestDb, admin: &str) -> (common::TestApp, String) {
    use chrono::Utc;
    app::server::services::directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    app::server::services::consultations::categories::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    app::server::services::meetings::kinds::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    app::server::services::demo::seed(&db.conn, Utc::now()).await.unwrap();
    let app = common::TestApp::new(db).await;
    let (_, token) = app.user(admin, app::domain::Role::Admin).await;
    (app, token)
}
