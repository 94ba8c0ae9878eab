//! Table-driven cases over a [`MemoryServer`](crate::MemoryServer), for each of the four method
//! shapes. Every row runs, even after a failing one; the test then fails
//! once, listing every failing row.
//!
//! A row whose `want` is [`Want::Todo`] is not checked: it prints what the
//! service answered, ready to be pasted into the row. Set
//! `GRPC_TESTKIT_STRICT=1` (in CI, say) to make such rows fail instead.

use std::fmt::Debug;
use std::future::Future;

use tokio_stream::StreamExt;
use tonic::transport::Channel;
use tonic::{Response, Status, Streaming};

use crate::diff::{debug_diff, describe_error};
use crate::memconn::Serve;

/// One row of a table: a request and what the call should give back.
#[derive(Debug)]
pub struct Case<Req, Res> {
    /// Shown when the row fails.
    pub name: &'static str,
    /// The request, or for client-streaming and bidirectional methods the list of requests sent.
    pub request: Req,
    /// What the call should give back.
    pub want: Want<Res>,
}

/// What a row expects.
#[derive(Debug)]
pub enum Want<Res> {
    /// This response (for streaming responses, every message, in order), compared by value.
    Ok(Res),
    /// An error with this error's reason and domain (see [`grpc_errors::Error::is`]).
    Err(grpc_errors::Error),
    /// Not filled in yet: the row prints what the service answered.
    Todo,
}

/// Runs unary cases.
pub async fn unary<Req, Res, F, Fut>(
    router: impl Serve,
    cases: impl IntoIterator<Item = Case<Req, Res>>,
    call: F,
) where
    Res: Debug + PartialEq,
    F: Fn(Channel, Req) -> Fut,
    Fut: Future<Output = Result<Response<Res>, Status>>,
{
    run(router, cases, |channel, request| {
        let response = call(channel, request);
        async move { response.await.map(Response::into_inner) }
    })
    .await;
}

/// Runs server-streaming cases; the whole stream is collected and compared as a list.
pub async fn server_streaming<Req, Res, F, Fut>(
    router: impl Serve,
    cases: impl IntoIterator<Item = Case<Req, Vec<Res>>>,
    call: F,
) where
    Res: Debug + PartialEq,
    F: Fn(Channel, Req) -> Fut,
    Fut: Future<Output = Result<Response<Streaming<Res>>, Status>>,
{
    run(router, cases, |channel, request| {
        let response = call(channel, request);
        async move { collect(response.await?).await }
    })
    .await;
}

/// Runs client-streaming cases; each row's list of requests is sent as the stream.
pub async fn client_streaming<Req, Res, F, Fut>(
    router: impl Serve,
    cases: impl IntoIterator<Item = Case<Vec<Req>, Res>>,
    call: F,
) where
    Res: Debug + PartialEq,
    F: Fn(Channel, tokio_stream::Iter<std::vec::IntoIter<Req>>) -> Fut,
    Fut: Future<Output = Result<Response<Res>, Status>>,
{
    run(router, cases, |channel, requests: Vec<Req>| {
        let response = call(channel, tokio_stream::iter(requests));
        async move { response.await.map(Response::into_inner) }
    })
    .await;
}

/// Runs bidirectional cases: each row's requests are sent, every reply collected.
pub async fn bidirectional<Req, Res, F, Fut>(
    router: impl Serve,
    cases: impl IntoIterator<Item = Case<Vec<Req>, Vec<Res>>>,
    call: F,
) where
    Res: Debug + PartialEq,
    F: Fn(Channel, tokio_stream::Iter<std::vec::IntoIter<Req>>) -> Fut,
    Fut: Future<Output = Result<Response<Streaming<Res>>, Status>>,
{
    run(router, cases, |channel, requests: Vec<Req>| {
        let response = call(channel, tokio_stream::iter(requests));
        async move { collect(response.await?).await }
    })
    .await;
}

async fn collect<Res>(response: Response<Streaming<Res>>) -> Result<Vec<Res>, Status> {
    let mut stream = response.into_inner();
    let mut items = Vec::new();
    while let Some(item) = stream.next().await {
        items.push(item?);
    }
    Ok(items)
}

async fn run<Req, Res, F, Fut>(
    router: impl Serve,
    cases: impl IntoIterator<Item = Case<Req, Res>>,
    call: F,
) where
    Res: Debug + PartialEq,
    F: Fn(Channel, Req) -> Fut,
    Fut: Future<Output = Result<Res, Status>>,
{
    let strict = std::env::var_os("GRPC_TESTKIT_STRICT").is_some_and(|v| v != "0" && !v.is_empty());
    let server = router.serve_in_memory();
    let mut failures = Vec::new();
    for case in cases {
        let channel = server
            .channel()
            .await
            .expect("dialing the in-memory server cannot fail while it runs");
        let got = call(channel, case.request).await;
        if let Some(problem) = check(&case.want, &got) {
            failures.push(format!("row \"{}\": {problem}", case.name));
        } else if matches!(case.want, Want::Todo) {
            let answered = match &got {
                Ok(response) => format!("Want::Ok({response:#?})"),
                Err(status) => format!(
                    "Want::Err(..) for {}",
                    describe_error(&grpc_errors::from_status(status))
                ),
            };
            let note = format!(
                "row \"{}\" has no `want` yet; the service answered:\n{answered}",
                case.name
            );
            if strict {
                failures.push(format!(
                    "{note}\n(GRPC_TESTKIT_STRICT is set: fill in every TODO row)"
                ));
            } else {
                eprintln!("TODO {note}");
            }
        }
    }
    if let Err(e) = server.shutdown().await {
        failures.push(format!("the in-memory server failed: {e}"));
    }
    assert!(
        failures.is_empty(),
        "{} row(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Why `got` does not satisfy `want`, if it does not.
fn check<Res: Debug + PartialEq>(want: &Want<Res>, got: &Result<Res, Status>) -> Option<String> {
    match (want, got) {
        (Want::Todo, _) => None,
        (Want::Ok(want), Ok(got)) if want == got => None,
        (Want::Ok(want), Ok(got)) => Some(format!("response differs\n{}", debug_diff(want, got))),
        (Want::Ok(_), Err(status)) => Some(format!(
            "wanted a response, got error {}",
            describe_error(&grpc_errors::from_status(status))
        )),
        (Want::Err(want), Ok(got)) => Some(format!(
            "wanted error {}, got response {got:#?}",
            describe_error(want)
        )),
        (Want::Err(want), Err(status)) => {
            let got = grpc_errors::from_status(status);
            (!got.is(want)).then(|| {
                format!(
                    "wanted error {}\n  got error {}",
                    describe_error(want),
                    describe_error(&got)
                )
            })
        }
    }
}
