//! The generated Java compiles warning-free and runs: the example module and
//! the edge fixture are compiled with `javac -Xlint:all -Xdoclint:all/protected
//! -Werror` against the Java runtime (runtime/java, installed with Maven the
//! way tests/interop/java/build.sh does), then a small program uses them.
//!
//! All of them, and the stress fixture (tests/java), must also be what
//! google-java-format 1.24.0 writes.
//!
//! Needs JDK 17+ and Maven on PATH, and the runtime's dependencies and
//! google-java-format in ~/.m2 (`bash ci/lang/java.sh` installs them all);
//! fails, saying so, when they are missing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{generate_files, repo_root, scratch_dir};
use protosmith_core::GeneratedFile;

/// Runs `command`, panicking with its output when it fails; returns stdout.
fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{command:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn require_tool(tool: &str, version_flag: &str) {
    let found = Command::new(tool)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "this test needs {tool} on PATH (JDK 17+ and Maven 3.8+; `bash tests/interop/java/build.sh` installs them on Debian)"
    );
}

/// The runtime's classes and its runtime dependencies, as a class path.
fn runtime_class_path() -> String {
    let runtime = repo_root().join("runtime/java");
    let mvn = |args: &[&str]| {
        let mut command = Command::new("mvn");
        command
            .args(["-q", "-B", "-o", "-Dstyle.color=never", "-f"])
            .arg(runtime.join("pom.xml"))
            .args(args);
        run(&mut command)
    };
    mvn(&["-DskipTests", "install"]);
    let list = scratch_dir("java-classpath").join("classpath.txt");
    mvn(&[
        "dependency:build-classpath",
        "-Dmdep.includeScope=runtime",
        &format!("-Dmdep.outputFile={}", list.display()),
    ]);
    let dependencies = std::fs::read_to_string(&list).expect("maven wrote the class path");
    format!(
        "{}:{}",
        runtime.join("target/classes").display(),
        dependencies.trim()
    )
}

fn write(dir: &Path, files: &[GeneratedFile]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|file| {
            let path = dir.join(&file.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &file.content).unwrap();
            path
        })
        .filter(|path| path.extension().is_some_and(|e| e == "java"))
        .collect()
}

/// Uses the generated classes and prints what [`the_generated_java_compiles_without_warnings_and_runs`] expects.
const CHECK: &str = r#"import acme.order.v1.OrderErrorErrors;
import acme.user.v1.UserErrorErrors;
import dev.protosmith.grpcerrors.ErrorRegistry;
import dev.protosmith.grpcerrors.GrpcError;
import java.util.stream.Collectors;
import very.longer.pkg.name.v1.EdgeErrorsErrors;
import very.longer.pkg.name.v1.HTTPErrorErrors;

/** Runs generated code. */
public final class Check {
  private Check() {}

  private static String codePoints(String text) {
    return text.codePoints().mapToObj(Integer::toHexString).collect(Collectors.joining(" "));
  }

  /**
   * Prints one line per check.
   *
   * @param args none
   */
  public static void main(String[] args) {
    // No generated class is initialised yet: only META-INF/services can have registered this.
    System.out.println(
        "lookup " + ErrorRegistry.lookup("", "acme.order.v1.ORDER_ERROR_NOT_FOUND").isPresent());
    GrpcError notFound = UserErrorErrors.notFound("u-1");
    System.out.println("message " + notFound.message() + " " + notFound.metadata());
    System.out.println(
        "is "
            + UserErrorErrors.isNotFound(notFound.toStatusRuntimeException())
            + " "
            + UserErrorErrors.isEmailTaken(notFound.toStatusRuntimeException()));
    System.out.println("code " + OrderErrorErrors.outOfStock("2", "sku-1").code());
    System.out.println("edge " + codePoints(HTTPErrorErrors.notFound("c", "d", "u", "v").message()));
    System.out.println(
        "translation " + codePoints(HTTPErrorErrors.NOT_FOUND.translation("de_CH").orElse("")));
    System.out.println(
        "names "
            + HTTPErrorErrors.ALL.size()
            + " "
            + HTTPErrorErrors.all().reason()
            + " "
            + HTTPErrorErrors.default_().reason()
            + " "
            + EdgeErrorsErrors.edge2faRequired().code());
  }
}
"#;

/// google-java-format 1.24.0, as ci/lang/java.sh runs it, would change none of `sources`.
fn assert_formatted(sources: &[PathBuf]) {
    let version = "1.24.0";
    let home = std::env::var_os("HOME").expect("HOME is set");
    let jar = PathBuf::from(home).join(format!(
        ".m2/repository/com/google/googlejavaformat/google-java-format/{version}/google-java-format-{version}-all-deps.jar"
    ));
    assert!(
        jar.is_file(),
        "this test needs google-java-format {version} in ~/.m2 (`bash ci/lang/java.sh` or \
         `mvn dependency:get -Dartifact=com.google.googlejavaformat:google-java-format:{version}:jar:all-deps` downloads it)"
    );
    let mut java = Command::new("java");
    for package in ["api", "code", "file", "parser", "tree", "util"] {
        java.arg(format!(
            "--add-exports=jdk.compiler/com.sun.tools.javac.{package}=ALL-UNNAMED"
        ));
    }
    java.arg("-jar")
        .arg(&jar)
        .args(["--skip-reflowing-long-strings", "--dry-run"])
        .args(sources);
    let unformatted = run(&mut java);
    assert!(
        unformatted.is_empty(),
        "not formatted as google-java-format {version} formats:\n{unformatted}"
    );
}

fn code_points(text: &str) -> String {
    text.chars()
        .map(|c| format!("{:x}", u32::from(c)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_generated_java_compiles_without_warnings_and_runs() {
    require_tool("javac", "-version");
    require_tool("java", "-version");
    require_tool("mvn", "-v");
    let class_path = runtime_class_path();

    let example = generate_files(
        &repo_root().join("proto"),
        &[
            "acme/order/v1/order.proto",
            "acme/user/v1/errors.proto",
            "acme/user/v1/user.proto",
        ],
        "lang=java",
    )
    .unwrap();
    let edge = generate_files(
        &repo_root().join("tests/interop/java/edge"),
        &["edge_errors.proto"],
        "lang=java",
    )
    .unwrap();
    let stress = generate_files(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/java"),
        &["stress.proto", "nopkg.proto"],
        "lang=java",
    )
    .unwrap();
    let dir = scratch_dir("javac");
    let (example_dir, edge_dir, classes) =
        (dir.join("example"), dir.join("edge"), dir.join("classes"));
    let mut sources = write(&example_dir, &example);
    sources.extend(write(&edge_dir, &edge));
    sources.extend(write(&dir.join("stress"), &stress));
    assert_formatted(&sources);
    std::fs::write(dir.join("Check.java"), CHECK).unwrap();
    sources.push(dir.join("Check.java"));

    let mut javac = Command::new("javac");
    javac
        .args([
            "--release",
            "17",
            "-Xlint:all",
            "-Xdoclint:all/protected",
            "-Werror",
            "-d",
        ])
        .arg(&classes)
        .args(["-cp", &class_path])
        .args(&sources);
    run(&mut javac);

    // The example's output directory is a resource root: its META-INF/services is on the class path.
    let mut java = Command::new("java");
    java.arg("-cp")
        .arg(format!(
            "{}:{}:{class_path}",
            classes.display(),
            example_dir.display()
        ))
        .arg("Check");
    let output = run(&mut java);
    let expected = format!(
        "lookup true\n\
         message user u-1 not found {{user_id=u-1}}\n\
         is true false\n\
         code RESOURCE_EXHAUSTED\n\
         edge {}\n\
         translation {}\n\
         names 4 very.longer.pkg.name.v1.HTTP_ERROR_ALL very.longer.pkg.name.v1.HTTP_ERROR_DEFAULT UNAUTHENTICATED\n",
        code_points("x \"c\" d u v \\ \n\t\u{1} \u{202e} {lit} 😀"),
        code_points("grüezi {class}"),
    );
    assert_eq!(output, expected);
    std::fs::remove_dir_all(&dir).ok();
}
