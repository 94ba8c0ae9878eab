//! What a package holds, for its README and its default name: the proto
//! packages, services, methods and errors of the module, read from
//! protoc-gen-docs' JSON (the same catalog the docs site shows), so every
//! language's README lists exactly what the docs do.
//!
//! Shared by the TypeScript and Java packagers.

use serde_json::Value;

use super::super::Spec;

/// The recipe that writes the module's JSON docs: one index.json.
const DOCS_RECIPE: &str = "\
version: v2
plugins:
  - local: protoc-gen-docs
    out: docs
    opt: format=json
    strategy: all
";

#[derive(Debug, Default)]
pub struct Api {
    /// The proto packages of the module, sorted, without duplicates.
    pub packages: Vec<String>,
    pub services: Vec<Service>,
    pub errors: Vec<ErrorEntry>,
}

#[derive(Debug)]
pub struct Service {
    pub full_name: String,
    pub methods: Vec<Method>,
}

#[derive(Debug)]
pub struct Method {
    pub name: String,
    pub request: String,
    pub response: String,
    /// unary, server_streaming, client_streaming or bidi_streaming.
    pub streaming: String,
}

#[derive(Debug)]
pub struct ErrorEntry {
    /// The enum value's full name, e.g. acme.user.v1.USER_ERROR_NOT_FOUND.
    pub value: String,
    pub reason: String,
    pub code: String,
    pub message: String,
}

impl Api {
    pub fn read(spec: &Spec) -> Result<Api, String> {
        let work =
            tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
        crate::generate::generate_from_template(
            DOCS_RECIPE,
            &spec.proto,
            &spec.files,
            work.path(),
        )?;
        let path = work.path().join("docs/index.json");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let json: Value =
            serde_json::from_str(&text).map_err(|e| format!("protoc-gen-docs' JSON: {e}"))?;
        Ok(Api::from_docs(&json))
    }

    fn from_docs(json: &Value) -> Api {
        let str_of = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_owned();
        let mut api = Api::default();
        for file in json["files"].as_array().into_iter().flatten() {
            api.packages.push(str_of(file, "package"));
            for service in file["services"].as_array().into_iter().flatten() {
                let methods = service["methods"].as_array().into_iter().flatten();
                api.services.push(Service {
                    full_name: str_of(service, "full_name"),
                    methods: methods
                        .map(|m| Method {
                            name: str_of(m, "name"),
                            request: str_of(&m["request"], "full_name"),
                            response: str_of(&m["response"], "full_name"),
                            streaming: str_of(m, "streaming"),
                        })
                        .collect(),
                });
            }
        }
        for entry in json["error_catalog"].as_array().into_iter().flatten() {
            let error = &entry["error"];
            api.errors.push(ErrorEntry {
                value: str_of(entry, "value"),
                reason: str_of(error, "reason"),
                code: str_of(error, "code"),
                message: str_of(error, "message"),
            });
        }
        api.packages.sort();
        api.packages.dedup();
        api
    }

    /// The README's reference part: services with their methods, then the
    /// errors, as Markdown tables. `how` names each service the way the
    /// package's language spells its stub.
    pub fn reference(&self, how: &dyn Fn(&str) -> String) -> String {
        let mut out = String::from("## Services\n\n");
        if self.services.is_empty() {
            out += "None.\n\n";
        }
        for service in &self.services {
            out += &format!(
                "### `{}` ({})\n\n",
                service.full_name,
                how(&service.full_name)
            );
            out += "| Method | Request | Response | Streaming |\n|---|---|---|---|\n";
            for m in &service.methods {
                out += &format!(
                    "| `{}` | `{}` | `{}` | {} |\n",
                    m.name, m.request, m.response, m.streaming
                );
            }
            out += "\n";
        }
        out += "## Errors\n\n";
        if self.errors.is_empty() {
            out += "None.\n";
            return out;
        }
        out += "| Error | Reason | Code | Message |\n|---|---|---|---|\n";
        for e in &self.errors {
            out += &format!(
                "| `{}` | `{}` | `{}` | {} |\n",
                e.value,
                e.reason,
                e.code,
                cell(&e.message)
            );
        }
        out
    }
}

/// A table cell: `|` and line breaks would end it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The proto packages' longest common prefix of dot-separated segments.
pub fn common_prefix(packages: &[String]) -> Vec<&str> {
    let mut prefix: Vec<&str> = match packages.first() {
        Some(first) => first.split('.').collect(),
        None => return Vec::new(),
    };
    for package in &packages[1..] {
        let segments: Vec<&str> = package.split('.').collect();
        let same = prefix
            .iter()
            .zip(&segments)
            .take_while(|(a, b)| a == b)
            .count();
        prefix.truncate(same);
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_of_packages() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(common_prefix(&p(&["acme.user.v1"])), ["acme", "user", "v1"]);
        assert_eq!(
            common_prefix(&p(&["acme.order.v1", "acme.user.v1"])),
            ["acme"]
        );
        assert!(common_prefix(&p(&["a.b", "c.d"])).is_empty());
    }
}
