"""The board report as a PDF (WeasyPrint), in English or Spanish, from the figures frozen in the report."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .snapshot import frozen


def board_report_html(report, *, language: str) -> str:
    with translation.override(language):
        figures = frozen(report.figures, language)
        return render_to_string(
            "reports/board_report_pdf.html",
            {
                "report": report,
                "figures": figures,
                "highlights": getattr(report, f"highlights_{language}") or report.highlights_en,
                "changes": getattr(report, f"changes_{language}") or report.changes_en,
                "language": language,
                "made_at": timezone.localtime(timezone.now()),
            },
        )


def board_report_pdf(report, *, language: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=board_report_html(report, language=language)).write_pdf()
