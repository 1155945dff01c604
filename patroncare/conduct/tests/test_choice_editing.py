"""An administrator gives a ladder row its further options ("or ...") on the row's create and edit forms."""

import pytest
from django.urls import reverse

from patroncare.audit.models import AuditEvent
from patroncare.rulebook.models import BehaviourClass, LadderStep, LadderStepChoice

pytestmark = pytest.mark.django_db


def _row(prefix, behaviour_class, **extra):
    data = {
        f"{prefix}behaviour_class": behaviour_class.pk,
        f"{prefix}offence_from": "1",
        f"{prefix}offence_to": "1",
        f"{prefix}lookback_number": "12",
        f"{prefix}lookback_unit": "months",
        f"{prefix}counts": "same",
        f"{prefix}outcome": "warning",
        f"{prefix}length_unit": "days",
        f"{prefix}lift_after_unit": "years",
        f"{prefix}version": "1",  # the row's version the edit page sends (a new row's form has none)
    }
    return data | {f"{prefix}{name}": value for name, value in extra.items()}


def _choices(prefix, options, initial=0):
    data = {f"{prefix}-TOTAL_FORMS": str(len(options)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for number, option in enumerate(options):
        data |= {f"{prefix}-{number}-{name}": value for name, value in option.items()}
    return data


LEAVE = {"outcome": "leave_day", "length_unit": "days"}


@pytest.fixture
def minor(conduct):
    return BehaviourClass.objects.get(system=conduct.system, rank=1)


@pytest.fixture
def row(conduct, minor):
    LadderStep.objects.filter(system=conduct.system).delete()
    return LadderStep.objects.create(
        system=conduct.system, behaviour_class=minor, offence_from=1, offence_to=1, outcome="warning"
    )


def test_an_administrator_adds_a_row_with_a_further_option(conduct, minor, signed_in):
    LadderStep.objects.filter(system=conduct.system).delete()
    client = signed_in(conduct.users["administrator"])
    assert 'name="step-choices-0-outcome"' in client.get(reverse("conduct:ladder")).content.decode()
    data = _row("step-", minor) | _choices("step-choices", [LEAVE, {"outcome": "", "length_unit": "days"}])
    response = client.post(reverse("conduct:ladder_step_create"), data)
    assert response.status_code == 302
    step = LadderStep.objects.get(system=conduct.system)
    assert [(c.position, c.outcome) for c in step.choices.all()] == [(2, "leave_day")]
    event = AuditEvent.objects.filter(event="rulebook.step_added").latest("pk")
    assert "choices" in event.changes  # recorded as changed; option texts are not kept in the trail


def test_an_administrator_removes_a_further_option(conduct, row, signed_in):
    choice = LadderStepChoice.objects.create(step=row, position=2, outcome="leave_day")
    client = signed_in(conduct.users["administrator"])
    url = reverse("conduct:ladder_step_edit", args=[row.pk])
    page = client.get(url).content.decode()
    assert 'name="choices-0-DELETE"' in page and 'name="choices-1-outcome"' in page
    data = _row("", row.behaviour_class) | _choices(
        "choices", [LEAVE | {"id": choice.pk, "step": row.pk, "DELETE": "on"}], initial=1
    )
    assert client.post(url, data).status_code == 302
    assert not LadderStepChoice.objects.exists()
    event = AuditEvent.objects.filter(event="rulebook.step_changed").latest("pk")
    assert "choices" in event.changes


def test_options_are_renumbered_from_two(conduct, row, signed_in):
    client = signed_in(conduct.users["administrator"])
    suspension = {"outcome": "suspension", "length_min": "1", "length_unit": "days"}
    data = _row("", row.behaviour_class) | _choices("choices", [LEAVE, suspension])
    assert client.post(reverse("conduct:ladder_step_edit", args=[row.pk]), data).status_code == 302
    assert [(c.position, c.outcome, c.length_max) for c in row.choices.all()] == [
        (2, "leave_day", None),
        (3, "suspension", 1),
    ]


def test_an_option_repeating_the_row_changes_nothing_and_keeps_what_was_typed(conduct, row, signed_in):
    client = signed_in(conduct.users["administrator"])
    data = _row("", row.behaviour_class, note="Typed note") | _choices(
        "choices", [{"outcome": "warning", "length_unit": "days"}]
    )
    response = client.post(reverse("conduct:ladder_step_edit", args=[row.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "repeats the row" in page and "Typed note" in page
    row.refresh_from_db()
    assert row.note == "" and not LadderStepChoice.objects.exists()


def test_a_suspension_option_without_length_is_refused_on_its_field(conduct, row, signed_in):
    client = signed_in(conduct.users["administrator"])
    data = _row("", row.behaviour_class) | _choices(
        "choices", [{"outcome": "suspension", "length_unit": "days"}]
    )
    response = client.post(reverse("conduct:ladder_step_edit", args=[row.pk]), data)
    assert response.status_code == 400
    assert response.context["choice_forms"].forms[0].errors["length_min"]
    assert not LadderStepChoice.objects.exists()


def test_a_supervisor_gets_403_and_another_system_404(conduct, row, signed_in):
    url = reverse("conduct:ladder_step_edit", args=[row.pk])
    data = _row("", row.behaviour_class) | _choices("choices", [LEAVE])
    for user, status in [("supervisor", 403), ("other_system_admin", 404)]:
        client = signed_in(conduct.users[user])
        assert client.get(url).status_code == status
        assert client.post(url, data).status_code == status
    assert not LadderStepChoice.objects.exists()
