//! Methods the docs do not list for a path, against the running sandbox:
//! the errors guide documents 405 `method_not_allowed` for them.

use std::collections::BTreeSet;

use explorer_core::Docs;
use reqwest::Method;
use serde_json::Value;

use crate::probes::Live;

/// A documented path with a method the docs do not list for it: the errors
/// guide promises 405 `method_not_allowed` and an `Allow` header naming the
/// methods that work, which must be exactly the documented ones (HEAD comes
/// with GET). Returns the problems and the number of requests sent.
pub async fn undocumented_methods(docs: &Docs) -> (Vec<String>, usize) {
    let live = Live::start().await;
    let mut paths: Vec<&str> = docs.operations().map(|op| op.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    let (mut out, mut sent) = (Vec::new(), 0);
    for path in paths {
        let documented: BTreeSet<String> =
            docs.operations().filter(|op| op.path == path).map(|op| op.method.as_str().to_owned()).collect();
        let mut allowed = documented.clone();
        if allowed.contains("GET") {
            allowed.insert("HEAD".to_owned());
        }
        // `{id}` as a well-formed id: the route must match, not the id.
        let url = path.replace("{id}", "res_unknown0");
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"].into_iter().filter(|m| !documented.contains(*m)) {
            let method = Method::from_bytes(method.as_bytes()).expect("method");
            let response = live.send_raw(method.clone(), &url, &[("X-API-Key", live.keys.pro.as_str())], None).await;
            sent += 1;
            let allow: BTreeSet<String> = response
                .headers()
                .get("allow")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .split(',')
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty())
                .collect();
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            let code = body["code"].as_str().unwrap_or("no code");
            if status != 405 || code != "method_not_allowed" {
                out.push(format!(
                    "{method} {path}: not documented, so 405 `method_not_allowed`, but got {status} `{code}`"
                ));
            } else if allow != allowed {
                out.push(format!("{method} {path}: 405 `Allow` is {allow:?}, but the docs document {documented:?}"));
            }
        }
    }
    live.server.stop().await;
    (out, sent)
}
