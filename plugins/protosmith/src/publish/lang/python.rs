//! `protosmith publish --lang python`.

use super::Args;

pub fn publish(args: &Args) -> Result<(), String> {
    let _ = args;
    Err("protosmith publish --lang python is being built; not available in this build".to_owned())
}
