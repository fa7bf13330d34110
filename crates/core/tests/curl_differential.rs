//! The differential test: every corpus command is run by the installed
//! curl (through `bash -c`, since the commands are bash) against a local
//! capture server, and what curl sent is compared with the explorer's
//! reading (`parse_curl`, then `to_http_request`): method, path and query,
//! `Host`, headers and body. Commands cURL refuses must be refused by the
//! explorer too, or be listed by it as refused by cURL. No network is used.
//!
//! Headers: the explorer's must all be among curl's, with the same values;
//! curl's others may only be its defaults (`Host`, `User-Agent: curl/…`,
//! `Accept: */*`, `Content-Length`) or ones an option the explorer lists as
//! ignored or unsupported adds (`--compressed`, `-T`, `-F`, `-z`).

mod corpus;
mod differential;

use corpus::{Case, REFUSED, cases};
use differential::{Captured, Curl};
use explorer_core::import::{ParsedCurl, parse_curl, to_http_request};

/// Pastes bash would run otherwise than they were meant, which the explorer
/// reads as meant: the case, the command as meant (what bash gets), and the
/// note in which the explorer says so (`None`: it changes nothing to say).
const TYPED: &[(&str, &str, Option<&str>)] = &[
    (
        "windows-cmd-chrome",
        r#"curl 'https://api.cloudplatform.dev/v1/resources' -H 'accept: application/json' -H 'content-type: application/json' -H 'x-api-key: sk_live_freedemo000000000000000000000000' --data-raw '{"name":"50% off","metadata":{"team":"data"}}' --compressed"#,
        Some("read as a Windows cmd command"),
    ),
    (
        "chrome-cmd-get-cookies",
        "curl 'https://api.cloudplatform.dev/v1/projects?limit=2' -H 'accept: application/json' -H 'authorization: Bearer sk_live_freedemo000000000000000000000000' -b 'theme=dark; _ga=GA1.1.123' -H 'sec-ch-ua-mobile: ?0'",
        Some("read as a Windows cmd command"),
    ),
    (
        "missing-line-continuation",
        "curl https://api.cloudplatform.dev/v1/resources \\\n  -H 'X-API-Key: sk_live_freedemo000000000000000000000000' \\\n  -H 'Accept: application/json'",
        Some("a line break has no `\\` before it"),
    ),
    (
        "history-unquoted-ampersand",
        "curl 'https://api.cloudplatform.dev/v1/resources?limit=2&status=archived' -H X-API-Key:\\ sk_live_freedemo000000000000000000000000",
        Some("the URL has an unquoted `&`"),
    ),
    (
        "multiline-trailing-space-crlf",
        "curl -X POST \\\n  https://api.cloudplatform.dev/v1/auth/token \\\n  -H 'Content-Type: application/json' \\\n  --data-binary '{\"api_key\": \"sk_live_freedemo000000000000000000000000\", \"expires_in\": 600}'",
        Some("a line ends with a backslash followed by spaces"),
    ),
    // CRLF lines: bash reads `\` before `\r` as an escaped carriage return.
    (
        "crlf-line-endings",
        "curl \\\n  -H 'Accept: application/json' \\\n  https://api.cloudplatform.dev/v2/ping \\\n  -H \"X-Request-Id: ticket-1\"\n",
        None,
    ),
    ("history-ping-jq", "curl -s https://api.cloudplatform.dev/v2/ping | jq .", None),
    ("zsh-no-flags", "curl --no-progress-meter --no-buffer --no-verbose http://127.0.0.1:8080/v2/ping", None),
    (
        "terminal-transcript",
        "curl -X POST https://api.cloudplatform.dev/v1/resources \\\n-H \"X-API-Key: $API_KEY\" \\\n-H 'Content-Type: application/json' \\\n-d '{\n  \"name\": \"Analytics\",\n  \"region\": \"eu-west\"\n}'",
        Some("the terminal's `> ` continuation prompts were left out"),
    ),
    (
        "terminal-user-host-prompt",
        "curl -sS 'http://127.0.0.1:8080/v1/resources?limit=2' \\\n-H 'X-API-Key: sk_live_freedemo000000000000000000000000' | jq '.data[].id'",
        Some("the terminal's `> ` continuation prompts were left out"),
    ),
    (
        "no-curl-prefix",
        "curl -X POST https://api.cloudplatform.dev/v1/auth/token -H 'X-API-Key: sk_live_freedemo000000000000000000000000'",
        Some("the command does not start with `curl`"),
    ),
];

/// Files commands read, created where curl runs: the case, the name, the
/// content.
const FILES: &[(&str, &str, &str)] = &[
    ("data-from-file", "resource.json", "{\"name\":\"Analytics\"}\n"),
    ("json-from-file", "resource.json", "{\"name\":\"Analytics\"}\n"),
    ("upload-file", "resource.json", "{\"name\":\"Analytics\"}\n"),
    ("openai-upload-file", "mydata.jsonl", "{\"prompt\":\"a\",\"completion\":\"b\"}\n"),
    ("unsupported-flags", "body.json", "{\"name\":\"Analytics\"}\n"),
    ("unsupported-flags", "curlrc", ""),
];

/// Cases whose body the explorer cannot know, and the unsupported entry
/// in which it says why: only these skip the body comparison.
const BODY_UNKNOWN: &[(&str, &str)] = &[
    ("data-from-file", "-d @resource.json (reads a file"),
    ("data-from-stdin", "--data-binary @- (reads standard input"),
    ("json-from-file", "--json @resource.json (reads a file"),
    ("upload-file", "-T resource.json (uploads a file"),
    ("openai-upload-file", "(multipart forms are not supported)"),
    ("unsupported-flags", "-d @body.json (reads a file"),
];

/// Headers curl adds for an option the explorer lists as ignored or
/// unsupported: the header, and the option as the explorer lists it.
const ADDED_BY: &[(&str, &str)] =
    &[("accept-encoding", "--compressed"), ("expect", "-T "), ("content-type", "-F "), ("if-modified-since", "-z ")];

/// Cases older cURL refuses: the case, the first version that runs it,
/// and the explorer's note saying so.
const ACCEPTED_SINCE: &[(&str, (u32, u32), &str)] =
    &[("history-equals-forms", (8, 16), "cURL before 8.16 rejects it as an unknown option")];

#[test]
fn every_corpus_command_is_read_as_curl_sends_it() {
    let mut curl = Curl::start("corpus");
    let failures: Vec<String> =
        cases().filter_map(|case| check(&mut curl, case).err().map(|e| format!("{}: {e}", case.name))).collect();
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), cases().count(), failures.join("\n"));
}

#[test]
fn commands_the_explorer_refuses_curl_refuses() {
    let mut curl = Curl::start("refused");
    let minor = (curl.version.0, curl.version.1);
    for refused in REFUSED {
        let run = curl.run(&refused.command.replace("https://", "http://"), &[], &[], &[]);
        let error = parse_curl(refused.command).map(|p| panic!("{}: read as {p:?}", refused.name)).unwrap_err();
        match refused.refused_since {
            Some(since) if minor < since => {
                assert!(!run.requests.is_empty(), "{}: curl {minor:?} should still run it", refused.name);
                let before = format!("before {}.{}", since.0, since.1);
                assert!(error.message.contains(&before), "{}: {error} does not say {before}", refused.name);
            }
            _ => {
                assert!(run.requests.is_empty(), "{}: curl sent {:?}", refused.name, run.requests);
                assert_ne!(run.exit, Some(0), "{}", refused.name);
                assert!(run.stderr.contains(refused.curl_says), "{}: curl said {:?}", refused.name, run.stderr);
            }
        }
    }
}

/// Every option `curl --help all` lists is known, and takes a value exactly
/// when curl says it does.
#[test]
fn every_option_of_the_installed_curl_is_known() {
    let help = std::process::Command::new("curl")
        .args(["--help", "all"])
        .output()
        .unwrap_or_else(|e| panic!("curl is not installed ({e}): install curl: apt-get install curl"));
    let help = String::from_utf8_lossy(&help.stdout);
    let mut checked = 0;
    for line in help.lines().skip(1) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(long) = words.iter().position(|w| w.starts_with("--")) else { continue };
        let value = words.get(long + 1).is_some_and(|w| w.starts_with(['<', '[']));
        let mut flags = vec![words[long].to_owned()];
        if long == 1 {
            flags.push(words[0].trim_end_matches(',').to_owned());
        }
        // `--help <category>`: the category is optional, and -h sends nothing.
        if words[long] == "--help" {
            continue;
        }
        for flag in flags {
            let (given, missing) = if value {
                (format!("curl http://x.dev/ {flag} x"), format!("curl http://x.dev/ {flag}"))
            } else {
                (format!("curl http://x.dev/ {flag}"), format!("curl http://x.dev/ {flag}=x"))
            };
            if let Err(e) = parse_curl(&given) {
                assert!(!e.message.contains("not a cURL option") && !e.message.contains("value"), "{given}: {e}");
            }
            if !flag.starts_with("--") && !value {
                continue;
            }
            let error = parse_curl(&missing).map(|p| panic!("{missing}: read as {p:?}")).unwrap_err();
            let expected = if value { "needs a value" } else { "takes no value" };
            assert!(error.message.contains(expected), "{missing}: {error}");
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} options found in curl --help all");
}

fn check(curl: &mut Curl, case: &Case) -> Result<(), String> {
    let parsed = parse_curl(case.command).map_err(|e| format!("the explorer refuses it: {e}"))?;
    let typed = typed(case, &parsed)?;
    let files: Vec<(&str, &str)> =
        FILES.iter().filter(|(name, ..)| *name == case.name).map(|(_, file, content)| (*file, *content)).collect();
    let run = curl.run(&typed.replace("https://", "http://"), &variables(&parsed)?, &substitutions(&parsed)?, &files);
    let said = |text: &str| parsed.unsupported.iter().chain(&parsed.notes).any(|t| t.contains(text));
    let older = ACCEPTED_SINCE.iter().find(|(name, ..)| *name == case.name);
    let too_old = older.is_some_and(|(_, since, _)| (curl.version.0, curl.version.1) < *since);
    if let Some((_, _, note)) = older.filter(|_| too_old)
        && !said(note)
    {
        return Err(format!("curl {:?} refuses it, and the explorer does not say so ({note})", curl.version));
    }
    if said("cURL refuses") || too_old {
        return match (run.requests.is_empty(), run.exit) {
            (true, Some(code)) if code != 0 => Ok(()),
            _ => Err(format!("listed as refused by cURL, yet curl sent {:?} (exit {:?})", run.requests, run.exit)),
        };
    }
    let Some(first) = run.requests.first() else {
        return Err(format!("curl sent nothing (exit {:?}): {}", run.exit, run.stderr.trim()));
    };
    let several = said("a URL glob") || said("--next") || said("--digest");
    if run.requests.len() > 1 && !several {
        return Err(format!("curl sent {} requests: {:?}", run.requests.len(), run.requests));
    }
    if let Some(count) = glob_count(&parsed)
        && count != run.requests.len()
    {
        return Err(format!("the explorer says {count} requests, curl sent {}", run.requests.len()));
    }
    let problems = compare(case, &parsed, first);
    if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) }
}

/// The command bash gets: as pasted, or as meant when the explorer reads
/// it as meant (and says so).
fn typed(case: &Case, parsed: &ParsedCurl) -> Result<String, String> {
    let Some((_, meant, note)) = TYPED.iter().find(|(name, ..)| *name == case.name) else {
        return Ok(case.command.to_owned());
    };
    if let Some(note) = note
        && !parsed.notes.iter().any(|n| n.contains(note))
    {
        return Err(format!("read otherwise than bash would, without the note {note:?}: {:?}", parsed.notes));
    }
    Ok((*meant).to_owned())
}

/// The explorer keeps `$NAME` as written; bash gets `NAME` set to that same
/// text, so that both read the same.
fn variables(parsed: &ParsedCurl) -> Result<Vec<(String, String)>, String> {
    let mut env = Vec::new();
    for note in &parsed.notes {
        let listed = if let Some(one) = note
            .strip_prefix("the shell variable ")
            .and_then(|n| n.strip_suffix(" is not expanded; it is kept as written"))
        {
            vec![one]
        } else if let Some(many) = note
            .strip_prefix("the shell variables ")
            .and_then(|n| n.strip_suffix(" are not expanded; they are kept as written"))
        {
            if many.ends_with(" more") {
                return Err("the note lists only some of the variables".to_owned());
            }
            let (rest, last) = many.rsplit_once(" and ").ok_or("a list of variables without `and`")?;
            rest.split(", ").chain([last]).collect()
        } else {
            continue;
        };
        for text in listed {
            let name = text.trim_start_matches('$').trim_start_matches('{').trim_end_matches('}');
            if env.iter().any(|(n, v)| n == name && v != text) {
                return Err(format!("${name} is written two ways; the test cannot give both"));
            }
            env.push((name.to_owned(), text.to_owned()));
        }
    }
    Ok(env)
}

/// The explorer keeps `$(uuidgen)` as written; bash runs a `uuidgen` that
/// prints that same text.
fn substitutions(parsed: &ParsedCurl) -> Result<Vec<(String, String)>, String> {
    let mut shims = Vec::new();
    for note in &parsed.notes {
        let Some(text) = note
            .strip_prefix("the command substitution ")
            .and_then(|n| n.strip_suffix(" is not run; it is kept as written"))
        else {
            continue;
        };
        let inner = text
            .strip_prefix("$(")
            .and_then(|t| t.strip_suffix(')'))
            .or_else(|| text.strip_prefix('`').and_then(|t| t.strip_suffix('`')));
        let name =
            inner.and_then(|i| i.split_whitespace().next()).ok_or_else(|| format!("cannot stand in for {text}"))?;
        shims.push((name.to_owned(), text.to_owned()));
    }
    Ok(shims)
}

/// `a URL glob: cURL sends 3 requests…`: the 3.
fn glob_count(parsed: &ParsedCurl) -> Option<usize> {
    parsed.unsupported.iter().find_map(|u| u.split("a URL glob: cURL sends ").nth(1)?.split(' ').next()?.parse().ok())
}

fn compare(case: &Case, parsed: &ParsedCurl, sent: &Captured) -> Vec<String> {
    // The command curl ran had `http://` for `https://`; so does the reading.
    let mapped = |text: &str| text.replace("https://", "http://");
    let mut problems = Vec::new();
    if sent.method != parsed.method {
        problems.push(format!("method: curl sent {}, the explorer reads {}", sent.method, parsed.method));
    }
    let url = mapped(&to_http_request(parsed).map_or_else(|_| parsed.url.clone(), |r| r.url));
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path_at = url[after_scheme..].find(['/', '?']).map_or(url.len(), |i| after_scheme + i);
    let (authority, target) = (&url[after_scheme..path_at], &url[path_at..]);
    let target = if target.starts_with('/') { target.to_owned() } else { format!("/{target}") };
    if canonical(&target) != canonical(&sent.target) {
        problems.push(format!("target: curl sent {}, the explorer reads {target}", sent.target));
    }
    let host = parsed.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("host")).map(|(_, v)| v.as_str());
    let host = host.unwrap_or_else(|| authority.strip_suffix(":80").unwrap_or(authority));
    if !sent.header("host").is_some_and(|h| h.eq_ignore_ascii_case(host)) {
        problems.push(format!("Host: curl sent {:?}, the explorer reads {host}", sent.header("host")));
    }
    problems.extend(compare_headers(parsed, sent, &mapped));
    match BODY_UNKNOWN.iter().find(|(name, _)| *name == case.name) {
        Some((_, why)) if parsed.body.is_none() && parsed.unsupported.iter().any(|u| u.contains(why)) => {}
        Some((_, why)) => problems.push(format!("the body is excused, but the explorer does not say {why:?}")),
        None => {
            let body = parsed.body.as_deref().map(mapped).unwrap_or_default();
            if sent.body != body.as_bytes() {
                problems.push(format!(
                    "body: curl sent {:?}, the explorer reads {body:?}",
                    String::from_utf8_lossy(&sent.body)
                ));
            }
        }
    }
    problems
}

fn compare_headers(parsed: &ParsedCurl, sent: &Captured, mapped: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut problems = Vec::new();
    let mut left: Vec<&(String, String)> = sent.headers.iter().collect();
    for (name, value) in &parsed.headers {
        let value = mapped(value);
        let same = |(n, v): &&(String, String)| n.eq_ignore_ascii_case(name) && same_value(name, v, &value);
        match left.iter().position(same) {
            Some(i) => {
                left.remove(i);
            }
            None => problems.push(format!("curl sent no {name}: {value} (its headers: {:?})", sent.headers)),
        }
    }
    let listed = |option: &str| {
        parsed.ignored.iter().any(|(flag, _)| flag.starts_with(option.trim_end()))
            || parsed.unsupported.iter().any(|u| u.starts_with(option))
    };
    for (name, value) in left {
        let default = match name.to_ascii_lowercase().as_str() {
            "host" => true,
            "user-agent" => value.starts_with("curl/"),
            "accept" => value == "*/*",
            "content-length" => value.parse::<usize>().ok() == Some(sent.body.len()),
            lower => ADDED_BY.iter().any(|(header, option)| *header == lower && listed(option)),
        };
        if !default {
            problems.push(format!("curl also sent {name}: {value}, which the explorer does not read"));
        }
    }
    problems
}

/// Header values as servers read them. Cookie: cURL 8.18 and newer join
/// several `-b` with `; `, older ones with `;`; cookie parsers read both
/// alike, and the explorer writes the newer form.
fn same_value(name: &str, sent: &str, read: &str) -> bool {
    if name.eq_ignore_ascii_case("cookie") {
        let pairs = |v: &str| v.split(';').map(|p| p.trim().to_owned()).collect::<Vec<_>>();
        return pairs(sent) == pairs(read);
    }
    sent == read
}

/// A path and query with percent-escapes compared by meaning: an escape of
/// a byte that means the same escaped or not (unreserved, non-ASCII, or
/// one cURL sends raw and a browser escapes, such as `"` and `{`) is
/// decoded; other escapes are kept, in uppercase.
fn canonical(target: &str) -> Vec<u8> {
    let bytes = target.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) =
                (bytes.get(i + 1).and_then(|&b| hex(b)), bytes.get(i + 2).and_then(|&b| hex(b)))
        {
            let b = (hi * 16 + lo) as u8;
            if b.is_ascii_alphanumeric() || b >= 0x80 || b"-._~\"<>\\^`{|}".contains(&b) {
                out.push(b);
            } else {
                out.extend(format!("%{b:02X}").bytes());
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}
