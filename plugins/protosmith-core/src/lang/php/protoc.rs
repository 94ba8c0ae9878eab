//! The names `protoc --php_out` gives a proto file's classes: its namespace,
//! the class of each message and enum (with protoc's prefix for reserved
//! words), the legacy underscore aliases of nested types, and the
//! `GPBMetadata` class. Generators that write beside protoc's output use them
//! to land in the same namespace and to see what they must not clash with.
//!
//! The rules are those of protoc 3.21 (`src/google/protobuf/compiler/php/`),
//! the protoc Debian ships; protosmith's PHP tests compare them with the
//! output of the protoc on the machine.

use crate::model::{File, Message};

use super::qualified_name;

/// The words protoc 3.21's PHP generator will not use as a class or
/// namespace segment, compared ignoring ASCII case. (Later protoc releases
/// add `object`, `mixed` and `never`.)
pub const RESERVED_NAMES: [&str; 80] = [
    "abstract",
    "and",
    "array",
    "as",
    "break",
    "callable",
    "case",
    "catch",
    "class",
    "clone",
    "const",
    "continue",
    "declare",
    "default",
    "die",
    "do",
    "echo",
    "else",
    "elseif",
    "empty",
    "enddeclare",
    "endfor",
    "endforeach",
    "endif",
    "endswitch",
    "endwhile",
    "eval",
    "exit",
    "extends",
    "final",
    "finally",
    "fn",
    "for",
    "foreach",
    "function",
    "global",
    "goto",
    "if",
    "implements",
    "include",
    "include_once",
    "instanceof",
    "insteadof",
    "interface",
    "isset",
    "list",
    "match",
    "namespace",
    "new",
    "or",
    "parent",
    "print",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "require_once",
    "return",
    "self",
    "static",
    "switch",
    "throw",
    "trait",
    "try",
    "unset",
    "use",
    "var",
    "while",
    "xor",
    "yield",
    "int",
    "float",
    "bool",
    "string",
    "true",
    "false",
    "null",
    "void",
    "iterable",
];

/// Whether protoc treats `name` as a reserved word.
pub fn is_reserved(name: &str) -> bool {
    RESERVED_NAMES
        .iter()
        .any(|word| word.eq_ignore_ascii_case(name))
}

/// What protoc puts before a reserved class or namespace segment: `GPB` in
/// the `google.protobuf` package, `PB` elsewhere, nothing for other names.
pub fn reserved_prefix(name: &str, package: &str) -> &'static str {
    match (is_reserved(name), package == "google.protobuf") {
        (false, _) => "",
        (true, true) => "GPB",
        (true, false) => "PB",
    }
}

/// The namespace protoc gives a file's classes: `php_namespace` as written
/// (empty: the global namespace), else [`package_namespace`].
pub fn namespace(file: &File) -> String {
    match &file.options.php_namespace {
        Some(namespace) => namespace.clone(),
        None => package_namespace(&file.package),
    }
}

/// A package as protoc makes it a namespace: each segment's first character
/// upper-cased when it is `a`-`z`, the rest unchanged, a reserved segment
/// prefixed: `acme.list.v1` → `Acme\PBList\V1`, `foo_bar` → `Foo_bar`. The
/// empty package is the global namespace.
pub fn package_namespace(package: &str) -> String {
    if package.is_empty() {
        return String::new();
    }
    package
        .split('.')
        .map(|segment| {
            let mut chars = segment.chars();
            let segment = match chars.next() {
                Some(first) => format!("{}{}", first.to_ascii_uppercase(), chars.as_str()),
                None => String::new(),
            };
            format!("{}{segment}", reserved_prefix(&segment, package))
        })
        .collect::<Vec<_>>()
        .join("\\")
}

/// What protoc puts before the class name of a message or enum named `name`
/// (and before each enclosing message's name): the file's
/// `php_class_prefix` when set, else the prefix for reserved words.
pub fn class_prefix(name: &str, file: &File) -> String {
    match file.options.php_class_prefix.as_deref() {
        Some(prefix) if !prefix.is_empty() => prefix.to_owned(),
        _ => reserved_prefix(name, &file.package).to_owned(),
    }
}

/// A class `protoc --php_out` writes for a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProtocClass {
    /// Fully qualified, without a leading `\`: `Acme\Order\V1\Payment\Error`.
    pub name: String,
    /// What it is for, to name in a message: `message Payment`, `enum
    /// Payment.Error (its legacy alias)`, `file acme/order/v1/order.proto (its metadata)`.
    pub origin: String,
}

/// Every class protoc writes for `file`: one per message (map entries
/// excepted) and enum, nested ones in their parent's sub-namespace
/// (`Payment\Error`) and again as a legacy alias joined with `_`
/// (`Payment_Error`), a deprecated alias without the prefix for a type named
/// `readonly` (protoc 3.21 made it reserved), and the file's metadata class.
pub fn protoc_classes(file: &File) -> Vec<ProtocClass> {
    let namespace = namespace(file);
    let mut out = Vec::new();
    let mut push_type = |parents: &[&str], name: &str, kind: &str| {
        let relative: Vec<&str> = parents.iter().copied().chain([name]).collect();
        let path: Vec<String> = relative
            .iter()
            .map(|part| format!("{}{part}", class_prefix(part, file)))
            .collect();
        let origin = format!("{kind} {}", relative.join("."));
        out.push(ProtocClass {
            name: qualified_name(&namespace, &path.join("\\")),
            origin: origin.clone(),
        });
        if name.eq_ignore_ascii_case("readonly") {
            // protoc 3.21 reserved `readonly` and keeps the old class as a deprecated alias.
            let mut bare = path.clone();
            *bare.last_mut().expect("a type has a name") = name.to_owned();
            out.push(ProtocClass {
                name: qualified_name(&namespace, &bare.join("\\")),
                origin: format!("{origin} (its deprecated alias)"),
            });
        }
        if !parents.is_empty() {
            let joined = relative.join("_");
            out.push(ProtocClass {
                name: qualified_name(
                    &namespace,
                    &format!("{}{joined}", class_prefix(&joined, file)),
                ),
                origin: format!("{origin} (its legacy alias)"),
            });
        }
    };
    fn walk<'a>(
        message: &'a Message,
        parents: &mut Vec<&'a str>,
        push: &mut dyn FnMut(&[&str], &str, &str),
    ) {
        if message.map_entry {
            return;
        }
        push(parents, &message.name, "message");
        parents.push(&message.name);
        for enumeration in &message.enums {
            push(parents, &enumeration.name, "enum");
        }
        for nested in &message.messages {
            walk(nested, parents, push);
        }
        parents.pop();
    }
    for enumeration in &file.enums {
        push_type(&[], &enumeration.name, "enum");
    }
    for message in &file.messages {
        walk(message, &mut Vec::new(), &mut push_type);
    }
    out.push(ProtocClass {
        name: metadata_class(file),
        origin: format!("file {} (its metadata)", file.name),
    });
    out
}

/// The fully qualified metadata class protoc writes for `file`: in
/// `php_metadata_namespace` when set (empty or `\`: the global namespace),
/// else in `GPBMetadata` followed by the file's directories; named after the
/// file. `acme/user/v1/errors.proto` → `GPBMetadata\Acme\User\V1\Errors`.
pub fn metadata_class(file: &File) -> String {
    let stem = file
        .name
        .rfind('.')
        .map_or(file.name.as_str(), |dot| &file.name[..dot]);
    let (directories, base) = match stem.rfind('/') {
        Some(slash) => (&stem[..slash], &stem[slash + 1..]),
        None => ("", stem),
    };
    let segment = |part: &str| {
        let camel = underscores_to_camel_case(part);
        format!("{}{camel}", reserved_prefix(&camel, &file.package))
    };
    let namespace = match file.options.php_metadata_namespace.as_deref() {
        Some("" | "\\") => String::new(),
        Some(namespace) => namespace.trim_end_matches('\\').to_owned(),
        None => std::iter::once("GPBMetadata".to_owned())
            .chain(
                directories
                    .split('/')
                    .filter(|d| !d.is_empty())
                    .map(segment),
            )
            .collect::<Vec<_>>()
            .join("\\"),
    };
    qualified_name(&namespace, &segment(base))
}

/// protoc's camel-casing of file and directory names: letters kept, the
/// first letter and every letter after a digit or another character
/// capitalised, characters other than letters and digits dropped:
/// `list_file2x-y` → `ListFile2XY`.
fn underscores_to_camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut capitalise = true;
    for c in name.chars() {
        if c.is_ascii_alphabetic() {
            out.push(if capitalise {
                c.to_ascii_uppercase()
            } else {
                c
            });
            capitalise = false;
        } else if c.is_ascii_digit() {
            out.push(c);
            capitalise = true;
        } else {
            capitalise = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileOptions;

    fn file(name: &str, package: &str, options: FileOptions) -> File {
        File {
            name: name.to_owned(),
            package: package.to_owned(),
            generate: true,
            docs: Default::default(),
            annotations: Vec::new(),
            messages: Vec::new(),
            enums: Vec::new(),
            services: Vec::new(),
            extensions: Vec::new(),
            deprecated: false,
            options,
        }
    }

    #[test]
    fn namespaces_follow_protoc() {
        assert_eq!(package_namespace("acme.user.v1"), "Acme\\User\\V1");
        assert_eq!(package_namespace("acme.list.v1"), "Acme\\PBList\\V1");
        assert_eq!(package_namespace("foo_bar.Empty"), "Foo_bar\\PBEmpty");
        assert_eq!(
            package_namespace("google.protobuf.list"),
            "Google\\Protobuf\\PBList"
        );
        assert_eq!(package_namespace("acme.object"), "Acme\\Object");
        assert_eq!(package_namespace(""), "");
        let with_namespace = file(
            "a.proto",
            "acme.list",
            FileOptions {
                php_namespace: Some("My\\List".into()),
                ..FileOptions::default()
            },
        );
        assert_eq!(namespace(&with_namespace), "My\\List");
        let global = file(
            "a.proto",
            "acme",
            FileOptions {
                php_namespace: Some(String::new()),
                ..FileOptions::default()
            },
        );
        assert_eq!(namespace(&global), "");
    }

    #[test]
    fn metadata_classes_follow_protoc() {
        let plain = |name: &str| metadata_class(&file(name, "p", FileOptions::default()));
        assert_eq!(
            plain("acme/user/v1/errors.proto"),
            "GPBMetadata\\Acme\\User\\V1\\Errors"
        );
        assert_eq!(
            plain("list/my_dir2x/v1/list_file2x-y.proto"),
            "GPBMetadata\\PBList\\MyDir2X\\V1\\ListFile2XY"
        );
        assert_eq!(plain("a.b.proto"), "GPBMetadata\\AB");
        assert_eq!(plain("print.proto"), "GPBMetadata\\PBPrint");
        assert_eq!(
            metadata_class(&file(
                "list/print.proto",
                "google.protobuf",
                FileOptions::default()
            )),
            "GPBMetadata\\GPBList\\GPBPrint"
        );
        let in_namespace = |namespace: &str| {
            metadata_class(&file(
                "x/list_file.proto",
                "p",
                FileOptions {
                    php_metadata_namespace: Some(namespace.into()),
                    ..FileOptions::default()
                },
            ))
        };
        assert_eq!(in_namespace("My\\Meta"), "My\\Meta\\ListFile");
        assert_eq!(in_namespace("My\\Meta\\"), "My\\Meta\\ListFile");
        assert_eq!(in_namespace(""), "ListFile");
        assert_eq!(in_namespace("\\"), "ListFile");
    }
}
