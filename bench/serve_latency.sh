#!/usr/bin/env bash
# Edit-to-reload latency of `sahel-brief serve` on the synthetic corpus of
# bench/gen_corpus.py (not a test). Starts the server on a free loopback port,
# subscribes to its live-reload event stream, then EDITS times: writes an
# article and measures the time from the write to the `reload` event.
#
#   bench/serve_latency.sh [CORPUS_DIR]      (default /tmp/corpus10k)
#   make the corpus: python3 bench/gen_corpus.py --n 10000 --seed 1 --format ours --out /tmp/corpus10k
#
# Env: BIN (default target/release/sahel-brief), EDITS (5),
#      KIND: body   append a line to an article body (the usual edit)
#            title  change an article's title (its card in every list)
#            move   change an article's date (the lists and months change)
#            word   append a sentence with a word no article has (search changes)
# The edited article is restored byte for byte; only the server this script
# started is stopped, by its PID.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CORPUS="${1:-/tmp/corpus10k}"
BIN="${BIN:-$HERE/../target/release/sahel-brief}"
EDITS="${EDITS:-5}"
KIND="${KIND:-body}"
[[ -x "$BIN" ]] || { echo "build first: cargo build --release" >&2; exit 2; }
[[ -f "$CORPUS/site.toml" ]] || { echo "no corpus at $CORPUS (see the header of this script)" >&2; exit 2; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
LOG=$(mktemp)
ART="$(find "$CORPUS/content/articles" -name '*.md' | sort | sed -n '2p')"
BAK=$(mktemp); cp "$ART" "$BAK"
PID=""
cleanup() {
  [[ -n "$PID" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  cp "$BAK" "$ART"; rm -f "$BAK"
}
trap cleanup EXIT INT TERM

"$BIN" --root "$CORPUS" serve --port "$PORT" >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 1800); do
  grep -q '^Serving' "$LOG" && break
  kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 0.1
done
grep '^Built' "$LOG" >&2
echo "rss after start: $(awk '/VmRSS/{print int($2/1024)}' /proc/$PID/status) MiB" >&2

python3 - "$PORT" "$ART" "$EDITS" "$KIND" <<'PY'
import re, socket, statistics, sys, time
port, art, edits, kind = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
s = socket.create_connection(("127.0.0.1", port))
# As the page's live-reload script does: say which page this "browser"
# shows (the edited article), which serve renders before the reload.
page = "/articles/" + art.rsplit("/", 1)[1][:-3] + "/"
host = b"Host: 127.0.0.1:" + str(port).encode()
s.sendall(b"GET /__livereload?page=" + page.encode() + b" HTTP/1.1\r\n" + host + b"\r\nAccept: text/event-stream\r\n\r\n")
def fetch(path):
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\n" + host + b"\r\nConnection: close\r\n\r\n")
    data = b""
    while chunk := c.recv(65536):
        data += chunk
    c.close()
    return data.decode("utf-8", "replace")
buf = b""
def until(needle, timeout=600):
    global buf
    s.settimeout(timeout)
    while needle not in buf:
        chunk = s.recv(65536)
        if not chunk:
            sys.exit("event stream closed")
        buf += chunk
    buf = buf[buf.index(needle) + len(needle):]
until(b"event: hello")
original = open(art, encoding="utf-8").read()
times, fetched = [], []
for k in range(1, edits + 1):
    text = open(art, encoding="utf-8").read()
    if kind == "body":
        text += f"\nMise à jour {k} : un élu local a confirmé la réouverture de la route.\n"
    elif kind == "word":
        # A word no article has: the search data changes too.
        text += f"\nLe village de Zqx{int(time.time() * 1000)} a été évacué.\n"
    elif kind == "title":
        text = re.sub(r'^title = "(.*)"$', lambda m: f'title = "{m.group(1)} ({k})"', text, count=1, flags=re.M)
    elif kind == "move":
        text = re.sub(r'^date = (\d{4})-(\d\d)-(\d\d)$', lambda m: f"date = {m.group(1)}-{m.group(2)}-{(k % 27) + 1:02d}", text, count=1, flags=re.M)
    t0 = time.perf_counter()
    with open(art, "w", encoding="utf-8") as f:
        f.write(text)
    until(b"event: reload")
    times.append((time.perf_counter() - t0) * 1000)
    # The reloaded page, as the browser fetches it next: it must be new.
    body = fetch(page)
    fetched.append((time.perf_counter() - t0) * 1000)
    if kind == "body" and f"Mise à jour {k} " not in body:
        sys.exit(f"edit {k}: the page fetched after the reload is stale")
    time.sleep(2)
with open(art, "w", encoding="utf-8") as f:
    f.write(original)
print(f"{kind}: write -> reload event, ms: " + " ".join(f"{t:.0f}" for t in times)
      + f"  (median {statistics.median(times):.0f})")
print(f"{kind}: write -> reloaded page fetched, ms: " + " ".join(f"{t:.0f}" for t in fetched)
      + f"  (median {statistics.median(fetched):.0f})")
PY
echo "server's own log:" >&2
grep -E '^(Rebuilt|  then)' "$LOG" >&2 || true
