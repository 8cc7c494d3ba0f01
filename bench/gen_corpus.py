#!/usr/bin/env python3
"""Deterministic synthetic corpus for the full-build benchmark (stdlib only).

    python3 bench/gen_corpus.py --n 10000 --format ours --out /tmp/x [--seed 1] [--force]

Formats:
  ours  site.toml, complete country/actor profiles, content/articles/<slug>.md
  hugo  config.toml, layouts/, content/articles/<slug>.md (same front matter)
  zola  config.toml, templates/, content/articles/<slug>.md (Zola front matter)

Article i has the same slug, title, date, terms and body in the three layouts
and for the same --seed; the output is byte-identical from run to run. Every
site produces the same kinds of pages: one page per article, the article list
and every country/actor/tag term paginated by 20, a term index per taxonomy,
home (latest 20), feeds for home and each term, sitemap, robots.txt, 404.

In `ours` only (the other tools have no such thing): 60 place profiles
(regions and towns of six countries), `places` on about half the articles,
1-2 `[[events]]` on about a third, and a monthly assessment for Mali,
Niger, Burkina Faso and Chad for every month of the span.

Shape of an article: 1-3 countries, 1-4 actors, 2-5 tags drawn with skewed
weights (a few countries hold most articles, as Niger, Mali and Burkina Faso
do in real briefings); ~85 % French, ~15 % English; 300-1200 words of filler
prose with `##` headings, a bullet list, a blockquote, bold and italic,
1-4 relative links `../<other-slug>/` to other articles, sometimes an
ordered list and (~20 %) a table.
"""
import argparse
import datetime
import json
import os
import random
import shutil
import sys
import unicodedata

TITLE = "Sahel Security Briefing"
BASE_URL = "https://briefing.example.org/"
PER_PAGE = 20
FEED_ITEMS = 20

# id, French name, ISO code, region, weight
COUNTRIES = [
    ("mali", "Mali", "ML", "sahel", 32), ("niger", "Niger", "NE", "sahel", 30),
    ("burkina-faso", "Burkina Faso", "BF", "sahel", 27), ("chad", "Tchad", "TD", "sahel", 11),
    ("mauritania", "Mauritanie", "MR", "sahel", 6), ("nigeria", "Nigeria", "NG", "coastal", 9),
    ("benin", "Bénin", "BJ", "coastal", 8), ("togo", "Togo", "TG", "coastal", 6),
    ("ghana", "Ghana", "GH", "coastal", 3), ("cote-divoire", "Côte d'Ivoire", "CI", "coastal", 4),
    ("senegal", "Sénégal", "SN", "coastal", 4), ("guinea", "Guinée", "GN", "coastal", 3),
    ("cameroon", "Cameroun", "CM", "coastal", 3), ("algeria", "Algérie", "DZ", "external", 6),
    ("libya", "Libye", "LY", "external", 5), ("sudan", "Soudan", "SD", "external", 4),
    ("morocco", "Maroc", "MA", "external", 2), ("russia", "Russie", "RU", "external", 10),
    ("france", "France", "FR", "external", 10), ("united-states", "États-Unis", "US", "external", 5),
    ("china", "Chine", "CN", "external", 3), ("turkey", "Turquie", "TR", "external", 3),
    ("ukraine", "Ukraine", "UA", "external", 2), ("iran", "Iran", "IR", "external", 1),
]

# id, name, kind, weight
ACTORS = [
    ("jnim", "JNIM", "armed-group", 20), ("is-sahel", "État islamique au Sahel", "armed-group", 15),
    ("iswap", "ISWAP", "armed-group", 6), ("boko-haram", "Boko Haram", "armed-group", 4),
    ("ansarul-islam", "Ansarul Islam", "armed-group", 3), ("katiba-macina", "Katiba Macina", "armed-group", 4),
    ("fla", "Front de libération de l'Azawad", "armed-group", 6), ("csp", "CSP-DPA", "armed-group", 3),
    ("hcua", "HCUA", "armed-group", 2), ("gatia", "GATIA", "armed-group", 2),
    ("dozos", "Dozos", "armed-group", 3), ("vdp", "Volontaires pour la défense de la patrie", "armed-group", 7),
    ("koglweogo", "Koglweogo", "armed-group", 2), ("rsf", "Forces de soutien rapide", "armed-group", 3),
    ("wagner", "Groupe Wagner", "foreign-force", 12), ("africa-corps", "Africa Corps", "foreign-force", 10),
    ("barkhane", "Opération Barkhane", "foreign-force", 4), ("french-army", "Armée française", "foreign-force", 5),
    ("africom", "AFRICOM", "foreign-force", 4), ("baykar", "Baykar", "foreign-force", 2),
    ("mali-junta", "Gouvernement de transition malien", "junta", 12),
    ("niger-junta", "CNSP", "junta", 12), ("burkina-junta", "MPSR", "junta", 10),
    ("fama", "FAMa", "state", 12), ("fds-niger", "FDS nigériennes", "state", 8),
    ("fds-burkina", "Forces armées burkinabè", "state", 6), ("chad-army", "Armée tchadienne", "state", 4),
    ("ecowas", "CEDEAO", "international-org", 10), ("aes", "Alliance des États du Sahel", "international-org", 12),
    ("minusma", "MINUSMA", "international-org", 4), ("un", "Nations unies", "international-org", 5),
    ("african-union", "Union africaine", "international-org", 4), ("g5-sahel", "G5 Sahel", "international-org", 3),
    ("eutm", "EUTM Mali", "international-org", 2), ("icrc", "CICR", "international-org", 2),
    ("hrw", "Human Rights Watch", "international-org", 2), ("amnesty", "Amnesty International", "international-org", 2),
    ("goita", "Assimi Goïta", "person", 5), ("tiani", "Abdourahamane Tiani", "person", 5),
    ("traore", "Ibrahim Traoré", "person", 5), ("rfi", "RFI", "media", 2), ("orano", "Orano", "media", 2),
]

TAGS = """attaque embuscade engin-explosif drone frappe-aerienne coup-detat transition sanctions
frontieres diplomatie humanitaire deplacements refugies otages enlevement massacre droits-humains
justice elections referendum medias desinformation propagande or uranium petrole economie
corridor blocus convoi carburant agriculture transhumance climat securite-alimentaire sante
education ecoles negociations dialogue cessez-le-feu recrutement milices armement cooperation
bases retrait mercenaires renseignement terrorisme banditisme trafic migrations gazoduc routes
telecoms manifestations opposition arrestations presse""".split()

PLACES = """Niamey Bamako Ouagadougou N'Djamena Nouakchott Tillabéri Ménaka Gao Tombouctou Kidal
Mopti Djibo Dori Diffa Agadez Tahoua Ségou Kayes Sikasso Arlit Tessalit Léré Boni Kaya Ouahigouya
Tilia Téra Makalondi Ansongo Bourem Djenné Diapaga Arbinda Sebba Kantchari Torodi Ayorou Abala
Anefis Aguelhok Boulkessi Solenzo Barsalogho Bosso Bol""".split()

SOURCES = ["RFI", "AFP", "Reuters", "Jeune Afrique", "Le Monde Afrique", "ActuNiger", "Studio Kalangou",
           "Lefaso.net", "Maliweb", "Aïr Info", "Wamaps", "Al Wihda", "Cridem", "The Africa Report",
           "Crisis Group", "ACLED", "Associated Press", "BBC Afrique", "VOA Afrique", "Sahel Intelligence"]

FR = {
    "subject": ["les autorités de transition", "le ministère de la Défense", "des sources sécuritaires",
                "un élu local", "plusieurs habitants", "l'état-major", "le porte-parole du gouvernement",
                "une ONG humanitaire", "un diplomate", "les chefs coutumiers", "des analystes",
                "un responsable onusien", "des témoins", "le gouverneur", "la société civile"],
    "verb": ["confirme", "affirme", "dément", "annonce", "signale", "redoute", "dénonce", "évoque",
             "rapporte", "reconnaît", "conteste", "documente", "estime", "minimise", "salue"],
    "object": ["une attaque contre un poste avancé", "le redéploiement des troupes", "la fermeture de la frontière",
               "un lourd bilan humain", "des patrouilles conjointes", "la pénurie de carburant",
               "des frappes de drones", "l'arrivée d'instructeurs étrangers", "le blocus de la ville",
               "la suspension de médias étrangers", "des exécutions de civils", "le recrutement de supplétifs",
               "un accord de coopération", "l'évacuation des déplacés", "une embuscade contre un convoi",
               "la hausse des prix", "l'état d'urgence", "des négociations discrètes", "des arrestations d'opposants"],
    "tail": ["près de {p}", "à {p}", "depuis {m}", "selon un bilan provisoire", "ce week-end",
             "sur l'axe {p}-{q}", "malgré les démentis", "d'après des images satellitaires",
             "sans revendication", "selon des chiffres non vérifiés", "aux abords du marché de {p}"],
    "lead": ["Par ailleurs,", "Dans le même temps,", "Selon des observateurs,", "Pourtant,", "À {p},",
             "Quelques jours plus tard,", "Toutefois,", "Sur le terrain,", "D'après nos informations,"],
    "heading": ["Contexte", "Ce que l'on sait", "Réactions", "Enjeux régionaux", "Bilan humain",
                "Perspectives", "Chronologie", "La riposte", "Conséquences humanitaires", "Zones d'ombre"],
    "title": ["{c} : {a} revendique une attaque près de {p}", "{p} : au moins {n} morts dans une embuscade",
              "{c} : {o} inquiète les partenaires", "À {p}, les habitants face à {o}",
              "{a} : enquête sur {o}", "Sahel : {a} accentue la pression sur {p}",
              "{c} : ce que l'on sait de {o}"],
    "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"],
    "see": "Lire aussi",
}
EN = {
    "subject": ["transitional authorities", "the defence ministry", "security sources", "a local official",
                "residents", "the general staff", "the government spokesman", "an aid group", "a diplomat",
                "analysts", "a UN official", "witnesses", "the governor", "rights groups"],
    "verb": ["confirmed", "reported", "denied", "announced", "feared", "condemned", "described",
             "documented", "acknowledged", "disputed", "played down", "welcomed"],
    "object": ["an attack on a forward base", "the redeployment of troops", "the closure of the border",
               "a heavy death toll", "drone strikes", "the arrival of foreign instructors",
               "the blockade of the town", "the suspension of foreign media", "executions of civilians",
               "an ambush on a convoy", "rising prices", "discreet talks", "arrests of opponents"],
    "tail": ["near {p}", "in {p}", "since {m}", "according to a provisional toll", "over the weekend",
             "on the {p}-{q} road", "despite denials", "according to satellite imagery",
             "with no claim of responsibility", "according to unverified figures"],
    "lead": ["Meanwhile,", "At the same time,", "According to observers,", "However,", "In {p},",
             "A few days later,", "On the ground,"],
    "heading": ["Background", "What we know", "Reactions", "Regional stakes", "Human toll", "Outlook",
                "Timeline", "The response", "Humanitarian consequences"],
    "title": ["{c}: {a} claims attack near {p}", "{p}: at least {n} killed in ambush",
              "{c}: {o} worries partners", "In {p}, residents face {o}", "{a}: inside {o}"],
    "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"],
    "see": "See also",
}

FIRST_DAY = datetime.date(2019, 1, 1)
DAYS = (datetime.date(2026, 10, 31) - FIRST_DAY).days


def slugify(text, limit=56):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text).split()
    return "-".join(words)[:limit].strip("-") or "article"


def q(text):
    """TOML basic string: JSON's escapes are valid TOML."""
    return json.dumps(text, ensure_ascii=False)


def qlist(items):
    return "[" + ", ".join(q(x) for x in items) + "]"


def pick(rng, table, k):
    ids = [row[0] for row in table]
    weights = [row[-1] for row in table]
    out = []
    while len(out) < k:
        choice = rng.choices(ids, weights)[0]
        if choice not in out:
            out.append(choice)
    return out


COUNTRY_NAME = {c[0]: c[1] for c in COUNTRIES}
ACTOR_NAME = {a[0]: a[1] for a in ACTORS}


def fill(rng, words, template):
    return template.format(p=rng.choice(PLACES), q=rng.choice(PLACES), m=rng.choice(words["months"]))


def sentence(rng, words):
    text = f"{rng.choice(words['subject'])} {rng.choice(words['verb'])} {rng.choice(words['object'])}"
    if rng.random() < 0.7:
        text += " " + fill(rng, words, rng.choice(words["tail"]))
    if rng.random() < 0.3:
        text = fill(rng, words, rng.choice(words["lead"])) + " " + text
    return text[0].upper() + text[1:] + "."


# country id, anchor latitude and longitude: generated places scatter
# around it, inside the map's frame.
PLACE_ANCHORS = [("mali", 15.5, -3.0), ("niger", 15.0, 5.0), ("burkina-faso", 12.8, -1.5),
                 ("chad", 13.5, 17.0), ("mauritania", 18.5, -11.0), ("nigeria", 11.5, 8.5)]
EVENT_TYPES = ["battles", "explosions-remote-violence", "violence-against-civilians", "protests",
               "riots", "strategic-developments"]
TRENDS = ["deteriorated", "unchanged", "unchanged", "improved"]


def bench_places():
    """Ten places per anchor country: two regions, eight towns in them."""
    rng = random.Random("sahel-brief/places")
    out = []
    for cid, lat, lon in PLACE_ANCHORS:
        for r in range(2):
            rid = f"{cid}-region-{r + 1}"
            out.append((rid, cid, "region", None, lat + r, lon + r))
            for t in range(4):
                out.append((f"{cid}-town-{r + 1}-{t + 1}", cid, "town", rid,
                            round(lat + r + rng.uniform(-0.4, 0.4), 4),
                            round(lon + r + rng.uniform(-0.4, 0.4), 4)))
    return out


PLACES_BY_COUNTRY = {}
for _p in bench_places():
    PLACES_BY_COUNTRY.setdefault(_p[1], []).append(_p[0])


def picture_meta(seed, i, date, countries, actors):
    """Places and events of article i: their own random stream, so the
    fields every format shares stay as they were."""
    rng = random.Random(f"sahel-brief/{seed}/picture/{i}")
    pool = [p for c in countries for p in PLACES_BY_COUNTRY.get(c, [])]
    if not pool or rng.random() < 0.4:
        return [], []
    places = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
    events = []
    if rng.random() < 0.65:
        for _ in range(rng.randint(1, 2)):
            low = rng.choice([0, 0, 1, 3, 5, 12, 30, 70])
            events.append({
                "date": date - datetime.timedelta(days=rng.randint(0, 6)),
                "type": rng.choice(EVENT_TYPES), "place": rng.choice(places),
                "actors": [(a, rng.choice(["perpetrator", "target", "other"])) for a in actors[:2]],
                "min": low, "max": low + rng.randint(0, low // 2 + 1),
            })
    return places, events


def article_meta(seed, i):
    rng = random.Random(f"sahel-brief/{seed}/meta/{i}")
    lang = "en" if rng.random() < 0.15 else "fr"
    words = EN if lang == "en" else FR
    countries = pick(rng, COUNTRIES, rng.choices([1, 2, 3], [50, 35, 15])[0])
    actors = pick(rng, ACTORS, rng.choices([1, 2, 3, 4], [25, 40, 25, 10])[0])
    tags = rng.sample(TAGS, rng.randint(2, 5))
    date = FIRST_DAY + datetime.timedelta(days=rng.randint(0, DAYS))
    title = rng.choice(words["title"]).format(
        c=COUNTRY_NAME[countries[0]], a=ACTOR_NAME[actors[0]], p=rng.choice(PLACES),
        n=rng.randint(3, 90), o=rng.choice(words["object"]))
    slug = f"{slugify(title)}-{i:05d}"
    source = rng.choice(SOURCES)
    return {
        "i": i, "lang": lang, "countries": countries, "actors": actors, "tags": tags,
        "date": date, "title": title, "slug": slug, "summary": sentence(rng, words),
        "source": source,
        "url": f"https://{slugify(source)}.example/{date.year}/{slug}",
        "picture": picture_meta(seed, i, date, countries, actors),
    }


def article_body(seed, meta, metas):
    rng = random.Random(f"sahel-brief/{seed}/body/{meta['i']}")
    words = EN if meta["lang"] == "en" else FR
    target = rng.randint(300, 1200)
    links = rng.randint(1, 4)
    blocks, count = [], 0

    def paragraph():
        sents = [sentence(rng, words) for _ in range(rng.randint(3, 6))]
        k = rng.randrange(len(sents))
        bold = sents[k].split(" ", 3)
        if len(bold) == 4:
            sents[k] = f"{bold[0]} {bold[1]} **{bold[2]}** {bold[3]}"
        if rng.random() < 0.4:
            sents[-1] = sents[-1][:-1] + f", *{rng.choice(PLACES)}*."
        return " ".join(sents)

    while count < target:
        n = len(blocks)
        if n and n % 4 == 0:
            block = "## " + rng.choice(words["heading"])
        elif n == 2:
            block = "\n".join("- " + sentence(rng, words) for _ in range(rng.randint(3, 5)))
        elif n == 5:
            block = "> " + sentence(rng, words) + " " + sentence(rng, words)
        elif n == 7 and rng.random() < 0.4:
            block = "\n".join(f"{k}. {sentence(rng, words)}" for k in range(1, rng.randint(3, 5)))
        elif n == 9 and meta["i"] % 5 == 0:
            rows = [f"| {rng.choice(PLACES)} | {rng.randint(1, 120)} | {rng.choice(words['months'])} |"
                    for _ in range(rng.randint(3, 6))]
            block = "\n".join(["| Lieu | Victimes | Mois |", "| --- | ---: | --- |"] + rows)
        else:
            block = paragraph()
            if links and rng.random() < 0.5:
                other = metas[rng.randrange(len(metas))]
                block += f" {words['see']} : [{other['title']}](../{other['slug']}/)."
                links -= 1
        blocks.append(block)
        count += len(block.split())
    while links:
        other = metas[rng.randrange(len(metas))]
        blocks.append(f"{words['see']} : [{other['title']}](../{other['slug']}/).")
        links -= 1
    return "\n\n".join(blocks) + "\n"


def front_ours(m):
    return "\n".join([
        "+++",
        f"title = {q(m['title'])}",
        f"date = {m['date'].isoformat()}",
        f"lang = {q(m['lang'])}",
        f"countries = {qlist(m['countries'])}",
        f"actors = {qlist(m['actors'])}",
        f"tags = {qlist(m['tags'])}",
        f"summary = {q(m['summary'])}",
        f"source = {{ name = {q(m['source'])}, url = {q(m['url'])} }}",
    ] + picture_front(m) + [
        "+++",
        "",
    ])


def picture_front(m):
    places, events = m["picture"]
    # Plain keys before the `[[events]]` tables.
    lines = [f"places = {qlist(places)}"] if places else []
    out = []
    for e in events:
        roles = ", ".join(f'{{ id = {q(a)}, role = {q(r)} }}' for a, r in e["actors"])
        out += ["[[events]]", f"date = {e['date'].isoformat()}", f"type = {q(e['type'])}",
                f"place = {q(e['place'])}", f"actors = [{roles}]",
                f"fatalities_min = {e['min']}", f"fatalities_max = {e['max']}",
                'fatalities_source = "generated"']
    return lines + out


def front_zola(m):
    return "\n".join([
        "+++",
        f"title = {q(m['title'])}",
        f"description = {q(m['summary'])}",
        f"date = {m['date'].isoformat()}",
        "[taxonomies]",
        f"countries = {qlist(m['countries'])}",
        f"actors = {qlist(m['actors'])}",
        f"tags = {qlist(m['tags'])}",
        "[extra]",
        f"lang = {q(m['lang'])}",
        f"source = {{ name = {q(m['source'])}, url = {q(m['url'])} }}",
        "+++",
        "",
    ])


def put(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def site_ours(root):
    put(root, "site.toml", f'title = {q(TITLE)}\nbase_url = {q(BASE_URL)}\nlanguage = "fr"\n'
                           f"paginate_by = {PER_PAGE}\n")
    for cid, name, iso, region, _ in COUNTRIES:
        put(root, f"content/countries/{cid}.md",
            f"+++\nname = {q(name)}\naliases = {qlist([name])}\niso = {q(iso)}\nregion = {q(region)}\n+++\n"
            f"{name}: generated country profile.\n")
    for aid, name, kind, _ in ACTORS:
        put(root, f"content/actors/{aid}.md",
            f"+++\nname = {q(name)}\naliases = {qlist([name])}\nkind = {q(kind)}\n+++\n"
            f"{name}: generated actor profile.\n")
    for pid, cid, kind, admin1, lat, lon in bench_places():
        region = f"admin1 = {q(admin1)}\n" if admin1 else ""
        put(root, f"content/places/{pid}.md",
            f"+++\nname = {q(pid)}\ncountry = {q(cid)}\nkind = {q(kind)}\n{region}"
            f"lat = {lat}\nlon = {lon}\n+++\n{pid}: generated place profile.\n")
    month = FIRST_DAY.replace(day=1)
    last = FIRST_DAY + datetime.timedelta(days=DAYS)
    rng = random.Random("sahel-brief/assessments")
    while month <= last:
        for cid in ("mali", "niger", "burkina-faso", "chad"):
            put(root, f"content/assessments/{month:%Y-%m}/{cid}.md",
                f"+++\ntrend = {q(rng.choice(TRENDS))}\nheadline = {q(f'{cid}: generated assessment')}\n+++\n"
                f"Generated assessment of {cid} for {month:%Y-%m}.\n")
        month = (month + datetime.timedelta(days=32)).replace(day=1)


HUGO_CONFIG = f'''baseURL = "{BASE_URL}"
languageCode = "fr"
title = "{TITLE}"
paginate = {PER_PAGE}
rssLimit = {FEED_ITEMS}
enableRobotsTXT = true

[taxonomies]
  country = "countries"
  actor = "actors"
  tag = "tags"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]
  page = ["HTML"]

[markup.goldmark.extensions]
  typographer = true
  table = true
'''

HUGO_BASE = '''<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | absURL }}"></head>
<body><header><a href="{{ "/" | absURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/articles/" | absURL }}">Articles</a> <a href="{{ "/countries/" | absURL }}">Pays</a>
<a href="{{ "/actors/" | absURL }}">Acteurs</a> <a href="{{ "/tags/" | absURL }}">Mots-clés</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ site.Title }}</footer></body></html>
'''

HUGO_ITEM = '''<li><a href="{{ .Permalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02/01/2006" }}</time>
<p>{{ .Params.summary }}</p></li>
'''

HUGO_PAGER = '''{{ if gt .TotalPages 1 }}<nav>{{ with .Prev }}<a href="{{ .URL }}">«</a>{{ end }}
{{ .PageNumber }} / {{ .TotalPages }}{{ with .Next }}<a href="{{ .URL }}">»</a>{{ end }}</nav>{{ end }}
'''

HUGO_LIST = '''{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages.ByDate.Reverse }}
<ul>{{ range $p.Pages }}{{ partial "item.html" . }}{{ end }}</ul>{{ partial "pager.html" $p }}{{ end }}
'''

HUGO_LAYOUTS = {
    "_default/baseof.html": HUGO_BASE,
    "partials/item.html": HUGO_ITEM,
    "partials/pager.html": HUGO_PAGER,
    "_default/list.html": HUGO_LIST,
    "_default/term.html": HUGO_LIST,
    "_default/taxonomy.html": '''{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.Permalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
''',
    "_default/single.html": '''{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "02/01/2006" }}</time> · {{ .Params.lang }}</p><p>{{ .Params.summary }}</p>
{{ range $tax := slice "countries" "actors" "tags" }}{{ with $.GetTerms $tax }}<p>{{ range . }}<a href="{{ .Permalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}{{ end }}
{{ .Content }}
{{ with .Params.source }}<p>Source : <a href="{{ .url }}">{{ .name }}</a></p>{{ end }}</article>{{ end }}
''',
    "index.html": '''{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range first 20 (where site.RegularPages "Section" "articles").ByDate.Reverse }}{{ partial "item.html" . }}{{ end }}</ul>{{ end }}
''',
    "404.html": '''{{ define "main" }}<h1>Page introuvable</h1>{{ end }}
''',
    "_default/rss.xml": '''{{- $pages := .Pages -}}{{- if .IsHome }}{{ $pages = where site.RegularPages "Section" "articles" }}{{ end -}}
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0"><channel><title>{{ .Title }}</title><link>{{ .Permalink }}</link><description>{{ site.Title }}</description>
{{- range first 20 $pages.ByDate.Reverse }}
<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate><guid>{{ .Permalink }}</guid><description>{{ .Params.summary }}</description></item>
{{- end }}
</channel></rss>
''',
}


def site_hugo(root):
    put(root, "config.toml", HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        put(root, "layouts/" + rel, text)
    put(root, "content/articles/_index.md", '+++\ntitle = "Articles"\n+++\n')


ZOLA_CONFIG = f'''base_url = "{BASE_URL.rstrip('/')}"
title = "{TITLE}"
default_language = "fr"
generate_feeds = true
feed_filenames = ["rss.xml"]
feed_limit = {FEED_ITEMS}
taxonomies = [
  {{ name = "countries", feed = true, paginate_by = {PER_PAGE} }},
  {{ name = "actors", feed = true, paginate_by = {PER_PAGE} }},
  {{ name = "tags", feed = true, paginate_by = {PER_PAGE} }},
]

[markdown]
smart_punctuation = true
'''

ZOLA_ITEM = ('{% for p in paginator.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a> '
             '<time>{{ p.date | date(format="%d/%m/%Y") }}</time><p>{{ p.description }}</p></li>{% endfor %}')
ZOLA_PAGER = ('{% if paginator.number_pagers > 1 %}<nav>{% if paginator.previous %}<a href="{{ paginator.previous | safe }}">«</a>{% endif %}'
              ' {{ paginator.current_index }} / {{ paginator.number_pagers }}'
              '{% if paginator.next %}<a href="{{ paginator.next | safe }}">»</a>{% endif %}</nav>{% endif %}')

ZOLA_TEMPLATES = {
    "base.html": '''<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="alternate" type="application/rss+xml" href="{{ get_url(path="rss.xml") }}"></head>
<body><header><a href="{{ get_url(path="/") }}">{{ config.title }}</a>
<nav><a href="{{ get_url(path="articles/") }}">Articles</a> <a href="{{ get_url(path="countries/") }}">Pays</a>
<a href="{{ get_url(path="actors/") }}">Acteurs</a> <a href="{{ get_url(path="tags/") }}">Mots-clés</a></nav></header>
<main>{% block content %}{% endblock content %}</main><footer>{{ config.title }}</footer></body></html>
''',
    "index.html": '''{% extends "base.html" %}{% block content %}<h1>{{ config.title }}</h1>
{% set s = get_section(path="articles/_index.md") %}<ul>{% for p in s.pages | slice(end=20) %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock content %}
''',
    "section.html": '{% extends "base.html" %}{% block content %}<h1>{{ section.title }}</h1><ul>'
                    + ZOLA_ITEM + '</ul>' + ZOLA_PAGER + '{% endblock content %}\n',
    "taxonomy_single.html": '{% extends "base.html" %}{% block content %}<h1>{{ term.name }}</h1><ul>'
                            + ZOLA_ITEM + '</ul>' + ZOLA_PAGER + '{% endblock content %}\n',
    "taxonomy_list.html": '''{% extends "base.html" %}{% block content %}<h1>{{ taxonomy.name }}</h1>
<ul>{% for t in terms %}<li><a href="{{ t.permalink | safe }}">{{ t.name }}</a> ({{ t.page_count }})</li>{% endfor %}</ul>{% endblock content %}
''',
    "page.html": '''{% extends "base.html" %}{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block content %}<article><h1>{{ page.title }}</h1><p><time>{{ page.date | date(format="%d/%m/%Y") }}</time> · {{ page.extra.lang }}</p>
<p>{{ page.description }}</p>
{% for tax in ["countries", "actors", "tags"] %}{% if page.taxonomies[tax] %}<p>{% for t in page.taxonomies[tax] %}<a href="{{ get_taxonomy_url(kind=tax, name=t) | safe }}">{{ t }}</a> {% endfor %}</p>{% endif %}{% endfor %}
{{ page.content | safe }}
<p>Source : <a href="{{ page.extra.source.url | safe }}">{{ page.extra.source.name }}</a></p></article>{% endblock content %}
''',
    "404.html": '{% extends "base.html" %}{% block content %}<h1>Page introuvable</h1>{% endblock content %}\n',
    "rss.xml": '''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{{ config.title }}</title><link>{{ feed_url | safe }}</link><description>{{ config.title }}</description>
{%- for page in pages %}
<item><title>{{ page.title }}</title><link>{{ page.permalink | safe }}</link><pubDate>{{ page.date | date(format="%a, %d %b %Y %H:%M:%S %z") }}</pubDate><guid>{{ page.permalink | safe }}</guid><description>{{ page.description }}</description></item>
{%- endfor %}
</channel></rss>
''',
}


def site_zola(root):
    put(root, "config.toml", ZOLA_CONFIG)
    for rel, text in ZOLA_TEMPLATES.items():
        put(root, "templates/" + rel, text)
    put(root, "content/_index.md", '+++\ntitle = "Accueil"\n+++\n')
    put(root, "content/articles/_index.md",
        f'+++\ntitle = "Articles"\nsort_by = "date"\npaginate_by = {PER_PAGE}\ngenerate_feeds = true\n+++\n')


LAYOUTS = {"ours": (site_ours, front_ours), "hugo": (site_hugo, front_ours), "zola": (site_zola, front_zola)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--format", choices=sorted(LAYOUTS), required=True)
    ap.add_argument("--out", required=True, help="site folder to write (absent or empty unless --force)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = ap.parse_args()
    if args.n < 1:
        ap.error("--n must be at least 1")
    if os.path.exists(args.out) and os.listdir(args.out):
        if not args.force:
            ap.error(f"{args.out} is not empty (add --force to replace it)")
        shutil.rmtree(args.out)
    scaffold, front = LAYOUTS[args.format]
    scaffold(args.out)
    metas = [article_meta(args.seed, i) for i in range(args.n)]
    folder = os.path.join(args.out, "content", "articles")
    os.makedirs(folder, exist_ok=True)
    size = 0
    for m in metas:
        data = (front(m) + "\n" + article_body(args.seed, m, metas)).encode()
        size += len(data)
        with open(os.path.join(folder, m["slug"] + ".md"), "wb") as f:
            f.write(data)
    print(f"{args.format}: {args.n} articles, {size / 2**20:.1f} MiB -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
