//! The error value services return and clients compare.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use crate::locale::{self, LocalizedMessage};
use crate::registry::ErrorDef;
use crate::wire::{Detail, ErrorInfoView, KeptDetails};
use crate::{Code, template};

/// A gRPC error with a machine-readable identity: `(reason, domain)`.
///
/// Values are immutable in spirit: every `with_*` method consumes and returns
/// a new value, so an error built from a registered definition never changes
/// what the definition says.
#[derive(Clone)]
pub struct Error {
    // Boxed so `Result<T, Error>` stays one pointer wide (clippy's
    // result_large_err would otherwise fire in every service using it).
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    code: Code,
    reason: Cow<'static, str>,
    domain: Cow<'static, str>,
    message: Cow<'static, str>,
    metadata: BTreeMap<String, String>,
    definition: Option<&'static ErrorDef>,
    localization: Option<Localization>,
    /// Details other than ErrorInfo and LocalizedMessage, sent after them.
    details: KeptDetails,
    source: Option<Arc<dyn StdError + Send + Sync + 'static>>,
}

#[derive(Clone)]
enum Localization {
    /// A translation key of the definition, rendered when asked for, so
    /// metadata added afterwards still fills its placeholders.
    Translation(&'static str),
    /// A finished message: set by hand or received from the wire.
    Given(LocalizedMessage),
}

impl Error {
    /// An error that no proto declared; prefer generated constructors.
    pub fn new(
        code: Code,
        reason: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::from_inner(Inner {
            code,
            reason: reason.into(),
            domain: Cow::Borrowed(""),
            message: message.into(),
            metadata: BTreeMap::new(),
            definition: None,
            localization: None,
            details: KeptDetails::default(),
            source: None,
        })
    }

    pub(crate) fn from_def(def: &'static ErrorDef) -> Self {
        Error::from_inner(Inner {
            code: def.code,
            reason: Cow::Borrowed(def.reason),
            domain: Cow::Borrowed(def.domain),
            message: Cow::Borrowed(def.message),
            metadata: BTreeMap::new(),
            definition: Some(def),
            localization: None,
            details: KeptDetails::default(),
            source: None,
        })
    }

    fn from_inner(inner: Inner) -> Self {
        Error {
            inner: Box::new(inner),
        }
    }

    pub fn code(&self) -> Code {
        self.inner.code
    }

    /// The reason; empty when the error did not come with one (a plain status).
    pub fn reason(&self) -> &str {
        &self.inner.reason
    }

    pub fn domain(&self) -> &str {
        &self.inner.domain
    }

    pub fn message(&self) -> &str {
        &self.inner.message
    }

    pub fn metadata(&self) -> &BTreeMap<String, String> {
        &self.inner.metadata
    }

    /// The definition this error was made from or, for a decoded wire error,
    /// the registered definition its reason names.
    pub fn definition(&self) -> Option<&'static ErrorDef> {
        self.inner.definition
    }

    /// HTTP status for the code (google/rpc/code.proto mapping).
    pub fn http_status(&self) -> u16 {
        self.inner.code.http_status()
    }

    /// errors.Is for gRPC: same reason and domain. Code, message and metadata
    /// are ignored. An error without a reason matches nothing, not even another
    /// reason-less error, so "expected no specific error" never passes by accident.
    pub fn is(&self, target: &Error) -> bool {
        let (this, that) = (&*self.inner, &*target.inner);
        if let (Some(a), Some(b)) = (this.definition, that.definition) {
            // Errors made from, or decoded to, the same registered
            // definition: the common case, one pointer comparison.
            if std::ptr::eq(a, b) {
                return !a.reason.is_empty() && same(&this.domain, &that.domain);
            }
        }
        !this.reason.is_empty()
            && same(&this.reason, &that.reason)
            && same(&this.domain, &that.domain)
    }

    /// A copy with another message.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.inner.message = message.into();
        self
    }

    /// A copy with one more metadata entry (an existing key is replaced; other keys are kept).
    #[must_use]
    pub fn with_metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.inner.metadata.insert(key.into(), value.into());
        self
    }

    /// A copy whose metadata holds `args` and whose message is the definition's
    /// template rendered with them. Generated constructors with placeholders use this.
    #[must_use]
    pub fn with_args<K: Into<String>>(
        mut self,
        args: impl IntoIterator<Item = (K, String)>,
    ) -> Self {
        self.inner
            .metadata
            .extend(args.into_iter().map(|(key, value)| (key.into(), value)));
        let template = self
            .inner
            .definition
            .map_or(&*self.inner.message, |def| def.message);
        self.inner.message = Cow::Owned(template::render(template, &self.inner.metadata));
        self
    }

    /// A copy with another domain (for hand-made errors; generated ones carry theirs).
    #[must_use]
    pub fn with_domain(mut self, domain: impl Into<Cow<'static, str>>) -> Self {
        self.inner.domain = domain.into();
        self
    }

    /// A copy carrying `cause`, reachable through [`std::error::Error::source`].
    /// The cause stays in this process: it is never put on the wire.
    #[must_use]
    pub fn with_source(mut self, cause: impl StdError + Send + Sync + 'static) -> Self {
        self.inner.source = Some(Arc::new(cause));
        self
    }

    /// The message in `language`, rendered with this error's metadata, if the
    /// proto gave a translation for it.
    pub fn localized_message(&self, language: &str) -> Option<String> {
        let text = self.inner.definition?.translation(language)?;
        Some(template::render(text, &self.inner.metadata))
    }

    /// A copy that carries, as AIP-193's `LocalizedMessage`, the proto's
    /// translation best suited to `accept_language` (an `Accept-Language`
    /// value such as `de-CH, de;q=0.9`; a single tag works too). Without a
    /// suitable translation the error is returned as it was: the caller still
    /// gets the message.
    #[must_use]
    pub fn with_locale(mut self, accept_language: &str) -> Self {
        let chosen = self.inner.definition.and_then(|def| {
            locale::negotiate(accept_language, def.i18n.iter().map(|(key, _)| *key))
        });
        if let Some(key) = chosen {
            self.inner.localization = Some(Localization::Translation(key));
        }
        self
    }

    /// A copy carrying `message` as the translation for `locale`, for errors
    /// that no proto declared.
    #[must_use]
    pub fn with_localized_message(
        mut self,
        locale: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        self.inner.localization = Some(Localization::Given(LocalizedMessage {
            locale: locale.into(),
            message: message.into(),
        }));
        self
    }

    /// The localized message this error carries on the wire, if one was
    /// chosen with [`Error::with_locale`] or received from the peer.
    pub fn localized(&self) -> Option<LocalizedMessage> {
        match self.inner.localization.as_ref()? {
            Localization::Given(given) => Some(given.clone()),
            Localization::Translation(key) => Some(LocalizedMessage {
                locale: (*key).to_owned(),
                message: self.localized_message(key)?,
            }),
        }
    }

    /// The details this error carries besides its ErrorInfo and
    /// LocalizedMessage (RetryInfo, BadRequest, Help, ... or any other
    /// message), in the order received or added; they are sent after those two.
    pub fn details(&self) -> impl Iterator<Item = Detail<'_>> {
        self.inner.details.iter()
    }

    /// A copy carrying one more detail: a serialized message and its type URL
    /// (`type.googleapis.com/google.rpc.RetryInfo`). A detail of the same type
    /// is replaced; an ErrorInfo or LocalizedMessage is ignored, since those
    /// come from the error's reason, metadata and [`Error::with_locale`].
    #[must_use]
    pub fn with_detail(mut self, type_url: &str, value: &[u8]) -> Self {
        let name = crate::wire::type_name(type_url);
        if name != "google.rpc.ErrorInfo" && name != "google.rpc.LocalizedMessage" {
            self.inner.details.remove(name);
            self.inner.details.push(type_url, value);
        }
        self
    }

    pub(crate) fn kept_details(&self) -> &KeptDetails {
        &self.inner.details
    }

    /// The message, moved out when it is owned (sending an error consumes it).
    #[cfg(feature = "tonic")]
    pub(crate) fn into_message(self) -> String {
        self.inner.message.into_owned()
    }

    /// Rebuilds an error from its wire parts, attaching the registered definition
    /// (and its code) when the reason is known. Reason and domain are copied
    /// only when they are not a registered definition's.
    pub(crate) fn from_wire(
        code: Code,
        message: String,
        mut info: Option<ErrorInfoView<'_>>,
        localized: Option<LocalizedMessage>,
        details: KeptDetails,
    ) -> Self {
        let localization = localized.map(Localization::Given);
        let (reason, domain, metadata) = match &mut info {
            Some(info) => (info.reason, info.domain, std::mem::take(&mut info.metadata)),
            None => ("", "", BTreeMap::new()),
        };
        let definition = if reason.is_empty() {
            None
        } else {
            crate::registry::lookup(domain, reason)
        };
        let inner = match definition {
            Some(def) => Inner {
                code: def.code,
                reason: Cow::Borrowed(def.reason),
                domain: Cow::Borrowed(def.domain),
                message: Cow::Owned(message),
                metadata,
                definition: Some(def),
                localization,
                details,
                source: None,
            },
            None => Inner {
                code,
                reason: Cow::Owned(reason.to_owned()),
                domain: Cow::Owned(domain.to_owned()),
                message: Cow::Owned(message),
                metadata,
                definition: None,
                localization,
                details,
                source: None,
            },
        };
        Error::from_inner(inner)
    }
}

/// String equality that skips the byte comparison for the same string
/// (both borrowed from one definition) and the common empty domain.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.is_empty() || std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.inner.code)
            .field("reason", &self.inner.reason)
            .field("domain", &self.inner.domain)
            .field("message", &self.inner.message)
            .field("metadata", &self.inner.metadata)
            .field("localized", &self.localized())
            .field("details", &self.details().collect::<Vec<_>>())
            .field("source", &self.inner.source)
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.inner.code, self.inner.message)?;
        if !self.inner.reason.is_empty() {
            write!(f, " (reason {}", self.inner.reason)?;
            if !self.inner.domain.is_empty() {
                write!(f, ", domain {}", self.inner.domain)?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|cause| cause as &(dyn StdError + 'static))
    }
}
