//! This API's own cURL examples, as written in `content/`.

use super::Case;

const API_KEY_NOTE: &str = "the shell variable $API_KEY is not expanded; it is kept as written";

pub const CASES: &[Case] = &[
    Case {
        name: "docs-token-exchange",
        source: "content/guides/authentication.md",
        command: r##"curl -X POST https://api.cloudplatform.dev/v1/auth/token \
  -H "X-API-Key: $API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"expires_in": 900, "scope": "resources:read"}'"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/auth/token",
        headers: &[("X-API-Key", "$API_KEY"), ("Content-Type", "application/json")],
        body: Some("{\"expires_in\": 900, \"scope\": \"resources:read\"}"),
        ignored: &[],
        unsupported: &[],
        notes: &[API_KEY_NOTE],
    },
    Case {
        name: "docs-projects-bearer",
        source: "content/guides/authentication.md, with its comment line",
        command: r##"# Replace $TOKEN with the access_token returned by /v1/auth/token
curl https://api.cloudplatform.dev/v1/projects \
  -H "Authorization: Bearer $TOKEN" \
  -H "X-API-Version: 2026-01-01""##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/projects",
        headers: &[("Authorization", "Bearer $TOKEN"), ("X-API-Version", "2026-01-01")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &["the shell variable $TOKEN is not expanded; it is kept as written"],
    },
    Case {
        name: "docs-idempotency",
        source: "content/guides/idempotency.md",
        command: r##"curl http://127.0.0.1:8080/v1/resources \
  -H "X-API-Key: $API_KEY" \
  -H "Content-Type: application/json" \
  -H "Idempotency-Key: 582200a3-baa7-4d80-830b-fdf6c20f6cd5" \
  -d '{"name": "Analytics", "region": "eu-west"}'"##,
        method: "POST",
        url: "http://127.0.0.1:8080/v1/resources",
        headers: &[
            ("X-API-Key", "$API_KEY"),
            ("Content-Type", "application/json"),
            ("Idempotency-Key", "582200a3-baa7-4d80-830b-fdf6c20f6cd5"),
        ],
        body: Some("{\"name\": \"Analytics\", \"region\": \"eu-west\"}"),
        ignored: &[],
        unsupported: &[],
        notes: &[API_KEY_NOTE],
    },
    Case {
        name: "docs-quick-start-uuidgen",
        source: "content/guides/quick-start.md",
        command: r##"curl http://127.0.0.1:8080/v1/resources \
  -H "X-API-Key: $API_KEY" \
  -H "Content-Type: application/json" \
  -H "Idempotency-Key: $(uuidgen)" \
  -d '{"name": "Analytics", "region": "eu-west"}'"##,
        method: "POST",
        url: "http://127.0.0.1:8080/v1/resources",
        headers: &[("X-API-Key", "$API_KEY"), ("Content-Type", "application/json"), ("Idempotency-Key", "$(uuidgen)")],
        body: Some("{\"name\": \"Analytics\", \"region\": \"eu-west\"}"),
        ignored: &[],
        unsupported: &[],
        notes: &[API_KEY_NOTE, "the command substitution $(uuidgen) is not run; it is kept as written"],
    },
    Case {
        name: "docs-quick-start-list",
        source: "content/guides/quick-start.md",
        command: r##"curl "http://127.0.0.1:8080/v1/resources?limit=20" -H "X-API-Key: $API_KEY""##,
        method: "GET",
        url: "http://127.0.0.1:8080/v1/resources?limit=20",
        headers: &[("X-API-Key", "$API_KEY")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[API_KEY_NOTE],
    },
    Case {
        name: "docs-events-resume",
        source: "content/guides/events.md",
        command: r##"curl -N http://127.0.0.1:8080/v1/events \
  -H "X-API-Key: $API_KEY" \
  -H "Accept: text/event-stream" \
  -H "Last-Event-ID: 42""##,
        method: "GET",
        url: "http://127.0.0.1:8080/v1/events",
        headers: &[("X-API-Key", "$API_KEY"), ("Accept", "text/event-stream"), ("Last-Event-ID", "42")],
        body: None,
        ignored: &["-N"],
        unsupported: &[],
        notes: &[API_KEY_NOTE],
    },
    Case {
        name: "docs-overview-status",
        source: "content/overview.md",
        command: r##"curl https://api.cloudplatform.dev/v2/projects/proj_8f2a/status \
  -H "Authorization: Bearer $API_KEY" \
  -H "Accept: application/json""##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v2/projects/proj_8f2a/status",
        headers: &[("Authorization", "Bearer $API_KEY"), ("Accept", "application/json")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[API_KEY_NOTE],
    },
    Case {
        name: "docs-versioning-pin",
        source: "content/guides/versioning.md",
        command: r##"curl http://127.0.0.1:8080/v1/resources \
  -H "X-API-Key: $API_KEY" \
  -H "X-API-Version: 2026-01-01""##,
        method: "GET",
        url: "http://127.0.0.1:8080/v1/resources",
        headers: &[("X-API-Key", "$API_KEY"), ("X-API-Version", "2026-01-01")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[API_KEY_NOTE],
    },
    Case {
        name: "docs-sandbox-keys",
        source: "content/guides/sandbox-server.md and quick-start.md",
        command: r##"curl http://127.0.0.1:8080/sandbox/keys"##,
        method: "GET",
        url: "http://127.0.0.1:8080/sandbox/keys",
        headers: &[],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "docs-quick-start-ping",
        source: "content/guides/quick-start.md",
        command: r##"curl http://127.0.0.1:8080/v2/ping -H "X-API-Key: $API_KEY""##,
        method: "GET",
        url: "http://127.0.0.1:8080/v2/ping",
        headers: &[("X-API-Key", "$API_KEY")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[API_KEY_NOTE],
    },
    Case {
        name: "docs-events-stream",
        source: "content/guides/events.md",
        command: r##"curl -N http://127.0.0.1:8080/v1/events \
  -H "X-API-Key: $API_KEY" \
  -H "Accept: text/event-stream""##,
        method: "GET",
        url: "http://127.0.0.1:8080/v1/events",
        headers: &[("X-API-Key", "$API_KEY"), ("Accept", "text/event-stream")],
        body: None,
        ignored: &["-N"],
        unsupported: &[],
        notes: &[API_KEY_NOTE],
    },
];
