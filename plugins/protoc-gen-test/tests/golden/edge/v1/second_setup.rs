//! Builds the services that `second_test.rs` calls. Written once by protoc-gen-test
//! and yours from then on: construct each service as your program does, with
//! whatever it needs (a database, configuration, fakes), and add layers or
//! interceptors to the router. Regenerating only appends functions for new services.

use tonic::transport::Server;
use tonic::transport::server::Router;

use crate::edge::v1::*;

/// Builds the `edge.v1.Gamma` under test.
pub(super) fn gamma() -> Router {
    let service = gamma_server::GammaServer::new(TodoGamma);
    Server::builder().add_service(service)
}

/// Stands in for your `Gamma` until `gamma` builds the real one:
/// every method answers UNIMPLEMENTED.
struct TodoGamma;

#[tonic::async_trait]
impl gamma_server::Gamma for TodoGamma {
    type GetStream = tonic::Streaming<Outer>;

    async fn get(
        &self,
        _request: tonic::Request<Outer>,
    ) -> Result<tonic::Response<Self::GetStream>, tonic::Status> {
        Err(tonic::Status::unimplemented("see second_setup.rs"))
    }

    async fn r#match(
        &self,
        _request: tonic::Request<tonic::Streaming<Outer>>,
    ) -> Result<tonic::Response<Outer>, tonic::Status> {
        Err(tonic::Status::unimplemented("see second_setup.rs"))
    }

    type LoopStream = tonic::Streaming<outer::Inner>;

    async fn r#loop(
        &self,
        _request: tonic::Request<tonic::Streaming<outer::Inner>>,
    ) -> Result<tonic::Response<Self::LoopStream>, tonic::Status> {
        Err(tonic::Status::unimplemented("see second_setup.rs"))
    }
}
