//! Choosing a translation for a caller's languages (AIP-193's
//! `google.rpc.LocalizedMessage`).
//!
//! Callers name their languages the HTTP way, an `Accept-Language` list such
//! as `de-CH, de;q=0.9, en;q=0.5` (gRPC clients send it as the
//! `accept-language` metadata entry). A proto names its translations by
//! whatever key its authors chose after `@i18n.` (`de`, `zh`, `zh-TW`, and
//! also ego's customary `cn`), so matching is forgiving: case-insensitive,
//! `-` and `_` alike, and a regional tag falls back to its language.

/// A message in one locale, as carried by `google.rpc.LocalizedMessage`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalizedMessage {
    /// The translation's key as the proto wrote it, e.g. `de` or `zh-TW`.
    pub locale: String,
    /// The translated message, with its placeholders filled.
    pub message: String,
}

/// The key in `available` that best serves `accept_language`, if any.
///
/// Languages are tried by descending quality (`q=0` means "not this one"), in
/// the order given when qualities tie; for each, an exact match wins over a
/// match on the primary language (`de-CH` finds `de`, `zh` finds `zh-CN`).
/// `*` matches nothing: a wildcard states no preference we could honour.
pub fn negotiate<'a>(
    accept_language: &str,
    available: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let mut wanted: Vec<(&str, u16)> = accept_language
        .split(',')
        .filter_map(parse_range)
        .filter(|(tag, quality)| *quality > 0 && *tag != "*")
        .collect();
    // Stable, so equal qualities keep the caller's order.
    wanted.sort_by_key(|(_, quality)| std::cmp::Reverse(*quality));
    wanted.into_iter().find_map(|(tag, _)| {
        let exact = available.clone().into_iter().find(|key| same_tag(key, tag));
        exact.or_else(|| {
            available
                .clone()
                .into_iter()
                .find(|key| same_tag(primary(key), primary(tag)))
        })
    })
}

/// `de;q=0.8` as `("de", 800)`: quality in thousandths, so no floats; a
/// malformed quality drops the entry instead of guessing.
fn parse_range(range: &str) -> Option<(&str, u16)> {
    let mut parts = range.split(';');
    let tag = parts.next()?.trim();
    if tag.is_empty() {
        return None;
    }
    let mut quality = 1000;
    for parameter in parts {
        let (name, value) = parameter.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("q") {
            quality = parse_quality(value.trim())?;
        }
    }
    Some((tag, quality))
}

/// RFC 9110 qvalue: `0`, `1`, or up to three decimals.
fn parse_quality(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

fn same_tag(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes().zip(b.bytes()).all(|(x, y)| {
            x.eq_ignore_ascii_case(&y) || (matches!(x, b'-' | b'_') && matches!(y, b'-' | b'_'))
        })
}

#[cfg(test)]
mod tests {
    use super::negotiate;

    const KEYS: [&str; 4] = ["cn", "de", "zh-TW", "pt_BR"];

    fn pick(header: &str) -> Option<&'static str> {
        negotiate(header, KEYS.iter().copied())
    }

    #[test]
    fn exact_tags_win_over_their_language() {
        assert_eq!(pick("zh-TW"), Some("zh-TW"));
        assert_eq!(pick("ZH_tw"), Some("zh-TW"));
        assert_eq!(pick("pt-BR"), Some("pt_BR"));
        assert_eq!(pick("cn"), Some("cn"));
    }

    #[test]
    fn regional_tags_fall_back_to_their_language_and_back() {
        assert_eq!(pick("de-CH"), Some("de"));
        assert_eq!(pick("zh"), Some("zh-TW"));
        assert_eq!(pick("pt-PT"), Some("pt_BR"));
    }

    #[test]
    fn qualities_order_the_choices() {
        assert_eq!(pick("fr, de;q=0.5, zh-TW;q=0.9"), Some("zh-TW"));
        assert_eq!(pick("de;q=0.5, cn;q=0.5"), Some("de"));
        assert_eq!(pick("de;q=0, cn;q=0.001"), Some("cn"));
        assert_eq!(pick("de;q=1.0"), Some("de"));
    }

    #[test]
    fn nothing_suitable_gives_none() {
        assert_eq!(pick(""), None);
        assert_eq!(pick("*"), None);
        assert_eq!(pick("fr, en-GB"), None);
        assert_eq!(pick("de;q=0"), None);
        assert_eq!(pick("de;q=2"), None);
        assert_eq!(pick("de;q=0.1234"), None);
        assert_eq!(pick("de;q"), None);
        assert_eq!(pick(",,;,"), None);
        assert_eq!(negotiate("de", []), None);
    }
}
