//! A real PostgreSQL for the test command and the benchmark: Debian's
//! `postgresql` binaries, a fresh `initdb` data directory in a temporary
//! folder, started on a free loopback port as a non-root user (PostgreSQL
//! refuses to run as root), and stopped when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::exec;

pub struct Postgres {
    /// `postgres://postgres@127.0.0.1:<port>/postgres`
    pub url: String,
    dir: PathBuf,
    bin: PathBuf,
    as_postgres: bool,
}

/// The newest installed server's binaries, e.g. `/usr/lib/postgresql/15/bin`.
fn binaries() -> Result<PathBuf, String> {
    let root = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(root)
        .map_err(|e| format!("PostgreSQL is not installed ({}: {e}); `cargo xtask setup` installs it", root.display()))?
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let version = path.file_name()?.to_str()?.parse().ok()?;
            path.join("bin/initdb").exists().then(|| (version, path.join("bin")))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(|| format!("no PostgreSQL server under {}", root.display()))
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl Postgres {
    pub fn start() -> Result<Postgres, String> {
        let bin = binaries()?;
        let dir = std::env::temp_dir().join(format!("explorer-postgres-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let as_postgres = is_root();
        if as_postgres {
            exec(plain("chown", &["postgres", &dir.to_string_lossy()]))?;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let pg = Postgres { url: format!("postgres://postgres@127.0.0.1:{port}/postgres"), dir, bin, as_postgres };
        let data = pg.dir.join("data");
        pg.run("initdb", &["-D", &data.to_string_lossy(), "--auth=trust", "-U", "postgres", "-E", "UTF8"])?;
        let options = format!("-p {port} -k {} -c listen_addresses=127.0.0.1", pg.dir.display());
        let log = pg.dir.join("server.log");
        pg.run(
            "pg_ctl",
            &["-D", &data.to_string_lossy(), "-o", &options, "-l", &log.to_string_lossy(), "-w", "start"],
        )?;
        eprintln!("PostgreSQL is up at {}", pg.url);
        Ok(pg)
    }

    /// A new, empty database on this server; returns its URL.
    pub fn database(&self, name: &str) -> Result<String, String> {
        let port = self.url.rsplit(':').next().and_then(|p| p.split('/').next()).unwrap_or_default().to_owned();
        self.run("createdb", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", name])?;
        let base = &self.url[..self.url.rfind('/').unwrap_or(self.url.len())];
        Ok(format!("{base}/{name}"))
    }

    /// Runs one of the server's programs, as `postgres` when we are root.
    fn run(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let path = self.bin.join(program);
        let path = path.to_string_lossy();
        let command = if self.as_postgres {
            plain("runuser", &[&["-u", "postgres", "--", &path], args].concat())
        } else {
            plain(&path, args)
        };
        exec(command)
    }
}

fn plain(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args);
    command
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.run("pg_ctl", &["-D", &data.to_string_lossy(), "-m", "fast", "-w", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
