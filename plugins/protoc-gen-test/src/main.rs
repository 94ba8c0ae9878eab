//! The protoc plugin binary: `protoc --plugin=protoc-gen-test --test_out=DIR --test_opt=dir=DIR`.

fn main() -> std::process::ExitCode {
    protosmith_core::protocol::plugin::run::<protoc_gen_test::TestOptions>(
        env!("CARGO_PKG_VERSION"),
        protoc_gen_test::HELP,
        protoc_gen_test::run,
    )
}
