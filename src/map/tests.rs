//! The map's tests: shapes, shading and escaping.

use super::*;

const PROFILED: [&str; 19] = [
    "NE", "ML", "BF", "TD", "MR", "SN", "NG", "DZ", "LY", "BJ", "TG", "CI", "GH", "GN", "GW", "SD",
    "CM", "CF", "MA",
];

fn sample() -> Vec<MapCountry<'static>> {
    PROFILED
        .iter()
        .enumerate()
        .map(|(i, iso)| MapCountry {
            iso,
            name: iso,
            url: "/countries/x/",
            count: i * 3,
        })
        .collect()
}

fn class_of<'a>(html: &'a str, url: &str) -> &'a str {
    let at = html.find(&format!("<a href=\"{url}\">")).expect("link");
    let rest = &html[at..];
    let c = rest.find("<path class=\"").unwrap() + "<path class=\"".len();
    &rest[c..c + rest[c..].find('"').unwrap()]
}

#[test]
fn embedded_data_is_small_and_parses() {
    assert!(DATA.len() < 20_000, "shapes.txt is {} bytes", DATA.len());
    let map = data();
    assert!(map.width > 0 && map.height > 0);
    for s in &map.shapes {
        assert!(s.label.0 >= 0 && s.label.0 <= map.width as i32);
        assert!(s.label.1 >= 0 && s.label.1 <= map.height as i32);
        assert!(s.d.ends_with('z'));
    }
}

#[test]
fn all_profiled_countries_have_shapes() {
    for iso in PROFILED {
        assert!(has_shape(iso), "{iso}");
        assert!(has_shape(&iso.to_lowercase()), "{iso}");
    }
    let sahel: Vec<&str> = data()
        .shapes
        .iter()
        .filter(|s| s.kind == Kind::Sahel)
        .map(|s| s.iso)
        .collect();
    assert_eq!(sahel.len(), 5);
    for iso in ["MR", "ML", "BF", "NE", "TD"] {
        assert!(sahel.contains(&iso), "{iso}");
    }
    assert!(!has_shape("RU"));
}

#[test]
fn renders_every_shape_and_a_link_per_country() {
    let countries: Vec<MapCountry> = PROFILED
        .iter()
        .map(|iso| MapCountry {
            iso,
            name: iso,
            url: Box::leak(format!("/brief/countries/{iso}/").into_boxed_str()),
            count: 2,
        })
        .collect();
    let html = render_map(&countries, None, "Map", "article|articles");
    assert_eq!(html.matches("<path ").count(), data().shapes.len());
    assert_eq!(html.matches("<a href=").count(), PROFILED.len());
    for iso in PROFILED {
        assert!(html.contains(&format!(
            "<a href=\"/brief/countries/{iso}/\"><title>{iso}: 2 articles</title><path class=\"m4\""
        )));
    }
    // Labels for the Sahel states only.
    assert_eq!(html.matches("<text ").count(), 5);
    assert!(html.contains(">ML</text>"));
    assert!(!html.contains(">NG</text>"));
    assert!(html.contains("<title id=\"map-title\">Map</title>"));
    assert!(html.contains("aria-labelledby=\"map-title\""));
    assert!(!html.contains("style="));
    assert!(!html.contains("fill="));
}

#[test]
fn unlisted_and_unknown_countries() {
    let countries = [
        MapCountry {
            iso: "ml",
            name: "Mali",
            url: "/countries/mali/",
            count: 1,
        },
        MapCountry {
            iso: "RU",
            name: "Russia",
            url: "/countries/russia/",
            count: 50,
        },
    ];
    let html = render_map(&countries, None, "Map", "article|articles");
    assert_eq!(html.matches("<a href=").count(), 1);
    assert!(html.contains("<title>Mali: 1 article</title><path class=\"m4\""));
    assert!(!html.contains("Russia"));
    assert_eq!(html.matches("<path ").count(), data().shapes.len());
    assert_eq!(html.matches("<text ").count(), 1);
    // Legend: 0 and a single range "1".
    assert!(html.contains("</svg>0 articles</li>"));
    assert!(html.contains("</svg>1 article</li>"));
}

#[test]
fn buckets_are_ordered_by_count() {
    let countries = sample();
    let html = render_map(&countries, None, "Map", "articles");
    let mut pairs: Vec<(usize, usize)> = countries
        .iter()
        .map(|c| {
            let at = html
                .find(&format!("<title>{}: {} articles</title>", c.name, c.count))
                .unwrap();
            let rest = &html[at..];
            let k = rest.find("class=\"m").unwrap() + "class=\"m".len();
            (c.count, rest[k..k + 1].parse().unwrap())
        })
        .collect();
    pairs.sort();
    for w in pairs.windows(2) {
        assert!(w[0].1 <= w[1].1, "{pairs:?}");
    }
    assert_eq!(pairs[0], (0, 0));
    assert_eq!(pairs.last().unwrap().1, 4);
    assert!((1..=4).all(|m| pairs.iter().any(|p| p.1 == m)));
}

#[test]
fn scale_over_many_maxima() {
    for max in 0..200 {
        let s = Scale::new(max);
        let mut prev = 0;
        for count in 0..=max {
            let class = s.class(count);
            assert!(class >= prev && class <= BUCKETS, "max {max} count {count}");
            assert_eq!(class == 0, count == 0);
            prev = class;
        }
        if max > 0 {
            assert_eq!(s.class(max), BUCKETS);
            assert_eq!(s.bounds(1).0, 1);
            assert_eq!(s.bounds(s.ranges).1, max);
            assert!(s.ranges <= BUCKETS);
            for i in 1..=s.ranges {
                let (lo, hi) = s.bounds(i);
                assert!(lo <= hi);
                assert_eq!(s.range(lo), i);
                assert_eq!(s.range(hi), i);
            }
        }
    }
}

#[test]
fn legend_ranges() {
    let countries = [
        MapCountry {
            iso: "ML",
            name: "Mali",
            url: "/m/",
            count: 37,
        },
        MapCountry {
            iso: "NE",
            name: "Niger",
            url: "/n/",
            count: 0,
        },
    ];
    let html = render_map(&countries, None, "Map", "articles");
    let legend = &html[html.find("<ul class=\"map-legend\">").unwrap()..];
    for (class, text) in [
        (0, "0 articles"),
        (1, "1\u{2013}10 articles"),
        (2, "11\u{2013}20 articles"),
        (3, "21\u{2013}30 articles"),
        (4, "31\u{2013}37 articles"),
    ] {
        assert!(
            legend.contains(&format!(
                "<rect class=\"m{class}\" width=\"1\" height=\"1\"/></svg>{text}</li>"
            )),
            "{legend}"
        );
    }
    assert_eq!(class_of(&html, "/n/"), "m0");
    assert_eq!(class_of(&html, "/m/"), "m4");
}

#[test]
fn highlight_is_marked_and_drawn_last() {
    let countries = sample();
    let html = render_map(&countries, Some("ne"), "Map", "articles");
    assert_eq!(html.matches(" hl\"").count(), 1);
    let ne = countries.iter().find(|c| c.iso == "NE").unwrap();
    let title = format!("<title>NE: {} articles</title><path class=\"m", ne.count);
    let at = html.find(&title).unwrap();
    assert!(html[at..].starts_with(&title));
    assert!(html[at..].split("</a>").next().unwrap().contains(" hl\""));
    assert_eq!(html.matches("aria-current").count(), 1);
    assert!(html[..at].ends_with("<a href=\"/countries/x/\" aria-current=\"page\">"));
    // No other country link after it.
    assert_eq!(html[at..].matches("<a href=").count(), 0);

    // A country without a link (not listed) can still be highlighted.
    let html = render_map(&countries[..1], Some("TD"), "Map", "articles");
    assert!(html.contains("<path class=\"land hl\""));
    let html = render_map(&countries, None, "Map", "articles");
    assert!(!html.contains("hl"));
}

#[test]
fn escapes_text_and_attributes() {
    let countries = [MapCountry {
        iso: "ML",
        name: "Ma<li> & \"co\"",
        url: "/c/?a=1&b=\"2\"<'",
        count: 3,
    }];
    let html = render_map(&countries, None, "Map <of> \"Sahel\" & co", "art<s>");
    assert!(html.contains(
        "<a href=\"/c/?a=1&amp;b=&quot;2&quot;&lt;&#39;\"><title>Ma&lt;li&gt; &amp; &quot;co&quot;: 3 art&lt;s&gt;</title>"
    ));
    assert!(html.contains(">Ma&lt;li&gt; &amp; &quot;co&quot;</text>"));
    assert!(
        html.contains("<title id=\"map-title\">Map &lt;of&gt; &quot;Sahel&quot; &amp; co</title>")
    );
    assert!(!html.contains("<li> &"));
    assert!(!html.contains("<s>"));
}

#[test]
fn parse_rejects_bad_data() {
    assert!(parse("NE\ts\t1\t2\tM0 0l1 0 0 1z\n").is_err());
    assert!(parse("viewBox 0 0 10 10\nNE\tx\t1\t2\tM0 0l1 0 0 1z\n").is_err());
    assert!(parse("viewBox 0 0 10 10\nNE\ts\t1\tM0 0l1 0 0 1z\n").is_err());
    let ok = parse("# c\nviewBox 0 0 10 10\nNE\ts\t1\t2\tM0 0l1 0 0 1z\n").unwrap();
    assert_eq!((ok.width, ok.height, ok.shapes.len()), (10, 10, 1));
}

#[test]
fn units_have_zero_one_and_many_forms() {
    assert_eq!(unit_for("article|article|articles", 0), "article");
    assert_eq!(unit_for("article|article|articles", 1), "article");
    assert_eq!(unit_for("article|article|articles", 2), "articles");
    assert_eq!(unit_for("article|articles", 0), "articles");
    assert_eq!(unit_for("article|articles", 1), "article");
    assert_eq!(unit_for("articles", 1), "articles");
}
