/* “两重”“两新”政策专栏 · embed.js — puts the column, or one of its widgets, into a portal page.
 *
 *   <div data-policy-column data-src="/zt/lzlx/">
 *     <a href="/zt/lzlx/">进入“两重”“两新”政策专栏</a>
 *   </div>
 *   <div data-policy-column data-widget="latest" data-column-page="/zt/lzlx.html"> … </div>
 *   <script src="/zt/lzlx/assets/javascripts/embed.js" defer></script>
 *
 * (data-src and the script's src take the column's full URL when it is on another host.)
 * Without JavaScript the link inside stays: the column opens on its own. With it, the link
 * becomes an iframe that fits its content (the frame reports its height by postMessage; only
 * messages from the column's origin and from that very iframe count), and the portal URL
 * carries the reader's place in the column: page.html#/items/<id>/ (or ?policy=<id>) opens
 * that item, and reloading or sharing the URL comes back to it.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  // This file is <column>/assets/javascripts/embed.js: the column's root is two folders up.
  var scriptRoot = script ? new URL("../../", script.src).href : null;
  // A path inside the column: no scheme, no "..", no "//", nothing but URL-safe characters;
  // a query (percent-encoded, as the search page's) may follow.
  var SAFE_PATH = /^(?![^#?]*\.\.)(?![^#?]*\/\/)[A-Za-z0-9][A-Za-z0-9._~\-/]*(?:\?[A-Za-z0-9%=&+._~\-]*)?(?:#[A-Za-z0-9._\-]*)?$/;
  var ITEM_ID = /^[a-z0-9][a-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
  var hashOwner = null;

  // Only pages open in the frame: a folder ("items/x/1/", "search/?q=…") or an .html file,
  // never a download (#/downloads/policy-list.csv would make the frame save a file).
  var PAGE = /(?:^|\/|\.html)$/;

  function safePath(path) {
    return path === "" || (SAFE_PATH.test(path) && PAGE.test(path.split(/[?#]/)[0]));
  }

  // The deep link in the portal's URL: "#/items/<id>/" or "?policy=<id>"; null when none.
  function deepLink() {
    var hash = window.location.hash;
    if (hash.indexOf("#/") === 0) {
      var path;
      var link = hash.slice(2);
      var query = link.indexOf("?");
      try {
        // The query stays percent-encoded, as the frame sent it.
        path = query < 0 ? decodeURIComponent(link) :
          decodeURIComponent(link.slice(0, query)) + link.slice(query);
      } catch (error) {
        return null;  // a malformed %-escape: not ours
      }
      return safePath(path) ? path : null;
    }
    var policy = new URLSearchParams(window.location.search).get("policy");
    return policy && ITEM_ID.test(policy) ? "items/" + policy + "/" : null;
  }

  function setHash(path) {
    var url = window.location.href.split("#")[0] + "#/" + path;
    if (url !== window.location.href) { window.history.replaceState(window.history.state, "", url); }
  }

  function embed(holder) {
    if (holder.getAttribute("data-policy-column-ready")) { return; }
    var root = new URL(holder.getAttribute("data-src") || scriptRoot, window.location.href).href;
    if (root.charAt(root.length - 1) !== "/") { root += "/"; }
    var origin = new URL(root).origin;
    var widget = holder.getAttribute("data-widget");
    var isMain = !widget && hashOwner === null;
    if (isMain) { hashOwner = holder; }
    if (widget && !/^[a-z-]+$/.test(widget)) { return; }

    var start = widget ? "widgets/" + widget + "/" : (deepLink() || holder.getAttribute("data-path") || "");
    if (!safePath(start)) { start = ""; }
    var current = start;
    var frame = document.createElement("iframe");
    frame.name = "pc-embed:" + window.location.origin;
    frame.title = holder.getAttribute("data-title") || (widget ? "政策专栏小部件" : "“两重”“两新”政策专栏");
    frame.src = root + start;
    frame.className = "pc-embed-frame";
    frame.setAttribute("loading", widget ? "lazy" : "eager");
    frame.style.cssText = "display:block;width:100%;border:0;overflow:hidden;height:" +
      (holder.getAttribute("data-height") || (widget ? "320" : "800")) + "px";
    holder.setAttribute("data-policy-column-ready", "1");
    holder.textContent = "";
    holder.appendChild(frame);

    window.addEventListener("message", function (event) {
      // Only our iframe, and only while it shows the column's origin.
      if (event.source !== frame.contentWindow || event.origin !== origin) { return; }
      var data = event.data;
      if (!data || typeof data !== "object" || data.source !== "policy-column") { return; }
      if (data.type === "frame" && typeof data.height === "number" && data.height > 0) {
        var fitted = Math.min(Math.ceil(data.height), 100000);
        frame.style.height = fitted + "px";
        frame.setAttribute("data-height", String(fitted));  // for the portal's CSS and tests
        if (typeof data.title === "string" && !widget) { frame.title = data.title.slice(0, 200); }
        if (isMain && typeof data.path === "string" && safePath(data.path)) {
          var moved = data.path.split("#")[0] !== current.split("#")[0];
          current = data.path;
          if (data.path !== "" || deepLink() !== null) { setHash(data.path); }
          // A new page starts at its top, which may be above the portal's viewport.
          if (moved && frame.getBoundingClientRect().top < 0) { frame.scrollIntoView(); }
        }
      } else if (data.type === "scroll" && typeof data.top === "number") {
        window.scrollTo(0, frame.getBoundingClientRect().top + window.scrollY + data.top);
      } else if (data.type === "open" && typeof data.path === "string" && safePath(data.path)) {
        var page = holder.getAttribute("data-column-page");
        if (page === null) {
          window.location.href = root + data.path;
        } else {
          var target = new URL(page, window.location.href);
          target.hash = "/" + data.path;
          window.location.href = target.href;
        }
      }
    });

    if (isMain) {
      // The portal's own links (or the reader) changed the deep link: follow it.
      window.addEventListener("hashchange", function () {
        var path = deepLink();
        if (path !== null && path !== current) {
          current = path;
          frame.src = root + path;
          frame.scrollIntoView();
        }
      });
    }
  }

  function start() {
    document.querySelectorAll("[data-policy-column]").forEach(embed);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
