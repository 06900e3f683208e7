//! System information: version and database, read through a server function.

use crate::api::system::get_system_info;
use crate::components::error_view::ErrorMessage;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "システム情報";
    pub use crate::components::words::LOADING;
    pub const VERSION: &str = "バージョン";
    pub const DATABASE: &str = "データベース";
    pub const MIGRATIONS: &str = "適用済みマイグレーション";
    pub const DEMO: &str = "デモデータ";
    pub const DEMO_YES: &str = "あり（デモ環境）";
    pub const DEMO_NO: &str = "なし";
}

#[component]
pub fn AboutPage() -> impl IntoView {
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match get_system_info().await {
                    Ok(info) => {
                        view! {
                            <dl class="facts card" data-testid="system-info">
                                <dt>{t::VERSION}</dt>
                                <dd>{info.version}</dd>
                                <dt>{t::DATABASE}</dt>
                                <dd>{info.database}</dd>
                                <dt>{t::MIGRATIONS}</dt>
                                <dd>{info.migrations}</dd>
                                <dt>{t::DEMO}</dt>
                                <dd>{if info.demo { t::DEMO_YES } else { t::DEMO_NO }}</dd>
                            </dl>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
