"""Notice and appeal-decision letters as PDF, from our own HTML templates, in the letter's language."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from patroncare.rulebook.models import Outcome
from patroncare.rulebook.selectors import appeal_settings_for

from .state import appeal_deadline, disclosure_deadline, hearing_deadline, is_appealable_kind


def period_words(number: int, unit: str) -> str:
    """ "10 working days" or "10 calendar days", in the active language."""
    if unit == "working_days":
        return ngettext("%(n)s working day", "%(n)s working days", number) % {"n": number}
    return ngettext("%(n)s calendar day", "%(n)s calendar days", number) % {"n": number}


def _amend_reasons() -> dict:
    return {
        "appeal_shortened": _("The decision on your appeal shortened the exclusion."),
        "appeal_rescinded": _("The decision on your appeal rescinded the exclusion."),
        "lift_granted": _("Your request to lift the exclusion was granted."),
        "review_completed": _("The review of the exclusion set its outcome."),
    }


def greeting(exclusion) -> str:
    """The letter's salutation: by name when a name is known, else a neutral one; never by card number."""
    if exclusion.guardian_name:
        return _("Dear %(name)s,") % {"name": exclusion.guardian_name}
    if exclusion.person.name:
        return _("Dear %(name)s,") % {"name": exclusion.person.name}
    return _("Dear patron,")


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def exclusion_notice_html(
    exclusion, *, language: str, amends=None, amend_reason: str = "", letter_date=None
) -> str:
    """The notice; given `amends` (the letter it replaces), an amended notice dated `letter_date`."""
    settings = appeal_settings_for(exclusion.system)
    with translation.override(language):
        decided = [appeal for appeal in exclusion.appeals.all() if appeal.decision]
        context = {
            "exclusion": exclusion,
            "greeting": greeting(exclusion),
            "letter_date": letter_date or exclusion.issued_at,
            "amends": amends,
            "amend_reason": _amend_reasons().get(amend_reason, ""),
            "decided_appeal": decided[-1] if decided else None,
            "permanent": exclusion.outcome == Outcome.PERMANENT and exclusion.end_date is None,
            "decider": settings.get_decider_display(),
            "system": exclusion.system,
            "settings": settings,
            "rules": [(rule.code, *rule.wording(language)) for rule in exclusion.rules.all()],
            "incidents": list(exclusion.incidents.all()),
            "appealable": is_appealable_kind(exclusion, settings),
            "deadline": appeal_deadline(exclusion, settings),
            "decision_time": period_words(settings.decision_days, settings.decision_unit),
            "hearing_time": period_words(settings.hearing_days or 0, settings.hearing_unit),
            "disclosure_time": period_words(settings.disclosure_days or 0, settings.disclosure_unit),
            "language": language,
            "zone": exclusion.system.time_zone,
        }
        return render_to_string("conduct/letters/exclusion_notice.html", context)


def exclusion_notice_pdf(exclusion, *, language: str, **amendment) -> bytes:
    return _pdf(exclusion_notice_html(exclusion, language=language, **amendment))


def appeal_decision_html(appeal, *, language: str) -> str:
    with translation.override(language):
        context = {
            "appeal": appeal,
            "hearing": getattr(appeal, "hearing", None),
            "greeting": greeting(appeal.exclusion),
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
            "greeting": greeting(exclusion),
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


def hearing_invitation_html(hearing, *, language: str, letter_date) -> str:
    appeal = hearing.appeal
    exclusion = appeal.exclusion
    settings = appeal_settings_for(exclusion.system)
    with translation.override(language):
        context = {
            "hearing": hearing,
            "appeal": appeal,
            "panel": hearing.panel(),
            "greeting": greeting(exclusion),
            "exclusion": exclusion,
            "system": exclusion.system,
            "letter_date": letter_date,
            "disclose_by": disclosure_deadline(hearing, settings) if settings.hearing_required else None,
            "late": hearing.late_reason and hearing_deadline(appeal, settings) is not None,
            "language": language,
            "zone": exclusion.system.time_zone,
        }
        return render_to_string("conduct/letters/hearing_invitation.html", context)


def hearing_invitation_pdf(hearing, *, language: str, letter_date) -> bytes:
    return _pdf(hearing_invitation_html(hearing, language=language, letter_date=letter_date))
