//! The protoc plugin binary: `protoc --plugin=protoc-gen-test --test_out=DIR --test_opt=dir=DIR`.

fn main() -> std::process::ExitCode {
    protosmith_core::plugin::run("protoc-gen-test", protoc_gen_test::generate)
}
