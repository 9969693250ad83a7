// The column's side of the portal embed (embed.js is the portal's side). In embed mode it
// tells the portal page, and only it, how tall this page is and where the reader is, so the
// iframe fits its content and the portal's URL keeps a deep link. It talks only to the portal
// origins the webmaster listed at build time (embed_origins, in the pc-embed-origins meta tag)
// and to the column's own origin: any other page that frames the column learns nothing.
(function () {
  "use strict";
  var root = document.documentElement;
  if (window.parent === window || !root.classList.contains("pc-embed")) { return; }

  var script = document.currentScript;
  // This file is <column>/assets/javascripts/frame.js: the column's root is two folders up.
  var base = new URL("../../", script ? script.src : window.location.href).href;

  function allowedOrigins() {
    var meta = document.querySelector('meta[name="pc-embed-origins"]');
    var listed = meta ? meta.getAttribute("content").split(/\s+/) : [];
    return listed.filter(Boolean).concat([window.location.origin]);
  }

  // The origin of the page that framed us, as the browser knows it where it can.
  function parentOrigin() {
    if (window.location.ancestorOrigins && window.location.ancestorOrigins.length) {
      return window.location.ancestorOrigins[0];
    }
    return null;
  }

  function declaredOrigin() {
    var match = /^pc-embed:(https?:\/\/[^/\s]+)$/.exec(window.name);
    var actual = parentOrigin();
    if (match) { return actual === null || actual === match[1] ? match[1] : null; }
    // A hand-written <iframe src="…?embed=1">: the page that framed us.
    if (actual !== null) { return actual; }
    try {
      return document.referrer ? new URL(document.referrer).origin : null;
    } catch (error) {
      return null;
    }
  }

  var portal = declaredOrigin();
  if (!portal || portal === "null" || allowedOrigins().indexOf(portal) === -1) { return; }

  function send(message) {
    message.source = "policy-column";
    window.parent.postMessage(message, portal);
  }

  // Where the reader is, relative to the column's root: "items/<id>/", "sources/x/#c-3-5",
  // "search/?q=%E5%AE%B6%E7%94%B5" (a query stays, so a reload or a shared link keeps it).
  function path() {
    var here = window.location.href.split("#")[0].split("?")[0];
    var params = new URLSearchParams(window.location.search);
    params.delete("embed");
    var query = params.toString();
    var hash = window.location.hash;
    return (here.indexOf(base) === 0 ? here.slice(base.length) : "") + (query ? "?" + query : "") + hash;
  }

  function height() {
    var body = document.body;
    var style = window.getComputedStyle(body);
    return Math.ceil(
      body.getBoundingClientRect().height +
        parseFloat(style.marginTop || "0") +
        parseFloat(style.marginBottom || "0")
    );
  }

  var last = "";
  function report() {
    var now = height();
    var place = path();
    if (now + " " + place === last) { return; }
    last = now + " " + place;
    send({ type: "frame", height: now, path: place, title: document.title });
  }

  // The portal cannot scroll into a frame it sized to fit: tell it where an anchor is.
  function reportAnchor() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;  // a malformed %-escape in the anchor: nothing to scroll to
    }
    var target = id && document.getElementById(id);
    if (target) {
      send({ type: "scroll", top: Math.round(target.getBoundingClientRect().top + window.scrollY) });
    }
  }

  function isColumnLink(link) {
    return link.href.indexOf(base) === 0 && !link.hasAttribute("download");
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey) { return; }
    if (!isColumnLink(link)) {
      // A link out of the column replaces the portal page, not the frame's content.
      link.target = "_top";
      return;
    }
    // A widget hands its links to the portal, which opens them in its embedded column.
    if (document.body.classList.contains("pc-widget-page")) {
      event.preventDefault();
      send({ type: "open", path: link.href.slice(base.length) });
    }
  });

  window.addEventListener("hashchange", function () {
    last = "";
    report();
    reportAnchor();
  });
  // The search page and the finder keep their query in the address with replaceState, which
  // fires no event: tell the portal after each change.
  ["pushState", "replaceState"].forEach(function (name) {
    var original = window.history[name];
    window.history[name] = function () {
      var result = original.apply(window.history, arguments);
      report();
      return result;
    };
  });
  window.addEventListener("load", function () {
    report();
    reportAnchor();
  });
  if (window.ResizeObserver) {
    new window.ResizeObserver(report).observe(document.body);
  } else {
    window.addEventListener("resize", report);
  }
  report();
})();
