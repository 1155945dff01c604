"""The ladder entered as a table: administrators only, the whole table posted, errors on their cells."""

import pytest
from django.urls import reverse

from patroncare.conftest import ADMIN_ONLY
from patroncare.rulebook.models import BehaviourClass, LadderStep
from patroncare.rulebook.services import _default_classes


@pytest.fixture
def classes(world):
    _default_classes(system=world.system, actor=None)
    return world


def test_the_table_is_for_administrators(role_matrix, classes):
    role_matrix(reverse("conduct:ladder_grid"), ADMIN_ONLY, hidden_text="Tier 1: minor")


def test_the_save_address_answers_get_with_405(signed_in, classes):
    assert (
        signed_in(classes.users["administrator"]).get(reverse("conduct:ladder_grid_save")).status_code == 405
    )


def _posted(client):
    page = client.get(reverse("conduct:ladder_grid"))
    form = page.context["form"]
    return {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}


def test_an_administrator_saves_the_table_and_a_bad_cell_keeps_what_was_typed(signed_in, classes):
    client = signed_in(classes.users["administrator"])
    data = _posted(client)
    first = BehaviourClass.objects.get(system=classes.system, rank=1).pk
    data |= {f"c-a-{first}-1-outcome": "warning", f"c-a-{first}-3-outcome": "suspension", "action": "save"}
    response = client.post(reverse("conduct:ladder_grid_save"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="#id_c-a-{first}-3-length_min"' in page and 'aria-invalid="true"' in page
    assert not LadderStep.objects.exists()
    data[f"c-a-{first}-3-length_min"] = "7"
    response = client.post(reverse("conduct:ladder_grid_save"), data)
    assert response.status_code == 302
    assert LadderStep.objects.filter(system=classes.system).count() == 2


def test_a_supervisor_cannot_save_the_table(signed_in, classes):
    client = signed_in(classes.users["supervisor"])
    assert client.post(reverse("conduct:ladder_grid_save"), {"action": "save"}).status_code == 403
    assert not LadderStep.objects.exists()


def test_next_offence_and_copy_row_without_script(signed_in, classes):
    client = signed_in(classes.users["administrator"])
    data = _posted(client)
    first, second = (c.pk for c in BehaviourClass.objects.filter(system=classes.system, rank__in=[1, 2]))
    data |= {f"c-a-{first}-1-outcome": "warning", "action": "add_offence"}
    response = client.post(reverse("conduct:ladder_grid_save"), data)
    assert response.status_code == 200 and response.context["form"].grid.columns == 4
    data = {name: value for name, value in response.context["form"].data.items()} | {
        "action": f"copy:r-a-{second}"
    }
    response = client.post(reverse("conduct:ladder_grid_save"), data)
    assert response.context["form"][f"c-a-{second}-1-outcome"].value() == "warning"
    assert not LadderStep.objects.exists()
