//! From words to a [`ParsedCurl`]: which words are cURL's, and which option
//! each one is. What each option does is in `apply`, what cURL adds by
//! itself (the method, `-G` queries, implied headers) in `finish`.
//!
//! cURL refuses a command with an option it does not know or one missing
//! its value, and so does the reader, with the position of the word.

use super::notes::Notes;
use super::options::{self, Action};
use super::{ImportError, Op, ParsedCurl, Token};

const REDIRECT: &str = "only changes where the shell sends cURL's output";
const INPUT: &str = "only feeds cURL's standard input, which the request uses only through `@-`, listed apart";
const EQUALS: &str = "`--name=value` is read as cURL 8.16 and newer read it; cURL before 8.16 rejects it as an unknown option (write `--name value`)";
const SWITCHED_OFF: &str = "switches an option off, as if it were not given";

pub(crate) fn read(src: &str, tokens: Vec<Token>, notes: Vec<String>) -> Result<ParsedCurl, ImportError> {
    let mut reader = Reader { notes: Notes::from(notes), ..Reader::default() };
    let words = reader.first_command(src, tokens);
    let words = reader.skip_command_name(words)?;
    reader.options(src, words)?;
    reader.finish()
}

/// A word and the byte offset where it starts in the text.
pub(super) struct Word {
    text: String,
    at: usize,
}

/// Everything the options said, before `finish` builds the request.
#[derive(Default)]
pub(super) struct Reader {
    /// `-X` as written, and the option as shown.
    pub method: Option<(String, String)>,
    pub urls: Vec<String>,
    pub headers: Vec<(String, String)>,
    /// Header names (lower case) a `-H 'Name:'` removed.
    pub removed: Vec<String>,
    /// Data pieces, and whether each came from `--json` (those are joined
    /// with nothing, the others with `&`).
    pub data: Vec<(String, bool)>,
    /// The first data option.
    pub data_flag: Option<String>,
    /// Some data comes from a file or standard input.
    pub data_unreadable: bool,
    pub json: bool,
    pub get: bool,
    pub head: Option<String>,
    pub form: Option<String>,
    /// `-T`'s file.
    pub upload: Option<String>,
    pub globoff: bool,
    pub path_as_is: bool,
    pub user: Option<String>,
    /// `-u` as given (the user may also come from the URL).
    pub user_flag: Option<String>,
    /// `--digest` and the like, which take `-u`'s credentials instead of
    /// Basic authentication.
    pub other_auth: bool,
    pub bearer: Option<String>,
    pub agent: Option<String>,
    pub referer: Option<String>,
    pub cookies: Vec<String>,
    pub range: Option<String>,
    /// `--url-query` pieces, and each option as shown.
    pub url_query: Vec<(String, String)>,
    /// The order in which the options choosing a kind of request came, for
    /// cURL's "only one method" refusal.
    pub request_kinds: Vec<(&'static str, String)>,
    pub ignored: Vec<(String, &'static str)>,
    pub unsupported: Vec<String>,
    pub notes: Notes,
}

impl Reader {
    pub(super) fn note(&mut self, note: impl Into<String>) {
        self.notes.add(note.into());
    }

    /// The words of the first command; pipes, redirections and further
    /// commands are reported.
    fn first_command(&mut self, src: &str, tokens: Vec<Token>) -> Vec<Word> {
        let mut words = Vec::new();
        let mut tokens = tokens.into_iter().peekable();
        while let Some(token) = tokens.next() {
            let (op, at) = match token {
                Token::Word { text, at } => {
                    words.push(Word { text, at });
                    continue;
                }
                Token::Op { op, at } => (op, at),
            };
            let rest = || shorten(src[at..].trim_start_matches(['|', '&', ';', '\n', '\r', ' ']).lines().next());
            match op {
                Op::Redirect(redirect) => {
                    let target = match tokens.peek() {
                        Some(Token::Word { text, .. }) => text.clone(),
                        _ => String::new(),
                    };
                    if !target.is_empty() {
                        tokens.next();
                    }
                    let space = if redirect.ends_with('&') || target.is_empty() { "" } else { " " };
                    let why = if redirect.contains('<') { INPUT } else { REDIRECT };
                    self.ignored.push((format!("{redirect}{space}{target}"), why));
                }
                Op::Newline | Op::Semicolon if words.is_empty() => {}
                Op::Newline => {
                    while matches!(tokens.peek(), Some(Token::Op { op: Op::Newline, .. })) {
                        tokens.next();
                    }
                    match tokens.peek() {
                        None => break,
                        // A line of options without `\` before it: bash would
                        // run it as a command of its own, but it was meant
                        // to continue this one.
                        Some(Token::Word { text, .. }) if text.starts_with('-') => {
                            self.note(
                                "a line break has no `\\` before it; the next lines were read as part of the command",
                            );
                        }
                        Some(_) => {
                            self.note(format!("only the first command is read; `{}` and what follows is not", rest()));
                            break;
                        }
                    }
                }
                Op::Pipe => {
                    self.note(format!("the output is piped to `{}`; the panel shows the response instead", rest()));
                    break;
                }
                Op::Background if tokens.peek().is_none() => {
                    self.ignored.push(("&".to_owned(), "only runs cURL in the background"));
                }
                Op::Background | Op::Semicolon | Op::And | Op::Or => {
                    let rest = rest();
                    if !rest.is_empty() {
                        self.note(format!("only the first command is read; `{rest}` is not"));
                    }
                    break;
                }
            }
        }
        words
    }

    /// Drops `curl` (and assignments or wrappers before it); a paste that
    /// starts with options or a URL is read as cURL's arguments.
    fn skip_command_name(&mut self, words: Vec<Word>) -> Result<Vec<Word>, ImportError> {
        let mut words = words.into_iter().peekable();
        while let Some(word) = words.peek() {
            if is_assignment(&word.text) {
                let note =
                    format!("the variable assignment {} before the command is ignored", shorten(Some(&word.text)));
                self.note(note);
            } else if !matches!(word.text.as_str(), "sudo" | "time" | "noglob" | "command" | "exec") {
                break;
            }
            words.next();
        }
        let Some(first) = words.peek() else {
            return Err(ImportError::new("paste a cURL command: the text is empty"));
        };
        let first = first.text.as_str();
        let program = first.rsplit(['/', '\\']).next().unwrap_or_default().to_ascii_lowercase();
        if program == "curl" || program == "curl.exe" {
            words.next();
        } else if first.starts_with('-') || first.contains("://") || first.contains(['.', '/']) {
            self.note("the command does not start with `curl`; it was read as cURL's arguments");
        } else {
            return Err(ImportError::new(format!(
                "only cURL commands can be read; this one runs `{}`",
                shorten(Some(first))
            )));
        }
        Ok(words.collect())
    }

    fn options(&mut self, src: &str, words: Vec<Word>) -> Result<(), ImportError> {
        let mut words = words.into_iter();
        let mut only_urls = false;
        while let Some(Word { text: word, at }) = words.next() {
            let error = |message: String| ImportError::at(src, at, message);
            let mut value_for = |flag: &str| match words.next() {
                Some(value) => Ok(value.text),
                None => Err(error(format!("{flag} needs a value"))),
            };
            if only_urls || !word.starts_with('-') || word == "-" {
                self.urls.push(word);
            } else if word == "--" {
                only_urls = true;
            } else if let Some(long) = word.strip_prefix("--") {
                let (name, inline) = match long.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_owned())),
                    None => (long, None),
                };
                let flag = format!("--{name}");
                if let Some(spec) = options::long(name) {
                    let value = match inline {
                        Some(_) if !spec.action.takes_value() => {
                            return Err(error(format!("{flag} takes no value, yet `{word}` gives it one")));
                        }
                        Some(value) => {
                            self.note(EQUALS);
                            Some(value)
                        }
                        None if spec.action.takes_value() => Some(value_for(&flag)?),
                        None => None,
                    };
                    self.apply(spec.action, flag, value);
                } else if let Some(spec) = name.strip_prefix("no-").and_then(options::long) {
                    if spec.action.takes_value() {
                        return Err(error(format!(
                            "{flag}: `--no-` only switches off an option that takes no value, and --{} takes one",
                            spec.long
                        )));
                    }
                    self.switch_off(spec.action, flag);
                } else if name.strip_prefix("expand-").and_then(options::long).is_some() {
                    let value = match inline {
                        Some(value) => value,
                        None => value_for(&flag)?,
                    };
                    self.apply(Action::RefuseValue(options::VARIABLES), flag, Some(value));
                } else {
                    return Err(error(unknown(name)));
                }
            } else {
                let cluster: Vec<char> = word.chars().skip(1).collect();
                for (i, &c) in cluster.iter().enumerate() {
                    let flag = format!("-{c}");
                    let Some(spec) = options::short(c) else {
                        return Err(error(format!("{flag} is not a cURL option")));
                    };
                    if !spec.action.takes_value() {
                        self.apply(spec.action, flag, None);
                        continue;
                    }
                    // `-XPOST`, `-HAccept:x`: the rest of the word is the value.
                    let rest: String = cluster[i + 1..].iter().collect();
                    let value = if rest.is_empty() { value_for(&flag)? } else { rest };
                    self.apply(spec.action, flag, Some(value));
                    break;
                }
            }
        }
        Ok(())
    }

    /// `--no-name` for an option that takes no value.
    fn switch_off(&mut self, action: Action, flag: String) {
        match action {
            Action::Get => self.get = false,
            Action::Head => {
                self.head = None;
                self.request_kinds.retain(|(kind, _)| *kind != "HEAD");
            }
            Action::GlobOff => self.globoff = false,
            Action::PathAsIs => self.path_as_is = false,
            _ => self.ignored.push((flag, SWITCHED_OFF)),
        }
    }
}

/// Why `--name` is refused, with the option cURL before 8.6 would have
/// taken it for: those versions accepted any unambiguous abbreviation.
fn unknown(name: &str) -> String {
    match options::abbreviated(name).as_slice() {
        [only] => format!(
            "--{name} is not a cURL option (cURL before 8.6 read it as an abbreviation of --{only}; newer cURL refuses it)"
        ),
        _ => format!("--{name} is not a cURL option"),
    }
}

/// `NAME=value`, as written before a command.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    })
}

pub(super) fn shorten(text: Option<&str>) -> String {
    let text = text.unwrap_or_default().trim();
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}
