//! The documented operation nearest to a request the docs do not describe,
//! for the hint under a 404 in the generic panel: a mistyped route is "not
//! documented; did you mean …", not "the resource does not exist".

use super::model::{Method, Operation};
use crate::Docs;

/// Highest distance still offered as a suggestion: about two typos, or one
/// typo and another method.
const MAX_DISTANCE: usize = 3;

/// The operation whose method and path template are nearest to `method`
/// and `path` (as sent: no scheme, host or query), if any is near enough.
/// A `{param}` segment matches any one segment; a literal segment costs its
/// edit distance; a missing or extra segment costs 2; another method 1.
pub fn nearest_operation<'d>(docs: &'d Docs, method: Method, path: &str) -> Option<&'d Operation> {
    let sent: Vec<&str> = segments(path);
    docs.operations()
        .filter_map(|op| {
            let template = segments(&op.path);
            // A gateway prefix before the documented path is allowed.
            let skip = sent.len().saturating_sub(template.len());
            let cost =
                (0..=skip).map(|prefix| path_distance(&template, &sent[prefix..]) + usize::from(prefix > 0)).min()?
                    + usize::from(op.method != method);
            (cost <= MAX_DISTANCE).then_some((cost, op))
        })
        .min_by_key(|(cost, _)| *cost)
        .map(|(_, op)| op)
}

/// What to say under a 404 for `method path` in the generic panel.
pub fn undocumented_route_hint(docs: &Docs, method: Method, path: &str) -> String {
    let shown = if path.is_empty() { "/" } else { path };
    match nearest_operation(docs, method, path) {
        Some(op) => format!(
            "{method} {shown} is not a documented route. The nearest documented one is {} {} ({}).",
            op.method, op.path, op.summary
        ),
        None => format!("{method} {shown} is not a documented route; search the reference for the endpoint you need."),
    }
}

fn segments(path: &str) -> Vec<&str> {
    path.split(['?', '#']).next().unwrap_or_default().split('/').filter(|s| !s.is_empty()).collect()
}

fn path_distance(template: &[&str], sent: &[&str]) -> usize {
    let shared = template.len().min(sent.len());
    let mut cost = 2 * template.len().abs_diff(sent.len());
    for (t, s) in template[..shared].iter().zip(&sent[..shared]) {
        if !(t.starts_with('{') && t.ends_with('}')) {
            cost += edit_distance(&t.to_ascii_lowercase(), &s.to_ascii_lowercase());
        }
    }
    cost
}

/// Levenshtein distance, counting a swap of neighbours as one edit.
// The table is read at [i-2][j-2], [i-1][j-1], [i-1][j] and [i][j-1]:
// indices say it more plainly than iterators.
#[allow(clippy::needless_range_loop)]
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("resources", "resorces"), 1);
        assert_eq!(edit_distance("resources", "resoucres"), 1);
        assert_eq!(edit_distance("projects", "projects"), 0);
        assert_eq!(path_distance(&["v1", "resources", "{id}"], &["v1", "resorces", "res_1"]), 1);
        assert_eq!(path_distance(&["v1", "resources"], &["v1", "resources", "x"]), 2);
    }
}
