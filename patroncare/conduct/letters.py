"""Notice and appeal-decision letters as PDF, from our own HTML templates, in the letter's language.

A letter in Spanish prints every text of the library's own in Spanish: the templates' sentences through
gettext, dates through Django's localisation, and the texts an administrator writes (rules, how to appeal)
from their Spanish fields. Where a Spanish field is empty the English text is printed instead, marked
`lang="en"` so a screen reader reads it as English. What staff typed for the case (what happened, conditions
for return, the reason for a decision) is printed in Spanish when they wrote it in Spanish, else as typed.
"""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Passage:
    """A text to print, and `lang` ("en") when it is not in the letter's language."""

    text: str
    lang: str = ""


def in_letter_language(language: str, english: str, spanish: str) -> Passage:
    """The Spanish text for a Spanish letter, else the English one (marked as English in a Spanish letter)."""
    if language != "es":
        return Passage(english)
    english, spanish = english or "", spanish or ""
    if spanish.strip():
        return Passage(spanish)
    return Passage(english, lang="en" if english.strip() else "")


def typed_for_letter(language: str, typed: str, typed_es: str) -> str:
    """What staff typed for the case: their Spanish text in a Spanish letter, else what they typed."""
    return typed_es.strip() if language == "es" and typed_es.strip() else typed


def _rule_wording(rule, language: str) -> tuple[str, str, str, str]:
    """(code, title, text, lang): a rule as the letter cites it, both in Spanish or both in English."""
    title, text = rule.wording(language)
    fell_back = language == "es" and not (rule.title_es and rule.text_es)  # as `Rule.wording` decides
    return rule.code, title, text, "en" if fell_back else ""


def _sentence(text: str) -> str:
    """A typed summary as a sentence of the letter: with a full stop unless it already ends with one."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def _what_happened(exclusion, language: str) -> tuple[list, str]:
    """[(incident, its summary)], and the Spanish account when it tells of several incidents at once."""
    incidents = list(exclusion.incidents.all())
    account = exclusion.summary_es.strip() if language == "es" else ""
    if not account:
        return [(incident, _sentence(incident.summary)) for incident in incidents], ""
    if len(incidents) == 1:
        return [(incidents[0], _sentence(account))], ""
    return [(incident, "") for incident in incidents], account


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
        incidents, account = _what_happened(exclusion, language)
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
            "rules": [_rule_wording(rule, language) for rule in exclusion.rules.all()],
            "incidents": incidents,
            "account": account,
            "conditions": typed_for_letter(language, exclusion.conditions, exclusion.conditions_es),
            "how_to_appeal": in_letter_language(
                language, settings.how_to_appeal_en, settings.how_to_appeal_es
            ),
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
            "reason": typed_for_letter(language, appeal.decision_reason, appeal.decision_reason_es),
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
            "rules": [_rule_wording(rule, language) for rule in exclusion.rules.all()],
            "reason": typed_for_letter(
                language, lift_request.decision_reason, lift_request.decision_reason_es
            ),
            "return_conditions": typed_for_letter(
                language, lift_request.return_conditions, lift_request.return_conditions_es
            ),
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
