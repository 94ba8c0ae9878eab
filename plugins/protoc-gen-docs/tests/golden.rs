//! gen/docs/ holds the golden files: what `protosmith generate` writes for the
//! example module in each format. This test checks they are exactly what the
//! plugin writes today, so a template change shows up as a reviewable diff.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-docs --test golden` rewrites them.

mod common;

use std::collections::BTreeMap;

use common::{example, generate, repo_root};
use protosmith_core::GeneratedFile;

#[test]
fn gen_docs_matches_a_fresh_generation() {
    for format in ["markdown", "html", "json"] {
        let generated = generate(&example(&format!("format={format}")));
        let extension = if format == "markdown" { "md" } else { format };
        assert_eq!(
            generated.keys().collect::<Vec<_>>(),
            [&format!("index.{extension}")]
        );
        let files: Vec<GeneratedFile> = generated
            .into_iter()
            .map(|(name, content)| GeneratedFile { name, content })
            .collect();
        protosmith_core::golden::assert_matches(&repo_root().join("gen/docs").join(format), &files);
    }
}

#[test]
fn output_is_deterministic_byte_for_byte() {
    for parameter in [
        "format=markdown",
        "format=html",
        "format=json",
        "per_file=true,sort=name",
    ] {
        let first = generate(&example(parameter));
        for _ in 0..3 {
            assert_eq!(generate(&example(parameter)), first, "{parameter}");
        }
    }
}

#[test]
fn the_plugin_protocol_gives_the_same_files_as_the_library() {
    // What protoc and buf see: the request encoded, the response decoded.
    use prost::Message;
    let input = example("format=html");
    let response = protosmith_core::protocol::plugin::respond::<protoc_gen_docs::Options>(
        &input.to_request(),
        protoc_gen_docs::run,
    );
    let response =
        prost_types::compiler::CodeGeneratorResponse::decode(response.as_slice()).unwrap();
    assert_eq!(response.error, None);
    let files: Vec<(String, String)> = response
        .file
        .into_iter()
        .map(|f| (f.name.unwrap_or_default(), f.content.unwrap_or_default()))
        .collect();
    assert_eq!(files, generate(&input).into_iter().collect::<Vec<_>>());
}

#[test]
fn the_readme_excerpt_is_real_output() {
    // README.md shows an excerpt of gen/docs/markdown/index.md: every line of it must still be there.
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let section = readme
        .split("## Documentation: protoc-gen-docs")
        .nth(1)
        .expect("README has the docs section");
    let excerpt = section
        .split("```markdown\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .unwrap();
    let page = std::fs::read_to_string(repo_root().join("gen/docs/markdown/index.md")).unwrap();
    let page_lines: std::collections::HashSet<&str> = page.lines().collect();
    for line in excerpt.lines().filter(|line| *line != "...") {
        assert!(
            page_lines.contains(line),
            "README excerpt line not in gen/docs/markdown/index.md: {line}"
        );
    }
}

/// `protosmith generate` renders every docs format from one [`PageCache`]:
/// each format, in any order and layout, must be what a run of its own gives.
#[test]
fn pages_kept_across_formats_render_as_a_fresh_run() {
    use protoc_gen_docs::{Options, PageCache};
    use protosmith_core::options::{Parameters, PluginOptions as _};

    let input = example("").input;
    let model = protosmith_core::model::build(&input);
    for layout in ["", "per_file=true,", "sort=name,title=Acme,"] {
        let mut cache = PageCache::default();
        for format in ["markdown", "json", "html", "markdown", "html"] {
            let parameter = format!("{layout}format={format}");
            let options =
                Options::from_parameters(&Parameters::parse(&parameter).unwrap()).unwrap();
            let catalog = protosmith_core::catalog::resolve(&model, &options.errors).unwrap();
            let kept: BTreeMap<String, String> = cache
                .generate(&model, &catalog, &options)
                .unwrap()
                .into_iter()
                .map(|GeneratedFile { name, content }| (name, content))
                .collect();
            assert_eq!(kept, generate(&example(&parameter)), "{parameter}");
        }
    }
}
