//! API tools' cURL exports: Postman's code snippets, Insomnia's "Copy as
//! cURL" and Paw (RapidAPI for Mac).

use super::Case;

pub const CASES: &[Case] = &[
    Case {
        name: "postman",
        source: "Postman, Code snippet (cURL)",
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
        source: "Insomnia, Copy as cURL",
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
        name: "postman-urlencoded",
        source: "Postman, Code snippet (cURL) of an x-www-form-urlencoded body",
        command: r##"curl --location 'https://api.cloudplatform.dev/v1/auth/token' \
--header 'Content-Type: application/x-www-form-urlencoded' \
--data-urlencode 'api_key=sk_live_freedemo000000000000000000000000' \
--data-urlencode 'scope=resources:read projects:read'"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/auth/token",
        headers: &[("Content-Type", "application/x-www-form-urlencoded")],
        body: Some("api_key=sk_live_freedemo000000000000000000000000&scope=resources%3Aread+projects%3Aread"),
        ignored: &["--location"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "postman-get",
        source: "Postman, Code snippet (cURL) of a GET with params",
        command: r##"curl --location 'https://api.cloudplatform.dev/v1/resources?limit=5&status=active' \
--header 'Accept: application/json' \
--header 'X-API-Key: sk_live_freedemo000000000000000000000000'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources?limit=5&status=active",
        headers: &[("Accept", "application/json"), ("X-API-Key", "sk_live_freedemo000000000000000000000000")],
        body: None,
        ignored: &["--location"],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "insomnia-get",
        source: "Insomnia, Copy as cURL of a GET",
        command: r##"curl --request GET \
  --url 'https://api.cloudplatform.dev/v1/resources?limit=5' \
  --header 'X-API-Key: sk_live_freedemo000000000000000000000000' \
  --header 'X-API-Version: 2025-06-01'"##,
        method: "GET",
        url: "https://api.cloudplatform.dev/v1/resources?limit=5",
        headers: &[("X-API-Key", "sk_live_freedemo000000000000000000000000"), ("X-API-Version", "2025-06-01")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "paw-ansi-body",
        source: "Paw (RapidAPI for Mac), cURL export with its `##` title line",
        command: r##"## Create resource
curl -X "POST" "https://api.cloudplatform.dev/v1/resources" \
     -H 'X-API-Key: sk_live_freedemo000000000000000000000000' \
     -H 'Content-Type: application/json; charset=utf-8' \
     -d $'{
  "name": "Analytics",
  "region": "eu-west"
}'"##,
        method: "POST",
        url: "https://api.cloudplatform.dev/v1/resources",
        headers: &[
            ("X-API-Key", "sk_live_freedemo000000000000000000000000"),
            ("Content-Type", "application/json; charset=utf-8"),
        ],
        body: Some("{\n  \"name\": \"Analytics\",\n  \"region\": \"eu-west\"\n}"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
];
