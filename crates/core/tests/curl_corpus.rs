//! The cURL corpus: commands as people paste them — browser devtools
//! ("Copy as cURL", bash and cmd), this API's own docs, Postman and
//! Insomnia exports, other docs sites, shell history — each with its full
//! expected parse, and some with what they match in the real docs.

use explorer_core::Docs;
use explorer_core::import::{
    Finding, ImportError, Match, ParsedCurl, Severity, match_request, parse_curl, to_http_request,
};
use explorer_core::request::{Credential, Draft};
use std::sync::OnceLock;

struct Case {
    name: &'static str,
    command: &'static str,
    method: &'static str,
    url: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: Option<&'static str>,
    /// The ignored options as written (each also carries why).
    ignored: &'static [&'static str],
    unsupported: &'static [&'static str],
    notes: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "chrome-create-resource",
        command: r##"curl 'http://127.0.0.1:8080/v1/resources' \
  -H 'Accept: application/json' \
  -H 'Accept-Language: en-US,en;q=0.9' \
  -H 'Connection: keep-alive' \
  -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: 582200a3-baa7-4d80-830b-fdf6c20f6cd5' \
  -H 'Origin: http://127.0.0.1:8080' \
  -H 'Referer: http://127.0.0.1:8080/reference/create-resource' \
  -H 'Sec-Fetch-Dest: empty' \
  -H 'Sec-Fetch-Mode: cors' \
  -H 'Sec-Fetch-Site: same-origin' \
  -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' \
  -H 'X-API-Key: sk_live_freedemo000000000000000000000000' \
  -H 'sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-ch-ua-platform: "Linux"' \
  --data-raw $'{\n  "name": "Analytics",\n  "region": "eu-west"\n}'"##,
        method: "POST",
        url: "http://127.0.0.1:8080/v1/resources",
        headers: &[
            ("Accept", "application/json"),
            ("Accept-Language", "en-US,en;q=0.9"),
            ("Connection", "keep-alive"),
            ("Content-Type", "application/json"),
            ("Idempotency-Key", "582200a3-baa7-4d80-830b-fdf6c20f6cd5"),
            ("Origin", "http://127.0.0.1:8080"),
            ("Referer", "http://127.0.0.1:8080/reference/create-resource"),
            ("Sec-Fetch-Dest", "empty"),
            ("Sec-Fetch-Mode", "cors"),
            ("Sec-Fetch-Site", "same-origin"),
            (
                "User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            ),
            ("X-API-Key", "sk_live_freedemo000000000000000000000000"),
            ("sec-ch-ua", "\"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\""),
            ("sec-ch-ua-mobile", "?0"),
            ("sec-ch-ua-platform", "\"Linux\""),
        ],
        body: Some("{\n  \"name\": \"Analytics\",\n  \"region\": \"eu-west\"\n}"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "chrome-lowercase-cookies-ansi",
        command: r##"curl 'https://api.cloudplatform.dev/v1/resources/res_8f2a' \
  -X 'PATCH' \
  -H 'accept: application/json' \
  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJrZXlfZnJlZSJ9.qn41Aww4cCNoqPk8xY95yjtkgPZaLEtFAYmdShy4ty0' \
  -H 'content-type: application/json' \
  -b '_ga=GA1.1.123; theme=dark' \
  -H 'origin: https://explorer.cloudplatform.dev' \
  -H 'priority: u=1, i' \
  --data-raw $'{"name":"it\'s done\u0021 \\\\ caf\u00e9"}'"##,
        method: "PATCH",
        url: "https://api.cloudplatform.dev/v1/resources/res_8f2a",
        headers: &[
            ("accept", "application/json"),
            (
                "authorization",
                "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJrZXlfZnJlZSJ9.qn41Aww4cCNoqPk8xY95yjtkgPZaLEtFAYmdShy4ty0",
            ),
            ("content-type", "application/json"),
            ("origin", "https://explorer.cloudplatform.dev"),
            ("priority", "u=1, i"),
            ("Cookie", "_ga=GA1.1.123; theme=dark"),
        ],
        body: Some("{\"name\":\"it's done! \\\\ café\"}"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "firefox-list",
        command: r##"curl 'http://127.0.0.1:8080/v1/resources?limit=5&status=active' -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' -H 'Accept: application/json' -H 'Accept-Language: en-US,en;q=0.5' -H 'Accept-Encoding: gzip, deflate, br' -H 'Authorization: Bearer sk_live_freedemo000000000000000000000000' -H 'Connection: keep-alive' -H 'Sec-Fetch-Dest: empty' -H 'Sec-Fetch-Mode: cors' -H 'Sec-Fetch-Site: same-origin' -H 'Priority: u=4'"##,
        method: "GET",
        url: "http://127.0.0.1:8080/v1/resources?limit=5&status=active",
        headers: &[
            ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"),
            ("Accept", "application/json"),
            ("Accept-Language", "en-US,en;q=0.5"),
            ("Accept-Encoding", "gzip, deflate, br"),
            ("Authorization", "Bearer sk_live_freedemo000000000000000000000000"),
            ("Connection", "keep-alive"),
            ("Sec-Fetch-Dest", "empty"),
            ("Sec-Fetch-Mode", "cors"),
            ("Sec-Fetch-Site", "same-origin"),
            ("Priority", "u=4"),
        ],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "firefox-delete",
        command: r##"curl 'http://127.0.0.1:8080/v1/resources/res_b71d' -X DELETE -H 'User-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0' -H 'Accept: */*' -H 'X-API-Key: sk_live_freedemo000000000000000000000000' -H 'Idempotency-Key: 7b1c3e5a-9d2f-4e6b-8a0c-2d4f6a8c0e1b' -H 'Origin: http://127.0.0.1:8080' -H 'DNT: 1' -H 'Sec-GPC: 1'"##,
        method: "DELETE",
        url: "http://127.0.0.1:8080/v1/resources/res_b71d",
        headers: &[
            ("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0"),
            ("Accept", "*/*"),
            ("X-API-Key", "sk_live_freedemo000000000000000000000000"),
            ("Idempotency-Key", "7b1c3e5a-9d2f-4e6b-8a0c-2d4f6a8c0e1b"),
            ("Origin", "http://127.0.0.1:8080"),
            ("DNT", "1"),
            ("Sec-GPC", "1"),
        ],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "docs-token-exchange",
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
        notes: &["the shell variable $API_KEY is not expanded; it is kept as written"],
    },
    Case {
        name: "docs-projects-bearer",
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
        notes: &["the shell variable $API_KEY is not expanded; it is kept as written"],
    },
    Case {
        name: "docs-quick-start-uuidgen",
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
        notes: &[
            "the shell variable $API_KEY is not expanded; it is kept as written",
            "the command substitution $(uuidgen) is not run; it is kept as written",
        ],
    },
    Case {
        name: "docs-quick-start-list",
        command: r##"curl "http://127.0.0.1:8080/v1/resources?limit=20" -H "X-API-Key: $API_KEY""##,
        method: "GET",
        url: "http://127.0.0.1:8080/v1/resources?limit=20",
        headers: &[("X-API-Key", "$API_KEY")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &["the shell variable $API_KEY is not expanded; it is kept as written"],
    },
    Case {
        name: "docs-events-resume",
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
        notes: &["the shell variable $API_KEY is not expanded; it is kept as written"],
    },
    Case {
        name: "docs-overview-status",
        command: r##"curl https://api.cloudplatform.dev/v2/projects/proj_8f2a/status \
  -H "Authorization: Bearer $API_KEY" \
  -H "Accept: application/json""##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v2/projects/proj_8f2a/status",
        headers: &[("Authorization", "Bearer $API_KEY"), ("Accept", "application/json")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &["the shell variable $API_KEY is not expanded; it is kept as written"],
    },
    Case {
        name: "history-ping-jq",
        command: r##"$ curl -s https://api.cloudplatform.dev/v2/ping | jq ."##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v2/ping",
        headers: &[],
        body: None,
        ignored: &["-s"],
        unsupported: &[],
        notes: &["the output is piped to `jq .`; the panel shows the response instead"],
    },
    Case {
        name: "history-delete-write-out",
        command: r##"curl -sS -X DELETE "https://api.cloudplatform.dev/v1/resources/res_8f2a" -H "X-API-Key: sk_live_freedemo000000000000000000000000" -w '%{http_code}\n' -o /dev/null"##,
        method: "DELETE",
        url: "https://api.cloudplatform.dev/v1/resources/res_8f2a",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &["-s", "-S", "-w '%{http_code}\\n'", "-o /dev/null"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "history-glued-short-options",
        command: r##"curl -XPATCH -HContent-Type:application/json -d'{"status":"archived"}' localhost:8080/v1/resources/res_1 -sSLk"##,
        method: "PATCH",
        url: "http://localhost:8080/v1/resources/res_1",
        headers: &[("Content-Type", "application/json")],
        body: Some("{\"status\":\"archived\"}"),
        ignored: &["-s", "-S", "-L", "-k"],
        unsupported: &[],
        notes: &["the URL has no scheme; cURL assumes http://"],
    },
    Case {
        name: "history-equals-forms",
        command: r##"curl --request=GET --url=https://api.cloudplatform.dev/v1/projects --header='X-API-Key: sk_live_freedemo000000000000000000000000' --max-time=10"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/projects",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &["--max-time 10"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "history-unquoted-ampersand",
        command: r##"curl https://api.cloudplatform.dev/v1/resources?limit=2&status=archived -H X-API-Key:\ sk_live_freedemo000000000000000000000000"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources?limit=2&status=archived",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[
            "the URL has an unquoted `&`, which bash would read as the end of the command; it was read as part of the URL",
        ],
    },
    Case {
        name: "multiline-trailing-space-crlf",
        command: r##"curl -X POST \
  https://api.cloudplatform.dev/v1/auth/token \  
  -H 'Content-Type: application/json' \
  --data-binary '{"api_key": "sk_live_freedemo000000000000000000000000", "expires_in": 600}'"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/auth/token",
        headers: &[("Content-Type", "application/json")],
        body: Some("{\"api_key\": \"sk_live_freedemo000000000000000000000000\", \"expires_in\": 600}"),
        ignored: &[],
        unsupported: &[],
        notes: &["a line ends with a backslash followed by spaces; it was read as a line continuation"],
    },
    Case {
        name: "json-flag",
        command: r##"curl --json '{"name":"Analytics"}' https://api.cloudplatform.dev/v1/resources -H "X-API-Key: sk_live_freedemo000000000000000000000000""##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/resources",
        headers: &[
            ("X-API-Key", "sk_live_freedemo000000000000000000000000"),
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ],
        body: Some("{\"name\":\"Analytics\"}"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "get-with-data",
        command: r##"curl -G https://api.cloudplatform.dev/v1/resources -d limit=5 -d status=archived --data-urlencode 'cursor=eyJ0IjoiMjAyNiJ9' -H 'Authorization: Bearer sk_live_freedemo000000000000000000000000'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources?limit=5&status=archived&cursor=eyJ0IjoiMjAyNiJ9",
        headers: &[("Authorization", "Bearer sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "stripe-style-basic",
        command: r##"curl https://api.cloudplatform.dev/v1/resources \
  -u sk_live_freedemo000000000000000000000000: \
  -d name=Analytics \
  -d region=eu-west"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/resources",
        headers: &[("Authorization", "Basic c2tfbGl2ZV9mcmVlZGVtbzAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDo=")],
        body: Some("name=Analytics&region=eu-west"),
        ignored: &[],
        unsupported: &[],
        notes: &[
            "-u sends a user and password as Basic authentication, a credential style the API does not accept",
            "cURL sends -d data as application/x-www-form-urlencoded unless a Content-Type is given",
        ],
    },
    Case {
        name: "url-option-odd-order",
        command: r##"curl -H 'X-API-Key: sk_live_freedemo000000000000000000000000' --compressed -X GET -sSL --url 'https://api.cloudplatform.dev/v1/resources/res_8f2a' -i"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources/res_8f2a",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &["--compressed", "-s", "-S", "-L", "-i"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "url-in-the-middle",
        command: r##"curl -H "Accept: application/json" https://api.cloudplatform.dev/v2/ping -H "X-Request-Id: support-ticket-4711" -v"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v2/ping",
        headers: &[("Accept", "application/json"), ("X-Request-Id", "support-ticket-4711")],
        body: None,
        ignored: &["-v"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "unsupported-flags",
        command: r##"curl -F 'file=@photo.png' --digest -u admin:secret --frobnicate 3 -K ./curlrc -d @body.json https://api.cloudplatform.dev/v1/resources -z 'Mon, 1 Jan 2026' --next https://other.dev/"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/resources",
        headers: &[("Authorization", "Basic YWRtaW46c2VjcmV0")],
        body: None,
        ignored: &[],
        unsupported: &[
            "-F file=@photo.png (multipart forms are not supported)",
            "--digest (another authentication scheme; the API takes an API key or a bearer token)",
            "--frobnicate 3 (not a cURL option the explorer knows)",
            "-K ./curlrc (reads options from a file, which the explorer cannot see)",
            "-d @body.json (reads a file, which the explorer cannot see)",
            "-z 'Mon, 1 Jan 2026' (a conditional request built from a file's date)",
            "--next (starts another request; only the first one is read)",
            "https://other.dev/ (another URL; only the first request is read)",
        ],
        notes: &["-u sends a user and password as Basic authentication, a credential style the API does not accept"],
    },
    Case {
        name: "windows-cmd-chrome",
        command: r##"curl ^"https://api.cloudplatform.dev/v1/resources^" ^
  -H ^"accept: application/json^" ^
  -H ^"content-type: application/json^" ^
  -H ^"x-api-key: sk_live_freedemo000000000000000000000000^" ^
  --data-raw ^"^{^\^"name^\^":^\^"50^% off^\^",^\^"metadata^\^":^{^\^"team^\^":^\^"data^\^"^}^}^" ^
  --compressed"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/resources",
        headers: &[
            ("accept", "application/json"),
            ("content-type", "application/json"),
            ("x-api-key", "sk_live_freedemo000000000000000000000000"),
        ],
        body: Some("{\"name\":\"50% off\",\"metadata\":{\"team\":\"data\"}}"),
        ignored: &["--compressed"],
        unsupported: &[],
        notes: &["read as a Windows cmd command, with `^` escapes"],
    },
    Case {
        name: "no-curl-prefix",
        command: r##"-X POST https://api.cloudplatform.dev/v1/auth/token -H 'X-API-Key: sk_live_freedemo000000000000000000000000'"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/auth/token",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &["the command does not start with `curl`; it was read as cURL's arguments"],
    },
    Case {
        name: "postman",
        command: r##"curl --location 'https://api.cloudplatform.dev/v1/resources' \
--header 'Content-Type: application/json' \
--header 'X-API-Key: sk_live_freedemo000000000000000000000000' \
--data '{
    "name": "Analytics",
    "metadata": {"team": "data"}
}'"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/resources",
        headers: &[("Content-Type", "application/json"), ("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: Some("{\n    \"name\": \"Analytics\",\n    \"metadata\": {\"team\": \"data\"}\n}"),
        ignored: &["--location"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "insomnia",
        command: r##"curl --request POST \
  --url https://api.cloudplatform.dev/v1/auth/token \
  --header 'Content-Type: application/json' \
  --data '{"api_key": "sk_live_freedemo000000000000000000000000"}'"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/auth/token",
        headers: &[("Content-Type", "application/json")],
        body: Some("{\"api_key\": \"sk_live_freedemo000000000000000000000000\"}"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "github-docs-style",
        command: r##"curl -L \
  -H "Accept: application/vnd.github+json" \
  -H "Authorization: Bearer <YOUR-TOKEN>" \
  -H "X-GitHub-Api-Version: 2022-11-28" \
  https://api.github.com/repos/OWNER/REPO/issues"##,
        method: "GET",
        url: "https://api.github.com/repos/OWNER/REPO/issues",
        headers: &[
            ("Accept", "application/vnd.github+json"),
            ("Authorization", "Bearer <YOUR-TOKEN>"),
            ("X-GitHub-Api-Version", "2022-11-28"),
        ],
        body: None,
        ignored: &["-L"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "key-in-query",
        command: r##"curl "https://api.cloudplatform.dev/v1/resources?limit=10&api_key=sk_live_freedemo000000000000000000000000""##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources?limit=10&api_key=sk_live_freedemo000000000000000000000000",
        headers: &[],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "token-scheme",
        command: r##"curl https://api.cloudplatform.dev/v1/resources/res_8f2a -H 'Authorization: Token sk_live_freedemo000000000000000000000000'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources/res_8f2a",
        headers: &[("Authorization", "Token sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "placeholder-host",
        command: r##"curl https://api.example.com/v1/resources -H 'X-API-Key: sk_live_freedemo000000000000000000000000'"##,
        method: "GET",
        url: "https://api.example.com/v1/resources",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "wrong-version-prefix",
        command: r##"curl https://api.cloudplatform.dev/v2/resources -H 'X-API-Key: sk_live_freedemo000000000000000000000000'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v2/resources",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "method-not-allowed",
        command: r##"curl -X PUT https://api.cloudplatform.dev/v1/resources/res_8f2a -H 'X-API-Key: sk_live_freedemo000000000000000000000000' -H 'Content-Type: application/json' -d '{"name":"x"}'"##,
        method: "PUT",
        url: "https://api.cloudplatform.dev/v1/resources/res_8f2a",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000"), ("Content-Type", "application/json")],
        body: Some("{\"name\":\"x\"}"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "bad-api-version",
        command: r##"curl https://api.cloudplatform.dev/v2/ping -H 'X-API-Version: 2024-01-01'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v2/ping",
        headers: &[("X-API-Version", "2024-01-01")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "pipeline-redirect-and",
        command: r##"curl -s https://api.cloudplatform.dev/v1/projects -H "X-API-Key: $API_KEY" > projects.json 2>&1 && echo done"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/projects",
        headers: &[("X-API-Key", "$API_KEY")],
        body: None,
        ignored: &["> projects.json", "2>&1", "-s"],
        unsupported: &[],
        notes: &[
            "the shell variable $API_KEY is not expanded; it is kept as written",
            "only the first command is read; `echo done` is not",
        ],
    },
    Case {
        name: "agent-referer-cookie-head",
        command: r##"curl -I -A 'support-bot/1.0' -e 'https://explorer.cloudplatform.dev/;auto' -b 'session=abc' https://api.cloudplatform.dev/v2/ping"##,
        method: "HEAD",
        url: "https://api.cloudplatform.dev/v2/ping",
        headers: &[
            ("User-Agent", "support-bot/1.0"),
            ("Referer", "https://explorer.cloudplatform.dev/"),
            ("Cookie", "session=abc"),
        ],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "timeouts-and-protocols",
        command: r##"curl --http1.1 -m 10 --connect-timeout 5 -k -v --retry 3 -4 https://api.cloudplatform.dev/v2/ping"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v2/ping",
        headers: &[],
        body: None,
        ignored: &["--http1.1", "-m 10", "--connect-timeout 5", "-k", "-v", "--retry 3", "-4"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "cluster-with-output",
        command: r##"curl -sSLo out.json https://api.cloudplatform.dev/v1/resources -H 'X-API-Key: sk_live_freedemo000000000000000000000000'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &["-s", "-S", "-L", "-o out.json"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "oauth2-bearer-lowercase-method",
        command: r##"curl -X get --oauth2-bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXlfcHJvIn0.c2lnbmF0dXJl https://api.cloudplatform.dev/v1/projects?limit=2"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/projects?limit=2",
        headers: &[("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXlfcHJvIn0.c2lnbmF0dXJl")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "missing-line-continuation",
        command: r##"curl https://api.cloudplatform.dev/v1/resources
  -H 'X-API-Key: sk_live_freedemo000000000000000000000000'
  -H 'Accept: application/json'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000"), ("Accept", "application/json")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &["a line break has no `\\` before it; the next lines were read as part of the command"],
    },
    Case {
        name: "double-dash-and-fragment",
        command: r##"curl -H 'Accept: application/json' -- 'https://api.cloudplatform.dev/v2/ping#section'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v2/ping",
        headers: &[("Accept", "application/json")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &["the fragment #section is never sent to the server; it was left out"],
    },
    Case {
        name: "crlf-line-endings",
        command: "curl \\\r\n  -H 'Accept: application/json' \\\r\n  https://api.cloudplatform.dev/v2/ping \\\r\n  -H \"X-Request-Id: ticket-1\"\r\n",
        method: "GET",
        url: "https://api.cloudplatform.dev/v2/ping",
        headers: &[("Accept", "application/json"), ("X-Request-Id", "ticket-1")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
];

fn parse(case: &Case) -> ParsedCurl {
    parse_curl(case.command).unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

#[test]
fn the_corpus_is_big_enough() {
    assert!(CASES.len() >= 30, "{}", CASES.len());
}

#[test]
fn every_command_parses_as_expected() {
    let mut failures = Vec::new();
    for case in CASES {
        let parsed = parse(case);
        let expected = ParsedCurl {
            method: case.method.to_owned(),
            url: case.url.to_owned(),
            headers: case.headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            body: case.body.map(str::to_owned),
            ignored: parsed.ignored.clone(),
            unsupported: case.unsupported.iter().map(|s| s.to_string()).collect(),
            notes: case.notes.iter().map(|s| s.to_string()).collect(),
        };
        let ignored: Vec<&str> = parsed.ignored.iter().map(|(flag, _)| flag.as_str()).collect();
        if parsed != expected || ignored != case.ignored {
            failures.push(format!(
                "{}:\n  got      {parsed:?}\n  expected {expected:?}\n  ignored  {ignored:?}",
                case.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ignored_options_say_why() {
    for case in CASES {
        for (flag, why) in parse(case).ignored {
            assert!(why.len() > 20, "{}: {flag} has no reason", case.name);
        }
    }
}

#[test]
fn every_command_becomes_a_request_but_head() {
    for case in CASES {
        let parsed = parse(case);
        match to_http_request(&parsed) {
            Ok(request) => assert_eq!(request.method.as_str(), case.method, "{}", case.name),
            Err(e) => assert_eq!(
                (case.method, e.as_str()),
                ("HEAD", "the explorer cannot send HEAD requests; it sends GET, POST, PUT, PATCH, DELETE"),
                "{}",
                case.name
            ),
        }
    }
}

#[test]
fn errors_are_specific() {
    let cases = [
        ("", "paste a cURL command: the text is empty"),
        ("  \n\t", "paste a cURL command: the text is empty"),
        ("curl -s -H 'Accept: application/json'", "the command has no URL"),
        ("curl https://x.dev -H", "-H needs a value"),
        ("curl https://x.dev --header", "--header needs a value"),
        ("curl https://x.dev -sSX", "-X needs a value"),
        ("curl \\\n  -H 'a: b' \\\n  -d '{\"name\":\n  \"x\"}", "unterminated single quote at line 3, column 6"),
        ("curl \\\n  https://x.dev \\\n  -H \"X-A: 1", "unterminated double quote at line 3, column 6"),
        ("curl -d $'abc https://x.dev", "unterminated $'…' quote at line 1, column 9"),
        ("curl -H \"X: $(date\" x.dev", "unterminated command substitution $( at line 1, column 13"),
        ("wget https://x.dev", "only cURL commands can be read; this one runs `wget`"),
        ("http POST https://x.dev name=a", "only cURL commands can be read; this one runs `http`"),
    ];
    for (command, message) in cases {
        let error: ImportError = parse_curl(command).map(|p| panic!("{command:?} parsed: {p:?}")).unwrap_err();
        assert_eq!(error.to_string(), message, "{command:?}");
    }
}

// Matching against the real docs ---------------------------------------------

fn docs() -> &'static Docs {
    static DOCS: OnceLock<Docs> = OnceLock::new();
    DOCS.get_or_init(|| Docs::load(explorer_content::FILES).expect("the content loads"))
}

const HOSTS: [&str; 3] = ["api.cloudplatform.dev", "127.0.0.1:8080", "localhost:8080"];

fn matched(name: &str) -> Match {
    let case = CASES.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"));
    let request = to_http_request(&parse(case)).unwrap_or_else(|e| panic!("{name}: {e}"));
    match_request(docs(), &request, &HOSTS)
}

fn finding(severity: Severity, message: &str) -> Finding {
    Finding { severity, message: message.to_owned() }
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

const FREE_KEY: &str = "sk_live_freedemo000000000000000000000000";

#[test]
fn a_browser_copy_opens_create_resource_prefilled() {
    let m = matched("chrome-create-resource");
    assert_eq!(m.operation.as_deref(), Some("create-resource"));
    assert_eq!(m.base_url, "http://127.0.0.1:8080");
    assert_eq!(m.credential, Some(Credential::ApiKey(FREE_KEY.to_owned())));
    assert_eq!(
        m.draft,
        Draft {
            headers: pairs(&[("Idempotency-Key", "582200a3-baa7-4d80-830b-fdf6c20f6cd5")]),
            body: Some("{\n  \"name\": \"Analytics\",\n  \"region\": \"eu-west\"\n}".to_owned()),
            ..Draft::default()
        }
    );
    assert_eq!(
        m.findings,
        [
            finding(Severity::Info, "left out, as every HTTP client sets them itself: Connection, User-Agent"),
            finding(
                Severity::Info,
                "left out, as only a browser sends them: Accept-Language, Origin, Referer, Sec-Fetch-Dest, Sec-Fetch-Mode, Sec-Fetch-Site, sec-ch-ua, sec-ch-ua-mobile, sec-ch-ua-platform"
            ),
        ]
    );
}

#[test]
fn docs_examples_match_cleanly() {
    for (name, op) in [
        ("docs-token-exchange", "create-token"),
        ("docs-projects-bearer", "list-projects"),
        ("docs-idempotency", "create-resource"),
        ("docs-quick-start-list", "list-resources"),
        ("docs-events-resume", "stream-events"),
        ("docs-overview-status", "get-project-status"),
        ("history-ping-jq", "ping"),
        ("postman", "create-resource"),
        ("insomnia", "create-token"),
        ("windows-cmd-chrome", "create-resource"),
        ("json-flag", "create-resource"),
        ("get-with-data", "list-resources"),
    ] {
        let m = matched(name);
        assert_eq!(m.operation.as_deref(), Some(op), "{name}");
        let problems: Vec<&Finding> = m.findings.iter().filter(|f| f.severity != Severity::Info).collect();
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
    let m = matched("docs-projects-bearer");
    assert_eq!((m.api_version.as_deref(), m.credential), (Some("2026-01-01"), None));
    assert_eq!(
        m.findings,
        [finding(
            Severity::Info,
            "the credential in Authorization: Bearer is a placeholder, $TOKEN: choose a key or token in the auth panel"
        )]
    );
    let m = matched("docs-events-resume");
    assert_eq!(m.draft.headers, pairs(&[("Last-Event-ID", "42")]));
    let m = matched("get-with-data");
    assert_eq!(m.draft.query, pairs(&[("limit", "5"), ("status", "archived"), ("cursor", "eyJ0IjoiMjAyNiJ9")]));
    assert_eq!(m.credential, Some(Credential::ApiKey(FREE_KEY.to_owned())));
}

/// A case's name, the operation it matches, and its findings.
type Expectation = (&'static str, Option<&'static str>, &'static [(Severity, &'static str)]);

#[test]
fn differences_are_items_to_act_on() {
    let expectations: &[Expectation] = &[
        (
            "stripe-style-basic",
            Some("create-resource"),
            &[
                (
                    Severity::Error,
                    "Basic authentication (cURL's -u, or a user and password in the URL) is not accepted: send the API key as X-API-Key or Authorization: Bearer; the key in it was taken for the auth panel",
                ),
                (
                    Severity::Error,
                    "the body is form data, not JSON: create-resource takes a JSON object; as JSON it reads {\"name\":\"Analytics\",\"region\":\"eu-west\"}",
                ),
                (
                    Severity::Error,
                    "the body is sent without a Content-Type (cURL then sends application/x-www-form-urlencoded): the API answers 415 unsupported_media_type; the panel sends application/json",
                ),
            ],
        ),
        (
            "key-in-query",
            Some("list-resources"),
            &[(
                Severity::Error,
                "a credential is sent in the query string (api_key=…): the API reads credentials only from the X-API-Key or Authorization header, and a URL ends up in logs",
            )],
        ),
        (
            "token-scheme",
            Some("get-resource"),
            &[(
                Severity::Error,
                "the Authorization scheme Token is not accepted: send Authorization: Bearer <API key or token>, or the key as X-API-Key",
            )],
        ),
        (
            "placeholder-host",
            Some("list-resources"),
            &[(
                Severity::Error,
                "api.example.com is a placeholder from older material, not a host: production is https://api.cloudplatform.dev",
            )],
        ),
        (
            "wrong-version-prefix",
            None,
            &[(
                Severity::Error,
                "/v2/resources does not exist: this endpoint lives at /v1 — List resources is GET /v1/resources (each endpoint exists at exactly one major version)",
            )],
        ),
        (
            "method-not-allowed",
            None,
            &[(
                Severity::Error,
                "/v1/resources/res_8f2a takes GET, PATCH and DELETE, not PUT: the API answers 405 method_not_allowed",
            )],
        ),
        (
            "bad-api-version",
            Some("ping"),
            &[(
                Severity::Error,
                "X-API-Version \"2024-01-01\" is not a supported revision (2026-01-01 or 2025-06-01): the API answers 400 unsupported_version",
            )],
        ),
        (
            "history-glued-short-options",
            Some("update-resource"),
            &[(
                Severity::Warning,
                "no credential is sent: the API answers 401 missing_credentials; choose a key or token in the auth panel",
            )],
        ),
        (
            "github-docs-style",
            None,
            &[
                (
                    Severity::Warning,
                    "api.github.com is neither the sandbox nor production (api.cloudplatform.dev, 127.0.0.1:8080, localhost:8080); check where it should go",
                ),
                (
                    Severity::Warning,
                    "no documented operation is GET /repos/OWNER/REPO/issues; the request opens in a generic request panel",
                ),
                (
                    Severity::Info,
                    "the credential in Authorization: Bearer is a placeholder, <YOUR-TOKEN>: choose a key or token in the auth panel",
                ),
            ],
        ),
    ];
    for (name, op, findings) in expectations {
        let m = matched(name);
        assert_eq!(m.operation.as_deref(), *op, "{name}");
        let expected: Vec<Finding> = findings.iter().map(|(s, msg)| finding(*s, msg)).collect();
        assert_eq!(m.findings, expected, "{name}");
    }
}

#[test]
fn unmatched_requests_keep_everything_for_a_generic_panel() {
    let m = matched("github-docs-style");
    assert_eq!(m.base_url, "https://api.github.com/repos/OWNER/REPO/issues");
    assert_eq!(m.credential, None);
    assert_eq!(
        m.draft.headers,
        pairs(&[("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28")])
    );
    let m = matched("method-not-allowed");
    assert_eq!(m.base_url, "https://api.cloudplatform.dev/v1/resources/res_8f2a");
    assert_eq!(m.draft.body.as_deref(), Some("{\"name\":\"x\"}"));
    assert_eq!(m.credential, Some(Credential::ApiKey(FREE_KEY.to_owned())));
}
