//! Which files of a request a plugin decodes.
//!
//! Decoding a file into the descriptor pool and the model is most of a
//! plugin's cost, and a request carries every file its files to generate
//! import: 7,208 files (83 MB) for the googleapis corpus, of which a few
//! hundred can hold an error annotation. A [`Scope`] names what a plugin
//! reads; [`select`] picks those files from the raw descriptors, without
//! decoding them, and adds everything they import, so the pool stays
//! complete for the files kept (the comments of files kept only as imports
//! are dropped: no plugin with a narrower scope reads them). What is left
//! out could not change the plugin's output.

use std::collections::HashMap;

use prost::bytes::Buf;
use prost::encoding::{DecodeContext, WireType, decode_key, decode_varint, skip_field};

/// What a plugin needs decoded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every file of the request (documentation describes them all).
    #[default]
    Everything,
    /// Every file that may declare an error enum, generated or imported
    /// (imported ones take part in the reason uniqueness checks), and what
    /// those import. A file may declare one when one of its comments holds
    /// an '@' (every annotation, and every misspelt one, starts with it) or
    /// an enum or enum value carries an extension option (protosmith's or
    /// another error option).
    ErrorEnums,
    /// The files to generate that declare a service, and what they import.
    Services,
}

/// One `proto_file` of a request, undecoded.
pub(super) struct RawFile<'a> {
    pub name: &'a [u8],
    pub bytes: &'a [u8],
    pub generate: bool,
}

/// Why a file is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kept {
    /// The plugin reads it: its comments are kept too.
    Read,
    /// Only imported by a file read: its comments are dropped.
    Imported,
}

/// The files `scope` keeps of `files`: their indexes, in request order, and
/// why. A file too malformed to scan is kept: the descriptor decoder then
/// reports it, with the same message in every scope.
pub(super) fn select(scope: Scope, files: &[RawFile<'_>]) -> Vec<(usize, Kept)> {
    if scope == Scope::Everything {
        return (0..files.len()).map(|index| (index, Kept::Read)).collect();
    }
    let by_name: HashMap<&[u8], usize> = files
        .iter()
        .enumerate()
        .map(|(index, file)| (file.name, index))
        .collect();
    let mut kept: Vec<Option<Kept>> = vec![None; files.len()];
    let mut pending = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let wanted = match scope {
            Scope::Everything => true,
            Scope::ErrorEnums => may_declare_errors(file.bytes).unwrap_or(true),
            Scope::Services => file.generate && has_field(file.bytes, FILE_SERVICE).unwrap_or(true),
        };
        if wanted {
            kept[index] = Some(Kept::Read);
            pending.push(index);
        }
    }
    // Everything the kept files import, transitively: the pool needs it to
    // resolve their types and options.
    while let Some(index) = pending.pop() {
        // A malformed file's imports are found up to the damage; the decoder reports the rest.
        let _ = for_each_bytes_field(files[index].bytes, |tag, dependency| {
            if tag != FILE_DEPENDENCY {
                return Ok(());
            }
            if let Some(&imported) = by_name.get(dependency) {
                if kept[imported].is_none() {
                    kept[imported] = Some(Kept::Imported);
                    pending.push(imported);
                }
            }
            Ok(())
        });
    }
    kept.into_iter()
        .enumerate()
        .filter_map(|(index, kept)| Some((index, kept?)))
        .collect()
}

const FILE_DEPENDENCY: u32 = 3;
const FILE_MESSAGE: u32 = 4;
const FILE_ENUM: u32 = 5;
const FILE_SERVICE: u32 = 6;
const FILE_SOURCE_CODE_INFO: u32 = 9;
const SOURCE_LOCATION: u32 = 1;
const LEADING_COMMENTS: u32 = 3;
const TRAILING_COMMENTS: u32 = 4;
const DETACHED_COMMENTS: u32 = 6;
const MESSAGE_NESTED: u32 = 3;
const MESSAGE_ENUM: u32 = 4;
const ENUM_VALUE: u32 = 2;
const ENUM_OPTIONS: u32 = 3;
const VALUE_OPTIONS: u32 = 3;
/// Extension numbers start at 1000 in every `*Options` message.
const FIRST_EXTENSION: u32 = 1000;

fn may_declare_errors(file: &[u8]) -> Result<bool, String> {
    let mut found = false;
    for_each_bytes_field(file, |tag, field| {
        found = found
            || match tag {
                FILE_MESSAGE => message_has_enum_extension(field, 0)?,
                FILE_ENUM => enum_has_extension(field)?,
                FILE_SOURCE_CODE_INFO => comment_has_at_sign(field)?,
                _ => false,
            };
        Ok(())
    })?;
    Ok(found)
}

/// Whether any comment of a `SourceCodeInfo` holds an '@' (the raw bytes of
/// the rest cannot tell: spans are varints, and 0x40 is a common one).
fn comment_has_at_sign(source_info: &[u8]) -> Result<bool, String> {
    let mut found = false;
    for_each_bytes_field(source_info, |tag, location| {
        if tag == SOURCE_LOCATION && !found {
            for_each_bytes_field(location, |tag, text| {
                found |= matches!(
                    tag,
                    LEADING_COMMENTS | TRAILING_COMMENTS | DETACHED_COMMENTS
                ) && text.contains(&b'@');
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(found)
}

/// Nesting deeper than protobuf decoders accept is reported by the pool's
/// decoder; here it only stops the walk.
const MAX_DEPTH: usize = 100;

fn message_has_enum_extension(message: &[u8], depth: usize) -> Result<bool, String> {
    if depth > MAX_DEPTH {
        return Ok(true);
    }
    let mut found = false;
    for_each_bytes_field(message, |tag, field| {
        found = found
            || match tag {
                MESSAGE_NESTED => message_has_enum_extension(field, depth + 1)?,
                MESSAGE_ENUM => enum_has_extension(field)?,
                _ => false,
            };
        Ok(())
    })?;
    Ok(found)
}

fn enum_has_extension(enumeration: &[u8]) -> Result<bool, String> {
    let mut found = false;
    for_each_bytes_field(enumeration, |tag, field| {
        found = found
            || match tag {
                ENUM_OPTIONS => has_extension(field)?,
                ENUM_VALUE => {
                    let mut value_found = false;
                    for_each_bytes_field(field, |tag, options| {
                        if tag == VALUE_OPTIONS {
                            value_found = value_found || has_extension(options)?;
                        }
                        Ok(())
                    })?;
                    value_found
                }
                _ => false,
            };
        Ok(())
    })?;
    Ok(found)
}

/// Whether an options message sets any extension field.
fn has_extension(mut options: &[u8]) -> Result<bool, String> {
    let context = DecodeContext::default();
    while options.has_remaining() {
        let (tag, wire_type) = decode_key(&mut options).map_err(|e| e.to_string())?;
        if tag >= FIRST_EXTENSION {
            return Ok(true);
        }
        skip_field(wire_type, tag, &mut options, context.clone()).map_err(|e| e.to_string())?;
    }
    Ok(false)
}

fn has_field(file: &[u8], wanted: u32) -> Result<bool, String> {
    let mut found = false;
    for_each_bytes_field(file, |tag, _| {
        found |= tag == wanted;
        Ok(())
    })?;
    Ok(found)
}

/// Calls `visit` with each length-delimited field of a message, skipping the others.
pub(super) fn for_each_bytes_field<'a>(
    mut bytes: &'a [u8],
    mut visit: impl FnMut(u32, &'a [u8]) -> Result<(), String>,
) -> Result<(), String> {
    let context = DecodeContext::default();
    while bytes.has_remaining() {
        let (tag, wire_type) = decode_key(&mut bytes).map_err(|e| e.to_string())?;
        if wire_type != WireType::LengthDelimited {
            skip_field(wire_type, tag, &mut bytes, context.clone()).map_err(|e| e.to_string())?;
            continue;
        }
        let len = usize::try_from(decode_varint(&mut bytes).map_err(|e| e.to_string())?)
            .unwrap_or(usize::MAX);
        if len > bytes.remaining() {
            return Err("a field is longer than the request".to_owned());
        }
        let (field, rest) = bytes.split_at(len);
        bytes = rest;
        visit(tag, field)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::Input;

    use super::Scope;

    /// Files of a small tree, each kept or not for a reason of its own.
    const FILES: [(&str, &str); 6] = [
        (
            "opt/options_only.proto",
            // Error options and no '@' anywhere: kept for its options.
            r#"syntax = "proto3";
package opt;
import "protosmith/errors/v1/options.proto";
import "shared/only_imported.proto";
message Holder {
  enum Reason {
    REASON_UNSPECIFIED = 0;
    REASON_GONE = 1 [(protosmith.errors.v1.error) = {code: NOT_FOUND}];
  }
}
"#,
        ),
        (
            "shared/only_imported.proto",
            // No error enum, but imported by one: kept as an import.
            "syntax = \"proto3\";\npackage shared;\n// Shared.\nmessage Shared {}\n",
        ),
        (
            "nested/comment.proto",
            // An annotation in a nested enum's value comment: kept for it.
            r#"syntax = "proto3";
package nested;
message Outer {
  message Inner {
    enum Problem {
      PROBLEM_UNSPECIFIED = 0;
      // @code=INTERNAL
      PROBLEM_BROKEN = 1;
    }
  }
}
"#,
        ),
        (
            "plain/service.proto",
            // A service and no errors: only the services scope keeps it.
            r#"syntax = "proto3";
package plain;
import "google/protobuf/empty.proto";
// Not an annotation: mail@example.com is an address, but it has an '@'.
service Ping {
  rpc Ping(google.protobuf.Empty) returns (google.protobuf.Empty);
}
"#,
        ),
        (
            "plain/nothing.proto",
            // Neither: no scope but everything keeps it.
            "syntax = \"proto3\";\npackage plain;\nmessage Nothing { int32 spans_64 = 64; }\n",
        ),
        (
            "plain/other_service.proto",
            "syntax = \"proto3\";\npackage plain;\nmessage M {}\nservice Other { rpc Do(M) returns (M); }\n",
        ),
    ];

    fn request() -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in FILES {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let proto = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../proto");
        let names: Vec<&str> = FILES.iter().map(|(name, _)| *name).collect();
        Input::compile(&names, &[dir.path(), &proto])
            .unwrap()
            .to_request("")
    }

    fn decoded(request: &[u8], scope: Scope) -> (Vec<String>, Vec<String>) {
        let input = Input::from_request_in(request, scope).unwrap().input;
        let mut pool: Vec<String> = input.pool.files().map(|f| f.name().to_owned()).collect();
        pool.sort();
        (pool, input.files_to_generate)
    }

    #[test]
    fn everything_keeps_every_file() {
        let request = request();
        let (pool, generate) = decoded(&request, Scope::Everything);
        assert_eq!(generate.len(), FILES.len());
        assert_eq!(pool.len(), FILES.len() + 3, "{pool:?}");
    }

    #[test]
    fn error_enums_keeps_annotated_and_optioned_files_and_their_imports() {
        let request = request();
        let (pool, generate) = decoded(&request, Scope::ErrorEnums);
        assert_eq!(
            pool,
            [
                "google/protobuf/descriptor.proto",
                "google/protobuf/empty.proto",
                "nested/comment.proto",
                "opt/options_only.proto",
                "plain/service.proto",
                "protosmith/errors/v1/options.proto",
                "shared/only_imported.proto",
            ]
            .map(String::from),
            "the '@' in service.proto's comment keeps it: the scope is conservative"
        );
        assert_eq!(
            generate,
            [
                "shared/only_imported.proto",
                "opt/options_only.proto",
                "nested/comment.proto",
                "plain/service.proto",
            ]
            .map(String::from)
        );
        let input = Input::from_request_in(&request, Scope::ErrorEnums)
            .unwrap()
            .input;
        let comments = |name: &str| {
            let file = input.pool.get_file_by_name(name).unwrap();
            input.source_locations(&file).len()
        };
        assert!(comments("nested/comment.proto") > 0);
        assert_eq!(
            comments("shared/only_imported.proto"),
            0,
            "an import's comments are dropped"
        );
    }

    #[test]
    fn services_keeps_files_with_services_and_their_imports() {
        let request = request();
        let (pool, generate) = decoded(&request, Scope::Services);
        assert_eq!(
            pool,
            [
                "google/protobuf/empty.proto",
                "plain/other_service.proto",
                "plain/service.proto",
            ]
            .map(String::from)
        );
        assert_eq!(
            generate,
            ["plain/service.proto", "plain/other_service.proto"].map(String::from)
        );
    }
}
