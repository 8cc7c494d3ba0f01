#!/bin/sh
# Fuzz the loader, the Markdown renderer, the importer and the search words
# with cargo-fuzz (libFuzzer). Needs `cargo install cargo-fuzz`; on a
# stable toolchain the nightly-only sanitizer flags are unlocked with
# RUSTC_BOOTSTRAP=1.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     default: 600 s each, all four
#
# Targets run in parallel; logs go to fuzz/logs/, corpora to fuzz/corpus/
# (both ignored by git), crashes to fuzz/artifacts/<target>/.
# Reproduce a crash: RUSTC_BOOTSTRAP=1 cargo fuzz run <target> <file>
# (or run fuzz/target/<host>/release/<target> <file>).
set -eu
cd "$(dirname "$0")"
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-frontmatter markdown import search}
export RUSTC_BOOTSTRAP=1

# Seeds: the repository's own content, and raw sources when present.
for t in $targets; do mkdir -p "corpus/$t"; done
mkdir -p logs
for f in ../content/*/*.md; do
    name=$(basename "$f")
    [ -d corpus/frontmatter ] && cp "$f" "corpus/frontmatter/seed-$name"
    [ -d corpus/markdown ] && cp "$f" "corpus/markdown/seed-$name"
    [ -d corpus/search ] && cp "$f" "corpus/search/seed-$name"
done
if [ -d corpus/import ]; then
    for f in ../../shared/seed/*.txt ../content/articles/*.md; do
        [ -f "$f" ] || continue
        name=$(basename "$f")
        # The first byte picks the format: 0 text, 1 HTML, 2 Markdown.
        { printf '\000'; cat "$f"; } > "corpus/import/seed-txt-$name"
        { printf '\002'; cat "$f"; } > "corpus/import/seed-md-$name"
    done
fi

# Build once, then run the binaries: `cargo fuzz run` would rebuild them
# whenever a source file changes during the run.
cargo fuzz build
bin=target/$(rustc -vV | sed -n 's/^host: //p')/release
for t in $targets; do
    mkdir -p "artifacts/$t"
    "$bin/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -max_len=16384 \
        -print_final_stats=1 >"logs/$t.log" 2>&1 &
done
status=0
wait || status=$?
for t in $targets; do
    echo "== $t"
    grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|SUMMARY|panicked|ERROR" "logs/$t.log" || true
    ls "artifacts/$t" 2>/dev/null | sed 's/^/artifact: /' || true
done
exit $status
