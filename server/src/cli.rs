//! Command-line operations for operators and scripts.

use crate::config::UserCommand;
use app::server::services::audit::Actor;
use app::server::services::accounts;
use app::server::services::accounts::users::{self, NewUser};
use sea_orm::{DatabaseConnection, TransactionTrait};
use std::io::Read;

/// First line of standard input, without its line ending.
fn read_password() -> Result<String, String> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).map_err(|e| format!("cannot read standard input: {e}"))?;
    let line = input.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        return Err("no password on standard input".into());
    }
    Ok(line)
}

fn describe(err: app::error::AppError) -> String {
    match err {
        app::error::AppError::Validation(errors) => {
            errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("\n")
        }
        other => other.to_string(),
    }
}

pub async fn user(db: &DatabaseConnection, cmd: UserCommand) -> Result<(), String> {
    let now = chrono::Utc::now();
    let actor = Actor::system("コマンドライン");
    match cmd {
        UserCommand::Add { login, name, role } => {
            let password = read_password()?;
            let input = NewUser { login_name: login, display_name: name, role, password, password_confirm: None };
            let user = users::create(db, &actor, &input, now).await.map_err(describe)?;
            println!("added user {} ({})", user.login_name, user.role);
        }
        UserCommand::ResetPassword { login } => {
            let password = read_password()?;
            let user = users::find_by_login(db, &login)
                .await
                .map_err(describe)?
                .ok_or_else(|| format!("no user with login name {login}"))?;
            users::reset_password(db, &actor, user.id, &password, now).await.map_err(describe)?;
            println!("password of {} reset", user.login_name);
        }
        UserCommand::ResetTwoFactor { login } => {
            let user = users::find_by_login(db, &login)
                .await
                .map_err(describe)?
                .ok_or_else(|| format!("no user with login name {login}"))?;
            let txn = db.begin().await.map_err(|e| e.to_string())?;
            accounts::two_factor::admin_reset(&txn, &actor, user.id, now).await.map_err(describe)?;
            // Wrong codes counted against the user no longer keep them out.
            app::server::auth::throttle::clear(&txn, &accounts::two_factor::code_key(user.id)).await.map_err(describe)?;
            txn.commit().await.map_err(|e| e.to_string())?;
            println!("two-step sign-in of {} turned off", user.login_name);
        }
    }
    Ok(())
}

pub async fn seed(db: &DatabaseConnection, demo: bool) -> Result<(), String> {
    if !demo {
        return Err("only the demo data can be seeded: use `renkei seed --demo`".into());
    }
    let txn = db.begin().await.map_err(|e| e.to_string())?;
    // Before the seed's saves touch the index, not only at the rebuild: the other order
    // could deadlock with a server starting on an empty index.
    app::server::services::search::lock_index(&txn).await.map_err(describe)?;
    let (orgs, people) = app::server::services::demo::seed(&txn, chrono::Utc::now()).await.map_err(describe)?;
    // The saves index what they write; a rebuild also covers anything seeded around them.
    app::server::services::search::rebuild(&txn, chrono::Utc::now()).await.map_err(describe)?;
    txn.commit().await.map_err(|e| e.to_string())?;
    println!("demo data: {orgs} organisations and {people} people added");
    Ok(())
}

/// `renkei reindex`: the search index built again from the records, all or nothing (for an
/// index that went astray, e.g. after records were changed directly in the database).
pub async fn reindex(db: &DatabaseConnection) -> Result<u64, String> {
    let n = app::server::write_transaction(db, |txn| Box::pin(app::server::services::search::rebuild(txn, chrono::Utc::now()))).await.map_err(describe)?;
    println!("search index rebuilt: {n} records");
    Ok(n)
}

/// `renkei rotate-referral-key`: a new key first in the key file, every sealed value resealed
/// with it (in one transaction: all or nothing).
pub async fn rotate_referral_key(db: &DatabaseConnection, path: &std::path::Path) -> Result<(), String> {
    if !path.exists() {
        return Err(format!("no referral key file at {} (the server creates it on first start)", path.display()));
    }
    let keyring = app::server::seal::Keyring::rotate_file(path).map_err(|e| format!("cannot rotate {}: {e}", path.display()))?;
    let txn = db.begin().await.map_err(|e| e.to_string())?;
    let n = app::server::services::referrals::slips::reseal(&txn, &keyring).await.map_err(describe)?;
    txn.commit().await.map_err(|e| e.to_string())?;
    println!("new referral key {} is current; {n} sealed values resealed with it. Lines of older keys can now be removed from {}.", keyring.current_id(), path.display());
    Ok(())
}
