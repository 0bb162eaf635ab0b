/* The Web Worker of bonemets-live.js: loads the self-hosted Pyodide and the engine's wheels (every
 * URL given by the page, from the site's own origin), then answers calls.
 *
 *   page -> worker  {type: "start", pyodide, indexURL, wheels: [url], preload: [module]}
 *   worker -> page  {type: "progress", message, fraction} ... {type: "ready", pythonVersion}
 *   page -> worker  {type: "call", id, fnPath: "package.module:function", argsJson}
 *   worker -> page  {type: "result", id, json} | {type: "error", id, message, traceback}
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

async function start(m) {
  progress("Loading Python (WebAssembly)", 0.05);
  // The wheels download now, while the runtime compiles (loadPackage reads them from the cache).
  const wheels = m.wheels.map((url) => fetch(url).then((r) => {
    if (!r.ok) throw new Error(`${r.status} ${url}`);
    return r.arrayBuffer();
  }));
  const {loadPyodide} = await import(m.pyodide);
  pyodide = await loadPyodide({
    indexURL: m.indexURL,
    env: {PYTHONDONTWRITEBYTECODE: "1"},
    stdout: () => {},
    stderr: (s) => console.warn(s),
  });
  progress("Installing the course engine", 0.7);
  await Promise.all(wheels);
  // The same URLs: read from the browser's cache, filled by the downloads above.
  const failed = [];
  await pyodide.loadPackage(m.wheels, {messageCallback: () => {}, errorCallback: (s) => failed.push(s)});
  if (failed.length) throw new Error(failed.join("; "));
  progress("Importing the engine", 0.9);
  pyodide.runPython(BRIDGE);
  for (const mod of m.preload) pyodide.pyimport(mod);
  call = pyodide.globals.get("_bm_call");
  postMessage({type: "ready", pythonVersion: pyodide.runPython("import sys; sys.version.split()[0]")});
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
