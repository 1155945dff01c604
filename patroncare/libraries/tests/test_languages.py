"""Branch and location names in both languages: kept by the migration, edited side by side, shown in the
reader's language, and a missing Spanish name shown in English marked lang="en"."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from patroncare.libraries.models import Location
from patroncare.libraries.tests.test_views import _week_post
from patroncare.testing.migrations import migrate_to


def _in_spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_name_as_its_english_version(back_to_the_latest_schema):
    old = migrate_to([("libraries", "0001_initial")])
    system = old.get_model("libraries", "LibrarySystem").objects.create(name="Old County", slug="old-county")
    branch = old.get_model("libraries", "Branch").objects.create(system=system, name="Main", code="MAI")
    old.get_model("libraries", "Location").objects.create(branch=branch, name="Children's area")
    new = migrate_to([("libraries", "0002_names_per_language")])
    branch = new.get_model("libraries", "Branch").objects.get(system_id=system.pk)
    location = new.get_model("libraries", "Location").objects.get(branch_id=branch.pk)
    assert (branch.name_en, branch.name_es) == ("Main", None)
    assert (location.name_en, location.name_es) == ("Children's area", None)


@pytest.mark.django_db
def test_a_location_is_added_with_both_names_from_a_spanish_page(signed_in, world):
    client = _in_spanish(signed_in(world.users["administrator"]))
    client.post(
        reverse("libraries:location_create", args=[world.branch.pk]),
        {
            "location-name": "Reading garden",
            "location-name_es": "Jardín de lectura",
            "location-kind": "other",
            "location-is_active": "on",
        },
    )
    location = Location.objects.get(branch=world.branch, name_en="Reading garden")
    # The plain field is the English version even though the page was in Spanish.
    assert (location.name_en, location.name_es) == ("Reading garden", "Jardín de lectura")
    page = client.get(reverse("libraries:branch_detail", args=[world.branch.pk])).content.decode()
    assert ">Jardín de lectura</a>" in page


@pytest.mark.django_db
def test_the_location_form_shows_both_versions_with_their_language(signed_in, world):
    location = world.branch.locations.get()
    client = _in_spanish(signed_in(world.users["administrator"]))
    page = client.get(
        reverse("libraries:location_edit", args=[world.branch.pk, location.pk])
    ).content.decode()
    assert 'name="name" ' in page and 'name="name_es"' in page
    assert 'lang="en"' in page and 'lang="es"' in page
    # No Spanish name yet: the heading shows the English one, marked as English.
    assert f'<span lang="en">{escape(location.name_en)}</span>' in page


@pytest.mark.django_db
def test_editing_the_spanish_name_keeps_the_english_one_and_is_audited(signed_in, world):
    location = world.branch.locations.get()
    english = location.name_en
    client = _in_spanish(signed_in(world.users["administrator"]))
    client.post(
        reverse("libraries:location_edit", args=[world.branch.pk, location.pk]),
        {
            "name": english,
            "name_es": "Vestíbulo",
            "kind": location.kind,
            "is_active": "on",
            "version": location.version,
        },
    )
    location.refresh_from_db()
    assert (location.name_en, location.name_es) == (english, "Vestíbulo")


@pytest.mark.django_db
def test_two_locations_of_a_branch_cannot_share_a_spanish_name(signed_in, world):
    Location.objects.create(branch=world.branch, name_en="Study room", name_es="Sala de estudio")
    client = signed_in(world.users["administrator"])
    response = client.post(
        reverse("libraries:location_create", args=[world.branch.pk]),
        {
            "location-name": "Quiet room",
            "location-name_es": "sala de estudio",
            "location-kind": "other",
            "location-is_active": "on",
        },
    )
    assert response.status_code == 400
    assert "This branch already has a location with this name." in response.content.decode()
    assert not Location.objects.filter(name_en="Quiet room").exists()


@pytest.mark.django_db
def test_a_branch_keeps_its_name_and_gets_a_spanish_one(signed_in, world):
    client = _in_spanish(signed_in(world.users["administrator"]))
    branch = world.branch
    english = branch.name_en
    data = _week_post(
        name=english, name_es="Sucursal de prueba", code=branch.code, version=branch.version, is_active="on"
    )
    response = client.post(reverse("libraries:branch_edit", args=[branch.pk]), data)
    assert response.status_code == 302
    branch.refresh_from_db()
    assert (branch.name_en, branch.name_es) == (english, "Sucursal de prueba")


@pytest.mark.django_db
def test_the_desk_names_a_holiday_in_spanish_or_marks_its_english_name(signed_in, world):
    from datetime import timedelta

    from patroncare.libraries.calendar import today_in
    from patroncare.libraries.models import Holiday

    today = today_in(world.system)
    Holiday.objects.create(system=world.system, date=today, name_en="Labor Day", name_es="Día del Trabajo")
    Holiday.objects.create(system=world.system, date=today + timedelta(days=1), name_en="Founders' Day")
    client = _in_spanish(signed_in(world.users["frontline"]))
    page = client.get(reverse("core:desk")).content.decode()
    assert "Día del Trabajo: todas las sucursales cerradas" in page
    founders = escape("Founders' Day")
    assert f'<span lang="en">{founders}</span>: todas las sucursales cerradas' in page
    assert "Labor Day" not in page
