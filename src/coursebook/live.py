"""Live mode's files in the built site: the engine as a wheel, and the list of what to load.

The reader's browser runs the course's own engine (``src/bonemets``) in Pyodide, self-hosted:
``_static/live/bonemets-live.js`` (:file:`static/live/`) loads it only when the reader asks for
live mode. At the end of an HTML build this module writes, once:

* ``_static/live/<engine wheel>``: ``src/bonemets`` zipped as a wheel, fresh from the source
  (never stored; the same source gives the same bytes);
* ``_static/live/manifest.json``: the Pyodide core and the wheels to load (URLs relative to the
  manifest), the compiled extensions inside them (``dynlibs``), the modules to import at start,
  every file with its size and sha256, and an ``id`` (a hash of those files, the modules and the
  worker script) under which the browser stores its snapshot of the started runtime.

The Pyodide core and the engine's dependencies are vendored, pinned, in ``assets/vendor``
(:data:`PYODIDE`, :data:`WHEELS`; ``scripts/vendor_pyodide.sh``); the book copies that folder to
``_static/`` (``html_static_path``), so they are not copied a second time. A book whose static
path has no such folder gets no live files. No page refers to any of these files: only
``start()`` fetches them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

import bonemets

__all__ = [
    "ENGINE",
    "LOADER_JS",
    "PYODIDE",
    "PYODIDE_FILES",
    "WHEELS",
    "WORKER_JS",
    "build_engine_wheel",
    "runtime_wheels",
    "setup",
    "write_live_files",
]

logger = logging.getLogger(__name__)

#: The loader a page adds (path inside ``_static``) to offer live mode: small, loads nothing itself.
LOADER_JS = "live/bonemets-live.js"
#: The vendored Pyodide core, a folder of ``assets/vendor`` (and of ``_static/``).
PYODIDE = "pyodide@314.0.7"
#: The files of the core the browser loads (``pyodide-lock.json`` lists no package: nothing can
#: be fetched from the CDN the upstream lock points at).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
#: The engine's dependencies as wheels for that Python, a folder of ``assets/vendor``.
WHEELS = "pyodide-wheels"
#: The engine package, as the wheel built at book-build time.
ENGINE = Path(bonemets.__file__).resolve().parent
ENGINE_DIST = "bonemets_course"
ENGINE_VERSION = "0.1.0"
#: Modules imported while live mode starts (those that exist), so the first call is fast.
PRELOAD = ("bonemets.registry", "bonemets.cases.live")
#: Where the files go in the built site, and the loader's manifest.
OUT = Path("_static") / "live"
MANIFEST = "manifest.json"
#: The Web Worker that starts the runtime (copied from :file:`static/live/`); its bytes are part of
#: the manifest's ``id``, so a changed worker never restores a snapshot made by the old one.
WORKER_JS = "bonemets-live-worker.js"
#: Files of the engine package that are not shipped.
SKIP_SUFFIXES = (".pyc", ".pyo")
#: A fixed time for every wheel entry (1980-01-01, the zip epoch): same source, same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _engine_files(package: Path) -> Iterator[Path]:
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in SKIP_SUFFIXES:
            yield path


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def build_engine_wheel(dest: Path, package: Path = ENGINE) -> Path:
    """Zip the engine package as a pure wheel in ``dest`` and return its path.

    What ``pip wheel --no-deps`` would give for the package's files (metadata, WHEEL, RECORD),
    without the build: fixed entry times and sorted entries, so the bytes depend on the source only.
    """
    dest.mkdir(parents=True, exist_ok=True)
    name = f"{ENGINE_DIST}-{ENGINE_VERSION}"
    info = f"{name}.dist-info"
    entries: list[tuple[str, bytes]] = [
        (f"{package.name}/{p.relative_to(package).as_posix()}", p.read_bytes())
        for p in _engine_files(package)
    ]
    entries.append(
        (
            f"{info}/METADATA",
            (
                "Metadata-Version: 2.1\n"
                f"Name: {ENGINE_DIST.replace('_', '-')}\n"
                f"Version: {ENGINE_VERSION}\n"
                "Summary: The clinical engine of the Bone Metastases course (live mode's copy)\n"
                "License: MIT\n"
            ).encode(),
        )
    )
    entries.append(
        (
            f"{info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: coursebook.live\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
    )
    entries.append((f"{info}/top_level.txt", f"{package.name}\n".encode()))
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in entries) + f"{info}/RECORD,,\n"
    entries.append((f"{info}/RECORD", record.encode()))
    wheel = dest / f"{name}-py3-none-any.whl"
    tmp = wheel.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for arcname, data in entries:
            zi = zipfile.ZipInfo(arcname, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zf.writestr(zi, data)
    os.replace(tmp, wheel)
    return wheel


def runtime_wheels(vendor: Path) -> list[Path]:
    """The vendored wheels of the engine's dependencies (``assets/vendor/pyodide-wheels``)."""
    wheels = sorted((vendor / WHEELS).glob("*.whl"))
    if not wheels:
        raise ExtensionError(
            f"live mode: no wheels in {vendor / WHEELS} (scripts/vendor_pyodide.sh)"
        )
    return wheels


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _preload(package: Path) -> list[str]:
    out = []
    for module in PRELOAD:
        rel = Path(*module.split(".")[1:])
        if (package / rel).with_suffix(".py").is_file() or (
            package / rel / "__init__.py"
        ).is_file():
            out.append(module)
    return out


def _dynlibs(wheel: Path) -> list[str]:
    """The compiled extensions (``.so``) inside a wheel, as paths inside site-packages."""
    with zipfile.ZipFile(wheel) as zf:
        return sorted(n for n in zf.namelist() if n.endswith(".so"))


def write_live_files(static: Path, vendor: Path, package: Path = ENGINE) -> dict[str, Any]:
    """Write the engine wheel and ``manifest.json`` into ``static/live`` and return the manifest.

    ``static`` is the site's ``_static`` folder. The vendored core and wheels are expected there
    already (the book's ``html_static_path``); any that is missing is copied from ``vendor``.
    """
    out = static / "live"
    for stale in out.glob(f"{ENGINE_DIST}-*.whl"):
        stale.unlink()
    engine = build_engine_wheel(out, package)
    needed = [Path(PYODIDE) / f for f in PYODIDE_FILES]
    needed += [w.relative_to(vendor) for w in runtime_wheels(vendor)]
    for rel in needed:
        target = static / rel
        if not target.is_file():
            source = vendor / rel
            if not source.is_file():
                raise ExtensionError(f"live mode: {source} is missing (scripts/vendor_pyodide.sh)")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    files = [static / rel for rel in needed] + [engine]

    def url(path: Path) -> str:
        return Path(os.path.relpath(path, out)).as_posix()

    manifest: dict[str, Any] = {
        "pyodide": {
            "version": PYODIDE.split("@", 1)[1],
            "indexURL": url(static / PYODIDE) + "/",
            "module": url(static / PYODIDE / "pyodide.mjs"),
        },
        "wheels": [url(static / rel) for rel in needed if rel.suffix == ".whl"] + [url(engine)],
        "dynlibs": [
            {"wheel": url(static / rel), "file": name}
            for rel in needed
            if rel.suffix == ".whl" and zipfile.is_zipfile(static / rel)
            for name in _dynlibs(static / rel)
        ],
        "preload": _preload(package),
        "files": [{"file": url(p), "bytes": p.stat().st_size, "sha256": _sha256(p)} for p in files],
    }
    manifest["bytes"] = sum(f["bytes"] for f in manifest["files"])
    ident = hashlib.sha256()
    for entry in manifest["files"]:
        ident.update(f"{entry['file']} {entry['sha256']}\n".encode())
    ident.update(json.dumps([manifest["preload"], manifest["dynlibs"]]).encode())
    worker = out / WORKER_JS
    if worker.is_file():
        ident.update(worker.read_bytes())
    manifest["id"] = ident.hexdigest()
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def _vendor_dir(app: Sphinx) -> Path | None:
    """The static folder holding the vendored runtime (the course's ``assets/vendor``), if any."""
    for entry in app.config.html_static_path or []:
        folder = Path(app.confdir, entry)
        if (folder / PYODIDE).is_dir():
            return folder
    return None


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    vendor = _vendor_dir(app)
    if vendor is None:  # a book without the vendored runtime (e.g. a test project): no live mode
        logger.info("live mode: no %s on html_static_path; not written", PYODIDE)
        return
    write_live_files(Path(app.outdir) / "_static", vendor)
    from .livecharts import build_finished as draw_band_scales

    draw_band_scales(app, Path(app.outdir) / "_static")


def setup(app: Sphinx) -> None:
    """Write live mode's files once, at the end of each HTML build."""
    app.connect("build-finished", _build_finished)
