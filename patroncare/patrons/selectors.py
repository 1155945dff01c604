"""Reads of the people the library deals with, scoped like every sensitive record.

Always the user's own system. Supervisors and above find anyone of their system; everyone else reaches a
person only through a record they may already see. The records shown with a person come from the selectors
of the apps that keep them (registered in patrons.extensions), so their branch scoping and restricted cases
are applied by the very rules that apply them elsewhere.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from .extensions import PersonRecords, person_records
from .models import Person, RightsRequest
from .permissions import can_handle_rights_requests, can_look_up_people

LIST_LIMIT = 200


@dataclass(frozen=True)
class PersonSection:
    records: PersonRecords
    items: list


def people_of_system(*, user) -> QuerySet:
    if not user.is_authenticated or not user.library_system_id:
        return Person.objects.none()
    return Person.objects.filter(system_id=user.library_system_id)


def person_search_condition(text: str) -> Q:
    text = text.strip()
    return Q(card_number__iexact=text) | Q(name__icontains=text) | Q(email__iexact=text)


def person_list_visible_to(*, user, query: str = "") -> QuerySet:
    """People of the user's system for those who look people up; nobody's for anyone else."""
    if not can_look_up_people(user):
        return Person.objects.none()
    people = people_of_system(user=user).filter(anonymised_at__isnull=True)
    if query.strip():
        people = people.filter(person_search_condition(query))
    return people


def sections_for(*, user, person: Person) -> list[PersonSection]:
    """Each module's records about the person that this user may see (a module with none is left out)."""
    return [
        PersonSection(records=records, items=list(records.visible(user, person)))
        for records in person_records()
    ]


def person_get_for(*, user, pk: int) -> Person:
    """The person, for those who look people up or who may see at least one record about them; else 404."""
    person = people_of_system(user=user).filter(pk=pk).first()
    if person is None:
        raise Http404
    if can_look_up_people(user):
        return person
    if any(section.items for section in sections_for(user=user, person=person)):
        return person
    raise Http404


def person_get_for_merge(*, user, pk: int) -> Person:
    if not can_look_up_people(user):
        raise Http404
    return person_get_for(user=user, pk=pk)


def person_get_for_rights(*, user, pk: int) -> Person:
    """A person for an administrator answering a rights request of their own system; else 404."""
    if not can_handle_rights_requests(user):
        raise Http404
    person = people_of_system(user=user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def person_export(*, person: Person) -> dict:
    """Everything the library holds about the person, JSON-ready, for an access request."""
    data = {
        "person": {
            "id": person.pk,
            "library_system": person.system.name,
            "card_number": person.card_number,
            "name": person.name,
            "email": person.email,
            "phone": person.phone,
            "language": person.language,
            "description": person.description,
            "is_minor": person.is_minor,
            "has_photo": bool(person.photo),
            "anonymised_at": person.anonymised_at.isoformat() if person.anonymised_at else None,
        },
        "rights_requests": [
            {
                "kind": request.kind,
                "received_on": request.received_on.isoformat(),
                "handled_on": request.handled_on.isoformat() if request.handled_on else None,
                "outcome": request.outcome,
            }
            for request in person.rights_requests.order_by("received_on", "id")
        ],
    }
    for records in person_records():
        data[records.key] = records.export(person)
    return data


def rights_requests_for(*, user) -> QuerySet:
    if not can_handle_rights_requests(user):
        return RightsRequest.objects.none()
    return RightsRequest.objects.filter(system_id=user.library_system_id).select_related(
        "person", "handled_by"
    )


def rights_request_get_for(*, user, pk: int) -> RightsRequest:
    request = rights_requests_for(user=user).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request
