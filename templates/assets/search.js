/* briefing site search: works opened from disk (file://) and over http.
   The index (assets/search-index.js, built by generator/search.py) holds stemmed, accent-folded
   terms; here a query is folded the same way and each word is looked up as a known form, as the
   start of known forms, or by the longest known stem it starts with. No request leaves the site. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/search\.js(\?.*)?$/, "") : "";
  var labels = window.briefingLabels || {};  /* set by assets/labels.js, in the site's language */
  var index = null, formKeys = null, waiting = [];

  function fold(text) {
    return text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function load(then) {
    if (index) { then(); return; }
    waiting.push(then);
    if (waiting.length > 1) return;
    var tag = document.createElement("script");
    tag.src = base + "assets/search-index.js";
    tag.onload = function () {
      index = window.briefingSearchIndex;
      formKeys = Object.keys(index.forms).sort();
      waiting.splice(0).forEach(function (f) { f(); });
    };
    document.head.appendChild(tag);
  }

  function stemsOf(word) {
    var stems = {};
    if (index.forms[word]) stems[index.forms[word]] = true;
    var lo = 0, hi = formKeys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (formKeys[mid] < word) lo = mid + 1; else hi = mid; }
    for (var i = lo, n = 0; i < formKeys.length && n < 50 && formKeys[i].lastIndexOf(word, 0) === 0; i++, n++) {
      stems[index.forms[formKeys[i]]] = true;
    }
    for (var k = word.length; k >= 3; k--) {
      if (index.terms[word.slice(0, k)]) { stems[word.slice(0, k)] = true; break; }
    }
    return Object.keys(stems);
  }

  function search(query) {
    var words = (fold(query).match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return w.length >= 2; });
    if (!words.length) return [];
    var scores = null;
    words.forEach(function (word) {
      var best = {};
      stemsOf(word).forEach(function (stem) {
        var list = index.terms[stem] || [];
        for (var i = 0; i < list.length; i += 2) best[list[i]] = Math.max(best[list[i]] || 0, list[i + 1]);
      });
      if (scores === null) { scores = best; return; }
      var both = {};
      Object.keys(scores).forEach(function (d) { if (best[d]) both[d] = scores[d] + best[d]; });
      scores = both;
    });
    return Object.keys(scores).map(Number)
      .sort(function (a, b) { return scores[b] - scores[a] || a - b; })
      .map(function (d) { return index.docs[d]; });
  }

  function show(list, results, query) {
    list.textContent = "";
    if (!query.trim()) return;
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "briefing-search__none";
      none.textContent = labels.none || "No result";
      list.appendChild(none);
      return;
    }
    results.slice(0, 20).forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = base + doc[1];
      link.textContent = doc[0];
      var meta = document.createElement("span");
      meta.className = "briefing-search__meta";
      meta.textContent = " · " + doc[2];
      var snippet = document.createElement("p");
      snippet.textContent = doc[3];
      item.appendChild(link); item.appendChild(meta); item.appendChild(snippet);
      list.appendChild(item);
    });
  }

  function wire(input, list) {
    var run = function () {
      var query = input.value;
      load(function () { show(list, search(query), query); });
    };
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; list.textContent = ""; }
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) { event.preventDefault(); window.location.href = first.href; }
      }
    });
    return run;
  }

  function init() {
    var header = document.querySelector(".md-header__inner");
    if (header && !document.getElementById("briefing-search-page")) {
      var box = document.createElement("div");
      box.className = "briefing-search";
      box.setAttribute("role", "search");
      var input = document.createElement("input");
      input.type = "search";
      input.className = "briefing-search__input";
      input.placeholder = labels.placeholder || "Search";
      input.setAttribute("aria-label", labels.placeholder || "Search");
      var list = document.createElement("ol");
      list.className = "briefing-search__results";
      box.appendChild(input); box.appendChild(list);
      header.appendChild(box);
      wire(input, list);
    }
    var page = document.getElementById("briefing-search-page");
    if (page) {
      var pageInput = page.querySelector("input");
      var run = wire(pageInput, page.querySelector("ol"));
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) { pageInput.value = query; run(); }
      pageInput.focus();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
