"""Book build and page weight figures (prints, asserts nothing).

    .venv/bin/python benchmarks/book_build.py [--no-browser]

1. Cold build: the book's sources copied to a temporary folder with no ``_build`` (so every
   notebook is executed), ``jupyter-book build -W -n --keep-going``.  Target <= 120 s.
2. One-page rebuild: touch one Markdown chapter, build again.  Target <= 10 s.
3. Bytes per page (Debian chromium through Playwright, served locally): first load with an empty
   cache and a second load of the same page in the same context (cached).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from chromium import CHROMIUM_ARGS, executable  # noqa: E402  (shared with the browser tests)
from local_server import serve_folder  # noqa: E402

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
COPY = ("_config.yml", "_toc.yml", "chapters", "cases", "references", "quizzes", "assets")
TARGET_COLD_S = 120
TARGET_REBUILD_S = 10


def build(book: Path) -> float:
    """Seconds for one ``jupyter-book build`` of ``book`` (the log is shown if it fails)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(book), "-W", "-n", "--keep-going"],
        cwd=book,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        print((proc.stdout + proc.stderr)[-3000:])
        print("  (the build reported problems; timings still shown)")
    return elapsed


def page_bytes(html: Path, pages: list[str]) -> list[tuple[str, int, int, int]]:
    """(page, bytes first load, bytes cached load, requests first load) per page."""
    from playwright.sync_api import sync_playwright

    server, base = serve_folder(html)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable(),
            args=CHROMIUM_ARGS,
        )
        for path in pages:
            context = browser.new_context()
            counts = []
            for _ in range(2):
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                total = {"bytes": 0, "requests": 0}

                def on_finished(ev: dict, total: dict = total) -> None:
                    total["bytes"] += int(ev.get("encodedDataLength", 0))
                    total["requests"] += 1

                cdp.on("Network.loadingFinished", on_finished)
                page.goto(base + path, wait_until="load")
                page.wait_for_timeout(800)  # charts and widgets load after "load"
                counts.append(dict(total))
                page.close()
            rows.append((path, counts[0]["bytes"], counts[1]["bytes"], counts[0]["requests"]))
            context.close()
        browser.close()
    server.shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-browser", action="store_true", help="skip the bytes-per-page part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="book-bench-") as tmp:
        book = Path(tmp)
        for name in COPY:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, book / name)
            elif src.is_file():
                shutil.copy(src, book / name)
        cold = build(book)
        print(f"cold build (all notebooks executed): {cold:6.1f} s  (target <= {TARGET_COLD_S} s)")
        chapter = sorted((book / "chapters").glob("*.md"))[1]
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        rebuild = build(book)
        print(
            f"rebuild after touching {chapter.relative_to(book)}: {rebuild:6.1f} s  "
            f"(target <= {TARGET_REBUILD_S} s)"
        )
        html = book / "_build" / "html"
        if args.no_browser or not Path(executable()).is_file():
            print("bytes per page: skipped (no chromium or --no-browser)")
            return
        pages = sorted(
            p.relative_to(html).as_posix()
            for p in html.rglob("*.html")
            if (
                p.relative_to(html).parts[0] not in {"_static", "_sources"}
                and p.name != "index.html"
            )
            or p.relative_to(html).as_posix().endswith("/index.html")
        )
        rows = page_bytes(html, pages)
        print(f"\n{'page':58} {'first load':>12} {'cached':>10} {'requests':>9}")
        for path, first, cached, requests in rows:
            print(f"{path:58} {first / 1024:9.0f} kB {cached / 1024:7.0f} kB {requests:9d}")
        firsts = [r[1] for r in rows]
        cacheds = [r[2] for r in rows]
        print(
            f"{'median of ' + str(len(rows)) + ' pages':58} "
            f"{sorted(firsts)[len(firsts) // 2] / 1024:9.0f} kB "
            f"{sorted(cacheds)[len(cacheds) // 2] / 1024:7.0f} kB"
        )


if __name__ == "__main__":
    main()
