//! `protosmith package --lang php`: the module as a composer library.
//! `src/` holds protoc's PHP classes (messages, enums, descriptor metadata),
//! protoc-gen-errors' error classes and one client class per service over
//! the runtime's `UnaryClient` (see php/client.rs for why not grpc/grpc's
//! stubs); composer.json autoloads them with PSR-4, one prefix per top
//! namespace protoc wrote, and requires protosmith/grpc-errors at the
//! runtime's version and google/protobuf.
//!
//! Default --name: `VENDOR/NAME` from the API's proto packages (protosmith's
//! own options aside): their first common segment is the vendor, the other
//! common segments joined by `-` the name, `api` when there are none:
//! `acme.user.v1` + `acme.order.v1` → `acme/api`, `acme.user.v1` alone →
//! `acme/user-v1`.

mod client;

use std::fmt::Write as _;
use std::path::Path;

use super::Spec;
use super::go::api::Api;
use super::go::out_dir;

const GENERATOR: &str = "protosmith package --lang php";
const RUNTIME_PACKAGE: &str = "protosmith/grpc-errors";
/// The range the runtime itself asks for (runtime/php/composer.json).
const PROTOBUF: &str = "^3.21 || ^4.0";

pub fn write(spec: &Spec) -> Result<(), String> {
    let api = Api::load(spec)?;
    let name = match &spec.name {
        Some(name) => name.clone(),
        None => default_name(&api.api_packages())?,
    };
    check_name(&name)?;
    let version = spec.version.to_string();
    let out = spec
        .out
        .clone()
        .unwrap_or_else(|| Path::new("target/protosmith/php").join(&name));

    out_dir::check(&out)?;
    let scratch =
        tempfile::tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    crate::generate::generate_from_template(
        &recipe(&spec.errors_opt),
        &spec.proto,
        &spec.files,
        scratch.path(),
    )?;
    let mut files = out_dir::read_tree(scratch.path())?;
    let services = client::clients(&api.model, GENERATOR)?;
    for service in &services {
        let path = format!("src/{}", service.path);
        if files.contains_key(&path) {
            return Err(format!(
                "{path}: protoc wrote a class of that name already; the service client cannot be written"
            ));
        }
        files.insert(path, service.code.clone().into_bytes());
    }
    let description = spec
        .description
        .clone()
        .unwrap_or_else(|| api.description());
    let composer = composer_json(
        &name,
        &version,
        &description,
        &spec.license,
        &files,
        spec.runtime_version,
    );
    files.insert("composer.json".to_owned(), composer.into_bytes());
    files.insert(
        "README.md".to_owned(),
        readme(&name, &version, &description, &services, &api)?.into_bytes(),
    );
    let marker = out_dir::Marker {
        generator: GENERATOR.to_owned(),
        name: name.clone(),
        version: version.clone(),
        files: Vec::new(),
    };
    out_dir::commit(&out, &files, marker)?;
    eprintln!(
        "protosmith: composer package {name} {version} written to {}; publish it with: \
         protosmith publish --lang php --registry DIR {}",
        out.display(),
        out.display()
    );
    Ok(())
}

/// The buf.gen.yaml stanza a PHP team writes: protoc's own generator and protoc-gen-errors.
fn recipe(errors_opt: &str) -> String {
    let mut opt = vec!["lang=php".to_owned()];
    if !errors_opt.is_empty() {
        opt.push(errors_opt.to_owned());
    }
    let opt: Vec<String> = opt
        .into_iter()
        .map(|s| serde_json::Value::String(s).to_string())
        .collect();
    format!(
        "version: v2\nplugins:\n  - protoc_builtin: php\n    out: src\n  - local: protoc-gen-errors\n    out: src\n    opt: [{}]\n",
        opt.join(", ")
    )
}

fn default_name(packages: &[&str]) -> Result<String, String> {
    let mut common: Option<Vec<&str>> = None;
    for package in packages {
        let segments: Vec<&str> = package.split('.').collect();
        common = Some(match common {
            None => segments,
            Some(prefix) => prefix
                .iter()
                .zip(&segments)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    let common = common.unwrap_or_default();
    let Some((vendor, rest)) = common.split_first() else {
        return Err(
            "the proto packages share no first segment to name a vendor: give --name VENDOR/NAME, e.g. --name acme/api"
                .to_owned(),
        );
    };
    let name = if rest.is_empty() {
        "api".to_owned()
    } else {
        rest.join("-")
    };
    Ok(format!("{vendor}/{name}").to_lowercase().replace('_', "-"))
}

/// composer's rule for package names (`vendor/name`, lower case).
fn check_name(name: &str) -> Result<(), String> {
    let part = |s: &str| {
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && s.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && s.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
            })
    };
    match name.split_once('/') {
        Some((vendor, package)) if part(vendor) && part(package) => Ok(()),
        _ => Err(format!(
            "--name {name:?} is not a composer package name: vendor/name in lower case letters, digits and . _ -, e.g. acme/api"
        )),
    }
}

/// PSR-4 prefixes: one per top directory protoc and protosmith wrote under
/// src/, and one per namespace under `GPBMetadata`, which the runtime and
/// google/protobuf share.
fn psr4(files: &out_dir::Files) -> Vec<(String, String)> {
    let mut prefixes: Vec<(String, String)> = Vec::new();
    for path in files.keys() {
        let Some(rest) = path.strip_prefix("src/") else {
            continue;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        let depth = if parts.first() == Some(&"GPBMetadata") {
            2
        } else {
            1
        };
        if parts.len() <= depth {
            continue;
        }
        let dirs = &parts[..depth];
        let entry = (
            format!("{}\\", dirs.join("\\")),
            format!("src/{}/", dirs.join("/")),
        );
        if !prefixes.contains(&entry) {
            prefixes.push(entry);
        }
    }
    prefixes.sort();
    prefixes
}

fn composer_json(
    name: &str,
    version: &str,
    description: &str,
    license: &str,
    files: &out_dir::Files,
    runtime_version: &str,
) -> String {
    let q = |s: &str| serde_json::Value::String(s.to_owned()).to_string();
    let license = if license == "LicenseRef-Proprietary" {
        "proprietary"
    } else {
        license
    };
    let mut out = String::from("{\n");
    let _ = writeln!(out, "    \"name\": {},", q(name));
    let _ = writeln!(out, "    \"description\": {},", q(description));
    out += "    \"type\": \"library\",\n";
    let _ = writeln!(out, "    \"license\": {},", q(license));
    let _ = writeln!(out, "    \"version\": {},", q(version));
    out += "    \"require\": {\n        \"php\": \">=8.1\",\n        \"ext-curl\": \"*\",\n";
    let _ = writeln!(out, "        \"google/protobuf\": {},", q(PROTOBUF));
    let _ = writeln!(
        out,
        "        {}: {}",
        q(RUNTIME_PACKAGE),
        q(&format!("^{runtime_version}"))
    );
    out += "    },\n    \"autoload\": {\n        \"psr-4\": {\n";
    let prefixes = psr4(files);
    for (i, (prefix, dir)) in prefixes.iter().enumerate() {
        let comma = if i + 1 < prefixes.len() { "," } else { "" };
        let _ = writeln!(out, "            {}: {}{comma}", q(prefix), q(dir));
    }
    out += "        }\n    },\n";
    let _ = writeln!(
        out,
        "    \"extra\": {{\n        \"generated-by\": {}\n    }}\n}}",
        q(&format!(
            "{GENERATOR}; do not edit, regenerate from the protos"
        ))
    );
    out
}

fn readme(
    name: &str,
    version: &str,
    description: &str,
    services: &[client::Client],
    api: &Api,
) -> Result<String, String> {
    let mut out = format!(
        "<!-- @generated by {GENERATOR}. DO NOT EDIT: regenerate it from the protos. -->\n# {name}\n\n{description}\n\n"
    );
    out += "Generated by `protosmith package --lang php`: protoc's PHP message classes, protoc-gen-errors' error \
            classes (`…Errors`, on `protosmith/grpc-errors`) and a client class per service. Do not edit: \
            regenerate from the protos.\n\n## Install\n\n```sh\n";
    let _ = writeln!(out, "composer require {name}:{version}\n```\n");
    out += "from the company's composer repository (an `artifact` or `composer` repository in the project's \
            `repositories`). It needs PHP 8.1 with ext-curl; no grpc extension.\n\n## Clients\n\n";
    if services.is_empty() {
        out += "The module declares no service with a unary method.\n\n";
    }
    for service in services {
        let _ = writeln!(out, "- `{}`: {}", service.class, service.methods.join(", "));
    }
    let example = services
        .first()
        .and_then(|s| Some((&s.class, s.methods.first()?)));
    if let Some((class, method)) = example {
        let short = class.rsplit('\\').next().unwrap_or(class);
        let _ = write!(
            out,
            "\n```php\nuse {class};\nuse Protosmith\\GrpcErrors\\GrpcError;\nuse Protosmith\\GrpcErrors\\UnaryClient;\n\n\
             $client = new {short}(new UnaryClient('127.0.0.1:50051'));\ntry {{\n    $reply = $client->{method}($request);\n}} \
             catch (GrpcError $error) {{\n    // the generated …Errors::is…($error) tell which error it is\n}}\n```\n\n"
        );
    }
    out += "Each client takes a `UnaryClient` (target, timeouts, TLS options) and has one method per unary RPC, \
            named in lowerCamelCase; streaming RPCs need a streaming gRPC client and are left out.\n\n---\n\n";
    out += &api.reference()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        assert_eq!(
            default_name(&["acme.user.v1", "acme.order.v1"]).unwrap(),
            "acme/api"
        );
        assert_eq!(default_name(&["acme.user.v1"]).unwrap(), "acme/user-v1");
        assert_eq!(default_name(&["Acme.big_co.v1"]).unwrap(), "acme/big-co-v1");
        assert!(default_name(&["acme.user.v1", "other.v1"]).is_err());
    }

    #[test]
    fn composer_names() {
        assert!(check_name("acme/api").is_ok());
        for bad in ["acme", "Acme/api", "acme/", "acme/api-", "acme/a b"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn psr4_prefixes_follow_the_top_namespaces() {
        let files: out_dir::Files = [
            "src/Acme/User/V1/User.php",
            "src/Acme/Order/V1/Order.php",
            "src/GPBMetadata/Acme/User/V1/User.php",
            "src/GPBMetadata/Protosmith/Errors/V1/Options.php",
            "src/Protosmith/Errors/V1/Code.php",
            "README.md",
        ]
        .into_iter()
        .map(|name| (name.to_owned(), Vec::new()))
        .collect();
        let prefixes: Vec<(String, String)> = psr4(&files);
        let expected = [
            ("Acme\\", "src/Acme/"),
            ("GPBMetadata\\Acme\\", "src/GPBMetadata/Acme/"),
            ("GPBMetadata\\Protosmith\\", "src/GPBMetadata/Protosmith/"),
            ("Protosmith\\", "src/Protosmith/"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        assert_eq!(prefixes, expected);
    }
}
