"""Altair charts of the course, one module per topic (``scores.py``, ``radiotherapy.py`` ...).

Altair only: nothing here imports ipywidgets or Jupyter, so the book build (the ``{chart}``
directive of :mod:`coursebook.charts`) loads no widget code.

* :mod:`charts.kit`: shared building blocks (trial bars, range bars);
* :mod:`charts.palette`: band colours, shared with the widgets' badges;
* :mod:`charts.render`: the offline altair renderer (vega from the course's vendored copy);
* one module per topic: each chart function takes engine data (never a clinical number of its
  own) and returns an ``alt.Chart`` with a title and a ``description``.

The book embeds them with the ``{chart}`` directive::

    ```{chart} charts.radiotherapy:fractionation_response
    ```

    ```{chart} charts.scores:band_scale mirels
    ```
"""
