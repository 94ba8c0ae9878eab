//! `protosmith package --lang java`: the module as a Maven project, built and
//! deployed by `protosmith publish --lang java` (mvn deploy):
//!
//! ```text
//! pom.xml                         groupId:artifactId from --name; Java 17; grpc-java, protobuf-java,
//!                                 dev.protosmith:grpc-errors at the runtime version
//! README.md                       services, methods, errors
//! src/main/java/acme/user/v1/     protoc's messages (UserOuterClass.java), grpc-java's stubs
//!                                 (UserServiceGrpc.java), protosmith's errors (UserErrorErrors.java)
//! src/main/resources/META-INF/services/dev.protosmith.grpcerrors.ErrorCatalog
//! ```

pub(crate) mod runtime;

use std::path::Path;
use std::process::Command;

use super::Spec;
use super::ts::api::{self, Api};
use super::ts::out_dir;

/// The same stanza a user puts in buf.gen.yaml for Java: protoc's built-in
/// java generator, grpc-java's plugin (`grpc_java_plugin`, as Debian and
/// Homebrew install it; the Maven artifact io.grpc:protoc-gen-grpc-java is
/// the same program), and protosmith's errors with one META-INF/services
/// listing (strategy: all). `{errors_opt}` is appended.
const RECIPE: &str = "\
version: v2
plugins:
  - protoc_builtin: java
    out: src/main/java
  - local: grpc_java_plugin
    out: src/main/java
  - local: protoc-gen-errors
    out: src/main/java
    opt: lang=java{errors_opt}
    strategy: all
";

/// The grpc-java release runtime/java is built and tested with; a test
/// keeps it equal to runtime/java/pom.xml's grpc.version.
pub const GRPC_VERSION: &str = "1.85.1";

/// The protobuf-java grpc-protobuf GRPC_VERSION depends on: the floor for
/// protobuf-java, raised to protoc's own release when protoc is newer
/// (generated code needs a runtime at least as new as the protoc that wrote it).
const PROTOBUF_JAVA_FLOOR: &str = "3.25.8";

/// grpc_java_plugin before 1.50 annotates stubs with @javax.annotation.Generated,
/// which Java 11+ lacks: the annotation jar grpc-java recommends, at compile time only.
const ANNOTATIONS_API: &str = "6.0.53";

pub fn write(spec: &Spec) -> Result<(), String> {
    let api = Api::read(spec)?;
    let name = match &spec.name {
        Some(name) => name.clone(),
        None => default_name(&api.packages)?,
    };
    let (group_id, artifact_id) = split_name(&name)?;
    let out = spec.out.clone().unwrap_or_else(|| {
        Path::new("target/protosmith/java")
            .join(group_id)
            .join(artifact_id)
    });
    out_dir::prepare(&out, super::Lang::Java.as_str())?;

    let recipe = RECIPE.replace("{errors_opt}", &super::ts::errors_opt(&spec.errors_opt));
    crate::generate::generate_from_template(&recipe, &spec.proto, &spec.files, &out)?;
    // Service files are resources: move them where Maven packs resources from.
    let services = out.join("src/main/java/META-INF");
    if services.exists() {
        let resources = out.join("src/main/resources/META-INF");
        for file in out_dir::files_under(&services, &services)? {
            let target = resources.join(&file);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            std::fs::rename(services.join(&file), &target)
                .map_err(|e| format!("cannot move {file} to {}: {e}", target.display()))?;
        }
        std::fs::remove_dir_all(&services)
            .map_err(|e| format!("cannot remove {}: {e}", services.display()))?;
    }
    let mut written = out_dir::files_under(&out, &out.join("src"))?;

    let description = spec.description.clone().unwrap_or_else(|| {
        format!(
            "Messages, gRPC stubs and errors for {}",
            api.packages.join(", ")
        )
    });
    let pom = Pom {
        group_id,
        artifact_id,
        version: &spec.version.to_string(),
        description: &description,
        license: &spec.license,
        runtime_version: spec.runtime_version,
        protobuf_java: &protobuf_java(&protoc_version()?),
    };
    write_file(&out.join("pom.xml"), &pom.render())?;
    write_file(&out.join("README.md"), &readme(spec, &pom, &api))?;
    written.extend(["pom.xml", "README.md"].map(String::from));
    out_dir::finish(&out, super::Lang::Java.as_str(), &written)?;
    eprintln!(
        "protosmith: {group_id}:{artifact_id}:{} written to {}; publish it with: \
         protosmith publish --lang java --registry file:///REPO|https://REPO {}",
        spec.version,
        out.display(),
        out.display()
    );
    Ok(())
}

/// `acme:user-v1` for acme.user.v1, `acme:api` for acme.user.v1 and
/// acme.order.v1: the groupId is the first segment the proto packages
/// share, the artifactId the rest of what they share. Proto packages rarely
/// start with a domain you own, so --name com.acme:user-api is the better habit.
pub fn default_name(packages: &[String]) -> Result<String, String> {
    let prefix = api::common_prefix(packages);
    let part = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    match prefix.as_slice() {
        [] => Err(format!(
            "the proto packages ({}) share no first segment to make a groupId of: give --name GROUP_ID:ARTIFACT_ID",
            packages.join(", ")
        )),
        [group] => Ok(format!("{group}:api")),
        [group, rest @ ..] => Ok(format!(
            "{group}:{}",
            rest.iter().map(|s| part(s)).collect::<Vec<_>>().join("-")
        )),
    }
}

/// `groupId:artifactId`, each Maven's `[A-Za-z0-9_\-.]+`.
fn split_name(name: &str) -> Result<(&str, &str), String> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    match name.split_once(':') {
        Some((group, artifact)) if valid(group) && valid(artifact) => Ok((group, artifact)),
        _ => Err(format!(
            "--name {name:?} is not a Maven coordinate: give GROUP_ID:ARTIFACT_ID, e.g. com.acme:user-api \
             (letters, digits, _ - .)"
        )),
    }
}

/// protoc's version (`libprotoc 3.21.12`, `libprotoc 28.3`), as protoc_builtin runs it.
fn protoc_version() -> Result<String, String> {
    let output = Command::new("protoc")
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run protoc (protoc_builtin: java needs it on PATH): {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.split_whitespace()
        .nth(1)
        .map(str::to_owned)
        .ok_or_else(|| format!("protoc --version said {text:?}"))
}

/// The protobuf-java release for code from protoc `protoc`: protoc 3.x is
/// Java 3.x; from protoc 21 on, protoc N.M is Java 3.N.M (N < 26) or 4.N.M.
fn protobuf_java(protoc: &str) -> String {
    let parts: Vec<u64> = protoc.split('.').filter_map(|p| p.parse().ok()).collect();
    let java = match parts.as_slice() {
        [3, minor, patch, ..] => [3, *minor, *patch],
        [major, minor, ..] if *major >= 26 => [4, *major, *minor],
        [major, minor, ..] if *major >= 21 => [3, *major, *minor],
        _ => [0, 0, 0],
    };
    let floor: Vec<u64> = PROTOBUF_JAVA_FLOOR
        .split('.')
        .filter_map(|p| p.parse().ok())
        .collect();
    if java.as_slice() > floor.as_slice() {
        format!("{}.{}.{}", java[0], java[1], java[2])
    } else {
        PROTOBUF_JAVA_FLOOR.to_owned()
    }
}

struct Pom<'a> {
    group_id: &'a str,
    artifact_id: &'a str,
    version: &'a str,
    description: &'a str,
    license: &'a str,
    runtime_version: &'a str,
    protobuf_java: &'a str,
}

impl Pom<'_> {
    fn render(&self) -> String {
        let x = xml_escape;
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- @generated by protosmith package. DO NOT EDIT. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>

  <groupId>{group}</groupId>
  <artifactId>{artifact}</artifactId>
  <version>{version}</version>
  <packaging>jar</packaging>

  <name>{group}:{artifact}</name>
  <description>{description}</description>
  <licenses>
    <license>
      <name>{license}</name>
    </license>
  </licenses>

  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
    <grpc.version>{grpc}</grpc.version>
    <protobuf.version>{protobuf}</protobuf.version>
  </properties>

  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>io.grpc</groupId>
        <artifactId>grpc-bom</artifactId>
        <version>${{grpc.version}}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>

  <dependencies>
    <dependency>
      <groupId>dev.protosmith</groupId>
      <artifactId>grpc-errors</artifactId>
      <version>{runtime}</version>
    </dependency>
    <dependency>
      <groupId>com.google.protobuf</groupId>
      <artifactId>protobuf-java</artifactId>
      <version>${{protobuf.version}}</version>
    </dependency>
    <dependency>
      <groupId>io.grpc</groupId>
      <artifactId>grpc-protobuf</artifactId>
    </dependency>
    <dependency>
      <groupId>io.grpc</groupId>
      <artifactId>grpc-stub</artifactId>
    </dependency>
    <!-- A transport, so a client works as it is; exclude it to bring another (grpc-netty, grpc-okhttp). -->
    <dependency>
      <groupId>io.grpc</groupId>
      <artifactId>grpc-netty-shaded</artifactId>
      <scope>runtime</scope>
    </dependency>
    <!-- @javax.annotation.Generated on the stubs of grpc_java_plugin before 1.50: compile time only. -->
    <dependency>
      <groupId>org.apache.tomcat</groupId>
      <artifactId>annotations-api</artifactId>
      <version>{annotations}</version>
      <scope>provided</scope>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.13.0</version>
        <configuration>
          <release>17</release>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"#,
            group = x(self.group_id),
            artifact = x(self.artifact_id),
            version = x(self.version),
            description = x(self.description),
            license = x(self.license),
            grpc = GRPC_VERSION,
            protobuf = x(self.protobuf_java),
            runtime = x(self.runtime_version),
            annotations = ANNOTATIONS_API,
        )
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace("--", "&#45;&#45;")
}

fn readme(spec: &Spec, pom: &Pom, api: &Api) -> String {
    let mut out = format!(
        "<!-- @generated by protosmith package. DO NOT EDIT. -->\n\n# {}:{} {}\n\n{}\n\n",
        pom.group_id, pom.artifact_id, pom.version, pom.description
    );
    out += &format!(
        "Generated from the proto packages {} by protoc (messages), grpc-java (stubs) and \
         protoc-gen-errors (errors, on `dev.protosmith:grpc-errors:{}`). Java 17+, grpc-java {GRPC_VERSION}.\n\n",
        api.packages
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", "),
        spec.runtime_version
    );
    out += &format!(
        "```xml\n<dependency>\n  <groupId>{}</groupId>\n  <artifactId>{}</artifactId>\n  <version>{}</version>\n</dependency>\n```\n\n",
        pom.group_id, pom.artifact_id, pom.version
    );
    out += "```java\nvar stub = UserServiceGrpc.newBlockingStub(channel);\n\
            try { stub.getUser(request); } catch (StatusRuntimeException e) {\n  \
            if (UserErrorErrors.isNotFound(e)) { GrpcErrors.from(e).metadata().get(\"user_id\"); }\n}\n```\n\n";
    out += &api.reference(&|full| {
        let (package, service) = full.rsplit_once('.').unwrap_or(("", full));
        format!("`{package}.{service}Grpc`")
    });
    out
}

fn write_file(path: &Path, content: &str) -> Result<(), String> {
    protosmith_core::output::write_atomic(path, content.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(default_name(&p(&["acme.user.v1"])).unwrap(), "acme:user-v1");
        assert_eq!(
            default_name(&p(&["acme.order.v1", "acme.user.v1"])).unwrap(),
            "acme:api"
        );
        assert_eq!(
            split_name("com.acme:user-api").unwrap(),
            ("com.acme", "user-api")
        );
        assert!(split_name("com.acme").is_err());
        assert!(split_name("com acme:x").is_err());
    }

    #[test]
    fn protobuf_java_follows_protoc() {
        assert_eq!(protobuf_java("3.21.12"), "3.25.8");
        assert_eq!(protobuf_java("25.9"), "3.25.9");
        assert_eq!(protobuf_java("28.3"), "4.28.3");
    }

    #[test]
    fn grpc_version_is_the_runtime_s() {
        let pom = include_str!("../../../../../runtime/java/pom.xml");
        assert!(pom.contains(&format!("<grpc.version>{GRPC_VERSION}</grpc.version>")));
    }
}
