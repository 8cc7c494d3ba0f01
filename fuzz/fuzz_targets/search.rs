//! Search words of untrusted text: never a panic, and the same words as
//! the plain definition (white space and control characters as spaces,
//! then fold the whole text, split it on anything but ASCII letters and
//! digits, keep each word of three or more once).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sahel_brief::search;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // White space and control characters separate words before folding.
    let whole = search::fold(&text.replace(|c: char| c.is_whitespace() || c.is_control(), " "));
    let mut expected: Vec<&str> = Vec::new();
    for w in whole.split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.len() >= 3 && !expected.contains(&w) {
            expected.push(w);
        }
    }
    assert_eq!(search::distinct_words(text), expected.join(" "), "{text:?}");
});
