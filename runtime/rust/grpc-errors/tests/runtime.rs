//! The runtime's contract, exercised through its public API with definitions
//! registered exactly as generated code registers them.

use std::error::Error as _;
use std::fmt;

use grpc_errors::{Code, ErrorDef, LocalizedMessage, from_error, from_status, registry};
use prost::Message;

static DEFS: [ErrorDef; 2] = [
    ErrorDef::new(
        Code::NotFound,
        "shop.v1.ITEM_NOT_FOUND",
        "item {itemId} not found",
    )
    .with_placeholders(&["itemId"])
    .with_i18n(&[
        ("de", "Artikel {itemId} fehlt"),
        ("zh", "商品 {itemId} 不存在"),
    ])
    .with_proto("shop.v1.ITEM_NOT_FOUND", 1),
    ErrorDef::new(Code::FailedPrecondition, "OUT_OF_STOCK", "OUT_OF_STOCK")
        .with_domain("shop.example.com")
        .with_proto("shop.v1.OUT_OF_STOCK", 2),
];
grpc_errors::register!(DEFS);

fn item_not_found(item_id: &str) -> grpc_errors::Error {
    DEFS[0]
        .to_error()
        .with_args([("itemId", item_id.to_owned())])
}

#[test]
fn registered_error_survives_the_wire_with_message_and_metadata() {
    let sent = item_not_found("42").with_metadata("shard", "eu-1");
    assert_eq!(sent.message(), "item 42 not found");
    let status: tonic::Status = sent.clone().into();
    assert_eq!(status.code(), tonic::Code::NotFound);

    let received = from_status(&status);
    assert!(received.is(&sent));
    assert!(received.is(&DEFS[0].to_error()));
    assert!(!received.is(&DEFS[1].to_error()));
    assert!(DEFS[0].matches(&received));
    assert_eq!(received.code(), Code::NotFound);
    assert_eq!(received.message(), "item 42 not found");
    assert_eq!(
        received.metadata().get("itemId").map(String::as_str),
        Some("42")
    );
    assert_eq!(
        received.metadata().get("shard").map(String::as_str),
        Some("eu-1")
    );
    assert_eq!(received.definition(), Some(&DEFS[0]));
    assert_eq!(
        received.localized_message("zh").as_deref(),
        Some("商品 42 不存在")
    );
    assert_eq!(received.localized_message("fr"), None);
    assert_eq!(received.http_status(), 404);
}

#[test]
fn details_bytes_are_what_tonic_types_reads() {
    use tonic_types::StatusExt;
    let status: tonic::Status = DEFS[1].to_error().with_metadata("sku", "A-1").into();
    let details = status.get_error_details();
    let info = details.error_info().expect("ErrorInfo in details");
    assert_eq!(info.reason, "OUT_OF_STOCK");
    assert_eq!(info.domain, "shop.example.com");
    assert_eq!(info.metadata.get("sku").map(String::as_str), Some("A-1"));

    let rpc = tonic_types::pb::Status::decode(status.details()).expect("google.rpc.Status");
    assert_eq!(rpc.code, tonic::Code::FailedPrecondition as i32);
    assert_eq!(rpc.message, "OUT_OF_STOCK");
    assert_eq!(rpc.details.len(), 1);
}

#[test]
fn registered_code_wins_over_the_wire_code() {
    let status = tonic::Status::with_error_details(
        tonic::Code::Internal,
        "remote text",
        tonic_types::ErrorDetails::with_error_info(
            "shop.v1.ITEM_NOT_FOUND",
            "",
            [("itemId".to_owned(), "7".to_owned())],
        ),
    );
    let received = from_status(&status);
    assert_eq!(received.code(), Code::NotFound);
    assert_eq!(received.message(), "remote text");
    assert!(received.is(&item_not_found("other")));
}

use tonic_types::StatusExt as _;

#[test]
fn unknown_reason_keeps_wire_code_and_reason() {
    let status = tonic::Status::with_error_details(
        tonic::Code::Aborted,
        "conflict",
        tonic_types::ErrorDetails::with_error_info("billing.v1.CONFLICT", "billing", []),
    );
    let received = from_status(&status);
    assert_eq!(received.code(), Code::Aborted);
    assert_eq!(received.reason(), "billing.v1.CONFLICT");
    assert_eq!(received.domain(), "billing");
    assert!(received.definition().is_none());
    let same =
        grpc_errors::Error::new(Code::Internal, "billing.v1.CONFLICT", "x").with_domain("billing");
    assert!(received.is(&same));
    let other_domain = grpc_errors::Error::new(Code::Aborted, "billing.v1.CONFLICT", "x");
    assert!(!received.is(&other_domain));
}

#[test]
fn plain_status_has_wire_code_and_no_reason_and_matches_nothing() {
    let received = from_status(&tonic::Status::permission_denied("nope"));
    assert_eq!(received.code(), Code::PermissionDenied);
    assert_eq!(received.reason(), "");
    assert_eq!(received.message(), "nope");
    let also_plain = from_status(&tonic::Status::permission_denied("nope"));
    assert!(
        !received.is(&also_plain),
        "two reason-less errors must not be 'the same error'"
    );
    assert!(!also_plain.is(&received));
}

/// A google.rpc.Status holding `details` as Anys, as a peer would send it.
fn status_bytes(details: &[(&str, Vec<u8>)]) -> Vec<u8> {
    tonic_types::pb::Status {
        code: 5,
        message: "m".to_owned(),
        details: details
            .iter()
            .map(|(type_url, value)| prost_types::Any {
                type_url: (*type_url).to_owned(),
                value: value.clone(),
            })
            .collect(),
    }
    .encode_to_vec()
}

fn error_info(reason: &str, domain: &str) -> Vec<u8> {
    tonic_types::pb::ErrorInfo {
        reason: reason.to_owned(),
        domain: domain.to_owned(),
        metadata: [("k".to_owned(), "v".to_owned())].into(),
    }
    .encode_to_vec()
}

fn received(details: Vec<u8>) -> grpc_errors::Error {
    from_status(&tonic::Status::with_details(
        tonic::Code::NotFound,
        "m",
        details.into(),
    ))
}

#[test]
fn malformed_details_keep_the_wire_code_and_message() {
    let broken_info = status_bytes(&[(grpc_errors::wire::ERROR_INFO_TYPE_URL, vec![0x0a, 0x7f])]);
    let invalid_utf8_reason = status_bytes(&[(
        grpc_errors::wire::ERROR_INFO_TYPE_URL,
        vec![0x0a, 0x02, 0xc3, 0x28],
    )]);
    let mut truncated = status_bytes(&[(
        grpc_errors::wire::ERROR_INFO_TYPE_URL,
        error_info("shop.v1.ITEM_NOT_FOUND", ""),
    )]);
    truncated.truncate(truncated.len() - 3);
    for details in [
        b"\xff\xff\xff".to_vec(),
        b"\x0a\xff\xff\xff\xff\x0f".to_vec(),
        b"\x1a\x80\x80\x80\x80\x08".to_vec(),
        broken_info,
        invalid_utf8_reason,
        truncated,
    ] {
        let error = received(details.clone());
        assert_eq!(error.code(), Code::NotFound, "{details:02x?}");
        assert_eq!(error.message(), "m", "{details:02x?}");
        assert_eq!(error.reason(), "", "{details:02x?}");
        assert_eq!(error.details().count(), 0, "{details:02x?}");
    }
}

#[test]
fn an_undecodable_error_info_is_skipped_and_the_next_one_read() {
    let error = received(status_bytes(&[
        (grpc_errors::wire::ERROR_INFO_TYPE_URL, vec![0x0a, 0x7f]),
        (
            grpc_errors::wire::ERROR_INFO_TYPE_URL,
            error_info("billing.v1.CONFLICT", "billing"),
        ),
        (
            grpc_errors::wire::ERROR_INFO_TYPE_URL,
            error_info("billing.v1.THIRD", "billing"),
        ),
    ]));
    assert_eq!(error.code(), Code::NotFound);
    assert_eq!(error.reason(), "billing.v1.CONFLICT");
    assert_eq!(error.domain(), "billing");
    assert_eq!(error.metadata()["k"], "v");
    // ErrorInfo is ours to send: the third one is not kept as a detail.
    assert_eq!(error.details().count(), 0);

    let localized = received(status_bytes(&[
        (
            grpc_errors::wire::LOCALIZED_MESSAGE_TYPE_URL,
            vec![0x0a, 0xff],
        ),
        (
            grpc_errors::wire::LOCALIZED_MESSAGE_TYPE_URL,
            tonic_types::pb::LocalizedMessage {
                locale: "de".to_owned(),
                message: "kaputt".to_owned(),
            }
            .encode_to_vec(),
        ),
    ]));
    assert_eq!(
        localized.localized(),
        Some(LocalizedMessage {
            locale: "de".to_owned(),
            message: "kaputt".to_owned(),
        })
    );
}

#[test]
fn detail_types_match_by_the_name_after_the_last_slash() {
    for type_url in [
        "type.googleapis.com/google.rpc.ErrorInfo",
        "example.com/types/google.rpc.ErrorInfo",
        "/google.rpc.ErrorInfo",
        "google.rpc.ErrorInfo",
    ] {
        let error = received(status_bytes(&[(
            type_url,
            error_info("shop.v1.ITEM_NOT_FOUND", ""),
        )]));
        assert!(error.is(&item_not_found("1")), "{type_url}");
        assert_eq!(error.code(), Code::NotFound, "{type_url}");
    }
    for type_url in [
        "type.googleapis.com/google.rpc.ErrorInfo2",
        "google.rpc.ErrorInfo/",
    ] {
        let error = received(status_bytes(&[(
            type_url,
            error_info("shop.v1.ITEM_NOT_FOUND", ""),
        )]));
        assert_eq!(error.reason(), "", "{type_url}");
        assert_eq!(error.details().count(), 1, "kept as sent: {type_url}");
    }
}

#[test]
fn hostile_details_never_panic() {
    // A deterministic xorshift stream: the same inputs on every run.
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let valid = grpc_errors::wire::encode_status_details(&item_not_found("1"));
    for round in 0..20_000 {
        let mut bytes = if round % 2 == 0 {
            valid.clone()
        } else {
            Vec::new()
        };
        let extra = (next() % 64) as usize;
        bytes.extend((0..extra).map(|_| next() as u8));
        if !bytes.is_empty() {
            let flips = (next() % 4) as usize;
            for _ in 0..flips {
                let at = (next() as usize) % bytes.len();
                bytes[at] = next() as u8;
            }
        }
        let _ = grpc_errors::wire::decode_status(Code::Internal, "m", &bytes);
    }
}

#[derive(Debug)]
struct Wrapped(tonic::Status);

impl fmt::Display for Wrapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("calling shop")
    }
}

impl std::error::Error for Wrapped {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[test]
fn from_error_walks_source_chains() {
    let wrapped = Wrapped(item_not_found("9").into());
    let found = from_error(&wrapped);
    assert!(found.is(&item_not_found("x")));
    assert_eq!(found.metadata()["itemId"], "9");

    let own = item_not_found("3");
    assert!(from_error(&own).is(&own));

    let io = std::io::Error::other("disk on fire");
    let unknown = from_error(&io);
    assert_eq!(unknown.code(), Code::Unknown);
    assert_eq!(unknown.reason(), "");
    assert_eq!(unknown.message(), "disk on fire");
}

#[test]
fn with_methods_never_change_the_definition() {
    let changed = item_not_found("1")
        .with_message("other")
        .with_metadata("k", "v");
    assert_eq!(changed.message(), "other");
    assert_eq!(DEFS[0].to_error().message(), "item {itemId} not found");
    assert!(DEFS[0].to_error().metadata().is_empty());
}

#[test]
fn cause_is_reachable_through_source_and_not_sent() {
    let err = item_not_found("1").with_source(std::io::Error::other("db timeout"));
    assert_eq!(
        err.source().map(ToString::to_string).as_deref(),
        Some("db timeout")
    );
    let status: tonic::Status = err.into();
    assert!(!String::from_utf8_lossy(status.details()).contains("db timeout"));
}

#[test]
fn display_names_code_message_and_reason() {
    assert_eq!(
        item_not_found("5").to_string(),
        "NOT_FOUND: item 5 not found (reason shop.v1.ITEM_NOT_FOUND)"
    );
    assert_eq!(
        DEFS[1].to_error().to_string(),
        "FAILED_PRECONDITION: OUT_OF_STOCK (reason OUT_OF_STOCK, domain shop.example.com)"
    );
}

#[test]
fn registry_lists_definitions_and_no_duplicates() {
    let all = registry::all();
    assert!(all.contains(&&DEFS[0]) && all.contains(&&DEFS[1]));
    assert!(registry::duplicates().is_empty());
    assert_eq!(
        registry::lookup("shop.example.com", "OUT_OF_STOCK"),
        Some(&DEFS[1])
    );
    assert_eq!(registry::lookup("", "OUT_OF_STOCK"), None);
}

#[test]
fn localized_message_travels_as_aip_193_detail() {
    use tonic_types::StatusExt;
    let mut metadata = tonic::metadata::MetadataMap::new();
    metadata.insert(
        grpc_errors::ACCEPT_LANGUAGE,
        "fr, de-CH;q=0.9".parse().unwrap(),
    );
    metadata.append(grpc_errors::ACCEPT_LANGUAGE, "zh;q=0.5".parse().unwrap());
    // Metadata added after the locale was chosen still fills the translation.
    let sent = DEFS[0]
        .to_error()
        .with_locale_from(&metadata)
        .with_args([("itemId", "42".to_owned())]);
    let expected = LocalizedMessage {
        locale: "de".to_owned(),
        message: "Artikel 42 fehlt".to_owned(),
    };
    assert_eq!(sent.localized(), Some(expected.clone()));

    let status: tonic::Status = sent.into();
    assert_eq!(status.message(), "item 42 not found");
    let details = status.get_error_details();
    let localized = details
        .localized_message()
        .expect("LocalizedMessage in details");
    assert_eq!(localized.locale, "de");
    assert_eq!(localized.message, "Artikel 42 fehlt");
    assert_eq!(
        details.error_info().map(|info| info.reason.as_str()),
        Some("shop.v1.ITEM_NOT_FOUND")
    );

    let received = from_status(&status);
    assert!(received.is(&item_not_found("1")));
    assert_eq!(received.localized(), Some(expected));
}

#[test]
fn no_suitable_language_sends_no_localized_message() {
    let unchanged = item_not_found("42").with_locale("fr, en;q=0.8");
    assert_eq!(unchanged.localized(), None);
    let status: tonic::Status = unchanged.into();
    let rpc = tonic_types::pb::Status::decode(status.details()).expect("google.rpc.Status");
    assert_eq!(rpc.details.len(), 1, "ErrorInfo only");

    // Definitions without translations, and hand-made errors, ignore it too.
    assert_eq!(DEFS[1].to_error().with_locale("de").localized(), None);
    let hand_made = grpc_errors::Error::new(Code::Internal, "", "boom").with_locale("de");
    assert_eq!(hand_made.localized(), None);
}

#[test]
fn hand_made_localized_messages_round_trip_even_without_reason() {
    let sent = grpc_errors::Error::new(Code::Unavailable, "", "try later")
        .with_localized_message("de", "später erneut versuchen");
    let received = from_status(&sent.into());
    assert_eq!(received.reason(), "");
    assert_eq!(received.code(), Code::Unavailable);
    assert_eq!(
        received.localized(),
        Some(LocalizedMessage {
            locale: "de".to_owned(),
            message: "später erneut versuchen".to_owned(),
        })
    );
}

#[test]
fn a_broken_localized_message_costs_only_itself() {
    use prost::bytes::Bytes;
    let good: tonic::Status = item_not_found("7").into();
    let mut rpc = tonic_types::pb::Status::decode(good.details()).expect("google.rpc.Status");
    rpc.details.push(prost_types::Any {
        type_url: grpc_errors::wire::LOCALIZED_MESSAGE_TYPE_URL.to_owned(),
        value: vec![0x0a, 0xff],
    });
    let status = tonic::Status::with_details(
        tonic::Code::NotFound,
        "item 7 not found",
        Bytes::from(rpc.encode_to_vec()),
    );
    let received = from_status(&status);
    assert!(received.is(&item_not_found("7")));
    assert_eq!(received.localized(), None);
}
