// Runs in <head>, before the page paints: applies the reader's display choices (大字 large
// font, 高对比 high contrast, remembered in localStorage) and embed mode (no header, nav or
// footer) when the page sits in a portal's iframe. controls.js wires the buttons.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("pc-js");
  try {
    var saved = JSON.parse(window.localStorage.getItem("pc-display") || "{}");
    root.classList.toggle("pc-large", saved.large === true);
    root.classList.toggle("pc-contrast", saved.contrast === true);
  } catch (error) {
    // Storage blocked (a sandbox, strict privacy settings): the defaults apply.
  }
  var framed = window.parent !== window;
  var asked = /(?:^|[?&])embed=1(?:&|$)/.test(window.location.search.slice(1));
  // embed.js names the iframe "pc-embed:<portal origin>"; the name outlives navigation in the
  // frame, so every page the reader opens there stays chrome-less.
  if (framed && asked && window.name.indexOf("pc-embed") !== 0) {
    window.name = "pc-embed";
  }
  if (asked || (framed && /^pc-embed(?::|$)/.test(window.name))) {
    root.classList.add("pc-embed");
  }
})();
