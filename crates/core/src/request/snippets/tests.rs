//! Each language's snippet: its shape, its escaping, and secrets kept out.

use super::*;
use crate::operation::Method;

fn post(body: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Post,
        url: "https://api.cloudplatform.dev/v1/resources?x=%20".to_owned(),
        headers: vec![
            ("Authorization".to_owned(), "Bearer eyJ.secret".to_owned()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ],
        body: Some(body.to_owned()),
    }
}

const PRETTY: &str = "{\n  \"name\": \"Analytics\"\n}";

#[test]
fn labels() {
    let labels: Vec<&str> = Lang::ALL.iter().map(|l| l.label()).collect();
    assert_eq!(labels, ["cURL", "JavaScript", "Python", "Go", "Ruby", "Rust", "HTTPie"]);
    assert!(Lang::ALL.iter().all(|l| !crate::highlight::highlight(l.highlight(), "x").is_empty()));
}

#[test]
fn placeholders_never_show_the_secret() {
    let request = post(PRETTY);
    let expected = [
        "$TOKEN",
        "process.env.TOKEN",
        "os.environ[\"TOKEN\"]",
        "os.Getenv(\"TOKEN\")",
        "ENV.fetch(\"TOKEN\")",
        "std::env::var(\"TOKEN\")?",
        "$TOKEN",
    ];
    for (lang, env) in Lang::ALL.into_iter().zip(expected) {
        let code = snippet(lang, &request, Secret::Placeholder);
        assert!(!code.contains("eyJ.secret"), "{lang:?}: {code}");
        assert!(code.contains(env), "{lang:?}: {code}");
        assert!(snippet(lang, &request, Secret::Reveal).contains("eyJ.secret"), "{lang:?}");
    }
}

#[test]
fn javascript_fetch() {
    assert_eq!(
        snippet(Lang::JavaScript, &post(PRETTY), Secret::Placeholder),
        "const response = await fetch(\"https://api.cloudplatform.dev/v1/resources?x=%20\", {\n  \
         method: \"POST\",\n  headers: {\n    \"Authorization\": \"Bearer \" + process.env.TOKEN,\n    \
         \"Content-Type\": \"application/json\",\n  },\n  body: `{\n  \"name\": \"Analytics\"\n}`,\n});\n\
         console.log(response.status, await response.text());\n"
    );
    assert_eq!(js_template("a`${b}\\\r\n\u{1b}\t"), "`a\\`\\${b}\\\\\\u{d}\n\\u{1b}\t`");
}

#[test]
fn python_requests() {
    assert_eq!(
        snippet(Lang::Python, &post(PRETTY), Secret::Placeholder),
        "import os\n\nimport requests\n\nresponse = requests.post(\n    \
         \"https://api.cloudplatform.dev/v1/resources?x=%20\",\n    headers={\n        \
         \"Authorization\": \"Bearer \" + os.environ[\"TOKEN\"],\n        \
         \"Content-Type\": \"application/json\",\n    },\n    data=(\n        \"{\\n\"\n        \
         \"  \\\"name\\\": \\\"Analytics\\\"\\n\"\n        \"}\"\n    ).encode(),\n    \
         timeout=30,\n)\nprint(response.status_code, response.text)\n"
    );
    assert_eq!(py_str("a\"\\\u{0}\u{7f}\u{85}é\u{2028}"), "\"a\\\"\\\\\\x00\\x7f\\x85é\\u2028\"");
}

#[test]
fn go_net_http() {
    let code = snippet(Lang::Go, &post(PRETTY), Secret::Placeholder);
    assert!(code.contains("import (\n\t\"fmt\"\n\t\"io\"\n\t\"net/http\"\n\t\"os\"\n\t\"strings\"\n)"), "{code}");
    assert!(code.contains("\tbody := strings.NewReader(`{\n  \"name\": \"Analytics\"\n}`)\n"), "{code}");
    assert!(code.contains("req.Header.Set(\"Authorization\", \"Bearer \"+os.Getenv(\"TOKEN\"))"), "{code}");
    let get = HttpRequest { method: Method::Get, url: "http://x/".to_owned(), headers: vec![], body: None };
    let code = snippet(Lang::Go, &get, Secret::Placeholder);
    assert!(
        code.contains("import (\n\t\"fmt\"\n\t\"io\"\n\t\"net/http\"\n\t\"os\"\n)") && code.contains(", nil)"),
        "{code}"
    );
    assert_eq!(go_body("a`b\n"), "\"a`b\\n\"");
    assert_eq!(go_body("a\r\nb"), "\"a\\r\\nb\"");
    assert_eq!(go_str("\u{feff}\u{1}\u{85}"), "\"\\ufeff\\x01\\u0085\"");
}

#[test]
fn ruby_net_http() {
    let code = snippet(Lang::Ruby, &post("{\"a\": \"#{x} #$y\"}\n"), Secret::Placeholder);
    assert!(code.contains("request = Net::HTTP::Post.new(uri)\n"), "{code}");
    assert!(code.contains("request[\"Authorization\"] = \"Bearer \" + ENV.fetch(\"TOKEN\")\n"), "{code}");
    assert!(code.contains("request.body = \"{\\\"a\\\": \\\"\\#{x} \\#$y\\\"}\\n\"\n"), "{code}");
    let code = snippet(Lang::Ruby, &post(PRETTY), Secret::Reveal);
    assert!(
        code.contains("request.body = \"{\\n\" \\\n  \"  \\\"name\\\": \\\"Analytics\\\"\\n\" \\\n  \"}\"\n"),
        "{code}"
    );
    assert!(!code.starts_with('#'));
    let mut odd = post("{}");
    odd.headers.push(("X-Trailing-".to_owned(), "1".to_owned()));
    assert!(snippet(Lang::Ruby, &odd, Secret::Reveal).starts_with("# Net::HTTP cannot"));
    odd.body = None;
    let code = snippet(Lang::Ruby, &odd, Secret::Reveal);
    assert!(code.contains("request = Net::HTTPGenericRequest.new(\"POST\", false, true, uri)\n"), "{code}");
}

#[test]
fn rust_reqwest() {
    let code = snippet(Lang::Rust, &post(PRETTY), Secret::Placeholder);
    assert!(code.contains("        .post(\"https://api.cloudplatform.dev/v1/resources?x=%20\")\n"), "{code}");
    assert!(code.contains(".header(\"Authorization\", format!(\"Bearer {}\", std::env::var(\"TOKEN\")?))"), "{code}");
    assert!(code.contains(".body(r\"{\n  \"name\": \"Analytics\"\n}\")") || code.contains(".body(r#\"{\n"), "{code}");
    assert_eq!(rs_body("say \"#hi\"##"), "r###\"say \"#hi\"##\"###");
    assert_eq!(rs_body("plain"), "\"plain\"");
    assert_eq!(rs_body("a\r\n\"b\""), "\"a\\r\\n\\\"b\\\"\"");
    assert_eq!(rs_str("{}\u{0}\u{2029}"), "\"{}\\u{0}\\u{2029}\"");
}

#[test]
fn streams_are_printed_as_they_arrive() {
    let events = HttpRequest {
        method: Method::Get,
        url: "http://x.dev/v1/events".to_owned(),
        headers: vec![("Accept".to_owned(), "text/event-stream".to_owned())],
        body: None,
    };
    let expected = [
        "curl -N http://x.dev/v1/events",
        ".getReader();",
        "stream=True,",
        "io.Copy(os.Stdout, resp.Body)",
        "response.read_body { |chunk| print chunk }",
        "while let Some(chunk) = response.chunk().await? {",
        "http --ignore-stdin --stream GET http://x.dev/v1/events",
    ];
    for (lang, part) in Lang::ALL.into_iter().zip(expected) {
        assert!(snippet(lang, &events, Secret::Reveal).contains(part), "{lang:?}");
    }
    let plain = HttpRequest { headers: vec![], ..events };
    for lang in [Lang::Curl, Lang::JavaScript, Lang::Python, Lang::Rust, Lang::HTTPie] {
        let code = snippet(lang, &plain, Secret::Reveal);
        assert!(!code.contains("-N") && !code.contains("stream") && !code.contains("chunk"), "{lang:?}: {code}");
    }
}

#[test]
fn httpie_items() {
    let mut request = post("{\"a\": 1}");
    request.headers.push(("X-Eq".to_owned(), "=x:y".to_owned()));
    request.headers.push(("X-Empty".to_owned(), String::new()));
    assert_eq!(
        snippet(Lang::HTTPie, &request, Secret::Placeholder),
        "http --ignore-stdin POST 'https://api.cloudplatform.dev/v1/resources?x=%20' \\\n  \
         \"Authorization:Bearer $TOKEN\" \\\n  Content-Type:application/json \\\n  \
         'X-Eq:\\=x:y' \\\n  'X-Empty;' \\\n  --raw '{\"a\": 1}'"
    );
    request.headers.push(("X-Slash".to_owned(), "a\\:b".to_owned()));
    assert!(snippet(Lang::HTTPie, &request, Secret::Reveal).starts_with("# HTTPie cannot"));
}
