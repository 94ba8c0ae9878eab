//! lang=java: the golden files (the example module's classes in gen/errors/java,
//! as the main job writes them, and their copy in tests/interop/java/gen,
//! which the Java interop programs compile and run; the edge fixture of
//! runtime/java/GENERATED.md), determinism, and the diagnostics for names
//! Java cannot have.
//!
//! `UPDATE_GOLDEN=1 cargo test -p protoc-gen-errors --test java` rewrites the golden files.

mod common;

use std::path::PathBuf;

use common::{errors_of, generate_files, repo_root};

fn example() -> Vec<protosmith_core::GeneratedFile> {
    generate_files(
        &repo_root().join("proto"),
        &[
            "acme/order/v1/order.proto",
            "acme/user/v1/errors.proto",
            "acme/user/v1/user.proto",
        ],
        "lang=java",
    )
    .expect("the example module generates")
}

fn edge() -> Vec<protosmith_core::GeneratedFile> {
    generate_files(
        &repo_root().join("tests/interop/java/edge"),
        &["edge_errors.proto"],
        "lang=java",
    )
    .expect("the edge fixture generates")
}

fn stress() -> Vec<protosmith_core::GeneratedFile> {
    generate_files(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/java"),
        &["stress.proto", "nopkg.proto"],
        "lang=java",
    )
    .expect("the stress fixture generates")
}

fn names(files: &[protosmith_core::GeneratedFile]) -> Vec<&str> {
    files.iter().map(|f| f.name.as_str()).collect()
}

#[test]
fn the_example_module_matches_gen_and_the_interop_sources() {
    let files = example();
    assert_eq!(
        names(&files),
        [
            "acme/order/v1/OrderErrorErrors.java",
            "acme/order/v1/PaymentErrorErrors.java",
            "acme/user/v1/UserErrorErrors.java",
            "META-INF/services/dev.protosmith.grpcerrors.ErrorCatalog",
        ]
    );
    protosmith_core::golden::assert_matches(&repo_root().join("gen/errors/java"), &files);
    protosmith_core::golden::assert_matches(&repo_root().join("tests/interop/java/gen"), &files);
}

#[test]
fn the_edge_fixture_matches_its_golden_files() {
    let files = edge();
    assert_eq!(
        names(&files),
        [
            "very/longer/pkg/name/v1/HTTPErrorErrors.java",
            "very/longer/pkg/name/v1/EdgeErrorsErrors.java",
            "META-INF/services/dev.protosmith.grpcerrors.ErrorCatalog",
        ]
    );
    protosmith_core::golden::assert_matches(
        &repo_root().join("tests/interop/java/edge/java"),
        &files,
    );
}

#[test]
fn the_stress_fixture_matches_its_golden_files() {
    let files = stress();
    assert_eq!(
        names(&files),
        [
            "com/example/stress/WeirdErrorErrors.java",
            "com/example/stress/HolderInnerDeepErrors.java",
            "BareErrors.java",
            "META-INF/services/dev.protosmith.grpcerrors.ErrorCatalog",
        ]
    );
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/java");
    protosmith_core::golden::assert_matches(&golden, &files);
}

#[test]
fn generation_is_deterministic_byte_for_byte() {
    let (first_example, first_edge) = (example(), edge());
    for _ in 0..3 {
        assert_eq!(example(), first_example);
        assert_eq!(edge(), first_edge);
    }
}

#[test]
fn generated_files_are_ascii_with_unix_line_ends() {
    for file in example().iter().chain(&edge()).chain(&stress()) {
        assert!(file.content.is_ascii(), "{} is not ASCII", file.name);
        assert!(!file.content.contains('\r'), "{} has a CR", file.name);
        assert!(
            file.content.ends_with("}\n") || file.name.starts_with("META-INF"),
            "{}",
            file.name
        );
    }
}

/// The file names generated for protos given as `(name, text)`.
fn generated_names(files: &[(&str, &str)]) -> Vec<String> {
    let dir = common::scratch_dir("java-names");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let generated = generate_files(&dir, &names, "lang=java");
    std::fs::remove_dir_all(&dir).ok();
    generated
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|f| f.name)
        .collect()
}

const SHOP_ERROR: &str = "enum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  SHOP_ERROR_MISSING = 1;\n}\n";

fn shop_file(options: &str, more: &str) -> String {
    format!("syntax = \"proto3\";\npackage shop.v1;\n{options}{SHOP_ERROR}{more}")
}

#[test]
fn java_package_places_the_class() {
    let proto = shop_file("option java_package = \"com.acme.shop\";\n", "");
    assert_eq!(
        generated_names(&[("shop.proto", &proto)]),
        [
            "com/acme/shop/ShopErrorErrors.java",
            "META-INF/services/dev.protosmith.grpcerrors.ErrorCatalog"
        ]
    );
}

#[test]
fn class_names_keep_clear_of_protocs_classes_ignoring_case() {
    let class_of = |files: &[(&str, &str)]| generated_names(files).remove(0);
    // java_multiple_files: each top-level message is a class of the package.
    let proto = shop_file(
        "option java_multiple_files = true;\n",
        "message SHOPERRORERRORS {}\n",
    );
    assert_eq!(
        class_of(&[("shop.proto", &proto)]),
        "shop/v1/ShopErrorErrorsErrors.java"
    );
    // ... and so is each top-level enum.
    let proto = shop_file(
        "option java_multiple_files = true;\n",
        "enum ShopErrorErrors { SHOP_ERROR_ERRORS_UNSPECIFIED = 0; }\n",
    );
    assert_eq!(
        class_of(&[("shop.proto", &proto)]),
        "shop/v1/ShopErrorErrorsErrors.java"
    );
    // Without java_multiple_files, messages are nested in the outer class.
    let proto = shop_file("", "message ShopErrorErrors {}\n");
    assert_eq!(
        class_of(&[("shop.proto", &proto)]),
        "shop/v1/ShopErrorErrors.java"
    );
    // The outer class: java_outer_classname, else the file name ...
    let proto = shop_file("option java_outer_classname = \"ShopErrorErrors\";\n", "");
    assert_eq!(
        class_of(&[("shop.proto", &proto)]),
        "shop/v1/ShopErrorErrorsErrors.java"
    );
    let proto = shop_file("", "");
    assert_eq!(
        class_of(&[("shop_error-errors.proto", &proto)]),
        "shop/v1/ShopErrorErrorsErrors.java"
    );
    // ... with OuterClass when a type of the file, nested or not, has its name.
    let proto = shop_file("", "message M { message ShopErrorErrors {} }\n");
    assert_eq!(
        class_of(&[("shop_error_errors.proto", &proto)]),
        "shop/v1/ShopErrorErrors.java"
    );
    // Other files of the request in the same Java package count too.
    let proto = shop_file("", "");
    let other = "syntax = \"proto3\";\npackage other;\noption java_package = \"shop.v1\";\noption java_multiple_files = true;\nmessage ShopErrorErrors {}\n";
    assert_eq!(
        class_of(&[("shop.proto", &proto), ("other.proto", other)]),
        "shop/v1/ShopErrorErrorsErrors.java"
    );
}

#[test]
fn two_enums_of_one_package_get_different_classes() {
    let first = shop_file("", "");
    let second = "syntax = \"proto3\";\npackage shop.v1;\nmessage Shop {\n  enum Error {\n    ERROR_UNSPECIFIED = 0;\n    // @code=ABORTED\n    ERROR_BUSY = 1;\n  }\n}\n";
    assert_eq!(
        generated_names(&[("a.proto", &first), ("b.proto", second)]),
        [
            "shop/v1/ShopErrorErrors.java",
            "shop/v1/ShopErrorErrorsErrors.java",
            "META-INF/services/dev.protosmith.grpcerrors.ErrorCatalog"
        ]
    );
}

#[test]
fn values_whose_java_names_clash_are_reported_at_the_later_value() {
    let proto = "syntax = \"proto2\";\npackage shop.v1;\nenum ShopError {\n  // @code=NOT_FOUND\n  SHOP_ERROR_FOO_BAR = 1;\n  // @code=NOT_FOUND\n  SHOP_ERROR_FOO__BAR = 2;\n  // @code=NOT_FOUND\n  SHOP_ERROR_foo_bar = 3;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)], "lang=java"),
        "shop.proto:7:3: the Java method fooBar generated for shop.v1.SHOP_ERROR_FOO__BAR clashes with the one for shop.v1.SHOP_ERROR_FOO_BAR at shop.proto:5:3; rename one of the values\n\
         shop.proto:9:3: the Java constant FOO_BAR generated for shop.v1.SHOP_ERROR_foo_bar clashes with the one for shop.v1.SHOP_ERROR_FOO_BAR at shop.proto:5:3; rename one of the values\n\
         shop.proto:9:3: the Java method fooBar generated for shop.v1.SHOP_ERROR_foo_bar clashes with the one for shop.v1.SHOP_ERROR_FOO__BAR at shop.proto:7:3; rename one of the values"
    );
}

#[test]
fn names_java_cannot_have_are_reported() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\nenum Odd {\n  ODD_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  _1 = 1;\n  // @code=NOT_FOUND\n  // @msg=\"{_} and {_2}\"\n  ODD_PLACEHOLDERS = 2;\n}\n";
    assert_eq!(
        errors_of(&[("odd.proto", proto)], "lang=java"),
        "odd.proto:6:3: shop.v1._1 gives no Java method name: _1 split at '_' must begin with a word that starts with a letter; rename the value\n\
         odd.proto:9:3: placeholder {_2} of shop.v1.ODD_PLACEHOLDERS gives no Java parameter name: without its underscores it must start with a letter; rename it, e.g. {value}\n\
         odd.proto:9:3: placeholder {_} of shop.v1.ODD_PLACEHOLDERS gives no Java parameter name: without its underscores it must start with a letter; rename it, e.g. {value}"
    );
}
