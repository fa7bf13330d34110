//! Quoting for bash, used by the cURL and HTTPie command lines.

use std::fmt::Write as _;

/// One shell word that bash reads back as exactly `text`.
///
/// - Bare when every character is plainly safe (`-H`, `https://x.dev/a`).
/// - In single quotes otherwise: nothing is special inside them, not even
///   `$`, `!` or a newline; a `'` itself is written `'\''`.
/// - As ANSI-C `$'…'` when the text holds control characters other than a
///   newline: inside single quotes they would be invisible, and a pasted
///   tab or escape can trigger the terminal's completion or key bindings.
pub fn shell_quote(text: &str) -> String {
    let bare = |c: char| c.is_ascii_alphanumeric() || "_-./:@%+=,".contains(c);
    if !text.is_empty() && text.chars().all(bare) {
        return text.to_owned();
    }
    if text.chars().any(|c| c != '\n' && c.is_control()) {
        return ansi_c_quote(text);
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `$'…'`: bytes escapes for controls are written as `\xHH` (never `\u`,
/// which bash converts through the locale); `!` as `\x21` so that even an
/// interactive shell's history expansion never sees it.
fn ansi_c_quote(text: &str) -> String {
    let mut out = String::from("$'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '\'' => out.push_str(r"\'"),
            '\n' => out.push_str(r"\n"),
            '\t' => out.push_str(r"\t"),
            '\r' => out.push_str(r"\r"),
            '!' => out.push_str(r"\x21"),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\x{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A shell word that reads `prefix` literally and then expands `$var`, such
/// as `"Authorization: Bearer $TOKEN"`: the copied command works as soon as
/// the variable is exported, and never holds the secret itself.
pub(crate) fn quote_with_var(prefix: &str, var: &str) -> String {
    // Inside double quotes `$`, `` ` ``, `\`, `"` and `!` are still special.
    let plain = |c: char| !"$`\\\"!".contains(c) && !c.is_control();
    if prefix.chars().all(plain) { format!("\"{prefix}${var}\"") } else { format!("{}\"${var}\"", shell_quote(prefix)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_when_safe() {
        assert_eq!(shell_quote("-H"), "-H");
        assert_eq!(shell_quote("https://x.dev/v1/a_b%20c"), "https://x.dev/v1/a_b%20c");
        assert_eq!(shell_quote("a=b,c+d@e"), "a=b,c+d@e");
    }

    #[test]
    fn single_quotes_for_specials() {
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(
            shell_quote("$HOME `id` \"x\" !! \\ *?[]{} ~ # & ; | < >"),
            "'$HOME `id` \"x\" !! \\ *?[]{} ~ # & ; | < >'"
        );
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("''"), r"''\'''\'''");
        assert_eq!(shell_quote("line 1\nline 2"), "'line 1\nline 2'");
        assert_eq!(shell_quote("café 😀"), "'café 😀'");
    }

    #[test]
    fn ansi_c_for_control_characters() {
        assert_eq!(shell_quote("a\tb"), r"$'a\tb'");
        assert_eq!(shell_quote("a\r\nb"), r"$'a\r\nb'");
        assert_eq!(shell_quote("\u{1b}[31m!'\\"), r"$'\x1B[31m\x21\'\\'");
        assert_eq!(shell_quote("\u{7f}é\u{85}"), r"$'\x7Fé\xC2\x85'");
    }

    #[test]
    fn variables_stay_expandable() {
        assert_eq!(quote_with_var("Authorization: Bearer ", "TOKEN"), "\"Authorization: Bearer $TOKEN\"");
        assert_eq!(quote_with_var("X-API-Key: ", "API_KEY"), "\"X-API-Key: $API_KEY\"");
        assert_eq!(quote_with_var("X-$weird!: ", "TOKEN"), "'X-$weird!: '\"$TOKEN\"");
    }

    /// Bash itself reads every quoted word back as the original text.
    #[test]
    fn bash_reads_back_nasty_strings() {
        let nasty = [
            "",
            "plain",
            "it's \"quoted\"",
            "$HOME $(id) `id` ${x}",
            "!! !$ !-1 ^a^b",
            "back\\slash \\n \\\\",
            "line 1\nline 2\n",
            "tab\there\r\n",
            "\u{1b}[0m \u{7}\u{8}\u{7f}",
            "é 😀 \u{2028} \u{85} \u{feff}",
            "*?[a-z]{1,2}~#;&|<>()",
            "'",
            "-n",
        ];
        for text in nasty {
            let script = format!("printf '%s' {}", shell_quote(text));
            let out = std::process::Command::new("bash").arg("-c").arg(&script).output().expect("bash runs");
            assert!(out.status.success(), "{script}");
            assert_eq!(String::from_utf8_lossy(&out.stdout), text, "{script}");
        }
    }
}
