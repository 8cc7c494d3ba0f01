// Checks a built site in headless Chromium, as a reader would use it:
//   node search.mjs http://127.0.0.1:1111/     (a normal build, served)
//   node search.mjs file:///path/to/portable/  (a portable build, no server)
// Types queries on the search page and reads the results; on a portable
// build also walks from the home page to a country, an actor and an article.
// Exits non-zero on the first failure. Chromium: CHROMIUM or /usr/bin/chromium.
import { chromium } from "playwright-core";

const base = process.argv[2];
if (!base) {
  console.error("usage: node search.mjs BASE_URL");
  process.exit(2);
}
const fileMode = base.startsWith("file:");
const page_ = (path) => base + path + (fileMode ? "index.html" : "");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--allow-file-access-from-files"],
});
let failed = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed++;
}
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Blocks every request that leaves the site.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    return url.startsWith(base) || url.startsWith("file:") || url.startsWith("data:") ? route.continue() : route.abort();
  });

  await page.goto(page_("search/"));
  for (const [query, expect] of [["nigeriens", /nig[ée]rien/i], ["Etats-Unis", /./], ["wagner", /wagner/i]]) {
    await page.fill("#q", "");
    await page.type("#q", query, { delay: 20 });
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, null, { timeout: 5000 }).catch(() => {});
    const results = await page.$$eval("#search-results li", (lis) => lis.map((li) => li.textContent));
    check(results.length > 0 && results.some((r) => expect.test(r)), `search "${query}": ${results.length} results`);
  }
  const first = await page.$eval("#search-results li a", (a) => a.href).catch(() => "");
  if (first) {
    await page.goto(first);
    check((await page.title()).length > 0 && !(await page.content()).includes("Page not found"), `first result opens: ${first}`);
  }

  if (fileMode) {
    await page.goto(base + "index.html");
    for (const [selector, what] of [['a[href*="countries/niger/"]', "country"], ['a[href*="actors/"]:not([href$="actors/index.html"])', "actor"], ['a[href*="articles/"]', "article"]]) {
      await page.goto(base + "index.html");
      const link = await page.$(selector);
      check(Boolean(link), `home page links to a ${what} page`);
      if (link) {
        await Promise.all([page.waitForLoadState("load"), link.click()]);
        const ok = page.url().endsWith("index.html") && (await page.$("h1")) !== null;
        check(ok, `opens the ${what} page from disk: ${page.url()}`);
      }
    }
  }
  check(errors.length === 0, `no script errors ${errors.join("; ")}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
