"""Follow-up tasks: adding, assigning to someone of the branch, completing, and two people at once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.core.concurrency import StaleEditError
from patroncare.incidents import services
from patroncare.incidents.models import FollowUp
from patroncare.incidents.tests.factories import FollowUpFactory, IncidentFactory
from patroncare.libraries.calendar import local_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(world):
    return IncidentFactory(
        branch=world.branch, reported_by=world.users["frontline"], summary="Kicked the door"
    )


@pytest.fixture
def follow_up(incident):
    return FollowUpFactory(incident=incident, description="Ask for the camera footage")


def _today(world):
    return local_date(world.system, timezone.now())


def _fresh(follow_up):
    return FollowUp.objects.select_related("incident").get(pk=follow_up.pk)


def test_a_supervisor_adds_an_assigned_follow_up_and_the_assignee_is_emailed(
    world, incident, django_capture_on_commit_callbacks, settings
):
    settings.PATRONCARE_BASE_URL = "https://care.riverside.example"
    assignee = world.users["frontline"]
    assignee.preferred_language = "es"
    assignee.save()
    due = _today(world) + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        follow_up = services.follow_up_add(
            actor=world.users["supervisor"],
            incident=incident,
            description="Call Jordan Hidden's parent back",
            assignee=assignee,
            due_on=due,
        )
    assert (follow_up.assignee, follow_up.due_on, follow_up.created_by) == (
        assignee,
        due,
        world.users["supervisor"],
    )
    [message] = mail.outbox
    assert message.to == [assignee.email]
    assert message.subject == f"Se le ha asignado un seguimiento del incidente n.º {incident.pk}"
    assert f"https://care.riverside.example/incidents/follow-ups/{follow_up.pk}/" in message.body
    assert "Jordan" not in message.body + message.subject
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="incidents.followup", object_id=str(follow_up.pk)
    ).exists()


def test_the_reporter_adds_a_follow_up_to_their_own_incident_without_an_assignee(world, incident):
    follow_up = services.follow_up_add(
        actor=world.users["frontline"], incident=incident, description="  Check camera 2  "
    )
    assert (follow_up.description, follow_up.assignee, follow_up.due_on) == ("Check camera 2", None, None)
    assert mail.outbox == []


def test_security_reads_the_incident_but_cannot_add_a_follow_up(world, incident):
    with pytest.raises(ValidationError, match="cannot add follow-ups"):
        services.follow_up_add(actor=world.users["security"], incident=incident, description="x")
    assert FollowUp.objects.count() == 0


def test_assigning_sets_assignee_and_due_date_and_bumps_the_version(world, follow_up):
    due = _today(world) + timedelta(days=5)
    services.follow_up_assign(
        actor=world.users["supervisor"],
        follow_up=_fresh(follow_up),
        assignee=world.users["security"],
        due_on=due,
        expected_version=1,
    )
    follow_up.refresh_from_db()
    assert (follow_up.assignee, follow_up.due_on, follow_up.version) == (world.users["security"], due, 2)
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(follow_up.pk))
    assert event.event == "incidents.follow_up_assigned" and set(event.changes) == {"assignee", "due_on"}


def test_reassigning_emails_only_the_new_assignee(world, follow_up, django_capture_on_commit_callbacks):
    follow_up.assignee = world.users["frontline"]
    follow_up.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.follow_up_assign(
            actor=world.users["administrator"],
            follow_up=_fresh(follow_up),
            assignee=world.users["supervisor"],
            due_on=None,
            expected_version=1,
        )
    assert [m.to for m in mail.outbox] == [[world.users["supervisor"].email]]
    assert AuditEvent.objects.get(object_id=str(follow_up.pk)).event == "incidents.follow_up_reassigned"


def test_changing_only_the_due_date_sends_no_email(world, follow_up, django_capture_on_commit_callbacks):
    follow_up.assignee = world.users["frontline"]
    follow_up.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.follow_up_assign(
            actor=world.users["supervisor"],
            follow_up=_fresh(follow_up),
            assignee=world.users["frontline"],
            due_on=_today(world) + timedelta(days=1),
            expected_version=1,
        )
    assert mail.outbox == []


def test_staff_of_another_branch_are_refused_with_a_clear_message(world, follow_up):
    elsewhere = UserFactory(
        library_system=world.system, full_name="Olive Oakton", roles=[(Role.FRONTLINE, world.other_branch)]
    )
    with pytest.raises(ValidationError) as error:
        services.follow_up_assign(
            actor=world.users["supervisor"],
            follow_up=_fresh(follow_up),
            assignee=elsewhere,
            due_on=None,
            expected_version=1,
        )
    assert error.value.message_dict["assignee"] == [
        "Olive Oakton does not work at Millbrook Branch. Choose someone who works there or across the whole "
        "library system."
    ]
    follow_up.refresh_from_db()
    assert (follow_up.assignee, follow_up.version) == (None, 1)


def test_staff_of_another_library_system_are_refused(world, follow_up):
    with pytest.raises(ValidationError) as error:
        services.follow_up_assign(
            actor=world.users["supervisor"],
            follow_up=_fresh(follow_up),
            assignee=world.users["other_system_admin"],
            due_on=None,
            expected_version=1,
        )
    assert error.value.message_dict["assignee"] == ["Choose a member of staff of your own library system."]
    assert _fresh(follow_up).assignee is None


def test_system_wide_staff_may_be_assigned_but_trainers_may_not(world, follow_up):
    services.follow_up_assign(
        actor=world.users["supervisor"],
        follow_up=_fresh(follow_up),
        assignee=world.users["administrator"],
        due_on=None,
        expected_version=1,
    )
    with pytest.raises(ValidationError, match="does not work at Millbrook Branch"):
        services.follow_up_assign(
            actor=world.users["supervisor"],
            follow_up=_fresh(follow_up),
            assignee=world.users["trainer"],
            due_on=None,
            expected_version=2,
        )


def test_a_due_date_in_the_past_is_refused(world, follow_up):
    with pytest.raises(ValidationError) as error:
        services.follow_up_assign(
            actor=world.users["supervisor"],
            follow_up=_fresh(follow_up),
            assignee=None,
            due_on=_today(world) - timedelta(days=1),
            expected_version=1,
        )
    assert error.value.message_dict == {"due_on": ["The due date cannot be in the past."]}


def test_an_other_branch_supervisor_cannot_assign(world, follow_up):
    with pytest.raises(ValidationError, match="Only a supervisor or administrator of this branch"):
        services.follow_up_assign(
            actor=world.users["other_branch_supervisor"],
            follow_up=_fresh(follow_up),
            assignee=world.users["frontline"],
            due_on=None,
            expected_version=1,
        )
    assert _fresh(follow_up).assignee is None


def test_the_assignee_completes_with_a_note(world, follow_up):
    follow_up.assignee = world.users["frontline"]
    follow_up.save()
    services.follow_up_complete(
        actor=world.users["frontline"],
        follow_up=_fresh(follow_up),
        note=" Footage saved ",
        expected_version=1,
    )
    follow_up.refresh_from_db()
    assert follow_up.done_by == world.users["frontline"] and follow_up.done_note == "Footage saved"
    assert follow_up.done_at is not None and follow_up.version == 2
    assert AuditEvent.objects.get(object_id=str(follow_up.pk)).event == "incidents.follow_up_done"


def test_completing_needs_a_note(world, follow_up):
    with pytest.raises(ValidationError) as error:
        services.follow_up_complete(
            actor=world.users["supervisor"], follow_up=_fresh(follow_up), note="  ", expected_version=1
        )
    assert error.value.message_dict == {"note": ["Say in a few words what was done."]}
    assert _fresh(follow_up).done_at is None


def test_someone_neither_assigned_nor_supervising_cannot_complete(world, follow_up):
    follow_up.assignee = world.users["supervisor"]
    follow_up.save()
    with pytest.raises(ValidationError, match="Only the person it is assigned to"):
        services.follow_up_complete(
            actor=world.users["security"], follow_up=_fresh(follow_up), note="Done", expected_version=1
        )
    assert _fresh(follow_up).done_at is None


def test_a_stale_completion_after_a_reassignment_is_refused(world, follow_up):
    """Two people at once: the second one, who started from the old version, is told and saves nothing."""
    follow_up.assignee = world.users["frontline"]
    follow_up.save()
    seen_by_frontline = _fresh(follow_up)
    services.follow_up_assign(
        actor=world.users["supervisor"],
        follow_up=_fresh(follow_up),
        assignee=world.users["administrator"],
        due_on=None,
        expected_version=1,
    )
    with pytest.raises(StaleEditError):
        services.follow_up_complete(
            actor=world.users["supervisor"], follow_up=seen_by_frontline, note="Done", expected_version=1
        )
    follow_up.refresh_from_db()
    assert (follow_up.assignee, follow_up.done_at, follow_up.version) == (
        world.users["administrator"],
        None,
        2,
    )


def test_two_reassignments_at_once_do_not_overwrite_each_other(world, follow_up):
    first, second = _fresh(follow_up), _fresh(follow_up)
    services.follow_up_assign(
        actor=world.users["supervisor"],
        follow_up=first,
        assignee=world.users["frontline"],
        due_on=None,
        expected_version=1,
    )
    with pytest.raises(StaleEditError):
        services.follow_up_assign(
            actor=world.users["administrator"],
            follow_up=second,
            assignee=world.users["security"],
            due_on=None,
            expected_version=1,
        )
    assert _fresh(follow_up).assignee == world.users["frontline"]


def test_a_done_follow_up_cannot_be_reassigned_or_completed_again(world, follow_up):
    services.follow_up_complete(
        actor=world.users["supervisor"], follow_up=_fresh(follow_up), note="Done", expected_version=1
    )
    with pytest.raises(ValidationError, match="already done"):
        services.follow_up_complete(
            actor=world.users["supervisor"], follow_up=_fresh(follow_up), note="Again", expected_version=2
        )
    with pytest.raises(ValidationError, match="already done"):
        services.follow_up_assign(
            actor=world.users["supervisor"],
            follow_up=_fresh(follow_up),
            assignee=world.users["frontline"],
            due_on=None,
            expected_version=2,
        )


def test_the_database_refuses_done_without_who(world, follow_up):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.filter(pk=follow_up.pk).update(done_at=timezone.now())


def test_report_form_lines_become_follow_ups_created_by_the_reporter(world, signed_in):
    from patroncare.incidents.tests.test_views import _post_data

    signed_in(world.users["frontline"]).post(reverse("incidents:report"), _post_data(world))
    follow_up = FollowUp.objects.get()
    assert (follow_up.description, follow_up.created_by, follow_up.assignee) == (
        "Check camera 2",
        world.users["frontline"],
        None,
    )
