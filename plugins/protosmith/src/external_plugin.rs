#[cfg(test)]
mod tests {
    #[test]
    fn scratch_dump() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../proto");
        let mut c = protox::Compiler::new([root]).unwrap();
        c.include_imports(true).include_source_info(true);
        c.open_files(["acme/order/v1/order.proto","acme/user/v1/errors.proto","acme/user/v1/user.proto","protosmith/errors/v1/options.proto"]).unwrap();
        std::fs::write("/tmp/bufdump/protox.bin", c.encode_file_descriptor_set()).unwrap();
    }
}
