//! Builds the services that `order_test.rs` calls. Written once by protoc-gen-test
//! and yours from then on: construct each service as your program does, with
//! whatever it needs (a database, configuration, fakes), and add layers or
//! interceptors to the router. Regenerating only appends functions for new services.

use tonic::transport::Server;
use tonic::transport::server::Router;

use crate::acme::order::v1::*;
use crate::order_service::Orders;

/// Builds the `acme.order.v1.OrderService` under test, with 5 books in stock.
pub(super) fn order_service() -> Router {
    let orders = Orders::with_stock([("book", 5)]);
    let service = order_service_server::OrderServiceServer::new(orders);
    Server::builder().add_service(service)
}
