//! The try-it form as rows, `(location, name, text)` for every path, query
//! and header entry, and how rows become a [`Draft`] and back: declared
//! parameters first, in their order, then custom rows; blank rows are not
//! sent.

use super::draft::{Draft, example_draft};
use crate::operation::{Location, Operation};

/// One row of the form.
pub type Row = (Location, String, String);

/// The rows and body a fresh form shows: declared path, query and header
/// entries filled from the examples. Idempotency and tracing headers (all
/// headers) start blank, since a fixed example key would turn every send
/// into a replay.
pub fn initial_rows(op: &Operation) -> (Vec<Row>, String) {
    let example = example_draft(op);
    let rows = [Location::Path, Location::Query, Location::Header]
        .into_iter()
        .flat_map(|location| op.params_in(location).map(move |p| (location, p)))
        .map(|(location, param)| {
            let value = match location {
                Location::Path => example.path.iter().find(|(n, _)| *n == param.name).map(|(_, v)| v.clone()),
                Location::Query => example.query.iter().find(|(n, _)| *n == param.name).map(|(_, v)| v.clone()),
                _ => None,
            };
            (location, param.name.clone(), value.unwrap_or_default())
        })
        .collect();
    (rows, example.body.map(|b| b.trim_end().to_owned()).unwrap_or_default())
}

/// The rows that show `draft`: every declared row (blank unless the draft
/// fills it, matched by the parameter's own name rules), then the draft's
/// other entries as custom rows.
pub fn rows_from_draft(op: &Operation, draft: &Draft) -> Vec<Row> {
    let (mut rows, _) = initial_rows(op);
    for (_, _, value) in &mut rows {
        value.clear();
    }
    for (location, entries) in
        [(Location::Path, &draft.path), (Location::Query, &draft.query), (Location::Header, &draft.headers)]
    {
        for (name, value) in entries {
            let declared = op.param(location, name).map(|p| p.name.clone());
            match rows.iter_mut().find(|(l, n, _)| *l == location && Some(n) == declared.as_ref()) {
                Some(row) => row.2 = value.clone(),
                None => rows.push((location, name.clone(), value.clone())),
            }
        }
    }
    rows
}

/// The draft `rows` and `body` describe: rows with a name and a value, names
/// trimmed; the body only for an operation that takes one and only when it
/// is not blank.
pub fn draft_from_rows(op: &Operation, rows: &[Row], body: &str) -> Draft {
    let pick = |location: Location| {
        rows.iter()
            .filter(|(l, name, value)| *l == location && !name.trim().is_empty() && !value.is_empty())
            .map(|(_, name, value)| (name.trim().to_owned(), value.clone()))
            .collect()
    };
    Draft {
        path: pick(Location::Path),
        query: pick(Location::Query),
        headers: pick(Location::Header),
        body: (op.has_body() && !body.trim().is_empty()).then(|| body.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::test_support::op;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn fresh_rows_come_from_the_examples_with_headers_blank() {
        let (rows, body) = initial_rows(&op("get-resource"));
        assert_eq!(rows[0], (Location::Path, "id".to_owned(), "res_8f2a".to_owned()));
        assert!(rows.iter().filter(|r| r.0 == Location::Header).all(|r| r.2.is_empty()));
        assert!(body.is_empty());
        let (_, body) = initial_rows(&op("create-resource"));
        assert!(body.starts_with('{') && !body.ends_with('\n'));
    }

    #[test]
    fn a_draft_round_trips_through_rows() {
        let list = op("list-resources");
        let draft = Draft {
            query: pairs(&[("limit", "5"), ("colour", "red")]),
            headers: pairs(&[("x-request-id", "req_1"), ("X-Trace", "1")]),
            ..Draft::default()
        };
        let rows = rows_from_draft(&list, &draft);
        // A declared parameter is matched by its own rules (header names
        // ignore case) and shown under its documented name; others become
        // custom rows at the end.
        assert!(rows.contains(&(Location::Query, "limit".to_owned(), "5".to_owned())), "{rows:?}");
        assert!(rows.contains(&(Location::Header, "X-Request-Id".to_owned(), "req_1".to_owned())), "{rows:?}");
        assert_eq!(rows.last(), Some(&(Location::Header, "X-Trace".to_owned(), "1".to_owned())));
        let back = draft_from_rows(&list, &rows, "");
        assert_eq!(back.query, pairs(&[("limit", "5"), ("colour", "red")]));
        assert_eq!(back.headers, pairs(&[("X-Request-Id", "req_1"), ("X-Trace", "1")]));
        assert_eq!(back.body, None);
    }

    #[test]
    fn blank_rows_and_bodies_are_not_sent() {
        let create = op("create-resource");
        let rows =
            vec![(Location::Header, "  ".to_owned(), "x".to_owned()), (Location::Query, "a".to_owned(), String::new())];
        assert_eq!(draft_from_rows(&create, &rows, "  \n"), Draft::default());
        assert_eq!(draft_from_rows(&op("get-resource"), &[], "{}").body, None, "no body where none is taken");
    }
}
