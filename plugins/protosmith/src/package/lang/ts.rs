//! `protosmith package --lang ts`.

use super::Spec;

pub fn write(spec: &Spec) -> Result<(), String> {
    let _ = spec;
    Err("protosmith package --lang ts is being built; not available in this build".to_owned())
}
