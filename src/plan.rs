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
    NotFound,
    Feed(FeedScope),
    /// The site feed in JSON Feed format.
    JsonFeed,
    /// Posting lists of the words filed in shard `n`.
    SearchWords(usize),
    /// Result records of the documents in shard `n`.
    SearchDocs(usize),
    Sitemap,
    Robots,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedScope {
    Site,
    Country(String),
    Actor(String),
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
        if self.url.is_empty() || self.url.ends_with('/') {
            format!("{}index.html", self.url)
        } else {
            self.url.clone()
        }
    }

    /// A short name for the build summary.
    pub fn label(&self) -> &'static str {
        match self.kind {
            PageKind::Article(_) => "articles",
            PageKind::Country { .. } | PageKind::Countries => "country pages",
            PageKind::Actor { .. } | PageKind::Actors => "actor pages",
            PageKind::Tag { .. } | PageKind::Tags => "tag pages",
            PageKind::Timeline | PageKind::Month { .. } => "timeline pages",
            PageKind::Feed(_) | PageKind::JsonFeed => "feeds",
            PageKind::Home | PageKind::Page(_) | PageKind::Search | PageKind::NotFound => {
                "other pages"
            }
            PageKind::SearchWords(_)
            | PageKind::SearchDocs(_)
            | PageKind::Sitemap
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
pub fn tag_url(slug: &str) -> String {
    format!("tags/{slug}/")
}
pub fn month_url(year: i32, month: u32) -> String {
    format!("archive/{year}/{month:02}/")
}

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
        Planned::new("search/", PageKind::Search),
        Planned::new("404.html", PageKind::NotFound),
        Planned::new("atom.xml", PageKind::Feed(FeedScope::Site)),
        Planned::new("feed.json", PageKind::JsonFeed),
        Planned::new("sitemap.xml", PageKind::Sitemap),
        Planned::new("robots.txt", PageKind::Robots),
    ];
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
    }
    for &(year, month) in index.by_month.keys() {
        pages.push(Planned::new(
            month_url(year, month),
            PageKind::Month { year, month },
        ));
    }
    pages
}
