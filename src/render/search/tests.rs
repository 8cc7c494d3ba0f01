//! Unit tests of the search data.

use super::*;

#[test]
fn phrases_fold_like_queries() {
    assert_eq!(phrase("État islamique au Sahel"), "etat islamique au sahel");
    assert_eq!(phrase("Forces armées"), "force armee");
    assert_eq!(phrase("  "), "");
}

#[test]
fn threads_map_in_order() {
    assert_eq!(map_in_threads(0, |i| i), Vec::<usize>::new());
    let squares: Vec<usize> = (0..1000).map(|i| i * i).collect();
    assert_eq!(map_in_threads(1000, |i| i * i), squares);
}

#[test]
fn postings_are_delta_coded_with_their_class() {
    fn doc(words: &[(&'static str, Class)]) -> Doc<'static> {
        Doc {
            record: Record(
                String::new(),
                String::new(),
                String::new(),
                Vec::new(),
                String::new(),
            ),
            words: words.iter().map(|&(w, c)| (Cow::Borrowed(w), c)).collect(),
        }
    }
    let docs = vec![
        doc(&[("niger", Class::Title)]),
        doc(&[]),
        doc(&[("niger", Class::Body), ("nigeria", Class::Mention)]),
    ];
    let shards = word_shards(vec![file_docs(0, docs).0], 3);
    assert_eq!(shards.len(), 1);
    let text = String::from_utf8(shards[0].clone()).unwrap();
    assert_eq!(
        text,
        "sahelSearch(\"w\",0,{\"niger\":[3,11],\"nigeria\":[10]});\n"
    );
}
