"""Every write about the people the library deals with."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import StaleEditError, save_if_unchanged
from patroncare.core.files import delete_after_commit

from . import events
from .extensions import merge_listeners
from .models import Person, RightsRequest, RightsRequestKind, RightsRequestOutcome
from .permissions import can_handle_rights_requests, can_merge_people, same_system

# The values a merge lets the user choose between, in the order the confirm page shows them.
MERGED_FIELDS = ["card_number", "name", "email", "phone", "language", "description", "is_minor", "photo"]
CORRECTED_FIELDS = ["card_number", "name", "email", "phone", "language", "description", "is_minor"]
ERASED_FIELDS = ["card_number", "name", "email", "phone", "description"]


def _links_to(person: Person):
    """Every foreign key that points at a person, whichever app keeps it (complaints, incidents, exclusions,
    rights requests, and any later one): a merge that forgot one would lose a record or refuse to delete."""
    for relation in Person._meta.related_objects:
        if relation.one_to_many and relation.field.model is not Person:
            yield relation.related_model, relation.field.name


@transaction.atomic
def person_merge(
    *, actor, kept: Person, other: Person, from_other: list[str], kept_version: int, other_version: int
) -> Person:
    """Keep one record of a person who was recorded twice: every link moves to it, the other is deleted.

    `from_other` names the values taken from the record that goes; the others stay as the kept one has them.
    """
    refuse_unless(
        can_merge_people(actor), _("Only supervisors, administrators and the director merge records.")
    )
    refuse_unless(
        same_system(actor, kept) and same_system(actor, other),
        _("Both records must be of your library system."),
    )
    refuse_unless(kept.pk != other.pk, _("Choose two different records to merge."))
    unknown = set(from_other) - set(MERGED_FIELDS)
    if unknown:
        raise ValidationError(_("Choose the values to keep among those shown."))
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[kept.pk, other.pk])}
    if (
        len(locked) != 2
        or locked[kept.pk].version != kept_version
        or locked[other.pk].version != other_version
    ):
        raise StaleEditError()
    kept, other = locked[kept.pk], locked[other.pk]
    moved = {}
    for model, field in _links_to(other):
        count = model._base_manager.filter(**{field: other}).update(**{field: kept})
        if count:
            moved[model._meta.label_lower] = count
    photo_gone = other.photo if "photo" not in from_other else kept.photo
    values = {field: getattr(other, field) for field in from_other}
    removed_id = other.pk
    for listener in merge_listeners():
        listener(actor=actor, kept=kept, removed_id=removed_id)
    # The record that goes is deleted before its values are copied: a card number is unique in a system.
    other.delete()
    for field, value in values.items():
        setattr(kept, field, value)
    kept.version += 1
    kept.full_clean()
    kept.save()
    delete_after_commit([photo_gone])
    events.person_merged(
        actor=actor, kept=kept, removed_id=removed_id, moved=moved, values_from_removed=sorted(values)
    )
    return kept


@transaction.atomic
def person_correct(*, actor, person: Person, expected_version: int, **values) -> Person:
    """An administrator corrects a person's details (a correction request), never over someone else's save."""
    refuse_unless(
        can_handle_rights_requests(actor) and same_system(actor, person),
        _("Only an administrator of the library system corrects a person's details."),
    )
    changed = [
        field for field in CORRECTED_FIELDS if field in values and getattr(person, field) != values[field]
    ]
    for field in changed:
        setattr(person, field, values[field])
    save_if_unchanged(person, expected_version=expected_version, fields=CORRECTED_FIELDS)
    if changed:
        events.person_corrected(actor=actor, person=person, fields=changed)
    return person


@transaction.atomic
def person_erase(*, actor, person: Person, kept: list) -> Person:
    """Blank the person's identity. `kept` is what the retention schedule still keeps about them: while it
    holds anything, the identity stays (the caller decides what retention keeps, this function only obeys)."""
    refuse_unless(
        not kept,
        _("This person cannot be erased yet: records the library must still keep identify them."),
    )
    refuse_unless(
        can_handle_rights_requests(actor) and same_system(actor, person),
        _("Only an administrator of the library system erases a person's identity."),
    )
    people_anonymise(ids=[person.pk], moment=timezone.now())
    person.refresh_from_db()
    events.person_erased(actor=actor, person=person)
    return person


def people_anonymise(*, ids: list[int], moment) -> int:
    """Blank what identifies these people (their photos leave storage once committed). The retention
    schedule calls it for people no kept record names; an erasure request, for one person."""
    people = Person.objects.filter(pk__in=ids)
    delete_after_commit([person.photo for person in people if person.photo])
    blank = dict.fromkeys(ERASED_FIELDS, "")
    # A change like any other: a correction opened before it can no longer save over it.
    return people.update(**blank, photo="", anonymised_at=moment, version=F("version") + 1)


@transaction.atomic
def rights_request_record(*, actor, person: Person | None, kind: str, received_on: date) -> RightsRequest:
    refuse_unless(can_handle_rights_requests(actor), _("Only an administrator records a rights request."))
    refuse_unless(
        person is None or same_system(actor, person), _("The person must be of your library system.")
    )
    request = RightsRequest(
        system_id=actor.library_system_id, person=person, kind=kind, received_on=received_on
    )
    request.full_clean()
    request.save()
    events.rights_request_recorded(actor=actor, request=request)
    return request


@transaction.atomic
def rights_request_handle(
    *, actor, request: RightsRequest, handled_on: date, outcome: str, outcome_note: str = ""
) -> RightsRequest:
    refuse_unless(
        can_handle_rights_requests(actor) and request.system_id == actor.library_system_id,
        _("Only an administrator of the library system answers a rights request."),
    )
    if outcome == RightsRequestOutcome.PENDING:
        raise ValidationError({"outcome": _("Say how the request was answered.")})
    if handled_on < request.received_on:
        raise ValidationError({"handled_on": _("A request is answered on or after the day it was received.")})
    request.handled_on = handled_on
    request.outcome = outcome
    request.outcome_note = outcome_note
    request.handled_by = actor
    request.full_clean()
    request.save()
    events.rights_request_handled(actor=actor, request=request)
    return request


__all__ = [
    "MERGED_FIELDS",
    "RightsRequestKind",
    "person_correct",
    "person_erase",
    "people_anonymise",
    "person_merge",
    "rights_request_handle",
    "rights_request_record",
]


def person_for_contact(*, system, name: str = "", email: str = "", phone: str = "", language: str = ""):
    """The person a complaint's contact details describe: the person of the system with that e-mail where
    there is one (their blank details filled in, nothing they gave before overwritten), else a new one.
    No contact at all: no person (an anonymous complaint keeps none)."""
    name, email, phone = name.strip(), email.strip(), phone.strip()
    if not (name or email or phone):
        return None
    person = None
    if email:
        person = (
            Person.objects.select_for_update()
            .filter(system=system, email__iexact=email, anonymised_at__isnull=True)
            .order_by("id")
            .first()
        )
    if person is None:
        person = Person(system=system, name=name, email=email, phone=phone, language=language)
        person.full_clean()
        person.save()
        return person
    filled = {"name": name, "phone": phone, "language": language}
    changed = [field for field, value in filled.items() if value and not getattr(person, field)]
    for field in changed:
        setattr(person, field, filled[field])
    if changed:
        person.version += 1
        person.full_clean()
        person.save()
    return person
