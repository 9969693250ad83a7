// The search page: Pagefind's JS API (pagefind/, built with the site) behind a small Chinese UI.
// The query and the chosen filters live in the URL (?q=…&sector=…), so a result list can be shared.
// Nothing is fetched from another host: pagefind.js loads its index files next to itself.
(function () {
  "use strict";

  var root = document.querySelector(".pc-search");
  if (!root) { return; }

  var PAGE_SIZE = 10;
  var TYPING_PAUSE_MS = 250;
  // No longer to be claimed (core/rules.py ENDED): listed after the others.
  var ENDED = { any: ["已失效", "已修订", "已废止"] };
  var STATUS_CLASS = { "有效": "valid", "即将到期": "expiring", "已失效": "expired", "已修订": "expired", "已废止": "expired" };

  var form = root.querySelector(".pc-search__form");
  var input = root.querySelector(".pc-search__input");
  var filtersBox = root.querySelector(".pc-filters");
  var chosenCount = root.querySelector(".pc-filters__chosen");
  var chosenList = root.querySelector(".pc-chosen");
  var statusLine = root.querySelector(".pc-results__status");
  var list = root.querySelector(".pc-results__list");
  var more = root.querySelector(".pc-results__more");
  var boxes = Array.prototype.slice.call(root.querySelectorAll(".pc-facet input[type=checkbox]"));
  var facetLabels = {};
  root.querySelectorAll(".pc-facet").forEach(function (fieldset) {
    facetLabels[fieldset.dataset.facet] = fieldset.querySelector("legend").textContent;
  });

  var pagefindLoading = null;
  var filtersLoading = null;
  var totals = {};  // filter → value → pages, before any search
  var state = { run: 0, results: [], shown: 0, words: [] };

  function loadPagefind() {
    if (!pagefindLoading) {
      var url = new URL(root.dataset.pagefindJs, document.baseURI).href;
      pagefindLoading = import(url).then(function (pagefind) {
        return pagefind.options({ excerptLength: 36 })
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
    }
    return pagefindLoading;
  }

  // The filter index (every facet's page lists) is as large as the rest of a first query
  // together on a big column, so it loads only when the reader opens 筛选条件; from then on
  // every search also returns the counts per facet value.
  function loadFilters(pagefind) {
    if (!filtersLoading) {
      filtersLoading = pagefind.filters().then(function (counts) { totals = counts; });
    }
    return filtersLoading;
  }

  // --- state <-> URL -----------------------------------------------------------------

  function chosen() {
    var picked = {};
    boxes.forEach(function (box) {
      if (box.checked) { (picked[box.name] = picked[box.name] || []).push(box.value); }
    });
    return picked;
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) >= 0; });
  }

  function writeUrl(query, picked) {
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    boxes.forEach(function (box) { if (box.checked) { params.append(box.name, box.value); } });
    var search = params.toString();
    history.replaceState(history.state, "", search ? "?" + search : location.pathname);
  }

  // Within one facet values are alternatives (any); across facets they all apply.
  function pagefindFilters(picked, leaveOut) {
    var filters = {};
    Object.keys(picked).forEach(function (key) {
      if (key !== leaveOut) { filters[key] = { any: picked[key] }; }
    });
    return filters;
  }

  // --- searching ---------------------------------------------------------------------

  function run() {
    var id = ++state.run;
    var query = input.value.trim();
    var picked = chosen();
    writeUrl(query, picked);
    showChosen(picked);
    var pagefind = null;
    return loadPagefind().then(function (loaded) {
      pagefind = loaded;
      return filtersBox.open ? loadFilters(pagefind) : null;
    }).then(function () {
      if (id !== state.run) { return null; }
      if (!query && !Object.keys(picked).length) { return showStart(); }
      return search(pagefind, query, picked).then(function (found) {
        if (!found || id !== state.run) { return null; }
        state.results = found.results;
        state.shown = 0;
        state.words = highlightWords(query);
        list.textContent = "";
        if (filtersLoading) { showCounts(found.counts); }
        return showMore(false, id).then(function () { announce(query, picked, found.results.length); });
      });
    }).catch(function (error) {
      statusLine.textContent = "搜索暂时无法使用，请稍后再试，或查看政策清单。";
      if (window.console) { console.warn("search:", error); }
    });
  }

  // Relevance order from Pagefind, expired items moved last; counts per facet ignore the
  // facet's own choice, so picking 家电 still shows how many 汽车 items there are.
  function search(pagefind, query, picked) {
    var term = query || null;
    var options = { filters: pagefindFilters(picked) };
    if (!query) { options.sort = { rank: "asc" }; }
    var main = pagefind.search(term, options);
    var expired = query && !picked.status
      ? pagefind.search(term, { filters: Object.assign(pagefindFilters(picked), { status: ENDED }) })
      : Promise.resolve(null);
    var others = !filtersLoading ? [] : Object.keys(picked).map(function (key) {
      return pagefind.search(term, { filters: pagefindFilters(picked, key) }).then(function (r) {
        return [key, (r && r.filters[key]) || {}];
      });
    });
    return Promise.all([main, expired, Promise.all(others)]).then(function (all) {
      var found = all[0];
      if (!found) { return null; }
      var results = found.results;
      if (all[1]) {
        var late = {};
        all[1].results.forEach(function (r) { late[r.id] = true; });
        results = results.filter(function (r) { return !late[r.id]; })
          .concat(results.filter(function (r) { return late[r.id]; }));
      }
      var counts = Object.assign({}, found.filters);
      all[2].forEach(function (pair) { counts[pair[0]] = pair[1]; });
      return { results: results, counts: counts };
    });
  }

  function showStart() {
    state.results = [];
    state.shown = 0;
    list.textContent = "";
    more.hidden = true;
    if (filtersLoading) { showCounts(totals); }
    statusLine.textContent = "输入关键词，或选择筛选条件。可搜索 " + root.dataset.items + " 条政策和 "
      + root.dataset.sources + " 份政策文件。";
    return null;
  }

  function showMore(moveFocus, id) {
    var batch = state.results.slice(state.shown, state.shown + PAGE_SIZE);
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (id !== undefined && id !== state.run) { return; }
      var first = null;
      pages.forEach(function (page) {
        var item = renderResult(page);
        list.appendChild(item);
        first = first || item.querySelector("a");
      });
      state.shown += batch.length;
      more.hidden = state.shown >= state.results.length;
      if (moveFocus && first) { first.focus(); }
    });
  }

  // --- rendering (text only; Pagefind's <mark> is the one tag kept) --------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function renderResult(page) {
    var meta = page.meta || {};
    var item = element("li", "pc-result");
    var heading = element("h3", "pc-result__title");
    var link = element("a");
    link.href = page.url;
    appendMarked(link, meta.title || page.url, state.words);
    heading.appendChild(link);
    item.appendChild(heading);

    var facts = element("p", "pc-result__meta");
    if (meta.status) {
      facts.appendChild(element("span", "pc-status pc-status--" + (STATUS_CLASS[meta.status] || "valid"), meta.status));
    }
    var origin = meta.type === "政策原文" ? meta.issuer : meta.source;
    [meta.type, origin, meta.doc_number].forEach(function (text) {
      if (text) { facts.appendChild(element("span", "pc-result__fact", text)); }
    });
    if (meta.deadline) {
      facts.appendChild(element("span", "pc-result__fact", "申报截止 " + chineseDate(meta.deadline)));
    }
    item.appendChild(facts);

    if (page.excerpt) {
      var excerpt = element("p", "pc-result__excerpt");
      appendExcerpt(excerpt, page.excerpt);
      item.appendChild(excerpt);
    }
    return item;
  }

  // Pagefind's excerpt is HTML with <mark> around the words it matched: keep those marks, and
  // widen them to the reader's whole query words (Pagefind may match 闭环 for 闭环管理).
  function appendExcerpt(target, html) {
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    var text = "";
    var ranges = [];
    doc.body.childNodes.forEach(function (node) {
      var part = node.textContent;
      if (node.nodeName === "MARK") { ranges.push([text.length, text.length + part.length]); }
      text += part;
    });
    appendRanges(target, text, ranges.concat(rangesOf(text, state.words)));
  }

  function appendMarked(target, text, words) {
    appendRanges(target, text, rangesOf(text, words));
  }

  // Titles are highlighted here: the query's words, and the words the browser finds in them.
  function highlightWords(query) {
    var words = [];
    query.split(/\s+/).forEach(function (part) {
      if (!part) { return; }
      words.push(part);
      if (window.Intl && Intl.Segmenter) {
        var segmenter = new Intl.Segmenter("zh", { granularity: "word" });
        Array.from(segmenter.segment(part)).forEach(function (s) {
          if (s.isWordLike && s.segment.length > 1) { words.push(s.segment); }
        });
      }
    });
    return words;
  }

  function rangesOf(text, words) {
    var lower = text.toLowerCase();
    var ranges = [];
    words.forEach(function (word) {
      var needle = word.toLowerCase();
      for (var at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
        ranges.push([at, at + needle.length]);
      }
    });
    return ranges;
  }

  // Text with the given [start, end) ranges marked; overlapping ranges become one mark.
  function appendRanges(target, text, ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) { last[1] = Math.max(last[1], range[1]); }
      else { merged.push([range[0], range[1]]); }
    });
    var position = 0;
    merged.forEach(function (range) {
      target.appendChild(document.createTextNode(text.slice(position, range[0])));
      target.appendChild(element("mark", "", text.slice(range[0], range[1])));
      position = range[1];
    });
    target.appendChild(document.createTextNode(text.slice(position)));
  }

  function chineseDate(iso) {
    var parts = iso.split("-");
    return parts.length === 3 ? parts[0] + "年" + Number(parts[1]) + "月" + Number(parts[2]) + "日" : iso;
  }

  // --- facets ------------------------------------------------------------------------

  function showCounts(counts) {
    root.dataset.counts = "index";  // the counts now come from the search index
    boxes.forEach(function (box) {
      var byValue = counts[box.name] || {};
      var count = byValue[box.value] || 0;
      var option = box.closest(".pc-facet__option");
      option.querySelector(".pc-facet__count").textContent = String(count);
      option.hidden = !count && !box.checked;
    });
    root.querySelectorAll(".pc-facet").forEach(function (fieldset) {
      fieldset.hidden = !fieldset.querySelector(".pc-facet__option:not([hidden])");
    });
  }

  function showChosen(picked) {
    chosenList.textContent = "";
    var total = 0;
    boxes.forEach(function (box) {
      if (!box.checked) { return; }
      total += 1;
      var chip = element("li", "pc-chosen__item");
      var button = element("button", "pc-chosen__remove");
      button.type = "button";
      button.textContent = facetLabels[box.name] + "：" + box.value + " ×";
      button.setAttribute("aria-label", "取消筛选 " + facetLabels[box.name] + " " + box.value);
      button.addEventListener("click", function () {
        box.checked = false;
        run().then(function () { (chosenList.querySelector("button") || input).focus(); });
      });
      chip.appendChild(button);
      chosenList.appendChild(chip);
    });
    chosenList.hidden = !total;
    chosenCount.textContent = total ? "（已选 " + total + " 项）" : "";
  }

  function announce(query, picked, count) {
    var filtered = Object.keys(picked).length ? "（已筛选）" : "";
    if (!query) {
      statusLine.textContent = "符合筛选条件的政策共 " + count + " 条。";
    } else if (count) {
      statusLine.textContent = "找到 " + count + " 条与“" + query + "”相关的结果" + filtered + "。";
    } else {
      statusLine.textContent = "没有找到与“" + query + "”相关的结果" + filtered
        + "。请换个说法，或减少筛选条件。";
    }
  }

  // --- events ------------------------------------------------------------------------

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(run, TYPING_PAUSE_MS);
  });
  input.addEventListener("focus", loadPagefind, { once: true });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    run();
  });
  boxes.forEach(function (box) { box.addEventListener("change", run); });
  root.querySelector(".pc-filters__clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    run();
  });
  more.addEventListener("click", function () { showMore(true, state.run); });

  filtersBox.addEventListener("toggle", function () { if (filtersBox.open) { run(); } });
  readUrl();
  // A shared link with filters opens them beside the results on a wide screen.
  if (boxes.some(function (box) { return box.checked; })
      && window.matchMedia("(min-width: 60em)").matches) {
    filtersBox.open = true;  // its toggle event runs the search
  } else {
    run();
  }
  if (!input.value) { input.focus(); }
})();
