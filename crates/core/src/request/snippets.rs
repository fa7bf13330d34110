//! The request as code: each snippet sends exactly the [`HttpRequest`] it is
//! written from, with every string escaped for its language. The URL is
//! always written whole (already encoded) instead of through each library's
//! query helpers, which would encode it again in their own way.

mod body;
mod quote;

use std::fmt::Write as _;

use super::build::HttpRequest;
use super::curl::curl;
use super::shell::{quote_with_var, shell_quote};
use super::{Secret, masked};
use crate::json_text as json;
use quote::{go_body, go_str, js_template, py_str, rb_str, rs_body, rs_str};

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
/// read from the environment (`TOKEN`, or `API_KEY` for `X-API-Key`), and
/// so is every body field named like a credential (`api_key` from
/// `API_KEY`, `password` from `PASSWORD`; see `snippets/body.rs`).
pub fn snippet(lang: Lang, request: &HttpRequest, secret: Secret) -> String {
    let headers = header_values(request, secret);
    let body = request.body.as_deref().map(|b| body::pieces(b, secret));
    let body = body.as_deref();
    match lang {
        Lang::Curl => curl_with_body(request, secret, body),
        Lang::JavaScript => javascript(request, &headers, body),
        Lang::Python => python(request, &headers, body),
        Lang::Go => go(request, &headers, body),
        Lang::Ruby => ruby(request, &headers, body),
        Lang::Rust => rust(request, &headers, body),
        Lang::HTTPie => httpie(request, &headers, body),
    }
}

/// The body as code: one literal, or pieces with variables in them.
type Body<'a> = Option<&'a [body::Piece<'a>]>;

/// The cURL command, its `--data-raw` word written from the pieces when a
/// body field is masked. `curl()` writes the body last, as that word.
fn curl_with_body(request: &HttpRequest, secret: Secret, pieces: Body) -> String {
    let command = curl(request, secret);
    let (Some(text), Some(pieces)) = (&request.body, pieces.filter(|p| body::has_env(p))) else { return command };
    let written = format!("--data-raw {}", shell_quote(text));
    match command.strip_suffix(&written) {
        Some(head) => format!("{head}--data-raw {}", body::shell_word(pieces)),
        // Never shown with the secret in it, should `curl()` change its layout.
        None => curl(&HttpRequest { body: Some(body::masked_text(pieces)), ..request.clone() }, secret),
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

fn javascript(request: &HttpRequest, headers: &[(&str, Val)], pieces: Body) -> String {
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
        let text = match pieces {
            Some(p) if body::has_env(p) => body::javascript(p),
            _ if body.contains('\n') => js_template(body),
            _ => q(body),
        };
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

// Python ----------------------------------------------------------------

fn python(request: &HttpRequest, headers: &[(&str, Val)], pieces: Body) -> String {
    let mut out = String::new();
    let masked = pieces.filter(|p| body::has_env(p));
    if uses_env(headers) || masked.is_some() {
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
    if let Some(pieces) = masked {
        let _ = writeln!(out, "    data={}.encode(),", body::python(pieces));
    } else if let Some(body) = &request.body {
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

// Go ---------------------------------------------------------------------

fn go(request: &HttpRequest, headers: &[(&str, Val)], pieces: Body) -> String {
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
            let text = match pieces {
                Some(p) if body::has_env(p) => body::go(p),
                _ => go_body(body),
            };
            let _ = writeln!(out, "\tbody := strings.NewReader({text})");
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

// Ruby -------------------------------------------------------------------

fn ruby(request: &HttpRequest, headers: &[(&str, Val)], pieces: Body) -> String {
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
    if let Some(pieces) = pieces.filter(|p| body::has_env(p)) {
        let _ = writeln!(out, "request.body = {}", body::ruby(pieces));
    } else if let Some(body) = &request.body {
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

// Rust -------------------------------------------------------------------

fn rust(request: &HttpRequest, headers: &[(&str, Val)], pieces: Body) -> String {
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
        let text = match pieces {
            Some(p) if body::has_env(p) => body::rust(p),
            _ => rs_body(body),
        };
        let _ = writeln!(out, "        .body({text})");
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

// HTTPie -------------------------------------------------------------------

/// HTTPie request items: `Name:value` for a header, `Name;` for an empty one;
/// the URL carries the query as it is, and `--raw` sends the body unparsed.
fn httpie(request: &HttpRequest, headers: &[(&str, Val)], pieces: Body) -> String {
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
        let word = match pieces {
            Some(p) if body::has_env(p) => body::shell_word(p),
            _ => shell_quote(body),
        };
        lines.push(format!("--raw {word}"));
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

#[cfg(test)]
mod tests;
