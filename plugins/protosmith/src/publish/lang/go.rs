//! `protosmith publish --lang go`.

use super::Args;

pub fn publish(args: &Args) -> Result<(), String> {
    let _ = args;
    Err("protosmith publish --lang go is being built; not available in this build".to_owned())
}
