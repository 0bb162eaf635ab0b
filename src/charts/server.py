"""A Jupyter server extension: the charts of a live notebook find the course's vendored vega, in
whatever folder JupyterLab (or Notebook) was started.

The offline renderer (:mod:`charts.render`) loads vega, vega-lite and vega-embed from
``<baseUrl>bonemets/vendor/...`` in a live server. This extension serves that path from the
repository's ``assets/vendor`` folder, found from the server's root folder upwards (``cd cases &&
jupyter lab``, ``jupyter lab cases/``, Binder's home folder) or beside the installed package (an
editable install). It is enabled for every server of the environment by
``etc/jupyter/jupyter_server_config.d/charts.json`` (``jupyter-config/`` here),
which ``pip install`` puts in the environment
(``pyproject.toml``, ``[tool.setuptools.data-files]``); by hand::

    jupyter server extension enable --sys-prefix charts.server

Files are served to logged-in users only (the server's own authenticated file handler, as for
``/files/``); nothing else of the repository is reachable through this path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .render import SERVER_PATH, VEGA_FILES

__all__ = ["find_vendor", "handlers"]


def _has_vega(folder: Path) -> bool:
    return all((folder / f"{rel}.js").is_file() for rel in VEGA_FILES.values())


def find_vendor(start: str | Path | None = None) -> Path | None:
    """The ``assets/vendor`` folder holding the vendored vega: in ``start`` or a folder above it,
    else in the repository this package is installed from (``None`` if neither has it)."""
    places: list[Path] = []
    if start is not None:
        here = Path(start).expanduser().resolve()
        places += [here, *here.parents]
    places += list(Path(__file__).resolve().parents)
    for place in places:
        folder = place / "assets" / "vendor"
        if _has_vega(folder):
            return folder
    return None


def handlers(base_url: str, folder: Path) -> list[tuple[str, Any, dict[str, str]]]:
    """The tornado route serving ``folder`` at ``<base_url>bonemets/vendor/``."""
    from jupyter_server.base.handlers import AuthenticatedFileHandler
    from jupyter_server.utils import url_path_join

    pattern = url_path_join(base_url, SERVER_PATH, "(.*)")
    return [(pattern, AuthenticatedFileHandler, {"path": str(folder)})]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "charts.server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    folder = find_vendor(serverapp.root_dir)
    if folder is None:
        serverapp.log.warning(
            "charts.server: no assets/vendor folder with vega above %s; charts in notebooks "
            "will not be drawn",
            serverapp.root_dir,
        )
        return
    web_app = serverapp.web_app
    web_app.add_handlers(".*$", handlers(web_app.settings["base_url"], folder))
    serverapp.log.info("charts.server: serving %s at %s", folder, SERVER_PATH)
