// Material for MkDocs' inline script after the content (partials/javascripts/content.html,
// 9.8.2), as a file for a strict Content-Security-Policy: the anchor in the URL opens the
// content tab it names; with content.tabs.link, the tabs chosen before are opened again.
(function () {
  "use strict";
  if (document.currentScript && document.currentScript.hasAttribute("data-tabs-link")) {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = Array.from(set.querySelector(".tabbed-labels").getElementsByTagName("label"));
        tabs.some(function (tab) {
          var label = labels.find(function (each) { return each.innerText.trim() === tab; });
          if (label) { document.getElementById(label.htmlFor).checked = true; }
          return Boolean(label);
        });
      });
    }
  }
  var target = null;
  try {
    target = document.getElementById(location.hash.slice(1));
  } catch (error) {
    target = null;
  }
  if (target && target.name) { target.checked = target.name.indexOf("__tabbed_") === 0; }
})();
