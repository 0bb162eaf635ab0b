/* Loaded by myst-nb between require.js and the html-manager's embed-amd.js (nb_ipywidgets_js in
 * _config.yml). embed-amd.js finds its icon fonts next to each AMD module's URL; without a path
 * those URLs are relative to the page (notebooks/@jupyter-widgets/...) and 404. Map the modules it
 * defines to the vendored folder, which holds the fonts. */
(function () {
  var me = document.currentScript && document.currentScript.src;
  var root = me ? me.slice(0, me.lastIndexOf("/") + 1) : "_static/";
  var v = root + "jupyter-widgets-html-manager@1.0.15";
  if (typeof window.requirejs !== "function") return;
  window.requirejs.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": v,
      "@jupyter-widgets/html-manager": v + "/html-manager",
      "@jupyter-widgets/base": v + "/base",
      "@jupyter-widgets/base7": v + "/base7",
      "@jupyter-widgets/controls": v + "/controls",
      "@jupyter-widgets/controls7": v + "/controls7"
    }
  });
})();
