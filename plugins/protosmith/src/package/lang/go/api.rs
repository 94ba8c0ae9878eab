//! The module as the generators see it (model and error catalog), for the
//! decisions a packager makes from the protos (Go import paths, names) and
//! for the README's API reference. Shared by the Go and PHP packagers.

use protoc_gen_errors::ErrorsOptions;
use protosmith_core::PluginOptions as _;
use protosmith_core::catalog::{self, Catalog};
use protosmith_core::model::{self, Model};
use protosmith_core::protocol::CompiledSet;

use super::super::Spec;

pub struct Api {
    pub model: Model,
    pub catalog: Catalog,
    errors: ErrorsOptions,
}

impl Api {
    /// Compiles the module with protox and resolves its errors with the
    /// settings of `--errors_opt`, so names shown match the generated code.
    pub fn load(spec: &Spec) -> Result<Api, String> {
        let errors =
            ErrorsOptions::parse(&spec.errors_opt).map_err(|d| format!("--errors_opt: {d}"))?;
        let compiled =
            CompiledSet::compile(&spec.files, &[&spec.proto]).map_err(|d| d.to_string())?;
        let input = compiled.to_input();
        let model = model::build(&input);
        let catalog = catalog::resolve(&model, &errors.catalog).map_err(|d| d.to_string())?;
        Ok(Api {
            model,
            catalog,
            errors,
        })
    }

    /// The proto packages of the files to generate, in order, without repeats.
    pub fn packages(&self) -> Vec<&str> {
        let mut packages: Vec<&str> = Vec::new();
        for file in self.model.files_to_generate() {
            if !packages.contains(&file.package.as_str()) {
                packages.push(&file.package);
            }
        }
        packages
    }

    /// The API packages: the proto packages without protosmith's own
    /// (`protosmith.errors.v1` holds the custom options a module may import;
    /// it is packaged along but names nothing).
    pub fn api_packages(&self) -> Vec<&str> {
        self.packages()
            .into_iter()
            .filter(|p| !is_protosmith_package(p))
            .collect()
    }

    /// protoc-gen-docs' Markdown page for the packaged files: services,
    /// methods, messages and the errors (reason, code, message).
    pub fn reference(&self) -> Result<String, String> {
        let options = protoc_gen_docs::Options {
            title: "API reference".to_owned(),
            errors: self.errors.catalog.clone(),
            ..protoc_gen_docs::Options::default()
        };
        let pages = protoc_gen_docs::generate(&self.model, &self.catalog, &options)
            .map_err(|d| d.to_string())?;
        match pages.as_slice() {
            [page] => Ok(page.content.clone()),
            _ => Err(format!(
                "protoc-gen-docs wrote {} pages where one was expected",
                pages.len()
            )),
        }
    }

    /// The default description: names the API packages.
    pub fn description(&self) -> String {
        format!(
            "Messages, gRPC stubs and error registries for {}",
            self.api_packages().join(", ")
        )
    }
}

pub fn is_protosmith_package(package: &str) -> bool {
    package == "protosmith" || package.starts_with("protosmith.")
}
