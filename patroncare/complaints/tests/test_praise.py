"""Praise is not a complaint: no severity or deadline, no survey; passed on to the staff it names."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.complaints import selectors, services
from patroncare.complaints.models import Category, Complaint
from patroncare.conftest import sign_in

from .factories import record, submit

pytestmark = pytest.mark.django_db
THANKS = "Ms Alvarez spent an hour helping my father set up his first e-mail account. Thank you!"


@pytest.fixture
def praise(world):
    complaint, _secret, _created = submit(
        system=world.system, branch=world.branch, kind="praise", narrative=THANKS
    )
    return complaint


@pytest.fixture
def alvarez(world):
    """A colleague at another branch, who would not otherwise see this branch's cases."""
    return UserFactory(
        library_system=world.system, full_name="Inés Alvarez", roles=[(Role.FRONTLINE, world.other_branch)]
    )


def test_praise_has_no_severity_and_no_deadline(praise):
    assert praise.severity == "" and praise.respond_due_at is None and praise.acknowledge_due_at is None
    assert not praise.restricted


def test_triage_of_praise_needs_no_severity(world, praise):
    category = Category.objects.get(system=world.system, key="praise")
    services.complaint_triage(
        actor=world.users["supervisor"],
        complaint=praise,
        expected_version=praise.version,
        category=category,
        severity="",
        kind="praise",
    )
    praise.refresh_from_db()
    assert praise.category == category and praise.respond_due_at is None


def test_a_supervisor_passes_praise_on_and_the_person_then_sees_it_and_only_it(
    world, praise, alvarez, client, sent
):
    other_case, _secret = record(actor=world.users["supervisor"], branch=world.branch)
    assert not selectors.visible_complaints(user=alvarez).filter(pk=praise.pk).exists()
    mail.outbox.clear()
    with sent():
        services.praise_pass_on(actor=world.users["supervisor"], complaint=praise, staff=[alvarez])
    assert [m.to for m in mail.outbox] == [[alvarez.email]]
    assert f"/complaints/{praise.pk}/" in mail.outbox[0].body and "ana@example.net" not in mail.outbox[0].body
    visible = set(selectors.visible_complaints(user=alvarez).values_list("pk", flat=True))
    assert praise.pk in visible and other_case.pk not in visible
    sign_in(client, alvarez)
    page = client.get(reverse("complaints:detail", args=[praise.pk])).content.decode()
    assert THANKS.replace("!", "") in page.replace("!", "") and "ana@example.net" not in page
    assert "Praise for you" in client.get(reverse("core:desk")).content.decode()


def test_only_a_supervisor_passes_praise_on_and_only_praise(world, praise, alvarez):
    with pytest.raises(ValidationError):
        services.praise_pass_on(actor=world.users["frontline"], complaint=praise, staff=[alvarez])
    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch)
    with pytest.raises(ValidationError):
        services.praise_pass_on(actor=world.users["supervisor"], complaint=complaint, staff=[alvarez])
    assert not praise.praise_passed_to.exists()


def test_closing_praise_sends_no_satisfaction_survey(world, praise, sent):
    mail.outbox.clear()
    with sent():
        services.complaint_close(
            actor=world.users["supervisor"],
            complaint=praise,
            expected_version=praise.version,
            judgement="one_off",
            reason="Passed on with thanks.",
            outcome="first_contact",
        )
    assert Complaint.objects.get(pk=praise.pk).status == "closed"
    assert not [m for m in mail.outbox if m.to == ["ana@example.net"]]


def test_naming_staff_in_praise_does_not_restrict_it(world, alvarez):
    complaint, _secret = record(
        actor=world.users["frontline"], branch=world.branch, kind="praise", severity="", staff_named=[alvarez]
    )
    assert not complaint.restricted


@pytest.mark.parametrize("key", ["other_branch_supervisor", "other_system_admin"])
def test_passing_praise_on_from_another_branch_or_system_is_404_and_changes_nothing(
    world, praise, alvarez, client, key
):
    sign_in(client, world.users[key])
    response = client.post(reverse("complaints:praise", args=[praise.pk]), {"staff": [alvarez.pk]})
    assert response.status_code == 404
    assert not praise.praise_passed_to.exists() and praise.entries.filter(kind="note").count() == 0


def test_passing_praise_on_through_the_page(world, praise, alvarez, client):
    sign_in(client, world.users["supervisor"])
    response = client.post(reverse("complaints:praise", args=[praise.pk]), {"staff": [alvarez.pk]})
    assert response.status_code == 302
    assert list(praise.praise_passed_to.all()) == [alvarez]
    assert client.get(reverse("complaints:praise", args=[praise.pk])).status_code == 405
