//! Command line and environment configuration.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "renkei", version, about = "Renkei 連携 — server for collaboration coordinators")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,
    #[command(flatten)]
    pub serve: ServeOpts,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalOpts {
    /// Database URL: sqlite://path/to/file.db or postgres://user:pass@host/db.
    /// Defaults to the SQLite file renkei.db in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Folder for the default SQLite database and other local data.
    #[arg(long, env = "RENKEI_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// The key file that seals referral slips' personal fields (created on first start,
    /// readable by its owner only). Default: referral.keys in the data directory. Keep it
    /// out of the database's backups and back it up separately; every server of one
    /// installation needs the same file.
    #[arg(long, env = "RENKEI_REFERRAL_KEYS", global = true)]
    pub referral_keys: Option<PathBuf>,

    /// Folder of the files attached to meetings, trainings and issues. Default: attachments
    /// in the data directory. With PostgreSQL and several servers, a folder all servers
    /// share. `renkei backup` copies the files a backup refers to beside it; with PostgreSQL,
    /// back this folder up together with the database's dump.
    #[arg(long, env = "RENKEI_ATTACHMENTS_DIR", global = true)]
    pub attachments_dir: Option<PathBuf>,

    /// Log filter (error, warn, info, debug, trace, or a tracing directive). RUST_LOG wins if set.
    #[arg(long, env = "RENKEI_LOG", default_value = "info", global = true)]
    pub log: String,
}

impl GlobalOpts {
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_string(),
            _ => format!("sqlite://{}?mode=rwc", self.data_dir.join("renkei.db").display()),
        }
    }

    pub fn referral_keys_path(&self) -> PathBuf {
        self.referral_keys.clone().unwrap_or_else(|| self.data_dir.join("referral.keys"))
    }

    pub fn attachments_path(&self) -> PathBuf {
        self.attachments_dir.clone().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| self.data_dir.join("attachments"))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app (the default when no command is given).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Fill the database with the fictitious demo directory (idempotent); the UI then marks
    /// the installation as a demo.
    Seed {
        /// Required, to say it out loud: the data is a demo.
        #[arg(long)]
        demo: bool,
    },
    /// Write a consistent copy of the SQLite database to a new file while the server keeps
    /// running: `renkei backup --to backups/renkei-2026-12-02.db`. The attached files it
    /// refers to are copied into `<file>.attachments/` beside it.
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long)]
        to: PathBuf,
    },
    /// Replace the SQLite database with a backup. Refused while the server runs, and for a
    /// file that fails SQLite's integrity check or comes from a newer renkei; the replaced
    /// database is kept beside it as `renkei.db.before-restore-<time>`. The attached files
    /// in `<file>.attachments/` are copied into the attachments folder (none is deleted).
    Restore {
        /// The backup file to restore.
        #[arg(long)]
        from: PathBuf,
    },
    /// Build the search index again from the records (the server keeps it current by itself;
    /// this is for an index that went astray, e.g. after records were changed directly in
    /// the database).
    Reindex,
    /// Put a new key first in the referral key file and reseal every slip's personal fields
    /// with it; the old keys' lines can then be removed from the file.
    RotateReferralKey,
    /// Manage user accounts from scripts; passwords are read from standard input.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user: `echo 'password' | renkei user add --login sato --name '佐藤 花子' --role coordinator`.
    Add {
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        /// admin, coordinator or viewer.
        #[arg(long)]
        role: String,
    },
    /// Set a new password (read from standard input); ends the user's sessions.
    ResetPassword {
        #[arg(long)]
        login: String,
    },
    /// Turn off a user's two-step sign-in (lost phone and recovery codes): `renkei user
    /// reset-two-factor --login sato`. They set it up again at their next sign-in when
    /// their role requires it.
    ResetTwoFactor {
        #[arg(long)]
        login: String,
    },
}

#[derive(Debug, Args, Clone)]
pub struct ServeOpts {
    /// Address to listen on.
    #[arg(long, env = "RENKEI_LISTEN", default_value = "127.0.0.1:3000", global = true)]
    pub listen: SocketAddr,

    /// Folder with the built site (pkg/ with wasm, JS and CSS; public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site", global = true)]
    pub site_root: PathBuf,

    /// Hours without a request after which a session ends.
    #[arg(long, env = "RENKEI_SESSION_IDLE_HOURS", default_value_t = 8, global = true)]
    pub session_idle_hours: u32,

    /// Mark cookies Secure and send Strict-Transport-Security (set this when the site is
    /// served over https).
    #[arg(long, env = "RENKEI_SECURE_COOKIES", default_value_t = false, global = true)]
    pub secure_cookies: bool,

    /// The address users open, e.g. https://renkei.kamaishi.example.jp (repeatable, or
    /// comma-separated). Requests for other host names are refused; localhost and IP
    /// addresses are always served.
    #[arg(long, env = "RENKEI_PUBLIC_URL", value_delimiter = ',', global = true)]
    pub public_url: Vec<String>,

    /// Address of a reverse proxy on another machine whose X-Forwarded-For names the client
    /// (repeatable, or comma-separated); a proxy on this machine is always believed. Without
    /// it, every request through such a proxy counts as one client for the login throttle.
    #[arg(long, env = "RENKEI_TRUSTED_PROXIES", value_delimiter = ',', global = true)]
    pub trusted_proxy: Vec<std::net::IpAddr>,

    /// Background tiles of the resource maps, as a URL template with {z}/{x}/{y} (default:
    /// 地理院タイル). An empty value draws the markers without tiles.
    #[arg(long, env = "RENKEI_MAP_TILES", global = true)]
    pub map_tiles: Option<String>,

    /// The credit the tile provider asks for, shown on the maps (HTML).
    #[arg(long, env = "RENKEI_MAP_ATTRIBUTION", global = true)]
    pub map_attribution: Option<String>,

    /// The address look-up of the resource form: a URL with {q} for the address, answering
    /// as GSI's address search or Nominatim does (default: 国土地理院の住所検索). The browser
    /// calls it; an empty value turns the look-up off.
    #[arg(long, env = "RENKEI_GEOCODER", global = true)]
    pub geocoder: Option<String>,

    /// Days a centre has to reply to a referral slip (a due date on a weekend moves to the
    /// Monday after).
    #[arg(long, env = "RENKEI_REFERRAL_REPLY_DAYS", default_value_t = 14, global = true)]
    pub referral_reply_days: i64,

    /// Years a closed referral slip keeps the person's fields; then they are erased and the
    /// slip stays as an anonymous record for the counts (checked at start and hourly).
    #[arg(long, env = "RENKEI_REFERRAL_RETENTION_YEARS", default_value_t = 5, global = true)]
    pub referral_retention_years: u32,
}

impl ServeOpts {
    pub fn map_settings(&self) -> app::dto::resources::MapSettings {
        let default = app::dto::resources::MapSettings::default();
        app::dto::resources::MapSettings {
            tiles: self.map_tiles.clone().unwrap_or(default.tiles),
            attribution: self.map_attribution.clone().unwrap_or(default.attribution),
            geocoder: self.geocoder.clone().unwrap_or(default.geocoder),
        }
    }

    pub fn auth_config(&self) -> app::server::auth::AuthConfig {
        app::server::auth::AuthConfig {
            idle: chrono::Duration::hours(self.session_idle_hours.max(1) as i64),
            secure_cookies: self.secure_cookies,
            public_hosts: self.public_url.iter().filter_map(|u| host_of_url(u)).collect(),
        }
    }
}

/// `https://renkei.example.jp:8443/path` → `renkei.example.jp`; a bare host name as it is.
fn host_of_url(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let name = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_database_is_sqlite_in_data_dir() {
        let cli = Cli::parse_from(["renkei", "--data-dir", "/tmp/x"]);
        assert_eq!(cli.global.database_url(), "sqlite:///tmp/x/renkei.db?mode=rwc");
    }

    #[test]
    fn attachments_are_kept_in_the_data_dir_unless_told_otherwise() {
        let cli = Cli::parse_from(["renkei", "--data-dir", "/tmp/x"]);
        assert_eq!(cli.global.attachments_path(), PathBuf::from("/tmp/x/attachments"));
        let cli = Cli::parse_from(["renkei", "--attachments-dir", "/srv/shared/attachments", "serve"]);
        assert_eq!(cli.global.attachments_path(), PathBuf::from("/srv/shared/attachments"));
    }

    #[test]
    fn explicit_database_url_wins() {
        let cli = Cli::parse_from(["renkei", "--database-url", "postgres://u@h/db", "serve"]);
        assert_eq!(cli.global.database_url(), "postgres://u@h/db");
        assert!(matches!(cli.command, Some(Command::Serve)));
    }

    #[test]
    fn public_urls_give_host_names() {
        let cli = Cli::parse_from(["renkei", "--public-url", "https://Renkei.example.jp/,http://renkei.local:8080", "--public-url", "intra.example"]);
        assert_eq!(cli.serve.auth_config().public_hosts, ["renkei.example.jp", "renkei.local", "intra.example"]);
    }

    #[test]
    fn backup_and_restore_take_a_file() {
        let cli = Cli::parse_from(["renkei", "backup", "--to", "/tmp/b.db"]);
        assert!(matches!(cli.command, Some(Command::Backup { ref to }) if to == &PathBuf::from("/tmp/b.db")));
        let cli = Cli::parse_from(["renkei", "--data-dir", "/tmp/x", "restore", "--from", "/tmp/b.db"]);
        assert!(matches!(cli.command, Some(Command::Restore { ref from }) if from == &PathBuf::from("/tmp/b.db")));
    }

    #[test]
    fn reset_two_factor_takes_a_login_name() {
        let cli = Cli::parse_from(["renkei", "user", "reset-two-factor", "--login", "sato"]);
        assert!(matches!(cli.command, Some(Command::User(UserCommand::ResetTwoFactor { ref login })) if login == "sato"));
    }

    #[test]
    fn serve_options_before_or_after_the_command() {
        let cli = Cli::parse_from(["renkei", "serve", "--listen", "0.0.0.0:8080"]);
        assert_eq!(cli.serve.listen.to_string(), "0.0.0.0:8080");
        let cli = Cli::parse_from(["renkei", "--listen", "127.0.0.1:4000"]);
        assert_eq!(cli.serve.listen.to_string(), "127.0.0.1:4000");
        assert!(cli.command.is_none());
    }
}
