//! Writing generated files: each file is written to a temporary file beside
//! it and renamed into place, so a reader (or a crash) never sees half a file.

use std::io::Write as _;
use std::path::Path;

/// Writes `content` to `path` atomically, creating its directory.
pub fn atomic(path: &Path, content: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".protosmith-")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    // A temporary file is private (0600); the generated file gets what the
    // file it replaces had, or what a plain write would give.
    let permissions = std::fs::metadata(path)
        .map(|metadata| metadata.permissions())
        .ok()
        .or_else(default_permissions);
    temp.write_all(content)
        .and_then(|()| match permissions {
            Some(permissions) => temp.as_file().set_permissions(permissions),
            None => Ok(()),
        })
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    temp.persist(path)
        .map_err(|e| format!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}
