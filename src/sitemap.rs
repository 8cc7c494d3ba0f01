//! The sitemap's URLs: the home page and the lists, articles, country,
//! actor and tag pages, plain pages, years and months, sources and
//! relations, with the day each last changed where it is known.
//! (Splitting a large one into parts under an index is in [`crate::xml`].)

use serde::Serialize;

use crate::index::Index;
use crate::model::Site;
use crate::plan;

#[derive(Serialize)]
pub struct Url {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// What `templates/sitemap.xml` gets.
#[derive(Serialize)]
pub struct Ctx {
    pub urls: Vec<Url>,
}

/// Every URL of the sitemap, as many as [`plan::sitemap_url_count`].
pub fn urls(site: &Site, index: &Index) -> Vec<Url> {
    let absolute = site.config.absolute_root();
    let mut urls = vec![Url {
        loc: absolute.clone(),
        lastmod: site.articles.first().map(|a| a.date.to_string()),
    }];
    for list in plan::SITEMAP_LISTS {
        urls.push(Url {
            loc: format!("{absolute}{list}"),
            lastmod: site.articles.first().map(|a| a.date.to_string()),
        });
    }
    for a in &site.articles {
        urls.push(Url {
            loc: format!("{absolute}{}", plan::article_url(&a.slug)),
            lastmod: Some(a.updated.unwrap_or(a.date).to_string()),
        });
    }
    let latest = |list: Option<&Vec<usize>>| {
        list.and_then(|l| l.first())
            .map(|&i| site.articles[i].date.to_string())
    };
    for c in &site.profiles.countries {
        urls.push(Url {
            loc: format!("{absolute}{}", plan::country_url(&c.id)),
            lastmod: latest(index.by_country.get(&c.id)),
        });
    }
    for a in &site.profiles.actors {
        urls.push(Url {
            loc: format!("{absolute}{}", plan::actor_url(&a.id)),
            lastmod: latest(index.by_actor.get(&a.id)),
        });
    }
    for p in &site.profiles.places {
        urls.push(Url {
            loc: format!("{absolute}places/{}/", p.id),
            lastmod: latest(index.by_place.get(&p.id)),
        });
    }
    for (slug, tag) in &index.by_tag {
        urls.push(Url {
            loc: format!("{absolute}{}", plan::tag_url(slug)),
            lastmod: latest(Some(&tag.articles)),
        });
    }
    for p in &site.pages {
        urls.push(Url {
            loc: format!("{absolute}{}/", p.slug),
            lastmod: None,
        });
    }
    let mut years: Vec<i32> = index.by_month.keys().map(|&(y, _)| y).collect();
    years.dedup();
    for year in years {
        urls.push(Url {
            loc: format!("{absolute}{}", plan::year_url(year)),
            lastmod: None,
        });
    }
    for (&(year, month), articles) in &index.by_month {
        urls.push(Url {
            loc: format!("{absolute}{}", plan::month_url(year, month)),
            lastmod: latest(Some(articles)),
        });
    }
    // The site's own index pages of sources and of relations.
    urls.push(Url {
        loc: format!("{absolute}{}", plan::SOURCES_URL),
        lastmod: site.articles.first().map(|a| a.date.to_string()),
    });
    urls.push(Url {
        loc: format!("{absolute}{}", plan::RELATIONS_URL),
        lastmod: None,
    });
    debug_assert_eq!(urls.len(), plan::sitemap_url_count(site, index));
    urls
}
