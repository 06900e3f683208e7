//! Backup and restore of the SQLite database. A backup is a consistent copy made while the
//! server keeps writing (`VACUUM INTO` reads one snapshot); a restore checks the copy and
//! puts it in place only while no server uses the database, removing the old `-wal`/`-shm`
//! files, which would otherwise be replayed onto the restored file and corrupt it. The
//! database being replaced is kept beside it. PostgreSQL has `pg_dump`/`pg_restore` (README).
//!
//! Attached files live outside the database: a backup copies those its database refers to
//! into `<backup>.attachments/` (the same `<2 hex>/<sha256>` layout), and a restore copies
//! them back into the attachments folder, adding what is missing and deleting nothing.

use app::server::db;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The lock the server holds on its SQLite database while it runs.
pub struct DatabaseLock {
    _file: File,
}

fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the database's lock, or says that a server holds it. Released when dropped or when
/// the process ends, however it ends.
pub fn lock_database(database: &Path) -> Result<DatabaseLock, String> {
    let path = lock_path(database);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(DatabaseLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => {
            Err(format!("{} is in use by a running renkei server; stop it first", database.display()))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(format!("cannot lock {}: {e}", path.display())),
    }
}

/// The file of a `sqlite:` URL, or an error naming what to use for other databases.
pub fn sqlite_file(url: &str) -> Result<PathBuf, String> {
    db::sqlite_path(url).ok_or_else(|| {
        "backup and restore work on SQLite databases; for PostgreSQL use pg_dump and pg_restore (see README)".to_string()
    })
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "''"))
}

async fn single_text(conn: &DatabaseConnection, sql: &str) -> Result<Vec<String>, String> {
    let rows = conn
        .query_all_raw(Statement::from_string(conn.get_database_backend(), sql.to_string()))
        .await
        .map_err(|e| e.to_string())?;
    Ok(rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect())
}

/// Opens an existing SQLite file without creating it or changing its journal mode.
async fn open_existing(path: &Path) -> Result<DatabaseConnection, String> {
    if !path.is_file() {
        return Err(format!("{} does not exist", path.display()));
    }
    let mut opts = sea_orm::ConnectOptions::new(format!("sqlite://{}?mode=rw", path.display()));
    opts.sqlx_logging(false).max_connections(1).map_sqlx_sqlite_opts(|o| o.busy_timeout(std::time::Duration::from_secs(10)));
    sea_orm::Database::connect(opts).await.map_err(|e| format!("cannot open {}: {e}", path.display()))
}

/// Checks a database file: SQLite's integrity check, and migrations this program knows (a
/// backup from a newer version cannot be restored by an older one).
pub async fn check(path: &Path) -> Result<(), String> {
    let conn = open_existing(path).await?;
    let result = check_open(&conn, path).await;
    conn.close().await.ok();
    result
}

async fn check_open(conn: &DatabaseConnection, path: &Path) -> Result<(), String> {
    let integrity = single_text(conn, "PRAGMA integrity_check").await.map_err(|e| format!("{} is not a readable SQLite database: {e}", path.display()))?;
    if integrity != ["ok"] {
        return Err(format!("{} fails the integrity check: {}", path.display(), integrity.join("; ")));
    }
    let applied = single_text(conn, "SELECT version FROM seaql_migrations ORDER BY version")
        .await
        .map_err(|_| format!("{} is not a Renkei database (no migration table)", path.display()))?;
    if applied.is_empty() {
        return Err(format!("{} is not a Renkei database (no migrations applied)", path.display()));
    }
    let known: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_string()).collect();
    if let Some(unknown) = applied.iter().find(|v| !known.contains(v)) {
        return Err(format!("{} was made by a newer version of renkei (migration {unknown}); upgrade renkei first", path.display()));
    }
    Ok(())
}

/// Writes a consistent copy of the live database at `url` to `to`, which must not exist.
pub async fn backup(url: &str, to: &Path) -> Result<(), String> {
    let source = sqlite_file(url)?;
    if to.exists() {
        return Err(format!("{} exists already; choose a new file name", to.display()));
    }
    let conn = open_existing(&source).await?;
    // Written under a temporary name and renamed once checked: a file of that name is
    // always a whole backup.
    let partial = with_suffix(to, ".partial");
    let _ = std::fs::remove_file(&partial);
    let result = conn.execute_unprepared(&format!("VACUUM INTO {}", quote(&partial))).await.map_err(|e| format!("backup failed: {e}"));
    conn.close().await.ok();
    result?;
    if let Err(e) = check(&partial).await {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, to).map_err(|e| format!("cannot rename {} to {}: {e}", partial.display(), to.display()))?;
    sync_dir(to);
    Ok(())
}

/// Replaces the database at `url` with the backup `from`. Refused while a server holds the
/// database, and for a backup that fails `check`. The replaced database is first copied to
/// `<name>.before-restore-<time>`; the path of that copy is returned.
pub async fn restore(from: &Path, url: &str) -> Result<Option<PathBuf>, String> {
    let target = sqlite_file(url)?;
    let _lock = lock_database(&target)?;
    if !from.is_file() {
        return Err(format!("{} does not exist", from.display()));
    }
    // A -wal beside it holds commits the file alone lacks: a live database, not a backup.
    let from_wal = with_suffix(from, "-wal");
    if from_wal.metadata().is_ok_and(|m| m.len() > 0) {
        return Err(format!("{} has a -wal file beside it: it is a database in use, not a backup; make one with `renkei backup`", from.display()));
    }
    // The copy is checked, not the backup itself, which is left untouched.
    let staged = with_suffix(&target, ".restoring");
    remove_with_sidecars(&staged)?;
    copy_synced(from, &staged)?;
    if let Err(e) = check(&staged).await {
        let _ = remove_with_sidecars(&staged);
        return Err(e);
    }

    let kept = if target.exists() {
        let kept = with_suffix(&target, &format!(".before-restore-{}", chrono::Local::now().format("%Y%m%d-%H%M%S")));
        // VACUUM INTO copies what the old -wal holds too, which copying the file alone would lose.
        let conn = open_existing(&target).await?;
        let copied = conn.execute_unprepared(&format!("VACUUM INTO {}", quote(&kept))).await;
        conn.close().await.ok();
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&staged);
            return Err(format!("cannot keep a copy of the current database {}: {e}", target.display()));
        }
        Some(kept)
    } else {
        None
    };
    remove_sidecars(&staged)?;
    remove_sidecars(&target)?;
    std::fs::rename(&staged, &target).map_err(|e| format!("cannot move {} to {}: {e}", staged.display(), target.display()))?;
    sync_dir(&target);
    check(&target).await?;
    Ok(kept)
}

/// The files SQLite keeps beside a database; a stale one left beside a replaced database
/// would be taken as part of it.
fn remove_sidecars(path: &Path) -> Result<(), String> {
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = with_suffix(path, suffix);
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| format!("cannot remove {}: {e}", side.display()))?;
        }
    }
    Ok(())
}

fn remove_with_sidecars(path: &Path) -> Result<(), String> {
    if path.exists() {
        std::fs::remove_file(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    remove_sidecars(path)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn copy_synced(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))?;
    File::open(to).and_then(|f| f.sync_all()).map_err(|e| format!("cannot write {}: {e}", to.display()))
}

/// A rename is durable once its folder is synced.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// What copying attached files did.
#[derive(Debug)]
pub struct AttachmentCopy {
    /// Where the files were copied to.
    pub folder: PathBuf,
    pub copied: usize,
    /// Files that could not be copied, one line each (a warning, not a failure).
    pub missing: Vec<String>,
}

/// The folder beside a backup file that holds its attached files: `<backup>.attachments`.
pub fn attachments_folder(backup: &Path) -> PathBuf {
    with_suffix(backup, ".attachments")
}

/// The digests of the attached files a database file refers to (none before the
/// attachments' migration).
async fn attachment_digests(database: &Path) -> Result<Vec<String>, String> {
    let conn = open_existing(database).await?;
    let result = digests_in(&conn).await.map_err(|e| format!("cannot read the attachments of {}: {e}", database.display()));
    conn.close().await.ok();
    result
}

async fn digests_in(conn: &DatabaseConnection) -> Result<Vec<String>, String> {
    let tables = single_text(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'attachment'").await?;
    if tables.is_empty() {
        return Ok(Vec::new());
    }
    single_text(conn, "SELECT DISTINCT sha256 FROM attachment ORDER BY sha256").await
}

/// Copies the attached files that the backup file `backup` refers to from `attachments_dir`
/// into `<backup>.attachments/`. A file that is missing is reported in `missing`; the
/// backup of the database stands.
pub async fn backup_attachments(backup: &Path, attachments_dir: &Path) -> Result<AttachmentCopy, String> {
    use app::server::services::attachments::files::path_of;
    let folder = attachments_folder(backup);
    let mut copy = AttachmentCopy { folder: folder.clone(), copied: 0, missing: Vec::new() };
    for digest in attachment_digests(backup).await? {
        let (Some(from), Some(to)) = (path_of(attachments_dir, &digest), path_of(&folder, &digest)) else {
            copy.missing.push(format!("an attachment names no valid file ({digest:?}); it is not in the backup"));
            continue;
        };
        if !from.is_file() {
            copy.missing.push(format!("the attached file {} is missing; it is not in the backup", from.display()));
            continue;
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        copy_synced(&from, &to)?;
        copy.copied += 1;
    }
    Ok(copy)
}

/// Copies the attached files kept beside the backup `backup` (`<backup>.attachments/`) into
/// `attachments_dir`. Files already there are left as they are and nothing is deleted;
/// a file whose bytes do not match its name (its SHA-256) is skipped and reported.
pub fn restore_attachments(backup: &Path, attachments_dir: &Path) -> Result<AttachmentCopy, String> {
    use app::domain::attachments::is_digest;
    use app::server::services::attachments::files::{digest, path_of};
    let folder = attachments_folder(backup);
    let mut copy = AttachmentCopy { folder: attachments_dir.to_path_buf(), copied: 0, missing: Vec::new() };
    if !folder.is_dir() {
        return Ok(copy);
    }
    let entries = |dir: &Path| std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()));
    for sub in entries(&folder)? {
        let sub = sub.map_err(|e| format!("cannot read {}: {e}", folder.display()))?.path();
        if !sub.is_dir() {
            continue;
        }
        for file in entries(&sub)? {
            let from = file.map_err(|e| format!("cannot read {}: {e}", sub.display()))?.path();
            let Some(name) = from.file_name().and_then(|n| n.to_str()).filter(|n| is_digest(n)).map(str::to_string) else { continue };
            let Some(to) = path_of(attachments_dir, &name) else { continue };
            if to.exists() || !from.is_file() {
                continue;
            }
            let bytes = std::fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
            if digest(&bytes) != name {
                copy.missing.push(format!("{} does not hold what its name says; it was not restored", from.display()));
                continue;
            }
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            // Under a temporary name first: a file of a digest's name is always whole.
            let partial = with_suffix(&to, ".restoring");
            copy_synced(&from, &partial)?;
            std::fs::rename(&partial, &to).map_err(|e| format!("cannot move {} to {}: {e}", partial.display(), to.display()))?;
            sync_dir(&to);
            copy.copied += 1;
        }
    }
    Ok(copy)
}
