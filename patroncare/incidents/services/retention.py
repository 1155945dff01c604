"""Retention: records are kept for a configured time after the incident closes or the exclusion ends.

An incident is closed when marked so, or else counts as closed on the day it happened. An incident linked to
an exclusion is kept until that exclusion has also passed the period. Each run is recorded.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record
from patroncare.core.files import delete_after_commit
from patroncare.libraries.calendar import today_in
from patroncare.patrons.models import Person

from .. import extensions
from ..models import (
    Attachment,
    FollowUp,
    Incident,
    Involvement,
    RetentionMode,
    RetentionRun,
    RetentionSettings,
    WritingFlag,
)

REMOVED = "[removed under the retention schedule]"


@transaction.atomic
def retention_apply(*, system, now=None) -> RetentionRun:
    settings, _ = RetentionSettings.objects.get_or_create(system=system)
    today = today_in(system, now)
    cutoff = settings.cutoff(today)
    link = extensions.exclusions()
    # The day an incident closed is the library's day, not the server's.
    with timezone.override(system.zone):
        incidents = Incident.objects.filter(system=system, anonymised_at__isnull=True).filter(
            Q(closed_at__date__lt=cutoff) | Q(closed_at__isnull=True, occurred_at__date__lt=cutoff)
        )
        if link is not None:
            incidents = incidents.exclude(pk__in=link.incidents_kept(system=system, cutoff=cutoff))
        incident_ids = list(incidents.values_list("pk", flat=True))
    moment = timezone.now()
    purge = settings.mode == RetentionMode.PURGE
    # Exclusions first: they cite the incidents, and the app that keeps them applies its own part.
    exclusion_count = extensions.retention_of_exclusions(
        system=system, cutoff=cutoff, moment=moment, purge=purge
    )
    if purge:
        Incident.objects.filter(pk__in=incident_ids).delete()
    else:
        _anonymise_incidents(incident_ids, moment)
    _anonymise_people(system, moment, link)
    run = RetentionRun.objects.create(
        system=system,
        cutoff=cutoff,
        mode=settings.mode,
        incidents=len(incident_ids),
        exclusions=exclusion_count,
    )
    audit_record(
        action=AuditAction.DELETE,
        obj=run,
        library_system_id=system.pk,
        actor_label="retention schedule",
        summary=f"Retention: {settings.mode} {len(incident_ids)} incidents, {exclusion_count} exclusions",
    )
    return run


@transaction.atomic
def retention_defaults_install(*, system, actor=None) -> None:
    """A new system's retention schedule: the defaults, until an administrator changes them."""
    settings, created = RetentionSettings.objects.get_or_create(system=system)
    if created:
        audit_record(
            action=AuditAction.CREATE,
            actor=actor,
            obj=settings,
            library_system_id=system.pk,
            summary="Default incident retention schedule installed",
        )


@transaction.atomic
def retention_settings_update(
    *, actor, system, keep_number: int, keep_unit: str, mode: str
) -> RetentionSettings:
    settings, _ = RetentionSettings.objects.get_or_create(system=system)
    before = f"{settings.keep_number} {settings.keep_unit}", settings.mode
    settings.keep_number, settings.keep_unit, settings.mode = keep_number, keep_unit, mode
    settings.full_clean()
    settings.save()
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        obj=settings,
        library_system_id=system.pk,
        summary="Incident retention schedule changed",
        changes={"keep": [before[0], f"{keep_number} {keep_unit}"], "mode": [before[1], mode]},
    )
    return settings


def _anonymise_incidents(incident_ids: list[int], moment) -> None:
    Incident.objects.filter(pk__in=incident_ids).update(
        narrative=REMOVED, summary=REMOVED[:150], injuries="", damage="", anonymised_at=moment
    )
    attachments = Attachment.objects.filter(incident_id__in=incident_ids)
    delete_after_commit([attachment.file for attachment in attachments])
    attachments.delete()
    WritingFlag.objects.filter(incident_id__in=incident_ids).update(term="", suggestion="")
    # A follow-up's wording may name someone: only that there was one, and when it was done, is kept.
    FollowUp.objects.filter(incident_id__in=incident_ids).update(description="-", done_note="")


def _anonymise_people(system, moment, link) -> None:
    """People with nothing left to tie them to a kept record lose what identifies them."""
    kept_by_incident = Exists(
        Involvement.objects.filter(person=OuterRef("pk"), incident__anonymised_at__isnull=True)
    )
    people = Person.objects.filter(system=system, anonymised_at__isnull=True).exclude(kept_by_incident)
    if link is not None:
        people = people.exclude(pk__in=link.people_kept(system=system))
    delete_after_commit([person.photo for person in people if person.photo])
    people.update(card_number="", name="", description="", photo="", anonymised_at=moment)
