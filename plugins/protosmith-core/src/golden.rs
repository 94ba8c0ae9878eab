//! Golden files, one mechanism for every test that has them: generated files
//! are compared with the committed ones, and `UPDATE_GOLDEN=1` rewrites the
//! committed ones instead, so a change to an emitter is a reviewable diff.

use std::path::Path;

use crate::GeneratedFile;

/// Checks that `dir` holds `files` as generated; with `UPDATE_GOLDEN` set,
/// writes them there instead. Panics naming every stale file.
pub fn assert_matches(dir: &Path, files: &[GeneratedFile]) {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for file in files {
        let path = dir.join(&file.name);
        if update {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
            }
            std::fs::write(&path, &file.content)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(file.content.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "golden files differ from the generator's output (rerun with UPDATE_GOLDEN=1 and review the diff):\n  {}",
        stale.join("\n  ")
    );
}
