//! The plugin's options (`--errors_opt`, buf's `opt:`), typed once by the shell.

use protosmith_core::catalog::{self, Settings};
use protosmith_core::lang::go::PackageOptions;
use protosmith_core::protocol::Scope;

use crate::go::Flavour;
use protosmith_core::options::{Parameters, PluginOptions, push_entry};
use protosmith_core::{Diagnostic, Diagnostics};

/// The language protoc-gen-errors writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Rust,
    Go,
    /// TypeScript (ESM), beside protoc-gen-es's output.
    Ts,
    Python,
    Java,
    Php,
}

impl Lang {
    /// Every language, as `lang=` names it.
    pub const ALL: &[(&str, Lang)] = &[
        ("rust", Lang::Rust),
        ("go", Lang::Go),
        ("ts", Lang::Ts),
        ("python", Lang::Python),
        ("java", Lang::Java),
        ("php", Lang::Php),
    ];

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
    /// Where generated code finds the runtime (`runtime_path=`): Rust, the
    /// path of the runtime crate; Go, the import path of the module;
    /// TypeScript, the module specifier; Python, the runtime module.
    pub runtime_path: Option<String>,
    /// Go: where protoc-gen-go puts each file's package (`paths`, `module`, `M<file>`).
    pub go: PackageOptions,
    /// Go: which API is generated (`flavour=`).
    pub flavour: Flavour,
}

impl PluginOptions for ErrorsOptions {
    const PLUGIN: &'static str = "protoc-gen-errors";
    /// Files without an error enum (most of a large tree) add nothing to a registry.
    const SCOPE: Scope = Scope::ErrorEnums;
    const KEYS: &'static [&'static str] = &[
        "reason_style",
        "domain",
        "unique_numbers",
        "lang",
        "runtime_path",
        "paths",
        "module",
        "flavour",
    ];
    const KEY_PREFIXES: &'static [&'static str] = &[PackageOptions::KEY_PREFIX];

    fn from_parameters(parameters: &Parameters) -> Result<Self, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let catalog = Settings::from_parameters(parameters).unwrap_or_else(|d| {
            diagnostics.extend(d);
            Settings::default()
        });
        let lang = parameters
            .choice(
                "lang",
                Lang::ALL,
                "lang=rust, lang=go, lang=ts, lang=python, lang=java or lang=php",
            )
            .unwrap_or_else(|d| {
                diagnostics.push(d);
                None
            })
            .unwrap_or_default();
        let runtime_path = parameters.get("runtime_path").map(str::to_owned);
        match (runtime_path.as_deref(), lang) {
            (Some(path), Lang::Php) => diagnostics.push(Diagnostic::general(format!(
                "parameter runtime_path={path}: PHP output always uses the runtime's namespace Protosmith\\GrpcErrors (composer package protosmith/grpc-errors); leave runtime_path out with lang=php"
            ))),
            (Some(""), lang) if lang != Lang::Go => diagnostics.push(Diagnostic::general(
                "parameter runtime_path= is empty: give where generated code finds the runtime (Rust: runtime_path=::grpc_errors, Go: runtime_path=protosmith.dev/grpcerrors, TypeScript: runtime_path=@protosmith/grpc-errors, Python: runtime_path=protosmith_grpc_errors), or leave it out",
            )),
            (Some(path), Lang::Go) => {
                if let Err(d) = crate::go::check_runtime_path(path) {
                    diagnostics.push(d);
                }
            }
            (Some(path), Lang::Java) => diagnostics.push(Diagnostic::general(format!(
                "parameter runtime_path={path} does not apply to lang=java: generated Java always uses the runtime's package dev.protosmith.grpcerrors; leave runtime_path out"
            ))),
            _ => {}
        }
        let go = PackageOptions::from_parameters(parameters).unwrap_or_else(|d| {
            diagnostics.extend(d);
            PackageOptions::default()
        });
        let flavour = parameters
            .choice(
                "flavour",
                Flavour::ALL,
                "flavour=native, flavour=ego or flavour=kratos (with lang=go)",
            )
            .unwrap_or_else(|d| {
                diagnostics.push(d);
                None
            });
        if flavour.is_some() && lang != Lang::Go {
            diagnostics.push(Diagnostic::general(format!(
                "parameter flavour= applies to lang=go only; add lang=go or leave flavour out (lang={})",
                lang.name()
            )));
        }
        diagnostics.into_result(ErrorsOptions {
            catalog,
            lang,
            runtime_path,
            go,
            flavour: flavour.unwrap_or_default(),
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
        self.go.push_entries(&mut parameter);
        if self.flavour != Flavour::default() {
            push_entry(&mut parameter, "flavour", self.flavour.name());
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
            go: PackageOptions::default(),
            flavour: Flavour::Native,
        };
        assert_eq!(
            options.to_string(),
            "reason_style=aip,domain=user.acme.example,unique_numbers,runtime_path=crate::errors"
        );
        assert_eq!(ErrorsOptions::parse(&options.to_string()), Ok(options));
        assert_eq!(ErrorsOptions::parse(""), Ok(ErrorsOptions::default()));
    }

    #[test]
    fn java_takes_no_runtime_path() {
        assert_eq!(ErrorsOptions::parse("lang=java").unwrap().lang, Lang::Java);
        let err = ErrorsOptions::parse("lang=java,runtime_path=x.y").unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter runtime_path=x.y does not apply to lang=java: generated Java always uses the runtime's package dev.protosmith.grpcerrors; leave runtime_path out"
        );
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
             parameter lang=rsut: did you mean lang=rust? expected lang=rust, lang=go, lang=ts, lang=python, lang=java or lang=php"
        );
    }

    #[test]
    fn go_options_parse_and_print_back() {
        let parameter = "lang=go,runtime_path=example.com/errs,module=acme.example/gen/go,Macme/a.proto=acme.example/gen/go/a;a";
        let options = ErrorsOptions::parse(parameter).unwrap();
        assert_eq!(options.lang, Lang::Go);
        assert_eq!(options.go.module.as_deref(), Some("acme.example/gen/go"));
        assert_eq!(
            options.go.mappings["acme/a.proto"],
            "acme.example/gen/go/a;a"
        );
        assert_eq!(options.to_string(), parameter);
        assert_eq!(ErrorsOptions::parse(&options.to_string()), Ok(options));
        let kratos = ErrorsOptions::parse("lang=go,flavour=kratos,reason_style=kratos").unwrap();
        assert_eq!(kratos.flavour, Flavour::Kratos);
        assert_eq!(
            kratos.to_string(),
            "reason_style=kratos,lang=go,flavour=kratos"
        );
        let ego = ErrorsOptions::parse("lang=go,flavour=ego").unwrap();
        assert_eq!(ego.flavour, Flavour::Ego);
        assert_eq!(ego.to_string(), "lang=go,flavour=ego");
        let err = ErrorsOptions::parse("flavour=kratos").unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter flavour= applies to lang=go only; add lang=go or leave flavour out (lang=rust)"
        );
        let err = ErrorsOptions::parse("lang=go,flavour=kratso").unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter flavour=kratso: did you mean flavour=kratos? expected flavour=native, flavour=ego or flavour=kratos (with lang=go)"
        );
        let err = ErrorsOptions::parse("lang=go,runtime_path=,paths=sourcerelative").unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter paths=sourcerelative: did you mean paths=source_relative? expected paths=import or paths=source_relative\n\
             parameter runtime_path= is not a Go import path; write e.g. runtime_path=protosmith.dev/grpcerrors"
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
            "parameter lang=pph: did you mean lang=php? expected lang=rust, lang=go, lang=ts, lang=python, lang=java or lang=php"
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
