//! One Cargo feature per proto package, so that a service compiles only the
//! APIs it calls; a package's feature turns on the features of the packages
//! its files import, since prost's code names their types.

use std::collections::BTreeSet;

use protosmith_build::Generated;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    /// `acme-user-v1` for `acme.user.v1`.
    pub name: String,
    pub package: String,
    /// Features of the imported packages, sorted.
    pub requires: Vec<String>,
}

/// The feature of a proto package: dots become dashes (proto names have no
/// dashes, so no two packages share a feature).
pub fn feature_name(package: &str) -> String {
    if package.is_empty() {
        "no-package".to_owned()
    } else {
        package.replace('.', "-")
    }
}

/// A feature for each package with generated code, in package order.
pub fn features(generated: &Generated) -> Vec<Feature> {
    let present: BTreeSet<&str> = generated
        .packages
        .iter()
        .map(|p| p.package.as_str())
        .collect();
    generated
        .packages
        .iter()
        .map(|package| {
            let requires: BTreeSet<String> = generated
                .input
                .pool
                .files()
                .filter(|file| file.package_name() == package.package)
                .flat_map(|file| {
                    file.dependencies()
                        .map(|dependency| dependency.package_name().to_owned())
                        .collect::<Vec<_>>()
                })
                .filter(|imported| {
                    *imported != package.package && present.contains(imported.as_str())
                })
                .map(|imported| feature_name(&imported))
                .collect();
            Feature {
                name: feature_name(&package.package),
                package: package.package.clone(),
                requires: requires.into_iter().collect(),
            }
        })
        .collect()
}
