//! Builds the services that `user_test.rs` calls. Written once by protoc-gen-test
//! and yours from then on: construct each service as your program does, with
//! whatever it needs (a database, configuration, fakes), and add layers or
//! interceptors to the router. Regenerating only appends functions for new services.

use tonic::transport::Server;
use tonic::transport::server::Router;

use crate::acme::user::v1::*;

/// Builds the `acme.user.v1.UserService` under test.
pub(super) fn user_service() -> Router {
    let service = user_service_server::UserServiceServer::new(TodoUserService);
    Server::builder().add_service(service)
}

/// Stands in for your `UserService` until `user_service` builds the real one:
/// every method answers UNIMPLEMENTED.
struct TodoUserService;

#[tonic::async_trait]
impl user_service_server::UserService for TodoUserService {
    async fn get_user(
        &self,
        _request: tonic::Request<GetUserRequest>,
    ) -> Result<tonic::Response<GetUserResponse>, tonic::Status> {
        Err(tonic::Status::unimplemented("see user_setup.rs"))
    }

    type ListUsersStream = tonic::Streaming<ListUsersResponse>;

    async fn list_users(
        &self,
        _request: tonic::Request<ListUsersRequest>,
    ) -> Result<tonic::Response<Self::ListUsersStream>, tonic::Status> {
        Err(tonic::Status::unimplemented("see user_setup.rs"))
    }

    async fn import_users(
        &self,
        _request: tonic::Request<tonic::Streaming<ImportUsersRequest>>,
    ) -> Result<tonic::Response<ImportUsersResponse>, tonic::Status> {
        Err(tonic::Status::unimplemented("see user_setup.rs"))
    }

    type SyncUsersStream = tonic::Streaming<SyncUsersResponse>;

    async fn sync_users(
        &self,
        _request: tonic::Request<tonic::Streaming<SyncUsersRequest>>,
    ) -> Result<tonic::Response<Self::SyncUsersStream>, tonic::Status> {
        Err(tonic::Status::unimplemented("see user_setup.rs"))
    }
}
