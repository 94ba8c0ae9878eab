//! Builds the services that `deep_test.rs` calls. Written once by protoc-gen-test
//! and yours from then on: construct each service as your program does, with
//! whatever it needs (a database, configuration, fakes), and add layers or
//! interceptors to the router. Regenerating only appends functions for new services.

use tonic::transport::Server;
use tonic::transport::server::Router;

use crate::edge::v1::deep::*;

/// Builds the `edge.v1.deep.Alpha` under test.
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
        _request: tonic::Request<crate::edge::v1::Outer>,
    ) -> Result<tonic::Response<crate::edge::v1::outer::Inner>, tonic::Status> {
        Err(tonic::Status::unimplemented("see deep_setup.rs"))
    }
}
