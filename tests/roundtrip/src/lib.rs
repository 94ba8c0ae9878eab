//! The example module as a real Rust service: prost messages and tonic stubs
//! (from build.rs) beside the error registries protoc-gen-errors wrote to
//! `gen/`. The files in `gen/` are the golden files: the tests compile and
//! run them here, and `tests/golden.rs` checks they match a fresh generation.

pub mod acme {
    pub mod user {
        pub mod v1 {
            //! Errors included in the same module as prost's output, as most users do.
            tonic::include_proto!("acme.user.v1");
            include!("../../../gen/errors/rust/acme/user/v1/errors.errors.rs");
        }
    }
    pub mod order {
        pub mod v1 {
            tonic::include_proto!("acme.order.v1");
            /// Errors included on their own, away from prost's output.
            pub mod errors {
                include!("../../../gen/errors/rust/acme/order/v1/order.errors.rs");
            }
        }
    }
}

/// protoc-gen-test's naming fixture (plugins/protoc-gen-test/tests/fixtures).
pub mod edge {
    pub mod v1 {
        tonic::include_proto!("edge.v1");
        pub mod deep {
            tonic::include_proto!("edge.v1.deep");
        }
    }
}

// What protoc-gen-test generated for the example services, with the rows
// filled in (gen/tests/rust is theirs to edit: regenerating merges into it).
#[cfg(test)]
#[path = "../../../gen/tests/rust/acme/order/v1/order_test.rs"]
mod order_tests;
#[cfg(test)]
#[path = "../../../gen/tests/rust/acme/user/v1/user_test.rs"]
mod user_tests;

// The same generator's untouched output (its golden files): TODO rows and
// stand-in services must compile and run before anyone edits them.
#[cfg(test)]
#[path = "../../../plugins/protoc-gen-test/tests/golden/edge/v1/deep/deep_test.rs"]
mod edge_deep_tests_as_generated;
#[cfg(test)]
#[path = "../../../plugins/protoc-gen-test/tests/golden/edge/v1/first_test.rs"]
mod edge_first_tests_as_generated;
#[cfg(test)]
#[path = "../../../plugins/protoc-gen-test/tests/golden/edge/v1/second_test.rs"]
mod edge_second_tests_as_generated;
#[cfg(test)]
#[path = "../../../plugins/protoc-gen-test/tests/golden/acme/order/v1/order_test.rs"]
mod order_tests_as_generated;
#[cfg(test)]
#[path = "../../../plugins/protoc-gen-test/tests/golden/acme/user/v1/user_test.rs"]
mod user_tests_as_generated;

pub mod order_service;
pub mod server;
pub mod user_service;

/// The example module's descriptor set (what protox compiled), for clients
/// that build requests from descriptors, such as the Go interop client.
pub const DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/example.fds.bin"));
