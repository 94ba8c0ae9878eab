//! The runtime's cost on the wire path, next to the floor of decoding the
//! same bytes with tonic-types alone.
//!
//!   cargo bench -p grpc-errors --bench wire
//!
//! CI runs each benchmark once, as a test that fails only on a panic (the
//! assertions below), never on time:
//!
//!   cargo bench -p grpc-errors --bench wire -- --test

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use grpc_errors::{Code, Error, ErrorDef, from_status};
use tonic_types::StatusExt;

static DEFS: [ErrorDef; 1] = [ErrorDef::new(
    Code::NotFound,
    "acme.user.v1.USER_ERROR_NOT_FOUND",
    "user {user_id} not found",
)
.with_placeholders(&["user_id"])
.with_i18n(&[("zh", "用户 {user_id} 不存在")])
.with_proto("acme.user.v1.USER_ERROR_NOT_FOUND", 1)];
grpc_errors::register!(DEFS);

fn wire(c: &mut Criterion) {
    let error = DEFS[0]
        .to_error()
        .with_args([("user_id", "u-42".to_owned())])
        .with_metadata("shard", "eu-1");
    let status: tonic::Status = error.clone().into();
    // Warm the registry's one-time index so the loop measures lookups only.
    assert!(from_status(&status).is(&error));

    let mut group = c.benchmark_group("wire");
    group.bench_function("encode Error into Status", |b| {
        b.iter(|| tonic::Status::from(black_box(&error).clone()))
    });
    group.bench_function("from_status (registered reason)", |b| {
        b.iter(|| from_status(black_box(&status)))
    });
    group.bench_function("floor: tonic-types get_error_details", |b| {
        b.iter(|| {
            black_box(&status)
                .get_error_details()
                .error_info()
                .map(|info| info.reason.len())
        })
    });
    group.bench_function("is (reason and domain)", |b| {
        let decoded = from_status(&status);
        assert!(decoded.is(&error));
        b.iter(|| black_box(&decoded).is(black_box(&error)))
    });
    group.bench_function("is (unregistered reason: string comparison)", |b| {
        let sent = Error::new(Code::Aborted, "billing.v1.PAYMENT_CONFLICT", "conflict")
            .with_domain("billing.example.com");
        let decoded = from_status(&sent.clone().into());
        assert!(decoded.is(&sent) && decoded.definition().is_none());
        b.iter(|| black_box(&decoded).is(black_box(&sent)))
    });
    group.finish();
}

criterion_group!(benches, wire);
criterion_main!(benches);
