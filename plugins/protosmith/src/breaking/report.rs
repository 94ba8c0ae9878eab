//! The findings as text for people, JSON for tools, and GitLab's
//! code-quality report so merge requests show them inline.

use std::fmt::Write as _;

use protosmith_core::Location;
use serde_json::{Value, json};

use super::compare::{Finding, Severity};

pub struct Report<'a> {
    pub findings: &'a [Finding],
    /// How paths of the current version start: `proto/`.
    pub current: &'a str,
    /// How paths of the previous version start: `main:proto/`.
    pub previous: &'a str,
}

impl Report<'_> {
    fn at(prefix: &str, location: Option<&Location>) -> Option<String> {
        location.map(|l| format!("{prefix}{}:{}:{}", l.file, l.line, l.column))
    }

    /// `proto/x.proto:3:5: error CODE_CHANGED: ... (was main:proto/x.proto:3:5)`, then a count.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for f in self.findings {
            let here = Self::at(self.current, f.current.as_ref())
                .or_else(|| Self::at(self.previous, f.previous.as_ref()))
                .unwrap_or_default();
            let severity = match (f.severity, &f.allowed) {
                (_, Some(_)) => "allowed",
                (Severity::Error, None) => "error",
                (Severity::Warning, None) => "warning",
            };
            let _ = write!(out, "{here}: {severity} {}: {}", f.rule, f.message);
            let was = f
                .current
                .as_ref()
                .and_then(|_| Self::at(self.previous, f.previous.as_ref()));
            if let Some(was) = was {
                let _ = write!(out, " (was {was})");
            }
            if let Some(why) = &f.allowed {
                let _ = write!(out, " [allowed: {why}]");
            }
            out.push('\n');
        }
        let (errors, warnings, allowed) = self.counts();
        let _ = writeln!(
            out,
            "protosmith breaking: {errors} breaking, {warnings} warning(s), {allowed} allowed"
        );
        out
    }

    pub fn json(&self) -> String {
        let findings: Vec<Value> = self
            .findings
            .iter()
            .map(|f| {
                json!({
                    "severity": f.severity,
                    "rule": f.rule,
                    "message": f.message,
                    "current": Self::at(self.current, f.current.as_ref()),
                    "previous": Self::at(self.previous, f.previous.as_ref()),
                    "allowed": f.allowed,
                })
            })
            .collect();
        let (errors, warnings, allowed) = self.counts();
        let report = json!({
            "findings": findings,
            "breaking": errors,
            "warnings": warnings,
            "allowed": allowed,
        });
        format!(
            "{}\n",
            serde_json::to_string_pretty(&report).expect("JSON values serialize")
        )
    }

    /// GitLab's code-quality format (a JSON array, one issue per finding,
    /// paths relative to the repository root, a stable fingerprint each).
    pub fn gitlab(&self) -> String {
        let issues: Vec<Value> = self
            .findings
            .iter()
            .map(|f| {
                let (path, line) = match (&f.current, &f.previous) {
                    (Some(l), _) => (format!("{}{}", self.current, l.file), l.line),
                    (None, Some(l)) => (format!("{}{}", self.current, l.file), l.line),
                    (None, None) => (self.current.to_owned(), 1),
                };
                let severity = match (f.severity, &f.allowed) {
                    (_, Some(_)) => "info",
                    (Severity::Error, None) => "major",
                    (Severity::Warning, None) => "minor",
                };
                json!({
                    "description": format!("{}: {}", f.rule, f.message),
                    "check_name": format!("protosmith-breaking/{}", f.rule),
                    "fingerprint": fingerprint(&[f.rule, &path, &f.message]),
                    "severity": severity,
                    "location": { "path": path, "lines": { "begin": line } },
                })
            })
            .collect();
        format!(
            "{}\n",
            serde_json::to_string_pretty(&issues).expect("JSON values serialize")
        )
    }

    fn counts(&self) -> (usize, usize, usize) {
        let allowed = self.findings.iter().filter(|f| f.allowed.is_some()).count();
        let count = |severity| {
            self.findings
                .iter()
                .filter(|f| f.allowed.is_none() && f.severity == severity)
                .count()
        };
        (count(Severity::Error), count(Severity::Warning), allowed)
    }
}

/// FNV-1a, 64 bits, in hex: the same finding keeps its fingerprint across
/// runs and Rust versions, which GitLab needs to tell new findings from old.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
