// Client-side search over the sharded index in search/ (see docs/search.md).
// The page carries the term names and aliases inline (#search-meta); each
// query loads only the word shards its words are filed in, then the result
// records of the documents it shows. Shards are classic scripts calling
// sahelSearch(), so the same code works over http and from file://.
// Results are built with DOM text nodes only: no data reaches innerHTML.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var metaEl = document.getElementById("search-meta");
  if (!form) return;
  var input = document.getElementById("q");
  var selCountry = document.getElementById("fc");
  var selActor = document.getElementById("fa");
  var selPlace = document.getElementById("fp");
  var dateFrom = document.getElementById("ff");
  var dateTo = document.getElementById("ft");
  var filters = form.querySelector(".filters");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "";
  var lang = form.getAttribute("data-lang") || "en";
  var fromDisk = location.protocol === "file:";
  var say = function (k) { return form.getAttribute("data-" + k) || ""; };
  var PAGE = 10;
  var meta;
  try { meta = JSON.parse(metaEl.textContent); } catch (e) { status.textContent = say("error"); return; }

  // Folding shared with the build: lower case, no accents, no final
  // plural s/x on words of four letters or more.
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss")
      .replace(/ø/g, "o").replace(/đ/g, "d").replace(/ł/g, "l").replace(/ı/g, "i");
  }
  function singular(w) { return w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w; }
  function rawWords(s) { return fold(s).split(/[^a-z0-9]+/).filter(Boolean); }
  // FNV-1a of a word's first three letters (a term key: all of it).
  function shardOf(key) {
    var s = key.charAt(0) === "#" ? key : key.slice(0, 3), h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h % meta.shards;
  }

  var names = {}, aliases = {}, longest = 1;
  meta.terms.forEach(function (t) {
    names[t[0]] = t[1];
    t[2].forEach(function (p) {
      (aliases[p] = aliases[p] || []).push(t[0]);
      longest = Math.max(longest, p.split(" ").length);
    });
  });

  // Shards: loaded once by a script element each, kept by kind and number.
  var loaded = { w: {}, d: {} }, pending = {};
  window.sahelSearch = function (kind, n, data) {
    if (loaded[kind]) loaded[kind][n] = data;
  };
  function shard(kind, n) {
    if (loaded[kind][n]) return Promise.resolve(loaded[kind][n]);
    var id = kind + n;
    if (!pending[id]) {
      pending[id] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + "search/" + kind + "/" + n + ".js";
        s.onload = function () { loaded[kind][n] ? resolve(loaded[kind][n]) : reject(new Error(id)); };
        s.onerror = function () { delete pending[id]; reject(new Error(id)); };
        document.head.appendChild(s);
      });
    }
    return pending[id];
  }

  // A query: units all documents must match (AND). A unit is a gazetteer
  // name (its term keys), or a word, completed as a prefix unless it was
  // typed as a plural.
  function parse(q) {
    var raw = rawWords(q), ws = raw.map(singular), units = [];
    for (var i = 0; i < ws.length;) {
      var len = Math.min(longest, ws.length - i), keys = null;
      for (; len > 0; len--) {
        keys = aliases[ws.slice(i, i + len).join(" ")];
        if (keys) break;
      }
      len = Math.max(len, 1);
      var w = ws[i], one = len === 1 && w.length >= 3;
      if (keys || w.length >= 3) {
        units.push({ keys: keys || [], word: one ? w : null, prefix: one && raw[i] === w, typed: ws.slice(i, i + len) });
      }
      i += len;
    }
    return units;
  }
  function keysOf(u) { return u.word ? u.keys.concat([u.word]) : u.keys; }

  // Postings: code = (doc - previous) * 5 + class. Exact words and terms
  // outrank every prefix completion; then title, summary, body, mention.
  function addPostings(scores, codes, exact, minClass) {
    var doc = 0;
    for (var i = 0; i < codes.length; i++) {
      doc += Math.floor(codes[i] / 5);
      var cls = codes[i] % 5;
      if (cls < minClass) continue;
      var s = exact ? 10 + cls : cls;
      if (!(scores.get(doc) >= s)) scores.set(doc, s);
    }
  }
  function unitScores(u, minClass) {
    var scores = new Map();
    keysOf(u).forEach(function (k) {
      var codes = loaded.w[shardOf(k)][k];
      if (codes) addPostings(scores, codes, true, minClass || 0);
    });
    if (u.prefix) {
      var words = loaded.w[shardOf(u.word)];
      Object.keys(words).forEach(function (k) {
        if (k !== u.word && k.lastIndexOf(u.word, 0) === 0) addPostings(scores, words[k], false, 0);
      });
    }
    return scores;
  }

  // Months are newest first, each with its first document: a document is
  // in the last month starting at or before it.
  // Why a result with no visible match is there: the terms it only
  // mentions ([mentions]), by document.
  function mentions(units) {
    var why = new Map();
    units.forEach(function (u) {
      u.keys.forEach(function (k) {
        var only = new Map();
        addPostings(only, loaded.w[shardOf(k)][k] || [], false, 0);
        only.forEach(function (cls, doc) {
          if (cls === 0) why.set(doc, (why.get(doc) || []).concat([names[k] || k]));
        });
      });
    });
    return why;
  }

  function monthOf(doc) {
    var m = meta.months, lo = 0, hi = m.length - 1, found = null;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (m[mid][1] <= doc) { found = m[mid][0]; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }
  function rank(units, state) {
    var sets = units.map(function (u) { return unitScores(u); });
    if (state.country) sets.push(unitScores({ keys: ["#country:" + state.country] }, 3));
    if (state.actor) sets.push(unitScores({ keys: ["#actor:" + state.actor] }, 3));
    if (state.place) sets.push(unitScores({ keys: ["#place:" + state.place] }, 3));
    if (!sets.length) return [];
    sets.sort(function (a, b) { return a.size - b.size; });
    var hits = [];
    sets[0].forEach(function (score, doc) {
      for (var i = 1; i < sets.length; i++) {
        var s = sets[i].get(doc);
        if (s === undefined) return;
        score += s;
      }
      if (state.from || state.to) {
        if (doc < meta.profiles) return;
        var m = monthOf(doc);
        if ((state.from && m < state.from) || (state.to && m > state.to)) return;
      }
      hits.push([score, doc]);
    });
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return hits.map(function (h) { return h[1]; });
  }

  // Highlighting: the words of the query, and the one-word names of the
  // terms it named ("Tchiani" marks "Tiani" too).
  function marks(units) {
    var exact = {}, prefixes = [];
    units.forEach(function (u) {
      u.typed.forEach(function (w) { if (w.length >= 3) exact[w] = 1; });
      if (u.prefix) prefixes.push(u.word);
      meta.terms.forEach(function (t) {
        if (u.keys.indexOf(t[0]) < 0) return;
        t[2].forEach(function (p) { if (p.indexOf(" ") < 0 && p.length >= 3) exact[p] = 1; });
      });
    });
    return function (word) {
      var w = singular(rawWords(word).join(""));
      return exact[w] === 1 || prefixes.some(function (p) { return w.lastIndexOf(p, 0) === 0; });
    };
  }
  function highlighted(tag, cls, text, isHit) {
    var e = el(tag, cls), re = /[\p{L}\p{N}]+/gu, at = 0, m;
    while ((m = re.exec(text))) {
      if (!isHit(m[0])) continue;
      e.appendChild(document.createTextNode(text.slice(at, m.index)));
      e.appendChild(el("mark", null, m[0]));
      at = m.index + m[0].length;
    }
    e.appendChild(document.createTextNode(text.slice(at)));
    return e;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  var dateFmt = null;
  try {
    dateFmt = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  } catch (e) { dateFmt = null; }
  function showDate(d) {
    var t = Date.parse(d + "T00:00:00Z");
    return !dateFmt || isNaN(t) ? d : dateFmt.format(new Date(t));
  }
  function record(doc) { return loaded.d[Math.floor(doc / meta.per_shard)][doc % meta.per_shard]; }
  function item(r, isHit, mentioned) {
    var li = el("li"), title = el("h2", "card-title");
    var link = highlighted("a", null, r[1], isHit);
    // Opened from disk, a folder URL needs its index.html.
    link.href = root + r[0] + (fromDisk && /\/$/.test(r[0]) ? "index.html" : "");
    title.appendChild(link);
    li.appendChild(title);
    var meta_ = el("p", "meta");
    if (r[2]) {
      var time = el("time", null, showDate(r[2]));
      time.setAttribute("datetime", r[2]);
      meta_.appendChild(time);
    }
    var where = r[3].slice(0, 3).map(function (id) { return names["#country:" + id] || id; }).join(", ");
    if (where) meta_.appendChild(document.createTextNode((r[2] ? " · " : "") + where));
    if (mentioned) meta_.appendChild(el("span", "why", " · " + (lang === "fr" ? "mentionne " : "mentions ") + mentioned.join(", ")));
    li.appendChild(meta_);
    if (r[4]) li.appendChild(highlighted("p", "summary", r[4], isHit));
    return li;
  }

  function state() {
    return {
      q: input.value.trim(),
      country: selCountry ? selCountry.value : "",
      actor: selActor ? selActor.value : "",
      place: selPlace ? selPlace.value : "",
      from: dateFrom ? dateFrom.value : "",
      to: dateTo ? dateTo.value : "",
    };
  }
  function syncUrl(s) {
    var p = new URLSearchParams();
    ["q", "country", "actor", "place", "from", "to"].forEach(function (k) { if (s[k]) p.set(k, s[k]); });
    var query = p.toString();
    try { history.replaceState(null, "", location.pathname + (query ? "?" + query : "")); } catch (e) { /* file:// in some browsers */ }
  }

  // The relations of the actors a query names (JNIM: affiliate of AQIM,
  // brings together Ansar Dine...), each a link to search for that actor.
  var related = el("p", "hint search-related");
  related.id = "search-related";
  related.hidden = true;
  status.parentNode.insertBefore(related, status.nextSibling);
  function showRelated(units) {
    related.textContent = "";
    var seen = {};
    units.forEach(function (u) {
      u.keys.forEach(function (k) {
        var lines = (meta.related || {})[k];
        if (!lines || seen[k]) return;
        seen[k] = 1;
        if (related.childNodes.length) related.appendChild(document.createTextNode(" · "));
        related.appendChild(document.createTextNode((names[k] || k) + ": "));
        lines.forEach(function (line, i) {
          related.appendChild(document.createTextNode((i ? ", " : "") + line[0] + " "));
          var a = el("a", null, names[line[1]] || line[1]);
          a.href = "?q=" + encodeURIComponent(names[line[1]] || line[1]);
          related.appendChild(a);
        });
      });
    });
    related.hidden = !related.childNodes.length;
  }

  var generation = 0, results = [], shown = 0, isHit = null, why = new Map(), more = null;
  function showMore(g, query) {
    var next = results.slice(shown, shown + PAGE);
    var need = {};
    next.forEach(function (doc) { need[Math.floor(doc / meta.per_shard)] = 1; });
    return Promise.all(Object.keys(need).map(function (n) { return shard("d", n); })).then(function () {
      if (g !== generation) return;
      next.forEach(function (doc) { list.appendChild(item(record(doc), isHit, why.get(doc))); });
      shown += next.length;
      if (more) more.hidden = shown >= results.length;
      // For tests and the benchmark: which search the list shows.
      form.setAttribute("data-shown", g);
      form.setAttribute("data-shown-query", query);
    });
  }
  // The word being typed may be the start of gazetteer names ("mal" for
  // Mali): the queries it would complete to, when they name few terms.
  // Their shards are loaded with the query's own, and the records of their
  // first results after it, so the next keystrokes need no round trip.
  var MAX_GUESSED_TERMS = 4;
  function completions(q) {
    var raw = rawWords(q), last = raw[raw.length - 1];
    if (!last || last.length < 3 || singular(last) !== last || /[^\p{L}\p{N}]$/u.test(q)) return [];
    var head = raw.slice(0, -1).join(" "), guesses = [], terms = {};
    Object.keys(aliases).forEach(function (p) {
      if (p === last || p.indexOf(" ") >= 0 || p.lastIndexOf(last, 0) !== 0) return;
      guesses.push(parse(head ? head + " " + p : p));
      aliases[p].forEach(function (k) { terms[k] = 1; });
    });
    return Object.keys(terms).length <= MAX_GUESSED_TERMS ? guesses : [];
  }
  function shardsOf(units, s) {
    var keys = [];
    units.forEach(function (u) { keys = keys.concat(keysOf(u)); });
    if (s.country) keys.push("#country:" + s.country);
    if (s.actor) keys.push("#actor:" + s.actor);
    if (s.place) keys.push("#place:" + s.place);
    var need = {};
    keys.forEach(function (k) { need[shardOf(k)] = 1; });
    return Object.keys(need);
  }
  function prefetch(g, guesses, s) {
    guesses.forEach(function (units) {
      Promise.all(shardsOf(units, s).map(function (n) { return shard("w", n); })).then(function () {
        if (g !== generation) return;
        var need = {};
        rank(units, s).slice(0, PAGE).forEach(function (doc) { need[Math.floor(doc / meta.per_shard)] = 1; });
        Object.keys(need).forEach(function (n) { shard("d", n).catch(function () {}); });
      }).catch(function () {});
    });
  }

  function search() {
    var g = ++generation, s = state(), units = parse(s.q);
    syncUrl(s);
    showRelated(units);
    if (!units.length && !s.country && !s.actor && !s.place) {
      list.textContent = ""; status.textContent = ""; if (more) more.hidden = true;
      return Promise.resolve();
    }
    var wanted = Promise.all(shardsOf(units, s).map(function (n) { return shard("w", n); }));
    var guesses = completions(input.value);
    guesses.forEach(function (u) { shardsOf(u, s).forEach(function (n) { shard("w", n).catch(function () {}); }); });
    return wanted
      .then(function () {
        if (g !== generation) return;
        results = rank(units, s);
        isHit = marks(units);
        why = mentions(units);
        shown = 0;
        var n = results.length;
        status.textContent = n ? n + " " + (n === 1 ? say("one") : say("many")) : say("none");
        list.textContent = "";
        var listed = showMore(g, s.q);
        prefetch(g, guesses, s);
        return listed;
      })
      .catch(function () { if (g === generation) status.textContent = say("error"); });
  }

  function fill(select, kind) {
    var terms = meta.terms.filter(function (t) { return t[0].indexOf("#" + kind + ":") === 0; });
    terms.sort(function (x, y) { return x[1].localeCompare(y[1], lang); });
    terms.forEach(function (t) {
      var o = el("option", null, t[1]);
      o.value = t[0].slice(kind.length + 2);
      select.appendChild(o);
    });
  }
  if (selCountry) fill(selCountry, "country");
  if (selActor) fill(selActor, "actor");
  if (selPlace) fill(selPlace, "place");
  if (filters) filters.hidden = false;
  more = el("button", "more-results", lang === "fr" ? "Plus de résultats" : "More results");
  more.type = "button";
  more.hidden = true;
  more.addEventListener("click", function () { showMore(generation, input.value.trim()); });
  list.parentNode.insertBefore(more, list.nextSibling);

  var p = new URLSearchParams(location.search);
  if (p.get("q")) input.value = p.get("q");
  if (selCountry && p.get("country")) selCountry.value = p.get("country");
  if (selActor && p.get("actor")) selActor.value = p.get("actor");
  if (selPlace && p.get("place")) selPlace.value = p.get("place");
  if (dateFrom && p.get("from")) dateFrom.value = p.get("from");
  if (dateTo && p.get("to")) dateTo.value = p.get("to");
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  [input, selCountry, selActor, selPlace, dateFrom, dateTo].forEach(function (e) {
    if (e) e.addEventListener(e === input ? "input" : "change", search);
  });
  search();
})();
