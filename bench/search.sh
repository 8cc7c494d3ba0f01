#!/bin/sh
# Search benchmark: generates an N-article corpus (default 10000; cached
# under $BENCH_DIR, default /tmp/sahel-brief-bench), builds it with the
# release binary, prints what search costs the build, then measures cold
# queries and keystrokes in headless Chromium over a throttled link
# (bench/search.mjs; KBIT and LATENCY set the link).
#
#   bench/search.sh [N...]
set -eu
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/sahel-brief-bench}
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --no-audit --no-fund)
cargo build --release --quiet --example bench_search_index
cargo build --release --quiet
[ $# -gt 0 ] || set -- 10000
for n in "$@"; do
  corpus="$BENCH_DIR/corpus/ours-$n"
  [ -f "$corpus/site.toml" ] || python3 bench/gen_corpus.py --n "$n" --format ours --out "$corpus" --force
  out="$BENCH_DIR/search-$n"
  target/release/sahel-brief build --root "$corpus" --output "$out" --base-url http://127.0.0.1/
  echo "search data: $(du -sk "$out/search" | cut -f1) KB in $(find "$out/search" -type f | wc -l) files"
  target/release/examples/bench_search_index "$corpus"
  node bench/search.mjs "$out" niger wagner attaque
done
