// 我能享受哪些政策: filters api/finder.json (written at build time) by who the reader is.
// The choice lives in the URL (?who=enterprises&type=smes&sector=industry) so it can be shared.
(function () {
  "use strict";

  var root = document.querySelector(".pc-finder");
  if (!root) { return; }

  var STATUS_CLASS = { "有效": "valid", "即将到期": "expiring", "已失效": "expired", "已修订": "expired", "已废止": "expired" };
  var ENDED = ["已失效", "已修订", "已废止"];  // no longer to be claimed (core/rules.py ENDED)
  var form = root.querySelector(".pc-finder__form");
  var statusLine = root.querySelector(".pc-finder__status");
  var list = root.querySelector(".pc-finder__results");
  var printWho = root.querySelector(".pc-finder__print-who");
  var packageLink = root.querySelector(".pc-finder__package");  // 政策包 of what is listed
  var sectorSelect = form.querySelector("select[name=sector]");
  var expiredBox = form.querySelector("input[name=expired]");
  var data = null;
  var audiences = {};  // term id → term, with its broader terms
  var sectors = {};

  function typeSelect(who) {
    var field = form.querySelector('.pc-finder__field[data-who="' + who + '"] select');
    return field || null;
  }

  function choice() {
    var checked = form.querySelector("input[name=who]:checked");
    var who = checked ? checked.value : "";
    var select = typeSelect(who);
    return {
      who: who,
      type: select ? select.value : "",
      sector: sectorSelect.value,
      expired: expiredBox.checked
    };
  }

  function showTypeField(who) {
    var select = typeSelect(who);
    form.querySelectorAll(".pc-finder__field[data-who]").forEach(function (field) {
      var mine = field.dataset.who === who || (!select && field.dataset.who === "");
      field.hidden = !mine;
      var inner = field.querySelector("select");
      if (inner) { inner.disabled = !mine; }
    });
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    var who = params.get("who");
    var radio = who && form.querySelector('input[name=who][value="' + CSS.escape(who) + '"]');
    if (radio) { radio.checked = true; }
    var select = typeSelect(choice().who);
    if (select && params.get("type")) { select.value = params.get("type"); }
    if (params.get("sector")) { sectorSelect.value = params.get("sector"); }
    expiredBox.checked = params.get("expired") === "1";
  }

  function writeUrl(picked) {
    var params = new URLSearchParams();
    if (picked.who) { params.set("who", picked.who); }
    if (picked.type) { params.set("type", picked.type); }
    if (picked.sector) { params.set("sector", picked.sector); }
    if (picked.expired) { params.set("expired", "1"); }
    history.replaceState(history.state, "", "?" + params.toString());
  }

  // A term reaches a reader when it is the reader's own term, a broader one (an item for 企业
  // fits a 中小企业), or, when the reader gave no narrower term, a narrower one.
  function reaches(itemTerms, wanted, vocabulary) {
    if (!wanted) { return true; }
    var broaderOfWanted = vocabulary[wanted] ? vocabulary[wanted].broader : [wanted];
    return itemTerms.some(function (id) {
      var broader = vocabulary[id] ? vocabulary[id].broader : [id];
      return broaderOfWanted.indexOf(id) >= 0 || broader.indexOf(wanted) >= 0;
    });
  }

  function matches(item, picked) {
    if (ENDED.indexOf(item.status) >= 0 && !picked.expired) { return false; }
    if (!reaches(item.audiences, picked.type || picked.who, audiences)) { return false; }
    if (!picked.sector || !item.sectors.length) { return true; }
    if (item.sectors.some(function (id) { return data.any_sector.indexOf(id) >= 0; })) { return true; }
    return reaches(item.sectors, picked.sector, sectors);
  }

  // Soonest deadline first; items with no end date next; expired ones last; list order otherwise.
  function order(a, b) {
    var expiredA = ENDED.indexOf(a.item.status) >= 0, expiredB = ENDED.indexOf(b.item.status) >= 0;
    if (expiredA !== expiredB) { return expiredA ? 1 : -1; }
    if (a.item.ends !== b.item.ends) {
      if (!a.item.ends) { return 1; }
      if (!b.item.ends) { return -1; }
      return a.item.ends < b.item.ends ? -1 : 1;
    }
    return a.position - b.position;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function chineseDate(iso) {
    var parts = iso.split("-");
    return parts[0] + "年" + Number(parts[1]) + "月" + Number(parts[2]) + "日";
  }

  function card(item) {
    var li = element("li", "pc-card" + (ENDED.indexOf(item.status) >= 0 ? " pc-card--expired" : ""));
    var link = element("a", "pc-card__title", item.title);
    link.href = new URL(item.url, root.dataset.siteRoot).href;
    link.setAttribute("data-print-url", link.href);
    li.appendChild(link);
    li.appendChild(element("span", "pc-status pc-status--" + STATUS_CLASS[item.status], item.status));
    if (item.summary) { li.appendChild(element("p", "pc-card__summary", item.summary)); }
    var meta = element("p", "pc-card__meta");
    if (item.ends) {
      var label = item.ends_is_deadline ? "申报截止 " : "有效期至 ";
      meta.appendChild(element("span", "pc-finder__ends", label + chineseDate(item.ends)));
    }
    if (item.amount) { meta.appendChild(element("span", "", "支持标准：" + item.amount)); }
    if (item.department) { meta.appendChild(element("span", "", "受理部门：" + item.department)); }
    if (item.phone) { meta.appendChild(element("span", "", "咨询电话：" + item.phone)); }
    meta.appendChild(element("span", "", item.source_title));
    li.appendChild(meta);
    return li;
  }

  function describe(picked) {
    var parts = [];
    var who = audiences[picked.type || picked.who];
    if (who) { parts.push("对象：" + (picked.type ? audiences[picked.who].name + " › " : "") + who.name); }
    parts.push("行业：" + (sectors[picked.sector] ? sectors[picked.sector].name : "不限"));
    return parts.join("；");
  }

  function show() {
    var picked = choice();
    showTypeField(picked.who);
    writeUrl(picked);
    if (!data) { return; }
    var found = data.items
      .map(function (item, position) { return { item: item, position: position }; })
      .filter(function (entry) { return matches(entry.item, picked); })
      .sort(order);
    list.textContent = "";
    found.forEach(function (entry) { list.appendChild(card(entry.item)); });
    var summary = describe(picked);
    statusLine.textContent = found.length
      ? "适用于您的政策共 " + found.length + " 条（" + summary + "）。"
      : "没有找到适用的政策（" + summary + "）。可以换个行业，或选“不限行业”。";
    printWho.textContent = "“两重”“两新”政策专栏 · 我能享受哪些政策 · " + summary
      + " · 共 " + found.length + " 条 · 数据截至 " + chineseDate(data.as_of);
    if (packageLink) {
      packageLink.hidden = !found.length;
      packageLink.search = "?" + found.slice(0, 100).map(function (entry) {
        return "item=" + encodeURIComponent(entry.item.id);
      }).join("&");
    }
  }

  form.addEventListener("change", show);
  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  root.querySelector(".pc-finder__print").addEventListener("click", function () { window.print(); });

  readUrl();
  showTypeField(choice().who);
  var dataUrl = new URL(root.dataset.finder, document.baseURI);
  // Item URLs in the data are relative to the site root, the folder above api/.
  root.dataset.siteRoot = new URL("../", dataUrl).href;
  fetch(dataUrl).then(function (response) {
    if (!response.ok) { throw new Error(response.status); }
    return response.json();
  }).then(function (loaded) {
    data = loaded;
    loaded.audiences.forEach(function (term) { audiences[term.id] = term; });
    loaded.sectors.forEach(function (term) { sectors[term.id] = term; });
    show();
  }).catch(function () {
    statusLine.textContent = "政策数据未能加载，请稍后再试，或按对象、按行业浏览政策。";
  });
})();
