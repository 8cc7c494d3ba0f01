//! Actors in relation: the lines on each actor page ("affiliate of AQIM;
//! led by Iyad Ag Ghaly") and the relations page, a graph drawn at build
//! time (actors on a circle, grouped by kind) with the same facts as a
//! table.

use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Head, Renderer, TermRef};
use crate::i18n::format_date;
use crate::plan::{self, Planned};
use crate::relations::{relations_of, Relation, RelationType};
use crate::sources::is_web_address;
use crate::theme::escape;

/// One kind of relation on an actor page, with every actor it links to.
#[derive(Serialize)]
pub struct RelationLine {
    pub words: &'static str,
    pub actors: Vec<RelatedActor>,
}

#[derive(Serialize)]
pub struct RelatedActor {
    #[serde(flatten)]
    pub term: TermRef,
    /// "2017–", "2014–2017", or empty.
    pub period: String,
}

/// A row of the relations table.
#[derive(Serialize)]
struct RelationRow {
    subject: TermRef,
    kind: &'static str,
    words: &'static str,
    object: TermRef,
    from: Option<String>,
    from_display: Option<String>,
    until: Option<String>,
    until_display: Option<String>,
    source: Option<String>,
    source_url: Option<String>,
}

#[derive(Serialize)]
struct LegendEntry {
    kind: &'static str,
    words: &'static str,
}

#[derive(Serialize)]
pub(super) struct RelationsCtx<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    graph: String,
    rows: Vec<RelationRow>,
    legend: Vec<LegendEntry>,
}

/// The actor page with its relations.
#[derive(Serialize)]
pub(super) struct WithRelations<T: Serialize> {
    #[serde(flatten)]
    pub page: T,
    pub relations: Vec<RelationLine>,
}

fn period(from: Option<NaiveDate>, until: Option<NaiveDate>) -> String {
    let year = |d: Option<NaiveDate>| d.map(|d| d.format("%Y").to_string()).unwrap_or_default();
    match (from, until) {
        (None, None) => String::new(),
        _ => format!("{}–{}", year(from), year(until)),
    }
}

impl Renderer<'_> {
    /// Actor `id`'s relations both ways, one line per wording.
    pub(super) fn actor_relations(&self, id: &str) -> Vec<RelationLine> {
        let mut lines: Vec<RelationLine> = Vec::new();
        for (words, other, r) in relations_of(&self.site.profiles.relations, id, self.lang) {
            let actor = RelatedActor {
                term: self.actor_ref(other, 0),
                period: period(r.from, r.until),
            };
            match lines.iter_mut().find(|l| l.words == words) {
                Some(line) => line.actors.push(actor),
                None => lines.push(RelationLine {
                    words,
                    actors: vec![actor],
                }),
            }
        }
        lines
    }

    pub(super) fn relations_page<'b>(
        &'b self,
        root: &'b str,
        page: &'b Planned,
    ) -> RelationsCtx<'b> {
        let relations = &self.site.profiles.relations;
        let mut rows: Vec<RelationRow> = relations.iter().map(|r| self.row(r)).collect();
        rows.sort_by(|a, b| {
            (&a.subject.name, a.kind, &a.object.name).cmp(&(
                &b.subject.name,
                b.kind,
                &b.object.name,
            ))
        });
        let legend = RelationType::ALL
            .iter()
            .filter(|k| relations.iter().any(|r| r.kind == **k))
            .map(|k| LegendEntry {
                kind: k.id(),
                words: k.words(self.lang),
            })
            .collect();
        RelationsCtx {
            head: self.head(
                root,
                page,
                self.t.relations.to_string(),
                self.t.relations_intro.to_string(),
                "actors",
            ),
            graph: self.graph(root),
            rows,
            legend,
        }
    }

    fn row(&self, r: &Relation) -> RelationRow {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        let shown = |d: Option<NaiveDate>| d.map(|d| format_date(d, self.lang));
        RelationRow {
            subject: self.actor_ref(&r.subject, 0),
            kind: r.kind.id(),
            words: r.kind.words(self.lang),
            object: self.actor_ref(&r.object, 0),
            from: day(r.from),
            from_display: shown(r.from),
            until: day(r.until),
            until_display: shown(r.until),
            source: r.source.clone(),
            source_url: r.source.clone().filter(|s| is_web_address(s)),
        }
    }

    /// Every actor in a relation on a circle, grouped by kind then name,
    /// each a link to its page; an arrow per relation, styled by type.
    fn graph(&self, root: &str) -> String {
        let profiles = &self.site.profiles;
        let mut nodes: BTreeMap<(crate::model::ActorKind, String, &str), ()> = BTreeMap::new();
        for r in &profiles.relations {
            for id in [&r.subject, &r.object] {
                if let Some(a) = profiles.actor(id) {
                    nodes.insert((a.kind, self.actor_ref(id, 0).name, id), ());
                }
            }
        }
        if nodes.is_empty() {
            return String::new();
        }
        let (w, h, cx, cy, radius) = (900.0, 720.0, 450.0, 360.0, 250.0);
        let n = nodes.len() as f64;
        let place: BTreeMap<&str, (f64, f64, String)> = nodes
            .keys()
            .enumerate()
            .map(|(i, (_, name, id))| {
                let angle = 2.0 * PI * i as f64 / n - PI / 2.0;
                let (x, y) = (cx + radius * angle.cos(), cy + radius * angle.sin());
                (*id, (x, y, name.clone()))
            })
            .collect();
        let mut svg = format!(
            "<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" aria-labelledby=\"graph-title\">\n<title id=\"graph-title\">{}</title>\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" class=\"arrow-head\"/></marker></defs>\n",
            escape(self.t.relations)
        );
        for r in &profiles.relations {
            let (Some(a), Some(b)) = (place.get(r.subject.as_str()), place.get(r.object.as_str()))
            else {
                continue;
            };
            // Stop short of the nodes so the arrow head stays visible.
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / len * 9.0, dy / len * 9.0);
            let _ = writeln!(
                svg,
                "<line class=\"edge edge-{}\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" marker-end=\"url(#arrow)\"/>",
                r.kind.id(),
                a.0 + ux,
                a.1 + uy,
                b.0 - ux,
                b.1 - uy
            );
        }
        for (id, (x, y, name)) in &place {
            let (anchor, dx) = if *x >= cx - 1.0 {
                ("start", 10.0)
            } else {
                ("end", -10.0)
            };
            let _ = writeln!(
                svg,
                "<a href=\"{root}{}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text></a>",
                plan::actor_url(id),
                x + dx,
                y + 4.0,
                escape(name)
            );
        }
        svg.push_str("</svg>");
        svg
    }
}
