//! The standard details other than ErrorInfo and LocalizedMessage (AIP-193's
//! RetryInfo, DebugInfo, QuotaFailure, PreconditionFailure, BadRequest,
//! RequestInfo, ResourceInfo, Help): kept when received, sent again, and
//! converted to and from tonic-types' `ErrorDetails`.

use std::time::Duration;

use grpc_errors::{Code, ErrorDef, from_status};
use prost::Message;
use tonic_types::{
    ErrorDetails, FieldViolation, HelpLink, PreconditionViolation, QuotaViolation, StatusExt,
};

static DEFS: [ErrorDef; 1] = [ErrorDef::new(
    Code::Unavailable,
    "inventory.v1.WAREHOUSE_OFFLINE",
    "warehouse offline",
)
.with_domain("inventory.example.com")
.with_proto("inventory.v1.WAREHOUSE_OFFLINE", 1)];
grpc_errors::register!(DEFS);

/// Every standard detail tonic-types knows, each with a value.
fn every_detail() -> ErrorDetails {
    let mut details = ErrorDetails::with_retry_info(Some(Duration::from_millis(1500)));
    details
        .set_debug_info(["frame 1", "frame 2"].map(String::from), "stack")
        .set_quota_failure(vec![QuotaViolation::new("project:42", "daily limit")])
        .set_error_info(
            "inventory.v1.WAREHOUSE_OFFLINE",
            "inventory.example.com",
            [("warehouse".to_owned(), "w-7".to_owned())],
        )
        .set_precondition_failure(vec![PreconditionViolation::new(
            "TOS",
            "acme.com/tos",
            "not accepted",
        )])
        .set_bad_request(vec![FieldViolation::new("sku", "must not be empty")])
        .set_request_info("req-1", "serving data")
        .set_resource_info("warehouse", "w-7", "ops", "offline since noon")
        .set_help(vec![HelpLink::new(
            "status page",
            "https://status.example.com",
        )])
        .set_localized_message("de", "Lager nicht erreichbar");
    details
}

/// Debug output is tonic-types' only equality on `ErrorDetails`.
fn same(a: &ErrorDetails, b: &ErrorDetails) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

#[test]
fn every_standard_detail_a_peer_sends_is_kept_and_sent_again() {
    let status =
        tonic::Status::with_error_details(tonic::Code::Internal, "offline", every_detail());
    let received = from_status(&status);
    assert!(received.is(&DEFS[0].to_error()));
    assert_eq!(received.code(), Code::Unavailable, "the registered code");
    assert_eq!(received.metadata()["warehouse"], "w-7");
    assert_eq!(
        received.localized().map(|l| l.message).as_deref(),
        Some("Lager nicht erreichbar")
    );
    let names: Vec<&str> = received.details().map(|d| d.type_name()).collect();
    assert_eq!(
        names,
        [
            "google.rpc.RetryInfo",
            "google.rpc.DebugInfo",
            "google.rpc.QuotaFailure",
            "google.rpc.PreconditionFailure",
            "google.rpc.BadRequest",
            "google.rpc.RequestInfo",
            "google.rpc.ResourceInfo",
            "google.rpc.Help",
        ]
    );

    // Sent on, e.g. by a gateway that passes the error through.
    let forwarded: tonic::Status = received.into();
    let details = forwarded
        .check_error_details()
        .expect("tonic-types reads it");
    assert!(same(&details, &every_detail()), "{details:#?}");
}

#[test]
fn error_details_round_trip_both_ways() {
    let error = grpc_errors::Error::from_error_details(Code::Internal, "offline", every_detail());
    assert!(error.is(&DEFS[0].to_error()));
    assert_eq!(error.message(), "offline");
    assert!(same(&error.error_details(), &every_detail()));

    let again = grpc_errors::Error::from_error_details(
        error.code(),
        error.message(),
        error.error_details(),
    );
    assert!(again.is(&error));
    assert_eq!(again.metadata(), error.metadata());
    assert_eq!(again.localized(), error.localized());
    assert!(again.details().eq(error.details()));
}

#[test]
fn a_server_adds_standard_details_to_a_generated_error() {
    let sent = DEFS[0]
        .to_error()
        .with_metadata("warehouse", "w-7")
        .with_error_details(ErrorDetails::with_retry_info(Some(Duration::from_secs(2))))
        .with_error_details(ErrorDetails::with_help_link(
            "status page",
            "https://status.example.com",
        ))
        // Replaces the first RetryInfo: one detail per type.
        .with_error_details(ErrorDetails::with_retry_info(Some(Duration::from_secs(5))));
    let status: tonic::Status = sent.clone().into();
    let details = status.get_error_details();
    assert_eq!(
        details.retry_info().and_then(|r| r.retry_delay),
        Some(Duration::from_secs(5))
    );
    assert_eq!(details.help().map(|h| h.links.len()), Some(1));
    let info = details
        .error_info()
        .expect("ErrorInfo stays first and ours");
    assert_eq!(info.reason, "inventory.v1.WAREHOUSE_OFFLINE");
    assert_eq!(info.metadata["warehouse"], "w-7");
    let rpc = tonic_types::pb::Status::decode(status.details()).unwrap();
    assert_eq!(
        rpc.details[0].type_url,
        grpc_errors::wire::ERROR_INFO_TYPE_URL
    );
    assert_eq!(rpc.details.len(), 3);
}

#[test]
fn with_error_details_keeps_the_identity_and_takes_metadata_and_translation() {
    let error = DEFS[0].to_error().with_error_details(every_detail());
    assert!(error.is(&DEFS[0].to_error()));
    assert_eq!(error.metadata()["warehouse"], "w-7");
    assert_eq!(error.localized().map(|l| l.locale).as_deref(), Some("de"));
    let other = grpc_errors::Error::new(Code::Internal, "other.REASON", "x").with_error_details(
        ErrorDetails::with_error_info("inventory.v1.WAREHOUSE_OFFLINE", "", []),
    );
    assert_eq!(other.reason(), "other.REASON");
}

#[test]
fn details_of_any_type_url_prefix_and_unknown_types_are_kept() {
    let retry = tonic_types::pb::RetryInfo {
        retry_delay: Some(prost_types::Duration {
            seconds: 3,
            nanos: 0,
        }),
    }
    .encode_to_vec();
    let custom = b"\x0a\x03abc".to_vec();
    let rpc = tonic_types::pb::Status {
        code: 14,
        message: "down".to_owned(),
        details: vec![
            prost_types::Any {
                type_url: "example.com/google.rpc.RetryInfo".to_owned(),
                value: retry.clone(),
            },
            prost_types::Any {
                type_url: "type.example.com/acme.Custom".to_owned(),
                value: custom.clone(),
            },
            prost_types::Any {
                type_url: "type.googleapis.com/google.rpc.Help".to_owned(),
                value: vec![0x0a, 0xff], // does not decode as Help
            },
        ],
    };
    let status =
        tonic::Status::with_details(tonic::Code::Unavailable, "down", rpc.encode_to_vec().into());
    let error = from_status(&status);
    assert_eq!(error.code(), Code::Unavailable);
    let kept: Vec<(&str, &[u8])> = error.details().map(|d| (d.type_url(), d.value())).collect();
    assert_eq!(
        kept,
        [
            ("example.com/google.rpc.RetryInfo", retry.as_slice()),
            ("type.example.com/acme.Custom", custom.as_slice()),
            ("type.googleapis.com/google.rpc.Help", &[0x0a, 0xff][..]),
        ]
    );
    // tonic-types gets the standard ones that decode, whatever their prefix.
    let details = error.error_details();
    assert_eq!(
        details.retry_info().and_then(|r| r.retry_delay),
        Some(Duration::from_secs(3))
    );
    assert!(details.help().is_none());
    // Re-encoding sends all three, as received.
    let forwarded = tonic_types::pb::Status::decode(tonic::Status::from(error).details()).unwrap();
    assert_eq!(forwarded.details, rpc.details);
}

#[test]
fn hand_added_details_are_sent_and_error_info_cannot_be_smuggled_in() {
    let error = grpc_errors::Error::new(Code::Internal, "", "boom")
        .with_detail("type.example.com/acme.Custom", b"\x08\x01")
        .with_detail(grpc_errors::wire::ERROR_INFO_TYPE_URL, b"\x0a\x01X");
    assert_eq!(error.details().count(), 1);
    let received = from_status(&error.into());
    assert_eq!(received.reason(), "");
    assert_eq!(
        received.details().map(|d| d.value()).collect::<Vec<_>>(),
        [b"\x08\x01"]
    );
}
