//! `lang=python`: generated names that would coincide are reported at the
//! proto element that causes it, never renamed silently (runtime/python/
//! GENERATED.md, "Names"): within a module, beside the `_pb2` module
//! grpcio-tools writes, within a `Kind` class, and between module paths.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use protosmith_core::protocol::PluginRequest;

/// Compiles `files` from a fresh directory and runs `lang=python` on them.
fn generate(files: &[(&str, &str)]) -> Result<Vec<String>, String> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "python-diagnostics-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let result = PluginRequest::compile(&names, std::slice::from_ref(&dir), "lang=python")
        .map_err(|d| d.to_string())
        .and_then(|request| {
            request
                .run(protoc_gen_errors::run)
                .map_err(|d| d.to_string())
        });
    std::fs::remove_dir_all(&dir).ok();
    result.map(|files| files.into_iter().map(|f| f.name).collect())
}

fn errors_of(files: &[(&str, &str)]) -> String {
    match generate(files) {
        Ok(names) => panic!("expected diagnostics, got files {names:?}"),
        Err(text) => text,
    }
}

/// `shop.proto`: enum `Shop` on line 4, its zero value on line 5, `body` from line 6.
fn shop(body: &str) -> String {
    format!(
        "syntax = \"proto3\";\npackage shop.v1;\n// @default_code=ABORTED\nenum Shop {{\n  SHOP_UNSPECIFIED = 0;\n{body}}}\n"
    )
}

#[test]
fn two_values_with_one_factory() {
    let proto = shop("  FOO = 1;\n  _FOO = 2;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)]),
        "shop.proto:7:3: the Python name foo of shop.v1._FOO is also that of shop.v1.FOO at shop.proto:6:3; rename one"
    );
}

#[test]
fn a_factory_and_an_is_helper() {
    let proto = shop("  IS_FOO = 1;\n  FOO = 2;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)]),
        "shop.proto:7:3: the Python name is_foo of shop.v1.FOO is also that of shop.v1.IS_FOO at shop.proto:6:3; rename one"
    );
}

#[test]
fn a_nested_value_and_a_top_level_one() {
    let proto = shop(
        "  A_B = 1;\n}\nmessage A {\n  // @default_code=ABORTED\n  enum E {\n    E_UNSPECIFIED = 0;\n    B = 1;\n  }\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)]),
        "shop.proto:12:5: the Python name a_b of shop.v1.A.B is also that of shop.v1.A_B at shop.proto:6:3; rename one"
    );
}

#[test]
fn two_kind_classes() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n// @default_code=ABORTED\nenum FooBarError {\n  FOO_BAR_ERROR_UNSPECIFIED = 0;\n  FOO_BAR_ERROR_X = 1;\n}\nmessage Foo {\n  // @default_code=ABORTED\n  enum BarError {\n    BAR_ERROR_UNSPECIFIED = 0;\n    BAR_ERROR_Y = 1;\n  }\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)]),
        "shop.proto:10:3: the Python name FooBarErrorKind of enum shop.v1.Foo.BarError is also that of enum shop.v1.FooBarError at shop.proto:4:1; rename one"
    );
}

#[test]
fn names_of_the_pb2_module() {
    let proto = shop(
        "  SHOP_MISSING = 1;\n}\nmessage ShopKind {}\nimport \"google/protobuf/descriptor.proto\";\nextend google.protobuf.MethodOptions {\n  string shop_missing = 50000;\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)]),
        "shop.proto:4:1: the Python name ShopKind of enum shop.v1.Shop is also that of message shop.v1.ShopKind at shop.proto:8:1 in shop_pb2.py, the module grpcio-tools generates beside ours; rename one\n\
         shop.proto:6:3: the Python name shop_missing of shop.v1.SHOP_MISSING is also that of extension shop.v1.shop_missing at shop.proto:11:3 in shop_pb2.py, the module grpcio-tools generates beside ours; rename one"
    );
}

#[test]
fn two_members_of_one_kind() {
    let proto = shop("  _X = 1;\n  V_X = 2;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)]),
        "shop.proto:7:3: the Python member ShopKind.V_X of shop.v1.V_X is also that of shop.v1._X at shop.proto:6:3; rename one"
    );
}

#[test]
fn two_files_with_one_module() {
    let other = shop("  SHOP_MISSING = 1;\n").replace("shop.v1", "other.v1");
    assert_eq!(
        errors_of(&[
            ("a-b.proto", &shop("  SHOP_MISSING = 1;\n")),
            ("a_b.proto", &other)
        ]),
        "a_b.proto:4:1: the Python module a_b_errors.py of a_b.proto is also that of a-b.proto; rename one of the files"
    );
}

#[test]
fn a_module_with_the_name_of_a_package() {
    let other = "syntax = \"proto3\";\npackage other.v1;\nmessage M {}\n";
    assert_eq!(
        errors_of(&[
            ("a.proto", &shop("  SHOP_MISSING = 1;\n")),
            ("a_errors/b.proto", other)
        ]),
        "a.proto:4:1: the Python module a_errors.py of a.proto has the name of the package a_errors that holds the modules of a_errors/b.proto; rename or move one of the files"
    );
}

#[test]
fn keywords_soft_keywords_and_builtins_are_escaped_not_reported() {
    let proto = shop("  CLASS = 1;\n  MATCH = 2;\n  OBJECT = 3;\n  None = 4;\n");
    assert_eq!(
        generate(&[("shop.proto", &proto)]),
        Ok(vec!["shop_errors.py".to_owned()])
    );
}
