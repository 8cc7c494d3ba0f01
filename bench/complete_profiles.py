#!/usr/bin/env python3
"""Completes the profiles of a corpus written by ../shared/bench/gen_corpus.py
(`--format ours`) with the fields sahel-brief requires (country `iso` and
`region`, actor `kind`), so the same corpus can be timed against Hugo and Zola.

    python3 bench/complete_profiles.py CORPUS_DIR
"""
import pathlib
import sys

ISO = {
    "algeria": "DZ", "benin": "BJ", "burkina-faso": "BF", "cameroon": "CM", "chad": "TD",
    "china": "CN", "cote-divoire": "CI", "france": "FR", "ghana": "GH", "guinea": "GN",
    "iran": "IR", "libya": "LY", "mali": "ML", "mauritania": "MR", "morocco": "MA",
    "niger": "NE", "nigeria": "NG", "russia": "RU", "senegal": "SN", "sudan": "SD",
    "togo": "TG", "turkey": "TR", "ukraine": "UA", "united-states": "US",
}
SAHEL = {"NE", "ML", "BF", "TD", "MR"}
COASTAL = {"SN", "NG", "BJ", "TG", "CI", "GH", "GN", "GW", "CM"}
KIND = {
    "aes": "international-org", "african-union": "international-org", "ecowas": "international-org",
    "g5-sahel": "international-org", "minusma": "international-org", "united-nations": "international-org",
    "eutm": "international-org", "icrc": "international-org", "amnesty": "international-org",
    "hrw": "international-org", "africa-corps": "foreign-force", "barkhane": "foreign-force",
    "french-army": "foreign-force", "russian-mod": "foreign-force", "us-africom": "foreign-force",
    "wagner": "foreign-force", "turkish-baykar": "foreign-force", "burkina-junta": "junta",
    "mali-junta": "junta", "niger-junta": "junta", "chad-army": "state", "fama": "state",
    "fds-burkina": "state", "fds-niger": "state", "orano": "media",
}


def add_fields(path, lines):
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n+++\n")
    if any(line.split("=")[0].strip() in ("iso", "kind") for line in head.splitlines()):
        return
    path.write_text(head + "\n" + "\n".join(lines) + sep + rest, encoding="utf-8")


def main(root):
    content = pathlib.Path(root) / "content"
    for path in sorted((content / "countries").glob("*.md")):
        iso = ISO[path.stem]
        region = "sahel" if iso in SAHEL else "coastal" if iso in COASTAL else "external"
        add_fields(path, [f'iso = "{iso}"', f'region = "{region}"'])
    for path in sorted((content / "actors").glob("*.md")):
        add_fields(path, [f'kind = "{KIND.get(path.stem, "armed-group")}"'])


if __name__ == "__main__":
    main(sys.argv[1])
