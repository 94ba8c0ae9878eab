//! The documentation data model: what the JSON output contains and what every
//! template, built-in or custom, is rendered from. SCHEMA.md and
//! schema/protosmith-docs.schema.json describe it field by field; keep the
//! three in step (the json_schema test checks the output against the schema).

use serde::Serialize;

/// Identifies this data model in the output, so portals can tell versions apart.
pub const SCHEMA: &str = "protosmith-docs/1";

/// One output document: the whole request, one proto file, or the index of a per-file run.
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    pub schema: &'static str,
    pub title: String,
    pub kind: PageKind,
    /// Output path of this page, relative to the output directory.
    pub path: String,
    /// On the index page of a per-file run: the per-file pages.
    pub pages: Vec<PageLink>,
    pub files: Vec<FileDoc>,
    /// Every error of the module, sorted by reason: on the single page and on the index page.
    pub error_catalog: Vec<CatalogEntry>,
    /// Types this page links to that no generated file documents (well-known types, imports).
    pub imported_types: Vec<ImportedType>,
    /// Anchors of the page's own sections; a heading in a comment can push them to `error-catalog-1`.
    pub section_anchors: SectionAnchors,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct SectionAnchors {
    pub files: String,
    pub error_catalog: String,
    pub imported_types: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// Everything on one page (the default).
    All,
    /// One proto file (`per_file=true`).
    File,
    /// The table of per-file pages and the module-wide error catalog (`per_file=true`).
    Index,
}

#[derive(Clone, Debug, Serialize)]
pub struct PageLink {
    pub file: String,
    pub package: String,
    pub description: String,
    /// Relative to the page that links.
    pub link: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FileDoc {
    pub name: String,
    pub package: String,
    pub anchor: String,
    pub description: String,
    pub deprecated: bool,
    pub services: Vec<ServiceDoc>,
    /// Nested messages follow their parent; map entries are left out.
    pub messages: Vec<MessageDoc>,
    /// Nested enums included.
    pub enums: Vec<EnumDoc>,
    pub extensions: Vec<ExtensionDoc>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ServiceDoc {
    pub name: String,
    pub full_name: String,
    pub anchor: String,
    pub line: u32,
    pub description: String,
    pub deprecated: bool,
    pub methods: Vec<MethodDoc>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MethodDoc {
    pub name: String,
    pub full_name: String,
    pub anchor: String,
    pub line: u32,
    pub description: String,
    pub deprecated: bool,
    pub request: TypeRef,
    pub response: TypeRef,
    pub client_streaming: bool,
    pub server_streaming: bool,
    pub streaming: Streaming,
    pub http: Vec<HttpBinding>,
}

/// The four gRPC call shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Streaming {
    Unary,
    Server,
    Client,
    Bidi,
}

#[derive(Clone, Debug, Serialize)]
pub struct HttpBinding {
    pub method: String,
    pub path: String,
    pub body: Option<String>,
    pub response_body: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MessageDoc {
    /// Relative to the package: `Payment.Detail` for a nested message.
    pub name: String,
    pub full_name: String,
    pub anchor: String,
    pub line: u32,
    pub description: String,
    pub deprecated: bool,
    pub fields: Vec<FieldDoc>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldDoc {
    pub name: String,
    pub number: u32,
    /// `""` (proto3 singular), `optional`, `required` or `repeated`; map fields are `repeated` with `map` set.
    pub label: &'static str,
    /// For a map field, the entry message; `map` has its key and value types.
    #[serde(rename = "type")]
    pub field_type: TypeRef,
    pub map: Option<MapTypes>,
    pub oneof: Option<String>,
    pub default_value: Option<String>,
    pub json_name: String,
    pub line: u32,
    pub description: String,
    pub deprecated: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct MapTypes {
    pub key: TypeRef,
    pub value: TypeRef,
}

/// A type as a field, method or extension refers to it.
#[derive(Clone, Debug, Serialize)]
pub struct TypeRef {
    /// How to show it on this page: relative to the file's package, else the full name.
    pub name: String,
    /// `acme.user.v1.User`, or the scalar's name (`string`).
    pub full_name: String,
    pub kind: TypeKind,
    /// Where it is documented, relative to this page (`#anchor`, `other.md#anchor`);
    /// null for scalars and for types left out with `@exclude`.
    pub link: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    Scalar,
    Message,
    Enum,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumDoc {
    pub name: String,
    pub full_name: String,
    pub anchor: String,
    pub line: u32,
    pub description: String,
    pub deprecated: bool,
    /// Whether protoc-gen-errors treats it as an error enum; its values then carry `error`.
    pub is_error_enum: bool,
    /// The enum's default gRPC code, for an error enum that sets one.
    pub default_code: Option<String>,
    pub values: Vec<EnumValueDoc>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumValueDoc {
    pub name: String,
    /// Scoped like protobuf scopes enum values, by the enum's parent: `acme.user.v1.USER_ERROR_NOT_FOUND`.
    pub full_name: String,
    pub number: i32,
    pub line: u32,
    pub description: String,
    pub deprecated: bool,
    /// What the value means as an error (null for proto3's `_UNSPECIFIED` zero value and plain enums).
    pub error: Option<ErrorDoc>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ErrorDoc {
    pub reason: String,
    /// Empty for ego-style reasons without `domain=`.
    pub domain: String,
    /// gRPC code name, e.g. `NOT_FOUND`.
    pub code: String,
    pub code_number: i32,
    pub http_status: u16,
    /// The message template as written, `{name}` placeholders included.
    pub message: String,
    pub placeholders: Vec<String>,
    pub i18n: Vec<Translation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Translation {
    pub lang: String,
    pub message: String,
}

/// One row of the module-wide error catalog.
#[derive(Clone, Debug, Serialize)]
pub struct CatalogEntry {
    /// Full name of the enum value, e.g. `acme.user.v1.USER_ERROR_NOT_FOUND`.
    pub value: String,
    /// Full name of its enum.
    pub enum_full_name: String,
    pub file: String,
    /// Where the enum is documented, relative to this page.
    pub link: String,
    pub description: String,
    pub deprecated: bool,
    pub error: ErrorDoc,
}

/// A type that a page links to but that no generated file documents.
#[derive(Clone, Debug, Serialize)]
pub struct ImportedType {
    pub full_name: String,
    pub kind: TypeKind,
    pub anchor: String,
    /// The file it is defined in. Its comments are not shown: protoc sends
    /// comments only for the files to generate, and every tool must give the same page.
    pub file: String,
    /// Reference documentation elsewhere, for Google's well-known types.
    pub external_link: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExtensionDoc {
    pub name: String,
    pub full_name: String,
    pub number: u32,
    pub label: &'static str,
    /// The message extended, e.g. `google.protobuf.MethodOptions`.
    pub extendee: TypeRef,
    #[serde(rename = "type")]
    pub field_type: TypeRef,
    pub default_value: Option<String>,
    pub line: u32,
    pub description: String,
    pub deprecated: bool,
}
