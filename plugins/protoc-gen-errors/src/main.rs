//! The protoc plugin binary: `protoc --plugin=protoc-gen-errors --errors_out=DIR`.

use protoc_gen_errors::{ErrorsOptions, HELP};

fn main() -> std::process::ExitCode {
    protosmith_core::protocol::plugin::run::<ErrorsOptions>(
        env!("CARGO_PKG_VERSION"),
        HELP,
        protoc_gen_errors::run,
    )
}
