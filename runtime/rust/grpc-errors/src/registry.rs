//! Error definitions emitted by protoc-gen-errors, and the process-wide
//! registry that lets a decoded wire error find its definition again.
//!
//! Generated code registers its definitions with `inventory`, so linking a
//! generated module is all it takes: there is no `register()` to forget.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::{Code, Error};

/// One error as declared in a .proto file: what protoc-gen-errors knows at
/// generation time. Values are `'static`; an [`Error`] made from it points back
/// here, so registered definitions are never mutated.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ErrorDef {
    /// The gRPC code sent with the error.
    pub code: Code,
    /// Unique reason: `user.v1.USER_ERROR_NOT_FOUND` (ego) or `USER_ERROR_NOT_FOUND` (AIP-193).
    pub reason: &'static str,
    /// ErrorInfo domain; empty for ego-style reasons, which are unique on their own.
    pub domain: &'static str,
    /// Message template; `{name}` placeholders are filled from metadata.
    pub message: &'static str,
    /// Placeholders of the message template, in order of first appearance.
    pub placeholders: &'static [&'static str],
    /// Translations of the message, `(language, template)`, sorted by language.
    pub i18n: &'static [(&'static str, &'static str)],
    /// Full name of the proto enum value: `user.v1.USER_ERROR_NOT_FOUND`.
    pub proto_name: &'static str,
    /// Number of the proto enum value.
    pub number: i32,
}

impl ErrorDef {
    /// A new error value carrying this definition, its code, reason and default message.
    pub fn to_error(&'static self) -> Error {
        Error::from_def(self)
    }

    /// HTTP status for this definition's code (google/rpc/code.proto mapping).
    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }

    /// The message template for `language`, if the proto gave one.
    pub fn translation(&self, language: &str) -> Option<&'static str> {
        self.i18n
            .iter()
            .find(|(lang, _)| *lang == language)
            .map(|(_, text)| *text)
    }

    /// Whether `error` is an instance of this definition (same reason and domain).
    pub fn matches(&self, error: &Error) -> bool {
        !self.reason.is_empty() && error.reason() == self.reason && error.domain() == self.domain
    }
}

/// A group of definitions submitted by generated code.
#[derive(Debug)]
pub struct Registration(pub &'static [ErrorDef]);

inventory::collect!(Registration);

struct Registry {
    by_key: HashMap<(&'static str, &'static str), &'static ErrorDef>,
    duplicates: Vec<(&'static ErrorDef, &'static ErrorDef)>,
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut by_key = HashMap::new();
        let mut duplicates = Vec::new();
        for registration in inventory::iter::<Registration> {
            for def in registration.0 {
                if let Some(first) = by_key.insert((def.domain, def.reason), def) {
                    // Keep the first definition so lookups do not depend on which
                    // duplicate happened to be registered last.
                    by_key.insert((def.domain, def.reason), first);
                    duplicates.push((first, def));
                }
            }
        }
        Registry { by_key, duplicates }
    })
}

/// The registered definition for `(domain, reason)`.
pub fn lookup(domain: &str, reason: &str) -> Option<&'static ErrorDef> {
    registry().by_key.get(&(domain, reason)).copied()
}

/// Every registered definition, sorted by domain then reason.
pub fn all() -> Vec<&'static ErrorDef> {
    let mut defs: Vec<_> = registry().by_key.values().copied().collect();
    defs.sort_by_key(|def| (def.domain, def.reason));
    defs
}

/// Pairs of definitions linked into this program that share a reason and
/// domain. protoc-gen-errors rejects duplicates within one generation run;
/// this catches those that only meet when separately generated crates are
/// linked together. A service can assert it is empty at start-up.
pub fn duplicates() -> &'static [(&'static ErrorDef, &'static ErrorDef)] {
    &registry().duplicates
}
