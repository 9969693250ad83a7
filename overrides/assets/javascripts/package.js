// 定制政策包: a policy package for any combination, assembled in the browser from the static
// API (api/v1/). The URL says what to show: ?audience=<id>&sector=<id>[&sector=…] or
// ?item=<id>[&item=…]. The markup mirrors fragments/package.html, so it prints the same way.
// Every text goes in through textContent: nothing from the data is parsed as HTML.
(function () {
  "use strict";
  var holder = document.querySelector("[data-pc-custom-package]");
  if (!holder) { return; }
  var api = holder.getAttribute("data-api");
  var root = holder.getAttribute("data-root");
  var status = holder.querySelector("[role=status]");
  var MAX_ITEMS = 100;
  var NO_PHONE = "原文未列明；可拨打 12345 政务服务便民热线咨询";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function qrHolder(item) {  // drawn by qr.js once in the page, as on the ready-made packages
    return el("span", { "class": "pc-qr", "data-pc-qr": item.href, role: "img", "aria-label": "二维码：" + item.title });
  }

  function getJSON(path) {
    return fetch(api + path).then(function (response) {
      if (!response.ok) { throw new Error(path + ": " + response.status); }
      return response.json();
    });
  }

  function cnDate(iso) {
    if (!iso) { return ""; }
    var parts = iso.split("-");
    return Number(parts[0]) + "年" + Number(parts[1]) + "月" + Number(parts[2]) + "日";
  }

  // The ids of a term and every broader term above it.
  function withAncestors(vocabulary, ids) {
    var byId = {};
    vocabulary.forEach(function (term) { byId[term.id] = term; });
    var out = {};
    ids.forEach(function (id) {
      for (var term = byId[id]; term && !out[term.id]; term = byId[term.parent]) { out[term.id] = true; }
    });
    return out;
  }

  function names(vocabulary, ids) {
    return vocabulary.filter(function (t) { return ids.indexOf(t.id) >= 0; }).map(function (t) { return t.name; });
  }

  function facts(item) {
    var guide = item.guide;
    var until = item.deadline ? "申报截止 " + cnDate(item.deadline)
      : item.expires ? "有效期至 " + cnDate(item.expires) : "长期有效（以原文为准）";
    if (item.opens) { until = cnDate(item.opens) + "起；" + until; }
    var firstLine = (item.text.split("\n").filter(function (l) { return l.trim(); })[0] || "").trim();
    return {
      summary: item.summary || (firstLine.length > 160 ? firstLine.slice(0, 159) + "…" : firstLine),
      who: guide.who || item.audiences.join("、"),
      amount: [guide.amount, guide.max_amount].filter(Boolean).join("；"),
      how: guide.how_to_apply,
      applyUrl: guide.apply_url,
      materials: guide.materials,
      until: until,
      department: guide.department || "原文未列明（发文机关：" + item.issuer.join("、") + "）",
      phone: guide.phone || NO_PHONE
    };
  }

  function row(label, value) {
    return el("tr", {}, [el("th", { scope: "row" }, [label]), el("td", {}, [value])]);
  }

  function section(item, index) {
    var f = facts(item);
    var n = String(index + 1);
    var rows = [row("支持对象", f.who)];
    if (f.amount) { rows.push(row("支持标准", f.amount)); }
    if (f.how) { rows.push(row("申报方式", f.how)); }
    if (/^https?:\/\//.test(f.applyUrl)) {
      rows.push(row("申报入口", el("a", { href: f.applyUrl, rel: "noopener noreferrer external" }, [f.applyUrl])));
    }
    if (f.materials.length) {
      rows.push(row("申报材料", el("ol", {}, f.materials.map(function (m) { return el("li", {}, [m]); }))));
    }
    rows.push(row("申报时间", f.until), row("受理部门", f.department), row("咨询电话", f.phone));
    var heading = el("h2", { id: "p-" + n + "-h" }, [
      el("span", { "class": "pc-package__no" }, [n]),
      el("a", { href: root + item.url }, [item.title])
    ]);
    var source = "来源：《" + item.source_title + "》" + (item.doc_number ? "（" + item.doc_number + "）" : "") +
      (item.clause.length ? "，条款：" + item.clause.join("") : "") + "；" + item.issuer.join("、") +
      (item.published ? "，" + cnDate(item.published) + "发布" : item.signed ? "，" + cnDate(item.signed) + "印发" : "") + "。网址：";
    return el("section", { "class": "pc-package__item", id: "p-" + n, "aria-labelledby": "p-" + n + "-h" }, [
      heading,
      el("div", { "class": "pc-package__body" }, [
        el("div", { "class": "pc-package__facts" }, [
          el("p", { "class": "pc-package__summary" }, [el("strong", {}, ["要点："]), f.summary]),
          el("table", { "class": "pc-package__table" }, [el("tbody", {}, rows)])
        ]),
        el("figure", { "class": "pc-package__qr" }, [
          qrHolder(item),
          el("figcaption", {}, ["扫码查看详情"])
        ])
      ]),
      el("p", { "class": "pc-package__source" }, [source, el("a", { "class": "pc-package__url", href: item.href }, [item.href])])
    ]);
  }

  function render(title, pair, items, taxonomy) {
    var entries = [];
    var toc = el("ol", {}, items.map(function (item, i) {
      return el("li", {}, [el("a", { href: "#p-" + (i + 1) }, [item.title])]);
    }));
    items.forEach(function (item, i) { entries.push(section(item, i)); });
    var printButton = el("button", { type: "button", "class": "md-button md-button--primary" }, ["打印政策包"]);
    printButton.addEventListener("click", function () { window.print(); });
    var cover = el("header", { "class": "pc-package__cover" }, [
      el("p", { "class": "pc-package__site" }, [holder.getAttribute("data-site-name")]),
      el("h1", { "class": "pc-package__title" }, ["政策包", el("span", { "class": "pc-package__pair" }, [pair])]),
      el("dl", { "class": "pc-package__for" }, [
        el("div", {}, [el("dt", {}, ["组合"]), el("dd", {}, [title])]),
        el("div", {}, [el("dt", {}, ["政策"]), el("dd", {}, [items.length + " 条"])]),
        el("div", {}, [el("dt", {}, ["编印日期"]), el("dd", {}, [holder.getAttribute("data-today")])])
      ]),
      el("p", { "class": "pc-package__note" }, ["本政策包汇总了所选组合的现行政策：每条政策的要点、支持对象、支持标准、申报方式、申报时间、受理部门和咨询电话。扫描二维码可查看每条政策的完整信息和政策原文。政策以发文机关发布的原文为准。"]),
      el("p", { "class": "pc-package__actions" }, [printButton, el("a", { "class": "md-button", href: root + "packages/" }, ["全部政策包"])])
    ]);
    var article = el("article", { "class": "pc-package" }, [cover]);
    if (items.length) {
      article.appendChild(el("nav", { "class": "pc-package__toc", "aria-labelledby": "pc-toc-h" }, [el("h2", { id: "pc-toc-h" }, ["目录"]), toc]));
      entries.forEach(function (entry) { article.appendChild(entry); });
    } else {
      article.appendChild(el("p", { "class": "pc-empty" }, ["这一组合目前没有有效政策。"]));
    }
    holder.textContent = "";
    holder.appendChild(article);
    article.querySelectorAll("[data-pc-qr]").forEach(window.pcQr);
    document.title = "政策包：" + title + " · " + document.title.split(" - ").pop();
  }

  var params = new URLSearchParams(window.location.search);
  var audiences = params.getAll("audience").filter(Boolean);
  var sectors = params.getAll("sector").filter(Boolean);
  var wanted = params.getAll("item").filter(Boolean);
  status.textContent = "正在生成政策包……";

  Promise.all([getJSON("items.json"), getJSON("taxonomy.json"), getJSON("packages.json")]).then(function (data) {
    var all = data[0].items;
    var taxonomy = data[1];
    if (!wanted.length && audiences.length === 1 && sectors.length === 1) {
      var ready = data[2].packages.filter(function (p) {
        return p.audience.id === audiences[0] && p.sector.id === sectors[0];
      })[0];
      if (ready) { window.location.replace(root + ready.url); return null; }
    }
    var chosen = all.filter(function (item) {
      if (item.status === "已失效") { return false; }
      if (wanted.length) { return wanted.indexOf(item.id) >= 0; }
      var a = withAncestors(taxonomy.audiences, item.tags.audiences);
      var s = withAncestors(taxonomy.sectors, item.tags.sectors);
      return (!audiences.length || audiences.some(function (id) { return a[id]; })) &&
        (!sectors.length || sectors.some(function (id) { return s[id]; }));
    }).slice(0, MAX_ITEMS);
    var title = wanted.length ? "自选 " + chosen.length + " 条政策"
      : (names(taxonomy.audiences, audiences).join("、") || "全部对象") + " · " + (names(taxonomy.sectors, sectors).join("、") || "全部行业");
    return Promise.all(chosen.map(function (item) { return getJSON(item.api); })).then(function (details) {
      render(title, title, details, taxonomy);
    });
  }).catch(function (error) {
    status.textContent = "政策包生成失败，请稍后再试或从“政策包”页面选择已编好的组合。（" + error.message + "）";
  });
})();
