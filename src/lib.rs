//! sahel-brief: a static site generator for security briefings on the Sahel.
//!
//! The build is a one-way pipeline, one module per stage:
//! `load` (files -> validated `Site` model) -> `index` (groupings) ->
//! `plan` (every output page) -> `render` (Tera, Markdown) -> `write`
//! (staging folder swapped into `public/`). `import` and `serve` are front
//! ends that share the loader.

pub mod config;
pub mod error;
pub mod frontmatter;
pub mod load;
pub mod map;
pub mod model;
pub mod import;
