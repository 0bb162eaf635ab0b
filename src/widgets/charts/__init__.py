"""Altair charts over the engine's data, one module per topic (``scores.py``, ``radiotherapy.py`` ...).

Each chart function takes engine data (never a clinical number of its own) and returns an
``alt.Chart`` with a title and a ``description``. The book embeds them with the ``{chart}``
directive (``{chart} widgets.charts.radiotherapy:fractionation_response``).
"""
