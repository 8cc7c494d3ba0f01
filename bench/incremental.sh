#!/usr/bin/env bash
# Incremental-build benchmark: on one generated corpus, medians of RUNS of
#   - a full clean build (`build --clean`, into the existing output),
#   - a rebuild with nothing changed,
#   - a rebuild after one article's body was edited (a different article
#     each run),
# with wall time and peak memory (GNU time's maximum resident set).
#
#   bench/incremental.sh [N]          default N = 10000
#
# Environment (all optional):
#   BENCH_DIR  work folder (default /tmp/sahel-brief-bench)
#   RUNS       runs of each kind (default 5)
#   SEED       corpus seed (default 1)
#   OURS_BIN   sahel-brief binary (default: `cargo build --release`)
#
# Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
N="${1:-10000}"
BENCH_DIR="${BENCH_DIR:-/tmp/sahel-brief-bench}"
RUNS="${RUNS:-5}"
SEED="${SEED:-1}"
WORK="$BENCH_DIR/incremental-$N-$SEED"
SITE="$WORK/site"
OUT="$WORK/public"

if [[ -z "${OURS_BIN:-}" ]]; then
  (cd "$REPO" && cargo build --release --quiet)
  OURS_BIN="$REPO/target/release/sahel-brief"
fi
if [[ ! -f "$SITE/site.toml" ]]; then
  mkdir -p "$WORK"
  python3 "$HERE/gen_corpus.py" --n "$N" --format ours --seed "$SEED" --out "$SITE" --force >/dev/null
fi

# One timed build: prints "seconds peak_kib" and checks what it said.
timed() {
  local expect="$1"; shift
  local log="$WORK/time.txt" said
  said=$(/usr/bin/time -o "$log" -f "%e %M" "$OURS_BIN" build --root "$SITE" --output "$OUT" "$@")
  echo "$said" >>"$WORK/said.txt"
  if [[ "$said" != *"$expect"* ]]; then
    echo "expected \"$expect\" in: $said" >&2
    exit 1
  fi
  cat "$log"
}

"$OURS_BIN" build --root "$SITE" --output "$OUT" --clean >/dev/null
# Inputs changed in the last two seconds are not trusted as unchanged.
sleep 3
: >"$WORK/full.txt"; : >"$WORK/none.txt"; : >"$WORK/edit.txt"; : >"$WORK/said.txt"
articles=("$SITE"/content/articles/*.md)
for run in $(seq 1 "$RUNS"); do
  timed "Built" --clean >>"$WORK/full.txt"
  timed "up to date" >>"$WORK/none.txt"
  article="${articles[$((run * 997 % ${#articles[@]}))]}"
  # A word new to the corpus: the search data changes, as after most edits.
  printf '\nOne more sentence for run %s about %s.\n' "$run" "$(printf 'q%sz' "$RANDOM$RANDOM" | tr 0-9 a-j)" >>"$article"
  timed "written" >>"$WORK/edit.txt"
  sleep 3
done

python3 - "$WORK" "$N" "$RUNS" <<'PY'
import statistics, sys
work, n, runs = sys.argv[1], sys.argv[2], sys.argv[3]
rows = []
for kind, label in [("full", "full clean build"), ("none", "nothing changed"), ("edit", "one body edited")]:
    vals = [tuple(map(float, l.split())) for l in open(f"{work}/{kind}.txt") if l.strip()]
    wall = statistics.median(v[0] for v in vals)
    peak = statistics.median(v[1] for v in vals) / 1024
    rows.append((label, wall, peak))
full = rows[0][1]
print(f"| {n} articles, median of {runs} | wall | share of full | peak RSS |")
print("| --- | ---: | ---: | ---: |")
for label, wall, peak in rows:
    print(f"| {label} | {wall:.2f} s | {wall / full:.2f} | {peak:.0f} MiB |")
# What the one-edit rebuilds rendered, of the files the site has.
import re
for line in open(f"{work}/said.txt"):
    m = re.search(r" ms: (.*), \d+ static files; (\d+) rendered", line)
    if m:
        files = sum(int(p.split(" ")[0]) for p in m.group(1).split(", "))
        print(f"one edit: {m.group(2)} of {files} files rendered")
PY
