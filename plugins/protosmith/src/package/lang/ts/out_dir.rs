//! The package directory: empty, or written by an earlier `protosmith
//! package` of the same language, whose marker file `.protosmith-package`
//! lists every file it wrote. Only those files are removed before a new
//! run writes its own (so a proto file dropped from the module leaves no
//! stale class or module behind); anything else in the directory (a
//! LICENSE, a CHANGELOG, the user's own sources) is never touched.
//!
//! Shared by the TypeScript and Java packagers.

use std::path::{Path, PathBuf};

use protosmith_core::output;

pub const MARKER: &str = ".protosmith-package";

/// Checks `out` and removes the files the previous run listed; `lang`
/// must match the previous run's.
pub fn prepare(out: &Path, lang: &str) -> Result<(), String> {
    let marker = out.join(MARKER);
    let empty = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    let Ok(text) = std::fs::read_to_string(&marker) else {
        if empty {
            return std::fs::create_dir_all(out)
                .map_err(|e| format!("cannot create {}: {e}", out.display()));
        }
        return Err(format!(
            "{} exists and was not written by protosmith package (it has no {MARKER}); choose another --out, or remove it",
            out.display()
        ));
    };
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let expected = header_line(lang);
    if header != expected {
        return Err(format!(
            "{} was written by another `protosmith package` ({header:?} in {MARKER}, not {expected:?}); choose another --out",
            out.display()
        ));
    }
    for name in lines.filter(|l| !l.is_empty()) {
        let path = inside(out, name)?;
        match std::fs::remove_file(&path) {
            Ok(()) => remove_empty_parents(out, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", path.display())),
        }
    }
    Ok(())
}

/// Writes the marker listing `files` (relative to `out`, `/`-separated).
pub fn finish(out: &Path, lang: &str, files: &[String]) -> Result<(), String> {
    let mut files = files.to_vec();
    files.sort();
    files.dedup();
    let mut text = header_line(lang);
    text.push('\n');
    for file in files {
        text += &file;
        text.push('\n');
    }
    let path = out.join(MARKER);
    output::write_atomic(&path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Every file under `dir`, relative to `root`, `/`-separated, sorted.
pub fn files_under(root: &Path, dir: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn header_line(lang: &str) -> String {
    format!(
        "# written by protosmith package --lang {lang}; these files are removed when it runs again"
    )
}

/// `name` from the marker as a path under `out`; a marker edited to point
/// outside is refused rather than followed.
fn inside(out: &Path, name: &str) -> Result<PathBuf, String> {
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain {
        return Err(format!(
            "{}: {name:?} is not a path inside the package; fix or delete the marker",
            out.join(MARKER).display()
        ));
    }
    Ok(out.join(relative))
}

/// Removes the directories `path` leaves empty, up to (not including) `out`.
fn remove_empty_parents(out: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("pkg");
        prepare(&out, "ts").unwrap();
        std::fs::create_dir_all(out.join("src/a")).unwrap();
        std::fs::write(out.join("src/a/x_pb.ts"), "x").unwrap();
        std::fs::write(out.join("LICENSE"), "mine").unwrap();
        finish(&out, "ts", &["src/a/x_pb.ts".into()]).unwrap();
        prepare(&out, "ts").unwrap();
        assert!(!out.join("src").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("LICENSE")).unwrap(),
            "mine"
        );
        assert!(prepare(&out, "java").unwrap_err().contains("another"));
    }

    #[test]
    fn foreign_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.ts"), "mine").unwrap();
        assert!(
            prepare(dir.path(), "ts")
                .unwrap_err()
                .contains("not written by protosmith")
        );
    }
}
