#!/usr/bin/env bash
# Load test of `sahel-brief serve`: 100 concurrent clients for 30 s (wrk)
# on a copy of a site while an article is edited every second; then checks
# that the served article shows the last edit (no stale page), reports
# errors, and the server's memory before, during and after.
#
#   bench/serve_load.sh [SITE_DIR]        (default: this repository's site)
#
# Needs: wrk (Debian package `wrk`), a release build of sahel-brief.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
site=${1:-$here}
bin=${BIN:-$here/target/release/sahel-brief}
port=${PORT:-18911}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$site/site.toml" "$site/content" "$work/"
[ -d "$site/templates" ] && cp -r "$site/templates" "$work/"
[ -d "$site/static" ] && cp -r "$site/static" "$work/"

"$bin" serve --root "$work" --port "$port" > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/" > /dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status"; }
echo "rss before: $(rss)"

article=$(ls "$work/content/articles"/*.md | head -1)
slug=$(basename "$article" .md)
(
  for i in $(seq 1 30); do
    printf '\nLoad-test edit %s.\n' "$i" >> "$article"
    sleep 1
  done
) &
editor=$!

wrk -t2 -c100 -d30s --latency "http://127.0.0.1:$port/articles/$slug/" > "$work/wrk-article.txt" &
wrk -t1 -c20 -d30s "http://127.0.0.1:$port/" > "$work/wrk-home.txt"
wait %2 2>/dev/null || true
wait "$editor"
echo "rss during/after load: $(rss)"
cat "$work/wrk-article.txt"
echo "--- home page, 20 more clients:"
grep -E "Requests/sec|requests in|Non-2xx|Socket errors" "$work/wrk-home.txt" || true

# The last edit must be served once the watcher has caught up.
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/articles/$slug/" | grep -q "Load-test edit 30" && { echo "fresh: the last edit is served"; break; }
  sleep 0.1
done || true
curl -sf "http://127.0.0.1:$port/articles/$slug/" | grep -q "Load-test edit 30" || { echo "STALE: the last edit is not served"; exit 1; }
sleep 5
echo "rss after settling: $(rss)"
