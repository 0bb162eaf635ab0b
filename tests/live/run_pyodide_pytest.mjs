// Run pytest inside Pyodide (the browser's Python) under node, on the repository's own tests.
//
//   node run_pyodide_pytest.mjs CONFIG_JSON
//   CONFIG_JSON = {"pyodide": dir of pyodide.mjs, "wheels": [wheel paths], "repo": repository root,
//                  "args": [pytest arguments, paths relative to the repository]}
//
// The repository is mounted read-only in spirit (no bytecode, no cache provider) at /repo; the
// engine comes from the wheels (the engine wheel the book build makes), not from /repo/src. The last
// line of output is "PYODIDE-PYTEST {json}": Python's version, pytest's exit code, the count of
// each outcome and the ids of the tests that failed or raised an error.
import path from "node:path";
import {pathToFileURL} from "node:url";

const config = JSON.parse(process.argv[2]);
const {loadPyodide} = await import(pathToFileURL(path.join(config.pyodide, "pyodide.mjs")).href);
const started = performance.now();
const pyodide = await loadPyodide({
  indexURL: config.pyodide + path.sep,
  env: {PYTHONDONTWRITEBYTECODE: "1", ...(config.env || {})},
  stdout: (s) => console.log(s),
  stderr: (s) => console.error(s),
});
const failed = [];
await pyodide.loadPackage(config.wheels, {messageCallback: () => {}, errorCallback: (s) => failed.push(s)});
if (failed.length) throw new Error(failed.join("; "));
pyodide.mountNodeFS("/repo", config.repo);
const ready = performance.now() - started;
pyodide.globals.set("ARGS", pyodide.toPy(config.args));
const result = await pyodide.runPythonAsync(`
import json, os, sys
import pytest

sys.dont_write_bytecode = True
os.chdir("/repo")

OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed", "deselected")

class Outcomes:
    counts = {}
    failed = []
    def pytest_terminal_summary(self, terminalreporter):
        for key in OUTCOMES:
            self.counts[key] = len(terminalreporter.stats.get(key, []))
        for key in ("failed", "error"):
            for report in terminalreporter.stats.get(key, []):
                nodeid = getattr(report, "nodeid", "")
                if nodeid and nodeid not in self.failed:
                    self.failed.append(nodeid)

plugin = Outcomes()
code = pytest.main(list(ARGS), plugins=[plugin])
json.dumps({"exit": int(code), "python": sys.version.split()[0], "counts": plugin.counts,
            "failed": plugin.failed})
`);
const out = JSON.parse(result);
out.ready_s = Math.round(ready) / 1000;
out.total_s = Math.round(performance.now() - started) / 1000;
console.log("PYODIDE-PYTEST " + JSON.stringify(out));
