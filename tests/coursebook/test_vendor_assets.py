"""The vendored JavaScript: every file the book refers to exists, with its licence and checksum."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import altair as alt
import yaml

from charts.render import VEGA_FILES

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "assets" / "vendor"
MANIFEST = VENDOR / "MANIFEST.md"
ROW = re.compile(r"^\| (\S+) \| (\S+) \| (\S+) \| `([^`]+)` \| `([0-9a-f]{64})` \|$", re.MULTILINE)


def test_manifest_lists_every_file_with_its_sha256() -> None:
    rows = ROW.findall(MANIFEST.read_text())
    listed = {r[3] for r in rows}
    on_disk = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    assert on_disk - {"MANIFEST.md"} == listed
    for _pkg, _ver, licence, rel, sha in rows:
        assert licence and licence != "undefined"
        assert hashlib.sha256((VENDOR / rel).read_bytes()).hexdigest() == sha, rel


def test_every_package_folder_has_a_licence() -> None:
    for folder in VENDOR.iterdir():
        if folder.is_dir():
            assert (folder / "LICENSE").is_file(), folder.name
    assert (ROOT / "tests" / "browser" / "vendor" / "axe-core@4.14.1" / "LICENSE").is_file()


def test_vega_lite_matches_altair_schema() -> None:
    assert VEGA_FILES["vega-lite"].startswith(f"vega-lite@{alt.SCHEMA_VERSION.lstrip('v')}/")
    assert VEGA_FILES["vega"].startswith(f"vega@{alt.VEGA_VERSION}.")
    assert VEGA_FILES["vega-embed"].startswith(f"vega-embed@{alt.VEGAEMBED_VERSION}.")
    for rel in VEGA_FILES.values():
        assert (VENDOR / f"{rel}.js").is_file(), rel


def test_config_points_at_vendored_files_only() -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
    assert "assets/vendor" in config["html_static_path"]
    assert (VENDOR / config["mathjax_path"]).is_file()
    static = ROOT / "src" / "coursebook" / "static"
    for script in config["nb_ipywidgets_js"]:
        assert "://" not in script
        assert (VENDOR / script).is_file() or (static / script).is_file(), script
    widget_js = (static / "coursebook-widgets.js").read_text()
    manager = next(s for s in config["nb_ipywidgets_js"] if "html-manager" in s).split("/")[0]
    assert manager in widget_js


def test_nothing_vendored_under_a_static_folder() -> None:
    assert not (ROOT / "_static").exists()
    assert not list((ROOT / "assets").rglob("_static"))
