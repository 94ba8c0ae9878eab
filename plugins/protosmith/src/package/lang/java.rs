//! `protosmith package --lang java`.

use super::Spec;

pub fn write(spec: &Spec) -> Result<(), String> {
    let _ = spec;
    Err("protosmith package --lang java is being built; not available in this build".to_owned())
}
