//! `import`: raw article sources become briefing articles (being written).
