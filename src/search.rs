//! Text folded for search: the words the search data holds for each
//! article, matched by the search script's folded queries, and the rules
//! that both sides share (plural folding, which shard holds a word).

/// Lower case without accents: "États-Unis" -> "etats-unis". The search
/// script folds queries the same way; [`distinct_words`] is defined by it.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// The distinct words of `text` for the search data, folded, at least
/// three characters long, in the order of their first use, joined by
/// spaces.
pub fn distinct_words(text: &str) -> String {
    // The same words in the same order as `fold` on the whole text split on
    // anything but ASCII letters and digits, except that white space and
    // control characters always separate words (folding drops some).
    //
    // Runs of ASCII letters and digits are copied whole into the current
    // word, other characters folded one by one; a word is looked up when it
    // ends among the words already written (kept as ranges of the output,
    // so no string per word). Room for one distinct word per 32 bytes of
    // text (the generated bench bodies have one per 35): the table rarely
    // grows.
    let mut words = DistinctWords {
        seen: hashbrown::HashTable::with_capacity(text.len() / 32),
        ..DistinctWords::default()
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii_alphanumeric() {
            let end = bytes[at..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(bytes.len(), |n| at + n);
            words
                .word
                .extend(bytes[at..end].iter().map(u8::to_ascii_lowercase));
            at = end;
        } else if b.is_ascii() {
            words.end_word();
            at += 1;
        } else if let Some(c) = text[at..].chars().next() {
            if c.is_whitespace() || c.is_control() {
                words.end_word();
            } else {
                // What `deunicode` writes for it: ASCII, "[?]" when
                // unknown, nothing for a combining accent.
                for b in deunicode::deunicode_char(c).unwrap_or("[?]").bytes() {
                    words.push(b);
                }
            }
            at += c.len_utf8();
        }
    }
    words.finish()
}

/// A folded word without its plural mark: a final "s" or "x" is dropped
/// from words of four letters or more, and nothing else ("armees" ->
/// "armee", "armes" -> "arme": the two stay apart). The search script
/// applies the same rule to queries.
pub fn singular(word: &str) -> &str {
    if word.len() > 3 && (word.ends_with('s') || word.ends_with('x')) {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Articles per shard of result records: a first page of ten results
/// needs a few small files.
pub const DOCS_PER_SHARD: usize = 16;

/// Number of record shards for `docs` documents.
pub fn doc_shard_count(docs: usize) -> usize {
    docs.div_ceil(DOCS_PER_SHARD).max(1)
}

/// How many word shards an index of `docs` documents is cut into: about
/// one per 16 documents, a power of two, at most 4096 files.
pub fn word_shard_count(docs: usize) -> usize {
    (docs / 16).max(1).next_power_of_two().min(4096)
}

/// The word shard holding `key`. A word is filed by its first three
/// letters, so every word a typed prefix of three letters or more can
/// complete is in one file; a term key (`#country:niger`) by itself. The
/// search script computes the same (FNV-1a, 32 bits).
pub fn shard_of(key: &str, shards: usize) -> usize {
    let filed = if key.starts_with('#') {
        key
    } else {
        &key[..key.len().min(3)]
    };
    let mut hash: u32 = 0x811c_9dc5;
    for b in filed.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % shards.max(1)
}

/// Distinct folded words of at least three characters, in the order of
/// their first use, joined by spaces.
#[derive(Default)]
struct DistinctWords {
    out: Vec<u8>,
    word: Vec<u8>,
    /// (start, end) in `out` of each word written.
    seen: hashbrown::HashTable<(usize, usize)>,
}

impl DistinctWords {
    fn push(&mut self, b: u8) {
        if b.is_ascii_alphanumeric() {
            self.word.push(b.to_ascii_lowercase());
        } else {
            self.end_word();
        }
    }

    fn end_word(&mut self) {
        if self.word.len() >= 3 {
            let hash = fx_hash(&self.word);
            let out = &self.out;
            let word = &self.word;
            if self
                .seen
                .find(hash, |&(s, e)| &out[s..e] == word.as_slice())
                .is_none()
            {
                if !self.out.is_empty() {
                    self.out.push(b' ');
                }
                let start = self.out.len();
                self.out.extend_from_slice(&self.word);
                let out = &self.out;
                self.seen
                    .insert_unique(hash, (start, out.len()), |&(s, e)| fx_hash(&out[s..e]));
            }
        }
        self.word.clear();
    }

    fn finish(mut self) -> String {
        self.end_word();
        // Only ASCII letters, digits and spaces were written.
        String::from_utf8(self.out).unwrap_or_default()
    }
}

fn fx_hash(bytes: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = rustc_hash::FxBuildHasher.build_hasher();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("États-Unis NIGÉRIENS"), "etats-unis nigeriens");
        assert_eq!(
            distinct_words("Le Niger, le niger et le Mali."),
            "niger mali"
        );
        // As folding the whole text, then splitting it on anything but
        // ASCII letters and digits; white space and control characters
        // separate words (folding drops control characters, which used to
        // join "Contexte\nLes"), a combining accent does not.
        for text in [
            "L’armée\u{a0}malienne, l'ARMÉE : œuvre d'État\tÉtat-major 2024 «FAMa» fama x2024",
            // Starting and ending inside words folded from other scripts,
            // characters folded to several (½ -> 1/2, Œ -> OE), unknown ones.
            "Ñamena naïve Ibrahim½ ŒUVRE œuvre 数字 🙂abc abc🙂 ΑΘΗΝΑ Москва",
            "é",
            "",
            "   ab abc ABC abc",
            "Ivoir\u{5}\0e Traore\u{301} x\u{85}yz abc\u{2028}def ghi\u{9f}jkl",
        ] {
            let whole = fold(&text.replace(|c: char| c.is_whitespace() || c.is_control(), " "));
            let mut expected: Vec<&str> = Vec::new();
            for w in whole.split(|c: char| !c.is_ascii_alphanumeric()) {
                if w.len() >= 3 && !expected.contains(&w) {
                    expected.push(w);
                }
            }
            assert_eq!(distinct_words(text), expected.join(" "), "{text:?}");
        }
        assert_eq!(distinct_words("Contexte\nLes faits"), "contexte les faits");
    }

    #[test]
    fn plurals_fold_without_merging_words() {
        assert_eq!(singular("armees"), "armee");
        assert_eq!(singular("armee"), "armee");
        assert_eq!(singular("armes"), "arme");
        assert_eq!(singular("jeux"), "jeu");
        assert_eq!(singular("attacks"), "attack");
        // Short words and other endings stay as they are.
        assert_eq!(singular("les"), "les");
        assert_eq!(singular("bus"), "bus");
        assert_eq!(singular("armement"), "armement");
    }

    #[test]
    fn shards_file_words_by_their_first_three_letters() {
        assert_eq!(word_shard_count(0), 1);
        assert_eq!(word_shard_count(10_000), 1024);
        assert_eq!(word_shard_count(1_000_000), 4096);
        let n = 1024;
        assert_eq!(shard_of("niger", n), shard_of("nigeria", n));
        assert_eq!(shard_of("nig", n), shard_of("nigerien", n));
        assert!(shard_of("#country:niger", n) < n);
        // FNV-1a of "nig", as the search script computes it.
        assert_eq!(shard_of("nig", 1 << 31), 0x18a4_0a3d);
    }
}
