//! Pages to files: the built-in Markdown and HTML templates and custom ones
//! (all Tera, all given the same [`Page`]), and JSON through serde.

use std::collections::HashMap;

use protosmith_core::{Diagnostic, GeneratedFile};
use tera::{Context, Tera, Value};

use crate::options::Format;
use crate::page::Page;
use crate::{html, markdown};

const MARKDOWN: &str = "markdown.md";
const HTML: &str = "page.html";
const BUILT_IN: [(&str, &str); 5] = [
    ("macros.md", include_str!("../templates/macros.md")),
    (MARKDOWN, include_str!("../templates/markdown.md")),
    ("macros.html", include_str!("../templates/macros.html")),
    (HTML, include_str!("../templates/page.html")),
    ("style.css", include_str!("../templates/style.css")),
];

/// Renders pages in one format.
#[derive(Debug)]
pub struct Renderer {
    format: Format,
    tera: Tera,
    /// The name the custom template was registered under.
    template: Option<String>,
}

impl Renderer {
    pub fn new(format: &Format) -> Result<Renderer, Diagnostic> {
        let mut tera = Tera::default();
        tera.add_raw_templates(BUILT_IN)
            .map_err(|e| template_error("a built-in template", &e))?;
        register_filters(&mut tera);
        // Tera's own escaping also rewrites `/` (`acme&#x2F;user`), which HTML does not need.
        tera.set_escape_fn(html::escape);
        let mut template = None;
        if let Format::Template(path) = format {
            let source = std::fs::read_to_string(path).map_err(|e| {
                Diagnostic::general(format!(
                    "cannot read the template {path}: {e} (template= is relative to the directory protoc, buf or protosmith runs in)"
                ))
            })?;
            // Named after the file without `.tera`, so `page.html.tera` is HTML-escaped like an .html template.
            let name = path.strip_suffix(".tera").unwrap_or(path).to_owned();
            tera.add_raw_template(&name, &source)
                .map_err(|e| template_error(path, &e))?;
            template = Some(name);
        }
        Ok(Renderer {
            format: format.clone(),
            tera,
            template,
        })
    }

    /// Whether [`Renderer::render`] renders through a Tera context (every format but JSON).
    pub fn uses_contexts(&self) -> bool {
        self.format != Format::Json
    }

    /// Renders `page`. `context` is the page's Tera context from an earlier
    /// render in another format, or `None` (then made and kept there);
    /// its `path` is set to `page.path`, the one field that differs between formats.
    pub fn render(
        &self,
        page: &Page,
        context: &mut Option<Context>,
    ) -> Result<GeneratedFile, Diagnostic> {
        let content = match &self.format {
            Format::Json => {
                let mut json = serde_json::to_string_pretty(page).map_err(|e| {
                    Diagnostic::general(format!("cannot encode {} as JSON: {e}", page.path))
                })?;
                json.push('\n');
                json
            }
            Format::Markdown => {
                self.template(MARKDOWN, page, context, "the built-in Markdown template")?
            }
            Format::Html => self.template(HTML, page, context, "the built-in HTML template")?,
            Format::Template(path) => self.template(
                self.template.as_deref().unwrap_or_default(),
                page,
                context,
                path,
            )?,
        };
        Ok(GeneratedFile {
            name: page.path.clone(),
            content,
        })
    }

    fn template(
        &self,
        name: &str,
        page: &Page,
        context: &mut Option<Context>,
        what: &str,
    ) -> Result<String, Diagnostic> {
        let context = match context {
            Some(context) => {
                context.insert("path", &page.path);
                context
            }
            None => {
                context.insert(Context::from_serialize(page).map_err(|e| template_error(what, &e))?)
            }
        };
        self.tera
            .render(name, context)
            .map_err(|e| template_error(what, &e))
    }
}

/// Tera's error with all its causes: the useful part (which variable, which
/// line) is usually in a cause.
fn template_error(what: &str, error: &tera::Error) -> Diagnostic {
    let mut message = format!("{what}: {error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(cause.to_string().trim());
        source = cause.source();
    }
    Diagnostic::general(message)
}

type Args = HashMap<String, Value>;

/// The filters the built-in templates use, available to custom ones too.
fn register_filters(tera: &mut Tera) {
    fn string_filter(
        f: fn(&str) -> String,
    ) -> impl Fn(&Value, &Args) -> tera::Result<Value> + Sync + Send {
        move |value, _| Ok(Value::String(f(&text(value))))
    }
    tera.register_filter("md_text", string_filter(markdown::text));
    tera.register_filter("md_cell", string_filter(markdown::cell));
    tera.register_filter("md_summary", string_filter(markdown::summary));
    tera.register_filter("md_block", |value: &Value, args: &Args| {
        Ok(Value::String(markdown::block(&text(value), under(args))))
    });
    tera.register_filter("markdown", |value: &Value, args: &Args| {
        Ok(Value::String(html::render(&text(value), under(args))))
    });
    tera.register_filter("md_code", |value: &Value, args: &Args| {
        let in_cell = args.get("cell").and_then(Value::as_bool).unwrap_or(false);
        Ok(Value::String(markdown::code(&text(value), in_cell)))
    });
}

/// A filter's input as text: strings as they are, null as nothing, the rest as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The `under=N` argument of the comment filters: the level of the heading the comment sits under.
fn under(args: &Args) -> usize {
    args.get("under")
        .and_then(Value::as_u64)
        .map_or(0, |n| n.min(6) as usize)
}
