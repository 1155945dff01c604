"""The trail as read: messages in the reader's language, values only where they cannot be personal."""

import pytest
from django.utils import translation

from patroncare.audit.changes import safe_changes
from patroncare.audit.events import event_type
from patroncare.audit.rendering import render_event
from patroncare.audit.services import audit_event
from patroncare.complaints import events as complaint_events
from patroncare.complaints.tests.factories import ComplaintFactory
from patroncare.incidents import events as incident_events
from patroncare.patrons.models import Person
from patroncare.patrons.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_message_is_rendered_in_the_readers_language(world):
    complaint = ComplaintFactory(branch=world.branch)
    event = complaint_events.complaint_closed(
        actor=world.users["supervisor"], complaint=complaint, judgement="systemic"
    )
    assert (event.event, event.params, event.summary) == ("complaints.closed", {"judgement": "systemic"}, "")
    with translation.override("en"):
        assert render_event(event).summary == "Complaint closed (Systemic)"
    with translation.override("es"):
        rendered = render_event(event)
    assert rendered.summary == "Queja cerrada (Sistémico)"
    assert rendered.record == complaint.reference and rendered.record_type == "queja"


def test_field_names_are_shown_translated(world):
    person = PersonFactory(system=world.system)
    event = audit_event(
        incident_events.VIEWED,
        actor=world.users["supervisor"],
        obj=person,
        changes={"is_minor": [False, True]},
    )
    with translation.override("es"):
        assert [(line.label, line.text) for line in render_event(event).changes] == [
            ("menor de 18 años", "no → sí")
        ]


def test_personal_fields_are_recorded_as_changed_without_their_values():
    changes = safe_changes(
        {
            "name": ["Casey Hidden", "C. Hidden"],
            "card_number": ["21001234", ""],
            "description": [None, "Red coat"],
            "is_minor": [False, True],
            "anonymised_at": [None, "2026-01-31T10:00:00+00:00"],
            "count": 3,
            "note": "Casey said sorry",
            "members": [4, 5, 6],
        },
        Person,
    )
    assert changes == {
        "name": {},
        "card_number": {},
        "description": {},
        "is_minor": {"old": False, "new": True},
        "anonymised_at": {"old": None, "new": "2026-01-31T10:00:00+00:00"},
        "count": {"value": 3},
        "note": {},
        "members": {"value": [4, 5, 6]},
    }


def test_a_removed_record_is_shown_by_its_type_and_number(world):
    person = PersonFactory(system=world.system, name="Casey Hidden")
    event = audit_event(incident_events.VIEWED, actor=world.users["supervisor"], obj=person)
    pk = person.pk
    person.delete()
    with translation.override("en"):
        assert render_event(event).record == f"person #{pk} (removed)"
    with translation.override("es"):
        assert render_event(event).record == f"persona #{pk} (eliminado)"


def test_an_anonymised_record_shows_its_current_label(world):
    person = PersonFactory(system=world.system, name="Casey Hidden", card_number="21009876")
    event = audit_event(incident_events.VIEWED, actor=world.users["supervisor"], obj=person)
    assert render_event(event).record == "Casey Hidden"
    Person.objects.filter(pk=person.pk).update(name="", card_number="", description="")
    with translation.override("en"):
        assert render_event(event).record == "Person not identified"


def test_every_registered_event_renders_in_spanish():
    """Each message has a Spanish text and takes its own params (none left untranslated)."""
    from patroncare.audit.events import registered_codes

    untranslated = []
    for code in sorted(registered_codes()):
        kind = event_type(code)
        if code.startswith("audit.test_"):
            continue
        with translation.override("en"):
            english = str(kind.message)
        with translation.override("es"):
            spanish = str(kind.message)
        if english == spanish:
            untranslated.append(code)
    assert untranslated == []
