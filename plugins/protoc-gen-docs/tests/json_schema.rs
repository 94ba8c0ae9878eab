//! The JSON output matches its documented schema (schema/protosmith-docs.schema.json).

mod common;

use common::schema::{check, validator};
use common::{example, generate, nasty};
use serde_json::Value;

#[test]
fn example_json_matches_the_schema() {
    for (name, json) in generate(&example("format=json")) {
        let value = check(&name, &json);
        assert_eq!(value["schema"], "protosmith-docs/1");
        assert_eq!(value["error_catalog"].as_array().unwrap().len(), 9);
    }
}

#[test]
fn every_kind_of_page_matches_the_schema() {
    for parameter in [
        "format=json",
        "format=json,per_file=true",
        "format=json,sort=name,reason_style=aip",
    ] {
        for (name, json) in generate(&nasty(parameter)) {
            check(&format!("{parameter}: {name}"), &json);
        }
    }
}

#[test]
fn the_schema_is_strict() {
    // A field the schema does not list is an error: the schema documents everything.
    let json = common::single(&example("format=json"));
    let mut value: Value = serde_json::from_str(&json).unwrap();
    value["files"][0]["surprise"] = Value::Bool(true);
    assert!(!validator().is_valid(&value));
}
