"""First-load weight of the built site's pages in headless chromium on localhost (figures only).

    .venv/bin/python benchmarks/page_weight.py [SITE] [--details]     (default: _build/html)

For a chapter (07), the heaviest calculator page (every page that holds a calculator is measured),
a case page before live mode and the self-assessment page it prints the bytes a first visit transfers (cold cache: a new browser context per page; every request
outside the site refused by chromium itself; the page loaded, then left until the network is idle,
so scripts, fonts and charts that load later count), beside the targets of issue 13, then the size
of the whole built site. ``gzipped`` is what the same requests would transfer from a host that
compresses (python's http.server, which ``./course serve`` uses, does not); the targets are
compared with the uncompressed figure. ``--details`` lists every request, largest first.
Nothing fails here: tests/browser/test_phone.py asserts the targets the site meets.
"""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from chromium import CHROMIUM_ARGS, executable  # noqa: E402  (shared with the browser tests)
from local_server import serve_folder  # noqa: E402
from pages import WEIGHT_PAGES, WEIGHT_TARGETS, first_load  # noqa: E402

from coursebook.calculators import JS as CALCULATOR_JS  # noqa: E402

#: The whole built site, live runtime included (issue 13).
SITE_TARGET_MB = 80.0


def _kb(n: float) -> str:
    return f"{n / 1000:,.0f} kB"


def gzip_bytes(site: Path, base: str, requests: list[tuple[str, int]]) -> int:
    """What the same requests would transfer from a server that gzips (as GitHub Pages and most
    static hosts do): each file of the site gzipped (level 6), plus the same header bytes."""
    total = 0
    for url, size in requests:
        path = site / unquote(urlsplit(url).path).lstrip("/")
        if not url.startswith(base) or not path.is_file():
            total += size
            continue
        body = path.read_bytes()
        total += len(gzip.compress(body, 6)) + max(0, size - len(body))
    return total


def site_megabytes(site: Path) -> float:
    """Every file of the built site (MB, 10^6 bytes)."""
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6


def calculator_pages(site: Path) -> list[str]:
    """Every page of the site that holds a calculator (it loads the calculators' script)."""
    return [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*.html"))
        if p.relative_to(site).parts[0] not in {"_static", "_sources", "lite"}
        and CALCULATOR_JS in p.read_text(encoding="utf-8", errors="replace")
    ]


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    details = "--details" in argv
    site = Path(args[0]) if args else ROOT / "_build" / "html"
    missing = [p for p in WEIGHT_PAGES.values() if not (site / p).is_file()]
    if missing:
        print(f"pages missing in {site}: {missing}; build the book first (jupyter-book build .)")
        return 1
    from playwright.sync_api import sync_playwright

    server, base = serve_folder(site)
    print(f"{'page':<28}{'first load':>11}{'gzipped':>10}{'requests':>10}{'target':>10}  met")
    calculators = calculator_pages(site)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
        for label, path in WEIGHT_PAGES.items():
            load = first_load(browser, base + path)
            shown = label
            if label == "calculator page" and calculators:
                # the target is for every calculator page: the heaviest is shown
                loads = {
                    c: load if c == path else first_load(browser, base + c) for c in calculators
                }
                path = max(loads, key=lambda c: loads[c]["bytes"])
                load = loads[path]
                shown = f"calculator (heaviest of {len(loads)})"
            target = WEIGHT_TARGETS.get(label)
            met = "-" if target is None else ("yes" if load["bytes"] <= target else "NO")
            print(
                f"{shown:<28}{_kb(load['bytes']):>11}"
                f"{_kb(gzip_bytes(site, base, load['requests'])):>10}{len(load['requests']):>10}"
                f"{_kb(target) if target else '-':>10}  {met:<4} {path}"
            )
            if details:
                for url, size in sorted(load["requests"], key=lambda r: -r[1]):
                    print(f"    {_kb(size):>10}  {url.removeprefix(base)}")
        browser.close()
    server.shutdown()
    mb = site_megabytes(site)
    met = "yes" if mb <= SITE_TARGET_MB else "NO"
    print(f"{'whole built site':<28}{mb:>8.1f} MB{'':>20}{SITE_TARGET_MB:>7.0f} MB  {met}")
    print(
        f"measured {time.strftime('%Y-%m-%d %H:%M')}, headless chromium, localhost, cold cache "
        "(python http.server: no compression; 'gzipped': the same files gzipped, as most hosts "
        "serve them); targets compare 'first load'"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
