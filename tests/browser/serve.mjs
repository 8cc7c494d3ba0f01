// A static file server for the browser checks and the benchmark: serves a
// built site as static hosts do (index.html for folders, gzip when the
// browser asks for it). Node's standard library only.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
};

// Resolves to { url, close() } once listening on a free local port.
export function serveDir(folder) {
  const dir = resolve(folder);
  const cache = new Map();
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      path = normalize(join(dir, path));
      if (!path.startsWith(dir)) throw new Error("outside");
      if ((await stat(path)).isDirectory()) path = join(path, "index.html");
      let body = await readFile(path);
      const headers = { "content-type": TYPES[extname(path)] || "application/octet-stream" };
      if (/\bgzip\b/.test(req.headers["accept-encoding"] || "") && /text|javascript|json|svg|xml/.test(headers["content-type"])) {
        if (!cache.has(path)) cache.set(path, gzipSync(body, { level: 9 }));
        body = cache.get(path);
        headers["content-encoding"] = "gzip";
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() });
    });
  });
}
