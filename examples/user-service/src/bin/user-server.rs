//! The example service as a program, for consumers in other languages (the
//! package tests of every language call it): serves a directory holding
//! user `u-1` (Ada) on 127.0.0.1, on the port given as the first argument
//! or an ephemeral one, and prints `listening 127.0.0.1:PORT` as its first
//! line. It stops when its stdin closes, so a test that dies cannot leave it
//! running.

use std::io::{Read, Write};

use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::transport::Server;
use user_service::Directory;
use user_service::acme::user::v1::User;
use user_service::acme::user::v1::user_service_server::UserServiceServer;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = match std::env::args().nth(1) {
        Some(port) => port
            .parse()
            .map_err(|e| format!("user-server [PORT]: {port:?} is not a port number: {e}"))?,
        None => 0,
    };
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening {}", listener.local_addr()?)?;
        stdout.flush()?;
    }
    let directory = Directory::with([User {
        user_id: "u-1".into(),
        name: "Ada".into(),
        email: "ada@example.com".into(),
    }]);
    let stdin_closed = tokio::task::spawn_blocking(|| {
        let mut sink = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut sink);
    });
    Server::builder()
        .add_service(UserServiceServer::new(directory))
        .serve_with_incoming_shutdown(TcpListenerStream::new(listener), async {
            let _ = stdin_closed.await;
        })
        .await?;
    Ok(())
}
