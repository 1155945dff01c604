"""A dashboard frozen as plain data, in English and in Spanish, for the board report and the public page.

The report keeps what it showed when it was approved: the tables as shown (small numbers already protected)
and the charts as drawn, in both languages, so a PDF made a year later in either language is the one approved.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.safestring import mark_safe

from patroncare.core.charts import Chart

LANGUAGES = ("en", "es")


def dashboard_to_data(build) -> dict:
    """`build()` makes a dashboard in the active language; the result holds one copy per language."""
    data = {}
    for language in LANGUAGES:
        with translation.override(language):
            dashboard = build()
            data[language] = {
                "period": dashboard.period.label,
                "previous": dashboard.previous.label,
                "last_year": dashboard.last_year.label,
                "sections": [
                    {
                        "key": section.key,
                        "title": str(section.title),
                        "tables": [
                            {
                                "key": table.key,
                                "title": str(table.title),
                                "headers": [str(header) for header in table.headers],
                                "rows": [
                                    [str(row.label), *[str(cell) for cell in row.cells]] for row in table.rows
                                ],
                                "total": [str(cell) for cell in table.total] if table.total else None,
                            }
                            for table in section.tables
                        ],
                        "charts": [
                            {
                                "title": str(chart.title),
                                "summary": str(chart.summary),
                                "svg": str(chart.svg),
                                "table_headers": [str(header) for header in chart.table_headers],
                                "table_rows": [[str(cell) for cell in row] for row in chart.table_rows],
                            }
                            for chart in section.charts
                        ],
                    }
                    for section in dashboard.sections
                    if not section.pending
                ],
            }
    return data


def frozen(data: dict, language: str) -> dict:
    """The stored copy in `language` (English when the other is missing), charts as Chart objects again."""
    copy = data.get(language) or data.get("en") or {}
    sections = []
    for section in copy.get("sections", []):
        charts = [
            Chart(
                title=chart["title"],
                summary=chart["summary"],
                svg=mark_safe(chart["svg"]),  # noqa: S308 - drawn by patroncare.core.charts and stored by us
                table_headers=chart["table_headers"],
                table_rows=chart["table_rows"],
            )
            for chart in section.get("charts", [])
        ]
        sections.append({**section, "charts": charts})
    return {**copy, "sections": sections}
