//! `lang=ts` diagnostics: a generated TypeScript name that clashes, in its
//! module or with protoc-gen-es's exports for the same file, or that is a
//! reserved word, is reported at the value (or enum) it is generated for.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use protosmith_core::PluginOptions;
use protosmith_core::protocol::PluginRequest;

/// Compiles `proto` as `shop.proto` and returns the names generated with `lang=ts`, or the diagnostics.
fn generate(proto: &str) -> Result<Vec<String>, String> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "protosmith-ts-diag-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("shop.proto"), proto).unwrap();
    let options = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto");
    let result = PluginRequest::compile(&["shop.proto"], &[dir.clone(), options], "lang=ts")
        .map_err(|d| d.to_string())
        .and_then(|request| {
            request
                .run(protoc_gen_errors::run)
                .map(|files| files.into_iter().map(|f| f.name).collect())
                .map_err(|d| d.to_string())
        });
    std::fs::remove_dir_all(&dir).ok();
    result
}

fn errors_of(proto: &str) -> String {
    match generate(proto) {
        Ok(names) => panic!("expected diagnostics, got files {names:?}"),
        Err(text) => text,
    }
}

/// `shop.proto` opted in ego's way: the enum is on line 4, its zero value
/// on line 5, and `body` starts on line 6.
fn shop(body: &str) -> String {
    format!(
        "// @plugins=protoc-gen-go-errors\nsyntax = \"proto3\";\npackage shop.v1;\nenum ShopError {{\n  SHOP_ERROR_UNSPECIFIED = 0;\n{body}}}\n"
    )
}

#[test]
fn a_factory_meeting_the_definition_list_is_reported_at_the_value() {
    let proto = shop("  // @code=INTERNAL\n  SHOP_ERROR_DEFINITIONS = 1;\n");
    assert_eq!(
        errors_of(&proto),
        "shop.proto:7:3: the TypeScript name shopErrorDefinitions of the factory of shop.v1.SHOP_ERROR_DEFINITIONS \
         clashes with the definition list of enum shop.v1.ShopError at shop.proto:4:1, in the same module; rename one of them"
    );
}

#[test]
fn a_top_level_value_meeting_a_nested_one_is_reported_once_at_the_second() {
    let proto = shop(
        "  // @code=INTERNAL\n  PAYMENT_ERROR_X = 1;\n}\nmessage Payment {\n  enum Error {\n    ERROR_UNSPECIFIED = 0;\n    // @code=INTERNAL\n    ERROR_X = 1;\n  }\n",
    );
    assert_eq!(
        errors_of(&proto),
        "shop.proto:13:5: the TypeScript name PAYMENT_ERROR_X of the definition constant of shop.v1.Payment.ERROR_X \
         clashes with the definition constant of shop.v1.PAYMENT_ERROR_X at shop.proto:7:3, in the same module; rename one of them"
    );
}

#[test]
fn reserved_words_and_runtime_names_are_refused() {
    let proto =
        shop("  // @code=INTERNAL\n  DELETE = 1;\n  // @code=INTERNAL\n  DEFINE_ERROR = 2;\n");
    assert_eq!(
        errors_of(&proto),
        "shop.proto:7:3: the TypeScript name delete of the factory of shop.v1.DELETE is a reserved word; \
         rename the value (e.g. with its enum's name in front)\n\
         shop.proto:9:3: the TypeScript name defineError of the factory of shop.v1.DEFINE_ERROR is the runtime's \
         defineError, which the generated module imports; rename the value"
    );
}

#[test]
fn names_protoc_gen_es_exports_are_refused() {
    // protoc-gen-es exports the message PAYMENT_ERROR_X as PAYMENT_ERROR_X,
    // and the extension shop_error_gone as shop_error_gone... which is no
    // camelCase name of ours; shopErrorGone is.
    let proto = format!(
        "{}import \"google/protobuf/descriptor.proto\";\nextend google.protobuf.FieldOptions {{\n  string shopErrorGone = 50001;\n}}\nmessage Payment {{\n  enum Error {{\n    ERROR_UNSPECIFIED = 0;\n    // @code=INTERNAL\n    ERROR_X = 1;\n  }}\n}}\nmessage PAYMENT_ERROR_X {{}}\n",
        shop("  // @code=NOT_FOUND\n  SHOP_ERROR_GONE = 1;\n")
    );
    assert_eq!(
        errors_of(&proto),
        "shop.proto:7:3: the TypeScript name shopErrorGone of the factory of shop.v1.SHOP_ERROR_GONE is also what \
         protoc-gen-es exports for extension shop.v1.shopErrorGone at shop.proto:11:3; a module re-exporting both \
         would not compile (TS2308): rename one of them\n\
         shop.proto:17:5: the TypeScript name PAYMENT_ERROR_X of the definition constant of shop.v1.Payment.ERROR_X is \
         also what protoc-gen-es exports for message shop.v1.PAYMENT_ERROR_X at shop.proto:20:1; a module re-exporting \
         both would not compile (TS2308): rename one of them"
    );
}

#[test]
fn unknown_lang_suggests_ts() {
    let err = protoc_gen_errors::ErrorsOptions::parse("lang=tss")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "parameter lang=tss: did you mean lang=ts? expected lang=rust, lang=go, lang=ts or lang=python"
    );
}

#[test]
fn ts_options_print_back_to_what_parses_to_them() {
    let options =
        protoc_gen_errors::ErrorsOptions::parse("lang=ts,runtime_path=../../src/index.js").unwrap();
    assert_eq!(options.lang, protoc_gen_errors::Lang::Ts);
    assert_eq!(options.runtime_path.as_deref(), Some("../../src/index.js"));
    assert_eq!(
        options.to_string(),
        "lang=ts,runtime_path=../../src/index.js"
    );
    assert_eq!(
        protoc_gen_errors::ErrorsOptions::parse(&options.to_string()),
        Ok(options)
    );
}
