// Client-side search over search/index.json: titles, summaries, body words.
// Queries and index are folded the same way (lower case, no accents), and
// a trailing plural "s"/"x" is ignored, so "nigeriens" finds "Nigérien".
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root");
  var data = null;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function stem(w) {
    return w.length > 3 ? w.replace(/(es|s|x)$/, "") : w;
  }
  function words(s) {
    return fold(s).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1; }).map(stem);
  }
  function prepare(a) {
    var names = a.c.concat(a.a).map(function (id) { return data.names[id] || id; }).join(" ");
    a.title = words(a.t).join(" ");
    a.text = " " + words(a.t + " " + a.s + " " + names + " " + a.w).join(" ") + " ";
  }
  function show(q) {
    var terms = words(q);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = [];
    data.articles.forEach(function (a) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        if (a.text.indexOf(" " + terms[i]) < 0) return;
        if (a.title.indexOf(terms[i]) >= 0) score += 2; else score += 1;
      }
      hits.push([score, a]);
    });
    hits.sort(function (x, y) { return y[0] - x[0] || (x[1].d < y[1].d ? 1 : -1); });
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results");
    hits.slice(0, 50).forEach(function (h) {
      var a = h[1], li = document.createElement("li"), link = document.createElement("a");
      link.href = root + a.u;
      link.textContent = a.t;
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = a.d;
      var summary = document.createElement("p");
      summary.textContent = a.s;
      li.appendChild(link); li.appendChild(meta); li.appendChild(summary);
      list.appendChild(li);
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); if (data) show(input.value); });
  fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (d) {
    data = d;
    data.articles.forEach(prepare);
    input.addEventListener("input", function () { show(input.value); });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; show(q); }
  }).catch(function () { status.textContent = "The search index could not be loaded."; });
})();
