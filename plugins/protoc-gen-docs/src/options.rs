//! The plugin parameter (`--docs_opt`, buf's `opt:`), read into [`Options`].

use std::path::Path;

use protosmith_core::catalog::Settings;
use protosmith_core::options::{Parameters, PluginOptions};
use protosmith_core::{Diagnostic, Diagnostics};

/// Every parameter the plugin accepts: its own, then the error settings it
/// shares with protoc-gen-errors so that both show the same reasons.
pub const PARAMETERS: [&str; 9] = [
    "format",
    "template",
    "file",
    "per_file",
    "sort",
    "title",
    "reason_style",
    "domain",
    "unique_numbers",
];

/// What a run writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
    /// A Tera template read from this path (relative to the directory protoc, buf or protosmith runs in).
    Template(String),
}

/// Element order within a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// As declared in the .proto file (the default).
    Declaration,
    /// Services, methods, messages, enums and extensions by name; fields and
    /// enum values stay in declaration order, which is how their numbers read.
    Name,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub format: Format,
    /// The single page, or the index page with `per_file`.
    pub file: String,
    pub per_file: bool,
    pub sort: Sort,
    pub title: String,
    pub errors: Settings,
}

const DEFAULT_TITLE: &str = "API documentation";

impl Default for Options {
    /// What an empty parameter gives: one Markdown page, `index.md`.
    fn default() -> Self {
        Options {
            format: Format::Markdown,
            file: default_file_name(&Format::Markdown),
            per_file: false,
            sort: Sort::Declaration,
            title: DEFAULT_TITLE.to_owned(),
            errors: Settings::default(),
        }
    }
}

impl PluginOptions for Options {
    const PLUGIN: &'static str = "protoc-gen-docs";
    const KEYS: &'static [&'static str] = &PARAMETERS;

    fn from_parameters(parameters: &Parameters) -> Result<Options, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let errors = Settings::from_parameters(parameters).unwrap_or_else(|d| {
            diagnostics.extend(d);
            Settings::default()
        });
        let format = match (parameters.get("format"), parameters.get("template")) {
            (Some(_), Some(_)) => {
                diagnostics.push(Diagnostic::general(
                    "parameters format= and template= both given: a run writes one format, built in (format=) or from a Tera template (template=)",
                ));
                Format::Markdown
            }
            (None, Some("")) => {
                diagnostics.push(Diagnostic::general(
                    "parameter template= is empty: give the path of a Tera template file, e.g. template=docs/portal.json.tera",
                ));
                Format::Markdown
            }
            (None, Some(path)) => Format::Template(path.to_owned()),
            (None | Some("markdown" | "md"), None) => Format::Markdown,
            (Some("html"), None) => Format::Html,
            (Some("json"), None) => Format::Json,
            (Some(other), None) => {
                diagnostics.push(Diagnostic::general(format!(
                    "parameter format={other}: expected format=markdown, format=html or format=json (or template=PATH for a Tera template)"
                )));
                Format::Markdown
            }
        };
        let sort = match parameters.get("sort") {
            None | Some("declaration") => Sort::Declaration,
            Some("name") => Sort::Name,
            Some(other) => {
                diagnostics.push(Diagnostic::general(format!(
                    "parameter sort={other}: expected sort=declaration (as written in the .proto, the default) or sort=name"
                )));
                Sort::Declaration
            }
        };
        let per_file = parameters.flag("per_file").unwrap_or_else(|d| {
            diagnostics.push(d);
            false
        });
        let file = match parameters.get("file") {
            Some("") => {
                diagnostics.push(Diagnostic::general(
                    "parameter file= is empty: give the output file name, e.g. file=api.md, or leave the parameter out",
                ));
                String::new()
            }
            Some(name) => name.to_owned(),
            None => default_file_name(&format),
        };
        let title = parameters
            .get("title")
            .filter(|t| !t.is_empty())
            .unwrap_or(DEFAULT_TITLE)
            .to_owned();
        diagnostics.into_result(Options {
            format,
            file,
            per_file,
            sort,
            title,
            errors,
        })
    }
}

impl Options {
    /// The extension of per-file pages, from the main output's name (`md` for `index.md`).
    pub fn page_extension(&self) -> Option<&str> {
        Path::new(&self.file).extension().and_then(|e| e.to_str())
    }
}

/// `index.md`, `index.html`, `index.json`; a template's own name without `.tera`.
fn default_file_name(format: &Format) -> String {
    match format {
        Format::Markdown => "index.md".to_owned(),
        Format::Html => "index.html".to_owned(),
        Format::Json => "index.json".to_owned(),
        Format::Template(path) => {
            let name = Path::new(path)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("docs.txt");
            name.strip_suffix(".tera").unwrap_or(name).to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protosmith_core::catalog as errors;

    #[test]
    fn defaults_and_names() {
        let options = Options::parse("").unwrap();
        assert_eq!(
            (options.format, options.file.as_str(), options.per_file),
            (Format::Markdown, "index.md", false)
        );
        assert_eq!(options.errors, Settings::default());
        let options = Options::parse("template=docs/portal.adoc.tera,per_file").unwrap();
        assert_eq!(
            options.format,
            Format::Template("docs/portal.adoc.tera".to_owned())
        );
        assert_eq!(
            (options.file.as_str(), options.page_extension()),
            ("portal.adoc", Some("adoc"))
        );
        assert!(options.per_file);
        let options =
            Options::parse("format=html,sort=name,reason_style=aip,title=Acme APIs").unwrap();
        assert_eq!(
            (options.sort, options.title.as_str()),
            (Sort::Name, "Acme APIs")
        );
        assert_eq!(options.errors.reason_style, errors::ReasonStyle::Aip);
    }

    #[test]
    fn every_bad_parameter_is_reported_at_once() {
        let err = Options::parse("format=pdf,sort=size,per_file=maybe")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "parameter format=pdf: expected format=markdown, format=html or format=json (or template=PATH for a Tera template)\n\
             parameter per_file=maybe: expected per_file=true or per_file=false\n\
             parameter sort=size: expected sort=declaration (as written in the .proto, the default) or sort=name"
        );
        let err = Options::parse("formt=html").unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown parameter \"formt\" for protoc-gen-docs: did you mean format?"
        );
    }
}
