//! The families of output files, and the one place that dispatches on
//! them. Each family is a type (mdBook's `Renderer` shape): it plans its
//! files, renders one, names its template and says which changes of the
//! articles reach it, so `build` and `serve` drive every family the same
//! way and a new output kind is one new type and one line per function
//! below.

use super::articles::Articles;
use super::feeds::Feeds;
use super::lists::Lists;
use super::picture::Picture;
use super::search::Search;
use super::seo::Seo;
use super::terms::Terms;
use super::Renderer;
use crate::error::Diagnostic;
use crate::index::Index;
use crate::model::Site;
use crate::plan::{PageKind, Planned};
use crate::rebuild::Affected;

pub trait Family {
    /// What one of its files shows.
    type Page;
    /// Appends its files to the plan.
    fn plan(site: &Site, index: &Index, out: &mut Vec<Planned>);
    /// The bytes of one of its files.
    fn render(r: &Renderer, planned: &Planned, page: &Self::Page) -> Result<Vec<u8>, Diagnostic>;
    /// The template the file is made with, if any: a change to it, or to
    /// a template it uses, redoes the file.
    fn template(page: &Self::Page) -> Option<&'static str>;
    /// Whether the changes of articles in `by` can change the file.
    fn affected(site: &Site, index: &Index, page: &Self::Page, by: &Affected) -> bool;
    /// A short name for the build summary.
    fn label(page: &Self::Page) -> &'static str;
    /// Whether the file gathers much of the site (every article, event or
    /// word), so that one worker spends long on it alone.
    fn gathers_site(_page: &Self::Page) -> bool {
        false
    }
}

/// Every output file of the site, with its URL path and what it shows.
pub fn plan(site: &Site, index: &Index) -> Vec<Planned> {
    let mut out = Vec::new();
    Lists::plan(site, index, &mut out);
    Feeds::plan(site, index, &mut out);
    Seo::plan(site, index, &mut out);
    Search::plan(site, index, &mut out);
    Articles::plan(site, index, &mut out);
    Terms::plan(site, index, &mut out);
    Picture::plan(site, index, &mut out);
    out
}

impl Renderer<'_> {
    /// Renders one planned page to the bytes of its file.
    pub fn render(&self, p: &Planned) -> Result<Vec<u8>, Diagnostic> {
        match &p.kind {
            PageKind::Article(page) => Articles::render(self, p, page),
            PageKind::Term(page) => Terms::render(self, p, page),
            PageKind::List(page) => Lists::render(self, p, page),
            PageKind::Feed(page) => Feeds::render(self, p, page),
            PageKind::Search(page) => Search::render(self, p, page),
            PageKind::Seo(page) => Seo::render(self, p, page),
            PageKind::Picture(page) => Picture::render(self, p, page),
        }
    }
}

/// The template `kind` is rendered with, if any.
pub fn template(kind: &PageKind) -> Option<&'static str> {
    match kind {
        PageKind::Article(page) => Articles::template(page),
        PageKind::Term(page) => Terms::template(page),
        PageKind::List(page) => Lists::template(page),
        PageKind::Feed(page) => Feeds::template(page),
        PageKind::Search(page) => Search::template(page),
        PageKind::Seo(page) => Seo::template(page),
        PageKind::Picture(page) => Picture::template(page),
    }
}

/// Whether the changes of articles in `by` can change the file of `kind`.
pub fn affected(site: &Site, index: &Index, kind: &PageKind, by: &Affected) -> bool {
    match kind {
        PageKind::Article(page) => Articles::affected(site, index, page, by),
        PageKind::Term(page) => Terms::affected(site, index, page, by),
        PageKind::List(page) => Lists::affected(site, index, page, by),
        PageKind::Feed(page) => Feeds::affected(site, index, page, by),
        PageKind::Search(page) => Search::affected(site, index, page, by),
        PageKind::Seo(page) => Seo::affected(site, index, page, by),
        PageKind::Picture(page) => Picture::affected(site, index, page, by),
    }
}

/// Whether the file of `kind` gathers much of the site: such files are
/// rendered first, since one left for last keeps a worker busy while the
/// others have nothing to do.
pub fn gathers_site(kind: &PageKind) -> bool {
    match kind {
        PageKind::Article(page) => Articles::gathers_site(page),
        PageKind::Term(page) => Terms::gathers_site(page),
        PageKind::List(page) => Lists::gathers_site(page),
        PageKind::Feed(page) => Feeds::gathers_site(page),
        PageKind::Search(page) => Search::gathers_site(page),
        PageKind::Seo(page) => Seo::gathers_site(page),
        PageKind::Picture(page) => Picture::gathers_site(page),
    }
}

/// A short name of the kind of file, for the build summary.
pub fn label(kind: &PageKind) -> &'static str {
    match kind {
        PageKind::Article(page) => Articles::label(page),
        PageKind::Term(page) => Terms::label(page),
        PageKind::List(page) => Lists::label(page),
        PageKind::Feed(page) => Feeds::label(page),
        PageKind::Search(page) => Search::label(page),
        PageKind::Seo(page) => Seo::label(page),
        PageKind::Picture(page) => Picture::label(page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grouping::TermKind;
    use crate::plan::{ListPage, PicturePage, SearchPart, SeoFile, TermPage};

    #[test]
    fn files_that_gather_the_site_are_told_from_the_many_small_ones() {
        let term = |page| {
            PageKind::Term(TermPage::Page {
                kind: TermKind::Country,
                id: "niger".into(),
                page,
            })
        };
        for long in [
            PageKind::Search(SearchPart::Words(0)),
            PageKind::Picture(PicturePage::EventsJson),
            PageKind::Seo(SeoFile::Sitemap),
            PageKind::List(ListPage::Year(2024)),
            PageKind::Term(TermPage::Print {
                kind: TermKind::Country,
                id: "niger".into(),
            }),
        ] {
            assert!(gathers_site(&long), "{long:?}");
        }
        for short in [
            PageKind::Article(0),
            term(1),
            PageKind::List(ListPage::Articles { page: 2 }),
            PageKind::Seo(SeoFile::Robots),
        ] {
            assert!(!gathers_site(&short), "{short:?}");
        }
    }
}
