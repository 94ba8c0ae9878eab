//! What a developer sees when a row of a generated test fails: every failing
//! row, by name, with a line diff for responses and code and reason for errors.

use std::future::Future;

use grpc_testkit::MemoryServer;
use grpc_testkit::table::{self, Case, Want};
use protosmith_tests::acme::user::v1::user_service_client::UserServiceClient;
use protosmith_tests::acme::user::v1::user_service_server::UserServiceServer;
use protosmith_tests::acme::user::v1::*;
use protosmith_tests::user_service::Users;
use tonic::transport::Server;
use tonic::transport::server::Router;

fn router() -> Router {
    let ada = User {
        user_id: "u-1".into(),
        name: "Ada".into(),
        email: "ada@example.com".into(),
    };
    Server::builder().add_service(UserServiceServer::new(Users::with([ada])))
}

/// Runs a table on its own task and returns its panic message, if it failed.
async fn failure_of(run: impl Future<Output = ()> + Send + 'static) -> Option<String> {
    let joined = tokio::spawn(run).await;
    joined.err().map(|e| {
        let panic = e.into_panic();
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    })
}

fn get_user_cases(
    want_name: &str,
    want_error: grpc_errors::Error,
) -> Vec<Case<GetUserRequest, GetUserResponse>> {
    vec![
        Case {
            name: "right",
            request: GetUserRequest {
                user_id: "u-1".into(),
            },
            want: Want::Ok(GetUserResponse {
                user: Some(User {
                    user_id: "u-1".into(),
                    name: "Ada".into(),
                    email: "ada@example.com".into(),
                }),
            }),
        },
        Case {
            name: "wrong name",
            request: GetUserRequest {
                user_id: "u-1".into(),
            },
            want: Want::Ok(GetUserResponse {
                user: Some(User {
                    user_id: "u-1".into(),
                    name: want_name.into(),
                    email: "ada@example.com".into(),
                }),
            }),
        },
        Case {
            name: "wrong error",
            request: GetUserRequest {
                user_id: "u-404".into(),
            },
            want: Want::Err(want_error),
        },
        Case {
            name: "wanted an error",
            request: GetUserRequest {
                user_id: "u-1".into(),
            },
            want: Want::Err(user_error_not_found("u-1")),
        },
    ]
}

#[tokio::test]
async fn every_failing_row_is_reported_with_a_diff() {
    let cases = get_user_cases("Grace", user_error_email_taken());
    let message = failure_of(table::unary(
        router(),
        cases,
        |channel, request| async move { UserServiceClient::new(channel).get_user(request).await },
    ))
    .await
    .expect("the table must fail");

    assert!(message.starts_with("3 row(s) failed:"), "{message}");
    assert!(!message.contains("row \"right\""));
    assert!(
        message.contains("row \"wrong name\": response differs\n--- want\n+++ got\n"),
        "{message}"
    );
    assert!(
        message.contains("-            name: \"Grace\",\n+            name: \"Ada\","),
        "{message}"
    );
    assert!(
        message.contains(
            "row \"wrong error\": wanted error ALREADY_EXISTS (reason acme.user.v1.USER_ERROR_EMAIL_TAKEN): \
             USER_ERROR_EMAIL_TAKEN\n  got error NOT_FOUND (reason acme.user.v1.USER_ERROR_NOT_FOUND): user u-404 not found"
        ),
        "{message}"
    );
    assert!(
        message.contains("row \"wanted an error\": wanted error NOT_FOUND (reason acme.user.v1.USER_ERROR_NOT_FOUND)"),
        "{message}"
    );
}

#[tokio::test]
async fn matching_rows_pass() {
    let cases = get_user_cases("Ada", user_error_not_found("any id"))
        .into_iter()
        .take(3);
    let outcome = failure_of(table::unary(
        router(),
        cases,
        |channel, request| async move { UserServiceClient::new(channel).get_user(request).await },
    ))
    .await;
    assert_eq!(outcome, None);
}

#[tokio::test]
async fn several_clients_dial_one_memory_server() -> Result<(), Box<dyn std::error::Error>> {
    let server = MemoryServer::serve(router());
    let mut first = UserServiceClient::new(server.channel().await?);
    let mut second = UserServiceClient::new(server.channel().await?);
    let (a, b) = tokio::join!(
        first.get_user(GetUserRequest {
            user_id: "u-1".into()
        }),
        second.get_user(GetUserRequest {
            user_id: "u-2".into()
        }),
    );
    assert_eq!(a?.into_inner().user.map(|u| u.name).as_deref(), Some("Ada"));
    assert!(grpc_errors::from_status(&b.unwrap_err()).is(&user_error_not_found("u-2")));
    server.shutdown().await?;
    Ok(())
}

#[tokio::test]
async fn layers_and_interceptors_run_in_memory() {
    fn require_token(request: tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> {
        match request.metadata().get("authorization") {
            Some(_) => Ok(request),
            None => Err(tonic::Status::unauthenticated("no token")),
        }
    }
    let router = Server::builder()
        .layer(tonic::service::InterceptorLayer::new(require_token))
        .add_service(UserServiceServer::new(Users::default()));
    let cases = [Case {
        name: "no token",
        request: GetUserRequest {
            user_id: "u-1".into(),
        },
        want: Want::Ok(GetUserResponse::default()),
    }];
    let message = failure_of(table::unary(router, cases, |channel, request| async move {
        UserServiceClient::new(channel).get_user(request).await
    }))
    .await
    .expect("the interceptor rejects the call");
    assert!(
        message.contains(
            "row \"no token\": wanted a response, got error UNAUTHENTICATED (no reason): no token"
        ),
        "{message}"
    );
}

/// A table with one TODO row: passes, printing what the service answered.
#[tokio::test]
async fn todo_row_probe() {
    let cases = [Case {
        name: "TODO",
        request: GetUserRequest {
            user_id: "u-1".into(),
        },
        want: Want::Todo,
    }];
    table::unary(router(), cases, |channel, request| async move {
        UserServiceClient::new(channel).get_user(request).await
    })
    .await;
}

#[test]
fn strict_mode_fails_todo_rows() {
    // The variable is read by the runner; setting it in this process would
    // race with the other tests, so the probe runs in a child process.
    let run = |strict: bool| {
        let mut command = std::process::Command::new(std::env::current_exe().unwrap());
        command.args([
            "--exact",
            "todo_row_probe",
            "--nocapture",
            "--test-threads=1",
        ]);
        if strict {
            command.env("GRPC_TESTKIT_STRICT", "1");
        } else {
            command.env_remove("GRPC_TESTKIT_STRICT");
        }
        command.output().unwrap()
    };
    let relaxed = run(false);
    assert!(relaxed.status.success());
    let printed = String::from_utf8_lossy(&relaxed.stderr);
    assert!(
        printed.contains(
            "TODO row \"TODO\" has no `want` yet; the service answered:\nWant::Ok(GetUserResponse {"
        ),
        "{printed}"
    );

    let strict = run(true);
    assert!(
        !strict.status.success(),
        "a TODO row fails under GRPC_TESTKIT_STRICT"
    );
    let printed = String::from_utf8_lossy(&strict.stderr);
    assert!(
        printed.contains("(GRPC_TESTKIT_STRICT is set: fill in every TODO row)"),
        "{printed}"
    );
}
