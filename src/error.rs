//! Errors of every stage, each one pointing at a file (and a line and
//! column when known) and saying what to do about it.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one input file: `path:line:col: message (help)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line and column, when the position is known.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// What to do about it, e.g. `did you mean "wagner"?`.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            position: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.position = Some((line, col));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Places the diagnostic at a byte offset of `text`, which starts at
    /// line `first_line` of the file.
    pub fn at_offset(self, text: &str, offset: usize, first_line: usize) -> Self {
        let (line, col) = line_col(text, offset);
        self.at(line + first_line - 1, col)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths, ids and titles come from untrusted files: never let them
        // drive the terminal.
        let path = self.path.display().to_string();
        write!(f, "{}", terminal_safe(&path))?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", terminal_safe(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, " ({})", terminal_safe(help))?;
        }
        Ok(())
    }
}

/// `text` with every character that could move the cursor, change colours
/// or the window title, hide text or reorder it (C0 controls but tab and
/// line feed, DEL, C1 controls, zero-width and bidirectional marks) as a
/// visible `\u{..}` escape, so a message printed to a terminal shows what
/// the file holds instead of obeying it.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_terminal_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_terminal_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes text on through [`terminal_safe`]: for output
/// that quotes untrusted files at length (`import` shows what it writes).
pub struct TerminalSafe<W: std::io::Write> {
    inner: W,
    /// The start of a character split between two writes.
    pending: Vec<u8>,
}

impl<W: std::io::Write> TerminalSafe<W> {
    pub fn new(inner: W) -> Self {
        TerminalSafe {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: std::io::Write> std::io::Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let (valid, rest) = match std::str::from_utf8(&self.pending) {
            Ok(_) => (self.pending.len(), 0),
            // An incomplete character at the end waits for the next write.
            Err(e) if e.error_len().is_none() => (e.valid_up_to(), 0),
            // Not UTF-8: shown as U+FFFD.
            Err(e) => (e.valid_up_to(), e.error_len().unwrap_or(1)),
        };
        let text = String::from_utf8_lossy(&self.pending[..valid + rest]).into_owned();
        self.inner.write_all(terminal_safe(&text).as_bytes())?;
        self.pending.drain(..valid + rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let text = String::from_utf8_lossy(&self.pending).into_owned();
            self.inner.write_all(terminal_safe(&text).as_bytes())?;
            self.pending.clear();
        }
        self.inner.flush()
    }
}

fn is_terminal_unsafe(c: char) -> bool {
    is_invisible(c) && c != '\n' && c != '\t'
}

/// Control characters, zero-width spaces and direction overrides: they
/// show as nothing, or drive the terminal, or reorder the text around them.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The closest known name to a misspelt one, if any is close enough to be
/// a plausible typo.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let wrong_lower = wrong.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&wrong_lower, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("did you mean \"{k}\"?"))
}

/// Why a command failed. Content and configuration problems exit with 1,
/// usage problems with 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the site's files, all of them reported at once.
    #[error("{}", join_lines(.0))]
    Content(Vec<Diagnostic>),
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The command line asked for something impossible.
    #[error("{0}")]
    Usage(String),
}

fn join_lines(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&d.to_string());
    }
    out
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Content(vec![d])
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nnamé = \"x\"\n";
        let offset = text.find('=').unwrap();
        assert_eq!(line_col(text, offset), (1, 3));
        let offset = text.rfind('=').unwrap();
        assert_eq!(line_col(text, offset), (2, 6));
    }

    #[test]
    fn suggests_close_names_only() {
        let known = ["wagner", "africa-corps", "jnim"];
        assert_eq!(
            did_you_mean("wagnr", known).as_deref(),
            Some("did you mean \"wagner\"?")
        );
        assert_eq!(did_you_mean("zzzzzz", known), None);
    }

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(terminal_safe("plain\tline\nnext"), "plain\tline\nnext");
        assert_eq!(
            terminal_safe("a\u{1b}[2Jb\u{7f}\u{9b}\r\u{202e}"),
            "a\\u{1b}[2Jb\\u{7f}\\u{9b}\\u{d}\\u{202e}"
        );
        let d =
            Diagnostic::new("x\u{1b}]0;t\u{7}.md", "unknown actor \"\u{1b}[8m\"").help("\u{1b}c");
        assert!(!d.to_string().contains('\u{1b}'), "{d}");
    }

    #[test]
    fn the_terminal_writer_escapes_across_split_writes() {
        use std::io::Write;
        let mut out = TerminalSafe::new(Vec::new());
        let text = "é\u{1b}[2J\u{202e}x\n".as_bytes();
        for byte in text {
            out.write_all(std::slice::from_ref(byte)).unwrap();
        }
        out.write_all(b"\xff!").unwrap();
        out.flush().unwrap();
        let shown = String::from_utf8(out.inner).unwrap();
        assert_eq!(shown, "é\\u{1b}[2J\\u{202e}x\n\u{fffd}!");
    }

    #[test]
    fn diagnostic_displays_as_file_line_col() {
        let d = Diagnostic::new("content/articles/x.md", "unknown actor \"wagnr\"")
            .at(4, 13)
            .help("did you mean \"wagner\"?");
        assert_eq!(
            d.to_string(),
            "content/articles/x.md:4:13: unknown actor \"wagnr\" (did you mean \"wagner\"?)"
        );
    }
}
