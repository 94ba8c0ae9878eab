//! The builder build.rs uses, in the style of tonic-build.

use std::fmt;
use std::path::{Path, PathBuf};

use protoc_gen_errors::ErrorsOptions;
use protosmith_core::catalog::ReasonStyle;
use protosmith_core::options::{Parameters, PluginOptions};
use protosmith_core::{Diagnostics, Input};

use crate::compile::{self, Compiler};
use crate::module_tree::{self, IncludeStyle};
use crate::{ERRORS_DIR, Error, INCLUDE_FILE};

type TonicHook = Box<dyn FnOnce(tonic_prost_build::Builder) -> tonic_prost_build::Builder>;

/// Options for one generation: which compiler, which generators, their
/// parameters. Start from [`crate::configure`].
pub struct Builder {
    compiler: Option<Compiler>,
    out_dir: Option<PathBuf>,
    build_client: bool,
    build_server: bool,
    errors: bool,
    /// protoc-gen-errors parameters, typed into [`ErrorsOptions`] by
    /// `generate` with the plugin's own reader; a malformed `errors_opt`
    /// string is reported there.
    errors_parameters: Result<Parameters, Diagnostics>,
    emit_rerun_if_changed: bool,
    tonic_hook: Option<TonicHook>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            compiler: None,
            out_dir: None,
            build_client: true,
            build_server: true,
            errors: true,
            errors_parameters: Ok(Parameters::default()),
            emit_rerun_if_changed: true,
            tonic_hook: None,
        }
    }
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("compiler", &self.compiler)
            .field("out_dir", &self.out_dir)
            .field("build_client", &self.build_client)
            .field("build_server", &self.build_server)
            .field("errors", &self.errors)
            .field("errors_parameters", &self.errors_parameters)
            .field("emit_rerun_if_changed", &self.emit_rerun_if_changed)
            .field("tonic_hook", &self.tonic_hook.as_ref().map(|_| "FnOnce"))
            .finish()
    }
}

/// What a generation wrote.
#[derive(Clone, Debug)]
pub struct Generated {
    /// Every package with generated code, sorted by name.
    pub packages: Vec<GeneratedPackage>,
    /// The .proto files read from disk (imports included).
    pub sources: Vec<PathBuf>,
    /// The compiled protos, for callers that generate more from them.
    pub input: Input,
}

/// One proto package's generated files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedPackage {
    /// The proto package, e.g. `acme.user.v1` (empty for files without one).
    pub package: String,
    /// Its Rust module path, e.g. `["acme", "user", "v1"]`.
    pub module: Vec<String>,
    /// Paths relative to the output directory, with `/` separators: prost's
    /// (with tonic's stubs) first, then one error registry per proto file.
    pub files: Vec<String>,
}

impl Builder {
    /// Compile with protox (the default, unless `PROTOC` is set).
    pub fn protox(mut self) -> Self {
        self.compiler = Some(Compiler::Protox);
        self
    }

    /// Compile with the protoc at `path` (the default when `PROTOC` is set).
    pub fn protoc(mut self, path: impl Into<PathBuf>) -> Self {
        self.compiler = Some(Compiler::Protoc(path.into()));
        self
    }

    /// Write here instead of `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generate tonic clients (default: on).
    pub fn build_client(mut self, enable: bool) -> Self {
        self.build_client = enable;
        self
    }

    /// Generate tonic servers (default: on).
    pub fn build_server(mut self, enable: bool) -> Self {
        self.build_server = enable;
        self
    }

    /// Generate error registries (default: on).
    pub fn errors(mut self, enable: bool) -> Self {
        self.errors = enable;
        self
    }

    /// protoc-gen-errors parameters as on protoc's command line, e.g.
    /// `reason_style=aip,domain=user.example.com`, read by the plugin's own
    /// reader (a key given twice in one string is an error); a later call
    /// overrides the keys it gives.
    pub fn errors_opt(mut self, parameters: &str) -> Self {
        self.errors_parameters = match (self.errors_parameters, Parameters::parse(parameters)) {
            (Ok(base), Ok(more)) => Ok(base.overridden(more)),
            (Err(mut first), Err(second)) => {
                first.extend(second);
                Err(first)
            }
            (Err(e), _) | (_, Err(e)) => Err(e),
        };
        self
    }

    /// protoc-gen-errors options, typed: replaces every earlier errors setting.
    pub fn errors_options(mut self, options: ErrorsOptions) -> Self {
        self.errors_parameters = Parameters::parse(&options.to_string());
        self
    }

    /// How error reasons are formed (parameter `reason_style`).
    pub fn reason_style(self, style: ReasonStyle) -> Self {
        self.errors_opt(match style {
            ReasonStyle::Ego => "reason_style=ego",
            ReasonStyle::Aip => "reason_style=aip",
            ReasonStyle::Kratos => "reason_style=kratos",
        })
    }

    /// The ErrorInfo domain of every error (parameter `domain`).
    pub fn domain(mut self, domain: &str) -> Self {
        let mut entry = String::new();
        protosmith_core::options::push_entry(&mut entry, "domain", domain);
        self = self.errors_opt(&entry);
        self
    }

    /// Print `cargo:rerun-if-changed` for every proto read (default: on;
    /// only [`Builder::compile`] prints).
    pub fn emit_rerun_if_changed(mut self, enable: bool) -> Self {
        self.emit_rerun_if_changed = enable;
        self
    }

    /// Any other tonic-prost-build setting (extern paths, attributes...):
    /// `.tonic(|b| b.type_attribute(".", "#[derive(Hash)]"))`.
    pub fn tonic(
        mut self,
        hook: impl FnOnce(tonic_prost_build::Builder) -> tonic_prost_build::Builder + 'static,
    ) -> Self {
        self.tonic_hook = Some(Box::new(hook));
        self
    }

    /// For build.rs: generates into `OUT_DIR` (or [`Builder::out_dir`]),
    /// writes the include file [`INCLUDE_FILE`] there and tells cargo which
    /// protos to watch. Include the result with
    /// `include!(concat!(env!("OUT_DIR"), "/protosmith.rs"));`.
    pub fn compile(
        mut self,
        protos: &[impl AsRef<Path>],
        includes: &[impl AsRef<Path>],
    ) -> Result<(), Error> {
        let out_dir = match self.out_dir.take() {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Usage(
                        "OUT_DIR is not set: call compile() from build.rs, or set out_dir()".into(),
                    )
                })?,
        };
        let emit = self.emit_rerun_if_changed;
        if emit {
            // They choose the compiler (and protoc's includes): a change
            // must rerun the script even though no proto changed.
            println!("cargo:rerun-if-env-changed=PROTOC");
            println!("cargo:rerun-if-env-changed=PROTOC_INCLUDE");
        }
        let generated = self.generate(protos, includes, &out_dir)?;
        let tree = module_tree::render(&generated.packages, IncludeStyle::OutDir, &|_| None)?;
        write(
            &out_dir.join(INCLUDE_FILE),
            &format!("// @generated by protosmith-build. DO NOT EDIT.\n\n{tree}"),
        )?;
        if emit {
            for source in &generated.sources {
                println!("cargo:rerun-if-changed={}", source.display());
            }
        }
        Ok(())
    }

    /// Compiles `protos` (paths under `includes`, or relative to one) and
    /// writes prost's and tonic's code and the error registries under
    /// `out_dir`, printing nothing: the library form of [`Builder::compile`].
    pub fn generate(
        self,
        protos: &[impl AsRef<Path>],
        includes: &[impl AsRef<Path>],
        out_dir: &Path,
    ) -> Result<Generated, Error> {
        let protos: Vec<PathBuf> = protos.iter().map(|p| p.as_ref().to_path_buf()).collect();
        let includes: Vec<PathBuf> = includes.iter().map(|p| p.as_ref().to_path_buf()).collect();
        let compiler = self.compiler.clone().unwrap_or_else(Compiler::from_env);
        let errors_options = self.errors_parameters.and_then(|parameters| {
            parameters.check_known(ErrorsOptions::PLUGIN, ErrorsOptions::KEYS)?;
            ErrorsOptions::from_parameters(&parameters)
        })?;
        let compiled = compile::compile(&compiler, &protos, &includes)?;
        std::fs::create_dir_all(out_dir).map_err(Error::io(out_dir))?;

        // Errors first: they are what a proto author most likely got wrong,
        // and they come with file:line:col.
        let errors_dir = out_dir.join(ERRORS_DIR);
        remove_stale(&errors_dir)?;
        let errors = if self.errors {
            protoc_gen_errors::run(&compiled.input, &errors_options)?
        } else {
            Vec::new()
        };
        for file in &errors {
            write(&errors_dir.join(&file.name), &file.content)?;
        }

        let packages = package_names(&compiled.input);
        for package in &packages {
            // prost writes no file for a package without code; a file left
            // by an earlier run must not be taken for its output.
            let prost_file = out_dir.join(prost_file_name(package));
            if prost_file.exists() {
                std::fs::remove_file(&prost_file).map_err(Error::io(&prost_file))?;
            }
        }
        let mut tonic = tonic_prost_build::configure()
            .build_client(self.build_client)
            .build_server(self.build_server)
            .out_dir(out_dir);
        if let Some(hook) = self.tonic_hook {
            tonic = hook(tonic);
        }
        tonic
            .compile_fds(compiled.descriptor_set)
            .map_err(|e| Error::Codegen(e.to_string()))?;

        let mut generated = Vec::new();
        for package in packages {
            let mut files = Vec::new();
            let prost_file = prost_file_name(&package);
            if out_dir.join(&prost_file).is_file() {
                files.push(prost_file);
            }
            // Sorted, so the order the protos were listed in does not matter.
            let mut package_errors: Vec<String> = compiled
                .input
                .files_to_generate
                .iter()
                .filter(|file| {
                    let file = compiled.input.pool.get_file_by_name(file);
                    file.is_some_and(|f| f.package_name() == package)
                })
                .map(|file| protoc_gen_errors::rust::output_name(file))
                .filter(|name| errors.iter().any(|e| e.name == *name))
                .map(|name| format!("{ERRORS_DIR}/{name}"))
                .collect();
            package_errors.sort();
            files.extend(package_errors);
            if !files.is_empty() {
                let module = prost_build::Module::from_protobuf_package_name(&package)
                    .parts()
                    .map(str::to_owned)
                    .collect();
                generated.push(GeneratedPackage {
                    package,
                    module,
                    files,
                });
            }
        }
        let sources = compile::sources(&compiler, &compiled.input, &includes);
        Ok(Generated {
            packages: generated,
            sources,
            input: compiled.input,
        })
    }
}

/// The packages of every compiled file, sorted, without duplicates.
fn package_names(input: &Input) -> Vec<String> {
    let mut packages: Vec<String> = input
        .pool
        .files()
        .map(|file| file.package_name().to_owned())
        .collect();
    packages.sort();
    packages.dedup();
    packages
}

/// The file prost writes a package's code to: `acme.user.v1.rs`, `_.rs`
/// for files without a package.
fn prost_file_name(package: &str) -> String {
    prost_build::Module::from_protobuf_package_name(package).to_file_name_or("_")
}

fn remove_stale(dir: &Path) -> Result<(), Error> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(dir)(e)),
        _ => Ok(()),
    }
}

fn write(path: &Path, content: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io(parent))?;
    }
    std::fs::write(path, content).map_err(Error::io(path))
}
