//! The protoc plugin binary: `protoc --plugin=protoc-gen-docs --docs_out=DIR --docs_opt=format=html`.

fn main() -> std::process::ExitCode {
    protosmith_core::protocol::plugin::run::<protoc_gen_docs::Options>(
        env!("CARGO_PKG_VERSION"),
        protoc_gen_docs::HELP,
        protoc_gen_docs::run,
    )
}
