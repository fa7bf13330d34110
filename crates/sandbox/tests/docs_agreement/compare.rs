//! The field-by-field comparison of two contracts: every difference, each
//! naming the operation, what differs and what each side says.

use std::collections::BTreeSet;

use crate::contract::{Aspect, Contract, Difference};

fn shown(value: Option<&String>) -> String {
    value.map_or_else(|| "nothing".to_owned(), |v| format!("`{v}`"))
}

fn yes_no(required: bool) -> &'static str {
    if required { "required" } else { "optional" }
}

fn set_text(set: &BTreeSet<String>) -> String {
    if set.is_empty() { "none".to_owned() } else { set.iter().cloned().collect::<Vec<_>>().join(", ") }
}

/// Records a difference when the two sides' values are not the same.
struct Sides<'a> {
    left: &'a str,
    right: &'a str,
    out: Vec<Difference>,
}

impl Sides<'_> {
    fn push(&mut self, aspect: Aspect, message: String) {
        self.out.push(Difference { aspect, message });
    }

    fn differs(&mut self, aspect: Aspect, op: &str, what: &str, l: String, r: String) {
        if l != r {
            let message = format!("{op}: {what} differs: in {} {l}, in {} {r}", self.left, self.right);
            self.push(aspect, message);
        }
    }
}

/// Every difference between two contracts. Response headers are checked one
/// way only: those `left` declares must be declared by `right` too (the
/// sandbox declares more, such as `X-Request-Id` on every response).
pub fn compare(left_name: &str, left: &Contract, right_name: &str, right: &Contract) -> Vec<Difference> {
    let mut s = Sides { left: left_name, right: right_name, out: Vec::new() };
    for ((method, path), l) in left {
        let origin = l.origin.as_deref().map(|o| format!(", {o}")).unwrap_or_default();
        let op = format!("{method} {path} ({}{origin})", l.id);
        let Some(r) = right.get(&(method.clone(), path.clone())) else {
            s.push(Aspect::Operations, format!("{op} is in {left_name} but not in {right_name}"));
            continue;
        };
        let ops = Aspect::Operations;
        s.differs(ops, &op, "operationId", format!("`{}`", l.id), format!("`{}`", r.id));
        s.differs(ops, &op, "deprecated", l.deprecated.to_string(), r.deprecated.to_string());
        s.differs(ops, &op, "credential schemes", set_text(&l.schemes), set_text(&r.schemes));
        s.differs(ops, &op, "scopes", set_text(&l.scopes), set_text(&r.scopes));
        s.differs(ops, &op, "request body content type", set_text(&l.body), set_text(&r.body));
        let body = |b: Option<bool>| b.map_or("absent", yes_no).to_owned();
        s.differs(ops, &op, "request body", body(l.body_required), body(r.body_required));
        s.differs(ops, &op, "credential", l.credential.to_owned(), r.credential.to_owned());
        s.differs(ops, &op, "idempotent", l.idempotent.to_string(), r.idempotent.to_string());

        let params = Aspect::Parameters;
        for (key, lp) in &l.params {
            let location = &key.0;
            let Some(rp) = r.params.get(key) else {
                let message =
                    format!("{op}: {location} parameter `{}` is in {left_name} but not in {right_name}", lp.name);
                s.push(params, message);
                continue;
            };
            let what = |facet: &str| format!("{location} parameter `{}`: {facet}", lp.name);
            s.differs(params, &op, &what("required"), yes_no(lp.required).into(), yes_no(rp.required).into());
            s.differs(params, &op, &what("type"), format!("`{}`", lp.ty), format!("`{}`", rp.ty));
            let facets: BTreeSet<&str> = lp.facets.keys().chain(rp.facets.keys()).copied().collect();
            for facet in facets {
                let label = if facet == "enum" { "enum values" } else { facet };
                s.differs(params, &op, &what(label), shown(lp.facets.get(facet)), shown(rp.facets.get(facet)));
            }
        }
        for (key, rp) in &r.params {
            if !l.params.contains_key(key) {
                let message =
                    format!("{op}: {} parameter `{}` is in {right_name} but not in {left_name}", key.0, rp.name);
                s.push(params, message);
            }
        }

        for (status, headers) in &l.statuses {
            let Some(theirs) = r.statuses.get(status) else {
                s.push(Aspect::Statuses, format!("{op}: response {status} is in {left_name} but not in {right_name}"));
                continue;
            };
            for (lower, name) in headers {
                if !theirs.contains_key(lower) {
                    let message = format!(
                        "{op}: response {status} header `{name}` is declared in {left_name} but not in {right_name}"
                    );
                    s.push(Aspect::Statuses, message);
                }
            }
        }
        // Codes one way: the right side's descriptions are free text that
        // often names no code, so the docs' codes are checked against the
        // running sandbox instead (live.rs).
        for (status, codes) in &r.codes {
            let theirs = l.codes.get(status);
            for code in codes.iter().filter(|c| theirs.is_some_and(|t| !t.contains(*c))) {
                let message =
                    format!("{op}: response {status} code `{code}` is named in {right_name} but not in {left_name}");
                s.push(Aspect::Statuses, message);
            }
        }
        for status in r.statuses.keys().filter(|status| !l.statuses.contains_key(*status)) {
            s.push(Aspect::Statuses, format!("{op}: response {status} is in {right_name} but not in {left_name}"));
        }
    }
    for ((method, path), r) in right {
        if !left.contains_key(&(method.clone(), path.clone())) {
            let message = format!("{method} {path} ({}) is in {right_name} but not in {left_name}", r.id);
            s.push(Aspect::Operations, message);
        }
    }
    s.out
}

pub fn assert_none(what: &str, differences: Vec<Difference>, aspects: &[Aspect]) {
    let found: Vec<String> = differences
        .into_iter()
        .filter(|d| aspects.contains(&d.aspect))
        .enumerate()
        .map(|(i, d)| format!("{:>3}. {}", i + 1, d.message))
        .collect();
    assert!(found.is_empty(), "{what}: {} difference(s):\n{}\n", found.len(), found.join("\n"));
}
