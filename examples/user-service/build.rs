//! Messages, tonic stubs and error registries for acme.user.v1, straight from
//! the repository's protos. protox compiles them (protoc only when PROTOC is
//! set), so building needs no protoc.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    protosmith_build::configure()
        // Servers get default methods answering UNIMPLEMENTED: this example implements GetUser only.
        .tonic(|tonic| tonic.generate_default_stubs(true))
        .compile(
            &["acme/user/v1/user.proto", "acme/user/v1/errors.proto"],
            &["../../proto"],
        )?;
    Ok(())
}
