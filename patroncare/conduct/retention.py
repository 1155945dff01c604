"""Exclusions in the retention registry: kept for the library's period after the exclusion ends.

"Records on excluded patrons are kept N years after the exclusion ends": the same period keeps the incidents
an exclusion cites and every incident that names the excluded person (see `incident_protections`).
"""

from datetime import date, datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.core.files import delete_after_commit
from patroncare.libraries.calendar import local_date
from patroncare.retention.models import Action
from patroncare.retention.registry import Due, RecordType, Schedule, by_number, register

from .models import Appeal, Exclusion, Letter

EXCLUSION = "conduct.exclusion"
REMOVED = "[removed under the retention schedule]"


def _open_appeal() -> Exists:
    return Exists(Appeal.objects.filter(exclusion=OuterRef("pk"), decision=""))


def _past(schedule: Schedule, as_of: date) -> QuerySet:
    """Exclusions that ended, or were rescinded, before the period's cutoff, with no appeal still open."""
    cutoff = schedule.cutoff(EXCLUSION, as_of)
    rescinded_before = schedule.cutoff_moment(EXCLUSION, as_of)
    ended = Q(rescinded_at__isnull=True, end_date__lt=cutoff) | Q(rescinded_at__lt=rescinded_before)
    return (
        Exclusion.objects.filter(system=schedule.system, anonymised_at__isnull=True)
        .filter(ended)
        .exclude(_open_appeal())
    )


def _kept(schedule: Schedule, as_of: date) -> QuerySet:
    """Exclusions still within their period on `as_of`: in force, open-ended, recently ended, or appealed."""
    return Exclusion.objects.filter(system=schedule.system, anonymised_at__isnull=True).exclude(
        pk__in=_past(schedule, as_of).values("pk")
    )


def _ended_on(exclusion: Exclusion) -> date | None:
    if exclusion.rescinded_at is not None:
        return local_date(exclusion.system, exclusion.rescinded_at)
    return exclusion.end_date


def exclusion_due(schedule: Schedule, exclusion: Exclusion) -> Due:
    if exclusion.appeals.filter(decision="").exists():
        return Due(None, (_("exclusion #%(pk)s has an appeal open") % {"pk": exclusion.pk},))
    ended = _ended_on(exclusion)
    if ended is None:
        return Due(None, (_("exclusion #%(pk)s has no last day yet") % {"pk": exclusion.pk},))
    on = schedule.due_after(EXCLUSION, ended)
    rule = schedule.rule(EXCLUSION)
    reason = _("exclusion #%(pk)s ended on %(day)s; kept %(number)s %(unit)s after") % {
        "pk": exclusion.pk,
        "day": ended.isoformat(),
        "number": rule.keep_number,
        "unit": _(rule.keep_unit),
    }
    return Due(on, (reason,))


def _apply(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    # The letters as sent name the person: once the period is over they go with the rest of the identity.
    _delete_letters(ids)
    if action == Action.DELETE:
        Exclusion.objects.filter(pk__in=ids).delete()
        return
    Appeal.objects.filter(exclusion_id__in=ids).update(
        statement=REMOVED, good_cause="", decision_reason=REMOVED, decision_reason_es=""
    )
    # A deviation's reason may name people; that there was one is kept (an empty reason reads as none).
    Exclusion.objects.filter(pk__in=ids).exclude(deviation_reason="").update(deviation_reason=REMOVED)
    # The anonymisation is a change like any other: a page opened before it can no longer save over it.
    Exclusion.objects.filter(pk__in=ids).update(
        conditions="",
        conditions_es="",
        summary_es="",
        guardian_name="",
        recommendation="",
        anonymised_at=moment,
        version=F("version") + 1,
    )


def _delete_letters(exclusion_ids: list[int]) -> None:
    """Letters and their files; an amended letter protects the one it replaced, so the newest go first."""
    delete_after_commit([letter.file for letter in Letter.objects.filter(exclusion_id__in=exclusion_ids)])
    while (remaining := Letter.objects.filter(exclusion_id__in=exclusion_ids)).exists():
        replaced = Letter.objects.filter(pk__in=remaining.values("supersedes")).values("pk")
        remaining.exclude(pk__in=replaced).delete()


# What the incidents app asks (through its ExclusionLink): which incidents and people the exclusions keep.
def incidents_kept(*, schedule: Schedule, as_of: date) -> QuerySet:
    return Exclusion.incidents.through.objects.filter(exclusion__in=_kept(schedule, as_of)).values(
        "incident_id"
    )


def people_kept(*, schedule: Schedule, as_of: date) -> QuerySet:
    return _kept(schedule, as_of).values("person_id")


def incident_protections(*, schedule: Schedule, incident) -> list[Due]:
    """For one incident: the exclusions that cite it or name someone in it, each with the day it lets go."""
    people = incident.involvements.exclude(person=None).values("person_id")
    exclusions = Exclusion.objects.filter(system=schedule.system, anonymised_at__isnull=True).filter(
        Q(incidents=incident) | Q(person__in=people)
    )
    return [exclusion_due(schedule, exclusion) for exclusion in exclusions.distinct()]


def people_named(*, system) -> QuerySet:
    return Exclusion.objects.filter(system=system, anonymised_at__isnull=True).values("person_id")


register(
    RecordType(
        model=Exclusion,
        code=EXCLUSION,
        label=gettext_lazy("Exclusions, and the records of excluded patrons"),
        clock=gettext_lazy(
            "after the exclusion ends (or is rescinded); also keeps every incident naming the person"
        ),
        default_keep=(3, "years"),
        default_action=Action.ANONYMISE,
        due=_past,
        due_on=exclusion_due,
        apply=_apply,
        people="person",
        names=lambda system: people_named(system=system),
        lookup=lambda system, text: by_number(Exclusion, system, text),
        noun=gettext_lazy("Exclusion"),
        order=10,
    )
)
