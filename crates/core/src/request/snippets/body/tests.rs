//! Masked body fields: found where they are and nowhere else, and every
//! snippet, run by the real bash, node and python3 with the variable set,
//! sends the very body that was typed.

use super::*;
use crate::request::test_support::op;
use crate::request::{Credential, Draft, HttpRequest, Lang, build, snippet};
use std::process::Command;

const KEY: &str = "sk_live_freedemo000000000000000000000000";

fn masked(body: &str) -> Vec<String> {
    pieces(body, Secret::Placeholder)
        .into_iter()
        .map(|p| match p {
            Piece::Lit(text) => format!("[{text}]"),
            Piece::Env(var) => format!("${var}"),
        })
        .collect()
}

#[test]
fn finds_credential_values_at_any_depth() {
    let body = r#"{"api_key": "sk_1", "name": "api_key", "x": {"Password" : "p\"w"}, "token": "", "l": ["api_key", "token"], "note": "api_key: \"v\"", "api\u005fkey":"k"}"#;
    assert_eq!(
        masked(body),
        [
            r#"[{"api_key": "]"#,
            "$API_KEY",
            r#"[", "name": "api_key", "x": {"Password" : "]"#,
            "$PASSWORD",
            r#"["}, "token": "", "l": ["api_key", "token"], "note": "api_key: \"v\"", "api\u005fkey":"]"#,
            "$API_KEY",
            r#"["}]"#,
        ]
    );
    // Nothing to mask, or secrets shown on purpose: the body as it is.
    assert_eq!(pieces(r#"{"name": "a"}"#, Secret::Placeholder), [Piece::Lit(r#"{"name": "a"}"#)]);
    assert_eq!(pieces(r#"{"api_key": "k"}"#, Secret::Reveal), [Piece::Lit(r#"{"api_key": "k"}"#)]);
    assert_eq!(pieces("", Secret::Placeholder), [Piece::Lit("")]);
    // Not JSON, but whole strings: still found; a broken string ends the scan.
    assert_eq!(masked(r#"{"secret": "s" oops"#), [r#"[{"secret": "]"#, "$SECRET", r#"[" oops]"#]);
    assert_eq!(masked(r#"{"secret": "s"#), [r#"[{"secret": "s]"#]);
    assert_eq!(masked(r#"{"client-secret":"a","9 token":"b"}"#)[1], "$CLIENT_SECRET");
    assert_eq!(masked(r#"{"9 token":"b"}"#)[1], "$_9_TOKEN");
    assert_eq!(env_name("__"), "SECRET");
}

fn token_request(body: &str) -> HttpRequest {
    let draft = Draft { body: Some(body.to_owned()), ..Draft::default() };
    build(&op("create-token"), &draft, "http://127.0.0.1:8080", &Credential::None, None).expect("builds")
}

const PRETTY: &str = "{\n  \"api_key\": \"sk_live_freedemo000000000000000000000000\",\n  \"expires_in\": 900\n}";

#[test]
fn the_default_copy_never_holds_the_key() {
    let request = token_request(PRETTY);
    let expected = [
        "--data-raw '{\n  \"api_key\": \"'\"$API_KEY\"'\",\n  \"expires_in\": 900\n}'",
        "body: `{\n  \"api_key\": \"${process.env.API_KEY}\",\n  \"expires_in\": 900\n}`,",
        "    data=(\n        \"{\\n\" +\n        \"  \\\"api_key\\\": \\\"\" + os.environ[\"API_KEY\"] + \"\\\",\\n\" +\n",
        "strings.NewReader(`{\n  \"api_key\": \"` + os.Getenv(\"API_KEY\") + `\",\n  \"expires_in\": 900\n}`)",
        "request.body = \"{\\n\" +\n  \"  \\\"api_key\\\": \\\"\" + ENV.fetch(\"API_KEY\") + \"\\\",\\n\" +\n",
        ".body([r#\"{\n  \"api_key\": \"\"#, std::env::var(\"API_KEY\")?.as_str(), r#\"\",\n  \"expires_in\": 900\n}\"#].concat())",
        "--raw '{\n  \"api_key\": \"'\"$API_KEY\"'\",\n  \"expires_in\": 900\n}'",
    ];
    for (lang, part) in Lang::ALL.into_iter().zip(expected) {
        let code = snippet(lang, &request, Secret::Placeholder);
        assert!(!code.contains(KEY), "{lang:?}: {code}");
        assert!(code.contains(part), "{lang:?}: {code}");
        assert!(snippet(lang, &request, Secret::Reveal).contains(KEY), "{lang:?}");
    }
    assert!(snippet(Lang::Python, &request, Secret::Placeholder).starts_with("import os\n"));
}

/// Runs `program args…` with `API_KEY` set; what it wrote to stderr.
fn run(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).env("API_KEY", KEY).output().ok()?;
    assert!(output.status.success(), "{program}: {}", String::from_utf8_lossy(&output.stderr));
    Some(String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn each_snippet_sends_the_typed_body() {
    let bodies = [PRETTY.to_owned(), format!(r#"{{"api_key":"{KEY}","scope":"it's $HOME `x` \\ \" é"}}"#)];
    for body in bodies {
        let request = token_request(&body);
        let code = |lang| snippet(lang, &request, Secret::Placeholder);
        // bash: `curl` and `http` replaced by functions that print the body word.
        let stub = "curl() { while [ $# -gt 0 ]; do [ \"$1\" = --data-raw ] && printf %s \"$2\" >&2; shift; done; }\n\
                    http() { while [ $# -gt 0 ]; do [ \"$1\" = --raw ] && printf %s \"$2\" >&2; shift; done; }\n";
        for lang in [Lang::Curl, Lang::HTTPie] {
            let script = format!("{stub}{}", code(lang));
            assert_eq!(run("bash", &["-c", &script]).as_deref(), Some(body.as_str()), "{lang:?}");
        }
        // node: fetch replaced by one that prints the body.
        let js = format!(
            "globalThis.fetch = async (url, o) => {{ process.stderr.write(o.body); return {{ status: 200, text: async () => '' }}; }};\n{}",
            code(Lang::JavaScript)
        );
        if let Some(sent) = run("node", &["--input-type=module", "-e", &js]) {
            assert_eq!(sent, body, "JavaScript");
        }
        // python3: a stand-in `requests` module that prints the body.
        let py = format!(
            "import sys, types\nm = types.ModuleType('requests')\n\
             def post(url, headers=None, data=None, **kw):\n    sys.stderr.write(data.decode())\n    \
             return types.SimpleNamespace(status_code=200, text='')\n\
             m.post = post\nsys.modules['requests'] = m\n{}",
            code(Lang::Python)
        );
        if let Some(sent) = run("python3", &["-c", &py]) {
            assert_eq!(sent, body, "Python");
        }
    }
}
