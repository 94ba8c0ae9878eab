//! Builds the services that `order_test.rs` calls. Written once by protoc-gen-test
//! and yours from then on: construct each service as your program does, with
//! whatever it needs (a database, configuration, fakes), and add layers or
//! interceptors to the router. Regenerating only appends functions for new services.

use tonic::transport::Server;
use tonic::transport::server::Router;

use crate::acme::order::v1::*;

/// Builds the `acme.order.v1.OrderService` under test.
pub(super) fn order_service() -> Router {
    let service = order_service_server::OrderServiceServer::new(TodoOrderService);
    Server::builder().add_service(service)
}

/// Stands in for your `OrderService` until `order_service` builds the real one:
/// every method answers UNIMPLEMENTED.
struct TodoOrderService;

#[tonic::async_trait]
impl order_service_server::OrderService for TodoOrderService {
    async fn get_order(
        &self,
        _request: tonic::Request<GetOrderRequest>,
    ) -> Result<tonic::Response<GetOrderResponse>, tonic::Status> {
        Err(tonic::Status::unimplemented("see order_setup.rs"))
    }

    async fn place_order(
        &self,
        _request: tonic::Request<PlaceOrderRequest>,
    ) -> Result<tonic::Response<PlaceOrderResponse>, tonic::Status> {
        Err(tonic::Status::unimplemented("see order_setup.rs"))
    }
}
