//! The capture server the snippets send to, the way a client program is
//! run against it, and the comparison of what it received with the request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use explorer_core::request::{HttpRequest, Secret};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

pub const SECRET_TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl";
pub const SECRET_KEY: &str = "sk_live_freedemo000000000000000000000000";

#[derive(Debug)]
pub struct Captured {
    pub method: String,
    /// Path and raw query, exactly as in the request line.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Records every request it receives and answers `200 ok`. Listens on IPv4
/// and, when the machine has it, IPv6 (whose `[::1]` URLs need `--globoff`).
pub struct CaptureServer {
    v4: SocketAddr,
    pub v6: Option<SocketAddr>,
    received: Receiver<Result<Captured, String>>,
}

impl CaptureServer {
    pub fn start() -> CaptureServer {
        let (sender, received) = channel();
        let v4 = listen(TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1"), sender.clone());
        let v6 = TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).ok().map(|l| listen(l, sender));
        CaptureServer { v4, v6, received }
    }

    pub fn base_url(&self, ipv6: bool) -> String {
        match self.v6.filter(|_| ipv6) {
            Some(addr) => format!("http://[::1]:{}", addr.port()),
            None => format!("http://127.0.0.1:{}", self.v4.port()),
        }
    }

    /// The request a client that has exited sent, if it sent one.
    pub fn next(&self) -> Result<Captured, String> {
        self.received.recv_timeout(Duration::from_secs(1)).map_err(|_| "the server received no request".to_owned())?
    }

    /// Drops anything left over from a failed case.
    pub fn drain(&self) {
        while self.received.try_recv().is_ok() {}
    }
}

fn listen(listener: TcpListener, sender: Sender<Result<Captured, String>>) -> SocketAddr {
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            // Recorded before answering: once a client has its answer, the
            // request is already waiting in the channel.
            if sender.send(read_request(&stream)).is_err() {
                return;
            }
            let mut stream = stream;
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        }
    });
    addr
}

fn read_request(stream: &TcpStream) -> Result<Captured, String> {
    stream.set_read_timeout(Some(Duration::from_secs(10))).map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| format!("request line: {e}"))?;
    let mut parts = line.trim_end().split(' ');
    let (Some(method), Some(target), Some(_version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("malformed request line {line:?}"));
    };
    let (method, target) = (method.to_owned(), target.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut raw = Vec::new();
        reader.read_until(b'\n', &mut raw).map_err(|e| format!("header: {e}"))?;
        let text = String::from_utf8(raw).map_err(|e| format!("a header is not UTF-8: {e}"))?;
        let text = text.strip_suffix("\r\n").ok_or_else(|| format!("a header line without CRLF: {text:?}"))?;
        if text.is_empty() {
            break;
        }
        let (name, value) = text.split_once(':').ok_or_else(|| format!("a header line without colon: {text:?}"))?;
        headers.push((name.to_owned(), value.trim_matches([' ', '\t']).to_owned()));
    }
    let length = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-length")).map(|(_, v)| v.parse());
    let mut body = vec![0; length.transpose().map_err(|_| "a bad Content-Length".to_owned())?.unwrap_or(0)];
    reader.read_exact(&mut body).map_err(|e| format!("body: {e}"))?;
    Ok(Captured { method, target, headers, body })
}

pub fn command(program: impl AsRef<std::ffi::OsStr>, secret: Secret) -> Command {
    let mut command = Command::new(program);
    for var in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
        command.env_remove(var);
    }
    command.env("NO_PROXY", "*").env("no_proxy", "*");
    // With the real value in the code, the variables must not be what makes it work.
    match secret {
        Secret::Placeholder => command.env("TOKEN", SECRET_TOKEN).env("API_KEY", SECRET_KEY),
        Secret::Reveal => command.env_remove("TOKEN").env_remove("API_KEY"),
    };
    command
}

/// Runs a client, feeding `stdin` if given, and returns what the server saw.
pub fn run(server: &CaptureServer, command: Command, stdin: Option<String>) -> Result<Captured, TestCaseError> {
    server.drain();
    let program = command.get_program().display().to_string();
    let output = finish(command, stdin, Duration::from_secs(20)).map_err(TestCaseError::fail)?;
    let captured = server.next();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(TestCaseError::fail(format!("{program} failed: {stderr}")));
    }
    captured.map_err(|e| TestCaseError::fail(format!("{e}; stderr: {stderr}")))
}

/// Runs `command` to its end (killed after `limit`), stdout discarded.
pub fn finish(mut command: Command, stdin: Option<String>, limit: Duration) -> Result<Output, String> {
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    command.stdout(Stdio::null()).stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| format!("cannot start {command:?}: {e}"))?;
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("piped");
        std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    }
    // Read stderr meanwhile: a chatty client (a compiler) must not block on a full pipe.
    let mut err = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = err.read_to_end(&mut text);
        text
    });
    let deadline = Instant::now() + limit;
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut output = child.wait_with_output().map_err(|e| e.to_string())?;
    output.stderr = reader.join().unwrap_or_default();
    Ok(output)
}

pub fn check(request: &HttpRequest, base: &str, got: &Captured, client_adds: &[&str]) -> Result<(), TestCaseError> {
    prop_assert_eq!(&got.method, request.method.as_str());
    let target = request.url.strip_prefix(base).expect("the URL starts with the base");
    prop_assert_eq!(&got.target, target);
    for (name, value) in &request.headers {
        let seen: Vec<&str> =
            got.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect();
        prop_assert_eq!(seen, vec![value.as_str()], "header {}", name);
    }
    for (name, _) in &got.headers {
        let expected = request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
        let automatic = client_adds.iter().any(|n| n.eq_ignore_ascii_case(name));
        prop_assert!(expected || automatic, "unexpected header {name} in {:?}", got.headers);
    }
    prop_assert_eq!(&got.body, &request.body.clone().unwrap_or_default().into_bytes());
    Ok(())
}
