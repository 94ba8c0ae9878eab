//! The pages of a run and the links between them: which page documents each
//! type, what each page must list as imported, and every link made relative
//! to the page it is on.

use std::collections::{BTreeMap, HashMap};

use protosmith_core::catalog::Catalog;
use protosmith_core::model::{Docs, Model};
use protosmith_core::{Diagnostic, Diagnostics};

use crate::anchors;
use crate::describe::{self, ErrorIndex, is_excluded};
use crate::options::Options;
use crate::page::*;

/// protosmith's own annotation options (`protosmith/errors/v1/options.proto`,
/// which `protosmith init` puts into every proto repository): tooling, not
/// the repository's API, so never a page, as descriptor.proto is not. Types
/// from it that an API uses are still listed among the imported types.
const OPTIONS_PACKAGE: &str = "protosmith.errors.v1";

/// Every page of a run, anchors and links filled in.
pub fn pages(
    model: &Model,
    catalog: &Catalog,
    options: &Options,
) -> Result<Vec<Page>, Diagnostics> {
    let errors = ErrorIndex::new(catalog);
    let mut files: Vec<FileDoc> = model
        .files_to_generate()
        .filter(|file| !is_excluded(&file.docs) && file.package != OPTIONS_PACKAGE)
        .map(|file| describe::file(file, &errors, options.sort))
        .collect();
    // protoc, buf and protox order a request's files differently; path order is the same everywhere.
    files.sort_by(|a, b| a.name.cmp(&b.name));

    let catalog = error_catalog(&files);
    let mut pages = layout(files, options);
    check_unique_paths(&pages)?;
    let types = TypeIndex::new(model);
    for page in &mut pages {
        if page.kind != PageKind::File {
            page.error_catalog = catalog.clone();
        }
        page.imported_types = imported_types(page, &types);
        anchors::assign(page);
    }
    let targets = Targets::new(&pages);
    for page in &mut pages {
        link(page, &targets);
    }
    Ok(pages)
}

/// One page for everything, or one per file plus an index.
fn layout(files: Vec<FileDoc>, options: &Options) -> Vec<Page> {
    let page = |kind, path: String, files| Page {
        schema: SCHEMA,
        title: options.title.clone(),
        kind,
        path,
        pages: Vec::new(),
        files,
        error_catalog: Vec::new(),
        imported_types: Vec::new(),
        section_anchors: SectionAnchors::default(),
    };
    if !options.per_file {
        return vec![page(PageKind::All, options.file.clone(), files)];
    }
    let mut index = page(PageKind::Index, options.file.clone(), Vec::new());
    let mut pages = Vec::new();
    for file in files {
        let path = page_path(&file.name, options.page_extension());
        index.pages.push(PageLink {
            file: file.name.clone(),
            package: file.package.clone(),
            description: file.description.clone(),
            link: relative(&index.path, &path),
        });
        pages.push(page(PageKind::File, path, vec![file]));
    }
    pages.insert(0, index);
    pages
}

/// `acme/user/v1/user.proto` -> `acme/user/v1/user.md`.
fn page_path(proto: &str, extension: Option<&str>) -> String {
    let stem = proto.strip_suffix(".proto").unwrap_or(proto);
    match extension {
        Some(extension) => format!("{stem}.{extension}"),
        None => stem.to_owned(),
    }
}

fn check_unique_paths(pages: &[Page]) -> Result<(), Diagnostics> {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    let mut diagnostics = Diagnostics::new();
    for page in pages {
        if let Some(other) = seen.insert(&page.path, page) {
            let what = |p: &Page| {
                p.files
                    .first()
                    .map_or("the index".to_owned(), |f| f.name.clone())
            };
            diagnostics.push(Diagnostic::general(format!(
                "protoc-gen-docs would write {} twice, for {} and for {}: choose another name for the index with file=NAME",
                page.path,
                what(other),
                what(page)
            )));
        }
    }
    diagnostics.into_result(())
}

/// What the model knows about a message or enum, wherever it is defined.
struct TypeInfo<'a> {
    kind: TypeKind,
    file: &'a str,
    generated: bool,
    docs: &'a Docs,
}

struct TypeIndex<'a>(HashMap<&'a str, TypeInfo<'a>>);

impl<'a> TypeIndex<'a> {
    fn new(model: &'a Model) -> Self {
        let mut types = HashMap::new();
        for file in &model.files {
            let info = |kind, docs| TypeInfo {
                kind,
                file: &file.name,
                generated: file.generate,
                docs,
            };
            for message in file.all_messages() {
                types.insert(
                    message.full_name.as_str(),
                    info(TypeKind::Message, &message.docs),
                );
            }
            for enumeration in file.all_enums() {
                types.insert(
                    enumeration.full_name.as_str(),
                    info(TypeKind::Enum, &enumeration.docs),
                );
            }
        }
        TypeIndex(types)
    }
}

/// Every type the page refers to, in page order.
fn type_refs(page: &Page) -> Vec<&TypeRef> {
    let mut refs = Vec::new();
    for file in &page.files {
        for method in file.services.iter().flat_map(|s| &s.methods) {
            refs.extend([&method.request, &method.response]);
        }
        for field in file.messages.iter().flat_map(|m| &m.fields) {
            refs.push(&field.field_type);
            refs.extend(field.map.iter().flat_map(|map| [&map.key, &map.value]));
        }
        for extension in &file.extensions {
            refs.extend([&extension.extendee, &extension.field_type]);
        }
    }
    refs
}

/// The types the page refers to that are defined in files not generated, sorted by name.
fn imported_types(page: &Page, types: &TypeIndex) -> Vec<ImportedType> {
    let mut imported = BTreeMap::new();
    for type_ref in type_refs(page) {
        let Some(info) = types.0.get(type_ref.full_name.as_str()) else {
            continue;
        };
        if info.generated || is_excluded(info.docs) {
            continue;
        }
        imported
            .entry(type_ref.full_name.clone())
            .or_insert_with(|| ImportedType {
                full_name: type_ref.full_name.clone(),
                kind: info.kind,
                anchor: String::new(),
                file: info.file.to_owned(),
                external_link: well_known_type_link(&type_ref.full_name),
            });
    }
    imported.into_values().collect()
}

/// The well-known types that protobuf.dev's reference page documents.
const WELL_KNOWN_TYPES: [&str; 28] = [
    "Any",
    "Api",
    "BoolValue",
    "BytesValue",
    "DoubleValue",
    "Duration",
    "Empty",
    "Enum",
    "EnumValue",
    "Field",
    "FieldMask",
    "FloatValue",
    "Int32Value",
    "Int64Value",
    "ListValue",
    "Method",
    "Mixin",
    "NullValue",
    "Option",
    "SourceContext",
    "StringValue",
    "Struct",
    "Syntax",
    "Timestamp",
    "Type",
    "UInt32Value",
    "UInt64Value",
    "Value",
];

/// protobuf.dev's reference for a well-known type.
fn well_known_type_link(full_name: &str) -> Option<String> {
    let name = full_name.strip_prefix("google.protobuf.")?;
    WELL_KNOWN_TYPES.contains(&name).then(|| {
        format!(
            "https://protobuf.dev/reference/protobuf/google.protobuf/#{}",
            name.to_ascii_lowercase()
        )
    })
}

/// Where each documented type, and each enum of the error catalog, can be linked to.
struct Targets {
    /// Full name -> (page path, anchor), for types documented on some page.
    documented: HashMap<String, (String, String)>,
}

impl Targets {
    fn new(pages: &[Page]) -> Self {
        let mut documented = HashMap::new();
        for page in pages {
            for file in &page.files {
                let messages = file.messages.iter().map(|m| (&m.full_name, &m.anchor));
                let enums = file.enums.iter().map(|e| (&e.full_name, &e.anchor));
                for (full_name, anchor) in messages.chain(enums) {
                    documented.insert(full_name.clone(), (page.path.clone(), anchor.clone()));
                }
            }
        }
        Targets { documented }
    }

    /// The link from the page at `from`, which lists `imported`, to the documentation of `full_name`.
    fn link(&self, from: &str, imported: &[ImportedType], full_name: &str) -> Option<String> {
        if let Some((path, anchor)) = self.documented.get(full_name) {
            return Some(format!("{}#{anchor}", relative(from, path)));
        }
        imported
            .iter()
            .find(|t| t.full_name == full_name)
            .map(|t| format!("#{}", t.anchor))
    }
}

/// Fills every link of `page`.
fn link(page: &mut Page, targets: &Targets) {
    let (from, imported) = (&page.path, &page.imported_types);
    let fill = |type_ref: &mut TypeRef| {
        if type_ref.kind != TypeKind::Scalar {
            type_ref.link = targets.link(from, imported, &type_ref.full_name);
        }
    };
    for file in &mut page.files {
        for method in file.services.iter_mut().flat_map(|s| &mut s.methods) {
            fill(&mut method.request);
            fill(&mut method.response);
        }
        for field in file.messages.iter_mut().flat_map(|m| &mut m.fields) {
            fill(&mut field.field_type);
            if let Some(map) = &mut field.map {
                fill(&mut map.key);
                fill(&mut map.value);
            }
        }
        for extension in &mut file.extensions {
            fill(&mut extension.extendee);
            fill(&mut extension.field_type);
        }
    }
    for entry in &mut page.error_catalog {
        if let Some(link) = targets.link(from, imported, &entry.enum_full_name) {
            entry.link = link;
        }
    }
}

/// Every documented error of the run, sorted by reason (then domain), as support staff look them up.
fn error_catalog(files: &[FileDoc]) -> Vec<CatalogEntry> {
    let mut entries = Vec::new();
    for file in files {
        for enumeration in &file.enums {
            for value in &enumeration.values {
                let Some(error) = &value.error else { continue };
                entries.push(CatalogEntry {
                    value: value.full_name.clone(),
                    enum_full_name: enumeration.full_name.clone(),
                    file: file.name.clone(),
                    link: String::new(),
                    description: value.description.clone(),
                    deprecated: value.deprecated || enumeration.deprecated,
                    error: error.clone(),
                });
            }
        }
    }
    entries.sort_by(|a, b| {
        (&a.error.reason, &a.error.domain, &a.value).cmp(&(
            &b.error.reason,
            &b.error.domain,
            &b.value,
        ))
    });
    entries
}

/// The path of `to` as a link from the page at `from` (both relative to the output directory).
fn relative(from: &str, to: &str) -> String {
    if from == to {
        return String::new();
    }
    let from_dirs: Vec<&str> = from
        .split('/')
        .collect::<Vec<_>>()
        .split_last()
        .map_or(vec![], |(_, d)| d.to_vec());
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts = vec![".."; from_dirs.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(
            relative("index.md", "acme/user/v1/user.md"),
            "acme/user/v1/user.md"
        );
        assert_eq!(
            relative("acme/order/v1/order.md", "acme/user/v1/user.md"),
            "../../user/v1/user.md"
        );
        assert_eq!(
            relative("acme/user/v1/errors.md", "acme/user/v1/user.md"),
            "user.md"
        );
        assert_eq!(
            relative("acme/user/v1/user.md", "index.md"),
            "../../../index.md"
        );
        assert_eq!(relative("index.md", "index.md"), "");
    }

    #[test]
    fn well_known_types_link_to_their_reference() {
        assert_eq!(
            well_known_type_link("google.protobuf.Timestamp").as_deref(),
            Some("https://protobuf.dev/reference/protobuf/google.protobuf/#timestamp")
        );
        assert_eq!(well_known_type_link("google.type.Date"), None);
    }
}
