"""Notice and appeal-decision letters as PDF, from our own HTML templates, in the letter's language."""

from django.template.loader import render_to_string
from django.utils import translation

from patroncare.rulebook.selectors import appeal_settings_for

from .state import appeal_deadline, is_appealable


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def exclusion_notice_html(exclusion, *, language: str) -> str:
    settings = appeal_settings_for(exclusion.system)
    with translation.override(language):
        context = {
            "exclusion": exclusion,
            "system": exclusion.system,
            "settings": settings,
            "rules": [(rule.code, *rule.wording(language)) for rule in exclusion.rules.all()],
            "incidents": list(exclusion.incidents.all()),
            "appealable": is_appealable(exclusion, settings),
            "deadline": appeal_deadline(exclusion, settings),
            "language": language,
            "zone": exclusion.system.time_zone,
        }
        return render_to_string("conduct/letters/exclusion_notice.html", context)


def exclusion_notice_pdf(exclusion, *, language: str) -> bytes:
    return _pdf(exclusion_notice_html(exclusion, language=language))


def appeal_decision_html(appeal, *, language: str) -> str:
    with translation.override(language):
        context = {
            "appeal": appeal,
            "exclusion": appeal.exclusion,
            "system": appeal.exclusion.system,
            "language": language,
            "zone": appeal.exclusion.system.time_zone,
        }
        return render_to_string("conduct/letters/appeal_decision.html", context)


def appeal_decision_pdf(appeal, *, language: str) -> bytes:
    return _pdf(appeal_decision_html(appeal, language=language))


def lift_decision_html(lift_request, *, language: str) -> str:
    from .services.lifting import next_request_date

    exclusion = lift_request.exclusion
    with translation.override(language):
        context = {
            "lift_request": lift_request,
            "exclusion": exclusion,
            "system": exclusion.system,
            "rules": [(rule.code, rule.wording(language)[0]) for rule in exclusion.rules.all()],
            "next_request": next_request_date(lift_request, appeal_settings_for(exclusion.system)),
            "language": language,
            "zone": exclusion.system.time_zone,
        }
        return render_to_string("conduct/letters/lift_decision.html", context)


def lift_decision_pdf(lift_request, *, language: str) -> bytes:
    return _pdf(lift_decision_html(lift_request, language=language))
