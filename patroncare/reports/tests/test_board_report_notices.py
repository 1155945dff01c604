"""Trustees are told when a board report is approved, in their own language, and confirming the reading
clears it; nobody of another system or another role is told."""

from datetime import timedelta

import pytest
from django.core import mail

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.notifications.models import Notification
from patroncare.notifications.services import preferences_save, send_digests
from patroncare.reports.notices import REPORT_APPROVED
from patroncare.reports.services import (
    board_report_approve,
    board_report_confirm_read,
    board_report_create,
    board_report_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(world):
    director = world.users["administrator"]
    world.system.director = director
    world.system.save(update_fields=["director"])
    return director


@pytest.fixture
def spanish_trustee(world):
    return UserFactory(
        library_system=world.system,
        roles=[(Role.TRUSTEE, None)],
        preferred_language="es",
        email="vocal@example.org",
    )


@pytest.fixture
def other_system_trustee(world):
    return UserFactory(library_system=world.other_system, roles=[(Role.TRUSTEE, None)])


def _draft(director):
    report = board_report_create(actor=director, period_kind="quarter", year=2026, quarter=1)
    return board_report_update(
        actor=director,
        report=report,
        expected_version=report.version,
        highlights_en="Fewer complaints about opening hours.",
        highlights_es="Menos quejas por el horario.",
    )


def _waiting():
    return sorted(
        Notification.objects.filter(kind=REPORT_APPROVED, read_at__isnull=True).values_list(
            "user__email", flat=True
        )
    )


def test_a_draft_tells_nobody(world, director, spanish_trustee, sent):
    with sent():
        _draft(director)
    assert not Notification.objects.filter(kind=REPORT_APPROVED).exists()


def test_approval_tells_the_trustees_of_the_system_and_no_one_else(
    world, director, spanish_trustee, other_system_trustee, sent
):
    report = _draft(director)
    mail.outbox.clear()
    with sent():
        board_report_approve(actor=director, report=report, expected_version=report.version)
    assert _waiting() == sorted([world.users["trustee"].email, spanish_trustee.email])
    english = Notification.objects.get(user=world.users["trustee"], kind=REPORT_APPROVED)
    spanish = Notification.objects.get(user=spanish_trustee, kind=REPORT_APPROVED)
    assert english.line == "The board report for Quarter 1 2026 was approved: please read it and confirm."
    assert spanish.line == (
        "Se aprobó el informe a la junta del periodo Trimestre 1 de 2026: léalo y confirme la lectura."
    )
    assert english.url.endswith(f"/reports/board/{report.pk}/")
    # The e-mail holds the line and the link, never the narrative.
    to_trustee = [m for m in mail.outbox if m.to == [world.users["trustee"].email]]
    assert len(to_trustee) == 1 and english.url in to_trustee[0].body
    assert "opening hours" not in to_trustee[0].body and "opening hours" not in to_trustee[0].subject
    assert not [m for m in mail.outbox if m.to == [director.email]]


def test_confirming_the_reading_clears_it_for_that_trustee_only(world, director, spanish_trustee, sent):
    report = _draft(director)
    with sent():
        report = board_report_approve(actor=director, report=report, expected_version=report.version)
    board_report_confirm_read(actor=spanish_trustee, report=report)
    assert _waiting() == [world.users["trustee"].email]
    cleared = Notification.objects.get(user=spanish_trustee, kind=REPORT_APPROVED)
    assert cleared.cleared_by_action and cleared.read_at is not None


def test_a_trustee_may_take_it_in_the_daily_digest(world, director, sent, settings):
    settings.NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = True
    trustee = world.users["trustee"]
    preferences_save(user=trustee, choices={REPORT_APPROVED: "digest"})
    report = _draft(director)
    mail.outbox.clear()
    with sent():
        board_report_approve(actor=director, report=report, expected_version=report.version)
    assert not [m for m in mail.outbox if m.to == [trustee.email]]
    assert list(trustee.digest_lines.values_list("kind", flat=True)) == [REPORT_APPROVED]
    assert _waiting() == [trustee.email]
    with sent():
        send_digests(now=trustee.digest_lines.get().created_at + timedelta(days=1))
    assert len([m for m in mail.outbox if m.to == [trustee.email]]) == 1
