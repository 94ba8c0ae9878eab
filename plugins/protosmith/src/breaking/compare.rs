//! The comparison itself: two error catalogs in, findings out. Pure, so
//! every rule is tested here without files or git.

use std::collections::HashMap;

use protosmith_core::Location;
use protosmith_core::catalog::{Catalog, ErrorEnum, ErrorValue};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Callers that match an error, read its metadata or act on its code break.
    Error,
    /// Something callers may notice (a translation is gone).
    Warning,
}

/// One difference that callers of the API would notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// A stable name: `ERROR_REMOVED`, `CODE_CHANGED`, ...
    pub rule: &'static str,
    pub message: String,
    /// Where it is now, when it still exists.
    pub current: Option<Location>,
    /// Where it was.
    pub previous: Option<Location>,
    /// Why the proto author says the break is intended (`@allow_breaking`).
    pub allowed: Option<String>,
}

/// The `@allow_breaking` reasons written in the current protos, by enum or
/// value full name (an enum's covers all its values, removed ones included).
pub type Allowances = HashMap<String, String>;

/// Everything `current` breaks for callers of `previous`, in the order of
/// the previous catalog.
pub fn compare(previous: &Catalog, current: &Catalog, allowances: &Allowances) -> Vec<Finding> {
    let mut findings = Vec::new();
    for old_enum in &previous.enums {
        let new_enum = current
            .enums
            .iter()
            .find(|e| e.full_name == old_enum.full_name);
        for old in &old_enum.values {
            let mut found = |severity, rule, message: String, now: Option<&ErrorValue>| {
                let allowed = allowances
                    .get(&old.full_name)
                    .or_else(|| allowances.get(&old_enum.full_name))
                    .cloned();
                findings.push(Finding {
                    severity,
                    rule,
                    message,
                    current: now.map(|v| v.location.clone()),
                    previous: Some(old.location.clone()),
                    allowed,
                });
            };
            match new_enum.and_then(|e| e.values.iter().find(|v| v.name == old.name)) {
                Some(new) => value_changes(old, new, &mut found),
                None => match reuse(new_enum, old) {
                    Some(new) => found(
                        Severity::Error,
                        "NUMBER_REUSED",
                        format!(
                            "number {} of {} was {} (reason {}) and is now {} (reason {}): a renamed or reused value \
                             is a different error to every caller; add a new number and keep or reserve the old one",
                            old.number,
                            old_enum.full_name,
                            old.name,
                            old.reason,
                            new.name,
                            new.reason
                        ),
                        Some(new),
                    ),
                    None if reason_lives_on(current, old) => {}
                    None => found(
                        Severity::Error,
                        "ERROR_REMOVED",
                        format!(
                            "error {} (reason {}) was removed: callers that match it or handle its code no longer \
                             will; keep it (deprecated) or allow the break",
                            old.full_name, old.reason
                        ),
                        None,
                    ),
                },
            }
        }
    }
    findings
}

fn value_changes(
    old: &ErrorValue,
    new: &ErrorValue,
    found: &mut impl FnMut(Severity, &'static str, String, Option<&ErrorValue>),
) {
    if old.reason != new.reason {
        found(
            Severity::Error,
            "REASON_CHANGED",
            format!(
                "reason of {} changed from {} to {}: callers match errors by reason (was the reason style or domain= changed?)",
                new.full_name, old.reason, new.reason
            ),
            Some(new),
        );
    }
    if old.domain != new.domain {
        found(
            Severity::Error,
            "DOMAIN_CHANGED",
            format!(
                "domain of {} changed from \"{}\" to \"{}\": callers match errors by reason and domain",
                new.full_name, old.domain, new.domain
            ),
            Some(new),
        );
    }
    if old.code != new.code {
        found(
            Severity::Error,
            "CODE_CHANGED",
            format!(
                "code of {} changed from {} (HTTP {}) to {} (HTTP {}): retries, HTTP mapping and callers that \
                 branch on the code change behaviour",
                new.full_name,
                old.code.name(),
                old.code.http_status(),
                new.code.name(),
                new.code.http_status()
            ),
            Some(new),
        );
    }
    for placeholder in &old.message.placeholders {
        if !new.message.placeholders.contains(placeholder) {
            found(
                Severity::Error,
                "PLACEHOLDER_REMOVED",
                format!(
                    "placeholder {{{placeholder}}} was removed from the message of {}: callers read ErrorInfo \
                     metadata \"{placeholder}\", which is no longer sent",
                    new.full_name
                ),
                Some(new),
            );
        }
    }
    for (language, _) in &old.i18n {
        if !new.i18n.iter().any(|(l, _)| l == language) {
            found(
                Severity::Warning,
                "LANGUAGE_DROPPED",
                format!(
                    "translation @i18n.{language} of {} was dropped: callers asking for {language} get the default message",
                    new.full_name
                ),
                Some(new),
            );
        }
    }
}

/// The value of `new_enum` that now has `old`'s number, if one does.
fn reuse<'a>(new_enum: Option<&'a ErrorEnum>, old: &ErrorValue) -> Option<&'a ErrorValue> {
    new_enum?.values.iter().find(|v| v.number == old.number)
}

/// Whether the error moved (another enum or file) keeping its reason and domain.
fn reason_lives_on(current: &Catalog, old: &ErrorValue) -> bool {
    current
        .enums
        .iter()
        .flat_map(|e| &e.values)
        .any(|v| v.reason == old.reason && v.domain == old.domain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use protosmith_core::catalog::{Code, Template};

    fn value(name: &str, number: i32, code: Code, message: &str, i18n: &[&str]) -> ErrorValue {
        ErrorValue {
            name: name.into(),
            full_name: format!("shop.v1.{name}"),
            number,
            code,
            reason: format!("shop.v1.{name}"),
            domain: String::new(),
            message: Template::parse(message).unwrap(),
            i18n: i18n
                .iter()
                .map(|l| ((*l).to_owned(), Template::parse(message).unwrap()))
                .collect(),
            doc: String::new(),
            location: Location {
                file: "shop/v1/shop.proto".into(),
                line: 10 + number as u32,
                column: 3,
            },
            deprecated: false,
        }
    }

    fn catalog(values: Vec<ErrorValue>) -> Catalog {
        Catalog {
            enums: vec![ErrorEnum {
                file: "shop/v1/shop.proto".into(),
                package: "shop.v1".into(),
                name: "ShopError".into(),
                full_name: "shop.v1.ShopError".into(),
                parents: vec![],
                location: Location {
                    file: "shop/v1/shop.proto".into(),
                    line: 5,
                    column: 1,
                },
                doc: String::new(),
                default_code: None,
                values,
                deprecated: false,
            }],
        }
    }

    fn base() -> Vec<ErrorValue> {
        vec![
            value(
                "SHOP_ERROR_MISSING",
                1,
                Code::NotFound,
                "item {sku} missing",
                &["de", "zh"],
            ),
            value("SHOP_ERROR_CLOSED", 2, Code::Unavailable, "closed", &[]),
        ]
    }

    fn rules(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn the_same_catalog_breaks_nothing() {
        assert!(compare(&catalog(base()), &catalog(base()), &Allowances::new()).is_empty());
    }

    #[test]
    fn each_break_is_found_with_both_locations() {
        let mut changed = base();
        changed[0].code = Code::Internal;
        changed[0].message = Template::parse("item missing").unwrap();
        changed[0].i18n.retain(|(l, _)| l == "de");
        changed.remove(1);
        let findings = compare(&catalog(base()), &catalog(changed), &Allowances::new());
        assert_eq!(
            rules(&findings),
            [
                "CODE_CHANGED",
                "PLACEHOLDER_REMOVED",
                "LANGUAGE_DROPPED",
                "ERROR_REMOVED"
            ]
        );
        assert_eq!(
            findings[0].message,
            "code of shop.v1.SHOP_ERROR_MISSING changed from NOT_FOUND (HTTP 404) to INTERNAL (HTTP 500): retries, \
             HTTP mapping and callers that branch on the code change behaviour"
        );
        assert_eq!(findings[2].severity, Severity::Warning);
        assert_eq!(findings[0].previous.as_ref().unwrap().line, 11);
        assert_eq!(findings[0].current.as_ref().unwrap().line, 11);
        assert!(findings[3].current.is_none());
    }

    #[test]
    fn a_renamed_value_reuses_its_number() {
        let mut changed = base();
        changed[1] = value("SHOP_ERROR_SHUT", 2, Code::Unavailable, "closed", &[]);
        let findings = compare(&catalog(base()), &catalog(changed), &Allowances::new());
        assert_eq!(rules(&findings), ["NUMBER_REUSED"]);
        assert!(findings[0].message.starts_with(
            "number 2 of shop.v1.ShopError was SHOP_ERROR_CLOSED (reason shop.v1.SHOP_ERROR_CLOSED) and is now SHOP_ERROR_SHUT"
        ));
    }

    #[test]
    fn a_reason_style_change_changes_every_reason() {
        let mut changed = base();
        for v in &mut changed {
            v.reason = v.name.clone();
            v.domain = "shop.v1".into();
        }
        let findings = compare(&catalog(base()), &catalog(changed), &Allowances::new());
        assert_eq!(
            rules(&findings),
            [
                "REASON_CHANGED",
                "DOMAIN_CHANGED",
                "REASON_CHANGED",
                "DOMAIN_CHANGED"
            ]
        );
    }

    #[test]
    fn allowances_mark_intended_breaks() {
        let mut changed = base();
        changed.remove(1);
        let allow = Allowances::from([(
            "shop.v1.ShopError".to_owned(),
            "closing is gone since v2 (ADR 7)".to_owned(),
        )]);
        let findings = compare(&catalog(base()), &catalog(changed), &allow);
        assert_eq!(
            findings[0].allowed.as_deref(),
            Some("closing is gone since v2 (ADR 7)")
        );
    }
}
