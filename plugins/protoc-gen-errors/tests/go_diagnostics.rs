//! Every diagnostic of the Go emitter (`lang=go`), with its exact text and
//! position: Go names that clash, packages protoc-gen-go could not place,
//! output files another generator writes.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use protosmith_core::protocol::PluginRequest;

fn generate(files: &[(&str, &str)], parameter: &str) -> Result<Vec<String>, String> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "protosmith-go-diag-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let options = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto");
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let input = PluginRequest::compile(&names, &[dir.clone(), options], parameter)
        .map_err(|d| d.to_string())?;
    let result = input.run(protoc_gen_errors::run);
    std::fs::remove_dir_all(&dir).ok();
    result
        .map(|files| files.into_iter().map(|f| f.name).collect())
        .map_err(|d| d.to_string())
}

fn errors_of(files: &[(&str, &str)], parameter: &str) -> String {
    match generate(files, parameter) {
        Ok(names) => panic!("expected diagnostics, got files {names:?}"),
        Err(text) => text,
    }
}

/// A proto file of package `shop.v1` in Go package `shop.example/v1`; `body`
/// starts on line 4.
fn shop(body: &str) -> String {
    format!(
        "syntax = \"proto3\";\npackage shop.v1;\noption go_package = \"shop.example/v1;shopv1\";\n{body}"
    )
}

#[test]
fn a_nested_and_a_top_level_value_with_one_go_name() {
    let proto = shop(
        "enum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  PAYMENT_ERROR_X = 1;\n}\n\
         message Payment {\n  enum Error {\n    ERROR_UNSPECIFIED = 0;\n    // @code=INTERNAL\n    ERROR_X = 1;\n  }\n}\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], "lang=go"),
        "shop.proto:13:5: the Go names ErrPaymentErrorX, NewPaymentErrorX and IsPaymentErrorX generated for shop.v1.Payment.ERROR_X clash with those for shop.v1.PAYMENT_ERROR_X at shop.proto:7:3 in the same Go package shop.example/v1; rename one of the values"
    );
}

#[test]
fn two_proto_packages_sharing_a_go_package() {
    let a = shop(
        "enum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  SHOP_ERROR_GONE = 1;\n}\n",
    );
    let b = "syntax = \"proto3\";\npackage stock.v1;\noption go_package = \"shop.example/v1;shopv1\";\n\
             enum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  SHOP_ERROR_GONE = 1;\n}\n";
    assert_eq!(
        errors_of(&[("a.proto", &a), ("b.proto", b)], "lang=go"),
        "b.proto:7:3: the Go names ErrShopErrorGone, NewShopErrorGone and IsShopErrorGone generated for stock.v1.SHOP_ERROR_GONE clash with those for shop.v1.SHOP_ERROR_GONE at a.proto:7:3 in the same Go package shop.example/v1; rename one of the values"
    );
    // In separate Go packages, the same names are fine.
    let b = b.replace("shop.example/v1;shopv1", "stock.example/v1;stockv1");
    assert!(generate(&[("a.proto", &a), ("b.proto", &b)], "lang=go").is_ok());
}

#[test]
fn names_protoc_gen_go_and_protoc_gen_go_grpc_declare() {
    let proto = shop(
        "message ErrShopErrorGone {}\nservice Order {}\n\
         enum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  SHOP_ERROR_GONE = 1;\n  // @code=INTERNAL\n  ORDER_CLIENT = 2;\n}\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], "lang=go"),
        "shop.proto:9:3: the Go name ErrShopErrorGone generated for shop.v1.SHOP_ERROR_GONE clashes with message shop.v1.ErrShopErrorGone at shop.proto:4:1, which protoc-gen-go or protoc-gen-go-grpc declares in the same Go package shop.example/v1; rename one of them\n\
         shop.proto:11:3: the Go name NewOrderClient generated for shop.v1.ORDER_CLIENT clashes with service shop.v1.Order at shop.proto:5:1, which protoc-gen-go or protoc-gen-go-grpc declares in the same Go package shop.example/v1; rename one of them"
    );
}

#[test]
fn a_file_without_go_package_gets_protoc_gen_go_s_message() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  SHOP_ERROR_GONE = 1;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)], "lang=go"),
        "shop.proto: unable to determine Go import path for \"shop.proto\"\n\n\
         Please specify either:\n\t\u{2022} a \"go_package\" option in the .proto source file, or\n\t\u{2022} a \"M\" argument on the command line.\n\n\
         See https://protobuf.dev/reference/go/go-generated#package for more information."
    );
    // An M parameter places it; files without errors need no package at all.
    assert_eq!(
        generate(
            &[("shop.proto", proto)],
            "lang=go,Mshop.proto=shop.example/v1"
        ),
        Ok(vec!["shop.example/v1/shop_errors.pb.go".to_owned()])
    );
    let plain = "syntax = \"proto3\";\npackage shop.v1;\nmessage M {}\n";
    assert_eq!(generate(&[("plain.proto", plain)], "lang=go"), Ok(vec![]));
}

#[test]
fn output_files_protoc_gen_go_writes() {
    let errors = shop(
        "enum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  SHOP_ERROR_GONE = 1;\n}\n",
    );
    let other = shop("message Other {}\n");
    assert_eq!(
        errors_of(
            &[("shop.proto", &errors), ("shop_errors.proto", &other)],
            "lang=go,paths=source_relative"
        ),
        "shop.proto: protoc-gen-errors would write shop_errors.pb.go for shop.proto, which is the file protoc-gen-go writes for shop_errors.proto; rename one of the proto files"
    );
    let same_base = shop(
        "enum StockError {\n  STOCK_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  STOCK_ERROR_GONE = 1;\n}\n",
    );
    assert_eq!(
        errors_of(
            &[("a/shop.proto", &errors), ("b/shop.proto", &same_base)],
            "lang=go"
        ),
        "b/shop.proto: protoc-gen-errors would write shop.example/v1/shop_errors.pb.go for both a/shop.proto and b/shop.proto (one Go package, one base name); rename one of the proto files"
    );
}

#[test]
fn module_and_paths_problems() {
    let errors = shop(
        "enum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  SHOP_ERROR_GONE = 1;\n}\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &errors)], "lang=go,module=other.example"),
        "shop.proto: shop.example/v1/shop_errors.pb.go: generated file does not match prefix \"other.example\""
    );
    assert_eq!(
        errors_of(
            &[("shop.proto", &errors)],
            "lang=go,module=shop.example,paths=source_relative"
        ),
        "cannot use module= with paths=source_relative"
    );
    assert_eq!(
        errors_of(
            &[("shop.proto", &errors)],
            "lang=go,modul=shop.example,Mshop.proto=shop"
        ),
        "unknown parameter \"modul\" for protoc-gen-errors: did you mean module?"
    );
    assert_eq!(
        errors_of(&[("shop.proto", &errors)], "lang=go,Mshop.proto=shop"),
        "shop.proto: invalid Go import path \"shop\" for \"shop.proto\"\n\n\
         The import path must contain at least one period ('.') or forward slash ('/') character.\n\n\
         See https://protobuf.dev/reference/go/go-generated#package for more information."
    );
}
