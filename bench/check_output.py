#!/usr/bin/env python3
"""Checks a sahel-brief build of a generated corpus against the corpus itself.

    python3 bench/check_output.py CORPUS_DIR [OUTPUT_DIR]   (default CORPUS_DIR/public)

Reads every article's front matter, then checks that the output has one page
per article, and for every country, actor and tag: the right number of list
pages (20 per page), no more than 20 articles on a page, and exactly the
articles that name the term, across its pages. Exit status 1 on a mismatch.
"""
import math
import os
import re
import sys
import tomllib

LINK = re.compile(r'href="[^"]*?articles/([^/"]+)/"')


def front_matter(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    _, head, _ = text.split("+++\n", 2)
    return tomllib.loads(head)


EVENT_LIST = re.compile(r'<ul class="event-list">.*?</ul>', re.S)


def linked_articles(page):
    """Articles a term page lists; its event list also links the articles
    reporting each event, which are not the page's own list."""
    with open(page, encoding="utf-8") as f:
        return set(LINK.findall(EVENT_LIST.sub("", f.read())))


def main(corpus, out):
    per_page = tomllib.load(open(os.path.join(corpus, "site.toml"), "rb")).get("paginate_by", 10)
    folder = os.path.join(corpus, "content", "articles")
    terms = {"countries": {}, "actors": {}, "tags": {}}
    slugs = set()
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md"):
            continue
        fm = front_matter(os.path.join(folder, name))
        slug = fm.get("slug", name[:-3])
        slugs.add(slug)
        for kind, by_term in terms.items():
            for term in fm.get(kind, []):
                by_term.setdefault(term, set()).add(slug)

    problems = []
    built = {d for d in os.listdir(os.path.join(out, "articles"))
             if os.path.isfile(os.path.join(out, "articles", d, "index.html"))}
    if built != slugs:
        problems.append(f"article pages: {len(built)} built, {len(slugs)} in the corpus, "
                        f"{len(built ^ slugs)} differ")
    checked = 0
    for kind, by_term in terms.items():
        for term, members in sorted(by_term.items()):
            first = os.path.join(out, kind, term)
            want_pages = max(1, math.ceil(len(members) / per_page))
            pages = [os.path.join(first, "index.html")] + [
                os.path.join(first, "page", str(n), "index.html") for n in range(2, want_pages + 1)]
            missing = [p for p in pages if not os.path.isfile(p)]
            extra = os.path.join(first, "page", str(want_pages + 1), "index.html")
            if missing or os.path.exists(extra):
                problems.append(f"{kind}/{term}: expected {want_pages} pages "
                                f"({len(missing)} missing, one too many: {os.path.exists(extra)})")
                continue
            seen = set()
            for p in pages:
                on_page = linked_articles(p)
                if len(on_page & members) > per_page:
                    problems.append(f"{p}: {len(on_page & members)} articles on one page")
                seen |= on_page
            if not members <= seen:
                problems.append(f"{kind}/{term}: {len(members - seen)} of its {len(members)} articles "
                                "not listed on its pages")
            stray = (seen - members) & slugs
            if stray:
                problems.append(f"{kind}/{term}: lists {len(stray)} articles that do not name it")
            checked += 1
    for p in problems[:20]:
        print("check:", p, file=sys.stderr)
    if problems:
        print(f"check: FAILED, {len(problems)} problems", file=sys.stderr)
        return 1
    print(f"check: ok, {len(slugs)} article pages, {checked} terms with the right pages and members",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    root = sys.argv[1]
    sys.exit(main(root, sys.argv[2] if len(sys.argv) == 3 else os.path.join(root, "public")))
