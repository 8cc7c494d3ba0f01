// Search as a reader uses it, in headless Chromium, over http and from
// file:// (no browser flag): builds a small fixture site with the real
// binary (a normal build, served, and a portable one, opened from disk)
// and checks aliases, mentions, ranking, plurals, highlighting, filters
// and the URL. Exits non-zero on any failure.
//   cd tests/browser && npm ci && node search.mjs [path/to/sahel-brief]
// Chromium: CHROMIUM or /usr/bin/chromium.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { serveDir } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const binary = resolve(process.argv[2] || join(here, "../../target/debug/sahel-brief"));

function fixture() {
  const root = mkdtempSync(join(tmpdir(), "search-browser-"));
  const write = (rel, text) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write("site.toml", 'title = "Search Test"\nbase_url = "https://example.org/brief/"\nlanguage = "en"\n');
  const country = (id, name, iso, aliases) =>
    write(`content/countries/${id}.md`, `+++\nname = "${name}"\naliases = ${JSON.stringify(aliases)}\niso = "${iso}"\nregion = "sahel"\n+++\n${name} profile.\n`);
  country("niger", "Niger", "NE", ["Niger", "Niamey"]);
  country("nigeria", "Nigeria", "NG", ["Nigeria", "Abuja"]);
  country("mali", "Mali", "ML", ["Mali", "Bamako"]);
  const actor = (id, name, kind, aliases) =>
    write(`content/actors/${id}.md`, `+++\nname = "${name}"\nkind = "${kind}"\naliases = ${JSON.stringify(aliases)}\n+++\nProfile of ${name}.\n`);
  actor("tiani", "Abdourahamane Tiani", "person", ["Tiani", "Tchiani", "Abdourahamane Tchiani"]);
  actor("ecowas", "ECOWAS", "international-org", ["ECOWAS", "CEDEAO", "Economic Community of West African States"]);
  actor("africa-corps", "Africa Corps", "foreign-force", ["Africa Corps", "Corps africain"]);
  actor("wagner", "Wagner Group", "foreign-force", ["Wagner"]);
  write("content/actors/africa-corps.md", '+++\nname = "Africa Corps"\nkind = "foreign-force"\naliases = ["Africa Corps", "Corps africain"]\n[[relations]]\ntype = "successor-of"\nactor = "wagner"\nfrom = 2024-01-01\n+++\nProfile of Africa Corps.\n');
  write("content/places/gao.md", '+++\nname = "Gao"\ncountry = "mali"\nkind = "region"\naliases = ["Gao"]\nlat = 16.27\nlon = 0.04\n+++\nA region of eastern Mali.\n');
  const article = (slug, title, date, front, body) =>
    write(`content/articles/${slug}.md`, `+++\ntitle = "${title}"\ndate = ${date}\nlang = "en"\n${front}\n+++\n${body}\n`);
  article("coup-in-niger", "Coup in Niger", "2023-07-28", 'countries = ["niger"]\nactors = ["tiani"]', "General Tchiani took power in Niamey.");
  article("nigeria-floods", "Floods in Nigeria", "2024-09-01", 'countries = ["nigeria"]', "Heavy rain in the north.");
  article("summit", "A summit in Abuja", "2024-02-01", 'countries = ["nigeria"]\nactors = ["ecowas"]', "The bloc met its members.");
  article("armies", "Les armées du Mali", "2022-05-01", 'countries = ["mali"]', "Les armées se déploient au centre.");
  article("weapons", "Trafic d’armes au Mali", "2022-06-01", 'countries = ["mali"]', "Des armes saisies près de Gao.");
  article("instructors", "Instructors arrive in Bamako", "2024-03-01", 'countries = ["mali"]\n[mentions]\nactors = ["africa-corps"]', "Russian instructors landed at the airport.");
  article("ambush", "Ambush near Ansongo", "2023-01-15", 'countries = ["mali"]\nplaces = ["gao"]', "Soldiers were ambushed on the road.");
  // Enough documents for several shards, so that loading one is seen.
  for (let i = 0; i < 80; i++) {
    article(`filler-${i}`, `Filler note ${i}`, `2019-01-${String(1 + (i % 28)).padStart(2, "0")}`, "", "Rainfall was recorded.");
  }
  return root;
}

const root = fixture();
// Served under a sub-path, as on GitHub Pages.
const server = await serveDir(root);
execFileSync(binary, ["build", "--root", root, "--output", join(root, "brief"), "--base-url", server.url + "brief/"], { stdio: "inherit" });
execFileSync(binary, ["build", "--root", root, "--output", join(root, "portable"), "--portable"], { stdio: "inherit" });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let failed = 0;
let passed = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (ok) passed++;
  else failed++;
}

async function checkSite(base, label) {
  const fromDisk = base.startsWith("file:");
  const searchPage = base + "search/" + (fromDisk ? "index.html" : "");
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Nothing may leave the site.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    return url.startsWith(base) || url.startsWith("file:") ? route.continue() : route.abort();
  });
  await page.goto(searchPage);
  const titles = async (query) => {
    await page.fill("#q", "");
    await page.type("#q", query, { delay: 10 });
    // The script marks the query its list shows.
    await page.waitForFunction(
      (q) => document.querySelector("form.search").getAttribute("data-shown-query") === q,
      query.trim(),
      { timeout: 5000 },
    ).catch(() => check(false, `${label}: results for "${query}" shown in time`));
    return page.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
  };
  const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

  // A gazetteer name's shards (and its first results' records) load with
  // the first letters typed: the keystrokes completing it load nothing.
  // First on a fresh page, so that nothing is loaded yet.
  const shardScripts = () => page.$$eval('script[src*="search/"]', (s) => s.length);
  await titles("Bam");
  await page.waitForTimeout(1000);
  const before = await shardScripts();
  const bamako = await titles("Bamako");
  const after = await shardScripts();
  check(bamako.includes("Instructors arrive in Bamako") && bamako.includes("Mali") && after === before, `${label}: "Bamako" typed after "Bam" loads no shard (${before} -> ${after}): ${bamako}`);
  const tchiani = await titles("Tchiani");
  const tiani = await titles("Tiani");
  const tianiMarks = await page.$$eval("#search-results mark", (ms) => ms.map((m) => m.textContent));
  check(tianiMarks.includes("Tchiani") && tianiMarks.includes("Tiani"), `${label}: "Tiani" marks its other spelling too: ${tianiMarks}`);
  check(tchiani.includes("Coup in Niger") && tchiani.includes("Abdourahamane Tiani") && same(tchiani, tiani), `${label}: "Tchiani" and "Tiani" find the same: ${tchiani}`);
  const cedeao = await titles("CEDEAO");
  check(cedeao.includes("A summit in Abuja") && same(cedeao, await titles("ECOWAS")), `${label}: "CEDEAO" finds what "ECOWAS" finds: ${cedeao}`);
  const corps = await titles("Africa Corps");
  check(corps[0] === "Africa Corps" && corps.includes("Instructors arrive in Bamako"), `${label}: "Africa Corps" finds its profile, then an article that only mentions it: ${corps}`);
  const why = await page.$$eval("#search-results li", (lis) => lis.map((li) => li.querySelector(".why")?.textContent || ""));
  check(why[0] === "" && /mentions Africa Corps/.test(why[1] || ""), `${label}: a result found by a mention says so: ${why}`);
  const related = await page.$$eval("#search-related:not([hidden]) a", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
  check(related.length === 1 && related[0][0] === "Wagner Group" && related[0][1] === "?q=Wagner%20Group", `${label}: a query naming an actor offers its relations: ${JSON.stringify(related)}`);
  const niger = await titles("niger");
  check(await page.$eval("#search-related", (p) => p.hidden), `${label}: a query naming no related actor offers none`);
  check(niger.indexOf("Coup in Niger") >= 0 && niger.indexOf("Coup in Niger") < niger.indexOf("Floods in Nigeria"), `${label}: "niger" ranks Niger before Nigeria: ${niger}`);
  const armees = await titles("armées");
  check(armees.includes("Les armées du Mali") && !armees.includes("Trafic d’armes au Mali"), `${label}: "armées" finds armées, not armes: ${armees}`);
  const armes = await titles("armes");
  check(armes.includes("Trafic d’armes au Mali") && !armes.includes("Les armées du Mali"), `${label}: "armes" finds armes, not armées: ${armes}`);
  const marks = await page.$$eval("#search-results mark", (ms) => ms.map((m) => m.textContent));
  check(marks.length > 0 && marks.every((m) => /^armes$/i.test(m)), `${label}: matched words are highlighted: ${marks}`);
  const gao = await titles("Gao");
  check(gao[0] === "Gao" && gao.includes("Ambush near Ansongo") && gao.includes("Trafic d’armes au Mali"), `${label}: a place name finds its profile, the articles filed under it and those naming it: ${gao}`);
  const both = await titles("coup niamey");
  check(same(both, ["Coup in Niger"]), `${label}: several words are ANDed: ${both}`);
  if (!fromDisk) {
    check(new URL(page.url()).searchParams.get("q") === "coup niamey", `${label}: the query stays in the URL: ${page.url()}`);
  }

  // The page reads its query and filters from the URL.
  await page.goto(searchPage + "?q=mali&from=2022-06&to=2022-12");
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, null, { timeout: 5000 }).catch(() => {});
  const dated = await page.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
  check(same(dated, ["Trafic d’armes au Mali"]), `${label}: ?q= and a date range from the URL: ${dated}`);
  await page.goto(searchPage + "?country=nigeria");
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, null, { timeout: 5000 }).catch(() => {});
  const byCountry = await page.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
  check(same(byCountry, ["Nigeria", "Floods in Nigeria", "A summit in Abuja"]), `${label}: the country filter alone: ${byCountry}`);
  await page.goto(searchPage + "?place=gao");
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, null, { timeout: 5000 }).catch(() => {});
  const byPlace = await page.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
  check(same(byPlace, ["Gao", "Ambush near Ansongo"]), `${label}: the place filter alone: ${byPlace}`);
  const first = await page.$eval("#search-results li a", (a) => a.href).catch(() => "");
  if (first) await page.goto(first);
  check(Boolean(first) && (await page.$("h1")) !== null && !(await page.content()).includes("Page not found"), `${label}: a result opens: ${first}`);
  check(errors.length === 0, `${label}: no script errors ${errors.join("; ")}`);
  await page.close();
}

async function checkJsOff(base) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + "search/");
  const text = await page.textContent("noscript").catch(() => "");
  check(/needs JavaScript/.test(text || ""), `with JavaScript off the page says search needs it`);
  await context.close();
}

try {
  await checkSite(server.url + "brief/", "http");
  await checkSite(pathToFileURL(join(root, "portable")).href + "/", "file://");
  await checkJsOff(server.url + "brief/");
} finally {
  await browser.close();
  server.close();
  if (process.env.KEEP_FIXTURE) console.log(`fixture kept in ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
const checks = passed + failed;
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed || checks === 0 ? 1 : 0);
