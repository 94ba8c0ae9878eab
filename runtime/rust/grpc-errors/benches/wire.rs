//! The runtime's cost on the wire path, next to the floor of decoding the
//! same bytes with tonic-types alone.
//!
//!   cargo bench -p grpc-errors --bench wire

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use grpc_errors::{Code, ErrorDef, from_status};
use tonic_types::StatusExt;

static DEFS: [ErrorDef; 1] = [ErrorDef {
    code: Code::NotFound,
    reason: "acme.user.v1.USER_ERROR_NOT_FOUND",
    domain: "",
    message: "user {user_id} not found",
    placeholders: &["user_id"],
    i18n: &[("zh", "用户 {user_id} 不存在")],
    proto_name: "acme.user.v1.USER_ERROR_NOT_FOUND",
    number: 1,
}];
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
        b.iter(|| black_box(&decoded).is(black_box(&error)))
    });
    group.finish();
}

criterion_group!(benches, wire);
criterion_main!(benches);
