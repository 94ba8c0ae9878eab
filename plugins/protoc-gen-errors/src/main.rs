//! The protoc plugin binary: `protoc --plugin=protoc-gen-errors --errors_out=DIR`.

fn main() -> std::process::ExitCode {
    protosmith_core::plugin::run("protoc-gen-errors", protoc_gen_errors::generate)
}
