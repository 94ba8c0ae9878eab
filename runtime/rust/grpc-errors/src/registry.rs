//! Error definitions emitted by protoc-gen-errors, and the process-wide
//! registry that lets a decoded wire error find its definition again.
//!
//! Generated code registers its definitions with `inventory`, so linking a
//! generated module is all it takes: there is no `register()` to forget.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::{Code, Error};

/// One error as declared in a .proto file: what protoc-gen-errors knows at
/// generation time. Values are `'static`; an [`Error`] made from it points back
/// here, so registered definitions are never mutated.
///
/// The fields are public to read. The type is `#[non_exhaustive]`, so code
/// outside this crate builds it only with [`ErrorDef::new`] and the `with_*`
/// methods: a later release can add a field (with a default and a new
/// `with_*` method) without breaking code generated for an earlier one.
#[derive(Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
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

/// The constructors generated code calls. Their signatures are stable: no
/// minor release of this crate changes or removes one, so code generated
/// against an older release keeps compiling (runtime/rust/grpc-errors/tests/generated_code.rs
/// compiles the output of every released generator).
impl ErrorDef {
    /// A definition with a code, a reason and a message template; no domain,
    /// placeholders or translations, proto name empty and number 0 until set.
    pub const fn new(code: Code, reason: &'static str, message: &'static str) -> Self {
        ErrorDef {
            code,
            reason,
            domain: "",
            message,
            placeholders: &[],
            i18n: &[],
            proto_name: "",
            number: 0,
        }
    }

    /// This definition with an ErrorInfo domain.
    #[must_use]
    pub const fn with_domain(self, domain: &'static str) -> Self {
        ErrorDef { domain, ..self }
    }

    /// This definition with the placeholders of its message template, in
    /// order of first appearance.
    #[must_use]
    pub const fn with_placeholders(self, placeholders: &'static [&'static str]) -> Self {
        ErrorDef {
            placeholders,
            ..self
        }
    }

    /// This definition with translations of its message, `(language, template)`
    /// sorted by language.
    #[must_use]
    pub const fn with_i18n(self, i18n: &'static [(&'static str, &'static str)]) -> Self {
        ErrorDef { i18n, ..self }
    }

    /// This definition with the full name and number of its proto enum value.
    #[must_use]
    pub const fn with_proto(self, proto_name: &'static str, number: i32) -> Self {
        ErrorDef {
            proto_name,
            number,
            ..self
        }
    }
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

/// A group of definitions submitted by generated code through [`register!`](crate::register).
#[derive(Debug)]
#[non_exhaustive]
pub struct Registration(pub &'static [ErrorDef]);

impl Registration {
    /// What [`register!`](crate::register) submits; stable like [`ErrorDef::new`].
    pub const fn new(definitions: &'static [ErrorDef]) -> Self {
        Registration(definitions)
    }
}

inventory::collect!(Registration);

/// Keys are the registered definitions' own strings, fixed before the first
/// lookup, so a peer choosing the reasons it sends cannot grow a bucket: a
/// fast unkeyed hash is safe here (SipHash was 7% of `from_status` in a profile).
type ByKey =
    HashMap<(&'static str, &'static str), &'static ErrorDef, BuildHasherDefault<WordHasher>>;

struct Registry {
    by_key: ByKey,
    duplicates: Vec<(&'static ErrorDef, &'static ErrorDef)>,
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut by_key = ByKey::default();
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

/// FxHash's mixing step (rustc's hasher), eight bytes at a time.
#[derive(Default)]
struct WordHasher(u64);

impl WordHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let mut tail = [0; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.mix(u64::from_le_bytes(tail));
    }

    fn write_u8(&mut self, byte: u8) {
        self.mix(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
