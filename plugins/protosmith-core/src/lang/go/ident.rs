//! Go identifiers for proto names: protoc-gen-go's own rules where our
//! output sits beside its output (type names, package names), and the rules
//! of runtime/go/GENERATED.md for the names only protosmith declares.

/// protoc-gen-go's `strs.GoCamelCase`: the Go name of a message or enum
/// (`payment_info` gives `PaymentInfo`, `Payment.Error` gives
/// `Payment_Error`, a leading `_` becomes `X`).
pub fn go_camel_case(name: &str) -> String {
    let s = name.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let next_lower = i + 1 < s.len() && s[i + 1].is_ascii_lowercase();
        match c {
            b'.' if next_lower => {}
            b'.' => out.push('_'),
            b'_' if i == 0 || s[i - 1] == b'.' => out.push('X'),
            b'_' if next_lower => {}
            c if c.is_ascii_digit() => out.push(c as char),
            c => {
                out.push(c.to_ascii_uppercase() as char);
                while i + 1 < s.len() && s[i + 1].is_ascii_lowercase() {
                    i += 1;
                    out.push(s[i] as char);
                }
            }
        }
        i += 1;
    }
    out
}

/// protoc-gen-go's `strs.GoSanitized`, its package name for an import path
/// element: every character that is not a letter or digit becomes `_`, and
/// `_` is prepended to a keyword or a name not starting with a letter.
pub fn go_sanitized(name: &str) -> String {
    let sanitized: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    if is_keyword(&sanitized) || !sanitized.starts_with(char::is_alphabetic) {
        format!("_{sanitized}")
    } else {
        sanitized
    }
}

/// The exported spelling of a proto value name: `USER_ERROR_NOT_FOUND`
/// gives `UserErrorNotFound`, `ERROR_3DS_FAILED` gives `Error3dsFailed`,
/// `notFound` gives `NotFound`. Parts between `_` keep their case unless
/// they have no lower-case letter.
pub fn upper_camel_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        let first = chars.next().expect("parts are not empty");
        out.extend(first.to_uppercase());
        if part.chars().any(char::is_lowercase) {
            out.push_str(chars.as_str());
        } else {
            out.extend(chars.flat_map(char::to_lowercase));
        }
    }
    out
}

/// kratos' protoc-gen-go-errors `case2Camel` (v2.9): a name with `_` or
/// without lower-case letters is lower-cased, then the first letter of each
/// `_`-separated word is upper-cased: `USER_NOT_FOUND` gives `UserNotFound`,
/// `ERROR_3DS_FAILED` gives `Error3DsFailed`, `notFound` gives `NotFound`.
pub fn kratos_camel_case(name: &str) -> String {
    let name = if name.contains('_') || !name.chars().any(char::is_lowercase) {
        name.to_lowercase()
    } else {
        name.to_owned()
    };
    let mut out = String::with_capacity(name.len());
    for word in name.split('_') {
        let mut seen_letter = false;
        for c in word.chars() {
            if !seen_letter && c.is_alphabetic() {
                seen_letter = true;
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// Go's common initialisms (golint's list), upper-cased whole in parameter names.
const INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP",
    "JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL",
    "UDP", "UI", "UID", "UUID", "URI", "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
];

/// The Go parameter for a message placeholder, before escaping: lower camel
/// case with Go's initialisms (`user_id` gives `userID`, `SKU` gives `sku`,
/// `userId` stays). An empty result (`_`) is `arg`; one starting with a
/// digit (`_1`) is prefixed with `arg`.
pub fn parameter_name(placeholder: &str) -> String {
    let mut out = String::with_capacity(placeholder.len());
    for (index, part) in placeholder.split('_').filter(|p| !p.is_empty()).enumerate() {
        let has_lower = part.chars().any(char::is_lowercase);
        if index == 0 {
            if has_lower {
                let mut chars = part.chars();
                out.extend(chars.next().into_iter().flat_map(char::to_lowercase));
                out.push_str(chars.as_str());
            } else {
                out.push_str(&part.to_lowercase());
            }
            continue;
        }
        let upper = part.to_uppercase();
        if INITIALISMS.contains(&upper.as_str()) {
            out.push_str(&upper);
        } else {
            let mut chars = part.chars();
            out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "arg");
    }
    out
}

/// Go's 25 keywords.
pub fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "break"
            | "case"
            | "chan"
            | "const"
            | "continue"
            | "default"
            | "defer"
            | "else"
            | "fallthrough"
            | "for"
            | "func"
            | "go"
            | "goto"
            | "if"
            | "import"
            | "interface"
            | "map"
            | "package"
            | "range"
            | "return"
            | "select"
            | "struct"
            | "switch"
            | "type"
            | "var"
    )
}

/// Go's predeclared identifiers (universe scope, Go 1.26): shadowing one in
/// generated code compiles but misleads readers and linters.
pub fn is_predeclared(name: &str) -> bool {
    matches!(
        name,
        "any"
            | "bool"
            | "byte"
            | "comparable"
            | "complex64"
            | "complex128"
            | "error"
            | "float32"
            | "float64"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "rune"
            | "string"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
            | "true"
            | "false"
            | "iota"
            | "nil"
            | "append"
            | "cap"
            | "clear"
            | "close"
            | "complex"
            | "copy"
            | "delete"
            | "imag"
            | "len"
            | "make"
            | "max"
            | "min"
            | "new"
            | "panic"
            | "print"
            | "println"
            | "real"
            | "recover"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_matches_protoc_gen_go() {
        // Expected values from protoc-gen-go's strs.GoCamelCase tests.
        for (input, want) in [
            ("one", "One"),
            ("one_two", "OneTwo"),
            ("_my_field_name_2", "XMyFieldName_2"),
            ("Something_Capped", "Something_Capped"),
            ("my_Name", "My_Name"),
            ("OneTwo", "OneTwo"),
            ("_", "X"),
            ("_a_", "XA_"),
            ("one.two", "OneTwo"),
            ("one.Two", "One_Two"),
            ("one_two.three_four", "OneTwoThreeFour"),
            ("one_two.Three_four", "OneTwo_ThreeFour"),
            ("_one._two", "XOne_XTwo"),
            ("SCREAMING_SNAKE_CASE", "SCREAMING_SNAKE_CASE"),
            ("double__underscore", "Double_Underscore"),
            ("camelCase", "CamelCase"),
            ("go2proto", "Go2Proto"),
            ("Payment.Error", "Payment_Error"),
        ] {
            assert_eq!(go_camel_case(input), want, "{input}");
        }
    }

    #[test]
    fn sanitized_package_names() {
        assert_eq!(go_sanitized("v1"), "v1");
        assert_eq!(go_sanitized("user-api.v2"), "user_api_v2");
        assert_eq!(go_sanitized("2fa"), "_2fa");
        assert_eq!(go_sanitized("type"), "_type");
        assert_eq!(go_sanitized("ünï"), "ünï");
    }

    #[test]
    fn value_names_become_upper_camel() {
        assert_eq!(
            upper_camel_words("USER_ERROR_NOT_FOUND"),
            "UserErrorNotFound"
        );
        assert_eq!(upper_camel_words("ERROR_3DS_FAILED"), "Error3dsFailed");
        assert_eq!(upper_camel_words("notFound"), "NotFound");
        assert_eq!(upper_camel_words("__A__b_"), "AB");
        assert_eq!(upper_camel_words("HTTPError_x"), "HTTPErrorX");
    }

    #[test]
    fn kratos_camel_case_matches_case2camel() {
        // Expected values printed by kratos' case2Camel (golang.org/x/text v0.42.0).
        for (input, want) in [
            ("USER_ERROR_NOT_FOUND", "UserErrorNotFound"),
            ("ERROR_3DS_FAILED", "Error3DsFailed"),
            ("notFound", "NotFound"),
            ("NOTFOUND", "Notfound"),
            ("a__b", "AB"),
            ("_x_", "X"),
            ("ERROR_X2Y_Z", "ErrorX2yZ"),
            ("user_iD", "UserId"),
        ] {
            assert_eq!(kratos_camel_case(input), want, "{input}");
        }
    }

    #[test]
    fn parameters_are_lower_camel_with_initialisms() {
        for (input, want) in [
            ("user_id", "userID"),
            ("userId", "userId"),
            ("last4", "last4"),
            ("SKU", "sku"),
            ("order_url_http", "orderURLHTTP"),
            ("Name", "name"),
            ("_", "arg"),
            ("_1", "arg1"),
            ("a__b", "aB"),
            ("type", "type"),
        ] {
            assert_eq!(parameter_name(input), want, "{input}");
        }
    }

    #[test]
    fn keywords_and_predeclared() {
        assert!(is_keyword("type") && is_keyword("map") && !is_keyword("string"));
        assert!(is_predeclared("string") && is_predeclared("nil") && !is_predeclared("type"));
    }
}
