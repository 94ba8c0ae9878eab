//! The JSON output checked against schema/protosmith-docs.schema.json.

use serde_json::Value;

pub fn validator() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/protosmith-docs.schema.json"
    );
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

pub fn check(name: &str, json: &str) -> Value {
    let value: Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{name} does not match the schema:\n{}",
        errors.join("\n")
    );
    value
}
