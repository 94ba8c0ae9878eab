//! The promise to generated crates: code protoc-gen-errors wrote compiles,
//! warning-free, against this runtime and behaves as generated code must.
//!
//! `live` is the golden output in gen/errors/rust (what the generator writes
//! today, regenerated with `UPDATE_GOLDEN=1 cargo test -p protosmith-tests
//! --test golden`). `frozen_0_1_0` is that output as protoc-gen-errors 0.1.0
//! wrote it, never regenerated: a crate generated and published then depends
//! on a runtime version range, so every later runtime of the same major
//! version must still compile it. When a generator release changes its
//! output, add its frozen copy here beside the older ones.
//!
//! Only the runtime's stable surface may appear in generated code:
//! `ErrorDef::new` and its `with_*` methods, `ErrorDef::{to_error, matches}`,
//! `Error::with_args`, `Code`'s variants and `register!`.
#![deny(warnings)]
#![allow(dead_code)] // the modules' items are reached only by the tests below

use grpc_errors::{Code, from_status, registry};

mod live {
    pub mod user {
        include!("../../../../gen/errors/rust/acme/user/v1/errors.errors.rs");
    }
    pub mod order {
        include!("../../../../gen/errors/rust/acme/order/v1/order.errors.rs");
    }
}

mod frozen_0_1_0 {
    pub mod user {
        include!("generated/protoc-gen-errors-0.1.0/acme/user/v1/errors.errors.rs");
    }
    pub mod order {
        include!("generated/protoc-gen-errors-0.1.0/acme/order/v1/order.errors.rs");
    }
}

macro_rules! behaves_as_generated_code_must {
    ($test:ident, $module:ident) => {
        #[test]
        fn $test() {
            use $module::order::{OrderErrorKind, order_error_out_of_stock};
            use $module::user::{UserErrorKind, user_error_not_found};

            let error = user_error_not_found("u-404");
            assert_eq!(error.code(), Code::NotFound);
            assert_eq!(error.reason(), "acme.user.v1.USER_ERROR_NOT_FOUND");
            assert_eq!(error.message(), "user u-404 not found");
            assert_eq!(error.metadata()["user_id"], "u-404");
            assert_eq!(
                error.localized_message("de").as_deref(),
                Some("Benutzer u-404 nicht gefunden")
            );
            let definition = UserErrorKind::NotFound.definition();
            assert_eq!(definition.proto_name, "acme.user.v1.USER_ERROR_NOT_FOUND");
            assert_eq!(definition.number, 1);
            assert_eq!(definition.placeholders, ["user_id"]);

            // Registered: a decoded error finds its definition and kind.
            let received = from_status(&error.into());
            assert_eq!(
                UserErrorKind::from_error(&received),
                Some(UserErrorKind::NotFound)
            );
            assert!(received.is(&user_error_not_found("")));
            assert!(registry::all().contains(&definition));

            let stock = order_error_out_of_stock(3, "sku-1");
            assert_eq!(
                OrderErrorKind::from_error(&stock),
                Some(OrderErrorKind::OutOfStock)
            );
            assert!(!stock.is(&user_error_not_found("")));
            assert_eq!(UserErrorKind::ALL.len(), 4);
        }
    };
}

behaves_as_generated_code_must!(live_golden_output, live);
behaves_as_generated_code_must!(output_of_protoc_gen_errors_0_1_0, frozen_0_1_0);

#[test]
fn the_only_duplicates_are_the_frozen_copies_of_the_live_definitions() {
    // Both generations define the same errors; the registry keeps one of each.
    for (first, second) in registry::duplicates() {
        assert_eq!(first, second);
    }
    assert!(!registry::duplicates().is_empty());
}
