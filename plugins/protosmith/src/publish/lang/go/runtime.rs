//! protosmith.dev/grpcerrors, the runtime the generated `*_errors.pb.go`
//! import (and, in optionspb, the code of options.proto that API modules'
//! protoc-gen-go output imports), embedded in the binary so `protosmith publish --lang go` can put
//! the very version its generator matches into the proxy (an installed
//! protosmith has no repository). Tests (`_test.go`) stay out: consumers
//! never build them, and they would need test-only requirements.

/// The module's files, by path in the module; a test checks every non-test
/// file of runtime/go is here.
pub const FILES: &[(&str, &str)] = &[
    (
        "README.md",
        include_str!("../../../../../../runtime/go/README.md"),
    ),
    (
        "code.go",
        include_str!("../../../../../../runtime/go/code.go"),
    ),
    (
        "doc.go",
        include_str!("../../../../../../runtime/go/doc.go"),
    ),
    (
        "error.go",
        include_str!("../../../../../../runtime/go/error.go"),
    ),
    (
        "go.mod",
        include_str!("../../../../../../runtime/go/go.mod"),
    ),
    (
        "interceptor.go",
        include_str!("../../../../../../runtime/go/interceptor.go"),
    ),
    (
        "locale.go",
        include_str!("../../../../../../runtime/go/locale.go"),
    ),
    (
        "optionspb/doc.go",
        include_str!("../../../../../../runtime/go/optionspb/doc.go"),
    ),
    (
        "optionspb/options.pb.go",
        include_str!("../../../../../../runtime/go/optionspb/options.pb.go"),
    ),
    (
        "registry.go",
        include_str!("../../../../../../runtime/go/registry.go"),
    ),
    (
        "template.go",
        include_str!("../../../../../../runtime/go/template.go"),
    ),
    (
        "wire.go",
        include_str!("../../../../../../runtime/go/wire.go"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_is_the_published_one() {
        let (_, go_mod) = FILES.iter().find(|(name, _)| *name == "go.mod").unwrap();
        let first = go_mod.lines().next().unwrap();
        assert_eq!(first, format!("module {}", super::super::RUNTIME_MODULE));
    }

    #[test]
    fn every_runtime_file_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../runtime/go");
        // The module's root and optionspb, the options' generated code.
        let mut on_disk: Vec<String> = ["", "optionspb/"]
            .iter()
            .flat_map(|sub| {
                std::fs::read_dir(format!("{dir}/{sub}"))
                    .unwrap()
                    .map(move |e| format!("{sub}{}", e.unwrap().file_name().to_string_lossy()))
            })
            .filter(|name| {
                (name.ends_with(".go") && !name.ends_with("_test.go"))
                    || name == "go.mod"
                    || name == "README.md"
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = FILES.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, embedded, "update publish/lang/go/runtime.rs");
        for (name, text) in FILES {
            let path = format!("{dir}/{name}");
            assert_eq!(std::fs::read_to_string(path).unwrap(), *text);
        }
    }
}
