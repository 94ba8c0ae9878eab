//! The example service on a real socket, called through the generated client:
//! the error the server returns is, on the client, the generated error.

use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::transport::Server;
use user_service::Directory;
use user_service::acme::user::v1::user_service_client::UserServiceClient;
use user_service::acme::user::v1::user_service_server::UserServiceServer;
use user_service::acme::user::v1::{
    GetUserRequest, ListUsersRequest, User, UserErrorKind, user_error_not_found,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Serves a directory holding user `u-1` on an ephemeral port of 127.0.0.1.
async fn serve() -> Result<String, std::io::Error> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let directory = Directory::with([User {
        user_id: "u-1".into(),
        name: "Ada".into(),
        email: "ada@example.com".into(),
    }]);
    tokio::spawn(
        Server::builder()
            .add_service(UserServiceServer::new(directory))
            .serve_with_incoming(TcpListenerStream::new(listener)),
    );
    Ok(url)
}

#[tokio::test]
async fn get_user_finds_a_known_user() -> TestResult {
    let mut client = UserServiceClient::connect(serve().await?).await?;
    let response = client
        .get_user(GetUserRequest {
            user_id: "u-1".into(),
        })
        .await?
        .into_inner();
    assert_eq!(response.user.map(|user| user.name).as_deref(), Some("Ada"));
    Ok(())
}

#[tokio::test]
async fn get_user_fails_with_the_generated_not_found_error() -> TestResult {
    let mut client = UserServiceClient::connect(serve().await?).await?;
    let status = client
        .get_user(GetUserRequest {
            user_id: "u-404".into(),
        })
        .await
        .unwrap_err();

    let error = grpc_errors::from_status(&status);
    assert!(error.is(&user_error_not_found("any id")), "got {error:?}");
    assert_eq!(
        UserErrorKind::from_error(&error),
        Some(UserErrorKind::NotFound)
    );
    assert_eq!(error.message(), "user u-404 not found");
    assert_eq!(
        error.metadata().get("user_id").map(String::as_str),
        Some("u-404")
    );
    assert_eq!(status.code(), tonic::Code::NotFound);
    Ok(())
}

#[tokio::test]
async fn methods_left_out_answer_unimplemented() -> TestResult {
    let mut client = UserServiceClient::connect(serve().await?).await?;
    let status = client
        .list_users(ListUsersRequest::default())
        .await
        .unwrap_err();
    assert_eq!(status.code(), tonic::Code::Unimplemented);
    Ok(())
}
