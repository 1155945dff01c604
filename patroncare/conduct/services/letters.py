"""Letters as sent: each PDF is stored the first time it is issued and never rewritten.

Reprinting a letter gives the same bytes. When an exclusion's dates change (an appeal shortens or rescinds
it, a request to lift is granted, a review sets its end), the notice already sent stays as it was and an
amended notice, referring to it and with its own date, is issued alongside.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from patroncare.conduct import events

from .. import letters as render
from ..models import Exclusion, Letter, LetterKind
from ..selectors import issued_letter

NOTICE_KINDS = (LetterKind.NOTICE, LetterKind.AMENDED_NOTICE)

# Why an amended notice was issued: the record's sentence; the letter prints its own translated wording.
AMEND_REASONS = {
    "appeal_shortened": "The appeal decision shortened the exclusion.",
    "appeal_rescinded": "The appeal decision rescinded the exclusion.",
    "lift_granted": "A request to lift the exclusion was granted.",
    "review_completed": "The review set the outcome of the exclusion.",
}


def _store(
    *,
    actor,
    exclusion,
    kind,
    language,
    pdf: bytes,
    appeal=None,
    lift_request=None,
    supersedes=None,
    reason="",
) -> Letter:
    letter = Letter(
        exclusion=exclusion,
        kind=kind,
        language=language,
        appeal=appeal,
        lift_request=lift_request,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        issued_by=actor,
        issued_at=timezone.now(),
        supersedes=supersedes,
        reason=reason,
    )
    letter.file.save(f"{kind}.pdf", ContentFile(pdf), save=False)
    letter.save()
    events.letter_issued(actor=actor, exclusion=exclusion, letter=letter, supersedes=supersedes)
    return letter


@transaction.atomic
def letter_issued(
    *, actor, exclusion: Exclusion, kind: str, language: str, appeal=None, lift_request=None
) -> Letter:
    """The stored letter; made and stored now if this is the first time it is asked for."""
    # Locked so two people printing at once store one letter, not two.
    Exclusion.objects.select_for_update().filter(pk=exclusion.pk).first()
    existing = issued_letter(
        exclusion=exclusion, kind=kind, language=language, appeal=appeal, lift_request=lift_request
    )
    if existing is not None:
        return existing
    if kind == LetterKind.HEARING_INVITATION:
        return _hearing_invitation(actor=actor, exclusion=exclusion, language=language, appeal=appeal)
    if kind == LetterKind.NOTICE:
        pdf = render.exclusion_notice_pdf(exclusion, language=language)
    elif kind == LetterKind.APPEAL_DECISION:
        pdf = render.appeal_decision_pdf(appeal, language=language)
    elif kind == LetterKind.LIFT_DECISION:
        pdf = render.lift_decision_pdf(lift_request, language=language)
    else:
        raise ValueError(f"letters of kind {kind} are issued by notice_amend")
    return _store(
        actor=actor,
        exclusion=exclusion,
        kind=kind,
        language=language,
        pdf=pdf,
        appeal=appeal,
        lift_request=lift_request,
    )


@transaction.atomic
def notice_amend(*, actor, exclusion: Exclusion, reason: str) -> list[Letter]:
    """After a change of dates: an amended notice in each language a notice was already issued in.

    The notice already sent is never touched. Nothing is issued if no notice was ever printed: the first one
    printed will carry the dates as they are then.
    """
    amended = []
    for language in sorted(
        set(
            Letter.objects.filter(exclusion=exclusion, kind__in=NOTICE_KINDS).values_list(
                "language", flat=True
            )
        )
    ):
        latest = (
            Letter.objects.filter(exclusion=exclusion, kind__in=NOTICE_KINDS, language=language)
            .order_by("-issued_at", "-id")
            .first()
        )
        issued_at = timezone.now()
        pdf = render.exclusion_notice_pdf(
            exclusion, language=language, amends=latest, amend_reason=reason, letter_date=issued_at
        )
        amended.append(
            _store(
                actor=actor,
                exclusion=exclusion,
                kind=LetterKind.AMENDED_NOTICE,
                language=language,
                pdf=pdf,
                supersedes=latest,
                reason=AMEND_REASONS[reason],
            )
        )
    return amended


def _hearing_invitation(*, actor, exclusion, language, appeal) -> Letter:
    """The invitation for the hearing as now scheduled; a hearing moved since gives a new one, referring to
    the invitation it replaces (that one stays as it was sent)."""
    hearing = appeal.hearing
    invitations = Letter.objects.filter(
        exclusion=exclusion, kind=LetterKind.HEARING_INVITATION, language=language, appeal=appeal
    ).order_by("-issued_at", "-id")
    latest = invitations.first()
    issued_at = timezone.now()
    pdf = render.hearing_invitation_pdf(hearing, language=language, letter_date=issued_at)
    return _store(
        actor=actor,
        exclusion=exclusion,
        kind=LetterKind.HEARING_INVITATION,
        language=language,
        pdf=pdf,
        appeal=appeal,
        supersedes=latest,
        reason="The hearing was moved." if latest else "",
    )
