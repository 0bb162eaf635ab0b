/* MathJax (1.2 MB) when the reader comes near the page's math, not on opening the page.
 * Put by the coursebook extension (coursebook.assets.lazy_mathjax) in place of Sphinx's MathJax
 * <script> on pages with math; the page's MathJax configuration (window.MathJax, safe mode) is
 * unchanged and is read by MathJax when it loads. MathJax starts when a formula comes within one
 * screen of the view (a formula in a closed <details> when it is opened), before printing, or when
 * a script asks: window.bonemetsMath.load() returns a promise of MathJax's first typesetting. */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-mathjax");
  var started = null;

  function load() {
    if (started) return started;
    started = new Promise(function (resolve) {
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = function () {
        var mj = window.MathJax;
        var ready = mj && mj.startup && mj.startup.promise;
        (ready ? ready : Promise.resolve()).then(resolve, resolve);
      };
      s.onerror = function () { resolve(); };
      document.head.appendChild(s);
    });
    return started;
  }
  window.bonemetsMath = { load: load };

  var TEX = /\\\(|\\\[|\$\$/;

  function watch() {
    if (!("IntersectionObserver" in window)) {
      load();
      return;
    }
    var seen = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i += 1) {
        if (entries[i].isIntersecting) {
          seen.disconnect();
          if (added) added.disconnect();
          load();
          return;
        }
      }
    }, { rootMargin: "100% 0px 100% 0px" });
    document.querySelectorAll(".math").forEach(function (m) { seen.observe(m); });
    // Math that a script writes later (the quiz's questions): watched as it arrives.
    var added = window.MutationObserver ? new MutationObserver(function (records) {
      records.forEach(function (r) {
        r.addedNodes.forEach(function (n) {
          if (n.nodeType !== 1 || started) return;
          var math = n.querySelectorAll(".math");
          if (math.length) math.forEach(function (m) { seen.observe(m); });
          else if (TEX.test(n.textContent || "")) seen.observe(n);
        });
      });
    }) : null;
    if (added) added.observe(document.body, { childList: true, subtree: true });
    window.addEventListener("beforeprint", load);
  }

  if (!src) return;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
