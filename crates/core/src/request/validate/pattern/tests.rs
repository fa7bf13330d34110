//! The matcher on the docs' own patterns, on the rest of its subset, and
//! on what it refuses.

use super::*;

fn matches(pattern: &str, text: &str) -> bool {
    Pattern::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}")).is_match(text)
}

#[test]
fn the_docs_patterns() {
    let scope = "^(resources:read|resources:write|projects:read)( (resources:read|resources:write|projects:read))*$";
    let cases: [(&str, &[&str], &[&str]); 6] = [
        ("^res_[a-z0-9]{1,32}$", &["res_8f2a", "res_1"], &["RES-bad", "res_", "res_8F2A", "xres_8f2a", "res_8f2a "]),
        ("^[a-z0-9-]{1,32}$", &["eu-west", "-"], &["EU_West", "", &"a".repeat(33)]),
        ("^[\\x21-\\x7E]{1,255}$", &["a-b_c!~", &"k".repeat(255)], &["a b", "", "é", &"k".repeat(256)]),
        (
            "^[A-Za-z0-9_-]{22}$",
            &["AAAAAAAAAAAAAAAAAAAAA_"],
            &["short", "AAAAAAAAAAAAAAAAAAAAAA=", "+/AAAAAAAAAAAAAAAAAAAA"],
        ),
        (
            scope,
            &["resources:read", "resources:read projects:read"],
            &["admin", "resources:read  projects:read", " resources:read", "resources:read "],
        ),
        ("^[0-9]{1,18}$", &["41", "000000000000000000"], &["4a", "0000000000000000000"]),
    ];
    for (pattern, good, bad) in cases {
        for text in good {
            assert!(matches(pattern, text), "{pattern} should match {text:?}");
        }
        for text in bad {
            assert!(!matches(pattern, text), "{pattern} should not match {text:?}");
        }
    }
}

#[test]
fn unanchored_patterns_match_anywhere() {
    assert!(matches("b+", "abbc"));
    assert!(!matches("^b", "ab"));
    assert!(matches("c$", "abc"));
    assert!(matches("", "anything"));
    assert!(matches("a|^z", "za"));
}

#[test]
fn the_rest_of_the_subset() {
    assert!(matches("^\\d{3}-\\w+\\s?\\.$", "123-ab_1 ."));
    assert!(!matches("^\\D$", "5"));
    assert!(matches("^\\W\\S$", "-x"));
    assert!(matches("^[^a-c]x?y*z+$", "dzz"));
    assert!(!matches("^[^a-c]$", "b"));
    assert!(matches("^(?:ab|cd){2,}$", "abcdab"));
    assert!(!matches("^(?:ab|cd){2,}$", "ab"));
    assert!(matches("^a{2}$", "aa") && !matches("^a{2}$", "aaa"));
    assert!(matches("^.$", "é") && !matches("^.$", "\n"));
    assert!(matches("^[-a]+[\\d_]$", "-a-7"));
    assert!(matches("^[a-]$", "-"));
    assert!(matches("^\\u00e9\\$\\t$", "é$\t"));
    assert!(matches("^a+?$", "aaa"));
    assert!(matches("^(a*)*$", "aaaa"), "an empty loop ends");
    assert!(!matches("^[]$", "") && matches("^[^]$", "q"), "ECMA's empty and full classes");
}

#[test]
fn long_input_is_linear_and_safe() {
    let text = "a".repeat(200_000) + "!";
    assert!(!matches("^(a|aa)*$", &text));
    assert!(matches("^(a|aa)*!$", &text));
}

#[test]
fn refuses_what_it_does_not_support() {
    for (pattern, message) in [
        ("^a\\b", "the escape `\\b` is not supported"),
        ("(?=a)", "only `(?:…)` groups"),
        ("(?<n>a)", "only `(?:…)` groups"),
        ("\\1", "the escape `\\1` is not supported"),
        ("\\p{L}", "the escape `\\p` is not supported"),
        ("a{2,1}", "maximum is below its minimum"),
        ("a{1001}", "counts above 1000"),
        ("*a", "nothing to repeat"),
        ("a{x}", "must start a count"),
        ("(a", "never closed"),
        ("a)", "an unmatched `)`"),
        ("[a", "never closed"),
        ("[z-a]", "out of order"),
        ("[\\D]", "not supported inside"),
        ("\\x4", "hex digits"),
        ("^*", "cannot be repeated"),
        ("$+", "cannot be repeated"),
        ("a\\", "ends with"),
    ] {
        let error = Pattern::new(pattern).err().unwrap_or_else(|| panic!("{pattern} compiled"));
        assert!(error.message.contains(message), "{pattern}: {error}");
    }
    assert_eq!(Pattern::new("ab(").unwrap_err().to_string(), "a `(` is never closed (at character 4)");
    assert!(Pattern::new("(a{1000}){1000}").is_err(), "too large");
}
