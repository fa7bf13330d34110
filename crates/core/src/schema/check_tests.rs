//! The schema language and the checker, on small objects written here.

use serde_json::json;

use super::*;
use crate::schema::object::parse_object;

fn objects() -> Vec<ObjectDef> {
    let thing = "id: string, required, pattern ^th_[a-z]+$\n\
                 kind: string, required, enum a|b\n\
                 size: integer, min 1, max 10\n\
                 ratio: number, nullable\n\
                 when: string, format date-time\n\
                 tags: array, values string\n\
                 labels: object, values string, max-properties 2\n\
                 owner: Owner\n\
                 parent: Owner, nullable\n";
    let page = "data: array, required, values Thing\nnext: string, required, nullable\n";
    let owner = "name: string, required, min-length 1\n";
    [("Thing", thing), ("Page", page), ("Owner", owner)]
        .iter()
        .map(|(name, code)| parse_object(code, &[name], "reference/things.md", "/reference/things", 10).unwrap())
        .collect()
}

fn diffs(value: serde_json::Value) -> Vec<(String, DifferenceKind)> {
    check_value(&objects(), Expect::Object("Page".into()), &value).into_iter().map(|d| (d.path, d.kind)).collect()
}

fn thing() -> serde_json::Value {
    json!({"id": "th_a", "kind": "a"})
}

#[test]
fn a_matching_value_has_no_difference() {
    let full = json!({"id": "th_ab", "kind": "b", "size": 10, "ratio": null, "when": "2026-04-28T10:02:11Z",
        "tags": ["x"], "labels": {"a": "b"}, "owner": {"name": "n"}, "parent": null});
    assert_eq!(diffs(json!({"data": [thing(), full], "next": null})), []);
    // Integers may carry a zero fraction, as JSON Schema allows.
    assert_eq!(diffs(json!({"data": [{"id": "th_a", "kind": "a", "size": 3.0}], "next": "c"})), []);
}

/// Differences come in document order, depth first.
#[test]
fn each_kind_of_difference_with_its_path() {
    use DifferenceKind::*;
    let value = json!({
        "data": [
            {"id": "th_a", "kind": "c", "extra": 1},
            {"id": "TH", "size": "3", "owner": {}},
            {"id": "th_a", "kind": "a", "size": 11, "tags": ["x", 2], "labels": {"a": "1", "b": "2", "c": "3"}},
            {"id": "th_a", "kind": "a", "when": "yesterday", "owner": null, "parent": 5}
        ],
        "next": 7,
        "odd key": true
    });
    assert_eq!(
        diffs(value),
        [
            ("$.data[0].kind".into(), OutOfLimits),
            ("$.data[0].extra".into(), UndocumentedField),
            ("$.data[1].kind".into(), MissingField),
            ("$.data[1].id".into(), OutOfLimits),
            ("$.data[1].size".into(), WrongType),
            ("$.data[1].owner.name".into(), MissingField),
            ("$.data[2].size".into(), OutOfLimits),
            ("$.data[2].tags[1]".into(), WrongType),
            ("$.data[2].labels".into(), OutOfLimits),
            ("$.data[3].when".into(), OutOfLimits),
            ("$.data[3].owner".into(), WrongType),
            ("$.data[3].parent".into(), WrongType),
            ("$.next".into(), WrongType),
            ("$[\"odd key\"]".into(), UndocumentedField),
        ]
    );
}

#[test]
fn differences_link_to_the_row_they_break() {
    let found = check_value(&objects(), Expect::Object("Thing".into()), &json!({"id": "th_a", "kind": "z"}));
    let doc = found[0].doc.as_ref().unwrap();
    assert_eq!(doc.label, "Thing.kind");
    assert_eq!(doc.link, "/reference/things#object-thing-kind");
    assert_eq!(found[0].message, "kind must be a or b; \"z\" is not");
    let found = check_value(&objects(), Expect::Object("Thing".into()), &json!([]));
    assert_eq!(found[0].message, "expected Thing (an object), found an array");
    assert_eq!(found[0].doc.as_ref().unwrap().link, "/reference/things#object-thing");
}

#[test]
fn the_walk_resumes_in_slices_and_ends_with_the_same_answer() {
    let items: Vec<_> = (0..500).map(|i| if i % 100 == 0 { json!({"id": "bad"}) } else { thing() }).collect();
    let value = json!({"data": items, "next": null});
    let whole = check_value(&objects(), Expect::Object("Page".into()), &value);
    let mut check = Check::new(Expect::Object("Page".into()));
    let mut calls = 0;
    while !check.run(&objects(), &value, 7) {
        calls += 1;
    }
    assert!(calls > 100, "{calls} slices");
    assert!(check.is_done());
    assert_eq!(check.differences(), whole.as_slice());
    assert_eq!(whole.len(), 10, "5 bad ids and 5 missing kinds");
    // One step per member or item visited, and one to close each object
    // and list: the page (2 + 1), its list (500 + 1), 495 whole items
    // (2 + 1 each) and 5 bad ones (1 + 1 each).
    assert_eq!(check.steps(), 3 + 501 + 495 * 3 + 5 * 2);
}

#[test]
fn headings_count_in_words() {
    assert_eq!(differences_heading(1), "1 difference from the docs");
    assert_eq!(differences_heading(20), "20 differences from the docs");
    assert_eq!(more_note(250, 200).as_deref(), Some("…and 50 more, not listed."));
    assert_eq!(more_note(3, 3), None);
}

#[test]
fn differences_are_capped_but_counted() {
    let items: Vec<_> = (0..300).map(|_| json!({"id": 1, "kind": "a"})).collect();
    let mut check = Check::new(Expect::Object("Page".into()));
    while !check.run(&objects(), &json!({"data": items, "next": null}), 1000) {}
    assert_eq!(check.differences().len(), MAX_DIFFERENCES);
    assert_eq!(check.total(), 300);
}

#[test]
fn the_block_reports_mistakes_with_their_lines() {
    let err = |code: &str, annotations: &[&str]| {
        parse_object(code, annotations, "guides/x.md", "/x", 4)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        err("a: strin\n", &["Thing"]),
        [
            "content/guides/x.md:5: unknown type \"strin\" for `a`: use string, integer, number, boolean, object or array"
        ]
    );
    assert_eq!(
        err("a: string\n  desc\nb string\n", &["Thing"]),
        ["content/guides/x.md:7: expected `<field>: <type>[, <attribute>]*`, found \"b string\""]
    );
    assert_eq!(
        err("a: string\na: integer\n", &["Thing"]),
        ["content/guides/x.md:6: the field `a` is declared twice in Thing"]
    );
    assert_eq!(err("  stray\n", &["Thing"]), ["content/guides/x.md:5: an indented line must follow a field"]);
    assert_eq!(
        err("a: string\n", &["thing"])[0],
        "content/guides/x.md:4: \"thing\" is not an object name: start with a capital letter, then letters and digits"
    );
    assert_eq!(
        err("a: string\n", &[])[0],
        "content/guides/x.md:4: an object block opens with ```object <Name>, optionally followed by its media type"
    );
    assert_eq!(
        err("a: string, min 3\n", &["Thing"]),
        ["content/guides/x.md:5: `min` applies to integer or number parameters, and `a` is string"]
    );
    let ok = parse_object(
        "a: string\n  First.\n\n  Second.\nb: Other, nullable\n",
        &["Thing", "application/problem+json"],
        "g.md",
        "/g",
        1,
    )
    .unwrap();
    assert_eq!(ok.fields[0].description, "First. Second.");
    assert_eq!(ok.fields[1].is_object(), Some("Other"));
    assert_eq!(ok.media_type, "application/problem+json");
}

#[test]
fn json_schema_of_an_object() {
    let objects = objects();
    let schema = objects[0].json_schema(&|p| p.description.clone());
    assert_eq!(schema["additionalProperties"], json!(false));
    assert_eq!(schema["required"], json!(["id", "kind"]));
    assert_eq!(schema["properties"]["owner"], json!({"$ref": "#/components/schemas/Owner"}));
    assert_eq!(
        schema["properties"]["parent"],
        json!({"anyOf": [{"$ref": "#/components/schemas/Owner"}, {"type": "null"}]})
    );
    assert_eq!(schema["properties"]["ratio"], json!({"type": ["number", "null"]}));
    assert_eq!(schema["properties"]["kind"], json!({"type": "string", "enum": ["a", "b"]}));
    assert_eq!(
        objects[1].json_schema(&|_| String::new())["properties"]["data"],
        json!({"type": "array", "items": {"$ref": "#/components/schemas/Thing"}})
    );
}
