// The display toolbar on every page: 大字模式 (large font) and 高对比度 (high contrast) are
// toggle buttons (aria-pressed), reachable by keyboard, remembered in localStorage; and the
// print buttons of the 政策包 pages; the 复制 buttons of the editors' desk.
(function () {
  "use strict";
  var root = document.documentElement;
  var CLASSES = { large: "pc-large", contrast: "pc-contrast" };

  function save() {
    var state = {};
    Object.keys(CLASSES).forEach(function (key) {
      state[key] = root.classList.contains(CLASSES[key]);
    });
    try {
      window.localStorage.setItem("pc-display", JSON.stringify(state));
    } catch (error) {
      // Not remembered where storage is blocked; the choice still holds on this page.
    }
  }

  function sync() {
    document.querySelectorAll("[data-pc-display]").forEach(function (button) {
      var key = button.getAttribute("data-pc-display");
      if (CLASSES[key]) {
        button.setAttribute("aria-pressed", String(root.classList.contains(CLASSES[key])));
      }
    });
  }

  function enable() {
    document.querySelectorAll("[data-pc-display]").forEach(function (button) {
      if (button.dataset.pcReady) { return; }
      button.dataset.pcReady = "1";
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-pc-display");
        if (key === "reset") {
          Object.keys(CLASSES).forEach(function (k) { root.classList.remove(CLASSES[k]); });
        } else if (CLASSES[key]) {
          root.classList.toggle(CLASSES[key]);
        }
        save();
        sync();
      });
    });
    document.querySelectorAll("[data-pc-print]").forEach(function (button) {
      button.hidden = false;
      if (button.dataset.pcReady) { return; }
      button.dataset.pcReady = "1";
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-pc-copy]").forEach(function (button) {
      var box = document.getElementById(button.getAttribute("data-pc-copy"));
      if (!box) { return; }
      button.hidden = false;
      if (button.dataset.pcReady) { return; }
      button.dataset.pcReady = "1";
      button.addEventListener("click", function () { copyText(box, button); });
    });
    sync();
  }

  // The desk's copy buttons: the Clipboard API where the page may use it, else the
  // selection and execCommand; either way the text is left selected in its box.
  function copyText(box, button) {
    var status = button.parentNode.querySelector(".pc-copy-status");
    function done(ok) {
      if (status) { status.textContent = ok ? "已复制" : "复制失败，请选中文本框后按 Ctrl+C"; }
    }
    box.focus();
    box.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(function () { done(true); }, function () {
        done(legacyCopy());
      });
    } else {
      done(legacyCopy());
    }
  }

  function legacyCopy() {
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  // Another tab changed the setting: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key !== "pc-display") { return; }
    try {
      var saved = JSON.parse(event.newValue || "{}");
      root.classList.toggle("pc-large", saved.large === true);
      root.classList.toggle("pc-contrast", saved.contrast === true);
      sync();
    } catch (error) { /* ignore malformed values */ }
  });

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(enable);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enable);
  } else {
    enable();
  }
})();
