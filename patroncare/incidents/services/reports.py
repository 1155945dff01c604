"""Reporting an incident, and what follows from it: escalation, alerts, debrief and well-being check-ins."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.accounts.permissions import has_role_at_branch
from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.files import check_upload
from patroncare.incidents import events
from patroncare.libraries.calendar import local_date, today_in
from patroncare.notifications.selectors import staff_with_roles
from patroncare.notifications.services import notifications_clear_for, tell
from patroncare.patrons.models import Person

from .. import extensions, writing_help
from ..models import (
    LEVEL_RANK,
    Attachment,
    Behaviour,
    CheckIn,
    Debrief,
    Draft,
    FollowUp,
    Incident,
    IncidentBehaviour,
    Involvement,
    InvolvementRole,
    Level,
    StaffAction,
    WritingFlag,
    level_of,
)
from ..permissions import PATTERN_ROLES

REPORTING_ROLES = roles.INCIDENT_REPORTERS
CARD_NUMBER = re.compile(r"^\d{5,14}$")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
DEBRIEF_AFTER_DAYS = 3
CHECKIN_AFTER_DAYS = 1


@dataclass(frozen=True)
class PersonEntry:
    role: str
    card_number: str = ""
    name: str = ""
    description: str = ""
    is_minor: bool = False


def validate_upload(upload) -> str:
    """An incident's file: a photo or a PDF, 5 MB at most (the one upload check of core.files)."""
    return check_upload(upload, max_bytes=MAX_UPLOAD_BYTES)


def _resolve_person(*, system, entry: PersonEntry) -> Person:
    card = entry.card_number.strip().replace(" ", "")
    if card:
        if not CARD_NUMBER.match(card):
            raise ValidationError(
                _(
                    "“%(card)s” is not a library card number (5 to 14 digits). Check the card, or "
                    "leave it empty and describe the person."
                )
                % {"card": entry.card_number}
            )
        person, created = Person.objects.get_or_create(
            system=system,
            card_number=card,
            defaults={"name": entry.name, "description": entry.description, "is_minor": entry.is_minor},
        )
        if not created:
            changed = False
            for field in ("name", "description"):
                if getattr(entry, field) and not getattr(person, field):
                    setattr(person, field, getattr(entry, field))
                    changed = True
            if entry.is_minor and not person.is_minor:
                person.is_minor, changed = True, True
            if changed:
                person.full_clean()
                person.save()
        return person
    if not (entry.name.strip() or entry.description.strip()):
        raise ValidationError(
            _("For each person, give a card number, a name or a description of appearance and clothing.")
        )
    person = Person(
        system=system, name=entry.name.strip(), description=entry.description.strip(), is_minor=entry.is_minor
    )
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def incident_report(
    *,
    actor,
    branch,
    occurred_at: datetime,
    summary: str,
    narrative: str,
    behaviours: list[str],
    location=None,
    rules=(),
    people: list[PersonEntry] = (),
    staff_involved=(),
    actions: dict[str, str] | None = None,
    injuries: str = "",
    damage: str = "",
    files=(),
    follow_ups: list[str] = (),
    flagged_seen: set[tuple[str, str]] = frozenset(),
    draft_key=None,
) -> Incident:
    system = branch.system
    if actor.library_system_id != system.pk or not has_role_at_branch(actor, REPORTING_ROLES, branch.pk):
        raise ValidationError(_("You do not work at %(branch)s.") % {"branch": branch.name})
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("The time cannot be in the future.")})
    if location is not None and location.branch_id != branch.pk:
        raise ValidationError({"location": _("That place is not in %(branch)s.") % {"branch": branch.name}})
    if not behaviours:
        raise ValidationError({"behaviours": _("Choose at least one behaviour you saw or heard.")})
    if any(rule.system_id != system.pk for rule in rules):
        raise ValidationError({"rules": _("Choose rules of your own library system.")})
    content_types = [validate_upload(upload) for upload in files]
    resolved = [(entry.role, _resolve_person(system=system, entry=entry)) for entry in people]
    behaviours = list(dict.fromkeys(behaviours))
    escalations = extensions.exclusions_in_force(
        system=system, branch=branch, people=[p for r, p in resolved if r == InvolvementRole.SUBJECT]
    )
    if escalations and Behaviour.WHILE_EXCLUDED not in behaviours:
        behaviours.append(Behaviour.WHILE_EXCLUDED)
    level = level_of(behaviours)
    incident = Incident(
        system=system,
        branch=branch,
        location=location,
        occurred_at=occurred_at,
        level=level,
        summary=summary.strip(),
        narrative=narrative.strip(),
        injuries=injuries,
        damage=damage,
        reported_by=actor,
    )
    incident.full_clean()
    incident.save()
    incident.rules.set(rules)
    IncidentBehaviour.objects.bulk_create(
        IncidentBehaviour(incident=incident, behaviour=b) for b in behaviours
    )
    Involvement.objects.bulk_create(
        Involvement(incident=incident, role=role, person=person) for role, person in resolved
    )
    staff = {actor.pk: actor} | {
        member.pk: member for member in staff_involved if member.library_system_id == system.pk
    }
    Involvement.objects.bulk_create(
        Involvement(incident=incident, role=InvolvementRole.STAFF, staff_member=member)
        for member in staff.values()
    )
    for kind, report_number in (actions or {}).items():
        action = StaffAction(incident=incident, kind=kind, report_number=report_number.strip())
        action.full_clean(exclude=["incident"])
        action.save()
    for upload, content_type in zip(files, content_types, strict=True):
        Attachment.objects.create(
            incident=incident,
            file=upload,
            original_name=upload.name[:200],
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )
    FollowUp.objects.bulk_create(
        FollowUp(incident=incident, description=text.strip()[:200], created_by=actor)
        for text in follow_ups
        if text.strip()
    )
    _record_writing_flags(incident, flagged_seen)
    for exclusion in escalations:
        exclusion.incidents.add(incident)
    if LEVEL_RANK[level] >= LEVEL_RANK[Level.DISRUPTIVE]:
        _schedule_aftercare(incident, staff=list(staff.values()))
    if draft_key:
        Draft.objects.filter(author=actor, key=draft_key).delete()
    events.incident_reported(
        actor=actor, incident=incident, level=level, behaviours=behaviours, escalations=escalations
    )
    if level == Level.DANGEROUS or escalations:
        from .alerts import alert_send

        transaction.on_commit(lambda: alert_send(incident_pk=incident.pk))
    return incident


def _record_writing_flags(incident: Incident, flagged_seen) -> None:
    final = {(flag.category, flag.term.lower()): flag for flag in writing_help.check(incident.narrative)}
    seen = set(flagged_seen) | set(final)
    WritingFlag.objects.bulk_create(
        WritingFlag(
            incident=incident,
            category=category,
            term=term[:60],
            suggestion=str(writing_help.SUGGESTIONS[category])[:300],
            kept=(category, term) in final,
        )
        for category, term in sorted(seen)
    )


def _schedule_aftercare(incident: Incident, *, staff) -> None:
    day = local_date(incident.system, incident.occurred_at)
    debrief = Debrief.objects.create(incident=incident, due_on=day + timedelta(days=DEBRIEF_AFTER_DAYS))
    check_ins = CheckIn.objects.bulk_create(
        CheckIn(incident=incident, staff_member=member, due_on=day + timedelta(days=CHECKIN_AFTER_DAYS))
        for member in staff
    )
    tell(
        users=staff_with_roles(
            system_id=incident.system_id, roles=PATTERN_ROLES, branch_id=incident.branch_id
        ),
        kind="incidents.debrief_due",
        line=gettext_lazy("A debrief of incident #%(number)s is due by %(due)s"),
        params={"number": incident.pk, "due": debrief.due_on.isoformat()},
        url_name="incidents:debrief",
        url_args=(incident.pk,),
        target=debrief,
    )
    for check_in in check_ins:
        tell(
            users=[check_in.staff_member],
            kind="incidents.checkin_due",
            line=gettext_lazy("How are you after incident #%(number)s? A private check-in waits for you"),
            params={"number": incident.pk},
            url_name="incidents:checkin",
            url_args=(check_in.pk,),
            target=check_in,
        )


@transaction.atomic
def draft_save(*, actor, key=None, data: dict) -> Draft:
    """Keep what the writer has typed so far (no validation: a draft may be half-written)."""
    data = {
        k: v for k, v in data.items() if k not in ("csrfmiddlewaretoken", "draft_key") and len(str(v)) < 20000
    }
    draft = Draft.objects.filter(author=actor, key=key).first() if key else None
    if draft is None:
        draft = Draft(author=actor)
    draft.data = data
    draft.save()
    return draft


@transaction.atomic
def draft_discard(*, actor, key) -> None:
    Draft.objects.filter(author=actor, key=key).delete()


@transaction.atomic
def debrief_record(*, actor, debrief: Debrief, held_on, notes: str, expected_version: int) -> Debrief:
    if held_on < local_date(debrief.incident.system, debrief.incident.occurred_at):
        raise ValidationError({"held_on": _("A debrief cannot be held before the incident.")})
    if held_on > today_in(debrief.incident.system):
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    debrief.held_on, debrief.notes, debrief.held_by = held_on, notes, actor
    save_if_unchanged(debrief, expected_version=expected_version, fields=["held_on", "notes", "held_by"])
    events.debrief_recorded(actor=actor, incident=debrief.incident)
    notifications_clear_for(obj=debrief)
    return debrief


@transaction.atomic
def checkin_answer(
    *, actor, checkin: CheckIn, feeling: str, would_like: str, expected_version: int, share_with=()
) -> CheckIn:
    if checkin.staff_member_id != actor.pk:
        raise ValidationError(_("Only the person checked in on may answer."))
    checkin.feeling, checkin.would_like, checkin.answered_at = feeling, would_like, timezone.now()
    # The same person may have the check-in open on the phone and at the desk: the later save is refused.
    save_if_unchanged(
        checkin, expected_version=expected_version, fields=["feeling", "would_like", "answered_at"]
    )
    checkin.shared_with.set([u for u in share_with if u.library_system_id == actor.library_system_id])
    # The answers themselves are private: the audit trail records only that they were given.
    events.checkin_answered(actor=actor, incident=checkin.incident)
    notifications_clear_for(obj=checkin)
    return checkin
