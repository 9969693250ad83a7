// The search page: Pagefind's JS API (pagefind/, built with the site) behind a small Chinese UI.
// The query, the chosen filters and the order live in the URL (?q=…&sector=…&sort=…), so a result
// list can be shared. The query is understood first (search-query.js: cut as the index was cut,
// fillers left out, synonyms added). Nothing is fetched from another host.
(function () {
  "use strict";

  var root = document.querySelector(".pc-search");
  if (!root) { return; }

  var PAGE_SIZE = 10;
  var FOLD_MORE = 10;  // results a page may load beyond PAGE_SIZE when some go under others
  var FOLD_MOST = 100;  // … and 显示更多 until it has a new clause to show
  var STATEMENT_MIN = 8;  // characters a title's statement after its colon needs to identify it
  // … and a whole title to name its subject, so that it identifies the clause in any programme;
  // a shorter heading (活动时间, 补贴审核及发放流程) identifies it within its programme only.
  var OWN_SUBJECT_MIN = 12;
  var ITEM_TYPE = "政策条目";  // the type of an item page (search_fields.py); documents are 政策原文
  var TYPING_PAUSE_MS = 250;
  var TIER = "tier";  // the ranking tiers of search_fields.py: document, gov, benefit, apply …
  var GOVERNMENT_WEIGHT = 0.6;  // a clause for 政府部门 against one for the public
  var BENEFIT_WEIGHT = 2;  // a clause saying what the public gets (支持标准, 最高额度)
  var RECENT_WEIGHT = 1.3;  // a clause of a document of the last half year (search_fields.py)
  var RELEVANT_SHARE = 0.5;  // of the best score: a page that answers a deadline question too
  var FIGURE_CHECK = 20;  // results whose text is read for an amount typed (1.5万, 2万元)
  var STATUS_CLASS = { "有效": "valid", "即将到期": "expiring", "已失效": "expired", "已修订": "expired", "已废止": "expired" };

  var form = root.querySelector(".pc-search__form");
  var input = root.querySelector(".pc-search__input");
  var filtersBox = root.querySelector(".pc-filters");
  var chosenCount = root.querySelector(".pc-filters__chosen");
  var chosenList = root.querySelector(".pc-chosen");
  var statusLine = root.querySelector(".pc-results__status");
  var list = root.querySelector(".pc-results__list");
  var more = root.querySelector(".pc-results__more");
  var help = root.querySelector(".pc-results__help");
  var filtersNote = root.querySelector(".pc-results__filters-note");
  var understoodLine = root.querySelector(".pc-understood");
  var understoodText = root.querySelector(".pc-understood__text");
  var undo = root.querySelector(".pc-understood__undo");
  var sortSelect = root.querySelector(".pc-sort__select");
  var cutter = window.PolicySearchQuery ? new window.PolicySearchQuery.QueryCutter({
    root: new URL(root.dataset.root, document.baseURI).href,
    words: new URL(root.dataset.words, document.baseURI).href,
    lexicon: new URL(root.dataset.lexicon, document.baseURI).href,
    exact: new URL(root.dataset.exact, document.baseURI).href,
  }) : null;
  var boxes = Array.prototype.slice.call(root.querySelectorAll(".pc-facet input[type=checkbox]"));
  var facetLabels = {};
  root.querySelectorAll(".pc-facet").forEach(function (fieldset) {
    facetLabels[fieldset.dataset.facet] = fieldset.querySelector("legend").textContent;
  });

  var pagefindLoading = null;
  var filtersLoading = null;
  var totals = {};  // filter → value → pages, before any search
  var state = { run: 0, results: [], shown: 0, heads: new Map(), words: [], literal: false, cache: {}, pinned: new Set() };

  function loadPagefind() {
    if (!pagefindLoading) {
      var url = new URL(root.dataset.pagefindJs, document.baseURI).href;
      pagefindLoading = import(url).then(function (pagefind) {
        // Ranking on raw counts of weighted words, not their share of the page: a clause whose title
        // has every word comes before a long one that repeats some (measured on the relevance table).
        // With termFrequency 0 no page's own length is read, and the build sets them all to their
        // mean (search/meta.py): a termFrequency above 0 needs those lengths back.
        return pagefind.options({ excerptLength: 36, ranking: { termFrequency: 0 } })
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
    state.literal = params.get("literal") === "1";
    sortSelect.value = params.get("sort") || "";
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) >= 0; });
  }

  function writeUrl(query, picked) {
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    boxes.forEach(function (box) { if (box.checked) { params.append(box.name, box.value); } });
    if (sortSelect.value) { params.set("sort", sortSelect.value); }
    if (state.literal && query) { params.set("literal", "1"); }
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
      return understand(query).then(function (understood) {
        if (id !== state.run) { return null; }
        return search(pagefind, query, understood, picked).then(function (found) {
          if (!found || id !== state.run) { return null; }
          startList(found.results);
          state.words = highlightWords(query, understood);
          if (filtersLoading) { showCounts(found.counts); }
          showUnderstood(query, understood, found);
          return showMore(false, id).then(function () { announce(query, picked, found); });
        });
      });
    }).catch(failed);
  }

  function failed(error) {
    list.removeAttribute("aria-busy");
    statusLine.textContent = "搜索暂时无法使用，请稍后再试，或查看政策清单。";
    if (window.console) { console.warn("search:", error); }
  }

  // The query as the index has its words (search-query.js); null: send it as typed.
  function understand(query) {
    if (!query || state.literal || !cutter) { return Promise.resolve(null); }
    return cutter.understand(query).catch(function (error) {
      if (window.console) { console.warn("search: the query is sent as typed:", error); }
      return null;
    });
  }

  function cached(key, make) {
    if (!state.cache[key]) { state.cache[key] = make(); }
    return state.cache[key];
  }

  // Pages of one ranking tier (a filter on the index, search.py): a set of result ids.
  function tier(pagefind, value) {
    return cached("tier:" + value, function () {
      var filters = {};
      filters[TIER] = value;
      return pagefind.search(null, { filters: filters }).then(function (found) {
        return new Set(found.results.map(function (r) { return r.id; }));
      });
    });
  }

  // Every page with the sort key, in its order: result id → position.
  function order(pagefind, key, direction) {
    return cached("sort:" + key, function () {
      var sort = {};
      sort[key] = direction;
      return pagefind.search(null, { sort: sort }).then(function (found) {
        var positions = new Map();
        found.results.forEach(function (r, position) { positions.set(r.id, position); });
        return positions;
      });
    });
  }

  // The readings of the query searched, the results merged by their best score: first the
  // reading as typed and the others, as far as the query cutter's download budget goes; the
  // readings beyond the budget only when those find nothing; the looser readings (one word
  // left out) only when all of them find fewer than three. Each new word costs a chunk.
  function gather(pagefind, alternatives, filters) {
    var merged = new Map();
    var searched = [];
    function take(group) {
      searched = searched.concat(group);
      return Promise.all(group.map(function (alternative) {
        return pagefind.search(alternative.query, { filters: filters }).then(function (found) {
          (found ? found.results : []).forEach(function (r) {
            var score = r.score * alternative.weight;
            var seen = merged.get(r.id);
            var loose = Boolean(alternative.loose) && (!seen || seen.loose);  // found only loosely
            if (!seen || seen.score < score) { merged.set(r.id, { result: r, score: score, loose: loose }); }
            else { seen.loose = loose; }
          });
          return found;
        });
      }));
    }
    var strict = alternatives.filter(function (a) { return !a.loose && !a.lazy; });
    var lazy = alternatives.filter(function (a) { return a.lazy; });
    var loose = alternatives.filter(function (a) { return a.loose; });
    var main = null;
    return take(strict).then(function (found) {
      main = found[0];
      return merged.size === 0 && lazy.length ? take(lazy) : null;
    }).then(function () {
      if (merged.size >= 3 || !loose.length) {
        return { main: main, merged: merged, loosened: false, withAll: merged.size, searched: searched };
      }
      var before = merged.size;
      return take(loose).then(function () {
        return { main: main, merged: merged, loosened: merged.size > before, withAll: before, searched: searched };
      });
    });
  }

  // Ranking a citizen agrees with: expired last, items before whole documents, then the pages
  // whose title, 行业, issuer or 主题 names more of the query, clauses for 政府部门 below those for
  // the public when they match about as well; or by date or deadline.
  function search(pagefind, query, understood, picked) {
    var filters = pagefindFilters(picked);
    var sort = sortSelect.value;
    if (!query) {
      return pagefind.search(null, { filters: filters }).then(function (found) {
        return rankWithoutQuery(pagefind, found, sort);
      });
    }
    var alternatives = understood ? understood.alternatives : [{ query: query, weight: 1 }];
    if (!alternatives.length) { return Promise.resolve(finish(pagefind, understood, [], {}, false)); }
    var deadlineFirst = sort === "deadline" || (understood && understood.deadline);
    return Promise.all([
      gather(pagefind, alternatives, filters),
      tier(pagefind, "expired"),
      tier(pagefind, "document"),
      tier(pagefind, "gov"),
      tier(pagefind, "benefit"),
      tier(pagefind, "recent"),
      tier(pagefind, "apply"),
      sort === "newest" ? years(pagefind) : null,
      deadlineFirst ? order(pagefind, "deadline", "asc") : null,
      facetCounts(pagefind, alternatives[0].query, picked),
    ]).then(function (all) {
      var gathered = all[0];
      var expired = all[1], documents = all[2], government = all[3], benefit = all[4];
      var recent = all[5], apply = all[6], newest = all[7], deadlines = all[8];
      var facetsByKey = all[9];
      var positions = newest || deadlines;  // id → place: newest year first, or nearest deadline
      var rows = Array.from(gathered.merged.values());
      if (understood) {
        // Only the synonyms searched are named (those of words found often enough are not).
        understood.synonyms = understood.synonyms.filter(function (word) {
          return gathered.searched.some(function (a) { return a.synonym === word; });
        });
      }
      var deadlineOnly = false;
      if (understood && understood.deadline && deadlines) {
        // Only when some of them is still open: a round whose items carry no date yet (an
        // imported notice) is what a reader asking now wants, not last round's dated items.
        var dated = rows.filter(function (row) { return deadlines.has(row.result.id); });
        var open = dated.some(function (row) { return !expired.has(row.result.id); });
        if (open) { rows = dated; deadlineOnly = true; }
      }
      rows.forEach(function (row) {
        var id = row.result.id;
        var weight = government.has(id) ? GOVERNMENT_WEIGHT : benefit.has(id) ? BENEFIT_WEIGHT : 1;
        row.weighted = row.score * weight * (recent.has(id) ? RECENT_WEIGHT : 1);
      });
      // A question about a deadline (购车补贴什么时候截止) wants the nearest deadline among the
      // pages that answer it, not any page that names 补贴: those that match about as well as the
      // best come first, the nearest deadline first among them.
      var banded = deadlineOnly && sort !== "deadline";
      var best = rows.reduce(function (top, row) { return Math.max(top, row.weighted); }, 0);
      rows.forEach(function (row) {
        var id = row.result.id;
        row.key = [expired.has(id) ? 1 : 0, documents.has(id) ? 1 : 0];
        if (banded) { row.key.push(row.weighted >= RELEVANT_SHARE * best ? 0 : 1); }
        if (positions) { row.key.push(positions.has(id) ? positions.get(id) : Infinity); }
        // Among pages naming every word typed (济南汽车: a Jinan office's car clauses), the text
        // says little more: the one saying what the public gets comes first, then the one
        // saying how to claim it (购车补贴: its 标准, then 怎么申报, before the 申报材料).
        // A page lacking a word typed (found by a looser reading) comes after those with all.
        var named = understood ? understood.cover(id) : 0;
        var whole = named > 0 && named >= understood.cover.full;
        row.key.push(row.loose ? 1 : 0, -named, whole ? kindOfClause(benefit, apply, id) : 2, -row.weighted);
      });
      rows.sort(byKey);
      return figuresFirst(understood, rows.map(function (row) { return row.result; })).then(function (results) {
        var counts = Object.assign({}, gathered.main ? gathered.main.filters : {}, facetsByKey);
        var found = finish(pagefind, understood, results, counts, gathered.loosened);
        found.withAll = gathered.withAll;  // pages with every word (or its synonym)
        found.deadlineOnly = deadlineOnly;
        found.offTopic = Boolean(understood && understood.emptySectors.length);
        return found;
      });
    });
  }

  // An amount typed (1.5万, 2万元): the index has 1 and 5, 2 and 万元 as words of their own,
  // which many pages have apart (12类 … 5%, 2025年 … 10万元). Of the first FIGURE_CHECK results,
  // those whose text states every amount come first; their fragments are most of what a page
  // shows anyway.
  function figuresFirst(understood, results) {
    var figures = understood ? understood.figures : [];
    if (!figures.length) { return Promise.resolve(results); }
    var checked = results.slice(0, FIGURE_CHECK);
    return Promise.all(checked.map(function (result) { return result.data(); })).then(function (pages) {
      var states = pages.map(function (page) {
        var text = (page.content || "").replace(/\s+/g, "");  // the index's copy spaces 2 万元
        return figures.every(function (figure) { return statesFigure(text, figure); });
      });
      var first = checked.filter(function (_result, n) { return states[n]; });
      var rest = checked.filter(function (_result, n) { return !states[n]; });
      return first.concat(rest, results.slice(FIGURE_CHECK));
    });
  }

  function statesFigure(text, figure) {
    var at = text.indexOf(figure);
    while (at >= 0) {
      var before = text.charAt(at - 1), after = text.charAt(at + figure.length);
      if (!/[\d.]/.test(before) && !/\d/.test(after)) { return true; }
      at = text.indexOf(figure, at + 1);
    }
    return false;
  }

  // What a clause tells the public, in the order a reader wants it: what they get (0), how to
  // claim it (1), anything else (2).
  function kindOfClause(benefit, apply, id) {
    return benefit.has(id) ? 0 : apply.has(id) ? 1 : 2;
  }

  // Filters only: in force before expired, items before documents, newest year first (the
  // 政策清单's order), or nearest deadline first.
  function rankWithoutQuery(pagefind, found, sort) {
    return Promise.all([
      tier(pagefind, "expired"),
      tier(pagefind, "document"),
      sort === "deadline" ? order(pagefind, "deadline", "asc") : years(pagefind),
    ]).then(function (all) {
      var expired = all[0], documents = all[1], positions = all[2];
      var rows = found.results.map(function (result, index) {
        var id = result.id;
        return {
          result: result,
          key: [expired.has(id) ? 1 : 0, documents.has(id) ? 1 : 0,
            positions.has(id) ? positions.get(id) : Infinity, index],
        };
      });
      rows.sort(byKey);
      return finish(pagefind, null, rows.map(function (row) { return row.result; }), found.filters, false);
    });
  }

  // Every page's 发文年份, newest first, from that filter: result id → place of its year.
  function years(pagefind) {
    return cached("years", function () {
      return (cutter ? cutter.loadLexicon() : Promise.resolve({ years: [] })).then(function (lexicon) {
        return Promise.all(lexicon.years.map(function (year) {
          return pagefind.search(null, { filters: { year: year } });
        })).then(function (found) {
          var places = new Map();
          found.forEach(function (one, place) {
            one.results.forEach(function (r) { if (!places.has(r.id)) { places.set(r.id, place); } });
          });
          return places;
        });
      });
    });
  }

  function byKey(a, b) {
    for (var i = 0; i < a.key.length; i += 1) {
      if (a.key[i] !== b.key[i]) { return a.key[i] < b.key[i] ? -1 : 1; }
    }
    return 0;
  }

  // Counts per facet ignore the facet's own choice, so picking 家电 still shows how many
  // 汽车 items there are (only once 筛选条件 is open: the filter index is large).
  function facetCounts(pagefind, term, picked) {
    if (!filtersLoading) { return Promise.resolve({}); }
    return Promise.all(Object.keys(picked).map(function (key) {
      return pagefind.search(term, { filters: pagefindFilters(picked, key) }).then(function (r) {
        return [key, (r && r.filters[key]) || {}];
      });
    })).then(function (pairs) {
      var counts = {};
      pairs.forEach(function (pair) { counts[pair[0]] = pair[1]; });
      return counts;
    });
  }

  // Pages the query names exactly come first: a 文号, an item's number, a part of the column.
  function finish(pagefind, understood, results, counts, loosened) {
    var pins = [];
    if (understood) {
      if (understood.item) { pins.push(pin(understood.item.path, understood.item.title, ITEM_TYPE)); }
      understood.documents.forEach(function (doc) {
        pins.push(pin(doc.path, doc.title, "政策原文", doc.number));
      });
      understood.shortcuts.forEach(function (page) { pins.push(pin(page.path, page.title, "栏目")); });
    }
    var pinned = new Set(pins.map(function (p) { return p.path; }));
    return {
      results: pins.concat(results),
      pinned: pinned,
      // Shortcut pages are not in the index; a pinned 文号 or item is also among the results.
      count: results.length + (understood ? understood.shortcuts.length : 0),
      counts: counts,
      loosened: loosened,
    };
  }

  function pin(path, title, type, number) {
    var url = new URL(root.dataset.root + path, document.baseURI).pathname;
    return {
      path: url,
      data: function () {
        return Promise.resolve({ url: url, meta: { title: title, type: type, doc_number: number || "" }, excerpt: "" });
      },
    };
  }

  // A new list of results: none shown yet, none to fold under.
  function startList(results) {
    state.results = results;
    state.shown = 0;
    state.heads = new Map();
    list.textContent = "";
    list.removeAttribute("aria-busy");
  }

  function showStart() {
    startList([]);
    more.hidden = true;
    help.hidden = true;
    understoodLine.hidden = true;
    if (filtersLoading) { showCounts(totals); }
    statusLine.textContent = "输入关键词，或选择筛选条件。可搜索 " + root.dataset.items + " 条政策和 "
      + root.dataset.sources + " 份政策文件。";
    return null;
  }

  // A page lists PAGE_SIZE different clauses: an item titled as one listed above (补贴审核、公示和
  // 发放 in a province's plan and in a city's rules, or a subsidy standard that differs only in its
  // figures) goes under that one, as 另有 N 条同名条款, and the page loads more to fill up, at most
  // FOLD_MORE fragments more than it shows.
  // While it loads, the list is aria-busy and a second click of 显示更多结果 does nothing.
  function showMore(moveFocus, id) {
    var added = 0, loaded = 0, first = null;
    list.setAttribute("aria-busy", "true");
    function fill() {
      var left = PAGE_SIZE + FOLD_MORE - loaded;
      var want = left > 0 ? Math.min(PAGE_SIZE - added, left) : PAGE_SIZE;
      var batch = state.results.slice(state.shown, state.shown + want);
      return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
        if (id !== undefined && id !== state.run) { return false; }
        pages.forEach(function (page, index) {
          // A page pinned above (its 文号 typed) is not listed again.
          if (!batch[index].path && state.pinned.has(new URL(page.url, document.baseURI).pathname)) { return; }
          var meta = page.meta || {};
          var keys = batch[index].path ? [] : titleKeys(meta);
          var head = keys.map(function (key) { return state.heads.get(key); }).filter(Boolean)[0];
          // Two clauses of one title in one document are two clauses: both listed.
          if (head && head.source !== meta.source) { addSameTitle(head, page); return; }
          var item = renderResult(page);
          list.appendChild(item);
          var made = { item: item, source: meta.source, pages: [] };
          keys.forEach(function (key) { if (!state.heads.has(key)) { state.heads.set(key, made); } });
          added += 1;
          first = first || item.querySelector("a");
        });
        state.shown += batch.length;
        loaded += batch.length;
        // 显示更多 shows at least one new clause, though many in a row go under one above.
        var mayLoad = loaded < PAGE_SIZE + FOLD_MORE || (added === 0 && loaded < FOLD_MOST);
        return added < PAGE_SIZE && mayLoad && state.shown < state.results.length ? fill() : true;
      });
    }
    return fill().then(function (current) {
      if (!current) { return; }
      list.removeAttribute("aria-busy");
      more.hidden = state.shown >= state.results.length;
      if (moveFocus && first) { first.focus(); }
    });
  }

  // What makes two items one clause. Within one programme: their title, and what the title
  // states after its colon (购车补贴额度：新能源车每辆最高…元 and 购车补助标准：新能源车每辆最高…元
  // say the same in two offices' words), whatever their figures and punctuation. In any
  // programme: the very title, figures too, when it is long enough to name its own subject (a
  // city's 活动时间 of its car subsidy and of its 首保 voucher are two clauses). None for a
  // document.
  function titleKeys(meta) {
    if (meta.type !== ITEM_TYPE || !meta.title) { return []; }
    var shapes = [meta.title];
    var colon = meta.title.indexOf("：");
    if (colon > 0) { shapes.push(meta.title.slice(colon + 1)); }
    var programme = (meta.programme || meta.source) + "：";
    var keys = shapes.map(function (text) {
      return bare(text.replace(/\d+(\.\d+)?/g, ""));
    }).filter(function (key, n) { return n === 0 || key.length >= STATEMENT_MIN; }).map(function (key) {
      return programme + key;
    });
    var title = bare(meta.title);
    if (title.length >= OWN_SUBJECT_MIN) { keys.push(title); }
    return keys;
  }

  function addSameTitle(head, page) {
    var meta = page.meta || {};
    if (!head.list) {
      var box = element("details", "pc-result__same");
      head.summary = element("summary", "pc-result__same-summary");
      head.list = element("ul", "pc-result__same-list");
      box.appendChild(head.summary);
      box.appendChild(head.list);
      head.item.appendChild(box);
    }
    head.pages.push(meta);
    var entry = element("li");
    var link = element("a", "", meta.source || meta.title);
    link.href = page.url;
    entry.appendChild(link);
    if (meta.doc_number) { entry.appendChild(element("span", "pc-result__fact", meta.doc_number)); }
    if (meta.status && STATUS_CLASS[meta.status] === "expired") {
      entry.appendChild(element("span", "pc-status pc-status--expired", meta.status));
    }
    head.list.appendChild(entry);
    var issuers = [];  // the first issuer of each (a joint document lists four)
    head.pages.forEach(function (m) {
      var name = (m.issuer || "").split("、")[0] || m.source;
      if (name && issuers.indexOf(name) < 0) { issuers.push(name); }
    });
    var named = issuers.slice(0, 2).join("、") + (issuers.length > 2 ? " 等" : "");
    head.summary.textContent = "另有 " + head.pages.length + " 条同名条款" + (named ? "（" + named + "）" : "");
  }

  // --- how the query was understood ----------------------------------------------------

  function showUnderstood(query, understood, found) {
    state.pinned = found.pinned;
    undo.onclick = null;
    if (state.literal) {
      understoodText.textContent = "已按原样搜索“" + query + "”。";
      undo.textContent = "改回按词搜索";
      undo.onclick = function () { state.literal = false; run().then(function () { input.focus(); }); };
      understoodLine.hidden = false;
      return;
    }
    if (!understood) { understoodLine.hidden = true; return; }
    var parts = [];
    var searched = understood.searched.join(" ");
    if (understood.documents.length) {
      parts.push("文号含“" + query + "”的文件排在最前");
    } else if (searched) {
      parts.push("按 " + searched + " 搜索");
    }
    if (understood.emptySectors.length) {
      parts.push("专栏里还没有" + understood.emptySectors.join("、") + "方面的政策，下面的条目只是文字里有这些词");
    }
    var left = understood.units.filter(function (u) { return u.role === "filler"; }).map(function (u) { return u.text; });
    if (left.length) { parts.push("没有用“" + left.join("”“") + "”"); }
    if (understood.common && understood.common.length) {
      parts.push("为了搜得快，没有用很常见的“" + understood.common.join("”“") + "”");
    }
    understood.units.filter(function (u) { return u.standIn; }).forEach(function (u) {
      parts.push("“" + u.text + "”在政策中写作“" + u.standIn + "”");
    });
    if (understood.synonyms.length) { parts.push("也找了 " + understood.synonyms.join("、")); }
    if (found.deadlineOnly) { parts.push("只列有申报截止日期的，截止早的在前"); }
    var missing = understood.units.filter(function (u) { return u.role === "missing"; }).map(function (u) { return u.text; });
    if (missing.length) { parts.push("“" + missing.join("”“") + "”在政策中没有出现，没有用它"); }
    if (found.loosened) {
      var some = found.withAll ? "同时含全部词语的只有 " + found.withAll + " 条" : "没有同时含全部词语的";
      parts.push(some + "，也列出了含其中大部分的");
    }
    var typedWords = query.replace(/\s+/g, " ");
    var changed = searched !== typedWords || parts.length > 1 || understood.deadline;
    understoodLine.hidden = !changed;
    if (!changed) { return; }
    understoodText.textContent = parts.join("；") + "。";
    undo.textContent = "按原样搜索";
    undo.onclick = function () { state.literal = true; run().then(function () { input.focus(); }); };
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
    [["申报开始", meta.opens], ["申报截止", meta.deadline]].forEach(function (dated) {
      if (dated[1]) { facts.appendChild(element("span", "pc-result__fact", dated[0] + " " + chineseDate(dated[1]))); }
    });
    item.appendChild(facts);

    if (page.excerpt) {
      var excerpt = element("p", "pc-result__excerpt");
      appendExcerpt(excerpt, page.excerpt, meta);
      if (excerpt.textContent) { item.appendChild(excerpt); }
    }
    return item;
  }

  // Pagefind's excerpt is HTML; its text is kept (the word breaks it puts in, U+200B, taken out, and
  // the title it starts with), its marks are not: they can be a stray 以 of 以上. The reader's
  // whole words are marked instead.
  function appendExcerpt(target, html, meta) {
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    var text = doc.body.textContent.replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
    // The excerpt may begin inside the title (Pagefind ends a heading with ". "): cut that part.
    var title = meta.title;
    var end = text.indexOf(". ");
    if (title && end >= 0 && end <= title.length && title.slice(title.length - end) === text.slice(0, end)) {
      text = text.slice(end + 2);
    }
    text = asPrinted(withoutFileInfo(text, meta));
    appendRanges(target, text, rangesOf(text, state.words));
  }

  // The excerpt without the 文件信息 it may run into after a short clause (the issuer, the
  // document's title and 文号 are indexed there): …4006096588. 济南市商务局. 2025年政府汽车消费….
  // Cut where the rest is that line, or its start; an issuer the clause itself names stays. A
  // document's excerpt that is only that line (its title matched) is none.
  function withoutFileInfo(text, meta) {
    if (!meta.issuer) { return text; }
    var info = bare(meta.issuer + (meta.source || "") + (meta.doc_number || ""));
    var first = meta.issuer.split("、")[0];
    for (var at = text.lastIndexOf(first); at >= 0; at = at ? text.lastIndexOf(first, at - 1) : -1) {
      var rest = bare(text.slice(at));
      if (info.lastIndexOf(rest, 0) === 0 || rest.lastIndexOf(info, 0) === 0) { return text.slice(0, at).trim(); }
    }
    return text;
  }

  // Text without spaces and punctuation, to compare what the index and a page's meta hold.
  function bare(text) {
    return text.replace(/[\s\p{P}]/gu, "");
  }

  // The excerpt as the page prints it: without the spaces the index puts around a number
  // (不超过 2000 元, glued_numbers.py), a block Pagefind ends with ". " ended by 。, and no
  // mark that ends a sentence at its start (an excerpt cut after 15 begins "%；每人…").
  function asPrinted(text) {
    return text
      .replace(/(\d) (?=[\u3400-\u9fff])|([\u3400-\u9fff]) (?=\d)/g, "$1$2")
      .replace(/([\u3400-\u9fff）])\. /g, "$1。")
      .replace(/^[%％，。；、：:;,.)）》」』”]+\s*/, "");
  }

  function appendMarked(target, text, words) {
    appendRanges(target, text, rangesOf(text, words));
  }

  // The words to mark: what the query was understood to ask for (whole words, two characters or
  // more unless the reader typed a single one), and the synonyms searched too.
  function highlightWords(query, understood) {
    var words = [];
    if (understood) {
      var units = understood.units;
      units.forEach(function (unit, n) {
        if (unit.role === "word" || unit.role === "shortcut") { words.push(unit.text); }
        // A character the index keeps apart is marked with its neighbour: 中石油, not a bare 石油.
        var next = units[n + 1];
        var pair = next && unit.role === "word" && next.role === "word";
        if (pair && (unit.text.length === 1 || next.text.length === 1)) { words.push(unit.text + next.text); }
      });
      words = words.concat(understood.synonyms);
    } else {
      words = query.split(/\s+/);
    }
    var single = query.replace(/\s+/g, "").length === 1;
    return words.filter(function (word) { return word && (word.length > 1 || single); });
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

  function announce(query, picked, found) {
    var filtered = Object.keys(picked).length ? "（已筛选）" : "";
    var count = found.count;
    help.hidden = true;
    if (!query) {
      statusLine.textContent = "符合筛选条件的政策共 " + count + " 条。";
    } else if (count && found.offTopic) {
      statusLine.textContent = "没有找到与“" + query + "”直接相关的政策" + filtered + "；文字里有这些词的有 " + count + " 条。";
      help.hidden = false;
      filtersNote.hidden = !filtered;
    } else if (count) {
      statusLine.textContent = "找到 " + count + " 条与“" + query + "”相关的结果" + filtered + "。";
    } else {
      // Say what was searched and where else to look; blame the filters only when some are set.
      statusLine.textContent = "没有找到与“" + query + "”相关的政策" + filtered + "。";
      filtersNote.hidden = !filtered;
      help.hidden = false;
    }
  }

  // --- events ------------------------------------------------------------------------

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    state.literal = false;  // a new query is understood afresh
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
  more.addEventListener("click", function () {
    if (!list.hasAttribute("aria-busy")) { showMore(true, state.run).catch(failed); }
  });
  sortSelect.addEventListener("change", run);
  root.querySelector(".pc-results__clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    run().then(function () { input.focus(); });
  });

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
