//! The crate version: given, or read from the git tag on the proto module's
//! commit, as a release pipeline tags it (`v1.4.0`, or `user-api/v1.4.0`
//! in a repository holding several modules).

use std::path::Path;
use std::process::Command;

use semver::Version;

pub fn resolve(given: Option<&str>, module: &Path) -> Result<Version, String> {
    match given {
        Some(version) => Version::parse(version).map_err(|e| {
            format!("--version {version} is not a semantic version (like 1.4.0): {e}")
        }),
        None => from_git(module),
    }
}

fn from_git(module: &Path) -> Result<Version, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(module)
        .args(["describe", "--tags", "--exact-match"])
        .output()
        .map_err(|e| {
            format!("no --version given, and git could not be run to read the tag: {e}")
        })?;
    if !output.status.success() {
        return Err(format!(
            "no --version given, and the commit of {} has no tag to take it from (git describe --tags --exact-match: {}); \
             tag the commit (git tag v1.4.0) or pass --version 1.4.0",
            module.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    from_tag(String::from_utf8_lossy(&output.stdout).trim())
}

/// `v1.4.0`, `1.4.0` or `user-api/v1.4.0` → 1.4.0.
pub fn from_tag(tag: &str) -> Result<Version, String> {
    let version = tag.rsplit('/').next().unwrap_or(tag);
    let version = version.strip_prefix('v').unwrap_or(version);
    Version::parse(version).map_err(|e| {
        format!("git tag {tag} is not a version tag like v1.4.0 ({e}); pass --version or tag the commit v<MAJOR>.<MINOR>.<PATCH>")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_versions() {
        assert_eq!(from_tag("v1.4.0").unwrap(), Version::new(1, 4, 0));
        assert_eq!(from_tag("1.4.0").unwrap(), Version::new(1, 4, 0));
        assert_eq!(from_tag("user-api/v2.0.1").unwrap(), Version::new(2, 0, 1));
        assert_eq!(from_tag("v1.5.0-rc.1").unwrap().to_string(), "1.5.0-rc.1");
        assert!(
            from_tag("release-7")
                .unwrap_err()
                .contains("not a version tag")
        );
    }

    #[test]
    fn the_tag_of_the_commit_is_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            let status = Command::new("git")
                .arg("-C")
                .arg(dir.path())
                .args([
                    "-c",
                    "user.name=protosmith",
                    "-c",
                    "user.email=protosmith@example.invalid",
                ])
                .args(args)
                .output()
                .unwrap();
            assert!(
                status.status.success(),
                "git {args:?}: {}",
                String::from_utf8_lossy(&status.stderr)
            );
        };
        git(&["init", "--quiet"]);
        git(&["commit", "--quiet", "--allow-empty", "-m", "protos"]);
        let untagged = resolve(None, dir.path()).unwrap_err();
        assert!(untagged.contains("pass --version"), "{untagged}");
        git(&["tag", "v1.4.0"]);
        assert_eq!(resolve(None, dir.path()).unwrap(), Version::new(1, 4, 0));
        assert_eq!(
            resolve(Some("2.0.0"), dir.path()).unwrap(),
            Version::new(2, 0, 0)
        );
        assert!(
            resolve(Some("2.0"), dir.path())
                .unwrap_err()
                .contains("not a semantic version")
        );
    }
}
