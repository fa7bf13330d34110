//! What the history dialog decides: how a row reads, whether a replay may
//! send at once, and undoing a delete.

use super::{HistoryEntry, SharedRequest};
use crate::Docs;
use crate::operation::Method;
use crate::target::CredentialGate;

/// Longest body summary shown in a row, in characters.
const BODY_SUMMARY: usize = 60;

/// One row of the history, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowText {
    /// The path with its parameters filled in, and the query.
    pub path: String,
    /// The body on one line, shortened; empty without a body.
    pub body: String,
}

/// The path (parameters filled in) with its query, and a one-line body, so
/// that two requests to the same endpoint can be told apart.
pub fn row_text(docs: &Docs, entry: &HistoryEntry) -> RowText {
    let r = &entry.request;
    let template = r.operation.as_deref().and_then(|id| docs.operation(id)).map_or(r.url.clone(), |op| op.path.clone());
    let mut path =
        r.draft.path.iter().fold(template, |path, (name, value)| path.replace(&format!("{{{name}}}"), value));
    let query: Vec<String> = r.draft.query.iter().map(|(n, v)| format!("{n}={v}")).collect();
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query.join("&"));
    }
    RowText { path, body: r.draft.body.as_deref().map(one_line).unwrap_or_default() }
}

/// Whitespace runs collapsed to one space, cut at [`BODY_SUMMARY`] characters.
fn one_line(body: &str) -> String {
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= BODY_SUMMARY {
        return flat;
    }
    let mut cut: String = flat.chars().take(BODY_SUMMARY - 1).collect();
    cut.push('…');
    cut
}

/// Where a replay of `request` goes, and whether it reads a credential: a
/// documented operation goes to its target's base URL and reads one when
/// its docs say so; a request outside the docs goes to its own URL and is
/// assumed to need one.
pub fn replay_place(docs: &Docs, request: &SharedRequest, page_origin: &str) -> (String, bool) {
    match request.operation.as_deref().and_then(|id| docs.operation(id)) {
        Some(op) => (request.target.base_url(page_origin), op.auth.requires_credential()),
        None => (request.url.clone(), true),
    }
}

/// What pressing Replay does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replay {
    /// Send at once: a read with the credential it needs.
    Send,
    /// Ask first, with this question: the request creates or changes data.
    Ask(String),
    /// Open the request without sending, and say why.
    OpenOnly(String),
}

/// Decides a replay: `needs_credential` is whether the operation reads one
/// (always true for a request outside the docs, which may), and `gate` is
/// whether the current credential may go where the request goes.
pub fn replay_plan(method: Method, needs_credential: bool, gate: &CredentialGate) -> Replay {
    match gate {
        CredentialGate::NoCredential if needs_credential => {
            return Replay::OpenOnly(
                "This request needs a credential, and none is connected: connect, then press Send.".to_owned(),
            );
        }
        CredentialGate::Confirm { bound, to } if needs_credential => {
            return Replay::OpenOnly(format!(
                "Your credential was obtained for {bound}; confirm in the panel before it goes to {to}."
            ));
        }
        CredentialGate::Withheld { bound } if needs_credential => {
            return Replay::OpenOnly(format!(
                "Your credential was obtained for {bound} and is never sent to this URL; check it in the panel."
            ));
        }
        _ => {}
    }
    match method {
        Method::Get => Replay::Send,
        other => Replay::Ask(format!("Send this {} again? It creates or changes data on the server.", other.as_str())),
    }
}

/// Entries taken out of the history, with where they were, for Undo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed(Vec<(usize, HistoryEntry)>);

impl Removed {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Takes out the entry at `index` (nothing when out of range).
pub fn remove_entry(list: &mut Vec<HistoryEntry>, index: usize) -> Removed {
    if index < list.len() { Removed(vec![(index, list.remove(index))]) } else { Removed::default() }
}

/// Takes out every entry.
pub fn remove_all(list: &mut Vec<HistoryEntry>) -> Removed {
    Removed(list.drain(..).enumerate().collect())
}

/// Puts removed entries back where they were; entries sent since then stay
/// first, so positions count from the end of the list as it was.
pub fn undo_remove(list: &mut Vec<HistoryEntry>, removed: Removed, sent_since: usize) {
    for (index, entry) in removed.0 {
        let at = (index + sent_since).min(list.len());
        list.insert(at, entry);
    }
    list.truncate(super::HISTORY_LIMIT);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Draft;
    use crate::share::{SharedRequest, Target};

    fn entry(id: Option<&str>, method: Method, at_ms: i64) -> HistoryEntry {
        HistoryEntry {
            request: SharedRequest {
                operation: id.map(str::to_owned),
                method,
                url: "http://127.0.0.1:8080/other/thing".to_owned(),
                target: Target::Sandbox,
                api_version: None,
                draft: Draft::default(),
            },
            status: Some(200),
            at_ms,
            duration_ms: 3,
        }
    }

    #[test]
    fn reads_and_missing_credentials() {
        let attach = CredentialGate::Attach;
        assert_eq!(replay_plan(Method::Get, true, &attach), Replay::Send);
        assert_eq!(replay_plan(Method::Get, false, &CredentialGate::NoCredential), Replay::Send);
        match replay_plan(Method::Get, true, &CredentialGate::NoCredential) {
            Replay::OpenOnly(why) => assert!(why.contains("needs a credential"), "{why}"),
            other => panic!("{other:?}"),
        }
        let gate = CredentialGate::Confirm { bound: "http://a:1".into(), to: "http://b:2".into() };
        assert!(matches!(replay_plan(Method::Get, true, &gate), Replay::OpenOnly(why) if why.contains("http://b:2")));
        // A write elsewhere is opened, not asked about: it would go without its credential.
        assert!(matches!(replay_plan(Method::Post, true, &gate), Replay::OpenOnly(_)));
        assert!(matches!(replay_plan(Method::Delete, true, &CredentialGate::NoCredential), Replay::OpenOnly(_)));
        // An operation that reads no credential replays as usual.
        assert_eq!(replay_plan(Method::Get, false, &gate), Replay::Send);
        let withheld = CredentialGate::Withheld { bound: "http://a:1".into() };
        assert!(matches!(replay_plan(Method::Get, true, &withheld), Replay::OpenOnly(_)));
    }

    #[test]
    fn writes_ask_first() {
        for method in [Method::Post, Method::Put, Method::Patch, Method::Delete] {
            match replay_plan(method, true, &CredentialGate::Attach) {
                Replay::Ask(question) => assert!(question.contains(method.as_str()), "{question}"),
                other => panic!("{method:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn bodies_are_summarised_on_one_line() {
        assert_eq!(
            one_line("{\n  \"name\": \"A\",\n  \"region\": \"eu-west\"\n}"),
            "{ \"name\": \"A\", \"region\": \"eu-west\" }"
        );
        let long = one_line(&"x".repeat(200));
        assert_eq!(long.chars().count(), BODY_SUMMARY);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn delete_and_clear_can_be_undone() {
        let original: Vec<HistoryEntry> = (0..4).map(|i| entry(None, Method::Get, i)).collect();
        let mut list = original.clone();
        let removed = remove_entry(&mut list, 2);
        assert_eq!(removed.len(), 1);
        assert_eq!(list.len(), 3);
        undo_remove(&mut list, removed, 0);
        assert_eq!(list, original);

        let removed = remove_all(&mut list);
        assert!(list.is_empty());
        // A request sent before Undo stays the newest.
        list.insert(0, entry(None, Method::Post, 99));
        undo_remove(&mut list, removed, 1);
        assert_eq!(list.len(), 5);
        assert_eq!(list[0].at_ms, 99);
        assert_eq!(&list[1..], &original[..]);
        assert!(remove_entry(&mut list, 50).is_empty());
    }
}
