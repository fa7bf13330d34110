//! Terminal prompts copied along with a command: `$ ` (or `% `, `# `,
//! `user@host:~$ `) before it, and the `> ` that bash prints before each
//! line it still waits for (after a trailing `\`, or inside open quotes).
//! Both are left out before the command is read; errors found afterwards
//! are moved back to where they are in the text as pasted.

use std::borrow::Cow;

use super::ImportError;

pub(crate) struct Stripped<'a> {
    pub text: Cow<'a, str>,
    /// Characters removed at the start of each line, by 0-based line.
    removed_chars: Vec<usize>,
    pub notes: Vec<String>,
}

impl Stripped<'_> {
    /// Moves an error's column back to the text as pasted.
    pub fn locate(&self, mut error: ImportError) -> ImportError {
        if let Some((line, column)) = &mut error.position {
            *column += self.removed_chars.get(*line - 1).copied().unwrap_or(0);
        }
        error
    }
}

pub(crate) fn strip(text: &str) -> Stripped<'_> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Stripped { text: Cow::Borrowed(text), removed_chars: Vec::new(), notes: Vec::new() };
    };
    // Bytes removed at the start of each line.
    let mut removed = vec![0; lines.len()];
    removed[first] = leading_prompt(lines[first]);
    // The `> ` lines right after the first one: bash's secondary prompt.
    // Terminals print it at the very start of the line, so a `>` that
    // starts a line of a real command (a redirection) must be followed by
    // more lines of the same shape to be taken for one.
    for (i, line) in lines.iter().enumerate().skip(first + 1) {
        let body = line.trim_end_matches(['\n', '\r']);
        match body.strip_prefix('>') {
            Some("") => removed[i] = 1,
            Some(rest) if rest.starts_with(' ') => removed[i] = 2,
            _ => break,
        }
    }
    let mut notes = Vec::new();
    if removed.iter().skip(first + 1).any(|&n| n > 0) {
        notes.push("the terminal's `> ` continuation prompts were left out".to_owned());
    }
    let removed_chars = lines.iter().zip(&removed).map(|(line, &n)| line[..n].chars().count()).collect();
    if removed.iter().all(|&n| n == 0) {
        return Stripped { text: Cow::Borrowed(text), removed_chars, notes };
    }
    let text = lines.iter().zip(&removed).map(|(line, &n)| &line[n..]).collect();
    Stripped { text: Cow::Owned(text), removed_chars, notes }
}

/// The length of a shell prompt before `curl` on the first line: `$ `,
/// `% `, `# `, `user@host:~/dir$ `, `[user@host dir]$ `; 0 when there is
/// none. `$ ` and `% ` count before anything, the others only before
/// `curl`, since `#` starts a comment and a word ending in `$` may be one.
fn leading_prompt(line: &str) -> usize {
    let blanks = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[blanks..];
    if rest.starts_with("$ ") || rest.starts_with("% ") {
        return blanks + 2;
    }
    let before_curl = |prompt_len: usize| {
        // `get`: a prompt word may end the line, with nothing after it.
        let after = rest.get(prompt_len..)?.trim_start_matches(' ');
        (after.starts_with("curl ") || after.starts_with("curl.exe ")).then(|| line.len() - after.len())
    };
    if rest.starts_with("# ") {
        return before_curl(2).unwrap_or(0);
    }
    // `[user@host dir]$ `
    if let Some(inner) = rest.strip_prefix('[')
        && let Some(close) = inner.find(']')
        && let Some(sign) = ["$ ", "# ", "% "].iter().find(|p| inner[close + 1..].starts_with(**p))
    {
        return before_curl(close + 2 + sign.len()).unwrap_or(0);
    }
    // `user@host:~/dir$ `
    let word_end = rest.find(' ').unwrap_or(rest.len());
    let word = &rest[..word_end];
    if word.len() > 1
        && word.ends_with(['$', '#', '%', '>'])
        && word.contains(['@', ':'])
        && !word.contains(['\'', '"', '='])
    {
        return before_curl(word_end + 1).unwrap_or(0);
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prompt_word_alone_on_its_line_is_no_prompt() {
        assert_eq!(leading_prompt("user@host:~$"), 0);
        assert_eq!(leading_prompt("ue>}$@ht:at{R"), 0);
        assert_eq!(leading_prompt("user@host:~$ curl x"), "user@host:~$ ".len());
    }

    fn stripped(text: &str) -> String {
        strip(text).text.into_owned()
    }

    #[test]
    fn leading_prompts() {
        assert_eq!(stripped("$ curl x"), "curl x");
        assert_eq!(stripped("  % curl x"), "curl x");
        assert_eq!(stripped("me@box:~/src$ curl x"), "curl x");
        assert_eq!(stripped("root@box:/# curl x"), "curl x");
        assert_eq!(stripped("[me@box src]$ curl x"), "curl x");
        assert_eq!(stripped("# curl x"), "curl x");
        // A comment before the command, and words that only look like prompts.
        assert_eq!(stripped("# Replace $TOKEN\ncurl x"), "# Replace $TOKEN\ncurl x");
        assert_eq!(stripped("https://x.dev/a:b$ -s"), "https://x.dev/a:b$ -s");
    }

    #[test]
    fn continuation_prompts() {
        let text =
            "$ curl -X POST https://x.dev/a \\\n> -H 'A: b' \\\n> -d '{\n>   \"k\": 1\n>\n> }'\n{\"id\":1}\n> out";
        let s = strip(text);
        assert_eq!(s.text, "curl -X POST https://x.dev/a \\\n-H 'A: b' \\\n-d '{\n  \"k\": 1\n\n}'\n{\"id\":1}\n> out");
        assert_eq!(s.notes, ["the terminal's `> ` continuation prompts were left out"]);
        let error = ImportError { message: "x".into(), position: Some((3, 4)) };
        assert_eq!(s.locate(error).position, Some((3, 6)));
        // A redirection on one line is not a prompt.
        assert_eq!(stripped("curl https://x.dev > out.json"), "curl https://x.dev > out.json");
    }
}
