"""Charts drawn on the server: SVG a strict CSP accepts, hidden from screen readers, the data as a table."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from patroncare.core.charts import PALETTE, Chart, bar_chart, heat_map, line_chart
from patroncare.core.tests.test_headers import EVENT_HANDLER, INLINE_SCRIPT, INLINE_STYLE

pytestmark = pytest.mark.django_db(databases=[])


def quarter_bars(**overrides):
    arguments = {
        "title": "Complaints by category",
        "summary": "Complaints about wrong information rose from 4 to 11 this quarter.",
        "categories": ["Wrong information", "Rude or dismissive", "Wrong charge"],
        "series": {"This quarter": [11, 3, None], "Last quarter": [4, 5, 2]},
        "value_label": "Complaints",
    }
    arguments.update(overrides)
    return bar_chart(**arguments)


def drawn_texts(svg):
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def value_labels(svg):
    """The numbers written on the marks themselves (not the axis ticks)."""
    group = re.search(r'<g class="mark-text role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.DOTALL)
    return drawn_texts(group.group(1)) if group else []


def test_a_bar_chart_is_an_svg_hidden_from_screen_readers_with_no_inline_code():
    chart = quarter_bars()

    assert chart.svg.startswith("<svg")
    opening = chart.svg.split(">", 1)[0]
    assert 'aria-hidden="true"' in opening
    assert opening.count("class=") == 1
    for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
        assert pattern.search(chart.svg) is None
    assert "http" not in chart.svg.replace("http://www.w3.org/", "")


def test_a_bar_chart_draws_each_category_and_value_and_keeps_the_data_as_a_table():
    chart = quarter_bars()

    texts = drawn_texts(chart.svg)
    names = {"Wrong information", "Rude or dismissive", "Wrong charge", "This quarter", "Last quarter"}
    assert names <= set(texts)
    # Each bar carries its value as text; the missing (None) value is not drawn.
    assert sorted(value_labels(chart.svg)) == ["11", "2", "3", "4", "5"]
    assert chart.table_headers == ["", "This quarter", "Last quarter"]
    assert chart.table_rows == [
        ["Wrong information", 11, 4],
        ["Rude or dismissive", 3, 5],
        ["Wrong charge", None, 2],
    ]


def test_series_are_drawn_in_the_colour_blind_safe_palette_in_order():
    svg = quarter_bars().svg

    assert f'fill="{PALETTE[0]}"' in svg
    assert f'fill="{PALETTE[1]}"' in svg


def test_text_from_the_library_is_escaped_in_the_picture():
    chart = quarter_bars(categories=["<script>alert(1)</script>", "b", "c"])

    assert "<script>" not in chart.svg
    assert "&lt;script&gt;" in chart.svg


def test_series_of_the_wrong_length_are_refused():
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        quarter_bars(series={"This quarter": [1, 2]})


def test_a_line_chart_tells_series_apart_by_dash_as_well_as_colour():
    chart = line_chart(
        title="Complaints per month",
        summary="Complaints fell from 9 in January to 5 in March.",
        periods=["2026-01", "2026-02", "2026-03"],
        series={"Complaints": [9, 7, 5], "Same months last year": [6, None, 8]},
        value_label="Complaints",
    )

    assert "2026-02" in drawn_texts(chart.svg)
    assert "stroke-dasharray" in chart.svg
    assert f'stroke="{PALETTE[0]}"' in chart.svg and f'stroke="{PALETTE[1]}"' in chart.svg
    assert chart.table_rows[1] == ["2026-02", 7, None]


def test_a_heat_map_writes_the_count_in_every_non_empty_cell():
    chart = heat_map(
        title="Incidents by weekday and hour",
        summary="Most incidents happen on Tuesday afternoons.",
        rows=["Monday", "Tuesday"],
        columns=["14", "15", "16"],
        values=[[0, 2, 0], [7, 13, 1]],
        value_label="Incidents",
    )

    assert sorted(value_labels(chart.svg), key=int) == ["1", "2", "7", "13"]
    assert chart.table_headers == ["", "14", "15", "16"]
    assert chart.table_rows == [["Monday", 0, 2, 0], ["Tuesday", 7, 13, 1]]


def test_a_heat_map_with_a_ragged_grid_is_refused():
    with pytest.raises(ValueError):
        heat_map(title="t", summary="s", rows=["a", "b"], columns=["1"], values=[[1]], value_label="n")


def test_numbers_follow_the_readers_language():
    series = {"Complaints": [12500, 3]}
    with translation.override("es"):
        spanish = bar_chart(title="t", summary="s", categories=["a", "b"], series=series, value_label="n")
    with translation.override("en"):
        english = bar_chart(title="t", summary="s", categories=["a", "b"], series=series, value_label="n")

    assert "12.500" in drawn_texts(spanish.svg)
    assert "12,500" in drawn_texts(english.svg)


def test_the_chart_template_gives_the_title_summary_picture_and_a_labelled_data_table():
    chart = quarter_bars()

    with translation.override("en"):
        html = render_to_string("core/chart.html", {"chart": chart})

    assert f'<figure class="chart" aria-labelledby="{chart.dom_id}-title">' in html
    assert f'id="{chart.dom_id}-title">Complaints by category</h3>' in html
    assert "rose from 4 to 11 this quarter." in html
    assert "<summary>Show the data table</summary>" in html
    assert '<th scope="col">This quarter</th>' in html
    assert (
        '<th scope="row">Wrong charge</th><td data-label="This quarter">—</td>'
        '<td data-label="Last quarter">2</td>'
    ) in html
    for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
        assert pattern.search(html) is None


def test_the_chart_template_reads_in_spanish():
    chart = Chart(title="Quejas", summary="Ninguna queja.", svg="<svg></svg>", table_headers=["", "Quejas"])

    with translation.override("es"):
        html = render_to_string("core/chart.html", {"chart": chart})

    assert "Mostrar la tabla de datos" in html
    assert "No hay datos para este período." in html


def test_two_charts_with_the_same_title_get_different_ids():
    first = Chart(title="Complaints", summary="One", svg="")
    second = Chart(title="Complaints", summary="Two", svg="")

    assert first.dom_id != second.dom_id
    assert first.dom_id.startswith("chart-complaints-")
