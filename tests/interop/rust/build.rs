fn main() -> Result<(), Box<dyn std::error::Error>> {
    protosmith_build::configure()
        .errors(false)
        .compile(&["protosmith/interop/v1/interop.proto"], &["proto"])?;
    Ok(())
}
