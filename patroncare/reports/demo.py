"""Riverbend's board reports: last year's, approved and published on the notices page, and this quarter's
draft. The narrative is the director's, in English and Spanish; the figures come from the demo's records."""

from .models import BoardReport, ReportPeriod
from .services import board_report_approve, board_report_create, board_report_publish, board_report_update

ANNUAL = {
    "highlights_en": (
        "Patrons told us most often about wrong information at the desk, above all about opening hours and "
        "holds. We answered nine complaints in ten within ten working days."
    ),
    "highlights_es": (
        "Lo que más nos señalaron los usuarios fue información equivocada en el mostrador, "
        "sobre todo sobre el horario y las reservas. "
        "Respondimos nueve de cada diez quejas en diez días hábiles."
    ),
    "changes_en": (
        "We print the opening hours of every branch on the receipt, and the holds shelf now has a sign in "
        "English and Spanish. Staff at every branch practised answering a patron charged by mistake."
    ),
    "changes_es": (
        "Imprimimos el horario de cada sucursal en el recibo, y el estante de reservas tiene "
        "ahora un letrero en inglés y en español. El personal de todas las sucursales practicó "
        "cómo atender a un usuario al que se cobró por error."
    ),
    "public_summary_en": (
        "Thank you to everyone who told us what went wrong. Here is what we heard, and what we changed."
    ),
    "public_summary_es": (
        "Gracias a todas las personas que nos contaron lo que salió mal. Esto es lo que escuchamos y lo que "
        "cambiamos."
    ),
}
QUARTER = {
    "highlights_en": "Wait times at Central fell after the second desk opened on Saturdays.",
    "highlights_es": "Los tiempos de espera en Central bajaron tras abrir un segundo mostrador los sábados.",
}


def load(context) -> None:
    director = context.staff.get("director")
    if director is None:
        return
    system = context.system
    last_year = context.today.year - 1
    annual = BoardReport.objects.filter(system=system, period_kind=ReportPeriod.YEAR, year=last_year).first()
    if annual is None:
        annual = board_report_create(actor=director, period_kind=ReportPeriod.YEAR, year=last_year)
        annual = board_report_update(actor=director, report=annual, expected_version=annual.version, **ANNUAL)
        annual = board_report_approve(actor=director, report=annual, expected_version=annual.version)
        board_report_publish(actor=director, report=annual)
    quarter = (context.today.month - 1) // 3 + 1
    if not BoardReport.objects.filter(
        system=system, period_kind=ReportPeriod.QUARTER, year=context.today.year, quarter=quarter
    ).exists():
        draft = board_report_create(
            actor=director, period_kind=ReportPeriod.QUARTER, year=context.today.year, quarter=quarter
        )
        board_report_update(actor=director, report=draft, expected_version=draft.version, **QUARTER)
