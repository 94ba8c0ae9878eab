//! `protosmith affected`: which modules a change makes stale, so a pipeline
//! rebuilds those and not the whole repository.
//!
//! A module is a directory of .proto files under the proto root
//! (`acme/user/v1`): buf's STANDARD lint (PACKAGE_DIRECTORY_MATCH) keeps one
//! proto package per directory, so it is also the package. A module is
//! affected when one of its files changed (added, edited or deleted) or when
//! one of its files imports a changed file, directly or through other files.
//! The imports are those protox compiles, so `import public` and files
//! reached through other modules count exactly as the generators see them.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, ExitCode};

use protosmith_core::protocol::CompiledSet;

/// List the modules (proto package directories) a change affects: changed, or importing a changed file.
///
/// The change is a git diff (--against REF: what this branch changed since
/// it left REF, `git diff REF...HEAD`), a list of files (--changed), or
/// everything (--all). A change to a file matching a --global pattern (by
/// default buf.yaml, buf.lock and buf.gen*.yaml) affects every module.
/// Paths are as git prints them: relative to the current directory.
///
/// Formats: text (one module per line), json (with the files and why each
/// module is affected), gitlab-child (a GitLab child pipeline with one build
/// job per module and --lang; see ci/gitlab/protosmith.gitlab-ci.yml).
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[command(group(clap::ArgGroup::new("change").required(true).args(["against", "changed", "all"])))]
pub struct Args {
    /// The proto root, as for generate (inside the current directory)
    #[arg(long, default_value = "proto", value_name = "DIR")]
    proto: PathBuf,
    /// A git ref: the change is `git diff REF...HEAD` (main, origin/main, a commit)
    #[arg(long, value_name = "REF")]
    against: Option<String>,
    /// The changed files, relative to the current directory (proto/acme/user/v1/user.proto)
    #[arg(long, value_name = "FILE", num_args = 0..)]
    changed: Option<Vec<PathBuf>>,
    /// Every module
    #[arg(long)]
    all: bool,
    /// A file pattern (`*` within a path segment) whose change affects every module
    #[arg(long, value_name = "PATTERN", default_values = ["buf.yaml", "buf.lock", "buf.gen*.yaml"])]
    global: Vec<String>,
    /// text, json, or gitlab-child (a GitLab child pipeline)
    #[arg(long, default_value = "text", value_parser = ["text", "json", "gitlab-child"])]
    format: String,
    /// The languages of gitlab-child's jobs, separated by spaces or commas (rust go ts)
    #[arg(long, value_name = "LANGS", default_value = "rust")]
    lang: Vec<String>,
    /// How many modules one gitlab-child job builds: more than 1 keeps a
    /// change that affects hundreds of modules under GitLab's limit of jobs
    /// per pipeline
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    modules_per_job: u32,
}

/// Why a module is affected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// This changed file (relative to the proto root) is one of the module's.
    Changed(String),
    /// One of the module's files imports this changed file, maybe through others.
    Imports(String),
    /// --all, or a file matching a --global pattern changed.
    Everything,
}

/// The import graph of the files under the proto root: each file (named
/// relative to the root, as imports name it) and the files it imports.
#[derive(Debug, Default)]
pub struct Graph {
    pub imports: BTreeMap<String, Vec<String>>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let langs = languages(&args.lang)?;
    let root = relative_to_cwd(&args.proto)?;
    let files = crate::generate::proto_files(&args.proto)?;
    if files.is_empty() {
        return Err(format!("no .proto files under {}", args.proto.display()));
    }
    let graph = Graph::compile(&args.proto, &files)?;

    let changed_paths = match (&args.against, &args.changed) {
        (Some(reference), _) => git_changed(reference)?,
        (None, Some(paths)) => paths
            .iter()
            .map(|p| normalise(p).map(|p| slashed(&p)))
            .collect::<Result<_, _>>()?,
        (None, None) => Vec::new(),
    };
    let mut everything = args.all;
    let mut changed = Vec::new();
    for path in &changed_paths {
        match under(&root, path) {
            Some(file) if file.ends_with(".proto") => changed.push(file),
            Some(_) => {}
            None if args.global.iter().any(|g| glob(g, path)) => everything = true,
            None => {}
        }
    }
    let modules = affected(&graph, &changed, everything);

    let out = match args.format.as_str() {
        "json" => json(&graph, &changed, &modules, args.against.as_deref()),
        "gitlab-child" => gitlab_child(&graph, &modules, &langs, &args, changed.len())?,
        _ => modules.keys().map(|m| format!("{m}\n")).collect(),
    };
    print!("{out}");
    if modules.is_empty() {
        eprintln!("protosmith affected: no module is affected");
    }
    Ok(ExitCode::SUCCESS)
}

impl Graph {
    /// Compiles every file under `root` with protox and keeps the imports
    /// between them (well-known types and other roots are not modules).
    pub fn compile(root: &Path, files: &[PathBuf]) -> Result<Graph, String> {
        let compiled = CompiledSet::compile(files, &[root]).map_err(|d| d.to_string())?;
        let ours: BTreeSet<String> = files.iter().map(|f| slashed(f)).collect();
        let mut graph = Graph::default();
        for file in compiled.to_input().pool.files() {
            if ours.contains(file.name()) {
                let imports = file
                    .dependencies()
                    .map(|d| d.name().to_owned())
                    .filter(|d| ours.contains(d))
                    .collect();
                graph.imports.insert(file.name().to_owned(), imports);
            }
        }
        Ok(graph)
    }

    /// The files of `module`, sorted.
    pub fn files_of(&self, module: &str) -> Vec<&str> {
        self.imports
            .keys()
            .filter(|f| module_of(f) == module)
            .map(String::as_str)
            .collect()
    }
}

/// The module of a file named relative to the proto root: its directory
/// (`.` for a file at the root).
pub fn module_of(file: &str) -> &str {
    match file.rfind('/') {
        Some(slash) => &file[..slash],
        None => ".",
    }
}

/// The affected modules with the reason of each. A deleted file's module
/// counts only while it still has files; its importers would not compile.
pub fn affected(graph: &Graph, changed: &[String], everything: bool) -> BTreeMap<String, Reason> {
    let mut modules = BTreeMap::new();
    if everything {
        for file in graph.imports.keys() {
            modules.insert(module_of(file).to_owned(), Reason::Everything);
        }
        return modules;
    }
    let existing: BTreeSet<&str> = graph.imports.keys().map(|f| module_of(f)).collect();
    for file in changed {
        let module = module_of(file);
        if existing.contains(module) {
            modules
                .entry(module.to_owned())
                .or_insert_with(|| Reason::Changed(file.clone()));
        }
    }
    let mut importers: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (file, imports) in &graph.imports {
        for import in imports {
            importers.entry(import).or_default().push(file);
        }
    }
    for file in changed {
        let mut seen = BTreeSet::from([file.as_str()]);
        let mut queue = VecDeque::from([file.as_str()]);
        while let Some(next) = queue.pop_front() {
            for importer in importers.get(next).into_iter().flatten() {
                if seen.insert(importer) {
                    modules
                        .entry(module_of(importer).to_owned())
                        .or_insert_with(|| Reason::Imports(file.clone()));
                    queue.push_back(importer);
                }
            }
        }
    }
    modules
}

/// The files `git diff REF...HEAD` lists, relative to the current directory
/// (deleted and renamed files under both names).
fn git_changed(reference: &str) -> Result<Vec<String>, String> {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))
    };
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return Err(format!(
            "--against {reference}: the current directory is not in a git repository ({}); \
             run in the repository, or name the changed files with --changed",
            String::from_utf8_lossy(&inside.stderr).trim()
        ));
    }
    let commit = format!("{reference}^{{commit}}");
    if !git(&["rev-parse", "--verify", "--quiet", &commit])?
        .status
        .success()
    {
        return Err(format!(
            "--against {reference}: no such branch, tag or commit in this repository; \
             name one that exists (in CI, fetch it first: git fetch origin main, then --against origin/main)"
        ));
    }
    let range = format!("{reference}...HEAD");
    let diff = git(&[
        "diff",
        "--name-only",
        "--no-renames",
        "--relative",
        "-z",
        &range,
    ])?;
    if !diff.status.success() {
        return Err(format!(
            "--against {reference}: git diff {range} failed: {}; a shallow clone may lack the \
             merge base (fetch more history: GIT_DEPTH 0 in GitLab)",
            String::from_utf8_lossy(&diff.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&diff.stdout)
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect())
}

/// The proto root relative to the current directory, `/`-separated ("" for
/// the current directory itself).
fn relative_to_cwd(proto: &Path) -> Result<String, String> {
    let relative = if proto.is_absolute() {
        let cwd = std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .map_err(|e| format!("cannot read the current directory: {e}"))?;
        let root = proto
            .canonicalize()
            .map_err(|e| format!("cannot read {}: {e}", proto.display()))?;
        root.strip_prefix(&cwd)
            .map(Path::to_path_buf)
            .map_err(|_| {
                format!(
                    "--proto {} is outside the current directory; run where git paths name it",
                    proto.display()
                )
            })?
    } else {
        normalise(proto)?
    };
    Ok(slashed(&relative))
}

/// A relative path without `.` components; `..` is refused (git never prints it).
fn normalise(path: &Path) -> Result<PathBuf, String> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => {
                return Err(format!(
                    "{}: give paths relative to the current directory, inside it, as git prints them",
                    path.display()
                ));
            }
        }
    }
    Ok(out)
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `path` relative to `root` when it is under it.
fn under(root: &str, path: &str) -> Option<String> {
    if root.is_empty() {
        return Some(path.to_owned());
    }
    path.strip_prefix(root)?
        .strip_prefix('/')
        .map(str::to_owned)
}

/// Whether `path` matches `pattern`, where `*` is any run of characters
/// within one path segment.
pub fn glob(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == path,
        Some((head, tail)) => path.strip_prefix(head).is_some_and(|rest| {
            let ends = rest.char_indices().map(|(i, _)| i).chain([rest.len()]);
            ends.take_while(|&i| !rest[..i].contains('/'))
                .any(|i| glob(tail, &rest[i..]))
        }),
    }
}

/// The --lang values split on spaces and commas, each a name that is safe
/// in a job name and a file name (it picks buf.gen.LANG.yaml).
fn languages(values: &[String]) -> Result<Vec<String>, String> {
    let mut langs = Vec::new();
    for lang in values.iter().flat_map(|v| v.split([' ', ','])) {
        if lang.is_empty() {
            continue;
        }
        if !lang
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            return Err(format!(
                "--lang {lang:?}: a language is lower-case letters, digits, - and _ (rust, go, ts)"
            ));
        }
        if !langs.iter().any(|l| l == lang) {
            langs.push(lang.to_owned());
        }
    }
    if langs.is_empty() {
        return Err("--lang: name at least one language (rust go ts)".into());
    }
    Ok(langs)
}

fn json(
    graph: &Graph,
    changed: &[String],
    modules: &BTreeMap<String, Reason>,
    against: Option<&str>,
) -> String {
    let modules: Vec<_> = modules
        .iter()
        .map(|(module, reason)| {
            let (reason, file) = match reason {
                Reason::Changed(f) => ("changed", Some(f)),
                Reason::Imports(f) => ("imports", Some(f)),
                Reason::Everything => ("everything", None),
            };
            serde_json::json!({
                "module": module,
                "files": graph.files_of(module),
                "reason": reason,
                "file": file,
            })
        })
        .collect();
    let value = serde_json::json!({ "against": against, "changed": changed, "modules": modules });
    format!("{value:#}\n")
}

/// A GitLab child pipeline: one job per module and language, each running
/// protosmith generate on the module's files with the language's recipe:
/// buf.gen.LANG.yaml when the repository has one, else protoc-gen-errors
/// with lang=LANG into gen/errors/LANG. The setup and the cache key repeat
/// the template's `.protosmith` job, since a child pipeline made from an
/// artifact cannot include the parent's files.
fn gitlab_child(
    graph: &Graph,
    modules: &BTreeMap<String, Reason>,
    langs: &[String],
    args: &Args,
    changed: usize,
) -> Result<String, String> {
    // YAML's double-quoted scalars read JSON strings as they are.
    let q = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let base = match (&args.against, args.all) {
        (Some(reference), _) => format!("git diff {reference}...HEAD"),
        (None, true) => "--all".to_owned(),
        (None, false) => "--changed".to_owned(),
    };
    let script = [
        r#"recipe="buf.gen.$PROTOSMITH_LANG.yaml""#,
        r#"if [ ! -f "$recipe" ]; then recipe=".protosmith/buf.gen.$PROTOSMITH_LANG.yaml"; mkdir -p .protosmith; printf 'version: v2\nplugins:\n  - local: protoc-gen-errors\n    out: gen/errors/%s\n    opt: lang=%s\n' "$PROTOSMITH_LANG" "$PROTOSMITH_LANG" >"$recipe"; fi"#,
        r#"protosmith generate --proto "$PROTOSMITH_PROTO" --template "$recipe" ${PROTOSMITH_ERRORS_OPT:+--errors_opt "$PROTOSMITH_ERRORS_OPT"} $PROTOSMITH_FILES"#,
    ];
    let mut out = format!(
        "# Written by protosmith affected --format gitlab-child: the build's child\n\
         # pipeline, one job per affected module and language.\n\
         # Change: {base}; {changed} .proto file(s); {} module(s).\n\
         .protosmith:module:\n  stage: build\n  before_script:\n    \
         - export PATH=\"$CARGO_HOME/bin:$PATH\"\n    - eval \"$PROTOSMITH_INSTALL\"\n  \
         script:\n",
        modules.len()
    );
    for line in script {
        out.push_str(&format!("    - {}\n", q(line)));
    }
    out.push_str(
        "  cache:\n    key: protosmith-tools\n    paths:\n      - .cargo/\n      - .npm/\n  \
         artifacts:\n    paths:\n      - gen/\n",
    );
    if modules.is_empty() {
        // GitLab refuses a child pipeline without jobs.
        out.push_str(
            "\nprotosmith:nothing-to-build:\n  stage: build\n  script:\n    \
             - echo \"protosmith: no module is affected by this change\"\n",
        );
    }
    let modules: Vec<&str> = modules.keys().map(String::as_str).collect();
    for batch in modules.chunks(args.modules_per_job as usize) {
        let files: Vec<&str> = batch.iter().flat_map(|m| graph.files_of(m)).collect();
        if let Some(file) = files.iter().find(|f| f.contains(char::is_whitespace)) {
            return Err(format!(
                "{file}: a file name with white space cannot be passed to a job's script; rename it"
            ));
        }
        // The job is named after its first module; the rest are counted.
        let name = match batch.len() {
            1 => batch[0].to_owned(),
            n => format!("{}+{}", batch[0], n - 1),
        };
        for lang in langs {
            out.push_str(&format!(
                "\n{}:\n  extends: .protosmith:module\n  variables:\n    PROTOSMITH_MODULES: {}\n    \
                 PROTOSMITH_LANG: {}\n    PROTOSMITH_FILES: {}\n",
                q(&format!("protosmith:build:{name}:{lang}")),
                q(&batch.join(" ")),
                q(lang),
                q(&files.join(" ")),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &[&str])]) -> Graph {
        Graph {
            imports: edges
                .iter()
                .map(|(f, i)| (f.to_string(), i.iter().map(|s| s.to_string()).collect()))
                .collect(),
        }
    }

    fn example() -> Graph {
        graph(&[
            ("acme/user/v1/errors.proto", &[]),
            ("acme/user/v1/user.proto", &["acme/user/v1/errors.proto"]),
            (
                "acme/billing/v1/billing.proto",
                &["acme/user/v1/user.proto"],
            ),
            (
                "acme/shop/v1/shop.proto",
                &["acme/billing/v1/billing.proto"],
            ),
            ("acme/order/v1/order.proto", &[]),
            ("top.proto", &[]),
        ])
    }

    fn names(modules: &BTreeMap<String, Reason>) -> Vec<&str> {
        modules.keys().map(String::as_str).collect()
    }

    #[test]
    fn a_module_is_its_directory() {
        assert_eq!(module_of("acme/user/v1/user.proto"), "acme/user/v1");
        assert_eq!(module_of("top.proto"), ".");
    }

    #[test]
    fn importers_are_affected_transitively_and_others_not() {
        let changed = vec!["acme/user/v1/errors.proto".to_owned()];
        let modules = affected(&example(), &changed, false);
        assert_eq!(
            names(&modules),
            ["acme/billing/v1", "acme/shop/v1", "acme/user/v1"]
        );
        assert_eq!(modules["acme/user/v1"], Reason::Changed(changed[0].clone()));
        assert_eq!(modules["acme/shop/v1"], Reason::Imports(changed[0].clone()));
    }

    #[test]
    fn a_leaf_change_affects_its_module_only() {
        let modules = affected(&example(), &["acme/shop/v1/shop.proto".into()], false);
        assert_eq!(names(&modules), ["acme/shop/v1"]);
        assert!(affected(&example(), &[], false).is_empty());
    }

    #[test]
    fn a_deleted_module_is_not_listed() {
        let modules = affected(&example(), &["acme/gone/v1/gone.proto".into()], false);
        assert!(modules.is_empty());
        // A deleted file of a module that still has files rebuilds the rest.
        let modules = affected(&example(), &["acme/order/v1/old.proto".into()], false);
        assert_eq!(names(&modules), ["acme/order/v1"]);
    }

    #[test]
    fn everything_lists_every_module() {
        let modules = affected(&example(), &[], true);
        assert_eq!(modules.len(), 5);
        assert!(modules.contains_key("."));
    }

    #[test]
    fn cycles_through_public_imports_end() {
        let g = graph(&[("a/x.proto", &["b/y.proto"]), ("b/y.proto", &["a/x.proto"])]);
        assert_eq!(
            names(&affected(&g, &["a/x.proto".into()], false)),
            ["a", "b"]
        );
    }

    #[test]
    fn globs_stay_in_one_segment() {
        assert!(glob("buf.gen*.yaml", "buf.gen.yaml"));
        assert!(glob("buf.gen*.yaml", "buf.gen.go.yaml"));
        assert!(!glob("buf.gen*.yaml", "buf.gen/x.yaml"));
        assert!(!glob("buf.yaml", "proto/buf.yaml"));
        assert!(glob("*/buf.yaml", "proto/buf.yaml"));
        assert!(glob("*.yaml", "büf.yaml"));
    }

    #[test]
    fn paths_under_the_root() {
        assert_eq!(
            under("proto", "proto/a/b.proto").as_deref(),
            Some("a/b.proto")
        );
        assert_eq!(under("proto", "protos/a.proto"), None);
        assert_eq!(under("", "a/b.proto").as_deref(), Some("a/b.proto"));
        assert_eq!(
            normalise(Path::new("./proto/a")).unwrap(),
            Path::new("proto/a")
        );
        assert!(normalise(Path::new("../proto")).is_err());
    }

    #[test]
    fn languages_split_and_checked() {
        assert_eq!(
            languages(&["rust go,ts".into(), "go".into()]).unwrap(),
            ["rust", "go", "ts"]
        );
        assert!(
            languages(&["Rust".into()])
                .unwrap_err()
                .contains("lower-case")
        );
        assert!(languages(&[" ".into()]).is_err());
    }
}
