//! `protosmith publish --lang ts`.

use super::Args;

pub fn publish(args: &Args) -> Result<(), String> {
    let _ = args;
    Err("protosmith publish --lang ts is being built; not available in this build".to_owned())
}
