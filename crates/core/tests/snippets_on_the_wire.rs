//! The generated cURL, JavaScript and Python, run by the real bash, curl,
//! node and python3 against a capture server on 127.0.0.1, must put on the
//! wire exactly the method, path, query, headers and body of the
//! `HttpRequest` they were written from, for arbitrary nasty inputs.
//!
//! Each language is its own test so the harness runs them side by side.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use explorer_core::operation::Operation;
use explorer_core::request::{Credential, Draft, HttpRequest, Lang, Secret, build, curl, snippet};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

const CASES: u32 = 48;
const SECRET_TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl";
const SECRET_KEY: &str = "sk_live_freedemo000000000000000000000000";

// The capture server -------------------------------------------------------

#[derive(Debug)]
struct Captured {
    method: String,
    /// Path and raw query, exactly as in the request line.
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Records every request it receives and answers `200 ok`. Listens on IPv4
/// and, when the machine has it, IPv6 (whose `[::1]` URLs need `--globoff`).
struct CaptureServer {
    v4: SocketAddr,
    v6: Option<SocketAddr>,
    received: Receiver<Result<Captured, String>>,
}

impl CaptureServer {
    fn start() -> CaptureServer {
        let (sender, received) = channel();
        let v4 = listen(TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1"), sender.clone());
        let v6 = TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).ok().map(|l| listen(l, sender));
        CaptureServer { v4, v6, received }
    }

    fn base_url(&self, ipv6: bool) -> String {
        match self.v6.filter(|_| ipv6) {
            Some(addr) => format!("http://[::1]:{}", addr.port()),
            None => format!("http://127.0.0.1:{}", self.v4.port()),
        }
    }

    /// The request a client that has exited sent, if it sent one.
    fn next(&self) -> Result<Captured, String> {
        self.received.recv_timeout(Duration::from_secs(1)).map_err(|_| "the server received no request".to_owned())?
    }

    /// Drops anything left over from a failed case.
    fn drain(&self) {
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

// The clients ---------------------------------------------------------------

/// Headers each client adds by itself; any other unexpected header fails.
const CURL_ADDS: &[&str] = &["host", "user-agent", "content-length"];
const NODE_ADDS: &[&str] =
    &["host", "connection", "user-agent", "accept-language", "sec-fetch-mode", "accept-encoding", "content-length"];
const PYTHON_ADDS: &[&str] = &["host", "connection", "user-agent", "accept-encoding", "content-length"];
const GO_ADDS: &[&str] = &["host", "user-agent", "accept-encoding", "content-length"];
const RUBY_ADDS: &[&str] = &["host", "connection", "user-agent", "accept-encoding", "content-length"];
const HTTPIE_ADDS: &[&str] = &["host", "connection", "user-agent", "accept-encoding", "content-length"];

fn command(program: &str, secret: Secret) -> Command {
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
fn run(server: &CaptureServer, mut command: Command, stdin: Option<String>) -> Result<Captured, TestCaseError> {
    server.drain();
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    command.stdout(Stdio::null()).stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| TestCaseError::fail(format!("cannot start {command:?}: {e}")))?;
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("piped");
        std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().map_err(|e| TestCaseError::fail(e.to_string()))?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = child.wait_with_output().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let captured = server.next();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(TestCaseError::fail(format!("{} failed: {stderr}", command.get_program().display())));
    }
    captured.map_err(|e| TestCaseError::fail(format!("{e}; stderr: {stderr}")))
}

fn check(request: &HttpRequest, base: &str, got: &Captured, client_adds: &[&str]) -> Result<(), TestCaseError> {
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

// The inputs --------------------------------------------------------------------

fn operations() -> Vec<Operation> {
    let docs = explorer_core::Docs::load(explorer_content::FILES).expect("the content loads");
    docs.operations().cloned().collect()
}

/// Mostly characters and sequences that break quoting in some language,
/// some plain letters, and some characters of any kind.
fn nasty_piece() -> impl Strategy<Value = String> {
    let specials: Vec<String> = [
        "\"", "'", "$", "!", "\\", "`", "\n", "\t", "\r", " ", "{", "}", "[", "]", "(", ")", "&", "=", "?", "#", "%",
        "+", "~", "*", ";", "|", "<", ">", "^", "@", ":", "/", ".", "é", "ß", "😀", "\u{2028}", "\u{1b}", "\u{7f}",
        "\u{85}", "\u{feff}", "\u{7}", "${x}", "#{x}", "$(id)", "!!", "'\\''", "\\n", "\\u0041", "%20", "{{}}", "\r\n",
        "*/", "\"\"\"", "r#\"", "\"#",
    ]
    .map(str::to_owned)
    .to_vec();
    prop_oneof![
        3 => proptest::sample::select(specials),
        2 => proptest::char::range('a', 'z').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn nasty_text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(nasty_piece(), len).prop_map(|pieces| pieces.concat())
}

/// A JSON body with nasty strings inside, pretty or compact, or any text at
/// all: the playground sends invalid JSON too, on purpose.
fn body_text() -> impl Strategy<Value = String> {
    let json = (nasty_text(0..10), nasty_text(1..8), any::<bool>()).prop_map(|(name, key, pretty)| {
        let q = explorer_core::json::quote;
        let text = format!("{{\"name\": {}, \"metadata\": {{{}: {}}}, \"n\": -1.5e3}}", q(&name), q(&key), q(&name));
        let value = explorer_core::json::parse(&text).expect("valid JSON");
        if pretty { value.to_pretty() } else { value.to_compact() }
    });
    prop_oneof![json, nasty_text(1..24)]
        .prop_map(|text| text.replace('\0', "0"))
        .prop_filter("a blank body is no body", |t| !t.trim().is_empty())
}

/// Visible ASCII, spaces and tabs: all a header value may hold.
fn header_value() -> impl Strategy<Value = String> {
    let chars = proptest::collection::vec(prop_oneof![proptest::char::range(' ', '~'), Just('\t')], 0..16);
    chars.prop_map(|c| String::from_iter(c).trim_matches([' ', '\t']).to_owned())
}

fn header_name() -> impl Strategy<Value = String> {
    let token = proptest::sample::select("abcXYZ019!#$%&'*+-.^_`|~".chars().collect::<Vec<_>>());
    proptest::collection::vec(token, 1..8).prop_map(|c| format!("X-T-{}", String::from_iter(c)))
}

#[derive(Debug, Clone)]
struct Case {
    op: usize,
    draft: Draft,
    credential: Credential,
    api_version: Option<String>,
    ipv6: bool,
    secret: Secret,
}

fn case(ops: &[Operation]) -> impl Strategy<Value = Case> + use<> {
    let with_body: Vec<bool> = ops.iter().map(|o| o.method.has_body()).collect();
    let body_ops: Vec<usize> = (0..ops.len()).filter(|&i| with_body[i]).collect();
    let path_names: Vec<Vec<String>> = ops
        .iter()
        .map(|o| o.params_in(explorer_core::operation::Location::Path).map(|p| p.name.clone()).collect())
        .collect();
    let credential = prop_oneof![
        Just(Credential::None),
        Just(Credential::Bearer(SECRET_TOKEN.to_owned())),
        Just(Credential::ApiKey(SECRET_KEY.to_owned())),
    ];
    let path_value = nasty_text(1..10).prop_filter("dot segments cannot be sent", |v| v != "." && v != "..");
    (
        // Half the cases on an operation that takes a body.
        prop_oneof![proptest::sample::select(body_ops), 0..ops.len()],
        path_value,
        proptest::collection::vec((nasty_text(1..6), nasty_text(0..10)), 0..4),
        proptest::collection::vec((header_name(), header_value()), 0..4),
        proptest::option::weighted(0.8, body_text()),
        credential,
        proptest::option::of(Just("2025-06-01".to_owned())),
        any::<bool>(),
        prop_oneof![Just(Secret::Reveal), Just(Secret::Placeholder)],
    )
        .prop_map(move |(op, path_value, query, headers, body, credential, api_version, ipv6, secret)| {
            let mut unique = HashSet::new();
            let headers = headers.into_iter().filter(|(n, _)| unique.insert(n.to_ascii_lowercase())).collect();
            let path = path_names[op].iter().map(|n| (n.clone(), path_value.clone())).collect();
            let body = body.filter(|_| with_body[op]);
            Case { op, draft: Draft { path, query, headers, body }, credential, api_version, ipv6, secret }
        })
}

/// Hand-picked inputs that each language must survive, whatever the random
/// cases happen to cover.
fn fixed_cases(ops: &[Operation]) -> Vec<Case> {
    let index = |id: &str| ops.iter().position(|o| o.id == id).expect("a real operation");
    let pairs = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    let nasty = "it's \"${x}\" #{x} $(id) `id` !! \\ \\n é😀\u{2028}\u{1b}\u{7f}\r\n\ttab";
    let pretty = explorer_core::json::parse(&format!("{{\"name\": {}}}", explorer_core::json::quote(nasty)))
        .expect("valid JSON")
        .to_pretty();
    let case = |id: &str, draft: Draft, secret: Secret, ipv6: bool| Case {
        op: index(id),
        draft,
        credential: Credential::Bearer(SECRET_TOKEN.to_owned()),
        api_version: Some("2026-01-01".to_owned()),
        ipv6,
        secret,
    };
    vec![
        case("create-resource", Draft { body: Some(pretty.clone()), ..Draft::default() }, Secret::Placeholder, false),
        case("create-resource", Draft { body: Some(nasty.to_owned()), ..Draft::default() }, Secret::Reveal, true),
        case(
            "stream-events",
            Draft { headers: pairs(&[("Last-Event-ID", "41")]), ..Draft::default() },
            Secret::Placeholder,
            false,
        ),
        case(
            "update-resource",
            Draft {
                path: pairs(&[("id", nasty)]),
                headers: pairs(&[("X-Q", "it's \"$x\" !! `id` \\ =@:;"), ("X-E", "")]),
                body: Some(pretty),
                ..Draft::default()
            },
            Secret::Placeholder,
            true,
        ),
        case(
            "list-resources",
            Draft { query: pairs(&[(nasty, nasty), ("limit", "")]), ..Draft::default() },
            Secret::Reveal,
            false,
        ),
    ]
}

/// Builds a request for each fixed and then each generated case, and hands
/// it to `client`.
fn for_each_case(
    name: &str,
    cases: u32,
    client: impl Fn(&CaptureServer, &HttpRequest, &str, Secret) -> Result<(), TestCaseError>,
) {
    let ops = operations();
    let server = CaptureServer::start();
    if server.v6.is_none() {
        eprintln!("note: no IPv6 loopback here, so `--globoff` URLs are not exercised");
    }
    let try_case = |case: Case| {
        let base = server.base_url(case.ipv6);
        let op = &ops[case.op];
        let request = build(op, &case.draft, &base, &case.credential, case.api_version.as_deref())
            .map_err(|e| TestCaseError::fail(format!("build failed: {e}")))?;
        client(&server, &request, &base, case.secret)
    };
    for fixed in fixed_cases(&ops) {
        if let Err(error) = try_case(fixed.clone()) {
            panic!("{name}: {error}\nfor the fixed case {fixed:#?}");
        }
    }
    let config = Config {
        cases,
        max_shrink_iters: 256,
        max_shrink_time: 120_000,
        source_file: Some(file!()),
        ..Config::default()
    };
    if let Err(error) = TestRunner::new(config).run(&case(&ops), try_case) {
        panic!("{name}: {error}");
    }
}

// The tests ------------------------------------------------------------------

#[test]
fn curl_in_bash_sends_the_request() {
    for_each_case("cURL", CASES, |server, request, base, secret| {
        let command_line = curl(request, secret);
        // As a script, the way `bash -c` runs it...
        let mut bash = command("bash", secret);
        bash.arg("-c").arg(&command_line);
        check(request, base, &run(server, bash, None)?, CURL_ADDS)?;
        // ...and as if pasted into an interactive shell, where `!` would
        // trigger history expansion.
        let mut interactive = command("bash", secret);
        interactive.args(["--norc", "--noprofile", "-i"]);
        check(request, base, &run(server, interactive, Some(format!("{command_line}\n")))?, CURL_ADDS)
    });
}

#[test]
fn javascript_fetch_in_node_sends_the_request() {
    for_each_case("JavaScript", CASES, |server, request, base, secret| {
        let code = snippet(Lang::JavaScript, request, secret);
        // A module, so that the snippet's top-level `await` runs as written.
        let mut node = command("node", secret);
        node.args(["--input-type=module", "-e", &code]);
        check(request, base, &run(server, node, None)?, NODE_ADDS)
    });
}

#[test]
fn python_requests_sends_the_request() {
    let has_requests = Command::new("python3").args(["-c", "import requests"]).status().is_ok_and(|s| s.success());
    if !has_requests {
        eprintln!("note: SKIPPED the Python snippet check: `python3 -c 'import requests'` fails on this machine");
        return;
    }
    for_each_case("Python", CASES, |server, request, base, secret| {
        let code = snippet(Lang::Python, request, secret);
        let mut python = command("python3", secret);
        python.args(["-c", &code]);
        check(request, base, &run(server, python, None)?, PYTHON_ADDS)
    });
}

/// Whether `program` runs here; when it does not, the caller skips its
/// language with a note. Go, Ruby and HTTPie are not on every machine.
fn available(program: &str, args: &[&str]) -> bool {
    let runs = Command::new(program).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status();
    let ok = runs.is_ok_and(|s| s.success());
    if !ok {
        eprintln!("note: SKIPPED: `{program} {}` does not run on this machine", args.join(" "));
    }
    ok
}

#[test]
fn go_net_http_sends_the_request() {
    if !available("go", &["version"]) {
        return;
    }
    let dir = std::env::temp_dir().join(format!("snippets-go-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    // Each case is compiled, so fewer of them (about a second each).
    for_each_case("Go", CASES / 4, |server, request, base, secret| {
        let file = dir.join("main.go");
        std::fs::write(&file, snippet(Lang::Go, request, secret)).expect("write main.go");
        let mut go = command("go", secret);
        go.arg("run").arg(&file);
        check(request, base, &run(server, go, None)?, GO_ADDS)
    });
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ruby_net_http_sends_the_request() {
    if !available("ruby", &["-e", "require 'net/http'"]) {
        return;
    }
    for_each_case("Ruby", CASES, |server, request, base, secret| {
        let code = snippet(Lang::Ruby, request, secret);
        if code.starts_with('#') {
            // The documented limit: Net::HTTP mangles a header name ending with `-`.
            return Ok(());
        }
        let mut ruby = command("ruby", secret);
        ruby.args(["-e", &code]);
        check(request, base, &run(server, ruby, None)?, RUBY_ADDS)
    });
}

#[test]
fn httpie_in_bash_sends_the_request() {
    if !available("http", &["--version"]) {
        return;
    }
    for_each_case("HTTPie", CASES / 2, |server, request, base, secret| {
        let command_line = snippet(Lang::HTTPie, request, secret);
        if command_line.starts_with('#') {
            // The documented limit: HTTPie has no way to write such a header value.
            return Ok(());
        }
        let mut bash = command("bash", secret);
        bash.arg("-c").arg(&command_line);
        check(request, base, &run(server, bash, None)?, HTTPIE_ADDS)
    });
}

/// The checks above can fail: a request that differs is caught.
#[test]
fn a_different_request_is_caught() {
    let server = CaptureServer::start();
    let base = server.base_url(false);
    let request = HttpRequest {
        method: explorer_core::operation::Method::Post,
        url: format!("{base}/v1/resources?a=%20"),
        headers: [("Accept", "application/json"), ("Content-Type", "application/json"), ("X-A", "1")]
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .to_vec(),
        body: Some("{\"a\": \"$HOME\"}".to_owned()),
    };
    let mut tampered = request.clone();
    tampered.body = Some("{\"a\": \"x\"}".to_owned());
    let mut bash = command("bash", Secret::Reveal);
    bash.arg("-c").arg(curl(&tampered, Secret::Reveal));
    let got = run(&server, bash, None).expect("curl runs");
    assert!(check(&request, &base, &got, CURL_ADDS).is_err());
    assert!(check(&tampered, &base, &got, CURL_ADDS).is_ok());
    // A header the request does not have is caught too.
    let mut extra = tampered.clone();
    extra.headers.clear();
    assert!(check(&extra, &base, &got, CURL_ADDS).is_err());
}
