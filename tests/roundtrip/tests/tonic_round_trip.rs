//! Generated errors over a real transport: a tonic server returns them, a
//! tonic client decodes them from bytes and compares them by reason.

use grpc_errors::{Code, from_error, from_status};
use protosmith_tests::acme::order::v1::errors::{
    OrderErrorKind, PaymentErrorKind, order_error_not_found, order_error_out_of_stock,
    payment_error_card_declined,
};
use protosmith_tests::acme::order::v1::order_service_client::OrderServiceClient;
use protosmith_tests::acme::order::v1::{GetOrderRequest, PlaceOrderRequest};
use protosmith_tests::acme::user::v1::user_service_client::UserServiceClient;
use protosmith_tests::acme::user::v1::*;
use protosmith_tests::server::TestServer;
use tokio_stream::StreamExt;

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn user_client(
    server: &TestServer,
) -> Result<UserServiceClient<tonic::transport::Channel>, tonic::transport::Error> {
    UserServiceClient::connect(server.url()).await
}

#[tokio::test]
async fn not_found_crosses_the_wire_and_is_the_generated_error() -> TestResult {
    let server = TestServer::start().await?;
    let mut client = user_client(&server).await?;

    let found = client
        .get_user(GetUserRequest {
            user_id: "u-1".into(),
        })
        .await?
        .into_inner();
    assert_eq!(found.user.map(|u| u.name).as_deref(), Some("Ada"));

    let status = client
        .get_user(GetUserRequest {
            user_id: "u-404".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(status.code(), tonic::Code::NotFound);
    let error = from_status(&status);
    assert!(
        error.is(&user_error_not_found("anyone")),
        "decoded {error:?}"
    );
    assert!(!error.is(&user_error_email_taken()));
    assert!(!error.is(&user_error_password_mismatch("u-404")));
    assert!(
        !error.is(&order_error_not_found("u-404")),
        "same code, other reason"
    );
    assert_eq!(error.code(), Code::NotFound);
    assert_eq!(error.reason(), "acme.user.v1.USER_ERROR_NOT_FOUND");
    assert_eq!(error.domain(), "");
    assert_eq!(error.message(), "user u-404 not found");
    assert_eq!(
        error.metadata().get("user_id").map(String::as_str),
        Some("u-404")
    );
    assert_eq!(error.http_status(), 404);
    assert_eq!(
        UserErrorKind::from_error(&error),
        Some(UserErrorKind::NotFound)
    );
    assert_eq!(
        error.localized_message("zh").as_deref(),
        Some("用户 u-404 不存在")
    );
    assert_eq!(
        error.localized_message("de").as_deref(),
        Some("Benutzer u-404 nicht gefunden")
    );

    // A typed view makes `match` exhaustive over the enum's errors.
    let advice = match UserErrorKind::from_error(&error) {
        Some(UserErrorKind::NotFound) => "create the user first",
        Some(
            UserErrorKind::EmailTaken
            | UserErrorKind::PasswordMismatch
            | UserErrorKind::StorageFailure,
        ) => "other",
        None => "not a user error",
    };
    assert_eq!(advice, "create the user first");
    server.shutdown().await
}

#[tokio::test]
async fn accept_language_selects_the_localized_message_sent() -> TestResult {
    let server = TestServer::start().await?;
    let mut client = user_client(&server).await?;
    let get_missing = |languages: Option<&'static str>| {
        let mut request = tonic::Request::new(GetUserRequest {
            user_id: "u-404".into(),
        });
        if let Some(languages) = languages {
            request
                .metadata_mut()
                .insert(grpc_errors::ACCEPT_LANGUAGE, languages.parse().unwrap());
        }
        request
    };

    let status = client
        .get_user(get_missing(Some("fr-CA, de-AT;q=0.8, zh;q=0.5")))
        .await
        .unwrap_err();
    let error = from_status(&status);
    assert!(error.is(&user_error_not_found("anyone")));
    assert_eq!(
        error.message(),
        "user u-404 not found",
        "message stays as declared"
    );
    assert_eq!(
        error.localized(),
        Some(grpc_errors::LocalizedMessage {
            locale: "de".into(),
            message: "Benutzer u-404 nicht gefunden".into(),
        })
    );

    let unserved = client.get_user(get_missing(Some("fr"))).await.unwrap_err();
    assert_eq!(from_status(&unserved).localized(), None);
    let unasked = client.get_user(get_missing(None)).await.unwrap_err();
    assert_eq!(from_status(&unasked).localized(), None);
    server.shutdown().await
}

#[tokio::test]
async fn client_streaming_error_keeps_extra_metadata() -> TestResult {
    let server = TestServer::start().await?;
    let mut client = user_client(&server).await?;
    let users = [
        User {
            name: "Grace".into(),
            email: "grace@example.com".into(),
            ..Default::default()
        },
        User {
            name: "Ada again".into(),
            email: "ada@example.com".into(),
            ..Default::default()
        },
    ];
    let requests = tokio_stream::iter(users.map(|user| ImportUsersRequest { user: Some(user) }));
    let status = client.import_users(requests).await.unwrap_err();
    let error = from_status(&status);
    assert!(error.is(&user_error_email_taken()));
    assert_eq!(error.code(), Code::AlreadyExists);
    assert_eq!(
        error.message(),
        "USER_ERROR_EMAIL_TAKEN",
        "no @msg: the value name, as ego does"
    );
    assert_eq!(
        error.metadata().get("email").map(String::as_str),
        Some("ada@example.com")
    );
    server.shutdown().await
}

#[tokio::test]
async fn bidi_stream_error_arrives_after_good_replies() -> TestResult {
    let server = TestServer::start().await?;
    let mut client = user_client(&server).await?;
    let changes = [
        SyncUsersRequest {
            user: Some(User {
                user_id: "u-1".into(),
                name: "Ada L.".into(),
                ..Default::default()
            }),
        },
        SyncUsersRequest {
            user: Some(User {
                user_id: "u-9".into(),
                name: "Nobody".into(),
                ..Default::default()
            }),
        },
    ];
    let mut replies = client
        .sync_users(tokio_stream::iter(changes))
        .await?
        .into_inner();
    let first = replies.next().await.ok_or("no first reply")??;
    assert_eq!(first.user.map(|u| u.name).as_deref(), Some("Ada L."));
    let status = replies.next().await.ok_or("no second reply")?.unwrap_err();
    let error = from_status(&status);
    assert!(error.is(&user_error_not_found("u-9")));
    assert_eq!(error.metadata()["user_id"], "u-9");
    server.shutdown().await
}

#[tokio::test]
async fn option_declared_and_nested_errors_round_trip() -> TestResult {
    let server = TestServer::start().await?;
    let mut client = OrderServiceClient::connect(server.url()).await?;

    let status = client
        .place_order(PlaceOrderRequest {
            sku: "book".into(),
            quantity: 9,
        })
        .await
        .unwrap_err();
    let error = from_status(&status);
    assert!(error.is(&order_error_out_of_stock(0, "x")));
    assert_eq!(error.code(), Code::ResourceExhausted);
    assert_eq!(error.http_status(), 429);
    assert_eq!(error.message(), "only 5 of book left");
    assert_eq!(error.metadata()["available"], "5");
    assert_eq!(error.metadata()["sku"], "book");
    assert_eq!(
        OrderErrorKind::from_error(&error),
        Some(OrderErrorKind::OutOfStock)
    );
    assert_eq!(PaymentErrorKind::from_error(&error), None);

    let status = client
        .place_order(PlaceOrderRequest {
            sku: "card-declined".into(),
            quantity: 1,
        })
        .await
        .unwrap_err();
    let error = from_status(&status);
    assert!(error.is(&payment_error_card_declined("0000")));
    assert_eq!(error.reason(), "acme.order.v1.Payment.ERROR_CARD_DECLINED");
    assert_eq!(error.code(), Code::FailedPrecondition);
    assert_eq!(error.message(), "card ending in 4242 was declined");
    assert_eq!(
        PaymentErrorKind::from_error(&error),
        Some(PaymentErrorKind::CardDeclined)
    );

    let placed = client
        .place_order(PlaceOrderRequest {
            sku: "book".into(),
            quantity: 2,
        })
        .await?
        .into_inner();
    let id = placed.order.ok_or("no order")?.order_id;
    let got = client
        .get_order(GetOrderRequest {
            order_id: id.clone(),
        })
        .await?
        .into_inner();
    assert_eq!(got.order.map(|o| o.quantity), Some(2));
    let status = client
        .get_order(GetOrderRequest {
            order_id: "o-missing".into(),
        })
        .await
        .unwrap_err();
    assert!(from_status(&status).is(&order_error_not_found("o-missing")));
    assert_eq!(
        from_status(&status).localized_message("zh").as_deref(),
        Some("订单 o-missing 不存在")
    );
    server.shutdown().await
}

#[tokio::test]
async fn plain_statuses_have_no_reason_and_match_nothing() -> TestResult {
    let server = TestServer::start().await?;
    // A method the server does not serve: tonic answers UNIMPLEMENTED, no details.
    let channel = tonic::transport::Endpoint::from_shared(server.url())?
        .connect()
        .await?;
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready().await?;
    let path = tonic::codegen::http::uri::PathAndQuery::from_static(
        "/acme.user.v1.UserService/NoSuchMethod",
    );
    let status = grpc
        .unary::<GetUserRequest, GetUserResponse, _>(
            tonic::Request::new(GetUserRequest::default()),
            path,
            tonic_prost::ProstCodec::default(),
        )
        .await
        .unwrap_err();
    let error = from_status(&status);
    assert_eq!(error.code(), Code::Unimplemented);
    assert_eq!(error.reason(), "");
    assert!(!error.is(&user_error_not_found("x")));
    assert!(
        !error.is(&from_status(&status)),
        "reason-less errors never match each other"
    );
    server.shutdown().await
}

#[tokio::test]
async fn from_error_finds_the_status_inside_an_application_error() -> TestResult {
    #[derive(Debug)]
    struct LoadProfile(tonic::Status);
    impl std::fmt::Display for LoadProfile {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("loading the profile failed")
        }
    }
    impl std::error::Error for LoadProfile {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    let server = TestServer::start().await?;
    let mut client = user_client(&server).await?;
    let failure: Box<dyn std::error::Error + Send + Sync> = Box::new(LoadProfile(
        client
            .get_user(GetUserRequest {
                user_id: "u-7".into(),
            })
            .await
            .unwrap_err(),
    ));
    let error = from_error(failure.as_ref());
    assert!(error.is(&user_error_not_found("u-7")));
    assert_eq!(error.metadata()["user_id"], "u-7");
    server.shutdown().await
}

#[test]
fn every_generated_error_is_registered_once() {
    let reasons: Vec<&str> = grpc_errors::registry::all()
        .iter()
        .map(|d| d.reason)
        .collect();
    for expected in [
        "acme.user.v1.USER_ERROR_NOT_FOUND",
        "acme.user.v1.USER_ERROR_EMAIL_TAKEN",
        "acme.user.v1.USER_ERROR_PASSWORD_MISMATCH",
        "acme.user.v1.USER_ERROR_STORAGE_FAILURE",
        "acme.order.v1.ORDER_ERROR_NOT_FOUND",
        "acme.order.v1.ORDER_ERROR_OUT_OF_STOCK",
        "acme.order.v1.ORDER_ERROR_ALREADY_PAID",
        "acme.order.v1.Payment.ERROR_CARD_DECLINED",
        "acme.order.v1.Payment.ERROR_PROVIDER_UNAVAILABLE",
    ] {
        assert!(
            reasons.contains(&expected),
            "{expected} not registered: {reasons:?}"
        );
    }
    assert!(
        !reasons.iter().any(|r| r.ends_with("_UNSPECIFIED")),
        "zero values are not errors"
    );
    assert!(grpc_errors::registry::duplicates().is_empty());
    assert_eq!(
        user_error_storage_failure().code(),
        Code::Internal,
        "@default_code applies"
    );
    assert_eq!(UserErrorKind::StorageFailure.definition().number, 4);
    assert_eq!(
        OrderErrorKind::AlreadyPaid.definition().code,
        Code::FailedPrecondition,
        "option default_code applies"
    );
}
