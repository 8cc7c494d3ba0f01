//! Recall, precision and strict precision, per field and summed.

#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub substantial: usize,
    pub found_substantial: usize,
    pub detected: usize,
    pub right: usize,
    pub strictly_right: usize,
    pub unjudged: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.substantial += o.substantial;
        self.found_substantial += o.found_substantial;
        self.detected += o.detected;
        self.right += o.right;
        self.strictly_right += o.strictly_right;
        self.unjudged += o.unjudged;
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Counts {
    /// Scores one article's detected ids against its key, with a line per
    /// miss in `misses`.
    pub fn of(
        short: &str,
        detected: &[String],
        sub: &[String],
        mentioned: &[String],
        judged: &dyn Fn(&str) -> bool,
        misses: &mut Vec<String>,
    ) -> Counts {
        let mut c = Counts {
            substantial: sub.len(),
            ..Counts::default()
        };
        for s in sub {
            if detected.contains(s) {
                c.found_substantial += 1;
            } else {
                misses.push(format!("{short}: missed {s}"));
            }
        }
        for d in detected {
            if !judged(d) {
                c.unjudged += 1;
                continue;
            }
            c.detected += 1;
            if sub.contains(d) {
                c.right += 1;
                c.strictly_right += 1;
            } else if mentioned.contains(d) {
                c.right += 1;
                misses.push(format!("{short}: {d} is only mentioned"));
            } else {
                misses.push(format!("{short}: {d} is wrong"));
            }
        }
        c
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found_substantial, self.substantial)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.detected)
    }
    pub fn strict(&self) -> f64 {
        ratio(self.strictly_right, self.detected)
    }

    /// The smallest margin over the targets (recall and precision 0.95,
    /// strict precision 0.85), then how high recall and strict precision
    /// are: what the grid maximises, as the negation it minimises.
    pub fn objective(&self) -> (f64, f64) {
        let margin = (self.recall() - 0.95)
            .min(self.precision() - 0.95)
            .min(self.strict() - 0.85);
        (-margin, -(self.recall() + self.strict()))
    }

    pub fn print(&self, name: &str) {
        println!(
            "  {name:9} recall {:.3} ({}/{})  precision {:.3} ({}/{})  strict precision {:.3} ({}/{}){}",
            self.recall(),
            self.found_substantial,
            self.substantial,
            self.precision(),
            self.right,
            self.detected,
            self.strict(),
            self.strictly_right,
            self.detected,
            if self.unjudged > 0 {
                format!("  [{} unjudged]", self.unjudged)
            } else {
                String::new()
            }
        );
    }
}

/// Countries and actors of one article (or a sum of them).
#[derive(Default, Clone, Copy)]
pub struct Score {
    pub countries: Counts,
    pub actors: Counts,
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, o: Score) {
        self.countries += o.countries;
        self.actors += o.actors;
    }
}

impl Score {
    pub fn print(&self, title: &str) {
        println!("{title}");
        self.countries.print("countries");
        self.actors.print("actors");
    }
}
