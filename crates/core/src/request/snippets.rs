//! The request as code: each snippet sends exactly the [`HttpRequest`] it is
//! written from, with every string escaped for its language. The URL is
//! always written whole (already encoded) instead of through each library's
//! query helpers, which would encode it again in their own way.

use std::fmt::Write as _;

use super::build::HttpRequest;
use super::curl::curl;
use super::shell::{quote_with_var, shell_quote};
use super::{Secret, masked};
use crate::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Curl,
    JavaScript,
    Python,
    Go,
    Ruby,
    Rust,
    HTTPie,
}

impl Lang {
    /// In tab order.
    pub const ALL: [Lang; 7] =
        [Lang::Curl, Lang::JavaScript, Lang::Python, Lang::Go, Lang::Ruby, Lang::Rust, Lang::HTTPie];

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Lang::Curl => "cURL",
            Lang::JavaScript => "JavaScript",
            Lang::Python => "Python",
            Lang::Go => "Go",
            Lang::Ruby => "Ruby",
            Lang::Rust => "Rust",
            Lang::HTTPie => "HTTPie",
        }
    }

    /// The language name `crate::highlight::highlight` knows.
    pub fn highlight(self) -> &'static str {
        match self {
            Lang::Curl | Lang::HTTPie => "bash",
            Lang::JavaScript => "javascript",
            Lang::Python => "python",
            Lang::Go => "go",
            Lang::Ruby => "ruby",
            Lang::Rust => "rust",
        }
    }
}

/// The snippet for `lang`. Under [`Secret::Placeholder`] the credential is
/// read from the environment (`TOKEN`, or `API_KEY` for `X-API-Key`).
pub fn snippet(lang: Lang, request: &HttpRequest, secret: Secret) -> String {
    let headers = header_values(request, secret);
    match lang {
        Lang::Curl => curl(request, secret),
        Lang::JavaScript => javascript(request, &headers),
        Lang::Python => python(request, &headers),
        Lang::Go => go(request, &headers),
        Lang::Ruby => ruby(request, &headers),
        Lang::Rust => rust(request, &headers),
        Lang::HTTPie => httpie(request, &headers),
    }
}

/// A header value as code: literal, or `prefix` + an environment variable.
enum Val<'a> {
    Lit(&'a str),
    Env(&'a str, &'static str),
}

fn header_values(request: &HttpRequest, secret: Secret) -> Vec<(&str, Val<'_>)> {
    let value = |name: &str, value| match masked(name, value) {
        Some(m) if secret == Secret::Placeholder => Val::Env(m.prefix, m.var),
        _ => Val::Lit(value),
    };
    request.headers.iter().map(|(n, v)| (n.as_str(), value(n, v))).collect()
}

fn uses_env(headers: &[(&str, Val)]) -> bool {
    headers.iter().any(|(_, v)| matches!(v, Val::Env(..)))
}

// JavaScript ------------------------------------------------------------

fn javascript(request: &HttpRequest, headers: &[(&str, Val)]) -> String {
    // JSON string literals are JavaScript string literals.
    let q = json::quote;
    let mut out = format!("const response = await fetch({}, {{\n", q(&request.url));
    let _ = writeln!(out, "  method: {},", q(request.method.as_str()));
    out.push_str("  headers: {\n");
    for (name, value) in headers {
        let value = match value {
            Val::Lit(v) => q(v),
            Val::Env("", var) => format!("process.env.{var}"),
            Val::Env(prefix, var) => format!("{} + process.env.{var}", q(prefix)),
        };
        let _ = writeln!(out, "    {}: {value},", q(name));
    }
    out.push_str("  },\n");
    if let Some(body) = &request.body {
        let text = if body.contains('\n') { js_template(body) } else { q(body) };
        let _ = writeln!(out, "  body: {text},");
    }
    out.push_str("});\n");
    if streams(request) {
        out.push_str(
            "console.log(response.status);\n\
             const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();\n\
             for (;;) {\n  const { done, value } = await reader.read();\n  if (done) break;\n  console.log(value);\n}\n",
        );
    } else {
        out.push_str("console.log(response.status, await response.text());\n");
    }
    out
}

/// A template literal, so that a pretty JSON body reads as written.
fn js_template(text: &str) -> String {
    let mut out = String::from("`");
    for c in text.chars() {
        match c {
            '`' | '\\' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\t' => out.push(c),
            // Raw CRs would be read as newlines; other controls are invisible.
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('`');
    out
}

// Python ----------------------------------------------------------------

fn python(request: &HttpRequest, headers: &[(&str, Val)]) -> String {
    let mut out = String::new();
    if uses_env(headers) {
        out.push_str("import os\n\n");
    }
    out.push_str("import requests\n\n");
    let _ = writeln!(out, "response = requests.{}(", request.method.as_str().to_ascii_lowercase());
    let _ = writeln!(out, "    {},", py_str(&request.url));
    out.push_str("    headers={\n");
    for (name, value) in headers {
        let value = match value {
            Val::Lit(v) => py_str(v),
            Val::Env("", var) => format!("os.environ[\"{var}\"]"),
            Val::Env(prefix, var) => format!("{} + os.environ[\"{var}\"]", py_str(prefix)),
        };
        let _ = writeln!(out, "        {}: {value},", py_str(name));
    }
    out.push_str("    },\n");
    if let Some(body) = &request.body {
        // Bytes: given a str, older requests (with urllib3 1) send it as Latin-1.
        let lines: Vec<&str> = body.split_inclusive('\n').collect();
        if lines.len() == 1 {
            let _ = writeln!(out, "    data={}.encode(),", py_str(body));
        } else {
            out.push_str("    data=(\n");
            for line in lines {
                let _ = writeln!(out, "        {}", py_str(line));
            }
            out.push_str("    ).encode(),\n");
        }
    }
    if streams(request) {
        out.push_str("    stream=True,\n    timeout=30,\n)\nprint(response.status_code)\n");
        out.push_str("for line in response.iter_lines(decode_unicode=True):\n    print(line)\n");
    } else {
        out.push_str("    timeout=30,\n)\nprint(response.status_code, response.text)\n");
    }
    out
}

fn py_str(text: &str) -> String {
    escaped(text, |c| match c {
        '\\' | '"' => Some(format!("\\{c}")),
        c if is_invisible(c) => {
            Some(if (c as u32) < 0x100 { format!("\\x{:02x}", c as u32) } else { format!("\\u{:04x}", c as u32) })
        }
        _ => simple_escape(c).map(str::to_owned),
    })
}

// Go ---------------------------------------------------------------------

fn go(request: &HttpRequest, headers: &[(&str, Val)]) -> String {
    let mut imports = vec!["fmt", "io", "net/http", "os"];
    if request.body.is_some() {
        imports.push("strings");
    }
    let mut out = String::from("package main\n\nimport (\n");
    for import in imports {
        let _ = writeln!(out, "\t\"{import}\"");
    }
    out.push_str(")\n\nfunc main() {\n");
    let body = match &request.body {
        Some(body) => {
            let _ = writeln!(out, "\tbody := strings.NewReader({})", go_body(body));
            "body"
        }
        None => "nil",
    };
    let _ = writeln!(
        out,
        "\treq, err := http.NewRequest({}, {}, {body})",
        go_str(request.method.as_str()),
        go_str(&request.url)
    );
    out.push_str("\tif err != nil {\n\t\tpanic(err)\n\t}\n");
    for (name, value) in headers {
        let value = match value {
            Val::Lit(v) => go_str(v),
            Val::Env("", var) => format!("os.Getenv(\"{var}\")"),
            Val::Env(prefix, var) => format!("{}+os.Getenv(\"{var}\")", go_str(prefix)),
        };
        let _ = writeln!(out, "\treq.Header.Set({}, {value})", go_str(name));
    }
    out.push_str(
        "\tresp, err := http.DefaultClient.Do(req)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\
         \tdefer resp.Body.Close()\n\tfmt.Println(resp.Status)\n\tio.Copy(os.Stdout, resp.Body)\n}\n",
    );
    out
}

/// A raw string when it can be one: Go drops CRs from raw strings, and a
/// byte-order mark is refused anywhere in a source file but its start.
fn go_body(text: &str) -> String {
    let raw_ok = !text.contains(['`', '\r', '\u{feff}']) && !text.chars().any(is_invisible);
    if raw_ok && text.contains(['"', '\n', '\\']) { format!("`{text}`") } else { go_str(text) }
}

fn go_str(text: &str) -> String {
    escaped(text, |c| match c {
        '\\' | '"' => Some(format!("\\{c}")),
        c if is_invisible(c) || c == '\u{feff}' => {
            Some(if (c as u32) < 0x80 { format!("\\x{:02x}", c as u32) } else { format!("\\u{:04x}", c as u32) })
        }
        _ => simple_escape(c).map(str::to_owned),
    })
}

// Ruby -------------------------------------------------------------------

fn ruby(request: &HttpRequest, headers: &[(&str, Val)]) -> String {
    let class = match request.method.as_str() {
        "GET" => "Get",
        "POST" => "Post",
        "PUT" => "Put",
        "PATCH" => "Patch",
        _ => "Delete",
    };
    let mut out = String::new();
    if request.headers.iter().any(|(name, _)| name.ends_with('-')) {
        // Net::HTTP writes names capitalized word by word, and loses trailing dashes.
        out.push_str("# Net::HTTP cannot send a header name that ends with `-`; use the cURL command.\n");
    }
    out.push_str("require \"net/http\"\n\n");
    let _ = writeln!(out, "uri = URI({})", rb_str(&request.url));
    if request.body.is_none() && request.method.has_body() {
        // Net::HTTP::Post and friends would send an empty form body, with its Content-Type.
        let _ = writeln!(out, "request = Net::HTTPGenericRequest.new(\"{}\", false, true, uri)", request.method);
    } else {
        let _ = writeln!(out, "request = Net::HTTP::{class}.new(uri)");
    }
    for (name, value) in headers {
        let value = match value {
            Val::Lit(v) => rb_str(v),
            Val::Env("", var) => format!("ENV.fetch(\"{var}\")"),
            Val::Env(prefix, var) => format!("{} + ENV.fetch(\"{var}\")", rb_str(prefix)),
        };
        let _ = writeln!(out, "request[{}] = {value}", rb_str(name));
    }
    if let Some(body) = &request.body {
        // Adjacent literals joined by `\` are one string, line by line.
        let lines: Vec<String> = body.split_inclusive('\n').map(rb_str).collect();
        let _ = writeln!(out, "request.body = {}", lines.join(" \\\n  "));
    }
    out.push_str(
        "\nNet::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == \"https\") do |http|\n  \
         http.request(request) do |response|\n    puts response.code\n    \
         response.read_body { |chunk| print chunk }\n  end\nend\n",
    );
    out
}

/// Double quotes with `#` escaped too, so `#{…}`, `#$x` and `#@x` never interpolate.
fn rb_str(text: &str) -> String {
    escaped(text, |c| match c {
        '\\' | '"' | '#' => Some(format!("\\{c}")),
        c if is_invisible(c) => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => simple_escape(c).map(str::to_owned),
    })
}

// Rust -------------------------------------------------------------------

fn rust(request: &HttpRequest, headers: &[(&str, Val)]) -> String {
    let mut out = String::from("#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {\n");
    out.push_str(if streams(request) { "    let mut response = " } else { "    let response = " });
    out.push_str("reqwest::Client::new()\n");
    let _ = writeln!(out, "        .{}({})", request.method.as_str().to_ascii_lowercase(), rs_str(&request.url));
    for (name, value) in headers {
        let value = match value {
            Val::Lit(v) => rs_str(v),
            Val::Env("", var) => format!("std::env::var(\"{var}\")?"),
            Val::Env(prefix, var) => {
                let template = prefix.replace('{', "{{").replace('}', "}}") + "{}";
                format!("format!({}, std::env::var(\"{var}\")?)", rs_str(&template))
            }
        };
        let _ = writeln!(out, "        .header({}, {value})", rs_str(name));
    }
    if let Some(body) = &request.body {
        let _ = writeln!(out, "        .body({})", rs_body(body));
    }
    out.push_str("        .send()\n        .await?;\n    println!(\"{}\", response.status());\n");
    if streams(request) {
        out.push_str(
            "    while let Some(chunk) = response.chunk().await? {\n        \
             print!(\"{}\", String::from_utf8_lossy(&chunk));\n    }\n",
        );
    } else {
        out.push_str("    println!(\"{}\", response.text().await?);\n");
    }
    out.push_str("    Ok(())\n}\n");
    out
}

/// A raw string `r#"…"#` when it can be one (Rust refuses a bare CR in any
/// string literal), with enough `#` to outnumber any `"###` inside.
fn rs_body(text: &str) -> String {
    if text.contains('\r') || text.chars().any(is_invisible) || !text.contains(['"', '\n', '\\']) {
        return rs_str(text);
    }
    let longest = text.split('"').skip(1).map(|after| after.len() - after.trim_start_matches('#').len()).max();
    let hashes = "#".repeat(longest.map_or(0, |n| n + 1));
    format!("r{hashes}\"{text}\"{hashes}")
}

fn rs_str(text: &str) -> String {
    escaped(text, |c| match c {
        '\\' | '"' => Some(format!("\\{c}")),
        c if is_invisible(c) => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => simple_escape(c).map(str::to_owned),
    })
}

// HTTPie -------------------------------------------------------------------

/// HTTPie request items: `Name:value` for a header, `Name;` for an empty one;
/// the URL carries the query as it is, and `--raw` sends the body unparsed.
fn httpie(request: &HttpRequest, headers: &[(&str, Val)]) -> String {
    // --ignore-stdin: run from a script, where stdin is no terminal, HTTPie
    // would read a body from it (and refuse --raw).
    let stream = if streams(request) { "--stream " } else { "" };
    let mut lines = vec![format!("http --ignore-stdin {stream}{} {}", request.method, shell_quote(&request.url))];
    let mut lossy = false;
    for (name, value) in headers {
        let word = match value {
            Val::Env(prefix, var) => quote_with_var(&format!("{name}:{}", httpie_value(prefix)), var),
            Val::Lit("") => shell_quote(&format!("{name};")),
            Val::Lit(v) => {
                lossy |= v.as_bytes().windows(2).any(|w| w[0] == b'\\' && b":;=@".contains(&w[1]));
                shell_quote(&format!("{name}:{}", httpie_value(v)))
            }
        };
        lines.push(word);
    }
    if let Some(body) = &request.body {
        lines.push(format!("--raw {}", shell_quote(body)));
    }
    let command = lines.join(" \\\n  ");
    if lossy {
        // HTTPie reads `\` before these characters as an escape, and has no way to write a literal one.
        format!("# HTTPie cannot send a header value with `\\` before : ; = or @; use the cURL command.\n{command}")
    } else {
        command
    }
}

/// A value right after `Name:` must not start a longer separator (`:=`, `:@`).
fn httpie_value(value: &str) -> String {
    match value.chars().next() {
        Some(c @ ('=' | '@')) => format!("\\{c}{}", &value[1..]),
        _ => value.to_owned(),
    }
}

// Shared -------------------------------------------------------------------

/// A server-sent event stream: the code prints it as it arrives, since
/// reading it whole would wait for a stream that never ends.
pub(crate) fn streams(request: &HttpRequest) -> bool {
    request.header("Accept") == Some("text/event-stream")
}

/// Control characters and the invisible line and paragraph separators.
fn is_invisible(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t') || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The escapes every C-like language shares.
fn simple_escape(c: char) -> Option<&'static str> {
    match c {
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\t' => Some("\\t"),
        _ => None,
    }
}

/// A double-quoted literal; `escape` gives a character's escape, or `None`
/// to write it as it is.
fn escaped(text: &str, escape: impl Fn(char) -> Option<String>) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match escape(c) {
            Some(e) => out.push_str(&e),
            None => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
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
        assert!(
            code.contains(".header(\"Authorization\", format!(\"Bearer {}\", std::env::var(\"TOKEN\")?))"),
            "{code}"
        );
        assert!(
            code.contains(".body(r\"{\n  \"name\": \"Analytics\"\n}\")") || code.contains(".body(r#\"{\n"),
            "{code}"
        );
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
}
