// Client-side search over search/index.json: titles, summaries, body words,
// filtered by country and actor. Queries and index are folded the same way
// (lower case, no accents) and a trailing plural "s"/"x"/"es" is ignored,
// so "nigeriens" finds "Nigérien" and "Etats-Unis" finds "États-Unis".
// Results are built with textContent only: no index data reaches innerHTML.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var selCountry = document.getElementById("fc");
  var selActor = document.getElementById("fa");
  var filters = form.querySelector(".filters");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "";
  var lang = form.getAttribute("data-lang") || "en";
  var say = function (k) { return form.getAttribute("data-" + k) || ""; };
  var data = null;
  var dateFmt = null;
  try {
    dateFmt = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  } catch (e) { dateFmt = null; }

  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  }
  function stem(w) {
    return w.length > 3 ? w.replace(/(es|s|x)$/, "") : w;
  }
  function words(s) {
    return fold(s).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1; }).map(stem);
  }
  function name(id) { return (data.names && data.names[id]) || id; }
  function prepare(a) {
    var names = a.c.concat(a.a).map(name).join(" ");
    a.title = " " + words(a.t).join(" ");
    a.text = " " + words(a.t + " " + a.s + " " + names + " " + a.w).join(" ") + " ";
  }
  function showDate(d) {
    if (!dateFmt) return d;
    var t = Date.parse(d + "T00:00:00Z");
    return isNaN(t) ? d : dateFmt.format(new Date(t));
  }
  function fill(select, ids) {
    ids.sort(function (x, y) { return name(x).localeCompare(name(y), lang); });
    ids.forEach(function (id) {
      var o = document.createElement("option");
      o.value = id;
      o.textContent = name(id);
      select.appendChild(o);
    });
  }
  function syncUrl(q, c, a) {
    if (!window.history || !history.replaceState || location.protocol === "file:") return;
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    if (c) p.set("country", c);
    if (a) p.set("actor", a);
    var s = p.toString();
    try { history.replaceState(null, "", location.pathname + (s ? "?" + s : "")); } catch (e) { /* ignore */ }
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function show() {
    var q = input.value, c = selCountry ? selCountry.value : "", ac = selActor ? selActor.value : "";
    var terms = words(q);
    syncUrl(q.trim(), c, ac);
    list.textContent = "";
    if (!terms.length && !c && !ac) { status.textContent = ""; return; }
    var hits = [];
    data.articles.forEach(function (a) {
      if (c && a.c.indexOf(c) < 0) return;
      if (ac && a.a.indexOf(ac) < 0) return;
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        if (a.text.indexOf(" " + terms[i]) < 0) return;
        score += a.title.indexOf(" " + terms[i]) >= 0 ? 3 : 1;
      }
      hits.push([score, a]);
    });
    hits.sort(function (x, y) { return y[0] - x[0] || (x[1].d < y[1].d ? 1 : x[1].d > y[1].d ? -1 : 0); });
    status.textContent = hits.length
      ? hits.length + " " + (hits.length === 1 ? say("one") : say("many"))
      : say("none");
    hits.slice(0, 100).forEach(function (h) {
      var a = h[1], li = el("li");
      var title = el("h2", "card-title"), link = el("a", null, a.t);
      // Opened from disk, a folder URL needs its index.html.
      link.href = root + a.u + (location.protocol === "file:" && /\/$/.test(a.u) ? "index.html" : "");
      title.appendChild(link);
      li.appendChild(title);
      var meta = el("p", "meta");
      var time = el("time", null, showDate(a.d));
      time.setAttribute("datetime", a.d);
      meta.appendChild(time);
      var where = a.c.slice(0, 3).map(name).join(", ");
      if (where) meta.appendChild(document.createTextNode(" · " + where));
      li.appendChild(meta);
      if (a.s) li.appendChild(el("p", "summary", a.s));
      list.appendChild(li);
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); if (data) show(); });
  // The index: inlined in the page as <script type="application/json"
  // id="search-index"> when the build does so (works from file://), else
  // fetched next to this page. The URL follows data-root, which portable
  // builds rewrite to a relative path.
  function load() {
    var inline = document.getElementById("search-index");
    if (inline && inline.textContent) {
      return Promise.resolve().then(function () { return JSON.parse(inline.textContent); });
    }
    var url = form.hasAttribute("data-root") ? root + "search/index.json" : form.getAttribute("data-index");
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }
  status.textContent = say("loading");
  load()
    .then(function (d) {
      data = d;
      var cs = {}, as = {};
      data.articles.forEach(function (a) {
        prepare(a);
        a.c.forEach(function (id) { cs[id] = 1; });
        a.a.forEach(function (id) { as[id] = 1; });
      });
      if (selCountry) fill(selCountry, Object.keys(cs));
      if (selActor) fill(selActor, Object.keys(as));
      if (filters) filters.hidden = false;
      var p = new URLSearchParams(location.search);
      if (p.get("q")) input.value = p.get("q");
      if (selCountry && p.get("country")) selCountry.value = p.get("country");
      if (selActor && p.get("actor")) selActor.value = p.get("actor");
      status.textContent = "";
      input.addEventListener("input", show);
      if (selCountry) selCountry.addEventListener("change", show);
      if (selActor) selActor.addEventListener("change", show);
      show();
    })
    .catch(function () { status.textContent = say("error"); });
})();
