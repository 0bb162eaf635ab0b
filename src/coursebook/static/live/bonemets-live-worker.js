/* The Web Worker of bonemets-live.js: loads the self-hosted Pyodide and the engine's wheels (every
 * URL given by the page, from the site's own origin), then answers calls.
 *
 *   page -> worker  {type: "start", id, pyodide, indexURL, wheels: [url], dynlibs: [{wheel, file}],
 *                    preload: [module]}
 *   worker -> page  {type: "progress", message, fraction} ... {type: "ready", pythonVersion, timings,
 *                    snapshot: "restored" | "made"}, then for "made" {type: "snapshot", status}
 *   page -> worker  {type: "call", id, fnPath: "package.module:function", argsJson}
 *   worker -> page  {type: "result", id, json} | {type: "error", id, message, traceback}
 *
 * The second start is fast: the first one, once ready, stores a memory snapshot of the started
 * runtime (Pyodide's heap with the engine imported, the files installed in site-packages and the
 * engine's one compiled extension, pydantic_core) in this site's IndexedDB, keyed by the manifest's
 * id (a hash of every file live mode loads and of this script). The next start restores it instead
 * of starting Python, installing the wheels and importing the engine. The snapshot holds the heap
 * only, so the extension's code must be back where the heap expects it: its data at the same
 * address and its functions at the same function-table slots. It is therefore loaded before the
 * runtime initialises (Pyodide's fsInit hook), where Emscripten places a side module at the heap
 * base (a bump allocation, not malloc) and at the current end of the table: the same load in both
 * the start that makes the snapshot and the one that restores it gives the same addresses. A
 * snapshot that is missing, of another build, or fails its checksum or its restore is deleted and
 * the runtime starts normally (and stores a fresh one): a stored snapshot can make start faster,
 * never break it. This leans on Pyodide's private snapshot options (_makeSnapshot, _loadSnapshot)
 * and Emscripten's dynamic-linking helpers on the module (newDSO, loadWebAssemblyModule, LDSO,
 * growMemory): after a Pyodide upgrade, tests/browser/test_live_runtime.py says whether it holds.
 */

// The Python side of a call: only functions of the bonemets package; keyword arguments from a
// JSON object; the result as JSON (the engine's to_dict(), pydantic models, dataclasses as data).
const BRIDGE = `
import dataclasses, enum, importlib, json

def _bm_default(value):
    if callable(getattr(value, "to_dict", None)):
        return value.to_dict()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON data")

def _bm_call(fn_path, args_json):
    module, sep, name = fn_path.partition(":")
    if not sep or not name or not (module == "bonemets" or module.startswith("bonemets.")):
        raise ValueError(f"{fn_path!r}: call a function of the engine as 'bonemets.module:function'")
    fn = importlib.import_module(module)
    for part in name.split("."):
        fn = getattr(fn, part)
    kwargs = json.loads(args_json)
    if not isinstance(kwargs, dict):
        raise TypeError("the arguments must be a JSON object of keyword arguments")
    return json.dumps(fn(**kwargs), default=_bm_default, ensure_ascii=False)

`;

let pyodide = null;
let call = null;

function progress(message, fraction) {
  postMessage({type: "progress", message, fraction});
}

// Milliseconds each phase of start took (benchmarks/live_runtime.py prints them).
const timings = {};
let lapStart = 0;
function lap(name) {
  const now = performance.now();
  timings[name] = Math.round(now - lapStart);
  lapStart = now;
}

// --- the stored snapshot (IndexedDB: one record, replaced when the site changes)
const DB = "bonemets-live";
const STORE = "snapshot";
const KEY = "runtime";
const FORMAT = 1; // bump when what a snapshot holds changes
const PYODIDE_SNAPSHOT_MAGIC = 0x706e7300; // the first word of a Pyodide memory snapshot
const READ_TIMEOUT_MS = 8000;

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function database() {
  const open = indexedDB.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

async function storeOp(mode, fn) {
  const db = await database();
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(fn(tx.objectStore(STORE)));
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = tx.onabort = () => reject(tx.error || new Error("IndexedDB transaction aborted"));
    });
    return result;
  } finally {
    db.close();
  }
}

// A fast 64-bit checksum of the stored bytes (two multiplicative lanes over 32-bit words): it
// catches a damaged record, it is no defence against a crafted one (nor need it be: the record is
// this origin's own, written by this script).
function checksum(parts) {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const p of parts) {
    const words = p.byteLength >>> 2;
    const w = new Uint32Array(p.buffer, p.byteOffset, words);
    for (let i = 0; i < words; i++) {
      const x = w[i];
      a = Math.imul(a ^ x, 0x9e3779b1);
      a = (a << 13) | (a >>> 19);
      b = Math.imul(b + x, 0x85ebca77) ^ (b >>> 15);
    }
    for (let i = words << 2; i < p.byteLength; i++) {
      a = Math.imul(a ^ p[i], 0x9e3779b1);
      b = Math.imul(b + p[i], 0x85ebca77);
    }
    a = Math.imul(a ^ p.byteLength, 0xc2b2ae35);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

// A heap is mostly zero pages: store the others only (a byte per 4 KiB page says which).
const PAGE = 4096;
function packHeap(heap) {
  const pages = Math.ceil(heap.byteLength / PAGE);
  const map = new Uint8Array(pages);
  const words = new Uint32Array(heap.buffer, heap.byteOffset, heap.byteLength >>> 2);
  let kept = 0;
  for (let p = 0; p < pages; p++) {
    const end = Math.min((p + 1) * (PAGE >>> 2), words.length);
    for (let i = p * (PAGE >>> 2); i < end; i++) {
      if (words[i] !== 0) {
        map[p] = 1;
        kept++;
        break;
      }
    }
  }
  const data = new Uint8Array(kept * PAGE);
  let at = 0;
  for (let p = 0; p < pages; p++) {
    if (!map[p]) continue;
    const page = heap.subarray(p * PAGE, (p + 1) * PAGE);
    data.set(page, at);
    at += PAGE;
  }
  return {length: heap.byteLength, map, data: data.subarray(0, at)};
}

function unpackHeap({length, map, data}) {
  const heap = new Uint8Array(length);
  let at = 0;
  for (let p = 0; p < map.length; p++) {
    if (!map[p]) continue;
    const size = Math.min(PAGE, length - p * PAGE);
    heap.set(data.subarray(at, at + size), p * PAGE);
    at += PAGE;
  }
  return heap;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

// --- the extension module inside its wheel (a zip): central directory, then one deflated entry
async function zipEntry(buffer, name) {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip file");
  let at = view.getUint32(eocd + 16, true);
  for (let n = view.getUint16(eocd + 10, true); n > 0; n--) {
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const entry = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLen));
    if (entry === name) {
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const data = bytes.subarray(start, start + size);
      if (method === 0) return data.slice();
      if (method !== 8) throw new Error(`${name}: zip method ${method}`);
      const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    }
    at += 46 + nameLen + extra + comment;
  }
  throw new Error(`${name} is not in the wheel`);
}

// --- the files installed in site-packages (MEMFS lives outside the heap): one buffer
function packFiles(FS, root) {
  const index = [];
  const blobs = [];
  (function walk(dir) {
    for (const name of FS.readdir(dir)) {
      if (name === "." || name === "..") continue;
      const path = `${dir}/${name}`;
      if (FS.isDir(FS.stat(path).mode)) {
        walk(path);
      } else {
        const data = FS.readFile(path);
        index.push([path.slice(root.length + 1), data.byteLength]);
        blobs.push(data);
      }
    }
  })(root);
  const head = new TextEncoder().encode(JSON.stringify(index));
  const size = new Uint8Array(new Uint32Array([head.byteLength]).buffer);
  return concat([size, head, ...blobs]);
}

function unpackFiles(FS, root, packed) {
  const headLen = new DataView(packed.buffer, packed.byteOffset, 4).getUint32(0, true);
  const index = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + headLen)));
  let at = 4 + headLen;
  const made = new Set();
  for (const [rel, size] of index) {
    const path = `${root}/${rel}`;
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (!made.has(dir)) {
      FS.mkdirTree(dir);
      made.add(dir);
    }
    // canOwn: the file is a view of the stored buffer, not a copy.
    FS.writeFile(path, packed.subarray(at, at + size), {canOwn: true});
    at += size;
  }
}

// Why the last stored snapshot was not used, if one was dropped ("" if none was).
let dropped = "";

async function readSnapshot(id) {
  try {
    const snap = await storeOp("readonly", (s) => s.get(KEY));
    lap("read snapshot");
    if (!snap) return null;
    if (snap.format !== FORMAT || snap.id !== id) {
      dropped = "it was made for another build";
    } else if (checksum([snap.heap.map, snap.heap.data, snap.files]) !== snap.checksum) {
      lap("snapshot checksum");
      dropped = "it failed its checksum";
    } else {
      lap("snapshot checksum");
      return snap;
    }
  } catch (e) {
    console.warn("bonemets-live: no stored snapshot:", e);
    return null;
  }
  console.warn(`bonemets-live: the stored snapshot is not used (${dropped}); starting normally`);
  await dropSnapshot();
  return null;
}

async function dropSnapshot() {
  try {
    await storeOp("readwrite", (s) => s.delete(KEY));
  } catch (e) {
    console.warn("bonemets-live: could not delete the stored snapshot:", e);
  }
}

// --- start: from the snapshot if there is a good one, else normally (and make one)
async function boot(m, snap, scripts) {
  const wheelData = new Map();
  const wheelBytes = (url) => {
    if (!wheelData.has(url)) {
      wheelData.set(url, fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${r.status} ${url}`);
        return r.arrayBuffer();
      }));
    }
    return wheelData.get(url);
  };
  // A normal start downloads every wheel now, while the runtime compiles.
  if (!snap) m.wheels.forEach(wheelBytes);
  let preloadError = null;
  let dynlibs = snap ? snap.dynlibs : [];
  if (!snap) {
    try {
      dynlibs = await Promise.all(m.dynlibs.map(async (d) => ({file: d.file, bytes: await zipEntry(await wheelBytes(d.wheel), d.file)})));
    } catch (e) {
      // Only the snapshot needs this (e.g. a browser without DecompressionStream): start without.
      preloadError = e;
      dynlibs = [];
    }
  }
  const modules = dynlibs.map((d) => WebAssembly.compile(d.bytes));
  modules.forEach((p) => p.catch(() => {})); // a failure is reported where they are awaited
  const [{loadPyodide}, asm] = await scripts;
  lap("scripts imported");
  let Module = null;
  let sitePackages = null;
  let layout = null;
  const heap = snap ? unpackHeap(snap.heap) : null;
  if (heap) {
    // Pyodide's snapshot header: its magic number, then the size of the header.
    const head = new Uint32Array(heap.buffer, heap.byteOffset, 4);
    if (head[0] !== PYODIDE_SNAPSHOT_MAGIC || head[1] >= heap.byteLength) throw new Error("not a Pyodide snapshot");
  }
  const loading = loadPyodide({
    indexURL: m.indexURL,
    env: {PYTHONDONTWRITEBYTECODE: "1"},
    stdout: () => {},
    stderr: (s) => console.warn(s),
    _makeSnapshot: !snap,
    _loadSnapshot: heap || undefined,
    createPyodideModule: (settings) => {
      Module = settings;
      return asm.default(settings);
    },
    // Before Python starts: the extension at a fixed memory and table base (see the top).
    fsInit: async (FS, info) => {
      lap("runtime instantiated");
      sitePackages = info.sitePackages;
      try {
        if (heap) {
          const headerBytes = new Uint32Array(heap.buffer, heap.byteOffset, 4)[1];
          Module.growMemory(heap.byteLength - headerBytes);
        }
        for (let i = 0; i < dynlibs.length; i++) {
          const path = `${sitePackages}/${dynlibs[i].file}`;
          const dso = Module.newDSO(path, undefined, "loading");
          dso.refcount = Infinity;
          dso.global = false;
          dso.exports = Module.loadWebAssemblyModule(await modules[i], {}, path, {});
        }
        // Where the extensions ended: the end of the heap's static part and of the table.
        layout = [Module.HEAPU32[Module._emscripten_get_sbrk_ptr() >>> 2], Module.wasmTable.length];
        if (snap && String(layout) !== String(snap.layout)) throw new Error(`extension layout ${layout}, snapshot's ${snap.layout}`);
      } catch (e) {
        // An error here would not stop the runtime: spoil the snapshot's magic number so that
        // Pyodide refuses it before running anything, and say why. A normal start goes on without
        // the preloaded extension (Python loads it itself) and makes no snapshot.
        preloadError = e;
        if (heap) heap.fill(0, 0, 4);
        for (const d of dynlibs) {
          const path = `${sitePackages}/${d.file}`;
          const dso = Module.LDSO.loadedLibsByName[path];
          if (dso && !dso.exports) delete Module.LDSO.loadedLibsByName[path];
        }
      }
      lap("extension loaded");
    },
  });
  let py;
  try {
    py = await loading;
  } catch (e) {
    throw preloadError || e;
  }
  if (preloadError) {
    if (snap) throw preloadError;
    console.warn("bonemets-live: no snapshot this time:", preloadError);
  }
  pyodide = py;
  lap(snap ? "snapshot restored" : "Python started");
  if (snap) {
    for (const [handle, name] of snap.handles) Module.LDSO.loadedLibsByHandle[handle] = Module.LDSO.loadedLibsByName[name];
    unpackFiles(py.FS, sitePackages, snap.files);
    for (const d of dynlibs) py.FS.writeFile(`${sitePackages}/${d.file}`, d.bytes, {canOwn: true});
    py.globals.set("_bm_preload", py.toPy(m.preload));
    if (!py.runPython("import sys; all(m in sys.modules for m in _bm_preload)")) {
      throw new Error("the snapshot does not hold the engine");
    }
    // Every restore would otherwise continue the same pseudo-random sequence.
    py.runPython("del _bm_preload\nif 'random' in sys.modules: sys.modules['random'].seed()");
    lap("files restored");
  } else {
    progress("Installing the course engine", 0.7);
    await Promise.all(m.wheels.map(wheelBytes));
    lap("wheels downloaded");
    // The same URLs: read from the browser's cache, filled by the downloads above.
    const failed = [];
    await py.loadPackage(m.wheels, {messageCallback: () => {}, errorCallback: (s) => failed.push(s)});
    if (failed.length) throw new Error(failed.join("; "));
    lap("loadPackage");
    progress("Importing the engine", 0.9);
    py.runPython(BRIDGE);
    for (const mod of m.preload) {
      py.pyimport(mod);
      lap("import " + mod);
    }
  }
  call = py.globals.get("_bm_call");
  return {Module, sitePackages, dynlibs, layout, preloadError};
}

// The snapshot of a runtime started normally, taken before any call.
function takeSnapshot(m, {Module, sitePackages, dynlibs, layout, preloadError}) {
  if (preloadError) throw preloadError;
  // Pyodide serialises its JS-side references too; the record of loaded packages must be empty.
  for (const name of Object.keys(pyodide.loadedPackages)) delete pyodide.loadedPackages[name];
  const handles = Object.entries(Module.LDSO.loadedLibsByHandle)
    .filter(([handle]) => Number(handle) !== 0)
    .map(([handle, dso]) => [Number(handle), dso.name]);
  const files = packFiles(pyodide.FS, sitePackages);
  const heap = packHeap(pyodide.makeMemorySnapshot());
  return {format: FORMAT, id: m.id, heap, files, dynlibs, handles, layout, checksum: checksum([heap.map, heap.data, files])};
}

async function saveSnapshot(snap) {
  await storeOp("readwrite", (s) => s.put(snap, KEY));
}

async function start(m) {
  lapStart = performance.now();
  progress("Loading Python (WebAssembly)", 0.05);
  // Pyodide's scripts load while the snapshot is read.
  const scripts = Promise.all([import(m.pyodide), import(m.indexURL + "pyodide.asm.mjs")]);
  scripts.catch(() => {}); // a failure is reported where they are awaited
  // A storage that never answers (it happens) must not hold the start: then start normally.
  const giveUp = new Promise((resolve) => setTimeout(() => resolve(null), READ_TIMEOUT_MS));
  const snap = m.id && typeof indexedDB === "object" ? await Promise.race([readSnapshot(m.id), giveUp]) : null;
  let state = null;
  let restored = false;
  if (snap) {
    progress("Restoring the engine saved by your first visit", 0.5);
    try {
      state = await boot(m, snap, scripts);
      restored = true;
    } catch (e) {
      console.warn("bonemets-live: the stored snapshot did not restore; starting normally:", e);
      dropped = `it did not restore (${String((e && e.message) || e)})`;
      pyodide = call = null;
      await dropSnapshot();
    }
  }
  if (!restored) state = await boot(m, null, scripts);
  const pythonVersion = pyodide.runPython("import sys; sys.version.split()[0]");
  if (restored) {
    postMessage({type: "ready", pythonVersion, timings, snapshot: "restored"});
    return;
  }
  postMessage({type: "ready", pythonVersion, timings, snapshot: "made"});
  // In this same task, so before any call runs.
  let made = null;
  let problem = "";
  if (m.id && typeof indexedDB === "object") {
    try {
      made = takeSnapshot(m, state);
    } catch (e) {
      problem = String((e && e.message) || e);
    }
  } else {
    problem = "no IndexedDB";
  }
  if (!made) {
    postMessage({type: "snapshot", status: "not stored: " + problem});
    return;
  }
  try {
    await saveSnapshot(made);
    postMessage({type: "snapshot", status: dropped ? `stored, replacing one not used: ${dropped}` : "stored"});
  } catch (e) {
    postMessage({type: "snapshot", status: "not stored: " + String((e && e.message) || e)});
  }
}

function pythonError(e) {
  if (pyodide && e instanceof pyodide.ffi.PythonError) {
    // Its message is the formatted traceback; the last line names the exception.
    const text = String(e.message || "").trim();
    return {message: text.split("\n").pop(), traceback: text};
  }
  return {message: String((e && e.message) || e), traceback: (e && e.stack) || ""};
}

self.onmessage = async (event) => {
  const m = event.data;
  if (m.type === "start") {
    try {
      await start(m);
    } catch (e) {
      const err = pythonError(e);
      postMessage({type: "error", id: 0, message: "Live mode could not start: " + err.message, traceback: err.traceback});
    }
  } else if (m.type === "call") {
    try {
      postMessage({type: "result", id: m.id, json: call(m.fnPath, m.argsJson)});
    } catch (e) {
      postMessage({type: "error", id: m.id, ...pythonError(e)});
    }
  }
};
