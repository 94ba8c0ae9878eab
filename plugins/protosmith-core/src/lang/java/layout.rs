//! google-java-format's layout (1.24.0, `--skip-reflowing-long-strings`) of
//! the constructs generated Java can grow: calls with arguments and Javadoc.
//! Column limit 100; the caller gives each construct its indent.

/// google-java-format's column limit.
pub const COLUMN_LIMIT: usize = 100;

/// The width below which google-java-format fills arguments onto lines
/// rather than putting each on its own line (`MAX_ITEM_LENGTH_FOR_FILLING`).
const SHORT_ARGUMENT: usize = 10;

/// The call `head(arguments)tail` at column `indent`: on one line if it
/// fits; else broken after `(` with the arguments on one line at
/// `indent + continuation`; if that does not fit either, the arguments
/// filled onto lines when each is shorter than 10 characters, else one per
/// line. Arguments are never split: a long string literal stays whole,
/// beyond the limit.
pub fn call(
    indent: usize,
    head: &str,
    arguments: &[String],
    tail: &str,
    continuation: usize,
) -> Vec<String> {
    let fill = arguments.iter().all(|a| a.len() < SHORT_ARGUMENT);
    broken(indent, head, arguments, tail, continuation, fill)
}

/// A method declaration `head(parameters)tail`, laid out as [`call`] but
/// never filled: parameters that do not fit on one line get one line each.
pub fn declaration(indent: usize, head: &str, parameters: &[String], tail: &str) -> Vec<String> {
    broken(indent, head, parameters, tail, 4, false)
}

fn broken(
    indent: usize,
    head: &str,
    arguments: &[String],
    tail: &str,
    continuation: usize,
    fill: bool,
) -> Vec<String> {
    let pad = " ".repeat(indent);
    let one_line = format!("{pad}{head}({}){tail}", arguments.join(", "));
    if arguments.is_empty() || one_line.len() <= COLUMN_LIMIT {
        return vec![one_line];
    }
    let inner = " ".repeat(indent + continuation);
    let mut lines = vec![format!("{pad}{head}(")];
    let together = format!("{inner}{}){tail}", arguments.join(", "));
    if arguments.len() == 1 || together.len() <= COLUMN_LIMIT {
        lines.push(together);
        return lines;
    }
    let last = arguments.len() - 1;
    let mut line = inner.clone();
    for (i, argument) in arguments.iter().enumerate() {
        let item = if i == last {
            format!("{argument}){tail}")
        } else {
            format!("{argument},")
        };
        if line.len() == inner.len() {
            line.push_str(&item);
        } else if fill && line.len() + 1 + item.len() <= COLUMN_LIMIT {
            line.push(' ');
            line.push_str(&item);
        } else {
            lines.push(std::mem::replace(&mut line, format!("{inner}{item}")));
        }
    }
    lines.push(line);
    lines
}

/// A Javadoc comment at column `indent`, without a final newline: the
/// paragraphs (later ones already starting with `<p>`) filled greedily at
/// spaces to the column limit, a blank line between them, then the block
/// tags (`@param ...`, continued 4 columns further in). One paragraph that
/// fits and no tags make `/** text */`.
pub fn javadoc(indent: usize, paragraphs: &[String], tags: &[String]) -> String {
    let pad = " ".repeat(indent);
    if let [only] = paragraphs
        && tags.is_empty()
        && only.len() <= COLUMN_LIMIT - "/**  */".len() - indent
    {
        return format!("{pad}/** {only} */");
    }
    let width = COLUMN_LIMIT - indent - " * ".len();
    let mut out = format!("{pad}/**\n");
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str(&format!("{pad} *\n"));
        }
        for line in fill(paragraph, width, width) {
            out.push_str(&format!("{pad} * {line}\n"));
        }
    }
    if !tags.is_empty() && !paragraphs.is_empty() {
        out.push_str(&format!("{pad} *\n"));
    }
    for tag in tags {
        for (i, line) in fill(tag, width, width - 4).into_iter().enumerate() {
            let continued = if i == 0 { "" } else { "    " };
            out.push_str(&format!("{pad} * {continued}{line}\n"));
        }
    }
    out.push_str(&format!("{pad} */"));
    out
}

/// Greedy filling at single spaces, after `<code>` and before a `</code>`
/// that ends a word, where google-java-format 1.24 breaks without a space
/// (it keeps `</code>;` to the word before it): the first line `first`
/// wide, the others `rest`; a word wider than the line stays whole.
fn fill(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut at_start = true;
    for (spaced, piece) in pieces(text) {
        let width = if lines.is_empty() { first } else { rest };
        let gap = usize::from(spaced);
        if at_start {
            line.push_str(piece);
            at_start = false;
        } else if line.len() + gap + piece.len() <= width {
            if spaced {
                line.push(' ');
            }
            line.push_str(piece);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(piece);
        }
    }
    lines.push(line);
    lines
}

/// The pieces of `text` between break opportunities, each with whether a
/// space comes before it.
fn pieces(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    for (i, word) in text.split(' ').enumerate() {
        let mut spaced = i > 0;
        let mut rest = word;
        if let Some(after) = rest.strip_prefix("<code>")
            && !after.is_empty()
        {
            out.push((spaced, "<code>"));
            spaced = false;
            rest = after;
        }
        if let Some(before) = rest.strip_suffix("</code>")
            && !before.is_empty()
        {
            out.push((spaced, before));
            spaced = false;
            rest = "</code>";
        }
        out.push((spaced, rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_call_breaks_after_the_parenthesis_then_per_argument() {
        assert_eq!(
            call(4, "return X.f", &strings(&["a", "b"]), ";", 4),
            ["    return X.f(a, b);"]
        );
        let long = "x".repeat(60);
        let args = strings(&[&long, &long]);
        assert_eq!(
            call(2, "f", &args, " {", 4),
            [
                "  f(".to_owned(),
                format!("      {long},"),
                format!("      {long}) {{"),
            ]
        );
        let args = strings(&[&long[..44], &long[..44]]);
        assert_eq!(
            call(4, "return f", &args, ";", 4),
            [
                "    return f(".to_owned(),
                format!("        {}, {});", &long[..44], &long[..44])
            ]
        );
        let huge = "y".repeat(120);
        assert_eq!(
            call(10, ".message", &strings(&[&huge]), "", 4),
            [
                "          .message(".to_owned(),
                format!("              {huge})")
            ]
        );
    }

    #[test]
    fn short_arguments_are_filled_and_declarations_never() {
        let letters: Vec<String> = ('a'..='z').map(|c| format!("{c}{c}{c}")).collect();
        let lines = call(4, "return X.newError", &letters, ";", 4);
        assert_eq!(lines[0], "    return X.newError(");
        assert_eq!(lines.len(), 3);
        assert!(
            lines[1].ends_with(',') && lines[1].len() <= COLUMN_LIMIT,
            "{lines:?}"
        );
        assert!(lines[2].ends_with("zzz);"), "{lines:?}");
        let parameters: Vec<String> = letters.iter().map(|l| format!("String {l}")).collect();
        let lines = declaration(2, "public static GrpcError f", &parameters, " {");
        assert_eq!(lines.len(), 27);
        assert_eq!(lines[26], "      String zzz) {");
    }

    #[test]
    fn javadoc_breaks_inside_code_tags_without_a_space() {
        let words = "w".repeat(80);
        let text = format!("{words} Message <code>{{x}} y</code>; z");
        assert_eq!(
            fill(&text, 95, 95),
            [
                format!("{words} Message <code>"),
                "{x} y</code>; z".to_owned()
            ]
        );
        let name = "v".repeat(60);
        let text = format!("@param p the value of <code>{{{name}}}</code>");
        assert_eq!(
            fill(&text, 95, 91),
            [
                format!("@param p the value of <code>{{{name}}}"),
                "</code>".to_owned()
            ]
        );
    }

    #[test]
    fn javadoc_is_filled_and_one_line_when_it_fits() {
        assert_eq!(javadoc(2, &strings(&["Short."]), &[]), "  /** Short. */");
        let words = "word ".repeat(30);
        let text = words.trim_end();
        assert_eq!(
            javadoc(2, &strings(&[text]), &strings(&["@return x"])),
            format!(
                "  /**\n   * {}\n   * {}\n   *\n   * @return x\n   */",
                "word ".repeat(19).trim_end(),
                "word ".repeat(11).trim_end()
            )
        );
    }
}
