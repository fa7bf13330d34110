//! cURL examples from well-known API docs, written in each one's style:
//! GitHub, Stripe, Twilio, Slack, OpenAI, Cloudflare, SendGrid, Shopify
//! and Elasticsearch. Several send `-d` without a Content-Type, which
//! cURL turns into a form post.

use super::Case;

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");
const FORM_NOTE: &str =
    "cURL sends data without a Content-Type header as application/x-www-form-urlencoded, so the request carries it";

pub const CASES: &[Case] = &[
    Case {
        name: "github-docs-style",
        source: "GitHub REST API docs",
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
        name: "github-create-issue",
        source: "GitHub REST API docs: Create an issue",
        command: r##"curl -L \
  -X POST \
  -H "Accept: application/vnd.github+json" \
  -H "Authorization: Bearer <YOUR-TOKEN>" \
  -H "X-GitHub-Api-Version: 2022-11-28" \
  https://api.github.com/repos/OWNER/REPO/issues \
  -d '{"title":"Found a bug","body":"I'\''m having a problem with this.","assignees":["octocat"],"milestone":1,"labels":["bug"]}'"##,
        method: "POST",
        url: "https://api.github.com/repos/OWNER/REPO/issues",
        headers: &[
            ("Accept", "application/vnd.github+json"),
            ("Authorization", "Bearer <YOUR-TOKEN>"),
            ("X-GitHub-Api-Version", "2022-11-28"),
            FORM,
        ],
        body: Some(
            "{\"title\":\"Found a bug\",\"body\":\"I'm having a problem with this.\",\"assignees\":[\"octocat\"],\"milestone\":1,\"labels\":[\"bug\"]}",
        ),
        ignored: &["-L"],
        unsupported: &[],
        notes: &[FORM_NOTE],
    },
    Case {
        name: "stripe-customers",
        source: "Stripe API docs: Create a customer",
        command: r##"curl https://api.stripe.com/v1/customers \
  -u "sk_test_4eC39HqLyjWDarjtT1zdp7dc:" \
  -d name="Jenny Rosen" \
  --data-urlencode email="jenny.rosen@example.com" \
  -d "metadata[order_id]"=6735"##,
        method: "POST",
        url: "https://api.stripe.com/v1/customers",
        headers: &[("Authorization", "Basic c2tfdGVzdF80ZUMzOUhxTHlqV0Rhcmp0VDF6ZHA3ZGM6"), FORM],
        body: Some("name=Jenny Rosen&email=jenny.rosen%40example.com&metadata[order_id]=6735"),
        ignored: &[],
        unsupported: &[],
        notes: &[
            "-u sends a user and password as Basic authentication, a credential style the API does not accept",
            FORM_NOTE,
        ],
    },
    Case {
        name: "stripe-list-charges",
        source: "Stripe API docs: List charges, with -G",
        command: r##"curl -G https://api.stripe.com/v1/charges \
  -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: \
  -d limit=3 \
  -d "created[gte]"=1700000000"##,
        method: "GET",
        url: "https://api.stripe.com/v1/charges?limit=3&created[gte]=1700000000",
        headers: &[("Authorization", "Basic c2tfdGVzdF80ZUMzOUhxTHlqV0Rhcmp0VDF6ZHA3ZGM6")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &["-u sends a user and password as Basic authentication, a credential style the API does not accept"],
    },
    Case {
        name: "twilio-send-sms",
        source: "Twilio docs: Send an SMS, with shell variables",
        command: r##"curl -X POST "https://api.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Messages.json" \
--data-urlencode "Body=Hi there" \
--data-urlencode "From=+15557122661" \
--data-urlencode "To=+15558675310" \
-u $TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"##,
        method: "POST",
        url: "https://api.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Messages.json",
        headers: &[("Authorization", "Basic JFRXSUxJT19BQ0NPVU5UX1NJRDokVFdJTElPX0FVVEhfVE9LRU4="), FORM],
        body: Some("Body=Hi+there&From=%2B15557122661&To=%2B15558675310"),
        ignored: &[],
        unsupported: &[],
        notes: &[
            "the shell variables $TWILIO_ACCOUNT_SID and $TWILIO_AUTH_TOKEN are not expanded; they are kept as written",
            "-u sends a user and password as Basic authentication, a credential style the API does not accept",
            FORM_NOTE,
        ],
    },
    Case {
        name: "slack-post-message-json",
        source: "Slack API docs: chat.postMessage with JSON",
        command: r##"curl -X POST -H 'Authorization: Bearer xoxb-1234-56789abcdefghijklmnop' \
-H 'Content-type: application/json' \
--data '{"channel":"C123ABC456","text":"Hello, world"}' \
https://slack.com/api/chat.postMessage"##,
        method: "POST",
        url: "https://slack.com/api/chat.postMessage",
        headers: &[("Authorization", "Bearer xoxb-1234-56789abcdefghijklmnop"), ("Content-type", "application/json")],
        body: Some("{\"channel\":\"C123ABC456\",\"text\":\"Hello, world\"}"),
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "slack-post-message-form",
        source: "Slack API docs: chat.postMessage as form fields",
        command: r##"curl -d "text=Hello from curl" -d "channel=C123ABC456" -H "Authorization: Bearer xoxb-1234-56789abcdefghijklmnop" -X POST https://slack.com/api/chat.postMessage"##,
        method: "POST",
        url: "https://slack.com/api/chat.postMessage",
        headers: &[("Authorization", "Bearer xoxb-1234-56789abcdefghijklmnop"), FORM],
        body: Some("text=Hello from curl&channel=C123ABC456"),
        ignored: &[],
        unsupported: &[],
        notes: &[FORM_NOTE],
    },
    Case {
        name: "openai-chat-completion",
        source: "OpenAI API reference: Create chat completion",
        command: r##"curl https://api.openai.com/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -d '{
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "Say this is a test!"}],
    "temperature": 0.7
  }'"##,
        method: "POST",
        url: "https://api.openai.com/v1/chat/completions",
        headers: &[("Content-Type", "application/json"), ("Authorization", "Bearer $OPENAI_API_KEY")],
        body: Some(
            "{\n    \"model\": \"gpt-4o-mini\",\n    \"messages\": [{\"role\": \"user\", \"content\": \"Say this is a test!\"}],\n    \"temperature\": 0.7\n  }",
        ),
        ignored: &[],
        unsupported: &[],
        notes: &["the shell variable $OPENAI_API_KEY is not expanded; it is kept as written"],
    },
    Case {
        name: "openai-upload-file",
        source: "OpenAI API reference: Upload file, a multipart form",
        command: r##"curl https://api.openai.com/v1/files \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -F purpose="fine-tune" \
  -F file="@mydata.jsonl""##,
        method: "POST",
        url: "https://api.openai.com/v1/files",
        headers: &[("Authorization", "Bearer $OPENAI_API_KEY")],
        body: None,
        ignored: &[],
        unsupported: &[
            "-F purpose=fine-tune (multipart forms are not supported)",
            "-F file=@mydata.jsonl (multipart forms are not supported)",
        ],
        notes: &["the shell variable $OPENAI_API_KEY is not expanded; it is kept as written"],
    },
    Case {
        name: "cloudflare-dns-record",
        source: "Cloudflare API docs: Create DNS record, with API key headers",
        command: r##"curl https://api.cloudflare.com/client/v4/zones/$ZONE_ID/dns_records \
    -H 'Content-Type: application/json' \
    -H "X-Auth-Email: $CLOUDFLARE_EMAIL" \
    -H "X-Auth-Key: $CLOUDFLARE_API_KEY" \
    -d '{
      "comment": "Domain verification record",
      "content": "198.51.100.4",
      "name": "example.com",
      "proxied": true,
      "ttl": 3600,
      "type": "A"
    }'"##,
        method: "POST",
        url: "https://api.cloudflare.com/client/v4/zones/$ZONE_ID/dns_records",
        headers: &[
            ("Content-Type", "application/json"),
            ("X-Auth-Email", "$CLOUDFLARE_EMAIL"),
            ("X-Auth-Key", "$CLOUDFLARE_API_KEY"),
        ],
        body: Some(
            "{\n      \"comment\": \"Domain verification record\",\n      \"content\": \"198.51.100.4\",\n      \"name\": \"example.com\",\n      \"proxied\": true,\n      \"ttl\": 3600,\n      \"type\": \"A\"\n    }",
        ),
        ignored: &[],
        unsupported: &[],
        notes: &[
            "the shell variables $ZONE_ID, $CLOUDFLARE_EMAIL and $CLOUDFLARE_API_KEY are not expanded; they are kept as written",
        ],
    },
    Case {
        name: "cloudflare-purge-placeholders",
        source: "Cloudflare docs: Purge cache, with {placeholders} in the URL",
        command: r##"curl -X POST "https://api.cloudflare.com/client/v4/zones/{zone_id}/purge_cache" \
     -H "Authorization: Bearer {api_token}" \
     -H "Content-Type: application/json" \
     --data '{"purge_everything":true}'"##,
        method: "POST",
        url: "https://api.cloudflare.com/client/v4/zones/zone_id/purge_cache",
        headers: &[("Authorization", "Bearer {api_token}"), ("Content-Type", "application/json")],
        body: Some("{\"purge_everything\":true}"),
        ignored: &[],
        unsupported: &[],
        notes: &[
            "cURL reads {…} and […] in a URL as a glob and requests https://api.cloudflare.com/client/v4/zones/zone_id/purge_cache; -g (--globoff) would send them as written",
        ],
    },
    Case {
        name: "sendgrid-mail-send",
        source: "SendGrid v3 API docs: Send mail",
        command: r##"curl --request POST \
  --url https://api.sendgrid.com/v3/mail/send \
  --header "Authorization: Bearer $SENDGRID_API_KEY" \
  --header 'Content-Type: application/json' \
  --data '{"personalizations": [{"to": [{"email": "test@example.com"}]}],"from": {"email": "test@example.com"},"subject": "Sending with SendGrid is Fun","content": [{"type": "text/plain", "value": "and easy to do anywhere, even with cURL"}]}'"##,
        method: "POST",
        url: "https://api.sendgrid.com/v3/mail/send",
        headers: &[("Authorization", "Bearer $SENDGRID_API_KEY"), ("Content-Type", "application/json")],
        body: Some(
            "{\"personalizations\": [{\"to\": [{\"email\": \"test@example.com\"}]}],\"from\": {\"email\": \"test@example.com\"},\"subject\": \"Sending with SendGrid is Fun\",\"content\": [{\"type\": \"text/plain\", \"value\": \"and easy to do anywhere, even with cURL\"}]}",
        ),
        ignored: &[],
        unsupported: &[],
        notes: &["the shell variable $SENDGRID_API_KEY is not expanded; it is kept as written"],
    },
    Case {
        name: "shopify-products",
        source: "Shopify Admin REST docs, with a {placeholder} header",
        command: r##"curl -X GET "https://your-development-store.myshopify.com/admin/api/2024-04/products.json?limit=3" \
-H "X-Shopify-Access-Token: {access_token}""##,
        method: "GET",
        url: "https://your-development-store.myshopify.com/admin/api/2024-04/products.json?limit=3",
        headers: &[("X-Shopify-Access-Token", "{access_token}")],
        body: None,
        ignored: &[],
        unsupported: &[],
        notes: &[],
    },
    Case {
        name: "elasticsearch-search",
        source: "Elasticsearch docs: a GET with a body and no scheme",
        command: r##"curl -X GET "localhost:9200/my-index-000001/_search?pretty" -H 'Content-Type: application/json' -d'
{
  "query": {
    "match_all": {}
  }
}
'"##,
        method: "GET",
        url: "http://localhost:9200/my-index-000001/_search?pretty",
        headers: &[("Content-Type", "application/json")],
        body: Some("\n{\n  \"query\": {\n    \"match_all\": {}\n  }\n}\n"),
        ignored: &[],
        unsupported: &[],
        notes: &["the URL has no scheme; cURL assumes http://"],
    },
];
