//! Splitting a content file into TOML front matter and Markdown body, and
//! turning TOML errors into diagnostics with the file's own line numbers.

use std::path::Path;

use crate::error::{did_you_mean, Diagnostic};

/// A content file cut in two. `toml_line` is the file line on which the
/// TOML text starts, so error offsets map back to the file.
#[derive(Debug)]
pub struct Split<'a> {
    pub toml: &'a str,
    pub toml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Cuts `text` at its `+++` fences. A byte-order mark and CRLF line endings
/// are accepted.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        let help = if text.trim().is_empty() {
            "the file is empty: give it a front matter like `+++\\ntitle = \"...\"\\n+++`, or delete it"
        } else {
            "start the file with a line `+++`, then TOML fields, then another `+++` line"
        };
        return Err(Diagnostic::new(path, "no front matter").at(1, 1).help(help));
    }
    let toml_start = (first_end + 1).min(text.len());
    let mut offset = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let toml = &text[toml_start..offset];
            let body_start = offset + line.len();
            return Ok(Split {
                toml,
                toml_line: 2,
                body: &text[body_start..],
                body_line: 3 + toml.matches('\n').count(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(path, "the front matter is not closed")
        .at(1, 1)
        .help("add a line `+++` after the last TOML field"))
}

/// A TOML parse or schema error as a diagnostic at its position, with a
/// suggestion when the error is an unknown field close to a known one.
pub fn toml_diagnostic(
    err: &toml::de::Error,
    toml: &str,
    toml_line: usize,
    path: &Path,
    fields: &[&str],
) -> Diagnostic {
    let mut message = err.message().trim().to_string();
    if message == "duplicate key" {
        // The parser points at the second key without naming it.
        let key = err.span().and_then(|span| toml.get(span));
        if let Some(key) = key
            .map(str::trim)
            .filter(|k| !k.is_empty() && !k.contains('\n'))
        {
            message = format!("duplicate key `{key}`");
        }
    }
    let mut diagnostic = Diagnostic::new(path, first_sentence(&message));
    if let Some(span) = err.span() {
        diagnostic = diagnostic.at_offset(toml, span.start, toml_line);
    }
    if let Some(field) = unknown_field(&message) {
        // In a nested table (`[[events]]`, `[source]`) serde's own list of
        // the table's fields is the right one, not the file's top level.
        let expected = expected_fields(&message);
        let fields: Vec<&str> = if expected.is_empty() {
            fields.to_vec()
        } else {
            expected
        };
        let help = did_you_mean(field, fields.iter().copied())
            .unwrap_or_else(|| format!("remove it; known fields are: {}", fields.join(", ")));
        diagnostic = diagnostic.help(help);
    } else if let Some(field) = missing_field(&message) {
        diagnostic = diagnostic.help(format!("add `{}`", example(field)));
    } else if message.starts_with("invalid basic string") {
        diagnostic = diagnostic.help(
            "end the string with `\"` on the same line; for several lines use `\"\"\"`, \
             for a backslash write `\\\\`",
        );
    } else if message.ends_with("expected u32") {
        diagnostic = diagnostic.help("write a whole number, 0 or more, without quotes");
    } else if message.starts_with("duplicate key") {
        diagnostic = diagnostic.help("keep one of the two lines");
    } else if message.contains("date")
        && (message.contains("invalid") || message.contains("TOML datetime"))
    {
        diagnostic = diagnostic.help(
            "write a day like 2024-04-12 or a moment like 2024-04-12T08:00:00Z, without quotes",
        );
    }
    diagnostic
}

fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next()
}

/// A line that fills a required field, for the help of a missing one.
fn example(field: &str) -> String {
    match field {
        "date" => "date = 2024-04-12".to_string(),
        "base_url" => "base_url = \"https://example.org/\"".to_string(),
        "iso" => "iso = \"NE\"".to_string(),
        "region" => "region = \"sahel\"".to_string(),
        "kind" => "kind = \"armed-group\"".to_string(),
        _ => format!("{field} = \"...\""),
    }
}

/// serde's "unknown field `x`, expected one of ..." is long; the list of
/// expected fields moves to the help text instead.
fn first_sentence(message: &str) -> String {
    match message.find(", expected") {
        Some(i) if message.starts_with("unknown field") => message[..i].to_string(),
        _ => message.replace('\n', " "),
    }
}

/// The field names in serde's "..., expected one of `a`, `b`".
fn expected_fields(message: &str) -> Vec<&str> {
    let Some((_, list)) = message.split_once(", expected one of ") else {
        return Vec::new();
    };
    list.split('`').skip(1).step_by(2).collect()
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("a.md")
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("+++\ntitle = \"x\"\n+++\nHello\n", p()).unwrap();
        assert_eq!(s.toml, "title = \"x\"\n");
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let s = split("\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\nHello\r\n", p()).unwrap();
        assert_eq!(s.toml, "title = \"x\"\r\n");
        assert_eq!(s.body, "Hello\r\n");
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_reported() {
        let e = split("Hello\n", p()).unwrap_err();
        assert_eq!(
            e.to_string().split(" (").next().unwrap(),
            "a.md:1:1: no front matter"
        );
        let e = split("", p()).unwrap_err();
        assert!(e.help.unwrap().contains("empty"));
        let e = split("+++\ntitle = 1\n", p()).unwrap_err();
        assert!(e.message.contains("not closed"));
    }
}
