// Search over a slow link, in headless Chromium: for each query, a cold
// page load of search/?q=QUERY (empty cache) served gzip-compressed as
// static hosts do, throttled with CDP Network.emulateNetworkConditions
// (default 1.6 Mbit/s down, 300 ms latency); then keystrokes typing a
// second word. Prints bytes transferred, time to the first 10 results,
// JS heap, and per keystroke bytes and time (a second word, and the
// query typed out from its first three letters).
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

// Resolves when the page shows the results of its latest search (the
// script numbers them in the form's data-shown); returns their number.
const shownAfter = (previous) => new Promise((done) => {
  const form = document.querySelector("form.search");
  const check = () => {
    const shown = Number(form.getAttribute("data-shown") || 0);
    const status = document.getElementById("search-status").textContent;
    if (shown > previous) return done(parseInt(status, 10) || 0), true;
    return false;
  };
  if (check()) return;
  const o = new MutationObserver(() => { if (check()) o.disconnect(); });
  o.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
});
const lastShown = () => Number(document.querySelector("form.search").getAttribute("data-shown") || 0);

// A cold load of search/?q=QUERY, then each keystroke of CONTINUATION.
async function measure(query, continuation) {
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
  const results = await page.evaluate(shownAfter, 0);
  await page.evaluate(`window.benchShownAfter = ${shownAfter}`);
  const coldMs = Date.now() - started;
  await page.waitForTimeout(200);
  const cold = { query, results, kb: m.bytes / 1024, requests: m.requests, ms: coldMs };
  const heap = await cdp.send("Runtime.getHeapUsage");
  cold.heapMb = heap.usedSize / 1024 / 1024;
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  const keys = [];
  let typed = query;
  for (const c of continuation) {
    typed += c;
    const before = m.bytes;
    const previous = await page.evaluate(lastShown);
    // Timed in the page, from the input event to the list shown.
    const ms = await page.evaluate(
      ([value, previous]) => {
        const t0 = performance.now();
        const wait = window.benchShownAfter(previous);
        const input = document.getElementById("q");
        input.value = value;
        input.dispatchEvent(new Event("input"));
        return wait.then(() => performance.now() - t0);
      },
      [typed, previous],
    );
    await page.waitForTimeout(100);
    keys.push({ typed, kb: (m.bytes - before) / 1024, ms: Math.round(ms) });
  }
  await context.close();
  return { cold, keys };
}

console.log(`link: ${KBIT} kbit/s, ${LATENCY} ms latency; gzip; cold cache`);
for (const query of queries.length ? queries : ["niger", "wagner", "attaque"]) {
  // The word typed out from its first three letters, then a second word.
  for (const [cold, continuation] of [[query, " " + NEXT_WORD], [query.slice(0, 3), query.slice(3)]]) {
    const { cold: c, keys } = await measure(cold, continuation);
    console.log(
      `"${cold}": ${c.results} results; first 10 in ${c.ms} ms; ${c.kb.toFixed(1)} KB in ${c.requests} requests (search page included); JS heap ${c.heapMb.toFixed(1)} MB`,
    );
    for (const k of keys) console.log(`   keystroke "${k.typed}": ${k.kb.toFixed(1)} KB, ${k.ms} ms`);
  }
}
await browser.close();
server.close();
