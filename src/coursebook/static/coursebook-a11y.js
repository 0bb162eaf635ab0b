/* Accessibility fixes for markup the course does not write itself (theme, Sphinx, widgets), applied
 * on every page by the coursebook extension. Each fix names the axe-core rule it satisfies.
 *   - label-content-name-mismatch: the theme's search buttons say "Search" in aria-label while
 *     showing "Search this book... Ctrl+K", and sphinx-togglebutton's summaries say "Toggle hidden
 *     content" while showing "Show code cell source": the name should come from the visible text.
 *     The colour-mode button holds titled icons that are not part of its name.
 *   - summary-name: the navigation's expand/collapse <summary> holds only an icon.
 *   - aria-required-children: Sphinx writes role="list" around citations whose role is
 *     doc-biblioentry; they are list items.
 *   - aria-input-field-name: ipywidgets sliders (saved widget state) draw handles with
 *     role="slider" and no name; they are named after the widget's label.
 * And one fix of the theme's navigation buttons, which opened nothing (see navigation()).
 */
(function () {
  "use strict";

  function text(el) {
    return (el && el.textContent ? el.textContent : "").replace(/\s+/g, " ").trim();
  }

  function fix(root) {
    root.querySelectorAll(".search-button__button[aria-label]").forEach(function (b) {
      if (text(b)) b.removeAttribute("aria-label");
    });
    root.querySelectorAll("summary[aria-label]").forEach(function (s) {
      var t = text(s);
      if (t && s.getAttribute("aria-label").indexOf(t) < 0) s.removeAttribute("aria-label");
    });
    root.querySelectorAll(".theme-switch-button i, .theme-switch-button svg").forEach(function (i) {
      // FontAwesome's script may turn <i title> into <svg><title>: clean both forms.
      i.removeAttribute("title");
      i.setAttribute("aria-hidden", "true");
      i.querySelectorAll("title").forEach(function (t) { t.remove(); });
    });
    root.querySelectorAll("nav details > summary").forEach(function (s) {
      if (text(s) || s.hasAttribute("aria-label")) return;
      var item = s.closest("li");
      var link = item && item.querySelector(":scope > a, :scope > p, :scope > span");
      var name = text(link);
      s.setAttribute("aria-label", name ? "Show or hide the pages of " + name : "Show or hide pages");
    });
    root.querySelectorAll('[role="list"] > [role="doc-biblioentry"]').forEach(function (c) {
      c.setAttribute("role", "listitem");
    });
    root.querySelectorAll('.noUi-handle[role="slider"]:not([aria-label])').forEach(function (h) {
      var widget = h.closest(".jupyter-widgets");
      var label = widget && widget.querySelector(".widget-label");
      h.setAttribute("aria-label", text(label) || "Slider");
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fix(document);
    });
  }

  // The sidebar ("menu") and contents buttons. sphinx-book-theme 1.3 and pydata-sphinx-theme 0.17
  // both bind their click handlers to document.querySelector(".primary-toggle") (and
  // ".secondary-toggle"): the first such button, the pydata header's copy, which
  // sphinx-book-theme hides. The buttons a reader sees (in the article header) did nothing at any
  // width. A click on a visible one does what the theme meant: from 992 px up, show or hide the
  // sidebar beside the page; below, open the theme's own dialog (through the hidden button's
  // handler, which returns focus to the button that was clicked when the dialog closes).
  function navigation(event) {
    var button = event.target && event.target.closest
      ? event.target.closest(".primary-toggle, .secondary-toggle") : null;
    if (!button) return;
    var kind = button.classList.contains("primary-toggle") ? "primary" : "secondary";
    var first = document.querySelector("." + kind + "-toggle");
    if (!first || first === button) return; // the theme's own handlers run
    event.preventDefault();
    event.stopPropagation();
    var sidebar = document.getElementById("pst-primary-sidebar");
    if (kind === "primary" && sidebar && window.matchMedia("(min-width: 992px)").matches) {
      sidebar.classList.toggle("pst-sidebar-hidden");
      return;
    }
    first.click();
  }
  document.addEventListener("click", navigation, true);

  function start() {
    fix(document);
    if (window.MutationObserver) {
      new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    }
    window.addEventListener("load", schedule);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
