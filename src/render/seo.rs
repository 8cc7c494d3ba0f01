//! Files for search engines and hosts: the sitemap (split into parts
//! under an index when large) and robots.txt.

use super::family::Family;
use super::Renderer;
use crate::error::Diagnostic;
use crate::index::Index;
use crate::model::Site;
use crate::plan::{sitemap_url_count, PageKind, Planned, SeoFile};
use crate::rebuild::Affected;
use crate::{sitemap, xml};

pub struct Seo;

impl Family for Seo {
    type Page = SeoFile;

    fn plan(site: &Site, index: &Index, out: &mut Vec<Planned>) {
        out.push(Planned::new("sitemap.xml", PageKind::Seo(SeoFile::Sitemap)));
        out.push(Planned::new("robots.txt", PageKind::Seo(SeoFile::Robots)));
        let parts = xml::sitemap_parts(sitemap_url_count(site, index));
        if parts > 1 {
            out.extend((1..=parts).map(|n| {
                Planned::new(
                    xml::sitemap_part_url(n),
                    PageKind::Seo(SeoFile::SitemapPart(n)),
                )
            }));
        }
    }

    fn render(r: &Renderer, planned: &Planned, page: &SeoFile) -> Result<Vec<u8>, Diagnostic> {
        let urls = || sitemap::urls(r.site, r.index);
        match page {
            SeoFile::Sitemap => {
                let urls = urls();
                let parts = xml::sitemap_parts(urls.len());
                if parts > 1 {
                    let absolute = r.site.config.absolute_root();
                    return Ok(xml::sitemap_index(&absolute, parts));
                }
                r.finish(planned, "sitemap.xml", &sitemap::Ctx { urls })
            }
            SeoFile::SitemapPart(n) => {
                let urls = urls()
                    .into_iter()
                    .skip((n - 1) * xml::SITEMAP_MAX_URLS)
                    .take(xml::SITEMAP_MAX_URLS)
                    .collect();
                r.finish(planned, "sitemap.xml", &sitemap::Ctx { urls })
            }
            SeoFile::Robots => {
                let text = format!(
                    "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
                    r.site.config.absolute_root()
                );
                Ok(text.into_bytes())
            }
        }
    }

    fn template(page: &SeoFile) -> Option<&'static str> {
        match page {
            SeoFile::Sitemap | SeoFile::SitemapPart(_) => Some("sitemap.xml"),
            SeoFile::Robots => None,
        }
    }

    fn affected(_: &Site, _: &Index, page: &SeoFile, by: &Affected) -> bool {
        match page {
            // The URLs and their last changes.
            SeoFile::Sitemap | SeoFile::SitemapPart(_) => by.moved || by.updated,
            SeoFile::Robots => false,
        }
    }

    fn gathers_site(page: &SeoFile) -> bool {
        !matches!(page, SeoFile::Robots)
    }

    fn label(_: &SeoFile) -> &'static str {
        "other files"
    }
}
