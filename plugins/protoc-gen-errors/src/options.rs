//! The plugin's options (`--errors_opt`, buf's `opt:`), typed once by the shell.

use protosmith_core::catalog::{self, Settings};
use protosmith_core::options::{Parameters, PluginOptions, push_entry};
use protosmith_core::{Diagnostic, Diagnostics};

/// The language protoc-gen-errors writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Rust,
    Php,
}

impl Lang {
    /// Every language, as `lang=` names it.
    pub const ALL: &[(&str, Lang)] = &[("rust", Lang::Rust), ("php", Lang::Php)];

    pub fn name(self) -> &'static str {
        Lang::ALL
            .iter()
            .find(|(_, lang)| *lang == self)
            .map_or("rust", |(name, _)| name)
    }
}

/// Everything a run of protoc-gen-errors is told.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorsOptions {
    /// How reasons and domains are formed; the docs take the same settings.
    pub catalog: Settings,
    pub lang: Lang,
    /// Rust: the path of the runtime crate in generated code (`runtime_path=`).
    pub runtime_path: Option<String>,
}

impl PluginOptions for ErrorsOptions {
    const PLUGIN: &'static str = "protoc-gen-errors";
    const KEYS: &'static [&'static str] = &[
        "reason_style",
        "domain",
        "unique_numbers",
        "lang",
        "runtime_path",
    ];

    fn from_parameters(parameters: &Parameters) -> Result<Self, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let catalog = Settings::from_parameters(parameters).unwrap_or_else(|d| {
            diagnostics.extend(d);
            Settings::default()
        });
        let lang = parameters
            .choice("lang", Lang::ALL, "lang=rust or lang=php")
            .unwrap_or_else(|d| {
                diagnostics.push(d);
                None
            })
            .unwrap_or_default();
        let runtime_path = parameters.get("runtime_path").map(str::to_owned);
        if runtime_path.as_deref() == Some("") {
            diagnostics.push(Diagnostic::general(
                "parameter runtime_path= is empty: give the path of the runtime crate, e.g. runtime_path=::grpc_errors, or leave it out",
            ));
        }
        if let (Some(path), Lang::Php) = (&runtime_path, lang) {
            diagnostics.push(Diagnostic::general(format!(
                "parameter runtime_path={path}: PHP output always uses the runtime's namespace Protosmith\\GrpcErrors (composer package protosmith/grpc-errors); leave runtime_path out with lang=php"
            )));
        }
        diagnostics.into_result(ErrorsOptions {
            catalog,
            lang,
            runtime_path,
        })
    }
}

impl std::fmt::Display for ErrorsOptions {
    /// The parameter string that parses back to these options.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parameter = String::new();
        self.catalog.push_entries(&mut parameter);
        if self.lang != Lang::default() {
            push_entry(&mut parameter, "lang", self.lang.name());
        }
        if let Some(path) = &self.runtime_path {
            push_entry(&mut parameter, "runtime_path", path);
        }
        f.write_str(&parameter)
    }
}

/// The keys of [`catalog::Settings`], which protoc-gen-docs accepts too.
pub const CATALOG_KEYS: [&str; 3] = catalog::PARAMETER_KEYS;

#[cfg(test)]
mod tests {
    use super::*;
    use protosmith_core::catalog::ReasonStyle;

    #[test]
    fn prints_back_to_what_parses_to_it() {
        let options = ErrorsOptions {
            catalog: Settings {
                reason_style: ReasonStyle::Aip,
                domain: Some("user.acme.example".into()),
                unique_numbers: true,
            },
            lang: Lang::Rust,
            runtime_path: Some("crate::errors".into()),
        };
        assert_eq!(
            options.to_string(),
            "reason_style=aip,domain=user.acme.example,unique_numbers,runtime_path=crate::errors"
        );
        assert_eq!(ErrorsOptions::parse(&options.to_string()), Ok(options));
        assert_eq!(ErrorsOptions::parse(""), Ok(ErrorsOptions::default()));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let err = ErrorsOptions::parse("lang=rsut,reason_style=aip,reason_style=ego,domian=x")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter reason_style is given twice (reason_style=aip and reason_style=ego): give it once"
        );
        let err = ErrorsOptions::parse("lang=rsut,domian=x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown parameter \"domian\" for protoc-gen-errors: did you mean domain?"
        );
        let err = ErrorsOptions::parse("lang=rsut,domain=acme example").unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter domain=acme example: a domain is a DNS-style name of letters, digits, '.', '-' and '_', e.g. domain=user.acme.example\n\
             parameter lang=rsut: did you mean lang=rust? expected lang=rust or lang=php"
        );
    }

    #[test]
    fn php_takes_no_runtime_path() {
        assert_eq!(ErrorsOptions::parse("lang=php").unwrap().lang, Lang::Php);
        assert_eq!(
            ErrorsOptions::parse("lang=php").unwrap().to_string(),
            "lang=php"
        );
        assert_eq!(
            ErrorsOptions::parse("lang=pph").unwrap_err().to_string(),
            "parameter lang=pph: did you mean lang=php? expected lang=rust or lang=php"
        );
        assert_eq!(
            ErrorsOptions::parse("lang=php,runtime_path=::grpc_errors")
                .unwrap_err()
                .to_string(),
            "parameter runtime_path=::grpc_errors: PHP output always uses the runtime's namespace Protosmith\\GrpcErrors \
             (composer package protosmith/grpc-errors); leave runtime_path out with lang=php"
        );
    }
}
