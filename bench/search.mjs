// Search over a slow link, in headless Chromium: for each query, a cold
// page load of search/?q=QUERY (empty cache) served gzip-compressed as
// static hosts do, throttled with CDP Network.emulateNetworkConditions
// (default 1.6 Mbit/s down, 300 ms latency); then keystrokes typing a
// second word. Prints bytes transferred, time to the first 10 results,
// JS heap, and per keystroke bytes and time.
//
//   node bench/search.mjs SITE_OUTPUT [query...]
//
// Needs `npm ci` in tests/browser (playwright-core) and Chromium
// (CHROMIUM or /usr/bin/chromium). bench/search.sh builds the site first.
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { serveDir } from "../tests/browser/serve.mjs";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [site, ...queries] = process.argv.slice(2);
if (!site) {
  console.error("usage: node bench/search.mjs SITE_OUTPUT [query...]");
  process.exit(2);
}
const KBIT = Number(process.env.KBIT || 1600);
const LATENCY = Number(process.env.LATENCY || 300);
const NEXT_WORD = process.env.NEXT_WORD || "mali";

const server = await serveDir(resolve(site));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

// Counts the bytes on the wire (compressed, headers included) by request.
function meter(cdp) {
  const m = { bytes: 0, requests: 0 };
  cdp.on("Network.loadingFinished", (e) => { m.bytes += e.encodedDataLength; m.requests++; });
  return m;
}

// Resolves when the page shows min(10, total) results for the input's
// current value; returns the number of results.
const settled = () => new Promise((done) => {
  const check = () => {
    const status = document.getElementById("search-status").textContent;
    const n = parseInt(status, 10);
    const shown = document.querySelectorAll("#search-results li").length;
    if (/^\d/.test(status) && shown >= Math.min(10, n)) return done(n), true;
    if (status && !/^\d/.test(status) && !/…/.test(status)) return done(0), true;
    return false;
  };
  if (check()) return;
  const o = new MutationObserver(() => { if (check()) o.disconnect(); });
  o.observe(document.body, { subtree: true, childList: true, characterData: true });
});

async function measure(query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: LATENCY,
    downloadThroughput: (KBIT * 1000) / 8,
    uploadThroughput: (KBIT * 1000) / 8,
  });
  const m = meter(cdp);
  const started = Date.now();
  await page.goto(server.url + "search/?q=" + encodeURIComponent(query), { waitUntil: "commit" });
  await page.waitForFunction(() => document.getElementById("search-status"), null, { timeout: 60000 });
  const results = await page.evaluate(settled);
  const coldMs = Date.now() - started;
  await page.waitForTimeout(200);
  const cold = { query, results, kb: m.bytes / 1024, requests: m.requests, ms: coldMs };
  const heap = await cdp.send("Runtime.getHeapUsage");
  cold.heapMb = heap.usedSize / 1024 / 1024;
  // Further keystrokes: " " then the letters of a second word.
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  const keys = [];
  let typed = query;
  for (const c of " " + NEXT_WORD) {
    typed += c;
    const before = m.bytes;
    const t0 = Date.now();
    await page.evaluate((value) => {
      const input = document.getElementById("q");
      input.value = value;
      input.dispatchEvent(new Event("input"));
    }, typed);
    await page.evaluate(settled);
    await page.waitForTimeout(50);
    keys.push({ typed, kb: (m.bytes - before) / 1024, ms: Date.now() - t0 });
  }
  await context.close();
  return { cold, keys };
}

console.log(`link: ${KBIT} kbit/s, ${LATENCY} ms latency; gzip; cold cache`);
for (const query of queries.length ? queries : ["niger", "wagner", "attaque"]) {
  const { cold, keys } = await measure(query);
  console.log(
    `"${query}": ${cold.results} results; first 10 in ${cold.ms} ms; ${cold.kb.toFixed(1)} KB in ${cold.requests} requests (search page included); JS heap ${cold.heapMb.toFixed(1)} MB`,
  );
  for (const k of keys) console.log(`   keystroke "${k.typed}": ${k.kb.toFixed(1)} KB, ${k.ms} ms`);
}
await browser.close();
server.close();
