// Query understanding for the search page: what the reader typed, cut into the words the index has.
// Pagefind (extended) cut the pages' Chinese into words at build time; an unspaced query reaches it as
// one word and meets only its longest indexed prefix (以旧换新补贴 → 以). Here the query is cut into the
// fewest, longest pieces known to the index's own words (search/words/NN.json, by first character, read back from
// the index) and the taxonomy's terms (search/lexicon.json); filler words are left out, synonyms added,
// words the index has never seen reported instead of silently dropped. No network beyond this site.
(function () {
  "use strict";

  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  // What separates words; a point between digits does not: 1.5万 is one figure.
  var PUNCTUATION = /(?:[\s,，。、;；:：!！?？"“”'‘’()（）\[\]【】《》<>〈〉…·\/\\|+*=~`^%]|(?<!\d)\.|\.(?!\d))+/;
  // A figure with a decimal point (1.5万元, 2.0升): the index has its digits as two words.
  var DECIMAL = /^\d+\.\d+$/;
  var DOC_NUMBER_HINT = /[〔〕\[\]［］]|[字函发号]\s*$|[字函发]\s*[〔\[(（［]?\d/;
  var ITEM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)+(?:\/[0-9]+(?:-[0-9]+)*)?$/;
  // A number written with dashes, as phone numbers are (400-609-6588, 0730-5212345).
  var DASHED_NUMBER = /^\d+(?:[-\u2010-\u2015]\d+)+$/;
  // Each reading costs the index chunks of its words (tens of KiB at 10 000 items).
  var MAX_ALTERNATIVES = 4;
  // A word the index holds only in pieces (买车 as 买 + 车) matches less surely than one it holds
  // whole: each such word lowers its reading's weight, so a synonym it has whole (购车) leads.
  var PIECES_WEIGHT = 0.6;
  // Index chunks a first search may fetch (at 10 000 items most words cost 5 to 20 KiB, a word
  // on most pages up to 76 KiB alone: core/index_chunks.py): with Pagefind's code and
  // metadata (about 95 KiB there), the word files, ten results and the ranking tiers (up to
  // 65 KiB) it stays within 250 KiB.
  var CHUNK_BUDGET_KIB = 90;
  // A question word a title has (怎么申报, 哪些…可以参加) against a word searched.
  var FILLER_COVER = 0.5;
  // The last word of an unspaced query, what it asks for (补贴申请入口 asks for an 入口, 家电补贴标准
  // for a 标准: a Chinese compound ends with its head), against the words before it.
  var HEAD_COVER = 1.2;

  function QueryCutter(urls) {
    this.urls = urls;  // {words: "…/search/words/", lexicon: "…/lexicon.json", exact: "…/exact.json"}
    this.buckets = {};  // bucket number → Promise of a Set of words
    this.lexicon = null;
    this.exact = null;
  }

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  QueryCutter.prototype.loadLexicon = function () {
    if (!this.lexicon) {
      this.lexicon = fetchJson(this.urls.lexicon).then(function (data) {
        var lexicon = {
          buckets: data.buckets,
          fillers: new Set(data.fillers),
          deadline: new Set(data.deadline),
          shortcuts: data.shortcuts,
          terms: new Set(data.terms),
          sectors: data.sectors,
          themes: data.themes,
          emptySectors: new Set(data.empty_sectors),
          years: data.years,
          synonyms: {},
        };
        // A checked-in group's first word (what people type) also finds the rest (the policies'
        // words); a sector's keyword also finds the sector.
        data.synonyms.forEach(function (group) {
          lexicon.synonyms[group[0]] = (lexicon.synonyms[group[0]] || []).concat(group.slice(1));
        });
        Object.keys(data.broader).forEach(function (word) {
          lexicon.synonyms[word] = (lexicon.synonyms[word] || []).concat(data.broader[word]);
        });
        lexicon.dictionary = new Set([].concat(
          Array.from(lexicon.terms), data.fillers, data.deadline, Object.keys(data.shortcuts)));
        lexicon.longest = 1;
        lexicon.dictionary.forEach(function (word) { lexicon.longest = Math.max(lexicon.longest, word.length); });
        return lexicon;
      });
    }
    return this.lexicon;
  };

  // One word file: its words, and beside each the pages that have it, its index chunk and the
  // pages that name it in their title, 行业 or issuer (page numbers, each as its gap from the
  // one before).
  QueryCutter.prototype.bucket = function (character, count) {
    var number = character.codePointAt(0) % count;
    if (!this.buckets[number]) {
      var name = (number < 16 ? "0" : "") + number.toString(16) + ".json";
      this.buckets[number] = fetchJson(this.urls.words + name).then(function (file) {
        var costs = new Map();
        file.words.forEach(function (word, at) {
          costs.set(word, { pages: file.pages[at], chunk: file.chunks[at], namedGaps: file.named[at] });
        });
        return costs;
      });
    }
    return this.buckets[number];
  };

  // The size in KiB of every index chunk, by number: what fetching a word's chunk costs.
  QueryCutter.prototype.loadChunkSizes = function () {
    if (!this.chunkSizes) { this.chunkSizes = fetchJson(this.urls.words + "chunks.json"); }
    return this.chunkSizes;
  };

  // The index's words starting with any character of ``text``: has(word), startsWith(prefix),
  // commonestStartingWith(prefix), cost(word) ({pages, chunk}), the chunks' sizes and the
  // longest such word (a word is in the file of its first character).
  QueryCutter.prototype.indexWords = function (text, count) {
    var self = this;
    var characters = Array.from(new Set(Array.from(text)));
    var files = characters.map(function (c) { return self.bucket(c, count); });
    return Promise.all([this.loadChunkSizes()].concat(files)).then(function (loaded) {
      var maps = loaded.slice(1);
      var namedCache = new Map();
      var words = {
        sizes: loaded[0],
        has: function (word) { return maps.some(function (map) { return map.has(word); }); },
        cost: function (word) {
          for (var i = 0; i < maps.length; i += 1) { if (maps[i].has(word)) { return maps[i].get(word); } }
          return null;
        },
        // The numbers of the pages that name ``word`` — or, as Pagefind matches it, a word that
        // starts with it (领 in 领取) — in their title, 行业 or issuer.
        named: function (word) {
          if (!namedCache.has(word)) {
            var pages = new Set();
            maps.forEach(function (map) {
              map.forEach(function (cost, indexed) {
                if (indexed.lastIndexOf(word, 0) === 0) { pagesNaming(cost).forEach(function (p) { pages.add(p); }); }
              });
            });
            namedCache.set(word, pages);
          }
          return namedCache.get(word);
        },
      };
      words.longest = 1;
      // The longer word starting with ``prefix`` that the most pages have; null if none.
      words.commonestStartingWith = function (prefix) {
        var best = null, most = 0;
        maps.forEach(function (map) {
          map.forEach(function (cost, word) {
            if (word.length > prefix.length && word.lastIndexOf(prefix, 0) === 0 && cost.pages > most) {
              best = word;
              most = cost.pages;
            }
          });
        });
        return best;
      };
      words.startsWith = function (prefix) {
        var found = false;
        maps.forEach(function (map) {
          if (found) { return; }
          map.forEach(function (_cost, word) { if (!found && word.lastIndexOf(prefix, 0) === 0) { found = true; } });
        });
        return found;
      };
      maps.forEach(function (map) {
        map.forEach(function (_cost, word) { if (word.length > words.longest) { words.longest = word.length; } });
      });
      return words;
    });
  };

  // A word file entry's pages that name the word, decoded once from their gaps.
  function pagesNaming(cost) {
    if (!cost.named) { cost.named = fromGaps(cost.namedGaps || []); }
    return cost.named;
  }

  // Page numbers written as the first and then each one's distance from the one before
  // (core/search_vocabulary._gaps).
  function fromGaps(gaps) {
    var number = 0;
    return gaps.map(function (gap) { number += gap; return number; });
  }

  // Each 主题's pages (search/words/themes.json), by name: a Set of page numbers each.
  QueryCutter.prototype.loadThemes = function () {
    if (!this.themes) {
      this.themes = fetchJson(this.urls.words + "themes.json").then(function (file) {
        var pages = {};
        Object.keys(file).forEach(function (name) { pages[name] = new Set(fromGaps(file[name])); });
        return pages;
      });
    }
    return this.themes;
  };

  QueryCutter.prototype.loadExact = function () {
    if (!this.exact) { this.exact = fetchJson(this.urls.exact); }
    return this.exact;
  };

  // The pieces of ``text`` that leave the fewest characters unknown, then are the fewest; among
  // equals the one with the longest pieces first (forward maximum matching). 中石油客服 is
  // 中 石油 客服 where the index has 石油 but not 中石油, not 中石 + an unknown 油.
  function cut(text, known, longest) {
    var best = new Array(text.length + 1);  // best[at]: the cut of text from ``at`` to its end
    best[text.length] = { unknown: 0, count: 0, size: 0 };
    for (var at = text.length - 1; at >= 0; at -= 1) {
      for (var size = Math.min(longest, text.length - at); size >= 1; size -= 1) {
        var rest = best[at + size];
        var unknown = rest.unknown + (known(text.substr(at, size)) ? 0 : size);
        var count = rest.count + 1;
        var better = !best[at] || unknown < best[at].unknown ||
          (unknown === best[at].unknown && count < best[at].count);
        if (better) { best[at] = { unknown: unknown, count: count, size: size }; }
      }
    }
    var pieces = [];
    for (var from = 0; from < text.length; from += best[from].size) {
      pieces.push(text.substr(from, best[from].size));
    }
    return pieces;
  }

  function normalize(text) {
    // Full-width letters and digits as people type them on a phone keyboard: ４００６ → 4006.
    return text.normalize("NFKC").toLowerCase();
  }

  function docNumberKey(text) {
    return normalize(text).replace(/\s+/g, "").replace(/[〔［\[(（]/g, "〔").replace(/[〕］\])）]/g, "〕");
  }

  // What the query means: {units, alternatives, deadline, shortcuts, documents, item, searched}.
  QueryCutter.prototype.understand = function (typed) {
    var self = this;
    var text = normalize(typed).trim();
    return this.loadLexicon().then(function (lexicon) {
      // The index's words for the query's characters and for those of every synonym it may need.
      var characters = text.replace(/\s+/g, "");
      Object.keys(lexicon.synonyms).forEach(function (word) {
        if (text.indexOf(word) >= 0) { characters += lexicon.synonyms[word].join(""); }
      });
      var themed = Object.keys(lexicon.themes).some(function (word) { return characters.indexOf(word) >= 0; });
      return Promise.all([
        self.indexWords(characters, lexicon.buckets),
        DOC_NUMBER_HINT.test(text) ? self.loadExact() : null,
        // (a number with dashes is a phone number, not a document named by digits)
        ITEM_ID.test(text) && !DASHED_NUMBER.test(text) ? itemPage(self.urls.root, text) : null,
        themed ? self.loadThemes() : {},
      ]).then(function (loaded) {
        return meaning(text, lexicon, loaded[0], loaded[1], loaded[2], loaded[3]);
      });
    });
  };

  function itemPage(root, id) {
    var path = (id.indexOf("/") >= 0 ? "items/" : "sources/") + id + "/";
    return fetch(root + path, { method: "HEAD" }).then(function (response) {
      return response.ok ? { path: path, title: id } : null;
    }, function () { return null; });
  }

  function meaning(text, lexicon, words, exact, item, themePages) {
    var units = [];
    text.split(PUNCTUATION).forEach(function (chunk) {
      if (!chunk) { return; }
      splitScripts(chunk).forEach(function (run) {
        if (CJK.test(run)) {
          mergeMissing(cutChinese(run, lexicon, words)).forEach(function (unit) { units.push(unit); });
        } else if (DECIMAL.test(run)) {
          units.push(figure(run, words));
        } else {
          numberParts(run, words).forEach(function (part) {
            units.push({ text: part, role: words.startsWith(part) ? "word" : "missing", send: [part], whole: true });
          });
        }
      });
    });
    var understood = {
      typed: text,
      units: units,
      deadline: units.some(function (u) { return u.role === "deadline"; }),
      shortcuts: [],
      documents: exact ? matchingDocuments(text, exact) : [],
      item: item,
      alternatives: [],
      synonyms: [],
    };
    var content = units.filter(function (u) { return u.role !== "filler" && u.role !== "deadline"; });
    units.forEach(function (unit) {
      if (unit.role === "shortcut" || (unit.shortcut && content.length === 1)) {
        var page = lexicon.shortcuts[unit.text];
        understood.shortcuts.push({ title: page[0], path: page[1] });
      }
    });
    var sent = units.filter(function (u) { return u.role === "word" || u.role === "shortcut"; });
    if (sent.length) {
      understood.alternatives.push({ query: queryOf(sent), weight: weightOf(sent) });
      addSynonyms(understood, sent, lexicon, words);
      if (sent.length >= 2) {
        // Looser, ranked below: every word but one (a page may say 申领 where the reader typed 申请).
        sent.forEach(function (left) {
          var rest = sent.filter(function (u) { return u !== left; });
          understood.alternatives.push({ query: queryOf(rest), weight: 0.35 * weightOf(rest), loose: true, without: left.text });
        });
      }
    }
    plan(understood, words);
    understood.figures = figuresOf(text);
    // Shown by what the reader typed: 以旧换新, not the 换新 it was sent as; a lone character by the
    // word it was read as (补贴 for 补).
    understood.common = sent.filter(function (u) {
      return u.send.length && u.send.every(function (w) { return understood.common.indexOf(w) >= 0; });
    }).map(function (u) { return understood.commonAs[u.text] || u.text; });
    understood.searched = sent.map(function (u) { return u.standIn || u.text; });
    understood.cover = cover(units, lexicon, words, themePages, !/\s/.test(text));
    // A word that names a sector (手机 → 数码产品): results of that sector are what was meant.
    understood.emptySectors = [];
    sent.forEach(function (unit) {
      var sector = lexicon.sectors[unit.text];
      if (sector && lexicon.emptySectors.has(sector) && understood.emptySectors.indexOf(sector) < 0) {
        understood.emptySectors.push(sector);
      }
    });
    return understood;
  }

  // How much of the query a page names in its title, 行业 or issuer, or by its 主题, by the
  // page's result id: each word searched that it names (itself or a synonym) counts 1 — the last
  // of an unspaced query HEAD_COVER — each question word of two characters or more (怎么, 哪些,
  // 可以; 怎样 for 怎么 too) half, so 购车补贴怎么申报 answers 汽车补贴怎么申报 before
  // 汽车消费补贴服务热线. Pagefind's score adds up every place of every word, so a title naming 家电
  // twice outranked one naming all three words typed; a 济南 office's car subsidy (购车补贴标准,
  // filed under 汽车) answers 济南汽车, and with its theme 消费品以旧换新 (``themePages``: each
  // theme's pages, by name) 以旧换新 汽车. A word counts by all its pieces, the single characters
  // a search leaves out too: a title naming 补贴 does not name 领补贴, one naming 领取 补贴 does.
  // ``score.full`` is what a page naming every word scores.
  function cover(units, lexicon, words, themePages, unspaced) {
    var head = unspaced ? units.filter(function (unit) { return unit.role === "word"; }).pop() : null;
    var counted = units.filter(function (unit) {
      return unit.role === "word" || unit.role === "shortcut" || (unit.role === "filler" && unit.text.length > 1);
    }).map(function (unit) {
      var own = unit.role === "shortcut" ? unit.send : splitOverIndex(unit.standIn || unit.text, words) || unit.send;
      var synonyms = lexicon.synonyms[unit.text] || [];
      var others = synonyms.map(function (other) { return splitOverIndex(other, words); });
      var named = unit.role === "filler" ? [] : themesNamed([unit.text].concat(synonyms), lexicon);
      return {
        weight: unit.role === "filler" ? FILLER_COVER : unit === head ? HEAD_COVER : 1,
        forms: [own].concat(others).filter(function (form) { return form && form.length; }),
        themes: named,
      };
    });
    var score = function (id) {
      var page = pageNumber(id);
      return counted.reduce(function (total, unit) {
        var says = unit.forms.some(function (form) {
          return form.every(function (word) { return words.named(word).has(page); });
        }) || unit.themes.some(function (name) { return Boolean(themePages[name] && themePages[name].has(page)); });
        return total + (says ? unit.weight : 0);
      }, 0);
    };
    score.full = counted.reduce(function (total, unit) { return total + unit.weight; }, 0);
    return score;
  }

  // The 主题 that any of ``words`` names: its name, or a keyword its name holds (以旧换新 of
  // 消费品以旧换新; core/search_vocabulary.theme_words).
  function themesNamed(words, lexicon) {
    var names = [];
    words.forEach(function (word) {
      (lexicon.themes[word] || []).forEach(function (name) { if (names.indexOf(name) < 0) { names.push(name); } });
    });
    return names;
  }

  // A result's page number: fragments are named <language>_<index prefix>_<number in hex>
  // (search/meta.py), the number the index's word lists use.
  function pageNumber(id) {
    return parseInt(id.slice(id.lastIndexOf("_") + 1), 16);
  }

  // The index chunks a reading's words are in: one each, fetched once.
  function chunksOf(query, words) {
    var chunks = new Set();
    query.split(" ").forEach(function (word) {
      var cost = word && words.cost(word);
      if (cost) { chunks.add(cost.chunk); }
    });
    return chunks;
  }

  function kibOf(chunks, words) {
    var total = 0;
    chunks.forEach(function (chunk) { total += words.sizes[chunk] || 0; });
    return total;
  }

  function pagesOf(word, words) {
    var cost = words.cost(word);
    return cost ? cost.pages : 0;
  }

  // What the first search may fetch: the best reading's words within CHUNK_BUDGET_KIB of index
  // chunks — beyond it the words most pages have are left out (补贴 is on 9 401 of 10 464 pages
  // at 10 000 items, and it alone weighs 76 KiB: it narrows nothing) — and then the other
  // readings that fit beside it (first those of words the index has in pieces or of a sector's
  // keyword, then the other synonyms'); those that do not are searched only if nothing is found.
  // A lone character read as such a word (补 of 最多补多少 as 补贴) is left out with it: alone it
  // would keep only the pages that print 补 apart (补15%), not those saying 补贴.
  function plan(understood, words) {
    var common = [];
    understood.commonAs = {};
    understood.alternatives.forEach(function (a) {
      if (a.widens && !a.loose && leftOut(a.query.split(" "), words).indexOf(a.synonym) >= 0) {
        common.push(a.widens, a.synonym);
        understood.commonAs[a.widens] = a.synonym;  // shown as the word it was read as
      }
    });
    var atOnce = function (a) { return !a.loose && !a.lazy; };
    var strict = understood.alternatives.filter(function (a) { return atOnce(a) && without(a.query, common); });
    if (!strict.length) {  // (nothing left but such words: searched as typed)
      common = [];
      understood.commonAs = {};
      strict = understood.alternatives.filter(atOnce);
    }
    understood.common = [];
    if (!strict.length) { return; }
    var best = strict.reduce(function (a, b) { return b.weight > a.weight ? b : a; });
    var bestWords = without(best.query, common).split(" ");
    common = common.concat(leftOut(bestWords, words));
    var kept = bestWords.filter(function (word) { return common.indexOf(word) < 0; });
    understood.common = common;
    var seen = {};
    understood.alternatives = understood.alternatives.map(function (a) {
      return Object.assign({}, a, { query: without(a.query, common) });
    }).filter(function (a) {
      if (!a.query || seen[a.query]) { return false; }
      seen[a.query] = true;
      return true;
    });
    var first = understood.alternatives.filter(function (a) { return a.query === kept.join(" "); })[0];
    var fetched = chunksOf(kept.join(" "), words);
    function fits(a) {
      var more = new Set(fetched);
      chunksOf(a.query, words).forEach(function (chunk) { more.add(chunk); });
      if (kibOf(more, words) > CHUNK_BUDGET_KIB) { return false; }
      fetched = more;
      return true;
    }
    understood.alternatives.forEach(function (a) {
      if (a !== first && !a.loose && !a.lazy && !fits(a)) { a.lazy = true; }
    });
    // A synonym's reading that still fits is searched at once (以旧换新补贴怎么申请 also as
    // 换新 补贴 申领, whose pages say 申领); the others only when nothing is found (the looser
    // readings need no chunk the strict ones have not fetched).
    understood.alternatives.forEach(function (a) {
      if (a.lazy && fits(a)) { a.lazy = false; }
    });
  }

  // The words of a reading left out to keep its chunks within CHUNK_BUDGET_KIB: those most
  // pages have first, never the last word.
  function leftOut(reading, words) {
    var kept = reading.slice();
    var common = [];
    while (kept.length > 1 && kibOf(chunksOf(kept.join(" "), words), words) > CHUNK_BUDGET_KIB) {
      var most = kept.reduce(function (a, b) { return pagesOf(b, words) > pagesOf(a, words) ? b : a; });
      common.push(most);
      kept = kept.filter(function (word) { return word !== most; });
    }
    return common;
  }

  function without(query, common) {
    return query.split(" ").filter(function (word) { return common.indexOf(word) < 0; }).join(" ");
  }

  function weightOf(units) {
    return units.reduce(function (weight, u) { return u.whole ? weight : weight * PIECES_WEIGHT; }, 1);
  }

  function queryOf(units) {
    return units.map(function (u) { return u.send.join(" "); }).join(" ");
  }

  function addSynonyms(understood, sent, lexicon, words) {
    var seen = {};
    seen[understood.alternatives[0].query] = true;
    sent.forEach(function (unit, position) {
      synonymsOf(unit, lexicon, words).forEach(function (other) {
        if (understood.alternatives.length >= MAX_ALTERNATIVES) { return; }
        var asSent = sending(other, words);
        if (!asSent) { return; }
        var replaced = sent.map(function (u, i) { return i === position ? asSent : u; });
        var query = queryOf(replaced);
        var main = understood.alternatives[0];
        if (query === main.query && !main.synonym && unit.standIn !== other) {
          // 已旧换新 goes to the index as 换新, as 以旧换新 does: the reading searched is the synonym's.
          main.synonym = other;
          if (understood.synonyms.indexOf(other) < 0) { understood.synonyms.push(other); }
        }
        if (seen[query]) { return; }
        seen[query] = true;
        // A word the index has whole finds its pages itself; its synonyms' readings cost an index
        // chunk each (5 to 20 KiB at 10 000 items) and are searched as far as the budget goes
        // (``plan``). A word the index has only in pieces (买车) is looked up by its synonyms
        // (购车) in any case.
        var lazy = unit.whole && !broader(lexicon, unit.text, other);
        var reading = { query: query, weight: 0.8 * weightOf(replaced), synonym: other, of: unit.text, lazy: lazy };
        // (a lone character's longer word: 补 as 补贴)
        if ((lexicon.synonyms[unit.text] || []).indexOf(other) < 0) { reading.widens = unit.text; }
        understood.alternatives.push(reading);
        if (understood.synonyms.indexOf(other) < 0) { understood.synonyms.push(other); }
      });
    });
  }

  // A unit's other words: its checked-in synonyms and, for a single Chinese character typed for
  // a longer word (换 in 我想换个冰箱, 补 in 最多补多少), the longer word most pages have
  // (换新, 补贴) when more pages have it than the character alone (not 点击 for the 点 of 百分点).
  // Pagefind matches a word as the start of longer words only in the index chunks a page has
  // loaded, so a lone 换 found 换新 in one reader's search and not in another's.
  function synonymsOf(unit, lexicon, words) {
    var others = lexicon.synonyms[unit.text] || [];
    if (unit.text.length !== 1 || !CJK.test(unit.text) || !unit.whole || unit.standIn) { return others; }
    var longer = words.commonestStartingWith(unit.text);
    var wider = longer && words.cost(longer).pages > words.cost(unit.text).pages;
    return wider && others.indexOf(longer) < 0 ? others.concat([longer]) : others;
  }

  // Whether ``other`` is the sector ``word`` belongs to (冰箱 → 家电): what the reader means.
  function broader(lexicon, word, other) {
    return lexicon.sectors[word] === other;
  }

  // A word as the index has it: itself, or the index's words it is made of; null if any is missing.
  // Cut from the end when that leaves longer pieces as often: 旧家电 is 旧 + 家电, not 旧家 + 电.
  function splitOverIndex(word, words) {
    if (words.has(word)) { return [word]; }
    var known = function (w) { return words.has(w); };
    var forward = cut(word, known, words.longest);
    var backward = cutBackward(word, known, words.longest);
    var singles = function (pieces) { return pieces.filter(function (p) { return p.length === 1; }).length; };
    var pieces = backward.length <= forward.length && singles(backward) <= singles(forward) ? backward : forward;
    return pieces.every(known) ? pieces : null;
  }

  // Backward maximum matching: from the end, the longest word ``known`` has, else one character.
  function cutBackward(text, known, longest) {
    var pieces = [];
    var end = text.length;
    while (end > 0) {
      var size = Math.min(longest, end);
      while (size > 1 && !known(text.substr(end - size, size))) { size -= 1; }
      pieces.unshift(text.substr(end - size, size));
      end -= size;
    }
    return pieces;
  }

  // A term the index holds in pieces (以旧换新 as 以 旧 换新) is sent as its longer pieces (换新):
  // a lone 以 matches nearly every page, and its index chunk is the largest of all.
  function selective(pieces) {
    var long = pieces.filter(function (p) { return p.length > 1; });
    return long.length ? long : pieces;
  }

  // How ``word`` is sent to the index: {send: its words as sent, whole: whether the index has
  // it as one word}; null when the index lacks a piece of it.
  function sending(word, words) {
    var split = splitOverIndex(word, words);
    return split ? { send: selective(split), whole: split.length === 1 } : null;
  }

  function cutChinese(run, lexicon, words) {
    var known = function (w) { return lexicon.dictionary.has(w) || words.has(w); };
    return cut(run, known, Math.max(lexicon.longest, words.longest)).map(function (piece) {
      if (lexicon.fillers.has(piece)) { return { text: piece, role: "filler", send: [] }; }
      if (lexicon.deadline.has(piece)) { return { text: piece, role: "deadline", send: [] }; }
      var own = sending(piece, words);
      if (lexicon.shortcuts[piece]) {
        // A policy's own word too (汽车消费礼包): the part of the column only when typed alone.
        if (own && own.whole) { return { text: piece, role: "word", send: own.send, whole: true, shortcut: true }; }
        return { text: piece, role: "shortcut", send: splitOverIndex(piece, words) || [], whole: true };
      }
      if (own) { return { text: piece, role: "word", send: own.send, whole: own.whole }; }
      var standIn = standInFor(piece, lexicon, words);
      if (!standIn) { return { text: piece, role: "missing", send: [] }; }
      return { text: piece, role: "word", send: standIn.send, whole: standIn.whole, standIn: standIn.word };
    });
  }

  // A word the pages never use, said the way they say it: 冰箱 is 电冰箱 in the policies. The
  // first synonym the index has whole, else the first it has in pieces; null when none. Not
  // the word's sector: 贷款 is not 金融, which the pages name as 金融监管汨罗支局.
  function standInFor(word, lexicon, words) {
    var found = null;
    (lexicon.synonyms[word] || []).some(function (other) {
      if (broader(lexicon, word, other)) { return false; }
      var sent = sending(other, words);
      if (sent && (!found || (sent.whole && !found.whole))) { found = Object.assign({ word: other }, sent); }
      return Boolean(found && found.whole);
    });
    return found;
  }

  // A dashed number as the pages have it: whole when the index has it so (a hotline printed as
  // 4006096588, typed 400-609-6588), else its parts (the index cut 0730-5212345 at the dash).
  function numberParts(run, words) {
    if (!DASHED_NUMBER.test(run)) { return [run]; }
    var whole = run.replace(/\D/g, "");
    return words.startsWith(whole) ? [whole] : run.split(/\D/);
  }

  // 1.5 as the index has it, 1 and 5: both searched; the search page then puts first the pages
  // whose text says 1.5 (``figuresOf``; search.js, figuresFirst).
  function figure(run, words) {
    var parts = run.split(".");
    var known = parts.every(function (part) { return words.has(part); });
    return { text: run, role: known ? "word" : "missing", send: known ? parts : [], whole: true };
  }

  // The amounts typed, as a page must print them to state them: with a decimal point (1.5, 2.0升)
  // or a unit of money (2万元, 2000元, 1.5万).
  function figuresOf(text) {
    var figures = [];
    (text.replace(/\s+/g, "").match(/\d+(?:\.\d+)?(?:[万亿]?元|[万亿])?/g) || []).forEach(function (found) {
      if (/[.万亿元]/.test(found) && figures.indexOf(found) < 0) { figures.push(found); }
    });
    return figures;
  }

  // Adjacent characters the index never saw are one missing word: 贷款, not 贷 and 款.
  function mergeMissing(units) {
    var merged = [];
    units.forEach(function (unit) {
      var last = merged[merged.length - 1];
      if (last && last.role === "missing" && unit.role === "missing") {
        last.text += unit.text;
      } else {
        merged.push(unit);
      }
    });
    return merged;
  }

  function splitScripts(chunk) {
    return chunk.match(/[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+/g) || [];
  }

  // Documents whose 文号 contains the query: the very number typed first, then the rest in the
  // order of exact.json (in force first, newest first). A 文号 typed as people type it
  // (济商务字2025年5号, 汨政办函2024-33, 鲁商字2025 1号) is matched without its brackets, 年, 第,
  // dashes and spaces when it matches nothing with them.
  function matchingDocuments(text, exact) {
    return documentsBy(docNumberKey, text, exact) || documentsBy(looseNumberKey, text, exact) || [];
  }

  function documentsBy(keyOf, text, exact) {
    var key = keyOf(text);
    if (key.length < 2) { return null; }
    var found = exact.numbers.filter(function (entry) {
      return keyOf(entry[0]).indexOf(key) >= 0;
    }).map(function (entry) {
      return { number: entry[0], path: entry[1], title: entry[2], exact: keyOf(entry[0]) === key };
    });
    if (!found.length) { return null; }
    return found.filter(function (doc) { return doc.exact; })
      .concat(found.filter(function (doc) { return !doc.exact; }));
  }

  function looseNumberKey(text) {
    return docNumberKey(text).replace(/[〔〕年第\-\u2010-\u2015]/g, "");
  }

  window.PolicySearchQuery = { QueryCutter: QueryCutter };
})();
