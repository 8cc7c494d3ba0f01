//! Stage 3: what an output file shows and where it lives. Each family of
//! outputs (`render::Family`) plans its own files with these; the render
//! stage does the work per entry.

use crate::grouping::TermKind;
use crate::index::Index;
use crate::model::Site;

/// What one output file shows, by the family that makes it (see
/// `render::Family`). Numbers are positions in the site's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Article(usize),
    Term(TermPage),
    List(ListPage),
    Feed(FeedPage),
    Search(SearchPart),
    Seo(SeoFile),
    Picture(PicturePage),
}

/// The security picture's own outputs (`render::picture`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PicturePage {
    /// Countries by months, coloured by trend (`/overview/`).
    Overview,
    /// Every event by month (`/timeline/events/`).
    Events,
    /// The assessments as an Atom feed.
    AssessmentsFeed,
    EventsCsv,
    EventsJson,
    ArticlesJson,
}

/// The pages of a grouping (countries, actors, tags).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermPage {
    /// Every term of the grouping (`/countries/`).
    Index(TermKind),
    /// Page `page` (1-based) of a term's articles.
    Page {
        kind: TermKind,
        id: String,
        page: usize,
    },
    /// A whole term's file on one page, for printing.
    Print { kind: TermKind, id: String },
}

/// The site's other HTML pages: lists of articles and pages of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListPage {
    Home,
    /// A plain page of `content/pages`.
    Page(usize),
    /// Every article, newest first, page `page` (1-based).
    Articles {
        page: usize,
    },
    /// The years of the archive; one year by month.
    Archive,
    Year(i32),
    Timeline,
    Month {
        year: i32,
        month: u32,
    },
    Search,
    /// Every outlet the articles cite (`/sources/`).
    Sources,
    /// Actors in relation: graph and table (`/relations/`).
    Relations,
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedPage {
    Atom(FeedScope),
    /// The site feed in JSON Feed format.
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedScope {
    Site,
    Term(TermKind, String),
    /// The articles citing one outlet, by its id (`sources/<id>/atom.xml`).
    Outlet(String),
}

/// The search index's shards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchPart {
    /// Posting lists of the words filed in shard `n`.
    Words(usize),
    /// Result records of the documents in shard `n`.
    Docs(usize),
}

/// Files for search engines and hosts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeoFile {
    /// `sitemap.xml`: every URL, or an index of the parts below when
    /// there are more than one file may list.
    Sitemap,
    /// Part `n` (1-based) of a sitemap too large for one file.
    SitemapPart(usize),
    Robots,
}

#[derive(Debug, Clone)]
pub struct Planned {
    /// The URL path relative to the site root: `articles/x/`, `atom.xml`.
    pub url: String,
    pub kind: PageKind,
}

impl Planned {
    pub fn new(url: impl Into<String>, kind: PageKind) -> Self {
        Planned {
            url: url.into(),
            kind,
        }
    }

    /// The file written for this URL: pretty URLs become `index.html`.
    pub fn file(&self) -> String {
        file_of(&self.url)
    }
}

/// The file written for a URL path: pretty URLs become `index.html`.
pub fn file_of(url: &str) -> String {
    let path = percent_encoding::percent_decode_str(url).decode_utf8_lossy();
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.into_owned()
    }
}

/// URL of page `n` of a paginated list whose first page is at `first`.
pub fn paged_url(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

pub fn article_url(slug: &str) -> String {
    format!("articles/{slug}/")
}
pub fn country_url(id: &str) -> String {
    format!("countries/{id}/")
}
pub fn actor_url(id: &str) -> String {
    format!("actors/{id}/")
}
/// Tag slugs keep every script; the URL percent-encodes what is not ASCII
/// (the file on disk keeps the UTF-8 name, see [`Planned::file`]).
pub fn tag_url(slug: &str) -> String {
    let encoded = percent_encoding::utf8_percent_encode(slug, PATH_SEGMENT);
    format!("tags/{encoded}/")
}

/// What a URL path segment percent-encodes: all but RFC 3986's unreserved.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
pub fn month_url(year: i32, month: u32) -> String {
    format!("archive/{year:04}/{month:02}/")
}

/// The list pages every site has, which the sitemap lists after the home
/// page.
pub const SITEMAP_LISTS: [&str; 9] = [
    "articles/",
    "countries/",
    "actors/",
    "places/",
    "tags/",
    "timeline/",
    "archive/",
    OVERVIEW_URL,
    EVENTS_URL,
];

/// The regional overview and the event view (`render::picture`).
pub const OVERVIEW_URL: &str = "overview/";
pub const EVENTS_URL: &str = "timeline/events/";

/// How many URLs the sitemap lists: the home page and the lists, articles,
/// country, actor and tag pages, plain pages, years and months (the order
/// `sitemap::urls` lists them in). Paged and print views repeat those
/// pages, so they are left out.
pub fn sitemap_url_count(site: &Site, index: &Index) -> usize {
    let years = index
        .by_month
        .keys()
        .map(|&(y, _)| y)
        .collect::<std::collections::BTreeSet<_>>();
    1 + SITEMAP_LISTS.len()
        + site.articles.len()
        + site.profiles.countries.len()
        + site.profiles.actors.len()
        + site.profiles.places.len()
        + index.by_tag.len()
        + site.pages.len()
        + years.len()
        + index.by_month.len()
        + 2 // sources/ and relations/
}
pub const SOURCES_URL: &str = "sources/";
pub const RELATIONS_URL: &str = "relations/";
pub fn year_url(year: i32) -> String {
    format!("archive/{year:04}/")
}
/// The anchor of a country's section in a monthly briefing.
pub fn month_section(country: &str) -> String {
    format!("country-{country}")
}
pub const PRINT: &str = "print/";
