"""The Open Referral (HSDS 3.0) datapackage: import, export, round trip; broken packages change nothing."""

import io
import zipfile
from datetime import date, time
from pathlib import Path

import pytest

from patroncare.referrals import hsds, services
from patroncare.referrals.models import Category, Resource

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "valid"
PANTRY = "5e7d0c2a-0002-4f1b-8a2c-000000000001"
SHELTER = "5e7d0c2a-0002-4f1b-8a2c-000000000002"


def package(**replace: str) -> io.BytesIO:
    """The sample package as a zip, with some files' content replaced (None drops the file)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(SAMPLE.iterdir()):
            content = replace.get(path.stem, path.read_text())
            if content is not None:
                archive.writestr(path.name, content)
    buffer.seek(0)
    return buffer


def test_the_sample_package_imports_every_service_with_hours_languages_and_needs(world):
    services.categories_install_standard(system=world.system)
    report = services.directory_import(
        actor=world.users["administrator"], system=world.system, upload=package()
    )
    assert report.errors == []
    assert (report.created, report.updated) == (2, 0)
    shelter = Resource.objects.get(system=world.system, hsds_id=SHELTER)
    assert shelter.organisation == "Harbor House Shelter"
    assert shelter.address == "45 Harbor Road, Riverbend, IL 60001"
    assert (shelter.phone, shelter.text_line) == ("555-0120", "55512")
    assert shelter.last_verified_on == date(2024, 2, 29)
    assert shelter.hours.count() == 7
    assert set(shelter.hours.values_list("opens", "closes")) == {(time(20), time(8))}
    assert [c.slug for c in shelter.categories.all()] == ["shelter-housing"]
    pantry = Resource.objects.get(system=world.system, hsds_id=PANTRY)
    assert pantry.language_codes == ["en", "es"]
    assert sorted(pantry.hours.values_list("weekday", flat=True)) == [1, 3]
    assert pantry.last_verified_on == date(2026, 9, 30)
    assert pantry.getting_there_en == "Bus 4 to Mill Street"


def test_importing_twice_updates_by_hsds_id_without_duplicates(world):
    admin = world.users["administrator"]
    services.directory_import(actor=admin, system=world.system, upload=package())
    pantry = Resource.objects.get(system=world.system, hsds_id=PANTRY)
    pantry.name_es = "Despensa semanal"
    pantry.staff_notes = "Ask for Rosa at the door."
    pantry.save()
    changed = (SAMPLE / "service.csv").read_text().replace("Weekly grocery pantry", "Grocery pantry")
    report = services.directory_import(actor=admin, system=world.system, upload=package(service=changed))
    assert (report.created, report.updated) == (0, 2)
    assert Resource.objects.filter(system=world.system).count() == 2
    pantry.refresh_from_db()
    assert pantry.name_en == "Grocery pantry"
    # What the package does not carry is kept.
    assert (pantry.name_es, pantry.staff_notes) == ("Despensa semanal", "Ask for Rosa at the door.")
    assert pantry.hours.count() == 2


def test_a_broken_package_changes_nothing_and_says_why_row_by_row(world):
    admin = world.users["administrator"]
    services.directory_import(actor=admin, system=world.system, upload=package())
    before = list(Resource.objects.order_by("pk").values_list("pk", "name_en", "version"))
    service = (SAMPLE / "service.csv").read_text()
    service = service.replace("https://pantry.example.org/groceries", "not a web page")
    service = service.replace(
        "0a1e8f4e-0001-4c5b-9d1e-000000000002,Night shelter",
        "0a1e8f4e-0001-4c5b-9d1e-999999999999,Night shelter",
    )
    service += (
        "5e7d0c2a-0002-4f1b-8a2c-000000000003,0a1e8f4e-0001-4c5b-9d1e-000000000001,,,,active,,,31/12/2026\n"
    )
    schedule = (SAMPLE / "schedule.csv").read_text().replace("20:00,08:00", "8 pm,08:00")
    report = services.directory_import(
        actor=admin, system=world.system, upload=package(service=service, schedule=schedule)
    )
    problems = {(p.table, p.row, p.column) for p in report.errors}
    assert problems == {
        ("service.csv", 2, "url"),
        ("service.csv", 3, "organization_id"),
        ("service.csv", 4, "name"),
        ("service.csv", 4, "assured_date"),
        ("schedule.csv", 3, "opens_at"),
    }
    assert (report.created, report.updated) == (0, 0)
    assert list(Resource.objects.order_by("pk").values_list("pk", "name_en", "version")) == before


def test_a_package_without_its_descriptor_or_service_table_is_refused(world):
    admin = world.users["administrator"]
    no_descriptor = services.directory_import(
        actor=admin, system=world.system, upload=package(datapackage=None)
    )
    assert [p.table for p in no_descriptor.errors] == ["datapackage.json"]
    missing_column = services.directory_import(
        actor=admin, system=world.system, upload=package(organization="id,description\nx,y\n")
    )
    assert [(p.table, p.row, p.column) for p in missing_column.errors] == [("organization.csv", 1, "name")]
    assert not Resource.objects.exists()
    assert not Category.objects.exists()


def test_export_then_import_elsewhere_gives_the_same_directory(world):
    admin = world.users["administrator"]
    services.categories_install_standard(system=world.system)
    services.directory_import(actor=admin, system=world.system, upload=package())
    data, count = hsds.export_package(system=world.system)
    assert count == 2
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert {"datapackage.json", "service.csv", "schedule.csv"} <= set(archive.namelist())
    other_admin = world.users["other_system_admin"]
    report = services.directory_import(actor=other_admin, system=world.other_system, upload=io.BytesIO(data))
    assert report.errors == []
    assert report.created == 2

    def snapshot(system):
        return [
            (
                r.hsds_id,
                r.organisation,
                r.name_en,
                r.address,
                r.phone,
                r.text_line,
                r.website,
                r.languages,
                r.last_verified_on,
                sorted(r.hours.values_list("weekday", "opens", "closes")),
                sorted(r.categories.values_list("slug", flat=True)),
            )
            for r in Resource.objects.filter(system=system).order_by("hsds_id")
        ]

    assert snapshot(world.other_system) == snapshot(world.system)
