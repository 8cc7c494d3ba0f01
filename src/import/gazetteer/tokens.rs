//! Words of a text, folded (case, accents, Unicode form, look-alike
//! letters) so that names match however they are written.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower case, accents and other marks removed, ligatures expanded, and
/// Cyrillic or Greek look-alike letters read as the Latin ones.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'œ' | 'Œ' => return out.push_str("oe"),
        'æ' | 'Æ' => return out.push_str("ae"),
        'ß' => return out.push_str("ss"),
        'ø' | 'Ø' => return out.push('o'),
        'đ' | 'Đ' => return out.push('d'),
        'ł' | 'Ł' => return out.push('l'),
        'ı' => return out.push('i'),
        '’' | '‘' | 'ʼ' | '′' | '`' | '´' => return out.push('\''),
        _ => {}
    }
    if let Some(latin) = homoglyph(c) {
        out.push(latin.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(l);
            }
        }
    });
}

/// A Cyrillic or Greek letter that looks exactly like a Latin one.
pub fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'А' => 'A',
        'с' => 'c',
        'С' => 'C',
        'е' => 'e',
        'Е' => 'E',
        'о' => 'o',
        'О' => 'O',
        'р' => 'p',
        'Р' => 'P',
        'х' => 'x',
        'Х' => 'X',
        'у' => 'y',
        'і' => 'i',
        'І' => 'I',
        'ј' => 'j',
        'ѕ' => 's',
        'Ѕ' => 'S',
        'В' => 'B',
        'Н' => 'H',
        'К' => 'K',
        'М' => 'M',
        'Т' => 'T',
        'ο' => 'o',
        'Ο' => 'O',
        'α' => 'a',
        'Α' => 'A',
        'Ε' => 'E',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Χ' => 'X',
        _ => return None,
    })
}

pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A word of the text: a maximal run of letters and digits.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// Byte range of the folded word in [`Tokens::folded`].
    pub fold_start: u32,
    pub fold_end: u32,
    /// First letter upper case.
    pub capital: bool,
    /// Every letter upper case (acronyms, shouting).
    pub upper: bool,
    /// Preceded by `#`.
    pub hashtag: bool,
    /// A sentence, clause or line boundary (`.`, `!`, `?`, `;`, `:`,
    /// a comma, a bracket, a quote or a new line) separates it from the previous token.
    pub after_break: bool,
    /// A sentence boundary (`.`, `!`, `?`, new line) separates it from the previous token.
    pub sentence_start: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub source: String,
    pub folded: String,
    pub list: Vec<Token>,
}

impl Tokens {
    /// The token's text as written. Only valid with the text it was made from.
    pub fn original(&self, i: usize) -> &str {
        &self.source[self.list[i].start..self.list[i].end]
    }

    pub fn word(&self, i: usize) -> &str {
        let t = &self.list[i];
        &self.folded[t.fold_start as usize..t.fold_end as usize]
    }

    /// The text between token `i - 1` and token `i` as written (`, `,
    /// `-`, `», `). `i` must be at least 1.
    pub fn gap_before(&self, i: usize) -> &str {
        &self.source[self.list[i - 1].end..self.list[i].start]
    }
}

/// Splits text into words on Unicode letter and digit boundaries, so that
/// `Mali` is not found in `Somalia` nor `Niger` in `Nigeria`.
pub fn tokenize(text: &str) -> Tokens {
    let mut tokens = Tokens {
        source: text.to_string(),
        folded: String::with_capacity(text.len()),
        list: Vec::with_capacity(text.len() / 5),
    };
    let mut current: Option<Token> = None;
    let mut pending_break = true;
    let mut pending_sentence = true;
    let mut hashtag = false;
    let mut letters = 0usize;
    let mut uppers = 0usize;
    for (i, c) in text.char_indices() {
        let word_char = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric() || is_combining_mark(c)
        };
        if word_char {
            let tok = current.get_or_insert_with(|| {
                letters = 0;
                uppers = 0;
                let t = Token {
                    start: i,
                    end: i,
                    fold_start: tokens.folded.len() as u32,
                    fold_end: 0,
                    capital: c.is_uppercase(),
                    upper: false,
                    hashtag,
                    after_break: pending_break,
                    sentence_start: pending_sentence,
                };
                pending_break = false;
                pending_sentence = false;
                hashtag = false;
                t
            });
            tok.end = i + c.len_utf8();
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    uppers += 1;
                }
            }
            fold_char(c, &mut tokens.folded);
        } else {
            if let Some(mut tok) = current.take() {
                tok.fold_end = tokens.folded.len() as u32;
                tok.upper = letters > 0 && uppers == letters;
                tokens.list.push(tok);
            }
            // `U.S.`, `J. Smith`: a dot after a single capital is an
            // abbreviation's, not a sentence's end.
            let initial = c == '.'
                && tokens.list.last().is_some_and(|t| {
                    t.end == i && t.end - t.start == 1 && t.upper && t.fold_end > t.fold_start
                });
            match c {
                '.' if initial => {}
                '.' | '!' | '?' | '\n' | '…' => {
                    pending_break = true;
                    pending_sentence = true;
                }
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '«' | '»' | '“' | '”' | '|'
                | '/' | '—' | '–' => pending_break = true,
                _ => {}
            }
            hashtag = c == '#';
        }
    }
    if let Some(mut tok) = current.take() {
        tok.fold_end = tokens.folded.len() as u32;
        tok.upper = letters > 0 && uppers == letters;
        tokens.list.push(tok);
    }
    tokens
}

/// The folded words of a name, as the matcher compares them.
pub fn name_tokens(name: &str) -> Vec<String> {
    let tokens = tokenize(name);
    (0..tokens.list.len())
        .map(|i| tokens.word(i).to_string())
        .collect()
}
