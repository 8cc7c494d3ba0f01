#!/usr/bin/env bash
# Full-build benchmark: sahel-brief against Hugo (and Zola when there is one)
# on the same generated corpus, in the same run.
#
#   bench/run.sh [N ...]            default: 1000 10000
#
# For each N: generates the corpus in each tool's layout (bench/gen_corpus.py,
# cached by N, seed and generator), builds it once with each tool and checks
# our output against the corpus (bench/check_output.py), then times RUNS full
# builds per tool with hyperfine (WARMUP warm-up runs). Before every run the
# previous output is *moved* into a trash folder (hyperfine --prepare, not
# timed); nothing is deleted while measuring, because deleting ~100k files
# slows this disk down for a minute afterwards. Prints a Markdown table.
#
# Environment (all optional):
#   BENCH_DIR  work folder: corpora, outputs, results   (default /tmp/sahel-brief-bench)
#   RUNS       timed runs per tool and N                (default 5)
#   WARMUP     untimed runs first                       (default 1)
#   SEED       corpus seed                              (default 1)
#   OURS_BIN   sahel-brief binary (default: `cargo build --release`, then a
#              copy under BENCH_DIR/bin, so a rebuild during the run is harmless)
#   HUGO       hugo binary (default: hugo on PATH; skipped if none)
#   ZOLA       zola binary (default: zola on PATH; skipped if none)
#   TOOLS      subset of "ours hugo zola"               (default all three)
#   SETTLE     seconds between deleting files and timing (default 400: on
#              ext4 without a journal, as here, new inodes skip over those
#              freed in the last minute, or the last several minutes while
#              their inode table block is unwritten; after deleting a
#              previous run's output every mkdir and create scanned past
#              them, and builds took up to 3.9 s of system time, not 0.6)
#
# Needs python3, hyperfine and GNU time (/usr/bin/time).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
GEN="$HERE/gen_corpus.py"
BENCH_DIR="${BENCH_DIR:-/tmp/sahel-brief-bench}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
SEED="${SEED:-1}"
SETTLE="${SETTLE:-400}"
TOOLS=" ${TOOLS:-ours hugo zola} "
HUGO="${HUGO:-$(command -v hugo || true)}"
ZOLA="${ZOLA:-$(command -v zola || true)}"
[[ "$TOOLS" == *" hugo "* ]] || HUGO=""
[[ "$TOOLS" == *" zola "* ]] || ZOLA=""
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000 10000)

for t in python3 hyperfine /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "bench: missing $t (apt-get install -y hyperfine time)" >&2; exit 1; }
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RES="$BENCH_DIR/results/$STAMP"
TRASH="$BENCH_DIR/trash"
mkdir -p "$BENCH_DIR/corpus" "$BENCH_DIR/out" "$BENCH_DIR/bin" "$RES"

OURS=""
if [[ "$TOOLS" == *" ours "* ]]; then
  if [[ -n "${OURS_BIN:-}" ]]; then
    OURS="$OURS_BIN"
  else
    log "cargo build --release"
    (cd "$REPO" && cargo build --release --quiet --bin sahel-brief)
    rev="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    [[ -z "$(git -C "$REPO" status --porcelain --untracked-files=no src Cargo.toml 2>/dev/null)" ]] || rev="$rev-dirty"
    OURS="$BENCH_DIR/bin/sahel-brief-$rev"
    cp "${CARGO_TARGET_DIR:-$REPO/target}/release/sahel-brief" "$OURS.tmp" && mv "$OURS.tmp" "$OURS"
  fi
fi

# The disk's counters, to wait until deferred work (discards after a big
# delete, writeback) has stopped before timing anything.
DEV="$(df --output=source "$BENCH_DIR" | tail -1)"
DEV_STAT="/sys/class/block/${DEV##*/}/stat"
quiet_disk() {
  sync
  [[ -r "$DEV_STAT" ]] || return 0
  local calm=0 waited=0 w0 d0 w1 d1
  read -r w0 d0 < <(awk '{print $5, $12}' "$DEV_STAT")
  while (( calm < 3 && waited < 60 )); do
    sleep 1; waited=$((waited + 1))
    read -r w1 d1 < <(awk '{print $5, $12}' "$DEV_STAT")
    if (( d1 == d0 && w1 - w0 < 50 )); then calm=$((calm + 1)); else calm=0; fi
    w0=$w1; d0=$d1
  done
}
# Moves DIR into the trash (a rename: O(1), nothing deleted).
trash_cmd() { printf 'if [ -e %q ]; then mkdir -p %q && mv %q %q/$(date +%%s%%N); fi' "$1" "$TRASH" "$1" "$TRASH"; }
trash() { eval "$(trash_cmd "$1")"; }
# When files were last deleted here (a run deletes its trash at the end).
DELETED="$BENCH_DIR/.deleted-at"
empty_trash() {
  if [[ -e "$TRASH" ]]; then rm -rf "$TRASH"; sync; date +%s >"$DELETED"; fi
}
# Waits until SETTLE seconds have passed since the last deletion.
settle() {
  local since=$(( $(date +%s) - $(cat "$DELETED" 2>/dev/null || echo 0) ))
  if (( since < SETTLE )); then
    log "waiting $(( SETTLE - since ))s: files were deleted ${since}s ago"
    sleep $(( SETTLE - since ))
  fi
  quiet_disk
}

corpus() {  # FORMAT N -> corpus folder, generated unless already there
  local dir="$BENCH_DIR/corpus/$1-$2"
  local want; want="n=$2 seed=$SEED gen=$(sha256sum "$GEN" | cut -c1-12)"
  if [[ ! -f "$dir/.stamp" || "$(cat "$dir/.stamp")" != "$want" ]]; then
    log "generating the $1 corpus, N=$2"
    python3 "$GEN" --n "$2" --seed "$SEED" --format "$1" --out "$dir" --force
    echo "$want" >"$dir/.stamp"
  fi
  echo "$dir"
}

TSV="$RES/results.tsv"
printf 'tool\tn\tmedian_s\tmin_s\tmax_s\trss_mib\thtml\tfiles\tout_mib\n' >"$TSV"

# measure TOOL N CWD OUT CMD... : one checked build, then the timed runs.
measure() {
  local tool=$1 n=$2 cwd=$3 out=$4; shift 4
  local tag="$tool-$n" cmd; cmd="$(printf '%q ' "$@")"
  trash "$out"
  if ! (cd "$cwd" && "$@") >"$RES/$tag.build.log" 2>&1; then
    log "$tag: build failed:"; tail -20 "$RES/$tag.build.log" >&2; return 1
  fi
  if [[ "$tool" == ours ]]; then
    python3 "$HERE/check_output.py" "$cwd" "$out" 2>&1 | tee "$RES/$tag.check.log" >&2
    grep -q '^check: ok' "$RES/$tag.check.log" || { log "$tag: output check failed"; return 1; }
  fi
  local html files bytes
  html=$(find "$out" -type f -name '*.html' | wc -l)
  files=$(find "$out" -type f | wc -l)
  bytes=$(du -sb "$out" | cut -f1)
  : >"$RES/$tag.rss"
  quiet_disk
  log "$tag: timing $RUNS runs (load $(load))"
  (cd "$cwd" && hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" \
      --prepare "$(trash_cmd "$out"); sync" --export-json "$RES/$tag.json" --command-name "$tag" \
      "/usr/bin/time -f %M -a -o $(printf '%q' "$RES/$tag.rss") $cmd") >"$RES/$tag.hyperfine.txt" 2>&1 \
    || { log "$tag: hyperfine failed"; cat "$RES/$tag.hyperfine.txt" >&2; return 1; }
  python3 - "$RES/$tag.json" "$RES/$tag.rss" "$RUNS" "$tool" "$n" "$html" "$files" "$bytes" >>"$TSV" <<'PY'
import json, statistics, sys
js, rss, runs, tool, n, html, files, size = sys.argv[1:]
r = json.load(open(js))["results"][0]
kib = [int(x) for x in open(rss).read().split()][-int(runs):]   # the warm-up appended too
print("\t".join([tool, n, f"{r['median']:.3f}", f"{r['min']:.3f}", f"{r['max']:.3f}",
                 f"{statistics.median(kib) / 1024:.0f}", html, files, f"{int(size) / 2**20:.1f}"]))
PY
  log "$(tail -1 "$TSV")"
}

log "results in $RES"
empty_trash
settle
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "load before: $(load)"
  [[ -n "$OURS" ]] && echo "sahel-brief: $OURS"
  [[ -n "$HUGO" ]] && echo "hugo: $("$HUGO" version | cut -d' ' -f1-2)"
  if [[ -n "$ZOLA" ]]; then echo "zola: $("$ZOLA" --version)"; elif [[ "$TOOLS" == *" zola "* ]]; then echo "zola: not found, skipped"; fi
  echo "runs: $RUNS after $WARMUP warm-up; seed $SEED; sizes: ${SIZES[*]}"
} | tee "$RES/env.txt" >&2

for n in "${SIZES[@]}"; do
  if [[ -n "$OURS" ]]; then
    c=$(corpus ours "$n")
    measure ours "$n" "$c" "$BENCH_DIR/out/ours-$n" "$OURS" build --root "$c" --output "$BENCH_DIR/out/ours-$n"
  fi
  if [[ -n "$HUGO" ]]; then
    c=$(corpus hugo "$n")
    measure hugo "$n" "$c" "$BENCH_DIR/out/hugo-$n" "$HUGO" --quiet -s "$c" -d "$BENCH_DIR/out/hugo-$n"
  fi
  if [[ -n "$ZOLA" ]]; then
    c=$(corpus zola "$n")
    measure zola "$n" "$c" "$BENCH_DIR/out/zola-$n" "$ZOLA" --root "$c" build --output-dir "$BENCH_DIR/out/zola-$n"
  fi
done
echo "load after: $(load)" | tee -a "$RES/env.txt" >&2
log "emptying the trash"
empty_trash

python3 - "$TSV" "$RES/env.txt" >"$RES/table.md" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
hugo = {r["n"]: float(r["median_s"]) for r in rows if r["tool"] == "hugo"}
names = {"ours": "sahel-brief", "hugo": "Hugo", "zola": "Zola"}
print("| tool | N | median wall | min-max | peak RSS | HTML pages | pages/s | output | time / Hugo's |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    med = float(r["median_s"])
    ratio = f"{med / hugo[r['n']]:.2f}" if r["n"] in hugo else "-"
    print(f"| {names.get(r['tool'], r['tool'])} | {int(r['n']):,} | {med:.2f} s | {float(r['min_s']):.2f}-{float(r['max_s']):.2f} s "
          f"| {r['rss_mib']} MiB | {int(r['html']):,} | {int(r['html']) / med:,.0f} | {r['out_mib']} MiB | {ratio} |")
ours = {r["n"]: float(r["median_s"]) for r in rows if r["tool"] == "ours"}
ns = sorted(ours, key=int)
for a, b in zip(ns, ns[1:]):
    print(f"\nsahel-brief: {int(b) / int(a):.0f}x the articles took {ours[b] / ours[a]:.2f}x the time ({a} -> {b}).")
print()
for line in open(sys.argv[2]):
    print("    " + line.rstrip())
PY
echo
cat "$RES/table.md"
echo
echo "raw results: $RES"
