//! `protosmith publish --lang java`: `mvn deploy` of a project written by
//! `protosmith package --lang java`, to the Maven repository at --registry,
//! after dev.protosmith:grpc-errors at the version the project depends on
//! when the repository lacks it (built from the runtime embedded in this
//! binary). Both are built in temporary copies, so the package directory
//! gets no target/ and a build never sees classes of an earlier run.
//!
//! * `file:///DIR` (or a plain directory): Maven deploys into a staging
//!   directory inside DIR, seeded with the artifact's current
//!   maven-metadata.xml so Maven merges the version list and writes its
//!   checksums; then the version directory is renamed into place (one
//!   atomic step), then the metadata files. A failed build or deploy
//!   leaves only the staging directory, which is removed.
//! * `http://` or `https://` (Nexus, Artifactory, Reposilite, GitLab):
//!   `mvn deploy` uploads file by file, as it always does; credentials are
//!   Maven's own, a `<server>` with id `protosmith` in ~/.m2/settings.xml.
//!   A repository that refuses redeploys (release policy) guards against
//!   races; this command checks for the version's pom first.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Args;
use crate::package::lang::java::runtime;
use crate::package::lang::ts::out_dir::files_under;

/// The `<server>` id Maven looks up credentials for in settings.xml.
const SERVER_ID: &str = "protosmith";

enum Repository {
    Dir(PathBuf),
    Http(String),
}

struct Coordinates {
    group_id: String,
    artifact_id: String,
    version: String,
}

impl Coordinates {
    fn path(&self) -> String {
        format!("{}/{}", self.group_id.replace('.', "/"), self.artifact_id)
    }
    fn pom(&self) -> String {
        format!(
            "{}/{}/{}-{}.pom",
            self.path(),
            self.version,
            self.artifact_id,
            self.version
        )
    }
}

impl std::fmt::Display for Coordinates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.group_id, self.artifact_id, self.version)
    }
}

pub fn publish(args: &Args) -> Result<(), String> {
    let repository = repository(&args.registry)?;
    let pom_path = args.dir.join("pom.xml");
    let pom = std::fs::read_to_string(&pom_path)
        .map_err(|e| format!("cannot read {}: {e}", pom_path.display()))?;
    let package = coordinates(&pom).ok_or_else(|| {
        format!(
            "{} names no groupId, artifactId and version",
            pom_path.display()
        )
    })?;
    let runtime_version = crate::versions::GRPC_ERRORS;
    let dependency = format!(
        "<artifactId>{}</artifactId>\n      <version>{runtime_version}</version>",
        runtime::ARTIFACT_ID
    );
    if !pom.contains(&dependency) {
        return Err(format!(
            "{} does not depend on {}:{}:{runtime_version}, the runtime this protosmith publishes: \
             package it again with this protosmith",
            pom_path.display(),
            runtime::GROUP_ID,
            runtime::ARTIFACT_ID
        ));
    }
    if has(&repository, &package)? {
        return Err(format!(
            "{package} is already in {}: a released version never changes; publish a new version \
             (protosmith package --version)",
            args.registry
        ));
    }

    // One reactor build (one Maven start): the runtime when the repository
    // lacks it, then the package, which resolves the runtime from the reactor.
    let work =
        tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    let runtime = Coordinates {
        group_id: runtime::GROUP_ID.into(),
        artifact_id: runtime::ARTIFACT_ID.into(),
        version: runtime_version.into(),
    };
    let mut modules = Vec::new();
    if has(&repository, &runtime)? {
        eprintln!("protosmith: {runtime} is already in {}", args.registry);
        // The package's build resolves it; the local repository may lack it.
        fetch(&runtime, &repository)?;
    } else {
        let dir = work.path().join("runtime");
        for (name, content) in runtime::FILES {
            write_file(&dir.join(name), content.as_bytes())?;
        }
        modules.push(("runtime", runtime));
    }
    let dir = work.path().join("package");
    for file in files_under(&args.dir, &args.dir)? {
        if file.starts_with("target/") {
            continue;
        }
        let content = std::fs::read(args.dir.join(&file))
            .map_err(|e| format!("cannot read {}/{file}: {e}", args.dir.display()))?;
        write_file(&dir.join(&file), &content)?;
    }
    modules.push(("package", package));
    write_file(&work.path().join("pom.xml"), reactor(&modules).as_bytes())?;
    deploy(work.path(), &modules, &repository, args.dry_run)?;
    for (_, what) in &modules {
        eprintln!(
            "protosmith: {what} published to {}{}",
            args.registry,
            dry(args.dry_run)
        );
    }
    Ok(())
}

/// The aggregator of the build: lists the modules, deploys nothing itself.
fn reactor(modules: &[(&str, Coordinates)]) -> String {
    let modules: String = modules
        .iter()
        .map(|(dir, _)| format!("    <module>{dir}</module>\n"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.protosmith.publish</groupId>
  <artifactId>publish</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <modules>
{modules}  </modules>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-install-plugin</artifactId>
        <configuration><skip>true</skip></configuration>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-deploy-plugin</artifactId>
        <configuration><skip>true</skip></configuration>
      </plugin>
    </plugins>
  </build>
</project>
"#
    )
}

fn dry(dry_run: bool) -> &'static str {
    if dry_run {
        " (dry run: built, nothing deployed)"
    } else {
        ""
    }
}

fn repository(registry: &str) -> Result<Repository, String> {
    if registry.starts_with("http://") || registry.starts_with("https://") {
        return Ok(Repository::Http(registry.trim_end_matches('/').to_owned()));
    }
    let path = match registry.strip_prefix("file://") {
        Some(path) if path.starts_with('/') => PathBuf::from(path),
        Some(_) => {
            return Err(format!(
                "--registry {registry:?}: a file URL needs an absolute path, file:///DIR"
            ));
        }
        None => {
            std::path::absolute(registry).map_err(|e| format!("--registry {registry:?}: {e}"))?
        }
    };
    Ok(Repository::Dir(path))
}

/// The first groupId, artifactId and version of the pom: the project's own,
/// since the poms protosmith writes have no `<parent>`.
fn coordinates(pom: &str) -> Option<Coordinates> {
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let start = pom.find(&open)? + open.len();
        let end = start + pom[start..].find(&format!("</{name}>"))?;
        Some(pom[start..end].trim().to_owned())
    };
    Some(Coordinates {
        group_id: tag("groupId")?,
        artifact_id: tag("artifactId")?,
        version: tag("version")?,
    })
}

/// Whether the repository has the version's pom.
fn has(repository: &Repository, what: &Coordinates) -> Result<bool, String> {
    match repository {
        Repository::Dir(root) => Ok(root.join(what.pom()).is_file()),
        Repository::Http(base) => {
            let url = format!("{base}/{}", what.pom());
            let output = Command::new("curl")
                .args([
                    "-sS",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code}",
                    "--netrc-optional",
                    &url,
                ])
                .output()
                .map_err(|e| format!("cannot run curl to look for {url}: {e}"))?;
            match String::from_utf8_lossy(&output.stdout).trim() {
                "200" => Ok(true),
                "404" => Ok(false),
                code => Err(format!(
                    "cannot tell whether {url} exists (HTTP {code}): {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                )),
            }
        }
    }
}

/// One `mvn deploy` (or `mvn package` for a dry run) of the reactor in `dir`.
fn deploy(
    dir: &Path,
    modules: &[(&str, Coordinates)],
    repository: &Repository,
    dry_run: bool,
) -> Result<(), String> {
    let names: Vec<String> = modules.iter().map(|(_, what)| what.to_string()).collect();
    let what = names.join(" and ");
    let mvn = |goal: &str, target: Option<String>| {
        let mut command = Command::new("mvn");
        command
            .args([
                "-B",
                "-q",
                "-ntp",
                "-Dstyle.color=never",
                "-Dmaven.test.skip=true",
                "-f",
            ])
            .arg(dir.join("pom.xml"))
            .arg(goal);
        if let Some(url) = target {
            // id::default::url: read by maven-deploy-plugin 2.x and 3.x alike.
            command.arg(format!(
                "-DaltDeploymentRepository={SERVER_ID}::default::{url}"
            ));
        }
        run(&mut command, &format!("mvn {goal} of {what}"))
    };
    if dry_run {
        return mvn("package", None);
    }
    let root = match repository {
        Repository::Http(url) => return mvn("deploy", Some(url.clone())),
        Repository::Dir(root) => root,
    };
    std::fs::create_dir_all(root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".protosmith-staging-")
        .tempdir_in(root)
        .map_err(|e| format!("cannot make a staging directory in {}: {e}", root.display()))?;
    for (_, what) in modules {
        seed_metadata(&root.join(what.path()), &staging.path().join(what.path()))?;
    }
    mvn(
        "deploy",
        Some(format!("file://{}", staging.path().display())),
    )?;
    for (_, what) in modules {
        move_in(
            &staging.path().join(what.path()),
            &root.join(what.path()),
            what,
        )?;
    }
    Ok(())
}

/// Copies the artifact's maven-metadata.xml (and its checksums) to the
/// staging directory, for Maven to merge the new version into.
fn seed_metadata(artifact_dir: &Path, staged: &Path) -> Result<(), String> {
    let metadata = std::fs::read_dir(artifact_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("maven-metadata.xml"));
    for name in metadata {
        let content = std::fs::read(artifact_dir.join(&name))
            .map_err(|e| format!("cannot read {}/{name}: {e}", artifact_dir.display()))?;
        write_file(&staged.join(&name), &content)?;
    }
    Ok(())
}

/// The staged version directory into the repository (one rename: the
/// version appears whole), then the artifact's metadata files.
fn move_in(staged: &Path, artifact_dir: &Path, what: &Coordinates) -> Result<(), String> {
    let version_dir = artifact_dir.join(&what.version);
    std::fs::create_dir_all(artifact_dir)
        .map_err(|e| format!("cannot create {}: {e}", artifact_dir.display()))?;
    std::fs::rename(staged.join(&what.version), &version_dir)
        .map_err(|e| format!("cannot move {what} into {}: {e}", version_dir.display()))?;
    let entries =
        std::fs::read_dir(staged).map_err(|e| format!("cannot read {}: {e}", staged.display()))?;
    for entry in entries.flatten() {
        let target = artifact_dir.join(entry.file_name());
        std::fs::rename(entry.path(), &target)
            .map_err(|e| format!("cannot move {}: {e}", target.display()))?;
    }
    Ok(())
}

/// `what` from the repository into the local one, for a build that needs it.
fn fetch(what: &Coordinates, repository: &Repository) -> Result<(), String> {
    let url = match repository {
        Repository::Dir(root) => format!("file://{}", root.display()),
        Repository::Http(url) => url.clone(),
    };
    run(
        Command::new("mvn").args([
            "-B",
            "-q",
            "-ntp",
            "-Dstyle.color=never",
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get",
            "-Dtransitive=false",
            &format!("-Dartifact={what}"),
            &format!("-DremoteRepositories={SERVER_ID}::default::{url}"),
        ]),
        &format!("mvn dependency:get {what}"),
    )
}

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command.output().map_err(|e| {
        format!("{what}: cannot run mvn: {e} (are Maven 3.8+ and JDK 17+ on PATH?)")
    })?;
    if output.status.success() {
        return Ok(());
    }
    let log = String::from_utf8_lossy(&output.stdout);
    let tail: Vec<&str> = log.lines().rev().take(60).collect();
    Err(format!(
        "{what} failed ({}):\n{}\n{}",
        output.status,
        tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
        String::from_utf8_lossy(&output.stderr)
    ))
}

fn write_file(path: &Path, content: &[u8]) -> Result<(), String> {
    protosmith_core::output::write_atomic(path, content)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_of_poms() {
        let runtime_pom = runtime::FILES
            .iter()
            .find(|(n, _)| *n == "pom.xml")
            .unwrap()
            .1;
        let c = coordinates(runtime_pom).unwrap();
        assert_eq!(
            (
                c.group_id.as_str(),
                c.artifact_id.as_str(),
                c.version.as_str()
            ),
            (
                runtime::GROUP_ID,
                runtime::ARTIFACT_ID,
                crate::versions::GRPC_ERRORS
            ),
            "runtime/java/pom.xml must have the workspace version"
        );
        assert_eq!(
            c.pom(),
            "dev/protosmith/grpc-errors/0.1.0/grpc-errors-0.1.0.pom".replace("0.1.0", &c.version)
        );
    }
}
