//! Browser devtools' "Copy as cURL": Chrome (bash and cmd), Firefox and
//! Safari, each with the headers the browser really sends.

use super::Case;

pub const CASES: &[Case] = &[
    Case {
        name: "chrome-create-resource",
        source: "Chrome DevTools, Copy as cURL (bash), on the explorer's own try-it",
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
        source: "Chrome DevTools, Copy as cURL (bash): lowercase HTTP/2 names, cookies, $'…'",
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
        source: "Firefox DevTools, Copy as cURL, one line",
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
        source: "Firefox DevTools, Copy as cURL, macOS",
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
        name: "windows-cmd-chrome",
        source: "Chrome DevTools, Copy as cURL (cmd)",
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
        name: "chrome-cmd-get-cookies",
        source: "Chrome DevTools on Windows, Copy as cURL (cmd), with cookies",
        command: r##"curl ^"https://api.cloudplatform.dev/v1/projects?limit=2^" ^
  -H ^"accept: application/json^" ^
  -H ^"authorization: Bearer sk_live_freedemo000000000000000000000000^" ^
  -b ^"theme=dark; _ga=GA1.1.123^" ^
  -H ^"sec-ch-ua-mobile: ?0^""##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/projects?limit=2",
        headers: &[
            ("accept", "application/json"),
            ("authorization", "Bearer sk_live_freedemo000000000000000000000000"),
            ("sec-ch-ua-mobile", "?0"),
            ("Cookie", "theme=dark; _ga=GA1.1.123"),
        ],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &["read as a Windows cmd command, with `^` escapes"],
    },
    Case {
        name: "chrome-form-post",
        source: "Chrome DevTools, Copy as cURL (bash), of an HTML form's POST",
        command: r##"curl 'https://api.cloudplatform.dev/v1/auth/token' \
  -H 'accept: */*' \
  -H 'content-type: application/x-www-form-urlencoded;charset=UTF-8' \
  -H 'origin: https://explorer.cloudplatform.dev' \
  --data-raw 'api_key=sk_live_freedemo000000000000000000000000&expires_in=600'"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/auth/token",
        headers: &[
            ("accept", "*/*"),
            ("content-type", "application/x-www-form-urlencoded;charset=UTF-8"),
            ("origin", "https://explorer.cloudplatform.dev"),
        ],
        body: Some("api_key=sk_live_freedemo000000000000000000000000&expires_in=600"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "firefox-post-json",
        source: "Firefox DevTools, Copy as cURL, of a JSON POST",
        command: r##"curl 'http://127.0.0.1:8080/v1/resources' -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0' -H 'Accept: application/json' -H 'Accept-Language: en-US,en;q=0.5' -H 'Accept-Encoding: gzip, deflate, br, zstd' -H 'Content-Type: application/json' -H 'X-API-Key: sk_live_freedemo000000000000000000000000' -H 'Origin: http://127.0.0.1:8080' -H 'Connection: keep-alive' -H 'Referer: http://127.0.0.1:8080/reference/create-resource' -H 'Sec-Fetch-Dest: empty' -H 'Sec-Fetch-Mode: cors' -H 'Sec-Fetch-Site: same-origin' -H 'Priority: u=0' --data-raw '{"name":"Analytics","region":"eu-west","metadata":{"team":"data"}}'"##,
        method: "POST",
        url: "http://127.0.0.1:8080/v1/resources",
        headers: &[
            ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0"),
            ("Accept", "application/json"),
            ("Accept-Language", "en-US,en;q=0.5"),
            ("Accept-Encoding", "gzip, deflate, br, zstd"),
            ("Content-Type", "application/json"),
            ("X-API-Key", "sk_live_freedemo000000000000000000000000"),
            ("Origin", "http://127.0.0.1:8080"),
            ("Connection", "keep-alive"),
            ("Referer", "http://127.0.0.1:8080/reference/create-resource"),
            ("Sec-Fetch-Dest", "empty"),
            ("Sec-Fetch-Mode", "cors"),
            ("Sec-Fetch-Site", "same-origin"),
            ("Priority", "u=0"),
        ],
        body: Some("{\"name\":\"Analytics\",\"region\":\"eu-west\",\"metadata\":{\"team\":\"data\"}}"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "safari-get",
        source: "Safari Web Inspector, Copy as cURL: -X on its own line, no indent",
        command: r##"curl 'https://api.cloudplatform.dev/v1/resources?status=active' \
-X 'GET' \
-H 'Accept: application/json' \
-H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXlfZnJlZSJ9.c2lnbmF0dXJl' \
-H 'Origin: https://explorer.cloudplatform.dev' \
-H 'Referer: https://explorer.cloudplatform.dev/' \
-H 'User-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15' \
-H 'Accept-Language: en-GB,en;q=0.9' \
-H 'Sec-Fetch-Mode: cors'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources?status=active",
        headers: &[
            ("Accept", "application/json"),
            ("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXlfZnJlZSJ9.c2lnbmF0dXJl"),
            ("Origin", "https://explorer.cloudplatform.dev"),
            ("Referer", "https://explorer.cloudplatform.dev/"),
            (
                "User-Agent",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            ),
            ("Accept-Language", "en-GB,en;q=0.9"),
            ("Sec-Fetch-Mode", "cors"),
        ],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "safari-post-binary",
        source: "Safari Web Inspector, Copy as cURL, of a POST (--data-binary)",
        command: r##"curl 'http://127.0.0.1:8080/v1/auth/token' \
-X 'POST' \
-H 'Content-Type: application/json' \
-H 'Accept: application/json' \
-H 'X-API-Key: sk_live_freedemo000000000000000000000000' \
--data-binary '{"expires_in":600,"scope":"resources:read"}'"##,
        method: "POST",
        url: "http://127.0.0.1:8080/v1/auth/token",
        headers: &[
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
            ("X-API-Key", "sk_live_freedemo000000000000000000000000"),
        ],
        body: Some("{\"expires_in\":600,\"scope\":\"resources:read\"}"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
];
