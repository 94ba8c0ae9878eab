//! An in-memory `acme.order.v1.OrderService`: stock, orders and payments,
//! failing with errors declared through custom options and a nested enum.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use tonic::{Request, Response, Status};

use crate::acme::order::v1::errors::*;
use crate::acme::order::v1::order_service_server::OrderService;
use crate::acme::order::v1::*;

#[derive(Debug, Default)]
struct State {
    stock: BTreeMap<String, i32>,
    orders: BTreeMap<String, Order>,
}

/// Orders and stock. A SKU starting with `card-declined` fails payment, so
/// the nested `Payment.Error` enum has a path to the wire too.
#[derive(Debug, Default, Clone)]
pub struct Orders {
    state: Arc<Mutex<State>>,
}

impl Orders {
    pub fn with_stock(stock: impl IntoIterator<Item = (&'static str, i32)>) -> Self {
        let orders = Orders::default();
        orders.lock().stock = stock
            .into_iter()
            .map(|(sku, n)| (sku.to_owned(), n))
            .collect();
        orders
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[tonic::async_trait]
impl OrderService for Orders {
    async fn get_order(
        &self,
        request: Request<GetOrderRequest>,
    ) -> Result<Response<GetOrderResponse>, Status> {
        let id = request.into_inner().order_id;
        let state = self.lock();
        let order = state
            .orders
            .get(&id)
            .cloned()
            .ok_or_else(|| order_error_not_found(&id))?;
        Ok(Response::new(GetOrderResponse { order: Some(order) }))
    }

    async fn place_order(
        &self,
        request: Request<PlaceOrderRequest>,
    ) -> Result<Response<PlaceOrderResponse>, Status> {
        let PlaceOrderRequest { sku, quantity } = request.into_inner();
        if sku.starts_with("card-declined") {
            return Err(payment_error_card_declined("4242").into());
        }
        let mut state = self.lock();
        let available = state.stock.get(&sku).copied().unwrap_or(0);
        if available < quantity {
            return Err(order_error_out_of_stock(available, &sku).into());
        }
        state.stock.insert(sku.clone(), available - quantity);
        let order = Order {
            order_id: format!("o-{}", state.orders.len() + 1),
            sku,
            quantity,
            payment: Some(Payment {
                amount_cents: i64::from(quantity) * 1_000,
                paid: true,
            }),
        };
        state.orders.insert(order.order_id.clone(), order.clone());
        Ok(Response::new(PlaceOrderResponse { order: Some(order) }))
    }
}
