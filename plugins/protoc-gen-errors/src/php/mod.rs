//! PHP output (`lang=php`): one PSR-4 class per error enum, beside what
//! `protoc --php_out` writes for the same file, for the runtime in
//! `runtime/php` (composer package protosmith/grpc-errors). The shape is
//! specified in `runtime/php/GENERATED.md`; the golden files are the example
//! module's, in `tests/interop/php/gen/`.

mod names;
mod view;

use protosmith_core::catalog::Catalog;
use protosmith_core::lang::php;
use protosmith_core::{Diagnostics, GeneratedFile, Model};

use crate::template;

const TEMPLATE: &str = include_str!("../../templates/php/errors.php.tera");

/// One file per error enum of the files to generate, at the PSR-4 path of
/// its class: `Acme/User/V1/UserErrorErrors.php`.
pub fn generate(model: &Model, catalog: &Catalog) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let classes = names::classes(model, catalog)?;
    let mut files = Vec::with_capacity(classes.len());
    for class in &classes {
        let content = template::render("php/errors.php.tera", TEMPLATE, &view::class_view(class))?;
        files.push(GeneratedFile {
            name: php::psr4_path(&class.qualified()),
            content,
        });
    }
    Ok(files)
}
