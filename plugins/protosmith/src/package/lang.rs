//! `protosmith package --lang L` for the languages other than Rust: one API
//! module as a package of that ecosystem (go.mod, pom.xml, package.json,
//! pyproject.toml, composer.json), holding the messages and gRPC stubs of
//! the language's standard generators and protosmith's error registry.
//!
//! Each language is a module with one entry point, `write(&Spec)`. It
//! generates with [`crate::generate::generate_from_template`] from a
//! buf.gen.yaml recipe (the same stanza a user would write), then writes
//! its manifest and README. The flags are parsed once, here.

mod go;
pub(crate) mod java;
mod php;
mod python;
pub(crate) mod ts;

use std::path::PathBuf;

use semver::Version;

/// Writes a proto module as a package for Go, Java, TypeScript, Python or PHP:
/// messages and gRPC stubs from the language's standard generators, protosmith's
/// error registry, a manifest depending on protosmith's runtime, and a README.
#[derive(Debug, clap::Parser)]
#[command(name = "protosmith package", no_binary_name = true)]
pub struct Args {
    /// The package's language
    #[arg(long, value_enum)]
    pub lang: Lang,
    /// The package name in that ecosystem (Go module path, Maven
    /// groupId:artifactId, npm name, PyPI name, composer vendor/name);
    /// default: derived from the proto package
    ///
    /// ts: @SCOPE/NAME, the scope the first segment the proto packages
    /// share, the name their other shared segments joined by - (or api):
    /// acme.user.v1 -> @acme/user-v1; acme.user.v1 + acme.order.v1 -> @acme/api.
    /// Needs protoc-gen-es (@bufbuild/protoc-gen-es 2.x) on PATH, and npm.
    /// java: GROUP_ID:ARTIFACT_ID by the same rule (acme:user-v1); proto
    /// packages rarely start with a domain you own, so give one (com.acme:user-api).
    /// Needs protoc and grpc_java_plugin on PATH.
    /// go: the common path of the API files' go_package options when it
    /// starts with a domain (acme.example/gen/go), else required: a module
    /// path says where go get finds the module, which proto packages do not;
    /// /vN is appended from version 2.0.0 on.
    /// php: VENDOR/NAME by the ts rule (acme/user-v1, acme/api).
    /// python: the distribution name, the proto packages' shared segments
    /// joined by -, plus -api when there are several: acme.user.v1 ->
    /// acme-user-v1; acme.user.v1 + acme.order.v1 -> acme-api (the modules
    /// keep their proto paths: from acme.user.v1 import user_pb2). Needs
    /// grpcio-tools' python-grpc-tools-protoc on PATH.
    #[arg(long)]
    pub name: Option<String>,
    /// The package version (semver); default: the git tag of the commit of --proto
    #[arg(long)]
    pub version: Option<String>,
    /// The proto root: files are named relative to it
    #[arg(long, default_value = "proto", value_name = "DIR")]
    pub proto: PathBuf,
    /// Where the package is written (default: target/protosmith/LANG/NAME)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// One-line description; default: names the proto packages
    #[arg(long)]
    pub description: Option<String>,
    /// SPDX license expression
    #[arg(long, default_value = "LicenseRef-Proprietary")]
    pub license: String,
    /// protoc-gen-errors parameters, e.g. reason_style=aip,domain=acme.example
    #[arg(long = "errors_opt", default_value = "")]
    pub errors_opt: String,
    /// The files of the module, relative to --proto; default: every .proto under it.
    /// protosmith/errors/v1/options.proto is never packaged: the runtime ships its code
    #[arg(value_name = "FILE.proto")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Go,
    Java,
    Ts,
    Python,
    Php,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Go => "go",
            Lang::Java => "java",
            Lang::Ts => "ts",
            Lang::Python => "python",
            Lang::Php => "php",
        }
    }
}

/// What every language's packager gets: the flags, resolved.
#[derive(Debug)]
pub struct Spec {
    pub name: Option<String>,
    pub version: Version,
    pub proto: PathBuf,
    /// Relative to `proto`, never empty.
    pub files: Vec<PathBuf>,
    /// Explicit --out, else None: the language picks target/protosmith/LANG/NAME.
    pub out: Option<PathBuf>,
    pub description: Option<String>,
    pub license: String,
    pub errors_opt: String,
    /// The version of protosmith's runtime for this language the package
    /// depends on: every runtime is released with the workspace version.
    pub runtime_version: &'static str,
}

/// `args` are the verb's arguments, `--lang` among them.
pub fn run(args: &[String]) -> Result<(), String> {
    let args = match <Args as clap::Parser>::try_parse_from(args) {
        Ok(args) => args,
        Err(e) if !e.use_stderr() => {
            // --help: clap's text, on stdout, and success.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), e.to_string().as_bytes());
            return Ok(());
        }
        Err(e) => return Err(e.to_string()),
    };
    let files = if args.files.is_empty() {
        crate::generate::proto_files(&args.proto)?
    } else {
        args.files.clone()
    };
    if files.is_empty() {
        return Err(format!("no .proto files under {}", args.proto.display()));
    }
    let files = without_runtime_protos(files);
    if files.is_empty() {
        return Err(format!(
            "no .proto files under {} but protosmith's own, whose code protosmith's runtime ships",
            args.proto.display()
        ));
    }
    let spec = Spec {
        name: args.name,
        version: super::version::resolve(args.version.as_deref(), &args.proto)?,
        proto: args.proto,
        files,
        out: args.out,
        description: args.description,
        license: args.license,
        errors_opt: args.errors_opt,
        runtime_version: crate::versions::GRPC_ERRORS,
    };
    match args.lang {
        Lang::Go => go::write(&spec),
        Lang::Java => java::write(&spec),
        Lang::Ts => ts::write(&spec),
        Lang::Python => python::write(&spec),
        Lang::Php => php::write(&spec),
    }
}

/// protosmith's own protos: their generated code ships once, in protosmith's
/// runtime of each language, which every package depends on. A package
/// carrying its own copy would clash with another package's in one program
/// (protobuf-go's registration conflict, duplicate classes on a classpath,
/// two `protosmith` packages in site-packages), so the packagers leave them
/// out; they stay on the include path, for the API files that import them.
pub const RUNTIME_PROTOS: &[&str] = &["protosmith/errors/v1/options.proto"];

/// `files` without [`RUNTIME_PROTOS`]: every language's runtime ships their
/// code, and each packager points the imports there (Go: an `M` mapping;
/// TypeScript: `rewrite_imports`; Java, Python, PHP: the runtime's classes
/// and modules sit at the paths protoc's code imports).
fn without_runtime_protos(mut files: Vec<PathBuf>) -> Vec<PathBuf> {
    files.retain(|file| !is_runtime_proto(file));
    files
}

/// Whether `file`, relative to the proto root, is one of [`RUNTIME_PROTOS`].
pub fn is_runtime_proto(file: &std::path::Path) -> bool {
    let name = file.to_string_lossy().replace('\\', "/");
    RUNTIME_PROTOS.contains(&name.as_str())
}

/// The value of `--lang` in a verb's arguments, if given and not rust.
pub fn requested(args: &[String]) -> Option<&str> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = match arg.strip_prefix("--lang") {
            Some("") => iter.next().map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(value) = value {
            return (value != "rust").then_some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A package holds no code of options.proto: the runtime ships it.
    #[test]
    fn runtime_protos_are_left_out() {
        let files = vec![
            PathBuf::from("acme/order/v1/order.proto"),
            PathBuf::from("protosmith/errors/v1/options.proto"),
        ];
        assert_eq!(
            without_runtime_protos(files),
            [PathBuf::from("acme/order/v1/order.proto")]
        );
    }
}
