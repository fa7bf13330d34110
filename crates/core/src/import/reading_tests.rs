//! How commands are read, one cURL behaviour at a time; each expectation
//! was checked against curl 7.88.1 on the wire (and, where cURL changed
//! since, against its current source).

use super::parse_curl;

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn error(command: &str) -> String {
    parse_curl(command).map(|p| panic!("{command} was read: {p:?}")).unwrap_err().to_string()
}

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

#[test]
fn the_method_curl_would_pick() {
    let method = |cmd: &str| parse_curl(cmd).unwrap().method;
    assert_eq!(method("curl x.dev"), "GET");
    assert_eq!(method("curl x.dev -d a"), "POST");
    assert_eq!(method("curl x.dev -d a -G"), "GET");
    assert_eq!(method("curl x.dev -d a -X PUT"), "PUT");
    assert_eq!(method("curl x.dev -I"), "HEAD");
    assert_eq!(method("curl x.dev -I -G -d a"), "HEAD");
    assert_eq!(method("curl x.dev -F a=b"), "POST");
    assert_eq!(method("curl x.dev -F a=b -G"), "POST");
    assert_eq!(method("curl x.dev -T f"), "PUT");
    assert_eq!(method("curl x.dev --head --no-head"), "GET");
}

#[test]
fn data_is_sent_as_a_form_unless_a_content_type_is_given() {
    let parsed = parse_curl("curl x.dev -d a=b").unwrap();
    assert_eq!(parsed.headers, pairs(&[FORM]));
    assert!(parsed.notes.iter().any(|n| n.contains("application/x-www-form-urlencoded")), "{:?}", parsed.notes);
    let headers = |cmd: &str| parse_curl(cmd).unwrap().headers;
    assert_eq!(headers("curl x.dev -d '' "), pairs(&[FORM]));
    assert_eq!(headers("curl x.dev -X GET -d a"), pairs(&[FORM]));
    assert_eq!(headers("curl x.dev -d a -H 'content-type: text/plain'"), pairs(&[("content-type", "text/plain")]));
    assert_eq!(headers("curl x.dev -d a -H 'Content-Type;'"), pairs(&[("Content-Type", "")]));
    // `-H 'Content-Type:'` removes the header cURL would add.
    assert_eq!(headers("curl x.dev -d a -H 'Content-Type:'"), pairs(&[]));
    assert_eq!(headers("curl x.dev -d a -G"), pairs(&[]));
    assert_eq!(
        headers("curl x.dev -d a --json b"),
        pairs(&[("Content-Type", "application/json"), ("Accept", "application/json")])
    );
}

#[test]
fn data_pieces_are_joined_as_curl_joins_them() {
    let body = |cmd: &str| parse_curl(cmd).unwrap().body.unwrap();
    assert_eq!(body("curl x.dev -d '' -d a -d '' --data-raw b"), "&a&&b");
    assert_eq!(body("curl x.dev --json a -d b --json c"), "a&bc");
    assert_eq!(body("curl x.dev -d a --json b"), "ab");
    assert_eq!(
        body(
            "curl x.dev -d 'a=1 2' --data-raw @x --data-urlencode 'q=hello world' --data-ascii c --data-urlencode '=é&'"
        ),
        "a=1 2&@x&q=hello+world&c&%C3%A9%26"
    );
}

#[test]
fn get_moves_data_to_the_query_and_forgets_url_query() {
    let parsed = parse_curl("curl 'x.dev/a?b=1' -d c=2 --data-urlencode 'd=e f' --data-urlencode =g&h -G").unwrap();
    assert_eq!(parsed.url, "http://x.dev/a?b=1&c=2&d=e+f&g%26h");
    assert_eq!(parsed.body, None);
    let parsed = parse_curl("curl x.dev/ -G -d a=1 --url-query b=2").unwrap();
    assert_eq!(parsed.url, "http://x.dev/?a=1");
    assert_eq!(parsed.ignored[0].0, "--url-query b=2");
    let parsed = parse_curl("curl 'x.dev/?' --url-query 'a=b c' --url-query +d=e%20 --url-query =f").unwrap();
    assert_eq!(parsed.url, "http://x.dev/?a=b+c&d=e%20&f");
}

#[test]
fn unreadable_data_keeps_the_post() {
    for (command, why) in [
        ("curl x.dev -d @body.json", "-d @body.json (reads a file, which the explorer cannot see)"),
        ("curl x.dev -d @-", "-d @- (reads standard input, which the explorer cannot see)"),
        ("curl x.dev --data-binary @f", "--data-binary @f (reads a file, which the explorer cannot see)"),
        ("curl x.dev --data-urlencode name@f", "--data-urlencode name@f (reads a file, which the explorer cannot see)"),
        ("curl x.dev -d a=1 --data-ascii @f", "--data-ascii @f (reads a file, which the explorer cannot see)"),
    ] {
        let parsed = parse_curl(command).unwrap();
        assert_eq!((parsed.method.as_str(), parsed.body), ("POST", None), "{command}");
        assert_eq!(parsed.unsupported, [why], "{command}");
        assert_eq!(parsed.headers, pairs(&[FORM]), "{command}");
    }
    let parsed = parse_curl("curl x.dev --json @r.json").unwrap();
    assert_eq!((parsed.method.as_str(), parsed.body), ("POST", None));
    assert_eq!(parsed.headers, pairs(&[("Content-Type", "application/json"), ("Accept", "application/json")]));
}

#[test]
fn methods_are_sent_as_written() {
    let parsed = parse_curl("curl -X patch x.dev -d a").unwrap();
    assert_eq!(parsed.method, "patch");
    assert_eq!(
        parsed.unsupported,
        [
            "-X patch (cURL sends the method exactly as written, `patch`, and servers compare methods case-sensitively; the explorer sends PATCH in uppercase)"
        ]
    );
    assert!(parse_curl("curl -X PATCH x.dev").unwrap().unsupported.is_empty());
}

#[test]
fn commands_curl_refuses_are_errors() {
    assert_eq!(error("curl --frobnicate 3 https://x.dev"), "--frobnicate is not a cURL option at line 1, column 6");
    assert_eq!(error("curl https://x.dev \\\n  -W"), "-W is not a cURL option at line 2, column 3");
    assert_eq!(error("curl https://x.dev -sSH"), "-H needs a value at line 1, column 20");
    assert_eq!(error("curl https://x.dev --header"), "--header needs a value at line 1, column 20");
    assert_eq!(
        error("curl --no-header 'a: b' https://x.dev"),
        "--no-header: `--no-` only switches off an option that takes no value, and --header takes one at line 1, column 6"
    );
    assert_eq!(
        error("curl --verb https://x.dev"),
        "--verb is not a cURL option (cURL before 8.6 read it as an abbreviation of --verbose; newer cURL refuses it) at line 1, column 6"
    );
    assert_eq!(
        error("curl --silent=yes https://x.dev"),
        "--silent takes no value, yet `--silent=yes` gives it one at line 1, column 6"
    );
}

#[test]
fn name_equals_value_is_read_as_curl_8_16_reads_it() {
    let parsed = parse_curl("curl --header='X-A: b' --url=https://x.dev/?q=1").unwrap();
    assert_eq!((parsed.url.as_str(), parsed.headers), ("https://x.dev/?q=1", pairs(&[("X-A", "b")])));
    assert_eq!(parsed.notes.len(), 1);
    assert!(parsed.notes[0].starts_with("`--name=value` is read as cURL 8.16 and newer read it"), "{:?}", parsed.notes);
}

#[test]
fn terminal_prompts_keep_headers_and_body() {
    let parsed =
        parse_curl("$ curl -X POST https://x.dev/a \\\n> -H 'A: b' \\\n> -d '{\n>   \"k\": 1\n> }'\n").unwrap();
    assert_eq!(parsed.headers, pairs(&[("A", "b"), FORM]));
    assert_eq!(parsed.body.as_deref(), Some("{\n  \"k\": 1\n}"));
    let error = parse_curl("me@box:~$ curl https://x.dev \\\n> -H 'a: b' \\\n> -d 'oops").unwrap_err();
    assert_eq!(error.to_string(), "unterminated single quote at line 3, column 6");
}

#[test]
fn requests_curl_refuses_to_send_are_listed() {
    let parsed = parse_curl("curl -I -d a=b https://x.dev/").unwrap();
    assert_eq!(
        parsed.unsupported,
        [
            "-d after -I (cURL refuses the command: -I asks for a HEAD and -d for a POST, and cURL sends one kind of request: \"You can only select one HTTP request method!\")"
        ]
    );
    let parsed = parse_curl("curl 'https://x.dev/?filter[status]=a'").unwrap();
    assert_eq!(parsed.url, "https://x.dev/?filter[status]=a");
    assert!(parsed.unsupported[0].contains("cURL refuses this URL as a glob (bad range)"), "{:?}", parsed.unsupported);
    let parsed = parse_curl("curl 'https://x.dev/a b'").unwrap();
    assert!(parsed.notes[0].starts_with("cURL refuses a URL with a space"), "{:?}", parsed.notes);
}

#[test]
fn urls_as_curl_requests_them() {
    let url = |cmd: &str| parse_curl(cmd).unwrap().url;
    assert_eq!(url("curl https://x.dev/v1/resources/{id}"), "https://x.dev/v1/resources/id");
    assert_eq!(url("curl -g https://x.dev/v1/resources/{id}"), "https://x.dev/v1/resources/{id}");
    assert_eq!(url("curl 'https://x.dev/a/[1-3]'"), "https://x.dev/a/1");
    assert_eq!(url("curl 'http://[::1]:8080/a'"), "http://[::1]:8080/a");
    assert_eq!(url("curl https://x.dev/./a/../b?c=./d"), "https://x.dev/b?c=./d");
    assert_eq!(url("curl --path-as-is https://x.dev/./a/../b"), "https://x.dev/./a/../b");
    assert_eq!(url("curl -T dir/r.json https://x.dev/v1/"), "https://x.dev/v1/r.json");
    assert_eq!(url("curl -T r.json https://x.dev/v1"), "https://x.dev/v1");
    assert_eq!(url("curl 'https://x.dev/a?b#c'"), "https://x.dev/a?b");
}

#[test]
fn implied_headers_as_curl_writes_them() {
    let headers = |cmd: &str| parse_curl(cmd).unwrap().headers;
    assert_eq!(headers("curl x.dev -A ''"), pairs(&[]));
    assert_eq!(headers("curl x.dev -e ';auto'"), pairs(&[]));
    assert_eq!(headers("curl x.dev -e 'https://r.dev/;auto'"), pairs(&[("Referer", "https://r.dev/")]));
    assert_eq!(headers("curl x.dev -b a=1 -b 'b=2' -b ' c=3'"), pairs(&[("Cookie", "a=1; b=2; c=3")]));
    assert_eq!(headers("curl x.dev -r 0-99"), pairs(&[("Range", "bytes=0-99")]));
    assert_eq!(headers("curl -u 'user:p@ss' x.dev"), pairs(&[("Authorization", "Basic dXNlcjpwQHNz")]));
    assert_eq!(headers("curl https://me@x.dev/"), pairs(&[("Authorization", "Basic bWU6")]));
    assert_eq!(headers("curl https://me:secret@x.dev/a"), pairs(&[("Authorization", "Basic bWU6c2VjcmV0")]));
    assert_eq!(headers("curl -u a:b -H 'Authorization:' x.dev"), pairs(&[]));
}

#[test]
fn many_shell_variables_make_one_note() {
    let parsed = parse_curl(r#"curl https://api.cloudplatform.dev/v1/ping -H "X: $A ${B} $A $C $D $E $F $G""#).unwrap();
    assert_eq!(
        parsed.notes,
        ["the shell variables $A, ${B}, $C, $D, $E and 2 more are not expanded; they are kept as written"]
    );
    let two = parse_curl(r#"curl https://api.cloudplatform.dev/v1/ping -H "X: $A $B""#).unwrap();
    assert_eq!(two.notes, ["the shell variables $A and $B are not expanded; they are kept as written"]);
}
