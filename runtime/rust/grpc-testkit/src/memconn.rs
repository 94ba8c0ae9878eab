//! The in-memory transport.

use std::io;

use hyper_util::rt::TokioIo;
use tokio::io::DuplexStream;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_stream::wrappers::UnboundedReceiverStream;
use tonic::body::Body;
use tonic::codegen::http::{Request, Response};
use tonic::codegen::{Bytes, Service};
use tonic::service::Routes;
use tonic::transport::server::Router;
use tonic::transport::{Channel, Endpoint, Uri};
use tower::Layer;

type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// The server side of each pipe a client dials.
type Incoming = UnboundedReceiverStream<io::Result<DuplexStream>>;
type Stopped = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;
type Serving = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<(), tonic::transport::Error>> + Send>,
>;

/// Buffer of each in-memory pipe; like a socket's, it only bounds how much is
/// in flight, not what can be sent.
const PIPE_BUFFER: usize = 64 * 1024;

/// A tonic server listening on in-memory pipes instead of a port.
#[derive(Debug)]
pub struct MemoryServer {
    dial: mpsc::UnboundedSender<io::Result<DuplexStream>>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), tonic::transport::Error>>,
}

impl MemoryServer {
    /// Serves `router` (a tonic `Router`, with whatever layers
    /// `Server::builder().layer(..)` gave it) on a background task of the
    /// current tokio runtime.
    pub fn serve(router: impl Serve) -> MemoryServer {
        router.serve_in_memory()
    }

    fn start(serving: impl FnOnce(Incoming, Stopped) -> Serving) -> MemoryServer {
        let (dial, incoming) = mpsc::unbounded_channel();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serving(
            UnboundedReceiverStream::new(incoming),
            Box::pin(async {
                let _ = stopped.await;
            }),
        ));
        MemoryServer {
            dial,
            stop: Some(stop),
            task,
        }
    }

    /// A client channel to the server. Each connection the channel makes
    /// (including reconnections) is a new pipe, as each Dial is with bufconn.
    pub async fn channel(&self) -> Result<Channel, tonic::transport::Error> {
        let dial = self.dial.clone();
        // The address is never resolved: the connector ignores it.
        Endpoint::from_static("http://in-memory.invalid")
            .connect_with_connector(tower::service_fn(move |_: Uri| {
                let (client, server) = tokio::io::duplex(PIPE_BUFFER);
                let accepted = dial
                    .send(Ok(server))
                    .map_err(|_| io::Error::other("the in-memory server has stopped"));
                async move { accepted.map(|()| TokioIo::new(client)) }
            }))
            .await
    }

    /// Stops accepting, lets calls in flight finish, and returns the server's own error, if any.
    pub async fn shutdown(mut self) -> Result<(), tonic::transport::Error> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match (&mut self.task).await {
            Ok(result) => result,
            Err(join) => std::panic::resume_unwind(join.into_panic()),
        }
    }
}

impl Drop for MemoryServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Something [`MemoryServer`] can serve: a tonic `Router`, layered or not.
/// The table runners take any of these, so a setup function may return a
/// router built with `Server::builder().layer(..)`.
pub trait Serve {
    fn serve_in_memory(self) -> MemoryServer;
}

impl<L, ResBody> Serve for Router<L>
where
    L: Layer<Routes> + Send + 'static,
    L::Service: Service<Request<Body>, Response = Response<ResBody>> + Clone + Send + 'static,
    <L::Service as Service<Request<Body>>>::Future: Send,
    <L::Service as Service<Request<Body>>>::Error: Into<BoxError> + Send,
    ResBody: tonic::codegen::Body<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<BoxError>,
{
    fn serve_in_memory(self) -> MemoryServer {
        MemoryServer::start(|incoming, stopped| {
            Box::pin(self.serve_with_incoming_shutdown(incoming, stopped))
        })
    }
}
