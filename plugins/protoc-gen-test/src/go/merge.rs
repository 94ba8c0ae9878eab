//! Regenerating a Go test file without losing user work: the file is kept
//! byte for byte; missing declarations are appended and the imports they
//! use inserted into the import block, in gofmt's order.
//!
//! There is no Go parser in this crate, so the file is read line by line,
//! as gofmt lays it out: top-level declarations start in column 0 (`func
//! Name(`, `var Name `), a test's doc comment ends with `// Tests /pkg.Service/Method.`,
//! imports are one per line. That is what the generator writes and what
//! gofmt keeps; a line of code the reading misses only means a declaration
//! is added again, which the compiler reports, never that code is lost.

use std::collections::BTreeSet;
use std::path::Path;

use protosmith_core::Diagnostic;

use super::render::{Import, import_spec, is_std};

/// A test file already in the output directory.
#[derive(Debug)]
pub struct Existing {
    pub text: String,
    /// Top-level names declared here or in the other `_test.go` files of the
    /// directory (the user may have moved a hook or helper there).
    declared: BTreeSet<String>,
    /// (function, method path) of each test marked with its method.
    marked: Vec<(String, String)>,
    /// Import paths of this file.
    imports: BTreeSet<String>,
}

impl Existing {
    pub fn declares(&self, name: &str) -> bool {
        self.declared.contains(name)
    }

    /// Whether a test is marked as testing the method at `path`.
    pub fn tests(&self, path: &str) -> bool {
        self.marked.iter().any(|(_, marked)| marked == path)
    }

    pub fn marked_tests(&self) -> impl Iterator<Item = (&str, &str)> {
        self.marked.iter().map(|(f, p)| (f.as_str(), p.as_str()))
    }

    pub fn imports(&self, path: &str) -> bool {
        self.imports.contains(path)
    }
}

/// Reads `path` if it exists. A file without a package clause is not Go
/// (or not the file it should be): it is an error, and is not overwritten.
pub fn read(path: &Path, shown_as: &str) -> Result<Option<Existing>, Diagnostic> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::general(format!(
                "{shown_as}: cannot read it to merge new tests into it: {e}"
            )));
        }
    };
    if !text.lines().any(|line| line.starts_with("package ")) {
        return Err(Diagnostic::general(format!(
            "{shown_as}: no package clause at the start of a line; protoc-gen-test merges new tests into this \
             file and never overwrites a file it cannot read: fix it (gofmt -w) or move it away, and generate again"
        )));
    }
    let mut declared = BTreeSet::new();
    let mut marked = Vec::new();
    let mut comment: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.starts_with("//") {
            comment.push(line);
            continue;
        }
        if let Some(name) = declared_name(line) {
            if line.starts_with("func ") {
                let marker = comment.iter().rev().find_map(|c| {
                    let path = c.strip_prefix("// Tests ")?.strip_suffix('.')?;
                    path.starts_with('/').then(|| path.to_owned())
                });
                if let Some(path) = marker {
                    marked.push((name.clone(), path));
                }
            }
            declared.insert(name);
        }
        comment.clear();
    }
    if let Some(siblings) = path.parent().and_then(|dir| std::fs::read_dir(dir).ok()) {
        let mut others: Vec<_> = siblings
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|p| p != path && p.to_string_lossy().ends_with("_test.go") && p.is_file())
            .collect();
        others.sort();
        for other in others {
            if let Ok(text) = std::fs::read_to_string(&other) {
                declared.extend(text.lines().filter_map(declared_name));
            }
        }
    }
    let imports = import_lines(&text)
        .into_iter()
        .filter_map(|(_, line)| import_path(line))
        .collect();
    Ok(Some(Existing {
        text,
        declared,
        marked,
        imports,
    }))
}

/// The name a top-level `func`, `var`, `const` or `type` line declares
/// (not a method's, not a grouped declaration's).
fn declared_name(line: &str) -> Option<String> {
    let rest = ["func ", "var ", "const ", "type "]
        .iter()
        .find_map(|keyword| line.strip_prefix(keyword))?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The lines of the file's import declarations that hold one import each:
/// (line index, line).
fn import_lines(text: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut in_block = false;
    for (index, line) in text.lines().enumerate() {
        if in_block {
            if line.trim_start().starts_with(')') {
                in_block = false;
            } else {
                lines.push((index, line));
            }
        } else if line.starts_with("import (") {
            in_block = true;
        } else if let Some(single) = line.strip_prefix("import ") {
            lines.push((index, single));
        }
    }
    lines
}

/// The path of one import line: `\tuserv1 "acme.example/gen/go/user/v1" // why`.
fn import_path(line: &str) -> Option<String> {
    let code = line.split("//").next().unwrap_or(line);
    let start = code.find('"')?;
    let end = code[start + 1..].find('"')? + start + 1;
    Some(code[start + 1..end].to_owned())
}

/// `text` with `missing` added to its import block: a standard-library path
/// to the group of standard-library imports, another to the last group of
/// the others, each at its sorted place, as gofmt sorts a group; a group is
/// made when there is none. Every other byte is kept.
pub fn add_imports(text: &str, missing: &[Import]) -> String {
    if missing.is_empty() {
        return text.to_owned();
    }
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let Some(open) = lines.iter().position(|l| l.starts_with("import (")) else {
        // No import block: one after the package clause (or the last single import).
        let after = lines
            .iter()
            .rposition(|l| l.starts_with("import "))
            .or_else(|| lines.iter().position(|l| l.starts_with("package ")))
            .unwrap_or(0);
        let mut block = vec![String::new(), "import (".to_owned()];
        let mut sorted: Vec<&Import> = missing.iter().collect();
        // One group, so sorted by path alone, as gofmt sorts a group.
        sorted.sort_by(|a, b| a.1.cmp(&b.1));
        block.extend(sorted.iter().map(|i| format!("\t{}", import_spec(i))));
        block.push(")".to_owned());
        lines.splice(after + 1..after + 1, block);
        return rejoin(&lines, text);
    };
    for import in missing {
        let close = open
            + lines[open..]
                .iter()
                .position(|l| l.trim_start().starts_with(')'))
                .unwrap_or(lines.len() - open - 1);
        // Groups: runs of import lines between blank lines.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut start = None;
        for (index, line) in lines.iter().enumerate().take(close + 1).skip(open + 1) {
            let blank = index == close || line.trim().is_empty();
            match (blank, start) {
                (false, None) => start = Some(index),
                (true, Some(s)) => {
                    groups.push((s, index));
                    start = None;
                }
                _ => {}
            }
        }
        let std = is_std(&import.1);
        let group_is_std = |&(s, e): &(usize, usize)| {
            lines[s..e]
                .iter()
                .filter_map(|l| import_path(l))
                .next()
                .is_some_and(|p| is_std(&p))
        };
        let target = if std {
            groups.iter().find(|g| group_is_std(g)).copied()
        } else {
            groups.iter().rev().find(|g| !group_is_std(g)).copied()
        };
        let spec = format!("\t{}", import_spec(import));
        match target {
            Some((s, e)) => {
                let at = (s..e)
                    .find(|&i| import_path(&lines[i]).is_some_and(|p| p > import.1))
                    .unwrap_or(e);
                lines.insert(at, spec);
            }
            None if std => {
                let mut new = vec![spec];
                if !groups.is_empty() {
                    new.push(String::new());
                }
                lines.splice(open + 1..open + 1, new);
            }
            None => {
                let mut new = Vec::new();
                if !groups.is_empty() {
                    new.push(String::new());
                }
                new.push(spec);
                lines.splice(close..close, new);
            }
        }
    }
    rejoin(&lines, text)
}

fn rejoin(lines: &[String], original: &str) -> String {
    let mut text = lines.join("\n");
    if original.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(alias: &str, path: &str) -> Import {
        (alias.to_owned(), path.to_owned())
    }

    #[test]
    fn imports_go_to_their_group_in_order() {
        let text = "package a_test\n\nimport (\n\t\"errors\"\n\t\"testing\"\n\n\t\"google.golang.org/grpc\"\n\n\tav1 \"x.example/a/v1\"\n)\n";
        let merged = add_imports(
            text,
            &[
                import("", "io"),
                import("", "google.golang.org/protobuf/proto"),
                import("bv1", "x.example/b/v1"),
            ],
        );
        assert_eq!(
            merged,
            "package a_test\n\nimport (\n\t\"errors\"\n\t\"io\"\n\t\"testing\"\n\n\t\"google.golang.org/grpc\"\n\n\
             \t\"google.golang.org/protobuf/proto\"\n\tav1 \"x.example/a/v1\"\n\tbv1 \"x.example/b/v1\"\n)\n"
        );
    }

    #[test]
    fn a_file_without_imports_gets_a_block() {
        let merged = add_imports("package a_test\n\nfunc f() {}\n", &[import("", "testing")]);
        assert_eq!(
            merged,
            "package a_test\n\nimport (\n\t\"testing\"\n)\n\nfunc f() {}\n"
        );
    }

    #[test]
    fn declarations_and_markers_are_read() {
        assert_eq!(
            declared_name("func TestA_B(t *testing.T) {"),
            Some("TestA_B".to_owned())
        );
        assert_eq!(
            declared_name("func recvA[M any](x M) {"),
            Some("recvA".to_owned())
        );
        assert_eq!(
            declared_name("var newAServer func(t *testing.T) av1.AServer"),
            Some("newAServer".to_owned())
        );
        assert_eq!(declared_name("func (s *server) Get() {"), None);
        assert_eq!(declared_name("\tfunc f() {}"), None);
    }
}
