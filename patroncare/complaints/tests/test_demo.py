"""The demo shows restricted complaints at work: owned by someone allowed, hidden from the staff named."""

import pytest
from django.core.management import call_command

from patroncare.accounts.models import User
from patroncare.complaints import permissions, selectors
from patroncare.complaints.models import Complaint

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_the_demo_holds_restricted_cases_that_only_allowed_people_read():
    call_command("load_demo", verbosity=0)
    restricted = Complaint.objects.filter(restricted=True).prefetch_related("staff_named")
    assert restricted.count() >= 5
    assert restricted.filter(staff_named__isnull=False).distinct().count() >= 5
    for case in restricted.select_related("owner", "system"):
        assert case.owner is not None and permissions.can_read_restricted(case.owner, case), case
        for named in case.staff_named.all():
            assert not selectors.visible_complaints(user=named).filter(pk=case.pk).exists(), (case, named)
    about_supervisor = Complaint.objects.get(reference="RSTR-CEN4")
    dana = User.objects.get(email="dana.whitfield@riverbend.example")
    maria = User.objects.get(email="maria.lopez@riverbend.example")
    assert not selectors.visible_complaints(user=dana).filter(pk=about_supervisor.pk).exists()
    assert selectors.restricted_receipt_for(user=maria, pk=about_supervisor.pk) is not None
    assert not permissions.can_read_restricted(maria, about_supervisor)
    merged = Complaint.objects.get(reference="DUPL-CEN2")
    assert merged.merged_into.reference == "DUPL-CEN3" and merged.status == "closed"
    assert {e.complaint_id for e in selectors.complaint_timeline(complaint=merged.merged_into)} == {
        merged.pk,
        merged.merged_into_id,
    }


def test_the_demo_holds_a_case_with_owned_promises_a_place_and_a_time():
    from patroncare.complaints.shell import action_items

    call_command("load_demo", verbosity=0)
    case = Complaint.objects.get(reference="PROM-EAS2")
    assert case.location is not None and case.location.branch_id == case.branch_id
    assert case.occurred_at is not None and case.occurred_at <= case.received_at
    actions = list(case.actions.select_related("owner"))
    assert len(actions) == 3
    for action in actions:
        assert action.due_date is not None and permissions.may_own_action(action.owner, case), action
    luis = User.objects.get(email="luis.ortega@riverbend.example")
    items = action_items(luis)
    assert items and items[0].overdue and "PROM-EAS2" in items[0].title


def test_the_demo_holds_a_case_to_triage_a_patrons_answer_and_praise_passed_on():
    from patroncare.complaints.models import CaseEntry

    call_command("load_demo", verbosity=0)
    waiting = Complaint.objects.filter(selectors.untriaged_condition(), status="new", channel="web")
    assert waiting.filter(owner__isnull=False, respond_due_at__isnull=False).exists()
    dana = User.objects.get(email="dana.whitfield@riverbend.example")
    assert list(selectors.to_triage_for(user=dana))
    answered = CaseEntry.objects.filter(kind="patron_reply").select_related("complaint")
    assert answered.exists() and answered.first().complaint.waiting_for_patron_since is None
    luis = User.objects.get(email="luis.ortega@riverbend.example")
    praise = Complaint.objects.get(kind="praise", praise_passed_to=luis)
    assert praise.pk in {case.pk for case in selectors.praise_for(user=luis)}
    # Loading again makes no second copy of any of them.
    call_command("load_demo", verbosity=0)
    assert Complaint.objects.filter(kind="praise", praise_passed_to=luis).count() == 1
