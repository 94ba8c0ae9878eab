//! Every diagnostic of the PHP output, with its exact text and position:
//! names PHP cannot take, and names that clash, ignoring case as PHP does,
//! with protoc's classes or with each other. Nothing is renamed silently.

mod php_support;

use php_support::{repo_root, scratch};
use protosmith_core::protocol::PluginRequest;

/// Compiles `files` (with our options importable) and runs lang=php.
fn generate(files: &[(&str, &str)]) -> Result<Vec<String>, String> {
    let dir = scratch("diagnostics");
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let request = PluginRequest::compile(
        &names,
        &[dir.clone(), repo_root().join("proto")],
        "lang=php",
    )
    .map_err(|d| d.to_string())?;
    let result = request.run(protoc_gen_errors::run);
    std::fs::remove_dir_all(&dir).ok();
    result
        .map(|files| files.into_iter().map(|f| f.name).collect())
        .map_err(|d| d.to_string())
}

fn errors_of(files: &[(&str, &str)]) -> String {
    match generate(files) {
        Ok(names) => panic!("expected diagnostics, got files {names:?}"),
        Err(text) => text,
    }
}

/// `shop.proto` in package shop.v1: `before` from line 3, then the enum
/// ShopError (its line is 3 + the lines of `before`), its zero value, `values`.
fn shop(before: &str, values: &str) -> String {
    format!(
        "syntax = \"proto3\";\npackage shop.v1;\n{before}enum ShopError {{\n  SHOP_ERROR_UNSPECIFIED = 0;\n{values}}}\n"
    )
}

const MISSING: &str = "  // @code=NOT_FOUND\n  SHOP_ERROR_MISSING = 1;\n";

#[test]
fn a_class_of_protocs_with_our_name_ignoring_case_is_reported_at_the_enum() {
    let proto = shop("message ShopErrorErrors {}\n", MISSING);
    assert_eq!(
        errors_of(&[("shop.proto", &proto)]),
        "shop.proto:4:1: PHP class Shop\\V1\\ShopErrorErrors for enum ShopError would clash with \
         protoc's class for message ShopErrorErrors; rename one of them"
    );
    let proto = shop("message SHOPERRORERRORS {}\n", MISSING);
    assert_eq!(
        errors_of(&[("shop.proto", &proto)]),
        "shop.proto:4:1: PHP class Shop\\V1\\ShopErrorErrors for enum ShopError would clash with \
         protoc's class for message SHOPERRORERRORS; rename one of them"
    );
}

#[test]
fn protocs_legacy_aliases_and_metadata_classes_count_too() {
    // protoc writes the nested message A.ShopErrorErrors also as A_ShopErrorErrors.
    let proto = "syntax = \"proto3\";\npackage shop.v1;\nmessage A { message ShopErrorErrors {} }\n\
                 enum A_ShopError {\n  A_SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=INTERNAL\n  A_SHOP_ERROR_BROKEN = 1;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)]),
        "shop.proto:4:1: PHP class Shop\\V1\\A_ShopErrorErrors for enum A_ShopError would clash with \
         protoc's class for message A.ShopErrorErrors (its legacy alias); rename one of them"
    );
    // The file's metadata class, moved into our namespace.
    let proto = shop("option php_metadata_namespace = \"Shop\\\\V1\";\n", MISSING);
    assert_eq!(
        errors_of(&[("shop_error_errors.proto", &proto)]),
        "shop_error_errors.proto:4:1: PHP class Shop\\V1\\ShopErrorErrors for enum ShopError would clash with \
         protoc's class for file shop_error_errors.proto (its metadata); rename one of them"
    );
}

#[test]
fn two_error_enums_with_one_class_are_reported_at_the_later() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n\
                 message A {\n  enum BError {\n    B_ERROR_UNSPECIFIED = 0;\n    // @code=INTERNAL\n    B_ERROR_X = 1;\n  }\n}\n\
                 message AB {\n  enum Error {\n    ERROR_UNSPECIFIED = 0;\n    // @code=INTERNAL\n    ERROR_Y = 1;\n  }\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)]),
        "shop.proto:11:3: PHP class Shop\\V1\\ABErrorErrors for enum AB.Error would clash with the one for \
         enum shop.v1.A.BError at shop.proto:4:3 (PHP class names ignore case); rename one of them"
    );
    // Across files, and with namespaces that differ only in case.
    let first = shop("option php_namespace = \"Shop\\\\V1\";\n", MISSING);
    let second = shop("option php_namespace = \"shop\\\\v1\";\n", MISSING)
        .replace("package shop.v1", "package shop.v2");
    assert_eq!(
        errors_of(&[("a.proto", &first), ("b.proto", &second)]),
        "b.proto:4:1: PHP class shop\\v1\\ShopErrorErrors for enum ShopError would clash with the one for \
         enum shop.v1.ShopError at a.proto:4:1 (PHP class names ignore case); rename one of them"
    );
}

#[test]
fn methods_that_are_one_name_to_php_are_reported_at_the_later_value() {
    let values = "  // @code=NOT_FOUND\n  SHOP_ERROR_NOT_FOUND = 1;\n\
                  // @code=NOT_FOUND\n  SHOP_ERROR_IS_NOT_FOUND = 2;\n\
                  // @code=NOT_FOUND\n  SHOP_ERROR_NOT__FOUND = 3;\n\
                  // @code=INTERNAL\n  SHOP_ERROR_DEFINITIONS = 4;\n";
    assert_eq!(
        errors_of(&[("shop.proto", &shop("", values))]),
        "shop.proto:8:3: the PHP method isNotFound() generated for SHOP_ERROR_IS_NOT_FOUND clashes with the check \
         isNotFound() of SHOP_ERROR_NOT_FOUND (PHP method names ignore case); rename one of the values\n\
         shop.proto:10:3: the PHP method isNotFound() generated for SHOP_ERROR_NOT__FOUND clashes with the check \
         isNotFound() of SHOP_ERROR_NOT_FOUND (PHP method names ignore case); rename one of the values\n\
         shop.proto:10:3: the PHP method notFound() generated for SHOP_ERROR_NOT__FOUND clashes with the factory \
         notFound() of SHOP_ERROR_NOT_FOUND (PHP method names ignore case); rename one of the values\n\
         shop.proto:12:3: the PHP method definitions() generated for SHOP_ERROR_DEFINITIONS clashes with the method \
         definitions() (PHP method names ignore case); rename one of the values"
    );
}

#[test]
fn names_php_cannot_take_are_reported() {
    let values = "  // @code=NOT_FOUND\n  // @msg=\"{_} and {_1}\"\n  _3D = 1;\n";
    assert_eq!(
        errors_of(&[("shop.proto", &shop("", values))]),
        "shop.proto:7:3: _3D gives no PHP method name (\"3d\"): PHP names start with a letter or _; rename the \
         value so that, without the enum's prefix, it starts with a letter\n\
         shop.proto:7:3: placeholder {_1} of _3D gives no PHP parameter name (\"$1\"); name it with a letter \
         first, e.g. {value}\n\
         shop.proto:7:3: placeholder {_} of _3D gives no PHP parameter name (\"$\"); name it with a letter \
         first, e.g. {value}"
    );
}

#[test]
fn a_namespace_or_class_prefix_php_cannot_read_is_reported_once_per_file() {
    let before = "option php_namespace = \"Shop\\\\V1\\\\\";\noption php_class_prefix = \"9x\";\n";
    // A second error enum in the file draws no second report.
    let proto = shop(before, MISSING)
        + "enum Other {\n  OTHER_UNSPECIFIED = 0;\n  // @code=INTERNAL\n  OTHER_BROKEN = 1;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", &proto)]),
        "shop.proto:5:1: option php_class_prefix = \"9x\" of shop.proto cannot start a PHP class name \
         (9xShopErrorErrors); use letters, digits and _, starting with a letter\n\
         shop.proto:5:1: option php_namespace = \"Shop\\\\V1\\\\\" of shop.proto is not a PHP namespace; write \
         names of letters, digits and _ separated by single backslashes, e.g. \"Acme\\\\User\\\\V1\", or \"\" \
         for the global namespace"
    );
}

#[test]
fn problems_of_imported_files_are_theirs_and_a_clean_file_generates() {
    // The import clashes within itself, but only shop.proto is generated:
    // its class does not clash, so it is written.
    let imported = shop("message ShopErrorErrors {}\n", MISSING)
        .replace("package shop.v1", "package other.v1");
    let proto = "syntax = \"proto3\";\npackage shop.v1;\nimport \"other.proto\";\n\
                 enum Kind {\n  KIND_UNSPECIFIED = 0;\n  // @code=INTERNAL\n  KIND_BROKEN = 1;\n}\n";
    let dir = scratch("imported");
    std::fs::write(dir.join("other.proto"), imported).unwrap();
    std::fs::write(dir.join("shop.proto"), proto).unwrap();
    let request = PluginRequest::compile(
        &["shop.proto"],
        &[dir, repo_root().join("proto")],
        "lang=php",
    )
    .unwrap_or_else(|d| panic!("{d}"));
    let files = request
        .run(protoc_gen_errors::run)
        .unwrap_or_else(|d| panic!("{d}"));
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Shop/V1/KindErrors.php"]);
}
