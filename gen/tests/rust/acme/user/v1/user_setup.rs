//! Builds the services that `user_test.rs` calls. Written once by protoc-gen-test
//! and yours from then on: construct each service as your program does, with
//! whatever it needs (a database, configuration, fakes), and add layers or
//! interceptors to the router. Regenerating only appends functions for new services.

use tonic::transport::Server;
use tonic::transport::server::Router;

use crate::acme::user::v1::*;
use crate::user_service::Users;

/// Builds the `acme.user.v1.UserService` under test: the in-memory store,
/// holding Ada (`u-1`).
pub(super) fn user_service() -> Router {
    let users = Users::with([ada()]);
    let service = user_service_server::UserServiceServer::new(users);
    Server::builder().add_service(service)
}

/// The one user every table starts with.
pub(super) fn ada() -> User {
    User {
        user_id: "u-1".into(),
        name: "Ada".into(),
        email: "ada@example.com".into(),
    }
}
