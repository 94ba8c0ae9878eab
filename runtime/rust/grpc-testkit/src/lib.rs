//! Testing tonic services in memory, the way grpc-go's bufconn does it: real
//! HTTP/2, the real codec, the real interceptors and layers, and no sockets.
//!
//! [`MemoryServer`] serves a tonic [`Router`](tonic::transport::server::Router)
//! over in-process duplex pipes; every [`MemoryServer::channel`] dials a new
//! connection. [`table`] runs table-driven cases (the tests protoc-gen-test
//! generates) over it for the four method shapes, comparing responses by
//! value with a readable diff and errors by reason with
//! [`grpc_errors::Error::is`].

mod diff;
mod memconn;
pub mod table;

pub use memconn::{MemoryServer, Serve};
pub use table::{Case, Want};
