"""charts.render: the offline altair renderer is deterministic under the nbval sanitizers and
never names a CDN."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt
from nbval.plugin import get_sanitize_patterns

from charts import render

CFG = Path(__file__).resolve().parents[1] / "nbval_sanitize.cfg"


def chart(height: int = 1) -> alt.Chart:
    data = alt.Data(values=[{"x": "a", "y": height}])
    return (
        alt.Chart(data, title="T")
        .mark_bar()
        .encode(x="x:N", y="y:Q")
        .properties(description="A bar.")
    )


def sanitize(text: str) -> str:
    for regex, replace in get_sanitize_patterns(CFG.read_text()):
        text = re.sub(regex, replace, text)
    return text


def test_enable_registers_the_renderer() -> None:
    render.enable()
    try:
        assert alt.renderers.active == render.RENDERER_NAME
        bundle = chart()._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        html = bundle["text/html"]
        assert render.LOADER_MARK in html and "jsdelivr" not in html
        assert bundle["text/plain"] == "<bonemets chart: T>"
    finally:
        alt.renderers.enable("default")


def test_output_is_stable_after_sanitizing_and_data_still_compared() -> None:
    a = render.chart_html(chart(1).to_dict())
    b = render.chart_html(chart(1).to_dict())
    c = render.chart_html(chart(2).to_dict())
    assert a != b  # the id counter differs...
    assert sanitize(a) == sanitize(b)  # ...and is sanitized away
    assert sanitize(a) != sanitize(c)  # but a changed value is still a difference
    assert "<script>LOADER</script>" in sanitize(a)


def test_caption_and_escaping() -> None:
    html = render.chart_html({"title": "A <b>", "description": "x </script> y", "mark": "point"})
    assert '<span class="bm-chart-title">A &lt;b&gt;</span>' in html
    assert "x <\\/script> y" in html  # cannot close the JSON script early
    assert html.count("</script>") == 2


def test_loader_finds_vendored_files_in_site_and_jupyter() -> None:
    html = render.chart_html({"mark": "point"}, element_id="x")
    assert 'getAttribute("data-content_root")' in html and '"_static/"' in html
    assert "files/assets/vendor/" in html and "jupyter-config-data" in html
    assert "requirejs" in html
