"""Charts everyone can read, drawn on the server as SVG from Vega-Lite specifications.

The same SVG goes into a page and into a PDF (WeasyPrint draws inline SVG), so a board report shows exactly
what the dashboard showed. vl-convert-python carries Vega-Lite and its renderer inside the package: nothing is
fetched from a CDN and nothing runs in the reader's browser, which keeps the strict Content-Security-Policy
(the SVG it writes has no `style=` attribute and no script).

Every chart comes with its data as a table (`table_headers`, `table_rows`): `core/chart.html` hides the
picture from screen readers and gives them the table instead, and shows the table to anyone who asks for it.
Colours are the Okabe-Ito palette, which people with the common forms of colour blindness tell apart; series
also differ by dash and point shape (lines) or carry their value as text (bars, heat map cells), so no figure
is read by colour alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

# Okabe & Ito (2008); the darker colours first, so that charts with few series keep 3:1 against white.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ([1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 2], [3, 6])
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "triangle-right", "wedge")
INK = "#1b1f24"
MUTED = "#4a5360"
FONT = "DejaVu Sans, Verdana, sans-serif"

# d3-format locales known to vl-convert, by the interface language.
FORMAT_LOCALES = {"en": "en-US", "es": "es-ES"}

Number = int | float


@dataclass(frozen=True)
class Chart:
    """A drawn chart and the data behind it.

    `svg` is safe markup; `summary` says in a sentence what the chart shows.
    """

    title: str
    summary: str
    svg: str
    table_headers: list[str] = field(default_factory=list)
    table_rows: list[list] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        """A stable id for the page's anchors: the title, and a short digest so that like titles differ."""
        digest = hashlib.blake2s(f"{self.title}|{self.summary}".encode(), digest_size=3).hexdigest()
        return f"chart-{slugify(self.title)[:40]}-{digest}"

    @property
    def labelled_rows(self) -> list[tuple[object, list[tuple[str, object]]]]:
        """Each row as (its heading, [(column header, cell), ...]): narrow screens label every cell."""
        headers = self.table_headers[1:]
        return [(row[0], list(zip(headers, row[1:], strict=False))) for row in self.table_rows]


def bar_chart(
    *,
    title: str,
    summary: str,
    categories: list[str],
    series: dict[str, list[Number | None]],
    value_label: str,
) -> Chart:
    """Horizontal bars, one group per category and one bar per series (long category names stay readable).

    A value of None is left out of the picture and shown as a dash in the table (a suppressed count, say).
    """
    _check_lengths(series, len(categories), "categories")
    names = list(series)
    values = [
        {"category": category, "series": name, "value": series[name][index]}
        for index, category in enumerate(categories)
        for name in names
        if series[name][index] is not None
    ]
    several = len(names) > 1
    encoding = {
        "y": {
            "field": "category",
            "type": "nominal",
            "sort": categories,
            "title": None,
            "axis": {"labelLimit": 200},
        },
        "x": {"field": "value", "type": "quantitative", "title": value_label, "axis": _count_axis(values)},
    }
    if several:
        encoding["yOffset"] = {"field": "series", "type": "nominal", "sort": names}
    colour = _colour(names)
    spec = {
        "width": 420,
        "height": {"step": 16 if several else 22},
        "data": {"values": values},
        "encoding": encoding,
        "layer": [
            {
                "mark": {"type": "bar", "stroke": INK, "strokeWidth": 0.5},
                "encoding": {"color": colour},
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 3, "fill": INK, "fontSize": 11},
                "encoding": {"text": {"field": "value", "type": "quantitative", "format": ","}},
            },
        ],
    }
    if not several:
        spec["layer"][0]["encoding"]["color"] = {"value": PALETTE[0]}
    if not values:
        spec["height"] = 40
    return Chart(
        title=title,
        summary=summary,
        svg=_render(spec),
        table_headers=["", *names],
        table_rows=[
            [category, *[series[name][index] for name in names]] for index, category in enumerate(categories)
        ],
    )


def line_chart(
    *, title: str, summary: str, periods: list[str], series: dict[str, list[Number | None]], value_label: str
) -> Chart:
    """A trend: one line per series over `periods` (in order), each with its own dash and point shape."""
    _check_lengths(series, len(periods), "periods")
    names = list(series)
    values = [
        {"period": period, "series": name, "value": series[name][index]}
        for index, period in enumerate(periods)
        for name in names
        if series[name][index] is not None
    ]
    spec = {
        "width": 480,
        "height": 240,
        "data": {"values": values},
        "mark": {"type": "line", "point": {"filled": True, "size": 50}, "strokeWidth": 2},
        "encoding": {
            "x": {
                "field": "period",
                "type": "ordinal",
                "sort": periods,
                "title": None,
                "axis": {"labelAngle": -40, "labelLimit": 90},
                "scale": {"domain": periods},
            },
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": value_label,
                "axis": _count_axis(values),
            },
            "color": _colour(names),
            "strokeDash": {
                "field": "series",
                "type": "nominal",
                "scale": {"domain": names, "range": list(DASHES[: len(names)])},
                "legend": None,
            },
            "shape": {
                "field": "series",
                "type": "nominal",
                "scale": {"domain": names, "range": list(SHAPES[: len(names)])},
                "legend": None,
            },
        },
    }
    return Chart(
        title=title,
        summary=summary,
        svg=_render(spec),
        table_headers=["", *names],
        table_rows=[
            [period, *[series[name][index] for name in names]] for index, period in enumerate(periods)
        ],
    )


def heat_map(
    *,
    title: str,
    summary: str,
    rows: list[str],
    columns: list[str],
    values: list[list[int]],
    value_label: str,
) -> Chart:
    """A grid of counts (weekday by hour, say): darker is more, and every non-empty cell shows its number."""
    if len(values) != len(rows) or any(len(row) != len(columns) for row in values):
        raise ValueError("values must have one list per row, each with one value per column")
    cells = [
        {"row": row, "column": column, "value": values[r][c]}
        for r, row in enumerate(rows)
        for c, column in enumerate(columns)
    ]
    highest = max((cell["value"] for cell in cells), default=0)
    spec = {
        "width": {"step": 22},
        "height": {"step": 22},
        "data": {"values": cells},
        "encoding": {
            "x": {
                "field": "column",
                "type": "ordinal",
                "sort": columns,
                "title": None,
                "axis": {"labelAngle": 0, "orient": "top"},
            },
            "y": {"field": "row", "type": "ordinal", "sort": rows, "title": None},
        },
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "#ffffff", "strokeWidth": 1},
                "encoding": {
                    "color": {
                        "field": "value",
                        "type": "quantitative",
                        "title": value_label,
                        # One hue, light to dark: readable with every kind of colour blindness, and in grey.
                        "scale": {"scheme": "blues", "domainMin": 0},
                        "legend": {"orient": "bottom", "direction": "horizontal"},
                    }
                },
            },
            {
                "transform": [{"filter": "datum.value > 0"}],
                "mark": {"type": "text", "fontSize": 9},
                "encoding": {
                    "text": {"field": "value", "type": "quantitative"},
                    "color": {
                        "condition": {"test": f"datum.value > {highest / 2}", "value": "#ffffff"},
                        "value": INK,
                    },
                },
            },
        ],
    }
    return Chart(
        title=title,
        summary=summary,
        svg=_render(spec),
        table_headers=["", *columns],
        table_rows=[[row, *values[r]] for r, row in enumerate(rows)],
    )


def _check_lengths(series: dict[str, list], expected: int, what: str) -> None:
    for name, values in series.items():
        if len(values) != expected:
            raise ValueError(f"series {name!r} has {len(values)} values for {expected} {what}")


def _count_axis(values: list[dict]) -> dict:
    """Whole-number ticks for small counts (no "0.5 complaints"); Vega's own ticks above ten."""
    highest = max((value["value"] for value in values), default=0)
    if highest <= 10 and all(float(value["value"]).is_integer() for value in values):
        return {"values": list(range(0, int(highest) + 1)), "format": "d"}
    return {"tickMinStep": 1}


def _colour(names: list[str]) -> dict:
    return {
        "field": "series",
        "type": "nominal",
        "title": None,
        "sort": names,
        "scale": {"domain": names, "range": [PALETTE[i % len(PALETTE)] for i in range(len(names))]},
        "legend": {"orient": "bottom", "direction": "horizontal", "columns": 2, "labelLimit": 240},
    }


CONFIG = {
    "background": "#ffffff",
    "font": FONT,
    "view": {"stroke": None},
    "axis": {
        "labelColor": INK,
        "titleColor": INK,
        "labelFontSize": 11,
        "titleFontSize": 11,
        "domainColor": MUTED,
        "tickColor": MUTED,
        "gridColor": "#dde2e8",
    },
    "legend": {"labelColor": INK, "titleColor": INK, "labelFontSize": 11, "symbolStrokeWidth": 2},
}

_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")


def _render(spec: dict) -> SafeString:
    # Imported here so that importing this module (every app's views do) does not start Vega's engine.
    import vl_convert

    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "config": CONFIG, **spec}
    language = (translation.get_language() or "en").split("-")[0]
    svg = vl_convert.vegalite_to_svg(json.dumps(spec), format_locale=FORMAT_LOCALES.get(language, "en-US"))
    # The picture is hidden from assistive technology: the data table beside it is what a screen reader reads.
    svg = _SVG_OPEN.sub(
        lambda match: (
            "<svg"
            + re.sub(r'\sclass="[^"]*"', "", match.group(1))
            + ' class="chart__svg" aria-hidden="true" focusable="false">'
        ),
        svg,
        count=1,
    )
    return mark_safe(svg)  # noqa: S308 - written by Vega's renderer, which escapes every text it draws
