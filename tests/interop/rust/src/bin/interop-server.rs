//! The Rust server of the interop matrix: binds 127.0.0.1:0, prints
//! `listening 127.0.0.1:PORT`, answers every Raise with the error it asks for,
//! and stops on SIGTERM or when its stdin closes.

use std::io::Write as _;

use protosmith_interop::protosmith::interop::v1::interop_server::{Interop, InteropServer};
use protosmith_interop::raise;
use tokio::io::AsyncReadExt as _;
use tonic::{Request, Response, Status};

struct Service;

#[tonic::async_trait]
impl Interop for Service {
    async fn raise(&self, request: Request<String>) -> Result<Response<String>, Status> {
        let metadata = request.metadata().clone();
        let body: serde_json::Value = serde_json::from_str(request.get_ref())
            .map_err(|e| Status::internal(format!("interop server: unreadable JSON: {e}")))?;
        let error = raise(&body).map_err(|e| Status::internal(format!("interop server: {e}")))?;
        Err(error.with_locale_from(&metadata).into())
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    println!("listening {address}");
    std::io::stdout().flush()?;
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    let stop = async {
        let mut sigterm =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        let mut stdin = tokio::io::stdin();
        let mut buffer = [0u8; 64];
        let stdin_closed =
            async { while matches!(stdin.read(&mut buffer).await, Ok(n) if n > 0) {} };
        tokio::select! {
            () = stdin_closed => {}
            _ = async { match sigterm.as_mut() { Some(s) => s.recv().await, None => std::future::pending().await } } => {}
        }
    };
    tonic::transport::Server::builder()
        .add_service(InteropServer::new(Service))
        .serve_with_incoming_shutdown(incoming, stop)
        .await?;
    // Not a return: tokio would wait for its blocking stdin reader, which
    // waits for a line that may never come.
    std::process::exit(0)
}
