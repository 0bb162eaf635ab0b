/* bonemets-live.js: the course's own Python engine (src/bonemets) in the reader's browser.
 *
 *   BonemetsLive.start({onProgress: (message, fraction) => void})
 *     -> Promise<{call(fnPath, argsJson) -> Promise<string>, pythonVersion, snapshot, timings}>
 *
 * Nothing is fetched until start() is called. start() reads manifest.json (beside this script,
 * written by coursebook.live at build time), then a Web Worker (bonemets-live-worker.js) loads the
 * self-hosted Pyodide runtime and the wheels the manifest lists, all from this site: the page stays
 * responsive while Python loads. call("bonemets.cases.live:evaluate", '{"case": ...}') imports the
 * module in the worker, calls the function with the decoded keyword arguments and resolves with the
 * JSON text of its result; a Python error rejects with an Error whose message is the exception's
 * last line (the whole traceback in error.pythonTraceback). Only functions of the bonemets package
 * can be called. Repeated start() calls share one runtime.
 *
 * The first start on a site stores a snapshot of the started runtime in the browser (IndexedDB);
 * later starts restore it instead of starting Python (bonemets-live-worker.js says how). The
 * runtime's `snapshot` is a Promise of what happened to it: "restored", "stored" (with why an older
 * one was not used, if there was one) or "not stored: why"; `timings` gives each phase of the start
 * in milliseconds.
 *
 * Opened from file://, start() rejects: browsers refuse module workers and WebAssembly there, and
 * the message gives the one command that serves the folder.
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector('script[src*="bonemets-live.js"]');
  var HERE = new URL(".", script ? script.src : location.href);
  var SITE_ROOT = new URL("../../", HERE); // this script is <site>/_static/live/
  var running = null;
  var listeners = [];

  function progress(message, fraction) {
    listeners.forEach(function (fn) {
      try {
        fn(message, fraction);
      } catch (e) {
        console.error("BonemetsLive onProgress", e);
      }
    });
  }

  function serveMessage() {
    var folder = decodeURIComponent(SITE_ROOT.pathname).replace(/\/$/, "") || "/";
    if (/^\/[A-Za-z]:\//.test(folder)) folder = folder.slice(1); // file:///C:/... on Windows
    var page = location.pathname.slice(SITE_ROOT.pathname.length);
    return (
      "Live mode needs the site served over HTTP: browsers do not run it from a file. " +
      'In a terminal run: python3 -m http.server --directory "' + folder + '" ' +
      "then open http://localhost:8000/" + page
    );
  }

  function boot() {
    if (location.protocol === "file:") return Promise.reject(new Error(serveMessage()));
    if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
      return Promise.reject(new Error("Live mode needs a browser with Web Workers and WebAssembly."));
    }
    progress("Reading the list of files", 0);
    return fetch(new URL("manifest.json", HERE), {cache: "no-cache"})
      .then(function (r) {
        if (!r.ok) throw new Error("Live mode is not part of this build (" + r.status + " manifest.json)");
        return r.json();
      })
      .then(function (manifest) {
        return new Promise(function (resolve, reject) {
          var worker = new Worker(new URL("bonemets-live-worker.js", HERE), {type: "module"});
          var pending = new Map();
          var snapshotDone;
          var snapshot = new Promise(function (done) {
            snapshotDone = done;
          });
          var next = 0;
          var ready = false;
          function fail(err) {
            pending.forEach(function (p) {
              p.reject(err);
            });
            pending.clear();
            if (!ready) {
              worker.terminate();
              reject(err);
            }
          }
          worker.onerror = function (e) {
            fail(new Error("Live mode could not start: " + (e.message || "the worker failed to load")));
          };
          worker.onmessage = function (e) {
            var m = e.data;
            if (m.type === "progress") {
              progress(m.message, m.fraction);
            } else if (m.type === "ready") {
              ready = true;
              progress("Ready", 1);
              if (m.snapshot === "restored") snapshotDone(m.snapshot);
              resolve({
                pythonVersion: m.pythonVersion,
                timings: m.timings || {},
                snapshot: snapshot,
                call: function (fnPath, argsJson) {
                  if (typeof fnPath !== "string" || typeof argsJson !== "string") {
                    return Promise.reject(new TypeError("call(fnPath, argsJson): two strings"));
                  }
                  var id = ++next;
                  return new Promise(function (ok, ko) {
                    pending.set(id, {resolve: ok, reject: ko});
                    worker.postMessage({type: "call", id: id, fnPath: fnPath, argsJson: argsJson});
                  });
                },
              });
            } else if (m.type === "snapshot") {
              snapshotDone(m.status);
            } else if (m.type === "result" || m.type === "error") {
              var p = pending.get(m.id);
              if (!p) {
                if (m.type === "error" && !ready) fail(asError(m));
                return;
              }
              pending.delete(m.id);
              if (m.type === "result") p.resolve(m.json);
              else p.reject(asError(m));
            }
          };
          var base = new URL(".", new URL("manifest.json", HERE));
          worker.postMessage({
            type: "start",
            id: manifest.id || "",
            pyodide: new URL(manifest.pyodide.module, base).href,
            indexURL: new URL(manifest.pyodide.indexURL, base).href,
            wheels: manifest.wheels.map(function (w) {
              return new URL(w, base).href;
            }),
            dynlibs: (manifest.dynlibs || []).map(function (d) {
              return {wheel: new URL(d.wheel, base).href, file: d.file};
            }),
            preload: manifest.preload || [],
          });
        });
      });
  }

  function asError(m) {
    var err = new Error(m.message);
    if (m.traceback) err.pythonTraceback = m.traceback;
    return err;
  }

  function start(options) {
    var onProgress = options && options.onProgress;
    if (typeof onProgress === "function") listeners.push(onProgress);
    if (!running) {
      running = boot().catch(function (err) {
        running = null; // a failed start may be retried
        listeners = [];
        throw err;
      });
    }
    return running;
  }

  window.BonemetsLive = {start: start};
})();
