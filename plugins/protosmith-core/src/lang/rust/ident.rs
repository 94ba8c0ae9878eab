//! Rust identifiers for proto names, as prost and tonic form them.

/// `name`, made a valid identifier: raw for keywords, suffixed where raw is not allowed.
pub fn identifier(name: &str) -> String {
    match name {
        "self" | "super" | "crate" | "Self" | "_" => format!("{name}_"),
        _ if is_keyword(name) => format!("r#{name}"),
        _ => name.to_owned(),
    }
}

pub fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "try"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
    )
}

/// tonic-build's snake case for service names (`naive_snake_case`): an
/// underscore before every upper-case letter, so `HTTPService` gives
/// `h_t_t_p_service`, which is what its `<name>_client` modules are called.
pub fn tonic_snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c.to_ascii_lowercase());
        if chars.peek().is_some_and(|next| next.is_uppercase()) {
            out.push('_');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_tonic_names() {
        assert_eq!(identifier("type"), "r#type");
        assert_eq!(identifier("self"), "self_");
        assert_eq!(identifier("user_id"), "user_id");
        assert_eq!(tonic_snake_case("UserService"), "user_service");
        assert_eq!(tonic_snake_case("HTTPService"), "h_t_t_p_service");
    }
}
