//! Backup while the server writes, and restore: the copy holds every row committed before it
//! began and nothing half-written; restore refuses a running server, a damaged file and a
//! newer schema, and is not fooled by a stale `-wal` beside the database it replaces.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use server::backup;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;

fn url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

async fn texts(conn: &DatabaseConnection, sql: &str) -> Vec<String> {
    conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql.to_string()))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}

/// Row count and SHA-256 of every row (all columns, quoted, in rowid order) of a table,
/// optionally only up to a rowid.
async fn table_digest(conn: &DatabaseConnection, table: &str, up_to: Option<i64>) -> (usize, String) {
    let columns = texts(conn, &format!("SELECT name FROM pragma_table_info('{table}')")).await;
    let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
    let filter = up_to.map(|n| format!(" WHERE rowid <= {n}")).unwrap_or_default();
    let rows = texts(conn, &format!("SELECT {row} FROM \"{table}\"{filter} ORDER BY rowid")).await;
    let mut hash = Sha256::new();
    for r in &rows {
        hash.update(r.as_bytes());
        hash.update(b"\n");
    }
    (rows.len(), hex(&hash.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn tables(conn: &DatabaseConnection) -> Vec<String> {
    // Not the search's full-text index: SQLite's own tables behind it (some without rowid)
    // are derived from `search_doc`, which is compared.
    texts(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_doc_fts%' ORDER BY name").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_restores_to_exactly_what_was_committed() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("data/renkei.db");
    let conn = server::open_database(&url(&live)).await.unwrap();
    app::server::services::demo::seed(&conn, chrono::Utc::now()).await.unwrap();
    conn.execute_unprepared("CREATE TABLE write_probe (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)").await.unwrap();

    // A writer commits one row after another, counting what is committed.
    let committed = Arc::new(AtomicI64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (conn, committed, stop) = (conn.clone(), committed.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0i64;
            while !stop.load(Ordering::Relaxed) && n < 200_000 {
                n += 1;
                let payload = format!("行 {n} {}", "x".repeat((n % 50) as usize));
                conn.execute_unprepared(&format!("INSERT INTO write_probe (id, payload) VALUES ({n}, '{payload}')")).await.unwrap();
                committed.store(n, Ordering::SeqCst);
            }
        })
    };
    while committed.load(Ordering::SeqCst) < 200 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let copy = dir.path().join("backups/renkei-copy.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    let before = committed.load(Ordering::SeqCst);
    backup::backup(&url(&live), &copy).await.unwrap();
    let after = committed.load(Ordering::SeqCst);
    while committed.load(Ordering::SeqCst) < after + 200 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(committed.load(Ordering::SeqCst) > after, "the writer kept writing after the backup");
    assert!(!dir.path().join("backups/renkei-copy.db.partial").exists());

    // A backup over an existing file is refused.
    assert!(backup::backup(&url(&live), &copy).await.unwrap_err().contains("exists"));

    // Restore into a new database file.
    let restored_path = dir.path().join("restored/renkei.db");
    std::fs::create_dir_all(restored_path.parent().unwrap()).unwrap();
    assert_eq!(backup::restore(&copy, &url(&restored_path)).await.unwrap(), None);
    let restored = server::open_database(&url(&restored_path)).await.unwrap();

    let (rows, digest) = table_digest(&restored, "write_probe", None).await;
    let rows = rows as i64;
    assert!(before <= rows && rows <= after + 1, "the copy holds the rows committed before it: {before} ≤ {rows} ≤ {after}");
    assert_eq!(digest, table_digest(&conn, "write_probe", Some(rows)).await.1, "and they are the live rows 1..={rows}");
    let names = tables(&conn).await;
    assert_eq!(tables(&restored).await, names);
    assert!(names.len() > 20, "{names:?}");
    for table in names.iter().filter(|t| *t != "write_probe") {
        assert_eq!(table_digest(&restored, table, None).await, table_digest(&conn, table, None).await, "table {table}");
    }
    let demo_orgs = table_digest(&restored, "organisation", None).await.0;
    assert!(demo_orgs > 0, "the demo directory came along");
    restored.close().await.unwrap();
    conn.close().await.unwrap();
}

#[tokio::test]
async fn restore_refuses_a_running_server_a_damaged_file_and_a_newer_schema_and_keeps_the_old_database() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("renkei.db");
    let conn = server::open_database(&url(&live)).await.unwrap();
    conn.execute_unprepared("CREATE TABLE marker (v TEXT); INSERT INTO marker VALUES ('backup')").await.unwrap();
    let copy = dir.path().join("copy.db");
    backup::backup(&url(&live), &copy).await.unwrap();
    conn.execute_unprepared("UPDATE marker SET v = 'live'").await.unwrap();

    // While a server holds the database.
    let lock = backup::lock_database(&live).unwrap();
    let err = backup::restore(&copy, &url(&live)).await.unwrap_err();
    assert!(err.contains("in use"), "{err}");
    assert!(backup::lock_database(&live).is_err(), "a second server is refused too");
    drop(lock);

    // A damaged file.
    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&copy).unwrap();
    for b in bytes.iter_mut().skip(4096).take(8192) {
        *b = 0x5a;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    assert!(backup::restore(&damaged, &url(&live)).await.is_err());
    let not_sqlite = dir.path().join("notes.txt");
    std::fs::write(&not_sqlite, "not a database").unwrap();
    assert!(backup::restore(&not_sqlite, &url(&live)).await.is_err());
    assert!(backup::restore(&dir.path().join("missing.db"), &url(&live)).await.unwrap_err().contains("does not exist"));

    // A backup made by a newer version (a migration this one does not know).
    let newer = dir.path().join("newer.db");
    std::fs::copy(&copy, &newer).unwrap();
    {
        let n = server::open_database(&url(&newer)).await.unwrap();
        n.execute_unprepared("INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_future', 0)").await.unwrap();
        // Until checkpointed the row is only in newer.db-wal, which restore refuses.
        let sidecar = format!("{}-wal", newer.display());
        assert!(backup::restore(&newer, &url(&live)).await.unwrap_err().contains("-wal"), "a live database, not a backup");
        n.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
        n.close().await.unwrap();
        let _ = std::fs::remove_file(&sidecar);
        let _ = std::fs::remove_file(format!("{}-shm", newer.display()));
    }
    assert!(backup::restore(&newer, &url(&live)).await.unwrap_err().contains("newer"));

    // Nothing so far touched the live database.
    assert_eq!(texts(&conn, "SELECT v FROM marker").await, ["live"]);

    // With the server stopped, and a stale -wal/-shm left beside the database: restored as
    // backed up, the replaced database kept with its last change.
    conn.close().await.unwrap();
    let wal_path = dir.path().join("renkei.db-wal");
    let wal = {
        // One connection that never checkpoints: its last change stays in the -wal file.
        let mut opts = sea_orm::ConnectOptions::new(url(&live));
        opts.max_connections(1).min_connections(1).sqlx_logging(false);
        let single = sea_orm::Database::connect(opts).await.unwrap();
        single.execute_unprepared("PRAGMA wal_autocheckpoint=0").await.unwrap();
        single.execute_unprepared("UPDATE marker SET v = 'in the wal'").await.unwrap();
        let wal = std::fs::read(&wal_path).unwrap();
        single.close().await.unwrap();
        wal
    };
    assert!(wal.len() > 32, "the change was written to the -wal file");
    std::fs::write(&wal_path, &wal).unwrap();
    let kept = backup::restore(&copy, &url(&live)).await.unwrap().expect("the old database is kept");
    assert!(!wal_path.exists(), "the stale -wal is gone");
    let restored = server::open_database(&url(&live)).await.unwrap();
    assert_eq!(texts(&restored, "SELECT v FROM marker").await, ["backup"]);
    assert_eq!(texts(&restored, "PRAGMA integrity_check").await, ["ok"]);
    restored.close().await.unwrap();
    let old = server::open_database(&url(&kept)).await.unwrap();
    assert_eq!(texts(&old, "SELECT v FROM marker").await, ["in the wal"]);
    old.close().await.unwrap();
}

#[tokio::test]
async fn a_backup_carries_the_attached_files_it_refers_to_and_a_restore_adds_them_back() {
    use app::server::services::attachments::files;
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("data/renkei.db");
    let attachments = dir.path().join("data/attachments");
    let conn = server::open_database(&url(&live)).await.unwrap();
    let (kept, lost) = (b"%PDF-1.4 kept".to_vec(), b"%PDF-1.4 lost".to_vec());
    let (kept_sha, lost_sha) = (files::digest(&kept), files::digest(&lost));
    files::put(&attachments, &kept_sha, kept.clone()).await.unwrap();
    // A file no attachment refers to is not part of a backup.
    let stray = files::digest(b"stray");
    files::put(&attachments, &stray, b"stray".to_vec()).await.unwrap();
    for (name, sha) in [("kept.pdf", &kept_sha), ("kept-copy.pdf", &kept_sha), ("lost.pdf", &lost_sha)] {
        conn.execute_unprepared(&format!(
            "INSERT INTO attachment (record_kind, record_id, file_name, content_type, size, sha256, created_by, created_at) \
             VALUES ('meeting', 1, '{name}', 'application/pdf', 13, '{sha}', NULL, '2026-12-07 00:00:00+00:00')"
        ))
        .await
        .unwrap();
    }

    let copy = dir.path().join("backups/renkei.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    backup::backup(&url(&live), &copy).await.unwrap();
    let saved = backup::backup_attachments(&copy, &attachments).await.unwrap();
    assert_eq!(saved.folder, dir.path().join("backups/renkei.db.attachments"));
    assert_eq!(saved.copied, 1, "one file for the two attachments of the same bytes");
    assert_eq!(saved.missing.len(), 1, "{:?}", saved.missing);
    assert!(saved.missing[0].contains(&lost_sha), "the missing file is named: {:?}", saved.missing);
    assert_eq!(std::fs::read(files::path_of(&saved.folder, &kept_sha).unwrap()).unwrap(), kept);
    assert!(!files::path_of(&saved.folder, &stray).unwrap().exists());

    // Restored elsewhere: the files come back beside what is there, which stays.
    let restored_db = dir.path().join("restored/renkei.db");
    let restored_files = dir.path().join("restored/attachments");
    std::fs::create_dir_all(restored_db.parent().unwrap()).unwrap();
    let present = files::digest(b"already here");
    files::put(&restored_files, &present, b"already here".to_vec()).await.unwrap();
    backup::restore(&copy, &url(&restored_db)).await.unwrap();
    let back = backup::restore_attachments(&copy, &restored_files).unwrap();
    assert_eq!((back.copied, back.missing.len()), (1, 0), "{back:?}");
    assert_eq!(std::fs::read(files::path_of(&restored_files, &kept_sha).unwrap()).unwrap(), kept);
    assert!(files::path_of(&restored_files, &present).unwrap().exists(), "nothing is deleted");
    assert_eq!(backup::restore_attachments(&copy, &restored_files).unwrap().copied, 0, "nothing is copied twice");

    // A file whose bytes do not match its name is reported, not restored.
    let forged = files::digest(b"genuine");
    let forged_path = files::path_of(&saved.folder, &forged).unwrap();
    std::fs::create_dir_all(forged_path.parent().unwrap()).unwrap();
    std::fs::write(&forged_path, b"forged").unwrap();
    let back = backup::restore_attachments(&copy, &restored_files).unwrap();
    assert_eq!((back.copied, back.missing.len()), (0, 1), "{back:?}");
    assert!(!files::path_of(&restored_files, &forged).unwrap().exists());

    // A backup without a folder of files restores none.
    assert_eq!(backup::restore_attachments(&dir.path().join("none.db"), &restored_files).unwrap().copied, 0);
    conn.close().await.unwrap();
}

#[tokio::test]
async fn postgres_urls_are_pointed_to_pg_dump() {
    let err = backup::backup("postgres://u@localhost/renkei", Path::new("/tmp/x.db")).await.unwrap_err();
    assert!(err.contains("pg_dump"), "{err}");
}
