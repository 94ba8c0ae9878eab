//! `protosmith publish --lang java`.

use super::Args;

pub fn publish(args: &Args) -> Result<(), String> {
    let _ = args;
    Err("protosmith publish --lang java is being built; not available in this build".to_owned())
}
