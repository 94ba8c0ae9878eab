//! The protoc plugin binary: `protoc --plugin=protoc-gen-docs --docs_out=DIR --docs_opt=format=html`.

fn main() -> std::process::ExitCode {
    protosmith_core::plugin::run("protoc-gen-docs", protoc_gen_docs::generate)
}
