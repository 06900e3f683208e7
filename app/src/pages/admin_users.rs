//! User administration: the list, a form for new users, and one user's settings.

use crate::api::users::{get_collector_districts, get_partner_organisations, get_user, list_users, CreateUser, ResetUserPassword, UpdateUser};
use crate::components::error_view::ErrorMessage;
use crate::api::issues::{get_issue_grants, SetIssueGrants};
use crate::api::two_factor::{get_two_factor_roles, get_user_two_factor, ResetUserTwoFactor, SetTwoFactorRoles, TwoFactorStatus};
use crate::api::system::{get_team_name, SetTeamName, TEAM_NAME_MAX};
use crate::api::directory::Ref;
use crate::error::AppError;
use crate::components::form::{list_value, CheckboxField, CheckboxGroup, FormErrors, FormMessage, SelectField, TextField};
use crate::domain::Role;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::tabs::AdminTabs;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::{use_params_map, use_query_map};

mod t {
    pub const TITLE: &str = "ユーザー管理";
    pub use crate::components::words::LOADING;
    pub const COL_LOGIN: &str = "ログイン名";
    pub const COL_NAME: &str = "表示名";
    pub const COL_ROLE: &str = "役割";
    pub const COL_STATUS: &str = "状態";
    pub const ACTIVE: &str = "有効";
    pub const DISABLED: &str = "無効";
    pub use crate::components::words::EDIT;
    pub const NEW: &str = "ユーザーを追加";
    pub const LOGIN_HINT: &str = "半角英数字と . _ - で3〜64文字";
    pub const PASSWORD: &str = "初期パスワード";
    pub const PASSWORD_HINT: &str = "10文字以上。本人に伝え、ログイン後に変更してもらってください。";
    pub const ROLE_HELP: &str = "管理者: すべての操作とユーザー管理・監査ログ ／ コーディネーター: すべての記録の閲覧と編集 ／ 閲覧者: 名簿・会議・研修の閲覧のみ（課題リストは見られません） ／ 資源登録者: 生活応援センター等の職員。担当地区の地域の資源の登録・修正だけができ、ほかの画面は見られません（登録した資源は精査待ちになります） ／ 連携先: 医療機関・薬局・センターの職員。所属機関のつながるパス（連絡票）の送付・受付だけができます";
    pub const DISTRICT: &str = "担当地区（資源登録者のみ）";
    pub const DISTRICT_NONE: &str = "（なし）";
    pub const ORGANISATION: &str = "所属機関（連携先のみ）";
    pub use crate::components::words::ADD;
    pub const EDIT_TITLE: &str = "ユーザーの設定";
    pub const ENABLED_LABEL: &str = "有効（ログインできる）";
    pub use crate::components::words::SAVE;
    pub const SAVED: &str = "保存しました。";
    pub const CREATED: &str = "ユーザーを追加しました。";
    pub const RESET_TITLE: &str = "パスワードの再設定";
    pub const RESET_HINT: &str = "新しいパスワードを設定すると、このユーザーのログイン中のセッションはすべて終了します。";
    pub const NEW_PASSWORD: &str = "新しいパスワード";
    pub const RESET: &str = "再設定する";
    pub const RESET_DONE: &str = "パスワードを再設定しました。";
    pub const BACK: &str = "ユーザー一覧へ戻る";
    pub const EMPTY: &str = "ユーザーはまだいません。";
    pub const GRANTS_TITLE: &str = "課題リストの閲覧（部外秘）";
    pub const GRANTS_HINT: &str = "閲覧者に、選んだ職種の課題リストだけを見せます（例: 薬剤師会の担当者に薬剤師の課題）。管理者とコーディネーターは、ここに関係なくすべての職種の課題リストを見られます。";
    pub const GRANTS_LEGEND: &str = "閲覧できる職種";
    pub const GRANTS_SAVE: &str = "閲覧できる職種を保存";
    pub const GRANTS_SAVED: &str = "課題リストの閲覧を設定しました。";
    pub const TF_ROLES_TITLE: &str = "2段階認証を必須にする役割";
    pub const TF_ROLES_HINT: &str = "選んだ役割のユーザーは、ログインのたびに認証アプリの確認コードが必要になり、自分では2段階認証を無効にできません。まだ設定していないユーザーは、次回のログイン時に設定を求められます（あなた自身も含みます）。連携先（医療機関・薬局・センター）の役割は、紹介された方の個人情報を扱うため常に必須です。";
    pub const TF_ROLES_LEGEND: &str = "必須にする役割";
    pub const TF_ROLES_SAVE: &str = "必須にする役割を保存";
    pub const TF_ROLES_SAVED: &str = "2段階認証を必須にする役割を保存しました。";
    pub const TF_TITLE: &str = "2段階認証";
    pub const TF_STATUS: &str = "状態";
    pub const TF_ON: &str = "有効";
    pub const TF_OFF: &str = "無効";
    pub const TF_PENDING: &str = "設定の途中";
    pub const TF_REQUIRED: &str = "このユーザーの役割では2段階認証が必須です。リセットすると、次回のログイン時に設定し直すよう求められます。";
    pub const TF_RESET_HINT: &str = "スマートフォンをなくし、回復コードも使えなくなったユーザーのために、2段階認証を無効に戻します。本人であることを確かめてから行ってください。";
    pub const TF_RESET: &str = "2段階認証をリセット";
    pub const TF_RESET_CONFIRM: &str = "本当にリセットする";
    pub const TF_RESET_DONE: &str = "2段階認証をリセットしました。";
    pub const TEAM_TITLE: &str = "チーム名（印刷に表示）";
    pub const TEAM_HINT: &str = "印刷したすべてのページの右上に、アプリ名・印刷した人・印刷日と並べて表示します。空欄にすると表示しません。";
    pub const TEAM_LABEL: &str = "チーム名";
    pub const TEAM_SAVE: &str = "チーム名を保存";
    pub const TEAM_SAVED: &str = "チーム名を保存しました。";
}

/// The roles that must use two-step sign-in.
#[component]
fn TwoFactorRoles(required: Result<Vec<String>, AppError>) -> impl IntoView {
    let save = ServerAction::<SetTwoFactorRoles>::new();
    let errors = FormErrors::of(save);
    let saved = use_query_map().with_untracked(|q| q.get("two_factor").is_some());
    view! {
        <section class="card" data-testid="two-factor-roles">
            <h2>{t::TF_ROLES_TITLE}</h2>
            <p class="hint">{t::TF_ROLES_HINT}</p>
            {saved.then(|| view! { <p class="notice" role="status">{t::TF_ROLES_SAVED}</p> })}
            {match required {
                Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                Ok(required) => {
                    let selected = list_value(errors, "roles", required);
                    view! {
                        <ActionForm action=save attr:class="stack">
                            <FormMessage errors />
                            <CheckboxGroup legend=t::TF_ROLES_LEGEND name="roles" options=role_options() selected errors />
                            <button type="submit">{t::TF_ROLES_SAVE}</button>
                        </ActionForm>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The team's name, printed before the app's name in the stamp of every print.
#[component]
fn TeamName(name: Result<String, AppError>) -> impl IntoView {
    let save = ServerAction::<SetTeamName>::new();
    let errors = FormErrors::of(save);
    let saved = use_query_map().with_untracked(|q| q.get("team_name").is_some());
    view! {
        <section class="card" data-testid="team-name">
            <h2>{t::TEAM_TITLE}</h2>
            <p class="hint">{t::TEAM_HINT}</p>
            {saved.then(|| view! { <p class="notice" role="status">{t::TEAM_SAVED}</p> })}
            {match name {
                Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                Ok(name) => view! {
                    <ActionForm action=save attr:class="stack">
                        <FormMessage errors />
                        <TextField label=t::TEAM_LABEL name="team_name" value=errors.value_or("team_name", name) maxlength=TEAM_NAME_MAX errors />
                        <button type="submit">{t::TEAM_SAVE}</button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}

/// A user's two-step sign-in, and the administrator's reset.
#[component]
fn UserTwoFactor(user_id: i32, state: Result<TwoFactorStatus, AppError>) -> impl IntoView {
    let reset = ServerAction::<ResetUserTwoFactor>::new();
    let errors = FormErrors::of(reset);
    view! {
        <section class="card" data-testid="user-two-factor">
            <h2>{t::TF_TITLE}</h2>
                    {match state {
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                        Ok(s) => {
                            let state = if s.enabled {
                                let since = if s.enabled_at.is_empty() { String::new() } else { format!("（{}から）", s.enabled_at) };
                                format!("{}{since}・使える回復コード {}個", t::TF_ON, s.recovery_codes_left)
                            } else if s.pending {
                                t::TF_PENDING.to_string()
                            } else {
                                t::TF_OFF.to_string()
                            };
                            view! {
                                <p>{t::TF_STATUS} "：" <strong data-testid="user-two-factor-state">{state}</strong></p>
                                {s.required.then(|| view! { <p class="hint">{t::TF_REQUIRED}</p> })}
                                <FormMessage errors />
                                {(s.enabled || s.pending).then(|| view! {
                                    <p class="hint">{t::TF_RESET_HINT}</p>
                                    <details class="confirm">
                                        <summary>{t::TF_RESET}</summary>
                                        <ActionForm action=reset attr:class="inline">
                                            <input type="hidden" name="id" value=user_id />
                                            <button type="submit" class="danger">{t::TF_RESET_CONFIRM}</button>
                                        </ActionForm>
                                    </details>
                                })}
                            }.into_any()
                        }
                    }}
        </section>
    }
}

/// Which professions' issue registers the user may read.
#[component]
fn IssueGrants(user_id: i32, role: Role, grants: Result<(Vec<Ref>, Vec<i32>), AppError>) -> impl IntoView {
    let save = ServerAction::<SetIssueGrants>::new();
    let errors = FormErrors::of(save);
    view! {
        <section class="card" data-testid="issue-grants">
            <h2>{t::GRANTS_TITLE}</h2>
            <p class="hint">{t::GRANTS_HINT}</p>
                    {match grants {
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                        Ok((professions, granted)) => {
                            let options = professions.iter().map(|p| (p.id.to_string(), p.name.clone())).collect();
                            let selected = granted.iter().map(i32::to_string).collect();
                            view! {
                                <ActionForm action=save attr:class="stack">
                                    <FormMessage errors />
                                    <input type="hidden" name="user_id" value=user_id />
                                    <CheckboxGroup legend=t::GRANTS_LEGEND name="professions" options selected errors />
                                    <button type="submit" disabled=role != Role::Viewer>{t::GRANTS_SAVE}</button>
                                </ActionForm>
                            }.into_any()
                        }
                    }}
        </section>
    }
}

fn role_options() -> Vec<(String, String)> {
    Role::ALL.iter().map(|r| (r.code().to_string(), r.label().to_string())).collect()
}

/// The district select of a collector account; without the list (an error) the field is
/// left out and the server says a collector needs one.
fn district_field(districts: Result<Vec<Ref>, AppError>, selected: String, errors: FormErrors) -> impl IntoView {
    districts.ok().map(|list| {
        let options = list.into_iter().map(|d| (d.id.to_string(), d.name)).collect();
        view! { <SelectField label=t::DISTRICT name="district" options selected empty_label=t::DISTRICT_NONE errors /> }
    })
}

/// The organisation select of a partner account (as `district_field`).
fn organisation_field(organisations: Result<Vec<Ref>, AppError>, selected: String, errors: FormErrors) -> impl IntoView {
    organisations.ok().map(|list| {
        let options = list.into_iter().map(|d| (d.id.to_string(), d.name)).collect();
        view! { <SelectField label=t::ORGANISATION name="organisation" options selected empty_label=t::DISTRICT_NONE errors /> }
    })
}

/// 資源登録者（鵜住居）, 連携先（…）（釜石薬局）
fn role_label(u: &crate::api::auth::UserView) -> String {
    match u.district.as_ref().or(u.organisation.as_ref()) {
        Some(d) => format!("{}（{}）", u.role.label(), d.name),
        None => u.role.label().to_string(),
    }
}

fn users_table(list: Vec<crate::api::auth::UserView>) -> AnyView {
    if list.is_empty() {
        return view! { <p class="empty">{t::EMPTY}</p> }.into_any();
    }
    view! {
            <div class="table-scroll">
                <table class="data-table" data-testid="users-table">
                    <thead><tr>
                        <th scope="col">{t::COL_LOGIN}</th>
                        <th scope="col">{t::COL_NAME}</th>
                        <th scope="col">{t::COL_ROLE}</th>
                        <th scope="col">{t::COL_STATUS}</th>
                        <th scope="col"><span class="visually-hidden">{t::EDIT}</span></th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|u| view! {
                            <tr class:inactive=!u.active>
                                <td>{u.login_name.clone()}</td>
                                <td>{u.display_name.clone()}</td>
                                <td>{role_label(&u)}</td>
                                <td>{if u.active { t::ACTIVE } else { t::DISABLED }}</td>
                                <td><a href=format!("/admin/users/{}", u.id)>{t::EDIT}</a></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any()
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let errors = FormErrors::of(create);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <AdminTabs current="/admin/users" />
        // One load for the page: a section that waited on its own could stall (README, Pages).
        {loaded(async { Ok((list_users().await?, get_collector_districts().await, get_partner_organisations().await, get_two_factor_roles().await, get_team_name().await)) }, move |(list, districts, organisations, required, team)| view! {
            {users_table(list)}
            <section class="card">
                <h2>{t::NEW}</h2>
                <ActionForm action=create attr:class="stack">
                    <FormMessage errors />
                    <TextField label="ログイン名" name="login_name" value=errors.value_or("login_name", "") required=true hint=t::LOGIN_HINT errors />
                    <TextField label="表示名" name="display_name" value=errors.value_or("display_name", "") required=true errors />
                    <SelectField label="役割" name="role" options=role_options() selected=errors.value_or("role", "coordinator") required=true errors />
                    <p class="hint">{t::ROLE_HELP}</p>
                    {district_field(districts, errors.value_or("district", ""), errors)}
                    {organisation_field(organisations, errors.value_or("organisation", ""), errors)}
                    <TextField label=t::PASSWORD name="password" input_type="password" required=true autocomplete="new-password" hint=t::PASSWORD_HINT errors />
                    <button type="submit">{t::ADD}</button>
                </ActionForm>
            </section>
            <TwoFactorRoles required />
            <TeamName name=team />
        })}
    }
}

#[component]
pub fn UserEditPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let update = ServerAction::<UpdateUser>::new();
    let reset = ServerAction::<ResetUserPassword>::new();
    let update_errors = FormErrors::of(update);
    let reset_errors = FormErrors::of(reset);
    let notice = use_query_map().with_untracked(|q| {
        if q.get("saved").is_some() {
            Some(t::SAVED)
        } else if q.get("created").is_some() {
            Some(t::CREATED)
        } else if q.get("password").is_some() {
            Some(t::RESET_DONE)
        } else if q.get("grants").is_some() {
            Some(t::GRANTS_SAVED)
        } else if q.get("two_factor").is_some() {
            Some(t::TF_RESET_DONE)
        } else {
            None
        }
    });
    view! {
        <PageTitle text=t::EDIT_TITLE />
        <p><a href="/admin/users">{t::BACK}</a></p>
        <h1>{t::EDIT_TITLE}</h1>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match get_user(id).await {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    // The sections' data is read here too: none waits on its own (see README, Pages).
                    Ok(u) => {
                    let grants = get_issue_grants(u.id).await;
                    let two_factor = get_user_two_factor(u.id).await;
                    let districts = get_collector_districts().await;
                    let district = u.district.as_ref().map(|d| d.id.to_string()).unwrap_or_default();
                    // An archived organisation stays selectable for the account bound to it.
                    let organisations = get_partner_organisations().await.map(|mut list| {
                        if let Some(o) = u.organisation.clone().filter(|o| !list.iter().any(|x| x.id == o.id)) {
                            list.push(o);
                        }
                        list
                    });
                    let organisation = u.organisation.as_ref().map(|d| d.id.to_string()).unwrap_or_default();
                    view! {
                        <section class="card">
                            <h2>{u.login_name.clone()}</h2>
                            <ActionForm action=update attr:class="stack">
                                <FormMessage errors=update_errors />
                                <input type="hidden" name="id" value=u.id />
                                <input type="hidden" name="version" value=u.version />
                                <TextField label="表示名" name="display_name" value=u.display_name.clone() required=true errors=update_errors />
                                <SelectField label="役割" name="role" options=role_options() selected=u.role.code() required=true errors=update_errors />
                                {district_field(districts, district, update_errors)}
                                {organisation_field(organisations, organisation, update_errors)}
                                <CheckboxField label=t::ENABLED_LABEL name="active" checked=u.active />
                                <button type="submit">{t::SAVE}</button>
                            </ActionForm>
                        </section>
                        <IssueGrants user_id=u.id role=u.role grants />
                        <section class="card">
                            <h2>{t::RESET_TITLE}</h2>
                            <p class="hint">{t::RESET_HINT}</p>
                            <ActionForm action=reset attr:class="stack">
                                <FormMessage errors=reset_errors />
                                <input type="hidden" name="id" value=u.id />
                                <TextField label=t::NEW_PASSWORD name="password" input_type="password" required=true autocomplete="new-password" errors=reset_errors />
                                <button type="submit">{t::RESET}</button>
                            </ActionForm>
                        </section>
                        <UserTwoFactor user_id=u.id state=two_factor />
                    }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
