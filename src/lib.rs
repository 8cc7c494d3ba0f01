//! sahel-brief: a static site generator for security briefings on the Sahel.
//!
//! The build is a one-way pipeline, one module per stage:
//! `load` (files -> validated `Site` model) -> `index` (groupings) ->
//! `plan` (what each output file shows) -> `render` (one type per output
//! family) -> `write` (staging folder swapped into `public/`). `engine`
//! drives the stages for `build`, `check` and `serve` alike, re-rendering
//! after a change only what the rules of `rebuild` say it reaches.

pub mod allowed_hosts;
pub mod assessments;
pub mod build;
pub mod check;
pub mod config;
pub mod data_export;
pub mod engine;
pub mod entity_links;
pub mod error;
pub mod event_chart;
pub mod events;
pub mod frontmatter;
pub mod geo;
pub mod grouping;
pub mod i18n;
pub mod import;
pub mod incremental;
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
pub mod rebuild;
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
