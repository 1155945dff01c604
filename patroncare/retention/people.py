"""People in the retention registry: nothing of their own to count from, they lose what identifies them
(card number, name, contact, description, photo) as soon as no kept record names them.

Each record type that names people says which ones it still names (`RecordType.names`); this line reads
them all, so a person named by a complaint, an incident or an exclusion is kept by each of them.
"""

from datetime import date, datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.patrons.models import Person
from patroncare.patrons.services import people_anonymise

from .models import Action
from .registry import Due, RecordType, Schedule, by_number, record_types, register

PERSON = "patrons.person"


def _named(system) -> list[QuerySet]:
    return [kind.names(system) for kind in record_types() if kind.names is not None]


def _due(schedule: Schedule, as_of: date) -> QuerySet:
    people = Person.objects.filter(system=schedule.system, anonymised_at__isnull=True)
    for named in _named(schedule.system):
        people = people.exclude(pk__in=named)
    return people


def person_due(schedule: Schedule, person: Person) -> Due:
    if _due(schedule, schedule.as_of).filter(pk=person.pk).exists():
        return Due(schedule.as_of, (_("no kept record names this person"),))
    return Due(None, (_("kept while a kept complaint, incident or exclusion names this person"),))


def _apply(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    people_anonymise(ids=ids, moment=moment)


def _lookup(system, text: str):
    """A card number, or the person's record number after "#"."""
    text = text.strip()
    if text.startswith("#"):
        return by_number(Person, system, text)
    return Person.objects.filter(system=system, card_number=text).first() if text else None


register(
    RecordType(
        code=PERSON,
        model=Person,
        label=gettext_lazy("People's identities (card number, name, contact, description, photo)"),
        clock=gettext_lazy("as soon as no kept record names the person"),
        default_keep=(1, "days"),
        default_action=Action.ANONYMISE,
        actions=(Action.ANONYMISE,),
        due=_due,
        due_on=person_due,
        apply=_apply,
        is_person=True,
        lookup=_lookup,
        noun=gettext_lazy("Person"),
        order=90,
    )
)
