"""After a patron's details are blanked, nothing the trail shows still names them."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from patroncare.audit.models import AuditEvent
from patroncare.audit.rendering import render_events
from patroncare.audit.services import audit_event
from patroncare.audit.tests.conftest import PATRON_CARD, PATRON_NAME
from patroncare.incidents import events as incident_events
from patroncare.patrons.models import Person

pytestmark = pytest.mark.django_db

migration = importlib.import_module("patroncare.audit.migrations.0006_events_keep_no_names")


def _visit_every_patron_page(signed_in, patrons):
    """The reads and prints staff make of the patron's records, each appending its events."""
    director, supervisor = patrons.world.users["director"], patrons.world.users["supervisor"]
    client = signed_in(supervisor)
    for url in [
        reverse("incidents:detail", args=[patrons.incident.pk]),
        reverse("incidents:attachment", args=[patrons.incident_attachment.pk]),
        reverse("conduct:exclusion_detail", args=[patrons.exclusion.pk]),
        reverse("conduct:exclusion_letter", args=[patrons.exclusion.pk]),
        reverse("conduct:person_photo", args=[patrons.person.pk]),
        reverse("conduct:board"),
    ]:
        assert client.get(url).status_code == 200, url
    client = signed_in(director)
    assert (
        client.get(
            reverse("conduct:appeal_decide", args=[patrons.exclusion.pk, patrons.appeal.pk])
        ).status_code
        == 200
    )


def _blank(person):
    Person.objects.filter(pk=person.pk).update(
        name="", card_number="", description="", anonymised_at=timezone.now()
    )


def _legacy_event(patrons, **values):
    """An event as written before typed events: the record's name and a free-text summary stored with it."""
    return AuditEvent.objects.create(
        library_system=patrons.world.system,
        actor=patrons.world.users["supervisor"],
        action="update",
        object_type="patrons.person",
        object_id=str(patrons.person.pk),
        **values,
    )


def _rewrite_old_events():
    """Run the data migration's step on the rows as they are now (the editor is only asked its database)."""
    from django.apps import apps

    migration.forward(apps, SimpleNamespace(connection=connection))


def test_no_event_names_the_patron_once_their_details_are_blanked(signed_in, patrons):
    _visit_every_patron_page(signed_in, patrons)
    audit_event(
        incident_events.VIEWED,
        actor=patrons.world.users["supervisor"],
        obj=patrons.person,
        changes={"name": ["", PATRON_NAME], "card_number": ["", PATRON_CARD], "is_minor": [False, False]},
    )
    _legacy_event(
        patrons,
        object_repr=PATRON_NAME,
        summary=f"Suspension of {PATRON_NAME} ({PATRON_CARD}) changed",
        changes={"name": [PATRON_NAME, "C. Hidden"], "card_number": [PATRON_CARD, ""]},
    )
    _rewrite_old_events()
    _blank(patrons.person)

    events = list(AuditEvent.objects.filter(library_system=patrons.world.system))
    assert len(events) > 15
    for language in ("en", "es"):
        with translation.override(language):
            texts = [row.text for row in render_events(events)]
        leaking = [text for text in texts if PATRON_NAME in text or PATRON_CARD in text or "Casey" in text]
        assert leaking == []
    stored = [repr((e.object_repr, e.summary, e.params, e.changes)) for e in events]
    assert not [text for text in stored if PATRON_NAME in text or PATRON_CARD in text]

    admin = signed_in(patrons.world.users["administrator"])
    for page in range(1, 4):
        body = admin.get(reverse("audit:trail"), {"page": page}).content.decode()
        assert PATRON_NAME not in body and PATRON_CARD not in body and "Casey" not in body


def test_the_blanked_person_is_shown_as_anonymous_on_the_trail(signed_in, patrons):
    _visit_every_patron_page(signed_in, patrons)
    _blank(patrons.person)
    with translation.override("en"):
        rows = render_events(
            AuditEvent.objects.filter(object_type="conduct.exclusion", object_id=str(patrons.exclusion.pk))
        )
    assert rows and {row.record for row in rows} == {
        f"{patrons.exclusion.get_outcome_display()} · Person not identified"
    }


def test_old_events_keep_action_record_actor_and_time_and_get_a_code_where_recognised(patrons):
    recognised = _legacy_event(patrons, object_repr=PATRON_NAME, summary="Photo of the excluded person added")
    numbered = _legacy_event(patrons, object_repr=PATRON_NAME, summary="Exported 12 complaints (CSV)")
    unknown = _legacy_event(patrons, object_repr=PATRON_NAME, summary=f"Spoke with {PATRON_NAME} at the desk")
    before = {
        e.pk: (e.action, e.object_type, e.object_id, e.actor_id, e.at)
        for e in [recognised, numbered, unknown]
    }
    _rewrite_old_events()
    after = {e.pk: e for e in AuditEvent.objects.filter(pk__in=before)}
    assert {pk: (e.action, e.object_type, e.object_id, e.actor_id, e.at) for pk, e in after.items()} == before
    assert {pk: (e.object_repr, e.summary) for pk, e in after.items()} == {pk: ("", "") for pk in before}
    assert (after[recognised.pk].event, after[recognised.pk].params) == ("conduct.photo_added", {})
    assert (after[numbered.pk].event, after[numbered.pk].params) == ("complaints.exported", {"count": 12})
    assert (after[unknown.pk].event, after[unknown.pk].params) == ("", {})


def test_rewriting_old_events_leaves_the_trail_append_only(patrons):
    from django.db import DatabaseError, transaction

    event = _legacy_event(patrons, summary="Exclusion read")
    _rewrite_old_events()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'x' WHERE id = %s", [event.pk])


def test_every_code_the_migration_gives_is_a_registered_event():
    from patroncare.audit.events import registered_codes

    codes = {code for code in migration.FIXED.values() if code} | set(migration.PRACTICE.values())
    codes |= {code for _pattern, code, _names in migration.PATTERNS}
    assert codes - registered_codes() == set()
