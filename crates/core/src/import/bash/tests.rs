//! The bash splitter, one rule at a time.

use super::*;

fn words(text: &str) -> Vec<String> {
    split(text)
        .unwrap()
        .tokens
        .into_iter()
        .map(|t| match t {
            Token::Word { text, .. } => text,
            Token::Op { op, .. } => format!("<{op:?}>"),
        })
        .collect()
}

#[test]
fn quotes_and_escapes() {
    assert_eq!(words(r#"curl 'a b' "c \"d\" \$e \\ \x" f\ g ''"#), ["curl", "a b", r#"c "d" $e \ \x"#, "f g", ""]);
    assert_eq!(words(r"a'b'c"), ["abc"]);
    assert_eq!(words(r"$'a\nb\t\x41\101\u00e9\U0001F600\'\\\c@\z'"), ["a\nb\tAAé😀'\\\0\\z"]);
    assert_eq!(words(r"$'\xC3\xA9'"), ["é"]);
    assert_eq!(words(r"$'\uD83D\uDE00'"), ["😀"]);
    assert_eq!(words(r#"$"locale""#), ["locale"]);
}

#[test]
fn continuations_and_prompts() {
    assert_eq!(words("curl a \\\n  -s \\\r\n  b"), ["curl", "a", "-s", "b"]);
    assert_eq!(words("a\\\nb"), ["ab"]);
    assert_eq!(words("a \\  \n b"), ["a", "b"]);
    assert_eq!(words("\"x\\\ny\""), ["xy"]);
    assert_eq!(words("a\nb"), ["a", "<Newline>", "b"]);
    assert_eq!(words("a # comment 'x\nb"), ["a", "<Newline>", "b"]);
}

#[test]
fn operators() {
    assert_eq!(
        words("a | jq . && b; c || d &"),
        ["a", "<Pipe>", "jq", ".", "<And>", "b", "<Semicolon>", "c", "<Or>", "d", "<Background>"]
    );
    assert_eq!(words("a > out 2>&1"), ["a", "<Redirect(\">\")>", "out", "<Redirect(\"2>&\")>", "1"]);
    assert_eq!(words("http://x/?a=1&b=2 &>/dev/null"), ["http://x/?a=1&b=2", "<Redirect(\"&>\")>", "/dev/null"]);
}

#[test]
fn substitutions_are_kept() {
    let lexed = split(r#"-H "Key: $API_KEY" -H "Id: $(uuidgen)" `date` ${X}"#).unwrap();
    assert_eq!(lexed.tokens.len(), 6);
    assert!(matches!(&lexed.tokens[1], Token::Word { text, .. } if text == "Key: $API_KEY"));
    assert!(matches!(&lexed.tokens[3], Token::Word { text, .. } if text == "Id: $(uuidgen)"));
    // One note for both variables, where the first was met, then the two substitutions.
    assert_eq!(lexed.notes.len(), 3, "{:?}", lexed.notes);
    assert!(lexed.notes[0].starts_with("the shell variables $API_KEY and ${X} are not expanded"));
}

#[test]
fn unterminated_quotes_say_where() {
    let err = split("curl \\\n  -H 'a: b' \\\n  -d 'oops").err().unwrap();
    assert_eq!(err.to_string(), "unterminated single quote at line 3, column 6");
    let err = split("curl \"x").err().unwrap();
    assert_eq!(err.to_string(), "unterminated double quote at line 1, column 6");
    let err = split("curl $'x").err().unwrap();
    assert_eq!(err.to_string(), "unterminated $'…' quote at line 1, column 6");
}
