//! Error enums: which enums are error enums, and what each of their values
//! means (reason, code, HTTP status, message, translations), read from ego's
//! comment annotations or from protosmith's custom options. Shared by every
//! generator that shows errors (code in each language, documentation).

mod resolve;
mod template;

pub use grpc_errors::Code;
pub use resolve::resolve;
pub use template::{PLACEHOLDER_RULE, Template};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::options::{Parameters, push_entry};

/// How reasons are formed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReasonStyle {
    /// ego's: the value's full name, `user.v1.USER_ERROR_NOT_FOUND`; domain empty
    /// unless `domain=` is given. Go ego services read the same reasons.
    Ego,
    /// AIP-193's: the value name, `USER_ERROR_NOT_FOUND`, with the domain from
    /// `domain=` or else the proto package.
    Aip,
    /// kratos': the bare value name, `USER_ERROR_NOT_FOUND`, and no domain
    /// unless `domain=` is given, as kratos services send and compare them.
    Kratos,
}

/// What the parameters of a run say about errors.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Settings {
    pub reason_style: ReasonStyle,
    pub domain: Option<String>,
    pub unique_numbers: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            reason_style: ReasonStyle::Ego,
            domain: None,
            unique_numbers: false,
        }
    }
}

/// The parameter keys [`Settings`] reads.
pub const PARAMETER_KEYS: [&str; 3] = ["reason_style", "domain", "unique_numbers"];

impl Settings {
    pub fn from_parameters(parameters: &Parameters) -> Result<Settings, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let reason_style = match parameters.get("reason_style") {
            None | Some("ego") => ReasonStyle::Ego,
            Some("aip") => ReasonStyle::Aip,
            Some("kratos") => ReasonStyle::Kratos,
            Some(other) => {
                diagnostics.push(Diagnostic::general(format!(
                    "parameter reason_style={other}: expected reason_style=ego (reason = full name of the value, as ego) \
                     or reason_style=aip (AIP-193: UPPER_SNAKE reason plus domain) \
                     or reason_style=kratos (the bare value name, as kratos)"
                )));
                ReasonStyle::Ego
            }
        };
        let domain = parameters.get("domain").map(str::to_owned);
        match domain.as_deref() {
            Some("") => diagnostics.push(Diagnostic::general(
                "parameter domain= is empty: give the service's domain, e.g. domain=user.example.com, or leave the parameter out",
            )),
            Some(domain) if !is_domain(domain) => diagnostics.push(Diagnostic::general(format!(
                "parameter domain={domain}: a domain is a DNS-style name of letters, digits, '.', '-' and '_', e.g. domain=user.acme.example"
            ))),
            _ => {}
        }
        let unique_numbers = parameters.flag("unique_numbers").unwrap_or_else(|d| {
            diagnostics.push(d);
            false
        });
        diagnostics.into_result(Settings {
            reason_style,
            domain,
            unique_numbers,
        })
    }
}

impl Settings {
    /// Appends the non-default settings to a parameter string.
    pub fn push_entries(&self, parameter: &mut String) {
        match self.reason_style {
            ReasonStyle::Ego => {}
            ReasonStyle::Aip => push_entry(parameter, "reason_style", "aip"),
            ReasonStyle::Kratos => push_entry(parameter, "reason_style", "kratos"),
        }
        if let Some(domain) = &self.domain {
            push_entry(parameter, "domain", domain);
        }
        if self.unique_numbers {
            push_entry(parameter, "unique_numbers", "");
        }
    }
}

fn is_domain(domain: &str) -> bool {
    domain
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Every error enum of a request, in file and declaration order.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub enums: Vec<ErrorEnum>,
}

impl Catalog {
    /// The error enums of one file.
    pub fn enums_in<'a>(&'a self, file: &'a str) -> impl Iterator<Item = &'a ErrorEnum> + 'a {
        self.enums.iter().filter(move |e| e.file == file)
    }
}

#[derive(Clone, Debug)]
pub struct ErrorEnum {
    pub file: String,
    pub package: String,
    pub name: String,
    pub full_name: String,
    /// Names of the messages the enum is nested in, outermost first.
    pub parents: Vec<String>,
    pub location: Location,
    pub doc: String,
    pub default_code: Option<Code>,
    pub values: Vec<ErrorValue>,
    pub deprecated: bool,
}

#[derive(Clone, Debug)]
pub struct ErrorValue {
    pub name: String,
    pub full_name: String,
    pub number: i32,
    pub code: Code,
    pub reason: String,
    pub domain: String,
    pub message: Template,
    /// `(language, template)`, sorted by language.
    pub i18n: Vec<(String, Template)>,
    pub doc: String,
    pub location: Location,
    pub deprecated: bool,
}

impl ErrorValue {
    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }
}
