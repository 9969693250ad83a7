// QR codes of the 政策包, drawn in the reader's browser from the item's address
// (vendor/qrcode.js), instead of thousands of SVG files made at build time. Every element
// with data-pc-qr="<address>" gets an <svg>: error correction M and a white quiet zone of
// four modules, as in the PDFs (drawn by segno at build time). Codes are drawn as they come
// near the screen, and all of them before printing.
(function () {
  "use strict";
  var BORDER = 4;

  function draw(holder) {
    if (holder.firstChild) { return; }
    var code = qrcode(0, "M");
    // An empty address: this very page (an item page's code opens it on a phone).
    code.addData(holder.getAttribute("data-pc-qr") || window.location.href.split("#")[0].split("?")[0]);
    code.make();
    var count = code.getModuleCount();
    var size = count + 2 * BORDER;
    var path = "";
    for (var row = 0; row < count; row += 1) {
      for (var col = 0; col < count; col += 1) {
        if (code.isDark(row, col)) { path += "M" + (col + BORDER) + " " + (row + BORDER) + "h1v1h-1z"; }
      }
    }
    // Numbers only: nothing from the page is parsed as markup.
    holder.innerHTML = '<svg viewBox="0 0 ' + size + " " + size + '" shape-rendering="crispEdges" ' +
      'aria-hidden="true" focusable="false"><rect width="' + size + '" height="' + size +
      '" fill="#fff"/><path fill="#000" d="' + path + '"/></svg>';
  }

  function drawAll() {
    document.querySelectorAll("[data-pc-qr]").forEach(draw);
  }

  var watcher = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { watcher.unobserve(entry.target); draw(entry.target); }
    });
  }, { rootMargin: "600px 0px" }) : null;

  // For codes added later (package.js builds custom packages in the page).
  window.pcQr = function (holder) {
    if (watcher) { watcher.observe(holder); } else { draw(holder); }
  };
  window.addEventListener("beforeprint", drawAll);
  var codes = document.querySelectorAll("[data-pc-qr]");
  // A page with a code or two (an item page) draws them at once; a package, as they come near.
  Array.prototype.forEach.call(codes, codes.length <= 2 ? draw : window.pcQr);
})();
