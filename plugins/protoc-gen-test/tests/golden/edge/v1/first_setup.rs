//! Builds the services that `first_test.rs` calls. Written once by protoc-gen-test
//! and yours from then on: construct each service as your program does, with
//! whatever it needs (a database, configuration, fakes), and add layers or
//! interceptors to the router. Regenerating only appends functions for new services.

use tonic::transport::Server;
use tonic::transport::server::Router;

use crate::edge::v1::*;

/// Builds the `edge.v1.Alpha` under test.
pub(super) fn alpha() -> Router {
    let service = alpha_server::AlphaServer::new(TodoAlpha);
    Server::builder().add_service(service)
}

/// Stands in for your `Alpha` until `alpha` builds the real one:
/// every method answers UNIMPLEMENTED.
struct TodoAlpha;

#[tonic::async_trait]
impl alpha_server::Alpha for TodoAlpha {
    async fn get(
        &self,
        _request: tonic::Request<outer::Inner>,
    ) -> Result<tonic::Response<()>, tonic::Status> {
        Err(tonic::Status::unimplemented("see first_setup.rs"))
    }

    async fn r#type(
        &self,
        _request: tonic::Request<()>,
    ) -> Result<tonic::Response<crate::acme::user::v1::User>, tonic::Status> {
        Err(tonic::Status::unimplemented("see first_setup.rs"))
    }
}

/// Builds the `edge.v1.Beta` under test.
pub(super) fn beta() -> Router {
    let service = beta_server::BetaServer::new(TodoBeta);
    Server::builder().add_service(service)
}

/// Stands in for your `Beta` until `beta` builds the real one:
/// every method answers UNIMPLEMENTED.
struct TodoBeta;

#[tonic::async_trait]
impl beta_server::Beta for TodoBeta {
    async fn get(
        &self,
        _request: tonic::Request<Outer>,
    ) -> Result<tonic::Response<Outer>, tonic::Status> {
        Err(tonic::Status::unimplemented("see first_setup.rs"))
    }
}
