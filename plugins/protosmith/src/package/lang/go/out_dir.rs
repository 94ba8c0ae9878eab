//! Writing a package directory without losing what a user put there.
//!
//! Generators write into a scratch directory first; then every file is
//! checked against the directory: it may replace only a file the previous
//! run listed in `.protosmith-package` (a JSON marker, because go.mod and
//! composer.json have no room for an `@generated` line that every tool
//! keeps). Files that run listed and this one no longer makes (a proto
//! removed) are deleted, so no stale stub breaks the build; anything else
//! is left alone. Nothing is written unless every check passed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use protosmith_core::output;

pub const MARKER: &str = ".protosmith-package";

/// A package's files, by `/`-separated path relative to its directory.
pub type Files = BTreeMap<String, Vec<u8>>;

/// What the marker records.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Marker {
    pub generator: String,
    pub name: String,
    pub version: String,
    pub files: Vec<String>,
}

impl Marker {
    pub fn read(dir: &Path) -> Result<Option<Marker>, String> {
        let path = dir.join(MARKER);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| format!("{}: not a protosmith package marker: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }
}

/// Every file under `dir`, read into memory (the scratch output of the generators).
pub fn read_tree(dir: &Path) -> Result<Files, String> {
    let mut files = Files::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        let entries =
            std::fs::read_dir(&at).map_err(|e| format!("cannot read {}: {e}", at.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", at.display()))?
                .path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = relative(dir, &path);
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            files.insert(relative, bytes);
        }
    }
    Ok(files)
}

fn relative(base: &Path, path: &Path) -> String {
    let rest = path.strip_prefix(base).unwrap_or(path);
    rest.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether `out` may be written: empty, missing, or written by an earlier
/// `protosmith package` (its marker, returned). Checked before generating too,
/// so a wrong --out fails at once.
pub fn check(out: &Path) -> Result<Option<Marker>, String> {
    let previous = Marker::read(out)?;
    let empty = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    if previous.is_none() && !empty {
        return Err(format!(
            "{} exists and was not written by protosmith package (no {MARKER}); choose another --out, or remove it",
            out.display()
        ));
    }
    Ok(previous)
}

/// Writes `files` into `out` under the rules above; `marker` names the run.
pub fn commit(out: &Path, files: &Files, mut marker: Marker) -> Result<(), String> {
    let listed: Vec<String> = check(out)?.map(|m| m.files).unwrap_or_default();
    let clashes: Vec<String> = files
        .keys()
        .filter(|name| !listed.contains(name))
        .map(|name| out.join(name))
        .filter(|path| path.exists())
        .map(|path| format!("  {}", path.display()))
        .collect();
    if !clashes.is_empty() {
        return Err(format!(
            "protosmith package would replace these files, which it did not write:\n{}\n\
             nothing was written: move them, or choose another --out",
            clashes.join("\n")
        ));
    }
    for (name, content) in files {
        let path = out.join(name);
        output::write_atomic(&path, content)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    for stale in listed.iter().filter(|name| !files.contains_key(*name)) {
        let path = out.join(stale);
        match std::fs::remove_file(&path) {
            Ok(()) => remove_empty_parents(out, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", path.display())),
        }
    }
    marker.files = files.keys().cloned().collect();
    let mut json = serde_json::to_string_pretty(&marker).map_err(|e| e.to_string())?;
    json.push('\n');
    output::write_atomic(&out.join(MARKER), json.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", out.join(MARKER).display()))
}

/// Removes the directories a deleted file leaves empty, up to `out`.
fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir: Option<PathBuf> = file.parent().map(Path::to_path_buf);
    while let Some(at) = dir {
        if at == out || std::fs::remove_dir(&at).is_err() {
            break;
        }
        dir = at.parent().map(Path::to_path_buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker() -> Marker {
        Marker {
            generator: "protosmith package --lang go".to_owned(),
            name: "m".to_owned(),
            version: "v1.0.0".to_owned(),
            files: Vec::new(),
        }
    }

    fn files(names: &[&str]) -> Files {
        names
            .iter()
            .map(|n| ((*n).to_owned(), b"x\n".to_vec()))
            .collect()
    }

    #[test]
    fn a_directory_protosmith_did_not_write_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.go"), "package main\n").unwrap();
        let err = commit(dir.path(), &files(&["go.mod"]), marker()).unwrap_err();
        assert!(
            err.contains("was not written by protosmith package"),
            "{err}"
        );
        assert!(!dir.path().join("go.mod").exists());
    }

    #[test]
    fn user_files_stay_and_stale_files_go() {
        let dir = tempfile::tempdir().unwrap();
        commit(dir.path(), &files(&["go.mod", "a/v1/a.pb.go"]), marker()).unwrap();
        std::fs::write(dir.path().join("LICENSE"), "mine\n").unwrap();
        commit(dir.path(), &files(&["go.mod", "b/v1/b.pb.go"]), marker()).unwrap();
        assert!(dir.path().join("LICENSE").exists());
        assert!(dir.path().join("b/v1/b.pb.go").exists());
        assert!(
            !dir.path().join("a").exists(),
            "the stale file and its empty directories are gone"
        );
        // A file the user put where a generated one now goes: nothing is written.
        std::fs::create_dir_all(dir.path().join("c")).unwrap();
        std::fs::write(dir.path().join("c/c.go"), "mine\n").unwrap();
        let err = commit(dir.path(), &files(&["go.mod", "c/c.go"]), marker()).unwrap_err();
        assert!(err.contains("c/c.go"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("c/c.go")).unwrap(),
            "mine\n"
        );
        assert!(dir.path().join("b/v1/b.pb.go").exists());
    }
}
