//! The Rust side of the interop matrix: the `Interop` service's stubs, the
//! example module's error registry (linked from protosmith-tests, which
//! includes the generated `gen/errors/rust` files), and the case format of
//! `tests/interop/cases.json`.

use std::collections::BTreeMap;

use grpc_errors::{Code, Error, ErrorDef};
use serde_json::Value;

include!(concat!(env!("OUT_DIR"), "/protosmith.rs"));

/// The example module's registered definitions: referencing them keeps the
/// generated code (and its registrations) linked into the binaries.
pub fn example_definitions() -> Vec<&'static ErrorDef> {
    use protosmith_tests::acme::order::v1::errors::{OrderErrorKind, PaymentErrorKind};
    use protosmith_tests::acme::user::v1::UserErrorKind;
    let mut all: Vec<&'static ErrorDef> = Vec::new();
    all.extend(UserErrorKind::ALL.iter().map(|k| k.definition()));
    all.extend(OrderErrorKind::ALL.iter().map(|k| k.definition()));
    all.extend(PaymentErrorKind::ALL.iter().map(|k| k.definition()));
    all
}

/// The registered definition of `reason`, if the example module has one.
pub fn definition(reason: &str) -> Option<&'static ErrorDef> {
    example_definitions()
        .into_iter()
        .find(|d| d.reason == reason)
}

/// A JSON object of strings as a map; anything else is empty.
pub fn strings(value: &Value) -> BTreeMap<String, String> {
    value
        .as_object()
        .map(|object| {
            object
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// The error a `raise` object asks for (tests/interop/README.md).
pub fn raise(raise: &Value) -> Result<Error, String> {
    if let Some(custom) = raise.get("custom") {
        let code = Code::from_i32(custom["code"].as_i64().unwrap_or(2) as i32);
        let mut error = Error::new(
            code,
            custom["reason"].as_str().unwrap_or_default().to_owned(),
            custom["message"].as_str().unwrap_or_default().to_owned(),
        )
        .with_domain(custom["domain"].as_str().unwrap_or_default().to_owned());
        for (key, value) in strings(&custom["metadata"]) {
            error = error.with_metadata(key, value);
        }
        return Ok(error);
    }
    let reason = raise["reason"].as_str().unwrap_or_default();
    let def = definition(reason).ok_or_else(|| format!("reason {reason:?} is not registered"))?;
    let mut error = def.to_error().with_args(strings(&raise["args"]));
    for (key, value) in strings(&raise["extra_metadata"]) {
        error = error.with_metadata(key, value);
    }
    Ok(error)
}
