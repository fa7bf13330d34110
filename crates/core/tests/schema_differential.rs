//! The schema checker against Python's `jsonschema` (PyPI), the reference
//! JSON Schema validator: generated instances of every documented object,
//! valid and invalid, get the same verdict from `explorer_core::schema` and
//! from `jsonschema` run on the OpenAPI export's `components/schemas`
//! (with its date-time, uri and uuid format checkers).
//!
//! The instances come from proptest strategies built from each object's
//! definition: mostly well-formed values, with fields dropped or added,
//! wrong types, boundary lengths and numbers, values outside enums and
//! patterns, and malformed formats. Python runs once over the whole batch.
//!
//! Two readings of RFC 3339 differ on purpose and are not generated: the
//! RFC allows a lowercase `t`/`z` and a leap second (`:60`); the
//! `rfc3339-validator` package refuses both, and so would reject real
//! responses the explorer accepts.

use std::io::Write as _;
use std::process::Command;

use explorer_core::Docs;
use explorer_core::operation::{Format, Param, ParamType};
use explorer_core::schema::{Expect, ObjectDef, check_value};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Value, json};

const INSTANCES: usize = 2000;
const MAX_DEPTH: usize = 3;

fn docs() -> &'static Docs {
    Box::leak(Box::new(Docs::load(explorer_content::FILES).expect("the docs load")))
}

fn wrong_type() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(json!(7)),
        Just(json!("7")),
        Just(json!(true)),
        Just(json!([])),
        Just(json!({})),
        Just(Value::Null),
        Just(json!(2.5)),
    ]
    .boxed()
}

fn strings(p: &Param) -> BoxedStrategy<Value> {
    let c = &p.constraints;
    let mut fixed: Vec<String> = vec![String::new(), "a".into(), "A b".into(), "é".into()];
    fixed.extend(p.example.iter().cloned());
    fixed.extend(c.enum_values.iter().cloned());
    fixed.extend(c.enum_values.iter().map(|v| format!("{v}x")));
    for n in [c.min_length, c.max_length].into_iter().flatten() {
        fixed.extend([n.saturating_sub(1), n, n + 1].map(|len| "b".repeat(len)));
    }
    fixed.extend(
        match c.format {
            Some(Format::DateTime) => vec![
                "2026-04-28T10:02:11Z",
                "2026-04-28T10:02:11.123+02:00",
                "2024-02-29T00:00:00Z",
                "2026-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-04-28",
                "2026-04-28T10:02:11",
                "yesterday",
            ],
            Some(Format::Uri) => vec![
                "https://api.cloudplatform.dev/problems/not_found",
                "http://127.0.0.1:8080/errors#rate_limited",
                "urn:isbn:1",
                "/errors#not_found",
                "example.com",
                "https://a b",
            ],
            Some(Format::Uuid) => vec![
                "72d6e4e6-259d-4d4e-9b70-d6765f24e72e",
                "72D6E4E6-259D-4D4E-9B70-D6765F24E72E",
                "72d6e4e6259d-4d4e-9b70-d6765f24e72e0",
                "72d6e4e6-259d-4d4e-9b70-d6765f24e72g",
            ],
            None => Vec::new(),
        }
        .into_iter()
        .map(str::to_owned),
    );
    // A well-formed value: the example, or one drawn from the pattern.
    let typical = match (&p.example, &c.pattern) {
        (Some(example), _) => Just(example.clone()).boxed(),
        (None, Some(pattern)) => {
            let unanchored = pattern.trim_start_matches('^').trim_end_matches('$');
            proptest::string::string_regex(unanchored).expect("the pattern is a regex").boxed()
        }
        (None, None) => "[a-z]{1,8}".boxed(),
    };
    // Shapes the documented patterns look for, right and wrong.
    let shaped = "(res_|evt_|proj_|key_|sk_live_|RES_|)[a-z0-9_-]{0,34}";
    prop_oneof![
        8 => typical.prop_map(Value::String),
        3 => prop::sample::select(fixed).prop_map(Value::String),
        2 => shaped.prop_map(Value::String),
        1 => "[a-zA-Z0-9 .:-]{0,12}".prop_map(Value::String),
    ]
    .boxed()
}

fn numbers(p: &Param) -> BoxedStrategy<Value> {
    let c = &p.constraints;
    let mut fixed: Vec<Value> =
        vec![json!(0), json!(-1), json!(3.0), json!(2.5), json!(1e3), json!(1e16), json!(-2.0e20)];
    fixed.push(serde_json::from_str("12345678901234567890").expect("a JSON number"));
    for n in [c.minimum, c.maximum].into_iter().flatten() {
        fixed.extend([json!(n - 1.0), json!(n), json!(n + 1.0), json!(n - 0.5), json!(n + 0.5)]);
    }
    fixed.extend(c.enum_values.iter().filter_map(|v| serde_json::from_str(v).ok()));
    let typical = p.example.as_deref().and_then(|e| serde_json::from_str(e).ok()).unwrap_or(json!(1));
    prop_oneof![
        6 => Just(typical),
        3 => prop::sample::select(fixed),
        1 => (-5000i64..5000).prop_map(|n| json!(n)),
    ]
    .boxed()
}

/// A value for one field: usually of its type, sometimes of another.
fn field(docs: &'static Docs, p: &'static Param, depth: usize) -> BoxedStrategy<Value> {
    let good = match p.is_object() {
        Some(name) => object(docs, docs.object(name).expect("documented"), depth + 1),
        None => match p.ty {
            ParamType::String => strings(p),
            ParamType::Integer | ParamType::Number => numbers(p),
            ParamType::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
            ParamType::Object => map_of(docs, p, depth),
            ParamType::Array => prop::collection::vec(item(docs, p, depth), 0..4).prop_map(Value::Array).boxed(),
        },
    };
    prop_oneof![30 => good, 1 => wrong_type()].boxed()
}

/// An item of an array field, or a value of a map field.
fn item(docs: &'static Docs, p: &'static Param, depth: usize) -> BoxedStrategy<Value> {
    let good = match (p.items_object(), p.constraints.values) {
        (Some(name), _) => object(docs, docs.object(name).expect("documented"), depth + 1),
        (None, Some(ParamType::String)) => "[a-z:]{0,14}".prop_map(Value::String).boxed(),
        (None, Some(ParamType::Integer | ParamType::Number)) => (-3i64..3).prop_map(|n| json!(n)).boxed(),
        (None, Some(ParamType::Boolean)) => any::<bool>().prop_map(Value::Bool).boxed(),
        (None, _) => Just(json!({})).boxed(),
    };
    prop_oneof![20 => good, 1 => wrong_type()].boxed()
}

fn map_of(docs: &'static Docs, p: &'static Param, depth: usize) -> BoxedStrategy<Value> {
    let members = prop::collection::vec(("[a-z]{1,6}", item(docs, p, depth)), 0..4)
        .prop_map(|pairs| Value::Object(pairs.into_iter().collect()))
        .boxed();
    match p.constraints.max_properties {
        // One key too many, every value well-formed.
        Some(max) => {
            let over = Value::Object((0..=max).map(|i| (format!("k{i}"), json!("v"))).collect());
            prop_oneof![6 => members, 1 => Just(over)].boxed()
        }
        None => members,
    }
}

/// An instance of `def`: fields present or not, now and then one too many.
fn object(docs: &'static Docs, def: &'static ObjectDef, depth: usize) -> BoxedStrategy<Value> {
    if depth > MAX_DEPTH {
        return Just(json!({})).boxed();
    }
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = def
        .fields
        .iter()
        .map(|f| {
            let present = if f.required { 0.97 } else { 0.6 };
            let name = f.name.clone();
            prop::option::weighted(present, field(docs, f, depth))
                .prop_map(move |v| v.map(|v| (name.clone(), v)))
                .boxed()
        })
        .collect();
    let extra = prop::option::weighted(0.05, Just(("zz_extra".to_owned(), json!(1))));
    (fields, extra)
        .prop_map(|(fields, extra)| {
            let mut members = Map::new();
            for (name, value) in fields.into_iter().flatten().chain(extra) {
                members.insert(name, value);
            }
            Value::Object(members)
        })
        .boxed()
}

const PYTHON: &str = r##"
import json, sys
from jsonschema import Draft202012Validator
data = json.load(open(sys.argv[1]))
validators = {}
verdicts = []
for case in data["cases"]:
    name = case["object"]
    if name not in validators:
        schema = {"$ref": "#/components/schemas/" + name, "components": data["components"]}
        validators[name] = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    verdicts.append(validators[name].is_valid(case["instance"]))
print(json.dumps(verdicts))
"##;

fn python_verdicts(components: &Value, cases: &[(String, Value)]) -> Vec<bool> {
    let input = json!({
        "components": components,
        "cases": cases.iter().map(|(o, i)| json!({"object": o, "instance": i})).collect::<Vec<_>>(),
    });
    let path = std::env::temp_dir().join(format!("schema-differential-{}.json", std::process::id()));
    std::fs::File::create(&path).and_then(|mut f| f.write_all(input.to_string().as_bytes())).expect("temp file");
    let output = Command::new("python3").args(["-c", PYTHON]).arg(&path).output();
    let _ = std::fs::remove_file(&path);
    let output = output.expect("python3 runs (install it, then `pip install jsonschema rfc3339-validator rfc3987`)");
    assert!(
        output.status.success(),
        "jsonschema failed (`pip install jsonschema rfc3339-validator rfc3987` if it is missing):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("a JSON list of verdicts")
}

#[test]
fn the_checker_and_jsonschema_agree_on_every_generated_instance() {
    let docs = docs();
    let export: Value = serde_json::from_str(&explorer_core::openapi::export(docs, "http://127.0.0.1:8080")).unwrap();
    let components = &export["components"];
    let seed: u64 = std::env::var("SCHEMA_DIFF_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    });
    eprintln!("SCHEMA_DIFF_SEED={seed}");
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
    let strategies: Vec<(&str, BoxedStrategy<Value>)> =
        docs.objects.iter().map(|o| (o.name.as_str(), object(docs, o, 0))).collect();
    let cases: Vec<(String, Value)> = (0..INSTANCES)
        .map(|i| {
            let (name, strategy) = &strategies[i % strategies.len()];
            ((*name).to_owned(), strategy.new_tree(&mut runner).expect("a value").current())
        })
        .collect();
    let theirs = python_verdicts(components, &cases);
    assert_eq!(theirs.len(), cases.len());
    let mut disagreements = Vec::new();
    for ((name, instance), their_verdict) in cases.iter().zip(&theirs) {
        let differences = check_value(&docs.objects, Expect::Object(name.clone()), instance);
        if differences.is_empty() != *their_verdict {
            let ours: Vec<String> = differences.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
            disagreements.push(format!("{name} {instance}\n    jsonschema: {their_verdict}; ours: {ours:?}"));
        }
    }
    let valid = theirs.iter().filter(|v| **v).count();
    eprintln!(
        "{} instances of {} objects: {valid} valid, {} invalid",
        cases.len(),
        strategies.len(),
        cases.len() - valid
    );
    assert!(disagreements.is_empty(), "{} disagreement(s):\n{}", disagreements.len(), disagreements.join("\n"));
    assert!(valid * 10 >= cases.len() && (cases.len() - valid) * 10 >= cases.len(), "both verdicts are exercised");
}
