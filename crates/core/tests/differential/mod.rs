//! The machinery of the differential test: a capture server that reads the
//! HTTP/1.1 requests curl sends, and curl run through bash, aimed at it.
//!
//! How curl is aimed there without changing the command: a `.curlrc` in
//! `CURL_HOME` says `connect-to = "::127.0.0.1:PORT"`, which sends every
//! connection, whatever its host and port, to the capture server while the
//! request (request line, `Host`) stays what the command says. cURL reads
//! that file before the command's own options (only `-q` first would skip
//! it, and no corpus command starts so). `https://` URLs would still start
//! TLS, which the server does not speak: the caller gives bash the command
//! with `https://` written `http://` and compares the explorer's reading
//! after the same rewrite.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// One request as it reached the server.
#[derive(Debug)]
pub struct Captured {
    pub method: String,
    /// Path and query, as in the request line.
    pub target: String,
    /// Names as sent, values without surrounding blanks.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub struct Server {
    pub port: u16,
    requests: Receiver<Captured>,
}

impl Server {
    /// Listens on 127.0.0.1 (any free port), answering every request with
    /// `200` and `Connection: close`, one connection at a time.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port for the capture server");
        let port = listener.local_addr().expect("the capture server's address").port();
        let (sender, requests) = channel();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                // A broken connection only loses its own request, which the
                // comparison then reports as missing.
                let _ = serve(stream, &sender);
            }
        });
        Server { port, requests }
    }

    /// The requests received since the last call. The server records a
    /// request before answering it, so once curl has exited every request
    /// it sent is here.
    pub fn take(&self) -> Vec<Captured> {
        self.requests.try_iter().collect()
    }
}

fn serve(stream: TcpStream, sender: &Sender<Captured>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        headers.push((name.to_owned(), value.trim_matches([' ', '\t']).to_owned()));
    }
    let header = |name: &str| headers.iter().find(|(n, _): &&(String, String)| n.eq_ignore_ascii_case(name));
    if header("expect").is_some_and(|(_, v)| v.eq_ignore_ascii_case("100-continue")) {
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    }
    let mut body = Vec::new();
    if header("transfer-encoding").is_some_and(|(_, v)| v.eq_ignore_ascii_case("chunked")) {
        read_chunked(&mut reader, &mut body)?;
    } else if let Some((_, length)) = header("content-length") {
        let length: usize = length.parse().unwrap_or(0);
        body.resize(length, 0);
        reader.read_exact(&mut body)?;
    }
    let _ = sender.send(Captured { method, target, headers, body });
    writer.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
    writer.flush()
}

fn read_chunked(reader: &mut impl BufRead, body: &mut Vec<u8>) -> std::io::Result<()> {
    loop {
        let mut size = String::new();
        reader.read_line(&mut size)?;
        let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16).unwrap_or(0);
        let mut chunk = vec![0; size + 2];
        reader.read_exact(&mut chunk)?;
        body.extend_from_slice(&chunk[..size]);
        if size == 0 {
            return Ok(());
        }
    }
}

/// What one command did.
pub struct Run {
    /// `None` when bash was killed by a signal.
    pub exit: Option<i32>,
    pub stderr: String,
    pub requests: Vec<Captured>,
}

/// The installed curl, aimed at a capture server.
pub struct Curl {
    pub version: (u32, u32, u32),
    server: Server,
    /// Holds `.curlrc`; each run gets a fresh directory under it.
    home: PathBuf,
    runs: usize,
}

impl Curl {
    /// Starts a capture server and checks that curl is installed: without
    /// it the test fails, never passes silently.
    pub fn start(test: &str) -> Curl {
        let version = Command::new("curl")
            .arg("--version")
            .output()
            .unwrap_or_else(|e| panic!("curl is not installed ({e}): install curl: apt-get install curl"));
        let first = String::from_utf8_lossy(&version.stdout).lines().next().unwrap_or_default().to_owned();
        let number = first.split_whitespace().nth(1).unwrap_or_default();
        let mut parts = number.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let version = (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        assert!(version.0 >= 7, "no curl version in {first:?}: install curl: apt-get install curl");
        let server = Server::start();
        let home = std::env::temp_dir().join(format!("explorer-curl-differential-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(&home).expect("a temporary directory");
        let rc = format!("connect-to = \"::127.0.0.1:{}\"\nmax-time = 10\n", server.port);
        std::fs::write(home.join(".curlrc"), rc).expect("the .curlrc");
        Curl { version, server, home, runs: 0 }
    }

    /// Runs `script` with `bash -c` in a fresh directory holding `files`,
    /// with `env` set and `shims` (name, output) as commands on the PATH.
    pub fn run(
        &mut self,
        script: &str,
        env: &[(String, String)],
        shims: &[(String, String)],
        files: &[(&str, &str)],
    ) -> Run {
        self.server.take();
        self.runs += 1;
        let dir = self.home.join(format!("run-{}", self.runs));
        std::fs::create_dir_all(dir.join("bin")).expect("a run directory");
        for (name, content) in files {
            std::fs::write(dir.join(name), content).expect("a file the command reads");
        }
        for (name, output) in shims {
            write_shim(&dir.join("bin").join(name), output);
        }
        let path = format!("{}:{}", dir.join("bin").display(), std::env::var("PATH").unwrap_or_default());
        let mut child = Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(&dir)
            // Nothing from the caller's environment: no proxy variables to
            // send a request elsewhere, no curlrc but ours.
            .env_clear()
            .env("PATH", path)
            .env("HOME", &dir)
            .env("CURL_HOME", &self.home)
            // `$'\u00e9'` spells UTF-8 only in a UTF-8 locale.
            .env("LC_ALL", "C.UTF-8")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("bash runs");
        // Read on the side, so that a chatty command (-v) never fills the pipe.
        let mut pipe = child.stderr.take().expect("bash's stderr");
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("waiting for bash") {
                break status;
            }
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                panic!("curl did not finish in 30 s: {script}");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let stderr = stderr.join().unwrap_or_default();
        Run { exit: status.code(), stderr, requests: self.server.take() }
    }
}

impl Drop for Curl {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// A command on the PATH that prints `output`, standing in for one a
/// command substitution would run (`$(uuidgen)`).
fn write_shim(path: &Path, output: &str) {
    let quoted = output.replace('\'', "'\\''");
    std::fs::write(path, format!("#!/bin/sh\nprintf '%s' '{quoted}'\n")).expect("a shim");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("an executable shim");
    }
}
