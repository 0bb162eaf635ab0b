"""Build the JupyterLite site behind "Open as a notebook" on each case page (issue 13, item 2).

    python -m coursebook.lite [OUT]        # default: _build/html/lite

The case notebooks (``cases/*.ipynb`` and ``cases/data/``) run in JupyterLab in the reader's browser,
on JupyterLite's Pyodide kernel, with no server and no request outside the site:

* the Pyodide core is the course's vendored copy (``assets/vendor/pyodide@<version>``, from npm);
* every wheel the notebooks import is listed in a Pyodide lock file written here, next to the core
  (``static/pyodide/pyodide-lock.json``), so ``import bonemets`` loads from the site, never from the
  CDN the stock lock names. The wheels are ``requirements/lite.txt`` (compiled for Pyodide's Python
  by ``./course lock``), downloaded once with their sha256 hashes into ``_build/.lite/wheels``;
  MarkupSafe, pyrsistent and PyYAML publish no pure wheel, so they are built from their hashed
  sources as pure Python; ``pydantic_core``'s browser wheel is the vendored one
  (``assets/vendor/pyodide-wheels``), checked against the lock's hash; the kernel's own wheels come
  from ``jupyterlite-pyodide-kernel``; the course's wheel is built from ``src/`` each time;
* charts load the vendored vega from ``<lite>/bonemets/vendor/`` (the path ``charts/loader.js`` tries
  under a Jupyter base URL);
* PyPI fallback is off (``disablePyPIFallback``): a missing package is an error, not a download.

Build tools (``jupyterlite-core``, ``jupyterlite-pyodide-kernel``) are in the development set.
Like every Pyodide page it does not run from ``file://``: serve the folder
(``python3 -m http.server --directory _build/html``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "lite.txt"
#: The tools that build FROM_SOURCE (setuptools), hashed: pip's build isolation would resolve them
#: (and their own build dependencies) afresh at every build, unpinned.
BUILD_LOCK = ROOT / "requirements" / "lite-build.txt"
VENDOR = ROOT / "assets" / "vendor"
#: No pure wheel on PyPI: built from the hashed source distribution as pure Python.
FROM_SOURCE = {"markupsafe", "pyrsistent", "pyyaml"}
#: Not needed in the browser (the kernel's own shims replace them) or unavailable there.
LEAVE_OUT = {"psutil", "pexpect", "ptyprocess", "widgetsnbextension", "jupyterlab-widgets"}
#: The browser wheel of pydantic-core, vendored (its hash is in requirements/lite.txt).
BROWSER_WHEELS = {"pydantic-core"}
#: Pyodide's platform for marker evaluation (the core's lock says 3.14.2 on emscripten wasm32).
MARKERS = {
    "python_version": "3.14",
    "python_full_version": "3.14.2",
    "sys_platform": "emscripten",
    "platform_system": "Emscripten",
    "platform_machine": "wasm32",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "os_name": "posix",
    "extra": "",
}
#: ``import charts`` / ``import widgets`` come with the course's wheel: load what they import too.
COURSE_EXTRAS = ["altair", "ipywidgets"]
APP_NAME = "Bone Metastases course: case notebooks"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path = LOCK) -> dict[str, tuple[str, list[str]]]:
    """``{name: (version, [sha256, ...])}`` from a hashed requirements file."""
    out: dict[str, tuple[str, list[str]]] = {}
    name = ""
    for line in lock.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if m:
            name = _norm(m.group(1))
            out[name] = (m.group(2), [])
        for h in re.findall(r"--hash=sha256:([0-9a-f]{64})", line):
            out[name][1].append(h)
    return out


def _requirements(entries: dict[str, tuple[str, list[str]]], path: Path) -> Path:
    path.write_text(
        "".join(
            f"{n}=={v} " + " ".join(f"--hash=sha256:{h}" for h in hs) + "\n"
            for n, (v, hs) in sorted(entries.items())
        )
    )
    return path


def _pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args], check=True
    )


def collect_wheels(work: Path) -> Path:
    """Every wheel of the lock in ``work/wheels`` (downloaded once, hash-checked)."""
    wheels = work / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    entries = {n: e for n, e in pins().items() if n not in LEAVE_OUT}
    have = {_norm(p.name.split("-")[0]) for p in wheels.glob("*.whl")}
    pure = {n: e for n, e in entries.items() if n not in FROM_SOURCE | BROWSER_WHEELS}
    if set(pure) - have:
        _pip(
            "download", "--no-deps", "--require-hashes", "--only-binary", ":all:",
            "--platform", "any", "--python-version", "3.14", "--implementation", "py",
            "--abi", "none", "-d", str(wheels), "-r", str(_requirements(pure, work / "pure.txt")),
        )  # fmt: skip
    source = {n: e for n, e in entries.items() if n in FROM_SOURCE}
    tools = work / "build-tools"
    if set(source) - have or not (tools / "setuptools").is_dir():
        # Built as pure Python (no C extension: CC is /bin/false, and the extension is optional in
        # all three) with the hashed build tools of BUILD_LOCK, not pip's build isolation, which
        # resolved setuptools and Cython unpinned at build time (Cython 3.3.1 from source
        # failed to compile with CC=/bin/false, 2026-11-27). Without Cython, pyyaml builds
        # without its extension.
        shutil.rmtree(tools, ignore_errors=True)
        _pip(
            "install", "--no-deps", "--require-hashes", "--only-binary", ":all:",
            "--target", str(tools), "-r", str(BUILD_LOCK),
        )  # fmt: skip
        env_flags = {
            "PYYAML_FORCE_LIBYAML": "0",
            "PYRSISTENT_SKIP_EXTENSION": "1",
            "CC": "/bin/false",
            "PYTHONPATH": str(tools),
        }
        subprocess.run(
            [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "wheel",
             "--no-deps", "--require-hashes", "--no-binary", ":all:", "--no-build-isolation",
             "-w", str(wheels), "-r", str(_requirements(source, work / "source.txt"))],
            check=True, env={**os.environ, **env_flags},
        )  # fmt: skip
    for name in BROWSER_WHEELS:
        version, hashes = entries[name]
        (found,) = (VENDOR / "pyodide-wheels").glob(f"{name.replace('-', '_')}-{version}-*.whl")
        if hashlib.sha256(found.read_bytes()).hexdigest() not in hashes:
            raise SystemExit(f"{found}: its sha256 is not in {LOCK.relative_to(ROOT)}")
        shutil.copy2(found, wheels / found.name)
    for path in wheels.glob("*.whl"):
        if "-none-any" not in path.name and "pyemscripten" not in path.name:
            raise SystemExit(f"{path.name}: not a pure or browser wheel")
    return wheels


def kernel_wheels() -> list[Path]:
    """The Pyodide kernel's own wheels (pyodide-kernel, piplite, the ipykernel shim...)."""
    import jupyterlite_pyodide_kernel

    share = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    pypi = share / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"
    assert jupyterlite_pyodide_kernel.__version__
    keep = ("ipykernel-", "piplite-", "pyodide_kernel-", "widgetsnbextension-4.")
    return sorted(p for p in pypi.glob("*.whl") if p.name.startswith(keep))


def course_wheel(work: Path) -> Path:
    """The course's wheel, built from ``src/`` by the build backend ``pyproject.toml`` declares
    (setuptools), called directly in its own process: what ``pip wheel --no-deps
    --no-build-isolation`` does, the same files, without the two thirds of the CPU that pip's
    own start and checks cost."""
    import tomllib

    backend = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["build-backend"]
    out = work / "course"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    build = f"import sys, {backend} as backend; backend.build_wheel(sys.argv[1])"
    subprocess.run(
        [sys.executable, "-c", build, str(out)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    (wheel,) = out.glob("bonemets_course-*.whl")
    return wheel


def _metadata(wheel: Path) -> tuple[str, str, list[str], list[str]]:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name, parse_wheel_filename

    name, version, _, _ = parse_wheel_filename(wheel.name)
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = z.read(meta).decode()
    tops = {n.split("/")[0] for n in names}
    imports = sorted(
        t.removesuffix(".py")
        for t in tops
        if re.fullmatch(r"[A-Za-z_]\w*(\.py)?", t) and not t.endswith((".dist-info", ".data"))
    )
    depends = []
    for line in text.splitlines():
        if line.startswith("Requires-Dist:"):
            req = Requirement(line.split(":", 1)[1].strip())
            if req.marker is None or req.marker.evaluate(MARKERS):
                depends.append(str(canonicalize_name(req.name)))
    return str(canonicalize_name(name)), str(version), imports, depends


def write_lock(core_lock: Path, wheels: list[Path], out: Path) -> dict[str, object]:
    """A Pyodide lock naming exactly ``wheels`` (files beside it); dependencies the set lacks are
    dropped (the engine's optional genanki, the labextension-only jupyterlab-widgets)."""
    lock = json.loads(core_lock.read_text())
    packages: dict[str, dict[str, object]] = {}
    for wheel in wheels:
        name, version, imports, depends = _metadata(wheel)
        if name == "bonemets-course":
            depends += COURSE_EXTRAS
        packages[name] = {
            "name": name,
            "version": version,
            "file_name": wheel.name,
            "install_dir": "site",
            "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
            "package_type": "package",
            "imports": imports,
            "depends": depends,
            "unvendored_tests": False,
            "shared_library": False,
        }
    for spec in packages.values():
        spec["depends"] = sorted({d for d in spec["depends"] if d in packages})  # type: ignore[attr-defined]
    lock["packages"] = packages
    out.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    return lock


def _without_outputs(source: Path, target: Path) -> None:
    """The notebook as a learner starts it: cells only (the stored outputs, with their saved
    widget state, are megabytes each and are recomputed in the browser anyway)."""
    nb = json.loads(source.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb["metadata"].pop("widgets", None)
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


def _share_core(out: Path, core: Path) -> str | None:
    """Inside the built book (``<book>/lite``), use the book's copy of the Pyodide core
    (``<book>/_static/pyodide@<version>``, 13 MB) instead of a second one: returns the kernel's
    ``pyodideUrl`` relative to the JupyterLab pages (``<lite>/lab/``), or None outside a book."""
    book_core = out.parent / "_static" / core.name
    if not (book_core / "pyodide.mjs").is_file():
        return None
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        (out / "static" / "pyodide" / name).unlink()
    return f"../../_static/{core.name}/pyodide.mjs"


def build(out: Path, root: Path = ROOT) -> Path:
    """The JupyterLite site in ``out`` (replaced); returns ``out``."""
    work = root / "_build" / ".lite"
    wheels = sorted(collect_wheels(work).glob("*.whl")) + kernel_wheels() + [course_wheel(work)]
    lite_dir = work / "site"
    shutil.rmtree(lite_dir, ignore_errors=True)
    core = next(VENDOR.glob("pyodide@*"))
    dist = lite_dir / "static" / "pyodide"
    dist.mkdir(parents=True)
    for f in core.iterdir():
        if f.suffix in (".mjs", ".wasm", ".zip") or f.name == "LICENSE":
            shutil.copy2(f, dist / f.name)
    for w in wheels:
        shutil.copy2(w, dist / w.name)
    write_lock(core / "pyodide-lock.json", wheels, dist / "pyodide-lock.json")
    contents = work / "contents" / "cases"
    shutil.rmtree(contents.parent, ignore_errors=True)
    contents.mkdir(parents=True)
    for nb in sorted((root / "cases").glob("*.ipynb")):
        _without_outputs(nb, contents / nb.name)
    shutil.copytree(root / "cases" / "data", contents / "data")
    shutil.rmtree(out, ignore_errors=True)
    jupyter = Path(sys.executable).with_name("jupyter")
    subprocess.run(
        [str(jupyter), "lite", "build", "--output-dir", str(out), "--contents",
         str(contents.parent), "--no-sourcemaps"],
        check=True, cwd=lite_dir, capture_output=True,
    )  # fmt: skip
    config_path = out / "jupyter-lite.json"
    config = json.loads(config_path.read_text())
    data = config["jupyter-config-data"]
    data["appName"] = APP_NAME
    kernel = data.setdefault("litePluginSettings", {}).setdefault(
        "@jupyterlite/pyodide-kernel-extension:kernel", {}
    )
    kernel["disablePyPIFallback"] = True
    # every cell stays in the page (no windowing): the browser's find, and a reader printing the
    # notebook, see all of it
    data.setdefault("settingsOverrides", {})["@jupyterlab/notebook-extension:tracker"] = {
        "windowingMode": "none"
    }
    shared = _share_core(out, core)
    if shared:
        kernel["pyodideUrl"] = shared
        # Pyodide reads the lock (and the wheels beside it) relative to the core's folder
        # (<book>/_static/pyodide@<version>/): this site's own lock, not the book's empty one
        kernel["loadPyodideOptions"] = {
            "lockFileURL": f"../../{out.name}/static/pyodide/pyodide-lock.json"
        }
    config_path.write_text(json.dumps(config, indent=2) + "\n")
    from charts.render import VEGA_FILES

    vega = out / "bonemets" / "vendor"
    for path in VEGA_FILES.values():
        folder = path.split("/")[0]
        shutil.copytree(VENDOR / folder, vega / folder, dirs_exist_ok=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m coursebook.lite", description=__doc__.split("\n")[0]
    )
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "_build" / "html" / "lite")
    args = parser.parse_args(argv)
    site = build(args.out)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"JupyterLite: {site} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
