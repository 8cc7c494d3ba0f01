//! Stage 3: every output file of the site, with its URL path and what it
//! shows. Cheap to compute; the render stage does the work per entry.

use crate::index::Index;
use crate::model::Site;
use crate::search;

/// What one output file shows. Numbers are positions in the site's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Article(usize),
    Page(usize),
    Countries,
    /// A country's page `page` (1-based) of its articles.
    Country {
        id: String,
        page: usize,
    },
    Actors,
    Actor {
        id: String,
        page: usize,
    },
    /// A whole country or actor file on one page, for printing.
    CountryPrint {
        id: String,
    },
    ActorPrint {
        id: String,
    },
    /// Every article, newest first, page `page` (1-based).
    ArticleList {
        page: usize,
    },
    /// The years of the archive; one year by month.
    Archive,
    Year(i32),
    Tags,
    Tag {
        slug: String,
        page: usize,
    },
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
    Feed(FeedScope),
    /// The site feed in JSON Feed format.
    JsonFeed,
    /// Posting lists of the words filed in shard `n`.
    SearchWords(usize),
    /// Result records of the documents in shard `n`.
    SearchDocs(usize),
    /// `sitemap.xml`: every URL, or an index of the parts below when
    /// there are more than one file may list.
    Sitemap,
    /// Part `n` (1-based) of a sitemap too large for one file.
    SitemapPart(usize),
    Robots,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedScope {
    Site,
    Country(String),
    Actor(String),
    Tag(String),
}

#[derive(Debug, Clone)]
pub struct Planned {
    /// The URL path relative to the site root: `articles/x/`, `atom.xml`.
    pub url: String,
    pub kind: PageKind,
}

impl Planned {
    fn new(url: impl Into<String>, kind: PageKind) -> Self {
        Planned {
            url: url.into(),
            kind,
        }
    }

    /// The file written for this URL: pretty URLs become `index.html`.
    pub fn file(&self) -> String {
        let path = percent_encoding::percent_decode_str(&self.url).decode_utf8_lossy();
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.into_owned()
        }
    }

    /// A short name for the build summary.
    pub fn label(&self) -> &'static str {
        match self.kind {
            PageKind::Article(_) => "articles",
            PageKind::ArticleList { .. } => "article lists",
            PageKind::Country { .. } | PageKind::Countries | PageKind::CountryPrint { .. } => {
                "country pages"
            }
            PageKind::Actor { .. }
            | PageKind::Actors
            | PageKind::ActorPrint { .. }
            | PageKind::Relations => "actor pages",
            PageKind::Tag { .. } | PageKind::Tags => "tag pages",
            PageKind::Timeline | PageKind::Month { .. } | PageKind::Archive | PageKind::Year(_) => {
                "timeline pages"
            }
            PageKind::Feed(_) | PageKind::JsonFeed => "feeds",
            PageKind::Home
            | PageKind::Page(_)
            | PageKind::Search
            | PageKind::Sources
            | PageKind::NotFound => "other pages",
            PageKind::SearchWords(_)
            | PageKind::SearchDocs(_)
            | PageKind::Sitemap
            | PageKind::SitemapPart(_)
            | PageKind::Robots => "other files",
        }
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
pub const SITEMAP_LISTS: [&str; 6] = [
    "articles/",
    "countries/",
    "actors/",
    "tags/",
    "timeline/",
    "archive/",
];

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

/// The search shards (see `render::search`): documents are the profiles
/// and the articles.
pub fn search_files(site: &Site) -> impl Iterator<Item = Planned> {
    let docs = site.profiles.countries.len() + site.profiles.actors.len() + site.articles.len();
    let words = (0..search::word_shard_count(docs))
        .map(|n| Planned::new(format!("search/w/{n}.js"), PageKind::SearchWords(n)));
    let records = (0..search::doc_shard_count(docs))
        .map(|n| Planned::new(format!("search/d/{n}.js"), PageKind::SearchDocs(n)));
    words.chain(records)
}

pub fn plan(site: &Site, index: &Index) -> Vec<Planned> {
    let per_page = site.config.paginate_by;
    let mut pages = vec![
        Planned::new("", PageKind::Home),
        Planned::new("countries/", PageKind::Countries),
        Planned::new("actors/", PageKind::Actors),
        Planned::new("tags/", PageKind::Tags),
        Planned::new("timeline/", PageKind::Timeline),
        Planned::new("archive/", PageKind::Archive),
        Planned::new("search/", PageKind::Search),
        Planned::new(SOURCES_URL, PageKind::Sources),
        Planned::new(RELATIONS_URL, PageKind::Relations),
        Planned::new("404.html", PageKind::NotFound),
        Planned::new("atom.xml", PageKind::Feed(FeedScope::Site)),
        Planned::new("feed.json", PageKind::JsonFeed),
        Planned::new("sitemap.xml", PageKind::Sitemap),
        Planned::new("robots.txt", PageKind::Robots),
    ];
    for n in 1..=page_count(site.articles.len(), per_page) {
        pages.push(Planned::new(
            paged_url("articles/", n),
            PageKind::ArticleList { page: n },
        ));
    }
    pages.extend(search_files(site));
    pages.extend(
        site.articles
            .iter()
            .enumerate()
            .map(|(i, a)| Planned::new(article_url(&a.slug), PageKind::Article(i))),
    );
    pages.extend(
        site.pages
            .iter()
            .enumerate()
            .map(|(i, p)| Planned::new(format!("{}/", p.slug), PageKind::Page(i))),
    );
    // Every profile gets a page, even with no article yet: links to it
    // from other pages must not break.
    for country in &site.profiles.countries {
        let count = index.by_country.get(&country.id).map_or(0, Vec::len);
        for n in 1..=page_count(count, per_page) {
            let kind = PageKind::Country {
                id: country.id.clone(),
                page: n,
            };
            pages.push(Planned::new(paged_url(&country_url(&country.id), n), kind));
        }
        let print = PageKind::CountryPrint {
            id: country.id.clone(),
        };
        pages.push(Planned::new(
            format!("{}{PRINT}", country_url(&country.id)),
            print,
        ));
        let feed = PageKind::Feed(FeedScope::Country(country.id.clone()));
        pages.push(Planned::new(
            format!("{}atom.xml", country_url(&country.id)),
            feed,
        ));
    }
    for actor in &site.profiles.actors {
        let count = index.by_actor.get(&actor.id).map_or(0, Vec::len);
        for n in 1..=page_count(count, per_page) {
            let kind = PageKind::Actor {
                id: actor.id.clone(),
                page: n,
            };
            pages.push(Planned::new(paged_url(&actor_url(&actor.id), n), kind));
        }
        let print = PageKind::ActorPrint {
            id: actor.id.clone(),
        };
        pages.push(Planned::new(
            format!("{}{PRINT}", actor_url(&actor.id)),
            print,
        ));
        let feed = PageKind::Feed(FeedScope::Actor(actor.id.clone()));
        pages.push(Planned::new(
            format!("{}atom.xml", actor_url(&actor.id)),
            feed,
        ));
    }
    for (slug, tag) in &index.by_tag {
        for n in 1..=page_count(tag.articles.len(), per_page) {
            let kind = PageKind::Tag {
                slug: slug.clone(),
                page: n,
            };
            pages.push(Planned::new(paged_url(&tag_url(slug), n), kind));
        }
        let feed = PageKind::Feed(FeedScope::Tag(slug.clone()));
        pages.push(Planned::new(format!("{}atom.xml", tag_url(slug)), feed));
    }
    let parts = crate::xml::sitemap_parts(sitemap_url_count(site, index));
    if parts > 1 {
        pages.extend(
            (1..=parts)
                .map(|n| Planned::new(crate::xml::sitemap_part_url(n), PageKind::SitemapPart(n))),
        );
    }
    let mut years: Vec<i32> = index.by_month.keys().map(|&(y, _)| y).collect();
    years.dedup();
    pages.extend(
        years
            .into_iter()
            .map(|y| Planned::new(year_url(y), PageKind::Year(y))),
    );
    for &(year, month) in index.by_month.keys() {
        pages.push(Planned::new(
            month_url(year, month),
            PageKind::Month { year, month },
        ));
    }
    pages
}
