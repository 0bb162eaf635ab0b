"""coursebook.live: the engine wheel built from the source, and live mode's manifest."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from coursebook.live import (
    ENGINE,
    PYODIDE,
    PYODIDE_FILES,
    WHEELS,
    WORKER_JS,
    build_engine_wheel,
    runtime_wheels,
    write_live_files,
)

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "assets" / "vendor"


def test_engine_wheel_holds_the_package_and_a_valid_record(tmp_path: Path) -> None:
    wheel = build_engine_wheel(tmp_path)
    assert wheel.name == "bonemets_course-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        sources = {
            f"bonemets/{p.relative_to(ENGINE).as_posix()}"
            for p in ENGINE.rglob("*.py")
            if "__pycache__" not in p.parts
        }
        assert sources <= set(names)
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
        record = zf.read("bonemets_course-0.1.0.dist-info/RECORD").decode().splitlines()
        for row in record:
            name, digest, size = row.rsplit(",", 2)
            if name.endswith("RECORD"):
                continue
            data = zf.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert digest == f"sha256={expected.decode()}" and int(size) == len(data), name
        assert len(record) == len(names)


def test_engine_wheel_bytes_depend_on_the_source_only(tmp_path: Path) -> None:
    a = build_engine_wheel(tmp_path / "a").read_bytes()
    b = build_engine_wheel(tmp_path / "b").read_bytes()
    assert a == b


def test_vendored_runtime_is_pinned_and_has_no_remote_packages() -> None:
    lock = json.loads((VENDOR / PYODIDE / "pyodide-lock.json").read_text())
    assert lock["packages"] == {}
    assert lock["info"]["python"] == "3.14.2"
    names = [w.name for w in runtime_wheels(VENDOR)]
    assert any(n.startswith("pydantic_core-") and "pyemscripten" in n for n in names)
    assert all(n.endswith(("-none-any.whl", "_wasm32.whl")) for n in names)


def _fake_vendor(tmp_path: Path) -> Path:
    vendor = tmp_path / "vendor"
    (vendor / PYODIDE).mkdir(parents=True)
    for name in PYODIDE_FILES:
        (vendor / PYODIDE / name).write_text(name)
    (vendor / WHEELS).mkdir()
    (vendor / WHEELS / "dep-1.0-py3-none-any.whl").write_bytes(b"wheel")
    return vendor


def test_manifest_lists_every_file_relative_to_itself(tmp_path: Path) -> None:
    vendor = _fake_vendor(tmp_path)
    static = tmp_path / "site" / "_static"
    manifest = write_live_files(static, vendor)
    live = static / "live"
    assert json.loads((live / "manifest.json").read_text()) == manifest
    assert manifest["pyodide"] == {
        "version": PYODIDE.split("@")[1],
        "indexURL": f"../{PYODIDE}/",
        "module": f"../{PYODIDE}/pyodide.mjs",
    }
    assert manifest["wheels"] == [
        f"../{WHEELS}/dep-1.0-py3-none-any.whl",
        "bonemets_course-0.1.0-py3-none-any.whl",
    ]
    assert manifest["preload"] == ["bonemets.registry", "bonemets.cases.live"]
    for entry in manifest["files"]:
        body = (live / entry["file"]).read_bytes()
        assert (entry["bytes"], entry["sha256"]) == (len(body), hashlib.sha256(body).hexdigest())
    assert manifest["bytes"] == sum(f["bytes"] for f in manifest["files"])


def test_a_missing_vendored_file_is_named(tmp_path: Path) -> None:
    vendor = _fake_vendor(tmp_path)
    (vendor / PYODIDE / "pyodide.asm.wasm").unlink()
    with pytest.raises(ExtensionError, match=r"pyodide\.asm\.wasm is missing"):
        write_live_files(tmp_path / "_static", vendor)


def test_manifest_names_the_compiled_extensions_and_an_id_of_everything_loaded(
    tmp_path: Path,
) -> None:
    vendor = _fake_vendor(tmp_path)
    ext = "pkg/_ext.cpython-314-wasm32-emscripten.so"
    with zipfile.ZipFile(
        vendor / WHEELS / "pkg-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl", "w"
    ) as zf:
        zf.writestr(ext, b"\0asm")
        zf.writestr("pkg/__init__.py", "")
    static = tmp_path / "site" / "_static"
    (static / "live").mkdir(parents=True)
    worker = static / "live" / WORKER_JS
    worker.write_text("// worker 1")
    first = write_live_files(static, vendor)
    assert first["dynlibs"] == [
        {"wheel": f"../{WHEELS}/pkg-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl", "file": ext}
    ]
    assert len(first["id"]) == 64
    assert write_live_files(static, vendor)["id"] == first["id"]  # same files, same id
    worker.write_text("// worker 2")  # a changed worker never restores the old worker's snapshot
    second = write_live_files(static, vendor)
    assert second["id"] != first["id"]
    (vendor / WHEELS / "dep-1.0-py3-none-any.whl").write_bytes(b"wheel 2")
    (static / WHEELS / "dep-1.0-py3-none-any.whl").write_bytes(b"wheel 2")
    assert write_live_files(static, vendor)["id"] not in (first["id"], second["id"])
