//! Every diagnostic of protoc-gen-errors, with its exact text and position.
//! Protos are compiled with protox from a scratch directory, the way
//! `protosmith generate` does; `plugin_protocol.rs` covers the protoc path.

use std::path::PathBuf;

use protosmith_core::protocol::PluginRequest;

/// Writes `files` to a fresh directory and returns the plugin's error text.
fn errors_of(files: &[(&str, &str)], parameter: &str) -> String {
    match generate(files, parameter) {
        Ok(names) => panic!("expected diagnostics, got files {names:?}"),
        Err(text) => text,
    }
}

fn generate(files: &[(&str, &str)], parameter: &str) -> Result<Vec<String>, String> {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let options = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proto");
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let input = PluginRequest::compile(&names, &[dir.path().to_path_buf(), options], parameter)
        .map_err(|d| d.to_string())?;
    input
        .run(protoc_gen_errors::run)
        .map(|files| files.into_iter().map(|f| f.name).collect())
        .map_err(|d| d.to_string())
}

/// `shop.proto`: the enum is on line 3, its zero value on line 4, and `body`
/// starts on line 5; diagnostics about an annotation point at its `@`
/// (column 6 under a value indented by two spaces).
fn shop(body: &str) -> String {
    format!(
        "syntax = \"proto3\";\npackage shop.v1;\nenum ShopError {{\n  SHOP_ERROR_UNSPECIFIED = 0;\n{body}}}\n"
    )
}

/// Like [`shop`] with our options imported: the enum is on line 4, `body` starts on line 6.
fn shop_with_options(body: &str) -> String {
    format!(
        "syntax = \"proto3\";\npackage shop.v1;\nimport \"protosmith/errors/v1/options.proto\";\nenum ShopError {{\n  SHOP_ERROR_UNSPECIFIED = 0;\n{body}}}\n"
    )
}

#[test]
fn unknown_code_suggests_the_closest_name() {
    let proto = shop("  // @code=NOT_FOUNDD\n  SHOP_ERROR_MISSING = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:5:6: unknown gRPC code \"NOT_FOUNDD\" in @code of SHOP_ERROR_MISSING: did you mean NOT_FOUND?"
    );
    let proto = shop("  // @code=not_found\n  SHOP_ERROR_MISSING = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:5:6: unknown gRPC code \"not_found\" in @code of SHOP_ERROR_MISSING: did you mean NOT_FOUND?"
    );
}

#[test]
fn unknown_code_far_from_any_lists_them_all() {
    let proto = shop("  // @code=TEAPOT\n  SHOP_ERROR_MISSING = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:5:6: unknown gRPC code \"TEAPOT\" in @code of SHOP_ERROR_MISSING: use one of CANCELLED, UNKNOWN, \
         INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, RESOURCE_EXHAUSTED, \
         FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS, UNAUTHENTICATED"
    );
}

#[test]
fn unknown_default_code_is_reported_on_the_enum() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n// @default_code=INTERNL\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  SHOP_ERROR_MISSING = 1;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)], ""),
        "shop.proto:3:4: unknown gRPC code \"INTERNL\" in @default_code of enum ShopError: did you mean INTERNAL?"
    );
}

#[test]
fn ok_is_not_an_error_code() {
    let proto = shop("  // @code=OK\n  SHOP_ERROR_FINE = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:5:6: @code of SHOP_ERROR_FINE is OK, which clients read as success; an error needs an error code \
         such as UNKNOWN, INTERNAL or FAILED_PRECONDITION"
    );
}

#[test]
fn a_value_without_code_or_default_is_an_error_not_a_skip() {
    let proto = shop(
        "  // @code=NOT_FOUND\n  SHOP_ERROR_MISSING = 1;\n  // Forgot the code.\n  SHOP_ERROR_CLOSED = 2;\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:8:3: error SHOP_ERROR_CLOSED has no gRPC code: add \"@code=<CODE>\" to its comment (or code in \
         option (protosmith.errors.v1.error)), or \"@default_code=<CODE>\" to enum ShopError"
    );
}

#[test]
fn malformed_placeholders_say_what_and_where() {
    let proto = shop(
        "  // @code=INVALID_ARGUMENT\n  // @msg=\"password for {user_id does not match\"\n  SHOP_ERROR_PASSWORD = 1;\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:6: malformed @msg of SHOP_ERROR_PASSWORD: unclosed \"{\" at character 14 in \"password for {user_id does \
         not match\"; placeholders are {name} with a name of letters, digits and _ not starting with a digit; write {{ and }} \
         for literal braces"
    );
    let proto = shop(
        "  // @code=INVALID_ARGUMENT\n  // @msg=\"bad {user id}\"\n  SHOP_ERROR_PASSWORD = 1;\n",
    );
    let text = errors_of(&[("shop.proto", &proto)], "");
    assert!(
        text.starts_with("shop.proto:6:6: malformed @msg of SHOP_ERROR_PASSWORD: placeholder \"{user id}\" at character 5 is not a name"),
        "{text}"
    );
}

#[test]
fn translations_may_only_use_the_message_placeholders() {
    let proto = shop(
        "  // @code=NOT_FOUND\n  // @msg=\"item {item_id} not found\"\n  // @i18n.de=\"Artikel {sku} fehlt\"\n  SHOP_ERROR_ITEM = 1;\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:7:6: @i18n.de of SHOP_ERROR_ITEM uses {sku}, which @msg does not have; a translation can only use the \
         message's placeholders (item_id)"
    );
}

#[test]
fn unreadable_quoted_values_are_reported() {
    let proto = shop("  // @code=NOT_FOUND\n  // @msg=\"never closed\n  SHOP_ERROR_ITEM = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:6: cannot read @msg of SHOP_ERROR_ITEM: unterminated quoted value; close it with `\"`"
    );
}

#[test]
fn contradicting_annotations_in_one_comment() {
    let proto = shop("  // @code=NOT_FOUND\n  // @code=INTERNAL\n  SHOP_ERROR_ITEM = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:6: SHOP_ERROR_ITEM has two @code annotations (\"NOT_FOUND\" and \"INTERNAL\"); keep one"
    );
}

#[test]
fn comment_and_option_must_agree() {
    let proto = shop_with_options(
        "  // @code=NOT_FOUND\n  SHOP_ERROR_ITEM = 1 [(protosmith.errors.v1.error) = {code: INTERNAL}];\n  // @msg=\"a\"\n  SHOP_ERROR_OTHER = 2 [(protosmith.errors.v1.error) = {code: INTERNAL, msg: \"b\"}];\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:6: SHOP_ERROR_ITEM has @code=\"NOT_FOUND\" in its comment but code \"INTERNAL\" in option \
         (protosmith.errors.v1.error); keep one of them\n\
         shop.proto:8:6: SHOP_ERROR_OTHER has @msg=\"a\" in its comment but msg \"b\" in option (protosmith.errors.v1.error); \
         keep one of them"
    );
    let proto = shop_with_options(
        "  // @code=INTERNAL\n  SHOP_ERROR_ITEM = 1 [(protosmith.errors.v1.error) = {code: INTERNAL}];\n",
    );
    assert_eq!(
        generate(&[("shop.proto", &proto)], ""),
        Ok(vec!["shop.errors.rs".to_owned()]),
        "agreeing forms are fine"
    );
    let proto = shop_with_options(
        "  // @i18n.de=\"eins\"\n  SHOP_ERROR_ITEM = 1 [(protosmith.errors.v1.error) = {code: INTERNAL, i18n: [{key: \"de\", value: \"zwei\"}]}];\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:6: SHOP_ERROR_ITEM has @i18n.de=\"eins\" in its comment but \"zwei\" in option (protosmith.errors.v1.error); keep one of them"
    );
}

#[test]
fn duplicate_reasons_across_files_name_both_places() {
    let a = "syntax = \"proto3\";\npackage shop.v1;\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  ITEM_NOT_FOUND = 1;\n}\n";
    let b = "syntax = \"proto3\";\npackage stock.v1;\nenum StockError {\n  STOCK_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  ITEM_NOT_FOUND = 1;\n}\n";
    assert_eq!(
        errors_of(
            &[("shop.proto", a), ("stock.proto", b)],
            "reason_style=aip,domain=acme.example"
        ),
        "stock.proto:6:3: duplicate error reason \"ITEM_NOT_FOUND\" in domain \"acme.example\": stock.v1.ITEM_NOT_FOUND here \
         and shop.v1.ITEM_NOT_FOUND at shop.proto:6:3 both have it; every error needs its own reason (one domain= covers \
         several packages here)"
    );
    // Without one shared domain, each package is its own domain: no clash.
    assert_eq!(
        generate(&[("shop.proto", a), ("stock.proto", b)], "reason_style=aip"),
        Ok(vec![
            "shop.errors.rs".to_owned(),
            "stock.errors.rs".to_owned()
        ])
    );
}

#[test]
fn aip_reasons_must_follow_aip_193() {
    let long = format!("SHOP_ERROR_{}", "X".repeat(60));
    let proto = shop(&format!(
        "  // @code=INTERNAL\n  {long} = 1;\n  // @code=INTERNAL\n  Shop_error_lower = 2;\n"
    ));
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], "reason_style=aip"),
        format!(
            "shop.proto:6:3: reason \"{long}\" of {long} breaks AIP-193 (reason_style=aip): a reason is UPPER_SNAKE_CASE, \
             matches [A-Z][A-Z0-9_]+[A-Z0-9] and has at most 63 characters (71 here); rename the value\n\
             shop.proto:8:3: reason \"Shop_error_lower\" of Shop_error_lower breaks AIP-193 (reason_style=aip): a reason is \
             UPPER_SNAKE_CASE, matches [A-Z][A-Z0-9_]+[A-Z0-9] and has at most 63 characters (16 here); rename the value"
        )
    );
    // ego-style reasons are full names and have no such limit.
    assert!(generate(&[("shop.proto", &proto)], "").is_ok());
}

#[test]
fn aip_metadata_keys_follow_error_info_rules() {
    let long = format!("k{}", "x".repeat(64));
    let proto = shop(&format!(
        "  // @code=INTERNAL\n  // @msg=\"{{User_ID}} failed\"\n  SHOP_ERROR_UPPER = 1;\n  \
         // @code=INTERNAL\n  // @msg=\"{{{long}}}\"\n  SHOP_ERROR_LONG = 2;\n  \
         // @code=INTERNAL\n  // @msg=\"{{n}} left\"\n  SHOP_ERROR_SHORT = 3;\n  \
         // @code=INTERNAL\n  // @msg=\"{{user_id}} and {{skuCount}}\"\n  SHOP_ERROR_FINE = 4;\n"
    ));
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], "reason_style=aip"),
        format!(
            "shop.proto:6:6: placeholder {{User_ID}} in the @msg of SHOP_ERROR_UPPER breaks AIP-193 (reason_style=aip): \
             placeholders become ErrorInfo metadata keys, which match [a-z][a-zA-Z0-9-_]+, have at most 64 characters \
             (7 here) and are ideally lowerCamelCase; write {{userId}}\n\
             shop.proto:9:6: placeholder {{{long}}} in the @msg of SHOP_ERROR_LONG breaks AIP-193 (reason_style=aip): \
             placeholders become ErrorInfo metadata keys, which match [a-z][a-zA-Z0-9-_]+, have at most 64 characters \
             (65 here) and are ideally lowerCamelCase; write {{{}}}\n\
             shop.proto:12:6: placeholder {{n}} in the @msg of SHOP_ERROR_SHORT breaks AIP-193 (reason_style=aip): \
             placeholders become ErrorInfo metadata keys, which match [a-z][a-zA-Z0-9-_]+, have at most 64 characters \
             (1 here) and are ideally lowerCamelCase; write {{valueN}}",
            &long[..64]
        )
    );
    // ego-style metadata keys are the placeholders as written.
    assert!(generate(&[("shop.proto", &proto)], "").is_ok());
}

#[test]
fn unique_numbers_spans_every_error_enum() {
    let a = "syntax = \"proto3\";\npackage shop.v1;\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  SHOP_ERROR_ITEM = 1008;\n}\n";
    let b = "syntax = \"proto3\";\npackage stock.v1;\nenum StockError {\n  STOCK_ERROR_UNSPECIFIED = 0;\n  // @code=NOT_FOUND\n  STOCK_ERROR_EMPTY = 1008;\n}\n";
    assert_eq!(
        errors_of(
            &[("shop.proto", a), ("stock.proto", b)],
            "unique_numbers=true"
        ),
        "stock.proto:6:3: error number 1008 of stock.v1.STOCK_ERROR_EMPTY is already used by shop.v1.SHOP_ERROR_ITEM at \
         shop.proto:6:3; unique_numbers=true asks for numbers unique across all error enums"
    );
    assert!(
        generate(&[("shop.proto", a), ("stock.proto", b)], "").is_ok(),
        "off by default"
    );
}

#[test]
fn generated_names_must_not_clash_with_prost_types() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\nmessage ShopErrorKind {}\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=INTERNAL\n  SHOP_ERROR_BROKEN = 1;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)], ""),
        "shop.proto:4:1: the Rust type ShopErrorKind generated for enum shop.v1.ShopError clashes with message \
         shop.v1.ShopErrorKind at shop.proto:3:1, which prost generates under the same name; rename one of them"
    );
}

#[test]
fn bad_parameters_are_named() {
    let proto = shop("  // @code=INTERNAL\n  SHOP_ERROR_BROKEN = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], "reason_styl=aip"),
        "unknown parameter \"reason_styl\" for protoc-gen-errors: did you mean reason_style?"
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], "reason_style=google"),
        "parameter reason_style=google: expected reason_style=ego (reason = full name of the value, as ego) or \
         reason_style=aip (AIP-193: UPPER_SNAKE reason plus domain) or reason_style=kratos (the bare value name, as kratos)"
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], "unique_numbers=yes"),
        "parameter unique_numbers=yes: expected unique_numbers=true or unique_numbers=false"
    );
}

#[test]
fn all_problems_are_reported_at_once_in_position_order() {
    let proto = shop(
        "  // @code=NOT_FOUNDD\n  SHOP_ERROR_A = 1;\n  SHOP_ERROR_B = 2;\n  // @code=OK\n  SHOP_ERROR_C = 3;\n",
    );
    let text = errors_of(&[("shop.proto", &proto)], "");
    let positions: Vec<&str> = text
        .lines()
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        positions,
        ["shop.proto:5:6", "shop.proto:7:3", "shop.proto:8:6"]
    );
}

#[test]
fn imported_files_are_checked_for_clashes_but_not_reported_on() {
    let dep = "syntax = \"proto3\";\npackage dep.v1;\nenum DepError {\n  DEP_ERROR_UNSPECIFIED = 0;\n  // @code=TEAPOT\n  DEP_ERROR_X = 1;\n}\n";
    let main = "syntax = \"proto3\";\npackage shop.v1;\nimport \"dep.proto\";\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  // @code=INTERNAL\n  SHOP_ERROR_X = 1;\n}\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dep.proto"), dep).unwrap();
    std::fs::write(dir.path().join("shop.proto"), main).unwrap();
    let input = PluginRequest::compile(&["shop.proto"], &[dir.path()], "").unwrap();
    let files = input.run(protoc_gen_errors::run).unwrap();
    assert_eq!(
        files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["shop.errors.rs"]
    );
}

#[test]
fn proto_syntax_errors_come_with_file_line_and_column() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\nenum ShopError {\n  SHOP_ERROR_X = ;\n}\n";
    let text = errors_of(&[("shop.proto", proto)], "");
    assert!(text.starts_with("shop.proto:4:18: "), "{text}");
}

#[test]
fn misspelt_annotation_keys_are_errors_with_a_suggestion() {
    let proto = shop(
        "  // @cdoe=NOT_FOUND\n  SHOP_ERROR_A = 1;\n  // @Code=NOT_FOUND\n  SHOP_ERROR_B = 2;\n  \
         // @code: UNAVAILABLE\n  SHOP_ERROR_C = 3;\n  // @code NOT_FOUND\n  SHOP_ERROR_D = 4;\n  \
         // @i18.zh=\"找不到\"\n  // @code=NOT_FOUND\n  SHOP_ERROR_E = 5;\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:5:6: unknown annotation @cdoe in the comment of SHOP_ERROR_A: did you mean @code? (an error value \
         takes @code, @msg and @i18n.<lang> (and @exclude))\n\
         shop.proto:7:6: unknown annotation @Code in the comment of SHOP_ERROR_B: did you mean @code? (an error value \
         takes @code, @msg and @i18n.<lang> (and @exclude))\n\
         shop.proto:9:6: \"@code UNAVAILABLE\" in the comment of SHOP_ERROR_C is not an annotation, so it would be \
         ignored: write @code=UNAVAILABLE\n\
         shop.proto:11:6: \"@code NOT_FOUND\" in the comment of SHOP_ERROR_D is not an annotation, so it would be \
         ignored: write @code=NOT_FOUND\n\
         shop.proto:13:6: unknown annotation @i18.zh in the comment of SHOP_ERROR_E: did you mean @i18n.zh? (an error \
         value takes @code, @msg and @i18n.<lang> (and @exclude))"
    );
    // Misspelt on the enum, where it is the only annotation: still an error enum, still reported.
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n// @defualt_code=INTERNAL\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  SHOP_ERROR_X = 1;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)], ""),
        "shop.proto:3:4: unknown annotation @defualt_code in the comment of enum ShopError: did you mean \
         @default_code? (an error enum takes @default_code (and @plugins, @exclude))"
    );
}

#[test]
fn unknown_keys_far_from_any_say_what_is_allowed() {
    let proto = shop("  // @owner=team-a\n  // @code=NOT_FOUND\n  SHOP_ERROR_A = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:5:6: unknown annotation @owner in the comment of SHOP_ERROR_A: an error value takes @code, @msg \
         and @i18n.<lang> (and @exclude); if the line is prose, do not start it with @owner"
    );
}

#[test]
fn enum_and_value_keys_in_the_wrong_place_say_where_they_go() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n// @code=INTERNAL\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n  \
                 // @default_code=INTERNAL\n  SHOP_ERROR_X = 1;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)], ""),
        "shop.proto:3:4: @code in the comment of enum ShopError does nothing there: @code belongs on a value's \
         comment; an error enum takes @default_code (and @plugins, @exclude)\n\
         shop.proto:6:6: @default_code in the comment of SHOP_ERROR_X does nothing there: @default_code belongs on \
         the enum's comment; an error value takes @code, @msg and @i18n.<lang> (and @exclude)"
    );
}

#[test]
fn other_tools_keys_and_prose_keep_working() {
    let proto = format!(
        "// @plugins=protoc-gen-go-errors\n{}",
        shop(
            "  // @see ShopService for details; mail ops@example.com\n  // @todo check the code later\n  \
             // @exclude\n  // @code=NOT_FOUND\n  SHOP_ERROR_A = 1;\n"
        )
    );
    assert_eq!(
        generate(&[("shop.proto", &proto)], ""),
        Ok(vec!["shop.errors.rs".to_owned()])
    );
}

#[test]
fn detached_annotations_are_reported_as_detached() {
    // A blank line on both sides: protobuf attaches the comment to nothing.
    let proto = shop("\n  // @code=NOT_FOUND\n\n  SHOP_ERROR_MISSING = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:6: @code is in a comment separated from SHOP_ERROR_MISSING by a blank line, so it belongs to \
         nothing and would be ignored: remove the blank line to make it SHOP_ERROR_MISSING's"
    );
    // Right under the zero value and then a blank line: protobuf makes it the
    // zero value's trailing comment.
    let proto = shop("  // @code=NOT_FOUND\n\n  SHOP_ERROR_MISSING = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:4:3: SHOP_ERROR_UNSPECIFIED = 0 is proto3's \"not set\" marker, yet the comment after it gives it \
         @code: a comment on the line below a value and followed by a blank line belongs to the value above; if it \
         is meant for the next value, remove the blank line after it; if the zero value is meant to be an error, put \
         the annotation above it\n\
         shop.proto:7:3: error SHOP_ERROR_MISSING has no gRPC code: add \"@code=<CODE>\" to its comment (or code in \
         option (protosmith.errors.v1.error)), or \"@default_code=<CODE>\" to enum ShopError"
    );
}

#[test]
fn translation_languages_are_language_tags_given_once() {
    let proto = shop(
        "  // @code=NOT_FOUND\n  // @i18n.-=\"x\"\n  SHOP_ERROR_A = 1;\n  \
         // @code=NOT_FOUND\n  // @i18n.zh..=\"x\"\n  SHOP_ERROR_B = 2;\n  \
         // @code=NOT_FOUND\n  // @i18n.=\"x\"\n  SHOP_ERROR_C = 3;\n  \
         // @code=NOT_FOUND\n  // @i18n.de=\"x\"\n  // @i18n.de=\"x\"\n  SHOP_ERROR_D = 4;\n  \
         // @code=NOT_FOUND\n  // @i18n.zh-CN=\"x\"\n  // @i18n.zh_cn=\"y\"\n  SHOP_ERROR_E = 5;\n  \
         // @code=NOT_FOUND\n  // @i18n.pt-BR=\"x\"\n  // @i18n.zh_Hant_TW=\"y\"\n  SHOP_ERROR_F = 6;\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:6: @i18n.- of SHOP_ERROR_A: \"-\" is not a language tag; write a BCP 47 tag such as zh, zh-CN or \
         pt-BR\n\
         shop.proto:9:6: @i18n.zh.. of SHOP_ERROR_B: \"zh..\" is not a language tag; write a BCP 47 tag such as zh, \
         zh-CN or pt-BR\n\
         shop.proto:12:6: @i18n. of SHOP_ERROR_C names no language: write @i18n.<lang>=\"text\", e.g. @i18n.zh=\"...\"\n\
         shop.proto:16:6: SHOP_ERROR_D has @i18n.de at shop.proto:15:6 and @i18n.de here, one language twice; keep one\n\
         shop.proto:20:6: SHOP_ERROR_E has @i18n.zh-CN at shop.proto:19:6 and @i18n.zh_cn here, one language twice; \
         keep one"
    );
    let proto = shop_with_options(
        "  SHOP_ERROR_ITEM = 1 [(protosmith.errors.v1.error) = {code: INTERNAL, i18n: [{key: \"\", value: \"x\"}]}];\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:3: i18n key \"\" in option (protosmith.errors.v1.error) of SHOP_ERROR_ITEM: \"\" is not a \
         language tag; write a BCP 47 tag such as zh, zh-CN or pt-BR"
    );
}

#[test]
fn placeholders_without_a_name_get_one() {
    // `{_}` has no letters to name a parameter after: the Rust parameter is `arg`, as in Go.
    let proto = shop("  // @code=NOT_FOUND\n  // @msg=\"{_} is missing\"\n  SHOP_ERROR_A = 1;\n");
    assert_eq!(
        generate(&[("shop.proto", &proto)], ""),
        Ok(vec!["shop.errors.rs".to_owned()])
    );
    let proto = shop("  // @code=NOT_FOUND\n  // @msg=\"{_} and {__}\"\n  SHOP_ERROR_A = 1;\n");
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:7:3: placeholders {_} and {__} of SHOP_ERROR_A both become the Rust parameter arg; use one \
         spelling"
    );
}

#[test]
fn an_error_enum_without_errors_is_reported() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n// @default_code=INTERNAL\nenum ShopError {\n  SHOP_ERROR_UNSPECIFIED = 0;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)], ""),
        "shop.proto:4:1: enum ShopError is an error enum but defines no errors: its only value, \
         SHOP_ERROR_UNSPECIFIED = 0, is proto3's \"not set\" marker, not an error; add error values (e.g. \
         SHOP_ERROR_NOT_FOUND = 1; with @code=NOT_FOUND), or remove its error annotations"
    );
}

#[test]
fn error_annotations_on_messages_are_reported() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n// @code=NOT_FOUND\nmessage Item {\n  // @msg=\"item {id}\"\n  string id = 1;\n}\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)], ""),
        "shop.proto:3:4: @code on message Item does nothing: error annotations go on the values of an error enum \
         (@code, @msg, @i18n.<lang>) or on the enum (@default_code)\n\
         shop.proto:5:6: @msg on field Item.id does nothing: error annotations go on the values of an error enum \
         (@code, @msg, @i18n.<lang>) or on the enum (@default_code)"
    );
}

#[test]
fn a_misspelt_code_in_an_option_names_the_field_and_the_values() {
    let proto = shop_with_options(
        "  SHOP_ERROR_ITEM = 1 [(protosmith.errors.v1.error) = {code: NOT_FOUNDD}];\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:24: unknown value NOT_FOUNDD for field code in option (protosmith.errors.v1.error): did you \
         mean NOT_FOUND? The values of protosmith.errors.v1.Code are OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, \
         DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, \
         ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS, UNAUTHENTICATED"
    );
    let proto = shop_with_options(
        "  SHOP_ERROR_ITEM = 1 [(protosmith.errors.v1.error) = {cod: NOT_FOUND}];\n",
    );
    assert_eq!(
        errors_of(&[("shop.proto", &proto)], ""),
        "shop.proto:6:24: unknown field cod in option (protosmith.errors.v1.error): did you mean code? The fields \
         of protosmith.errors.v1.ErrorOptions are code, msg, i18n"
    );
}

#[test]
fn editions_are_reported_as_unsupported() {
    let proto = "// A new file.\nedition = \"2023\";\npackage shop.v1;\n";
    assert_eq!(
        errors_of(&[("shop.proto", proto)], ""),
        "shop.proto:2:1: protobuf editions are not supported: protosmith compiles with protox 0.10 and reads \
         descriptors with prost-reflect 0.16, which know proto2 and proto3 only; write syntax = \"proto3\"; (or \
         \"proto2\") instead of the edition statement"
    );
}

#[test]
fn deep_nesting_is_a_diagnostic_not_an_abort() {
    for levels in [150, 5000] {
        let value = format!("{}{}", "{a: ".repeat(levels), "}".repeat(levels));
        let proto = format!(
            "syntax = \"proto3\";\npackage shop.v1;\nimport \"google/protobuf/struct.proto\";\n\
             enum ShopError {{\n  SHOP_ERROR_UNSPECIFIED = 0;\n  SHOP_ERROR_X = 1 [(deep) = {value}];\n}}\n"
        );
        assert_eq!(
            errors_of(&[("shop.proto", &proto)], ""),
            "shop.proto:6:278: braces nest more than 64 levels deep here; the protobuf parsers and decoders cannot \
             read such nesting (prost stops at 100 levels, deeper input overflows the stack): flatten the option \
             value or the nested declarations",
            "{levels} levels"
        );
    }
}

/// protoc takes option values nested far deeper than prost decodes (100
/// levels); what protoc or buf then send is refused with the place named.
#[test]
fn deep_nesting_from_protoc_names_the_declaration() {
    let protoc = std::env::var_os("PROTOC")
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "protoc".into());
    for levels in [150, 600] {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        let value = format!("{}{{}}{}", "{a ".repeat(levels), "}".repeat(levels));
        std::fs::write(
            dir.join("deep.proto"),
            format!(
                "syntax = \"proto3\";\npackage deep.v1;\nimport \"google/protobuf/descriptor.proto\";\n\
                 message Deep {{\n  int32 x = 1 [(nest) = {value}];\n}}\nmessage Nest {{ Nest a = 1; }}\n\
                 extend google.protobuf.FieldOptions {{ Nest nest = 50000; }}\n"
            ),
        )
        .unwrap();
        let status = std::process::Command::new(&protoc)
            .current_dir(dir)
            .args([
                "-I.",
                "--include_imports",
                "--include_source_info",
                "-o",
                "deep.pb",
                "deep.proto",
            ])
            .status()
            .expect("protoc runs");
        assert!(status.success(), "protoc accepts {levels} levels");
        let set = std::fs::read(dir.join("deep.pb")).unwrap();
        assert_eq!(
            protosmith_core::Input::from_descriptor_set(&set, vec!["deep.proto".to_owned()]).err(),
            Some(
                "deep.proto:5:3: an option value here nests deeper than the protobuf decoders accept (prost stops \
                 at 100 levels of messages); flatten it"
                    .to_owned()
            ),
            "{levels} levels"
        );
    }
}
