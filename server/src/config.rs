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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app (the default when no command is given).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
}

#[derive(Debug, Args, Clone)]
pub struct ServeOpts {
    /// Address to listen on.
    #[arg(long, env = "RENKEI_LISTEN", default_value = "127.0.0.1:3000", global = true)]
    pub listen: SocketAddr,

    /// Folder with the built site (pkg/ with wasm, JS and CSS; public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site", global = true)]
    pub site_root: PathBuf,
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
    fn explicit_database_url_wins() {
        let cli = Cli::parse_from(["renkei", "--database-url", "postgres://u@h/db", "serve"]);
        assert_eq!(cli.global.database_url(), "postgres://u@h/db");
        assert!(matches!(cli.command, Some(Command::Serve)));
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
