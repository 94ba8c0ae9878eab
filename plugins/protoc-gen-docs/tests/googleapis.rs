//! The whole googleapis corpus (npm package google-proto-files, installed by
//! ci/install-tools.sh; ci/env.sh exports GOOGLE_PROTO_FILES) documented in
//! every format without a diagnostic or a panic, with working anchors and
//! JSON that matches the schema.
//!
//! Without GOOGLE_PROTO_FILES the test is skipped with a note, unless CI is
//! set: CI must run it. `cargo test --release -p protoc-gen-docs --test
//! googleapis -- --nocapture` prints the timings.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use protosmith_core::protocol::PluginRequest;

/// The corpus root (the folder holding google/ and grafeas/), or why there is none.
fn corpus() -> Option<PathBuf> {
    match std::env::var_os("GOOGLE_PROTO_FILES") {
        Some(path) => {
            let path = PathBuf::from(path);
            assert!(
                path.join("google/api/annotations.proto").is_file(),
                "GOOGLE_PROTO_FILES={} does not hold google/api/annotations.proto: run bash ci/install-tools.sh",
                path.display()
            );
            Some(path)
        }
        None if std::env::var_os("CI").is_some() => {
            panic!(
                "GOOGLE_PROTO_FILES is not set: CI must document the googleapis corpus; source ci/env.sh after bash ci/install-tools.sh"
            )
        }
        None => {
            eprintln!(
                "note: GOOGLE_PROTO_FILES is not set, googleapis corpus test skipped (bash ci/install-tools.sh && source ci/env.sh to run it)"
            );
            None
        }
    }
}

/// An include folder with every folder of the corpus but google/protobuf/,
/// linked: the corpus ships protobuf's newest descriptor.proto (editions) and
/// protobuf's own test files, while protox brings the well-known types
/// protosmith reads (proto2 and proto3).
fn include_dir(root: &Path) -> PathBuf {
    let include =
        std::env::temp_dir().join(format!("protosmith-googleapis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&include);
    std::fs::create_dir_all(include.join("google")).unwrap();
    let link = |from: PathBuf, to: PathBuf| std::os::unix::fs::symlink(from, to).unwrap();
    for entry in std::fs::read_dir(root).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() && entry.file_name() != "google" {
            link(entry.path(), include.join(entry.file_name()));
        }
    }
    for entry in std::fs::read_dir(root.join("google")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() && entry.file_name() != "protobuf" {
            link(entry.path(), include.join("google").join(entry.file_name()));
        }
    }
    include
}

#[test]
fn documents_the_whole_googleapis_corpus() {
    let Some(root) = corpus() else { return };
    let include = include_dir(&root);
    let files = common::proto_files(&include);
    assert!(
        files.len() > 3000,
        "only {} protos under {}",
        files.len(),
        root.display()
    );

    let started = Instant::now();
    let input = PluginRequest::compile(&files, &[&include], "")
        .unwrap_or_else(|d| panic!("the corpus does not compile:\n{d}"));
    eprintln!(
        "compiled {} files in {:.1?}",
        files.len(),
        started.elapsed()
    );

    let mut links_in_comments = HashSet::new();
    for parameter in [
        "format=json",
        "format=markdown",
        "format=html",
        "format=markdown,per_file=true",
    ] {
        let started = Instant::now();
        let input = PluginRequest {
            parameter: parameter.to_owned(),
            ..input.clone()
        };
        let pages = input
            .run(protoc_gen_docs::run)
            .unwrap_or_else(|d| panic!("{parameter}: diagnostics:\n{d}"));
        let bytes: usize = pages.iter().map(|p| p.content.len()).sum();
        eprintln!(
            "{parameter}: {} page(s), {} MB in {:.1?}",
            pages.len(),
            bytes / 1_000_000,
            started.elapsed()
        );
        let started = Instant::now();
        match parameter {
            "format=json" => {
                let page = common::schema::check("googleapis", &pages[0].content);
                collect_links_in_descriptions(&page, &mut links_in_comments);
                eprintln!("  matches the schema ({:.1?})", started.elapsed());
            }
            // One page for 7,000 files: thousands of headings in comments to number right.
            "format=markdown" => {
                let pages = pages.into_iter().map(|p| (p.name, p.content)).collect();
                // Links inside comments (`[x](#thresholdrule)`) were written for
                // cloud.google.com: only the plugin's own links are checked.
                let in_a_comment =
                    |link: &common::links::Link| links_in_comments.contains(&link.destination);
                let checked = common::links::check_links_except(&pages, in_a_comment);
                eprintln!(
                    "  {checked} links resolve on GitHub and GitLab ({:.1?})",
                    started.elapsed()
                );
            }
            _ => {}
        }
    }
    let _ = std::fs::remove_dir_all(include);
}

/// The destination of every link in the `description`s of a JSON page.
fn collect_links_in_descriptions(value: &serde_json::Value, out: &mut HashSet<String>) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, value) in fields {
                match value {
                    serde_json::Value::String(text) if key == "description" => {
                        for event in pulldown_cmark::Parser::new(text) {
                            if let pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link {
                                dest_url,
                                ..
                            }) = event
                            {
                                out.insert(dest_url.to_string());
                            }
                        }
                    }
                    other => collect_links_in_descriptions(other, out),
                }
            }
        }
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|item| collect_links_in_descriptions(item, out)),
        _ => {}
    }
}
