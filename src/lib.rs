//! sahel-brief: a static site generator for security briefings on the Sahel.
//!
//! The build is a one-way pipeline, one module per stage:
//! `load` (files -> validated `Site` model) -> `index` (groupings) ->
//! `plan` (every output page) -> `render` (Tera, Markdown) -> `write`
//! (staging folder swapped into `public/`). `import` and `serve` are front
//! ends that share the loader.

pub mod allowed_hosts;
pub mod assessments;
pub mod build;
pub mod check;
pub mod config;
pub mod data_export;
pub mod entity_links;
pub mod error;
pub mod event_chart;
pub mod events;
pub mod frontmatter;
pub mod geo;
pub mod i18n;
pub mod import;
pub mod index;
pub mod links;
pub mod load;
pub mod map;
pub mod map_overlay;
pub mod markdown;
pub mod model;
pub mod output;
pub mod picture;
pub mod picture_view;
pub mod places;
pub mod plan;
pub mod relations;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod sources;
pub mod theme;
pub mod walk;
pub mod write;
pub mod xml;
