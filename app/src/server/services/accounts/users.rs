//! User accounts: first administrator, creation by administrators or the command line,
//! roles, disabling, passwords.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::dto::auth::{SessionUser, UserView};
use crate::domain::Role;
use crate::error::{AppError, FieldErrors};
use crate::server::auth::{password, session, throttle};
use crate::server::entities::{app_setting, app_user};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

impl Audited for app_user::Model {
    const ENTITY_TYPE: &'static str = "user";
    fn audit_id(&self) -> i64 {
        self.id as i64
    }
    fn audit_label(&self) -> String {
        format!("{}（{}）", self.display_name, self.login_name)
    }
    fn snapshot(&self) -> Snapshot {
        vec![
            ("login_name", self.login_name.clone()),
            ("display_name", self.display_name.clone()),
            ("role", self.role.clone()),
            ("active", self.active.to_string()),
        ]
    }
}

pub fn to_view(u: &app_user::Model) -> UserView {
    UserView {
        id: u.id,
        login_name: u.login_name.clone(),
        display_name: u.display_name.clone(),
        role: Role::from_code(&u.role).unwrap_or(Role::Viewer),
        active: u.active,
        version: u.version,
        district: None,
        organisation: None,
    }
}

/// Input for a new account.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub login_name: String,
    pub display_name: String,
    pub role: String,
    pub password: String,
    pub password_confirm: Option<String>,
}

pub fn normalize_login(s: &str) -> String {
    s.trim().to_lowercase()
}

fn validate_new(input: &NewUser) -> Result<(String, Role), AppError> {
    let mut errs = FieldErrors::new();
    let login = normalize_login(&input.login_name);
    if login.is_empty() {
        errs.add("login_name", "ログイン名を入力してください。");
    } else if !(3..=64).contains(&login.chars().count())
        || !login.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        errs.add("login_name", "ログイン名は3〜64文字の半角英数字と . _ - で入力してください。");
    }
    let display = input.display_name.trim();
    if display.is_empty() {
        errs.add("display_name", "表示名を入力してください。");
    } else if display.chars().count() > 100 {
        errs.add("display_name", "表示名は100文字以内にしてください。");
    }
    let role = Role::from_code(&input.role);
    if role.is_none() {
        errs.add("role", "役割を選んでください。");
    }
    if let Err(msg) = password::check_new(&input.password, &input.login_name, &input.display_name) {
        errs.add("password", msg);
    } else if let Some(confirm) = &input.password_confirm {
        if confirm != &input.password {
            errs.add("password_confirm", "確認用のパスワードが一致しません。");
        }
    }
    errs.finish()?;
    Ok((login, role.expect("checked above")))
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    Ok(app_user::Entity::find().count(db).await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<app_user::Model, AppError> {
    app_user::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn find_by_login(db: &impl ConnectionTrait, login: &str) -> Result<Option<app_user::Model>, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::LoginName.eq(normalize_login(login)))
        .one(db)
        .await?)
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<app_user::Model>, AppError> {
    Ok(app_user::Entity::find()
        .order_by_desc(app_user::Column::Active)
        .order_by_asc(app_user::Column::LoginName)
        .all(db)
        .await?)
}

/// Creates an account. The caller has checked that the actor may.
pub async fn create(db: &impl ConnectionTrait, actor: &Actor, input: &NewUser, now: DateTime<Utc>) -> Result<app_user::Model, AppError> {
    let (login, role) = validate_new(input)?;
    if find_by_login(db, &login).await?.is_some() {
        return Err(AppError::field("login_name", "このログイン名はすでに使われています。"));
    }
    let user = app_user::ActiveModel {
        login_name: Set(login),
        display_name: Set(input.display_name.trim().to_string()),
        role: Set(role.code().to_string()),
        password_hash: Set(password::hash(&input.password)),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match AppError::from(e) {
        AppError::Conflict(_) => AppError::field("login_name", "このログイン名はすでに使われています。"),
        other => other,
    })?;
    audit::record_create(db, actor, &user, now).await?;
    Ok(user)
}

/// The one-time first administrator: refused once any user exists. A settings row is
/// inserted in the same transaction so that two simultaneous requests cannot both succeed.
pub async fn create_first_admin<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    input: &NewUser,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let input = NewUser { role: Role::Admin.code().to_string(), ..input.clone() };
    validate_new(&input)?;
    db.transaction(move |txn| {
        Box::pin(async move {
            if count(txn).await? > 0 {
                return Err(AppError::Forbidden);
            }
            app_setting::Entity::insert(app_setting::ActiveModel {
                key: Set("initialized".into()),
                value: Set(now.to_rfc3339()),
                updated_at: Set(now),
            })
            .exec_without_returning(txn)
            .await
            .map_err(|_| AppError::Forbidden)?;
            create(txn, &Actor::system("初期設定"), &input, now).await
        })
    })
    .await
    .map_err(|e| match e {
        sea_orm::TransactionError::Connection(err) => AppError::from(err),
        sea_orm::TransactionError::Transaction(err) => err,
    })
}

/// Signs in: throttled, and the same answer for an unknown name as for a wrong password.
/// `client`: the address the attempt comes from ("" when unknown), for the throttle.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    login_name: &str,
    password_input: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<SessionUser, AppError> {
    // No account has a longer name (see validate_new); such a name is not looked up, nor
    // stored by the throttle, whose index would refuse it.
    // `#` is in no login name (see validate_new) but in the throttle's keys of codes.
    if login_name.chars().count() > 64 || login_name.contains('#') {
        password::verify_dummy(password_input);
        return Err(AppError::BadRequest("ログイン名またはパスワードが正しくありません。".into()));
    }
    if let Some(lock) = throttle::lock(db, login_name, client, now).await? {
        return Err(AppError::TooManyRequests(throttle::message(lock, now)));
    }
    let user = find_by_login(db, login_name).await?;
    let ok_user = match &user {
        Some(u) if u.active => password::verify(&u.password_hash, password_input).then_some(u),
        Some(u) => {
            let _ = password::verify(&u.password_hash, password_input);
            None
        }
        None => {
            password::verify_dummy(password_input);
            None
        }
    };
    throttle::record(db, login_name, client, ok_user.is_some(), now).await?;
    match ok_user.and_then(session::to_session_user) {
        Some(u) => Ok(u),
        None => Err(AppError::BadRequest("ログイン名またはパスワードが正しくありません。".into())),
    }
}

/// An administrator's change of role and active flag. Disabling ends the user's sessions.
pub async fn update_account(
    db: &impl ConnectionTrait,
    actor: &SessionUser,
    id: i32,
    display_name: &str,
    role: &str,
    active: bool,
    version: i32,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let before = find(db, id).await?;
    let mut errs = FieldErrors::new();
    let display = display_name.trim();
    if display.is_empty() || display.chars().count() > 100 {
        errs.add("display_name", "表示名を1〜100文字で入力してください。");
    }
    let role = Role::from_code(role);
    if role.is_none() {
        errs.add("role", "役割を選んでください。");
    }
    if actor.id == id && (!active || role != Some(Role::Admin)) {
        errs.add("role", "自分自身の管理者権限を外したり、無効にしたりはできません。");
    }
    errs.finish()?;
    if before.version != version {
        return Err(AppError::Conflict(format!(
            "このユーザーは、編集を始めた後にほかの人が変更しました（{}）。最新の内容を確認してから、もう一度保存してください。",
            crate::domain::dates::day_time(before.updated_at)
        )));
    }
    let mut am: app_user::ActiveModel = before.clone().into();
    am.display_name = Set(display.to_string());
    am.role = Set(role.expect("checked").code().to_string());
    am.active = Set(active);
    am.updated_at = Set(now);
    am.version = Set(before.version + 1);
    let after = update_versioned(db, am, before.version).await?;
    // A new role signs in again: its rules (a partner's second factor, a scope) apply from
    // the first request.
    if !after.active || after.role != before.role {
        session::end_all_for_user(db, id).await?;
    }
    let action = match (before.active, after.active) {
        (true, false) => Action::Archive,
        (false, true) => Action::Restore,
        _ => Action::Update,
    };
    audit::record_change(db, &actor.into(), action, &before, &after, now).await?;
    Ok(after)
}

/// Saves only if nobody saved since `expected_version` was read.
async fn update_versioned(db: &impl ConnectionTrait, am: app_user::ActiveModel, expected_version: i32) -> Result<app_user::Model, AppError> {
    let id = am.id.clone().unwrap();
    let res = app_user::Entity::update_many()
        .set(am)
        .filter(app_user::Column::Id.eq(id))
        .filter(app_user::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict("ほかの人が先に変更しました。最新の内容を確認してください。".into()));
    }
    find(db, id).await
}

/// Sets a new password (administrator reset or command line); ends the user's sessions and
/// clears the login lock.
pub async fn reset_password(db: &impl ConnectionTrait, actor: &Actor, id: i32, new_password: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let user = find(db, id).await?;
    if let Err(msg) = password::check_new(new_password, &user.login_name, &user.display_name) {
        return Err(AppError::field("password", msg));
    }
    set_password_hash(db, &user, new_password, now).await?;
    session::end_all_for_user(db, id).await?;
    crate::server::services::accounts::two_factor::end_challenges_of(db, id).await?;
    throttle::clear(db, &user.login_name).await?;
    audit::record(db, actor, app_user::Model::ENTITY_TYPE, Some(id as i64), Action::PasswordChange, &user.audit_label(), &[], now).await
}

/// A user's own change; the current password is required. Ends the user's other sessions
/// (`current_session`: the token of the one making the change, which stays).
#[allow(clippy::too_many_arguments)]
pub async fn change_own_password(
    db: &impl ConnectionTrait,
    user: &SessionUser,
    current_session: Option<&str>,
    current: &str,
    new_password: &str,
    confirm: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let model = find(db, user.id).await?;
    let mut errs = FieldErrors::new();
    if !password::verify(&model.password_hash, current) {
        errs.add("current_password", "現在のパスワードが正しくありません。");
    }
    if let Err(msg) = password::check_new(new_password, &model.login_name, &model.display_name) {
        errs.add("new_password", msg);
    } else if new_password != confirm {
        errs.add("new_password_confirm", "確認用のパスワードが一致しません。");
    }
    errs.finish()?;
    set_password_hash(db, &model, new_password, now).await?;
    session::end_others_for_user(db, user.id, current_session).await?;
    crate::server::services::accounts::two_factor::end_challenges_of(db, user.id).await?;
    audit::record(db, &user.into(), app_user::Model::ENTITY_TYPE, Some(user.id as i64), Action::PasswordChange, &model.audit_label(), &[], now).await
}

async fn set_password_hash(db: &impl ConnectionTrait, user: &app_user::Model, new_password: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut am: app_user::ActiveModel = user.clone().into();
    am.password_hash = Set(password::hash(new_password));
    am.updated_at = Set(now);
    am.update(db).await?;
    Ok(())
}

/// The secret of the user's calendar feed, if they have one.
pub async fn calendar_token(db: &impl ConnectionTrait, id: i32) -> Result<Option<String>, AppError> {
    Ok(find(db, id).await?.calendar_token)
}

/// Gives the user a new calendar feed secret (`renew`), which ends the old URL, or removes it.
pub async fn set_calendar_token(db: &impl ConnectionTrait, _actor: &Actor, id: i32, renew: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    find(db, id).await?;
    let token = renew.then(crate::server::auth::token::new_token);
    app_user::Entity::update_many()
        .col_expr(app_user::Column::CalendarToken, sea_orm::sea_query::Expr::value(token))
        .col_expr(app_user::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(app_user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The active user a calendar feed secret belongs to.
pub async fn by_calendar_token(db: &impl ConnectionTrait, token: &str) -> Result<Option<app_user::Model>, AppError> {
    if token.len() < 20 {
        return Ok(None);
    }
    Ok(app_user::Entity::find()
        .filter(app_user::Column::CalendarToken.eq(token))
        .filter(app_user::Column::Active.eq(true))
        .one(db)
        .await?)
}
