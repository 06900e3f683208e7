use clap::Parser;
use leptos::config::LeptosOptions;
use server::config::{Cli, Command};
use server::AppState;
use tracing_subscriber::EnvFilter;

fn main() {
    // Server-side rendering of a large page nests deeply; 8 MiB of (virtual, untouched
    // until used) stack per worker keeps a debug build from overflowing where release
    // needs far less.
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().thread_stack_size(8 * 1024 * 1024).build();
    match runtime {
        Ok(rt) => rt.block_on(start()),
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            std::process::exit(1);
        }
    }
}

async fn start() {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&cli.global.log))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();

    if let Err(message) = run(cli).await {
        tracing::error!("{message}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let url = cli.global.database_url();
    // Neither opens the database the usual way: a backup must not migrate the live file,
    // and a restore must not touch the one it replaces before its checks.
    match &cli.command {
        Some(Command::Backup { to }) => {
            server::backup::backup(&url, to).await?;
            println!("backup written to {}", to.display());
            let files = server::backup::backup_attachments(to, &cli.global.attachments_path()).await?;
            println!("{} attached files copied to {}", files.copied, files.folder.display());
            for missing in &files.missing {
                println!("warning: {missing}");
            }
            return Ok(());
        }
        Some(Command::Restore { from }) => {
            let kept = server::backup::restore(from, &url).await?;
            println!("restored {} into {}", from.display(), redact(&url));
            if let Some(kept) = kept {
                println!("the replaced database is kept as {}", kept.display());
            }
            let attachments = cli.global.attachments_path();
            let files = server::backup::restore_attachments(from, &attachments)
                .map_err(|e| format!("the database is restored, but its attached files are not: {e}"))?;
            println!("{} attached files copied into {}", files.copied, files.folder.display());
            for problem in &files.missing {
                println!("warning: {problem}");
            }
            return Ok(());
        }
        _ => {}
    }
    // A running server holds its SQLite file, so that a restore cannot swap it underneath.
    let _lock = match (&cli.command, app::server::db::sqlite_path(&url)) {
        // Rotating keys under a running server would leave it without the new key.
        (None | Some(Command::Serve) | Some(Command::RotateReferralKey), Some(path)) => Some(server::backup::lock_database(&path)?),
        _ => None,
    };
    let db = server::open_database(&url)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", redact(&url)))?;
    tracing::info!(database = %redact(&url), "database ready");

    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => Ok(()),
        Command::User(cmd) => server::cli::user(&db, cmd).await,
        Command::Seed { demo } => server::cli::seed(&db, demo).await,
        Command::Serve => {
            let keys = cli.global.referral_keys_path();
            // A missing key file beside sealed slips is a wrong path or a lost file: a new key
            // would open none of them.
            if !keys.exists() && app::server::services::referrals::slips::any_sealed(&db).await.map_err(|e| e.to_string())? {
                return Err(format!("the referral key file {} is missing, but slips sealed with it are in the database: restore the key file or point --referral-keys at it", keys.display()));
            }
            let keyring = app::server::seal::Keyring::load_or_create(&keys).map_err(|e| format!("cannot read the referral key file {}: {e}", keys.display()))?;
            serve(cli.serve, db, keyring, cli.global.attachments_path()).await
        }
        Command::RotateReferralKey => server::cli::rotate_referral_key(&db, &cli.global.referral_keys_path()).await,
        Command::Reindex => server::cli::reindex(&db).await.map(|_| ()),
        Command::Backup { .. } | Command::Restore { .. } => Ok(()),
    }
}

async fn serve(opts: server::config::ServeOpts, db: sea_orm::DatabaseConnection, keyring: app::server::seal::Keyring, attachments: std::path::PathBuf) -> Result<(), String> {
    let options = LeptosOptions::builder()
        .output_name("renkei")
        .site_root(opts.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(opts.listen)
        .hash_files(app::server::assets::hashed_build())
        .build();
    let initialized = app::server::services::accounts::users::count(&db)
        .await
        .map_err(|e| format!("cannot read users: {e}"))?
        > 0;
    std::fs::create_dir_all(&attachments).map_err(|e| format!("cannot create the attachments folder {}: {e}", attachments.display()))?;
    tracing::info!(folder = %attachments.display(), "attachments folder");
    let state = AppState::new(db, options, opts.auth_config(), initialized)
        .with_map(opts.map_settings())
        .with_referrals(keyring, opts.referral_reply_days)
        .with_attachments(attachments);
    tokio::spawn(server::retention::run(state.clone(), opts.referral_retention_years));
    let app = server::router::build(state);
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    tracing::info!("listening on http://{}", opts.listen);
    server::serve::serve(listener, app, opts.trusted_proxy.clone(), shutdown_signal()).await;
    tracing::info!("stopped");
    Ok(())
}

/// Passwords in URLs stay out of logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://***{}", &url[..scheme], &url[at..]),
        _ => url.to_string(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut sig) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            sig.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
