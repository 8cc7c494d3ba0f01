//! Page furniture: adverts, copyright lines, "Lire aussi", rows of share
//! buttons. Never the article's own text.

use super::gazetteer::fold;

/// How furniture lines begin (folded).
const STARTS: &[&str] = &[
    "lire aussi",
    "a lire aussi",
    "lire egalement",
    "a lire egalement",
    "lire la suite",
    "voir aussi",
    "a voir aussi",
    "read also",
    "read more",
    "also read",
    "related:",
    "related articles",
    "related stories",
    "continue reading",
    "suivez-nous",
    "suivez nous",
    "follow us",
    "abonnez-vous",
    "abonnez vous",
    "subscribe to",
    "sign up for",
    "inscrivez-vous",
    "publicite",
    "advertisement",
    "advertising",
    "sponsored",
    "contenu sponsorise",
    "partager sur",
    "partager cet article",
    "partager vers",
    "share this",
    "share on",
    "cliquez ici",
    "click here",
    "tous droits reserves",
    "all rights reserved",
    "copyright",
    "(c) ",
    "©",
    "newsletter",
];

/// The words of a row of share buttons (folded).
const BUTTONS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "linkedin",
    "email",
    "e",
    "mail",
    "telegram",
    "print",
    "imprimer",
    "partager",
    "share",
    "tweet",
    "messenger",
    "pinterest",
    "reddit",
    "copier",
    "copy",
    "le",
    "lien",
    "link",
    "envoyer",
    "send",
    "partagez",
    "sur",
    "on",
];

/// Page furniture: never the article's own text.
pub fn is_noise(line: &str, title: &str) -> bool {
    if !line.chars().any(char::is_alphabetic) {
        return true;
    }
    // Furniture is short; only the headline pasted again can be long.
    if line.len() > 400 && line.len() != title.len() {
        return false;
    }
    let f = fold(line);
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(');
    let short = line.chars().count() < 200;
    if short && STARTS.iter().any(|s| f.starts_with(s)) {
        return true;
    }
    if short
        && (f.contains("tous droits reserves")
            || f.contains("all rights reserved")
            || f.contains("copyright ©")
            || f.contains("جميع الحقوق محفوظة"))
    {
        return true;
    }
    // A row of share buttons.
    let words: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if !words.is_empty()
        && words.iter().all(|w| BUTTONS.contains(w))
        && words
            .iter()
            .any(|w| *w != "e" && *w != "x" && *w != "le" && *w != "sur" && *w != "on")
    {
        return true;
    }
    // The headline pasted again inside the body.
    !title.is_empty() && fold(title).trim() == f.trim()
}

/// "... Continue reading..." at the end of an RSS excerpt.
pub fn strip_trailing_furniture(line: &str) -> &str {
    for tail in [
        "Continue reading...",
        "Continue reading…",
        "Lire la suite...",
        "Lire la suite…",
    ] {
        if let Some(rest) = line.strip_suffix(tail) {
            if !rest.trim().is_empty() {
                return rest.trim_end();
            }
        }
    }
    line
}
