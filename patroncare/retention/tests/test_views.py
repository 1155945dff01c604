"""The schedule page and legal holds, for every role; another system's records are out of reach."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from patroncare.conftest import ADMIN_ONLY
from patroncare.retention.models import LegalHold, RetentionRule
from patroncare.retention.services import legal_hold_place, schedule_defaults_install

from .helpers import incident_closed_on, person


@pytest.fixture
def director(world):
    from patroncare.accounts.models import Role
    from patroncare.accounts.tests.factories import UserFactory

    user = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    world.system.director = user
    world.system.save()
    return user


def test_the_schedule_page_is_for_administrators(role_matrix, world):
    role_matrix(reverse("retention:schedule"), ADMIN_ONLY)


def test_the_schedule_shows_what_falls_due_now_and_in_the_next_30_days(signed_in, world):
    from patroncare.libraries.calendar import subtract_period, today_in

    schedule_defaults_install(system=world.system)
    today = today_in(world.system)
    incident_closed_on(world, date(2015, 1, 1))  # due now
    incident_closed_on(world, subtract_period(today, 3, "years") + __import__("datetime").timedelta(days=10))
    content = signed_in(world.users["administrator"]).get(reverse("retention:schedule")).content.decode()
    section = content[content.index("Incident reports") :]
    assert "1 record due now" in section[:800] and "1 more in the next 30 days" in section[:800]


def test_a_director_reads_the_schedule_but_does_not_change_it(signed_in, world, director):
    schedule_defaults_install(system=world.system)
    client = signed_in(director)
    content = client.get(reverse("retention:schedule")).content.decode()
    assert "Incident reports" in content and "Save this line" not in content
    response = client.post(
        reverse("retention:rule_update", args=["incidents.incident"]),
        {"incidents-incident-keep_number": "1", "incidents-incident-keep_unit": "years"},
    )
    assert response.status_code == 403
    assert RetentionRule.objects.get(system=world.system, record_type="incidents.incident").keep_number == 3


def _post_rule(client, code, number, unit, action, version):
    prefix = code.replace(".", "-")
    data = {
        f"{prefix}-keep_number": number,
        f"{prefix}-keep_unit": unit,
        f"{prefix}-action": action,
        f"{prefix}-version": version,
    }
    return client.post(reverse("retention:rule_update", args=[code]), data)


def test_an_administrator_changes_a_line_and_a_stale_page_does_not_overwrite_it(signed_in, world):
    schedule_defaults_install(system=world.system)
    rule = RetentionRule.objects.get(system=world.system, record_type="incidents.incident")
    client = signed_in(world.users["administrator"])
    assert _post_rule(client, "incidents.incident", 7, "years", "delete", rule.version).status_code == 302
    response = _post_rule(client, "incidents.incident", 5, "years", "anonymise", rule.version)
    assert response.status_code == 400 and "Someone else saved this record" in response.content.decode()
    rule.refresh_from_db()
    assert (rule.keep_number, rule.keep_unit, rule.action) == (7, "years", "delete")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Keep these records for at least 30 days."),
        ("es", "Conserve estos registros durante al menos 30 días."),
    ],
)
def test_a_too_short_period_is_refused_in_the_readers_language_and_changes_nothing(
    signed_in, world, language, message
):
    schedule_defaults_install(system=world.system)
    rule = RetentionRule.objects.get(system=world.system, record_type="incidents.incident")
    client = signed_in(world.users["administrator"])
    with translation.override(language):
        client.cookies["django_language"] = language
        response = _post_rule(client, "incidents.incident", 3, "weeks", "anonymise", rule.version)
    assert response.status_code == 400
    assert message in response.content.decode()
    rule.refresh_from_db()
    assert (rule.keep_number, rule.keep_unit) == (3, "years")


def test_a_line_that_cannot_be_deleted_refuses_delete(signed_in, world):
    schedule_defaults_install(system=world.system)
    rule = RetentionRule.objects.get(system=world.system, record_type="complaints.complaint")
    response = _post_rule(
        signed_in(world.users["administrator"]), "complaints.complaint", 3, "years", "delete", rule.version
    )
    assert response.status_code == 400
    rule.refresh_from_db()
    assert rule.action == "anonymise"


def test_an_unknown_record_type_is_404_and_a_get_on_the_action_is_405(signed_in, world):
    client = signed_in(world.users["administrator"])
    assert _post_rule(client, "nothing.here", 3, "years", "delete", 0).status_code == 404
    assert client.get(reverse("retention:rule_update", args=["incidents.incident"])).status_code == 405


def test_holds_page_for_directors_and_administrators(signed_in, world, director):
    url = reverse("retention:holds")
    assert signed_in(director).get(url).status_code == 200
    assert signed_in(world.users["administrator"]).get(url).status_code == 200
    for role in ("frontline", "supervisor", "security", "trainer", "trustee"):
        assert signed_in(world.users[role]).get(url).status_code == 403


def test_a_director_holds_a_person_by_card_number_and_another_systems_card_is_not_found(
    signed_in, world, director
):
    someone = person(world, card_number="21000099")
    theirs = person(world, card_number="99990000")
    theirs.system = world.other_system
    theirs.save()
    client = signed_in(director)
    data = {"record_type": "patrons.person", "reason": "Litigation notice", "review_on": "2027-06-30"}
    response = client.post(reverse("retention:holds"), {**data, "reference": "99990000"})
    assert response.status_code == 400 and "Nothing of that kind" in response.content.decode()
    assert not LegalHold.objects.exists()
    response = client.post(reverse("retention:holds"), {**data, "reference": "21000099"})
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.record_type, hold.record_id, hold.placed_by) == ("patrons.person", someone.pk, director)


def test_a_hold_of_another_system_cannot_be_released_and_a_release_needs_a_reason(signed_in, world, director):
    incident = incident_closed_on(world, date(2020, 1, 1))
    hold = legal_hold_place(
        actor=director,
        system=world.system,
        record_type="incidents.incident",
        record_id=incident.pk,
        reason="Police request",
        review_on=date(2027, 1, 1),
    )
    url = reverse("retention:hold_release", args=[hold.pk])
    response = signed_in(world.users["other_system_admin"]).post(url, {"release_note": "Done"})
    assert response.status_code == 404
    signed_in(director).post(url, {"release_note": ""})
    hold.refresh_from_db()
    assert hold.released_at is None
    signed_in(director).post(url, {"release_note": "Released by counsel"})
    hold.refresh_from_db()
    assert hold.released_at is not None and hold.released_by == director


def test_a_hold_past_its_review_date_is_on_the_directors_desk(signed_in, world, director):
    incident = incident_closed_on(world, date(2020, 1, 1))
    legal_hold_place(
        actor=director,
        system=world.system,
        record_type="incidents.incident",
        record_id=incident.pk,
        reason="Police request",
        review_on=date(2020, 1, 2),
    )
    content = signed_in(director).get(reverse("core:desk")).content.decode()
    assert (
        "Legal holds to review" in content and f"Review the legal hold on Incident #{incident.pk}" in content
    )
    other = signed_in(world.users["other_system_admin"]).get(reverse("core:desk")).content.decode()
    assert "Legal holds to review" not in other


def test_an_erasure_lists_what_is_kept_with_its_rule_and_refuses_until_it_lets_go(signed_in, world):
    from patroncare.libraries.calendar import today_in

    schedule_defaults_install(system=world.system)
    someone = person(world, name="Casey Hidden")
    incident = incident_closed_on(world, today_in(world.system), person=someone)
    url = reverse("retention:erase", args=[someone.pk])
    client = signed_in(world.users["administrator"])
    content = client.get(url).content.decode()
    assert f"Incident #{incident.pk}" in content and "kept 3 years after" in content
    assert "Casey Hidden" not in content
    response = client.post(url)
    assert response.status_code == 400
    someone.refresh_from_db()
    assert someone.name == "Casey Hidden" and someone.anonymised_at is None


def test_a_person_nothing_keeps_is_erased_and_others_cannot_reach_the_page(signed_in, world):
    someone = person(world, name="Casey Hidden")
    url = reverse("retention:erase", args=[someone.pk])
    assert signed_in(world.users["other_system_admin"]).post(url).status_code == 404
    assert signed_in(world.users["supervisor"]).post(url).status_code == 403
    someone.refresh_from_db()
    assert someone.anonymised_at is None
    response = signed_in(world.users["administrator"]).post(url)
    assert response.status_code == 302
    someone.refresh_from_db()
    assert (someone.name, someone.card_number) == ("", "") and someone.anonymised_at is not None
