//! Serving the example services on a real TCP socket on 127.0.0.1.

use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_stream::wrappers::TcpListenerStream;

use crate::acme::order::v1::order_service_server::OrderServiceServer;
use crate::acme::user::v1::User;
use crate::acme::user::v1::user_service_server::UserServiceServer;
use crate::order_service::Orders;
use crate::user_service::Users;

/// A running server; dropping it without [`TestServer::shutdown`] aborts it.
#[derive(Debug)]
pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), tonic::transport::Error>>,
}

impl TestServer {
    /// Both example services on an ephemeral port, with one known user
    /// (`u-1`, ada@example.com) and 5 items of SKU `book`.
    pub async fn start() -> std::io::Result<TestServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let users = Users::with([User {
            user_id: "u-1".into(),
            name: "Ada".into(),
            email: "ada@example.com".into(),
        }]);
        let orders = Orders::with_stock([("book", 5)]);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(
            tonic::transport::Server::builder()
                .add_service(UserServiceServer::new(users))
                .add_service(OrderServiceServer::new(orders))
                .serve_with_incoming_shutdown(TcpListenerStream::new(listener), async {
                    let _ = stopped.await;
                }),
        );
        Ok(TestServer {
            addr,
            stop: Some(stop),
            task,
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets open calls finish, and reports a serve error if any.
    pub async fn shutdown(mut self) -> Result<(), Box<dyn std::error::Error>> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.task).await??;
        Ok(())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
