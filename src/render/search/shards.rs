//! Word shards as bytes and back: an incremental build or `serve` redoes a
//! shard by decoding the one it made before, replacing the postings of the
//! documents that changed in place, and encoding it again.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use super::super::inert_json;
use super::{Class, List, Words};
use crate::search::shard_of;

/// The lists of one word shard, by word.
pub(super) type Shard<'a> = BTreeMap<Cow<'a, str>, List>;

/// The bytes of word shard `n`: `sahelSearch("w",n,{word:[code,...]})`.
pub(super) fn encode(n: usize, words: &Shard) -> Vec<u8> {
    let mut out = format!("sahelSearch(\"w\",{n},{{").into_bytes();
    for (k, (word, list)) in words.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend(inert_json(word));
        out.extend_from_slice(b":[");
        let mut previous = 0;
        for (j, &(doc, class)) in list.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            let code = (doc - previous) * 5 + class as u32;
            let _ = write!(out, "{code}");
            previous = doc;
        }
        out.push(b']');
    }
    out.extend_from_slice(b"});\n");
    out
}

/// Word shard `n` as [`encode`] made it, or None if `bytes` are not
/// exactly what encoding their lists gives (a corrupt or foreign file).
pub(super) fn decode(n: usize, bytes: &[u8]) -> Option<Shard<'static>> {
    let head = format!("sahelSearch(\"w\",{n},");
    let body = bytes.strip_prefix(head.as_bytes())?.strip_suffix(b");\n")?;
    let codes: BTreeMap<String, Vec<u32>> = serde_json::from_slice(body).ok()?;
    let mut shard = Shard::new();
    for (word, codes) in codes {
        let mut list = Vec::with_capacity(codes.len());
        let mut doc: u32 = 0;
        if codes.is_empty() {
            return None;
        }
        for (j, code) in codes.into_iter().enumerate() {
            // After the first, each document is after the one before.
            if j > 0 && code < 5 {
                return None;
            }
            doc = doc.checked_add(code / 5)?;
            list.push((doc, Class::from_code(code % 5)?));
        }
        shard.insert(Cow::Owned(word), list);
    }
    // Deltas of 0 after the first, or other spellings of the same data,
    // would not come back as they were.
    (encode(n, &shard) == bytes).then_some(shard)
}

/// Word shard `n` with the postings of the documents `changed` replaced
/// by `fresh` (their postings in this shard now: word, document, class),
/// from the bytes `previous` of it; None if they cannot be decoded.
pub(super) fn patch(
    n: usize,
    previous: &[u8],
    changed: &BTreeSet<u32>,
    fresh: &[(String, u32, Class)],
) -> Option<Vec<u8>> {
    let mut shard = decode(n, previous)?;
    for list in shard.values_mut() {
        list.retain(|(doc, _)| !changed.contains(doc));
    }
    for (word, doc, class) in fresh {
        let list = shard.entry(Cow::Borrowed(word.as_str())).or_default();
        let at = list.partition_point(|(d, _)| d < doc);
        list.insert(at, (*doc, *class));
    }
    shard.retain(|_, list| !list.is_empty());
    Some(encode(n, &shard))
}

/// The word shards of `shards` whose postings of one document differ
/// between its words `old` and `new`.
pub(super) fn differing(old: &Words, new: &Words, shards: usize) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for (a, b) in [(old, new), (new, old)] {
        for (word, class) in a {
            if b.get(word.as_ref()) != Some(class) {
                out.insert(shard_of(word, shards));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(lists: &[(&'static str, &[(u32, Class)])]) -> Shard<'static> {
        lists
            .iter()
            .map(|(w, l)| (Cow::Borrowed(*w), l.to_vec()))
            .collect()
    }

    #[test]
    fn shards_decode_to_what_was_encoded() {
        let lists = shard(&[
            ("niger", &[(0, Class::Profile), (7, Class::Body)]),
            ("#actor:jnim", &[(3, Class::Mention), (4, Class::Title)]),
            ("a<b", &[(12, Class::Summary)]),
        ]);
        let bytes = encode(5, &lists);
        assert_eq!(decode(5, &bytes), Some(lists));
        assert_eq!(decode(5, &encode(5, &Shard::new())), Some(Shard::new()));
    }

    #[test]
    fn corrupt_or_foreign_shards_do_not_decode() {
        let bytes = encode(
            2,
            &shard(&[("niger", &[(1, Class::Body), (4, Class::Title)])]),
        );
        assert!(decode(3, &bytes).is_none(), "another shard's number");
        for bad in [
            &bytes[..bytes.len() - 3],
            b"sahelSearch(\"w\",2,{\"niger\":[6,0]});\n",
            b"sahelSearch(\"w\",2,{\"niger\":[]});\n",
            b"sahelSearch(\"w\",2,{\"niger\":[6],\"abc\":[6]});\n",
            b"sahelSearch(\"w\",2,{\"niger\":[-1]});\n",
            b"sahelSearch(\"w\",2,{\"niger\":[99999999999]});\n",
            b"sahelSearch(\"w\",2,{ \"niger\":[6]});\n",
            b"",
        ] {
            assert!(decode(2, bad).is_none(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn a_patch_replaces_the_postings_of_changed_documents_only() {
        let before = shard(&[
            (
                "niger",
                &[(1, Class::Body), (4, Class::Title), (9, Class::Body)],
            ),
            ("nigeria", &[(4, Class::Body)]),
        ]);
        let fresh = [
            ("niger".to_string(), 4, Class::Summary),
            ("nigerien".to_string(), 4, Class::Body),
        ];
        let changed = BTreeSet::from([4]);
        let bytes = patch(0, &encode(0, &before), &changed, &fresh).unwrap();
        let after = shard(&[
            (
                "niger",
                &[(1, Class::Body), (4, Class::Summary), (9, Class::Body)],
            ),
            ("nigerien", &[(4, Class::Body)]),
        ]);
        assert_eq!(bytes, encode(0, &after));
        assert!(patch(0, b"garbage", &changed, &[]).is_none());
    }

    #[test]
    fn only_shards_with_other_postings_differ() {
        let words = |list: &[(&'static str, Class)]| -> Words {
            list.iter().map(|&(w, c)| (Cow::Borrowed(w), c)).collect()
        };
        let old = words(&[("niger", Class::Body), ("coup", Class::Title)]);
        let new = words(&[
            ("niger", Class::Body),
            ("coup", Class::Body),
            ("armee", Class::Body),
        ]);
        let shards = 1024;
        let expected = BTreeSet::from([shard_of("coup", shards), shard_of("armee", shards)]);
        assert_eq!(differing(&old, &new, shards), expected);
        assert!(differing(&old, &old, shards).is_empty());
    }
}
