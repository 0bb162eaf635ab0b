"""pybtex's plugin look-up, made once per plugin instead of once per citation.

sphinxcontrib-bibtex asks pybtex for its style, formatter and label plugins on every ``{footcite}``
(``pybtex.plugin.find_plugin``), and pybtex answers by reading the entry points of every installed
distribution (``importlib.metadata.entry_points``) each time: 1,082 look-ups in one build of the
book, about a fifth of its CPU. The installed distributions do not change during a build, so
:func:`setup` memoises that read (by group and name); pybtex's runtime-registered plugins
(``register_plugin``) are still looked up first, by pybtex itself, on every call.

It also formats each reference once per way of formatting it: sphinxcontrib-bibtex formats an
entry for every ``{footcite}`` of it (658 formattings of about 200 entries in one build of the
book), and a formatting is a pure function of the style (its class, name style and name
abbreviation), the label, the entry and the bibliography data. :func:`setup` keeps each result by
those (the entry and data objects themselves are kept with it, so their ids cannot be reused) and
returns the same formatted entry, which its callers only read (``text.render``).
"""

from __future__ import annotations

import functools
from typing import Any

import pybtex.plugin
from pybtex.style.formatting import BaseStyle

__all__ = ["setup"]


def _memoise_format_entry() -> None:
    """Keep each ``BaseStyle.format_entry`` result (see the module's text); once per process."""
    original = BaseStyle.format_entry
    if getattr(original, "_bm_memoised", False):
        return
    done: dict[tuple[Any, ...], tuple[Any, Any, Any]] = {}

    def format_entry(self: Any, label: Any, entry: Any, bib_data: Any = None) -> Any:
        key = (
            type(self),
            type(getattr(self, "name_style", None)),
            getattr(self, "abbreviate_names", None),
            label,
            id(entry),
            id(bib_data),
        )
        found = done.get(key)
        if found is not None and found[0] is entry and found[1] is bib_data:
            return found[2]
        formatted = original(self, label, entry, bib_data=bib_data)
        done[key] = (entry, bib_data, formatted)
        return formatted

    format_entry._bm_memoised = True  # type: ignore[attr-defined]
    format_entry._bm_original = original  # type: ignore[attr-defined]
    BaseStyle.format_entry = format_entry  # type: ignore[method-assign]


def setup() -> None:
    """Replace ``pybtex.plugin.entry_points`` with a memoised copy and keep each formatted entry
    (once per process)."""
    _memoise_format_entry()
    current = pybtex.plugin.entry_points
    if getattr(current, "_bm_memoised", False):
        return

    @functools.cache
    def _found(group: str | None, name: str | None) -> tuple[Any, ...]:
        return tuple(current(group=group, name=name))

    def entry_points(*, group: str | None = None, name: str | None = None) -> tuple[Any, ...]:
        return _found(group, name)

    entry_points._bm_memoised = True  # type: ignore[attr-defined]
    pybtex.plugin.entry_points = entry_points
