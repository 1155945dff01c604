"""The ladder CSV pages: readers download their own ladder, administrators replace it, others are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from patroncare.audit.models import AuditEvent
from patroncare.rulebook.ladder_csv import export_csv
from patroncare.rulebook.models import LadderStep
from patroncare.rulebook.services import rules_install_defaults


@pytest.fixture
def ladder(world):
    rules_install_defaults(system=world.system)
    return world


def _file(text, name="ladder.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_a_supervisor_downloads_the_ladder_and_the_download_is_audited(signed_in, ladder):
    response = signed_in(ladder.users["supervisor"]).get(reverse("conduct:ladder_csv_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8").startswith("\ufeffclass,for_minors")
    assert "Tier 1: minor" in response.content.decode()
    assert AuditEvent.objects.filter(event="conduct.ladder_exported").exists()


def test_another_system_downloads_only_its_own_ladder(signed_in, ladder):
    response = signed_in(ladder.users["other_system_admin"]).get(reverse("conduct:ladder_csv_export"))
    assert response.status_code == 200 and "Tier 1" not in response.content.decode()


def test_an_administrator_imports_and_a_bad_file_shows_its_problems(signed_in, ladder):
    client = signed_in(ladder.users["administrator"])
    text = export_csv(ladder.system)
    count = LadderStep.objects.filter(system=ladder.system).count()
    response = client.post(reverse("conduct:ladder_csv_import"), {"ladder_file": _file(text)})
    assert response.status_code == 302
    assert LadderStep.objects.filter(system=ladder.system).count() == count
    bad = text.replace("Tier 1: minor", "Class Z", 1)
    response = client.post(reverse("conduct:ladder_csv_import"), {"ladder_file": _file(bad)})
    assert response.status_code == 400
    assert "Row 2, class: there is no class named “Class Z”" in response.content.decode()
    assert LadderStep.objects.filter(system=ladder.system).count() == count


def test_a_non_csv_upload_is_refused(signed_in, ladder):
    client = signed_in(ladder.users["administrator"])
    pdf = SimpleUploadedFile("ladder.pdf", b"%PDF-1.4 x")
    response = client.post(reverse("conduct:ladder_csv_import"), {"ladder_file": pdf})
    assert response.status_code == 400 and "Only CSV files" in response.content.decode()


@pytest.mark.parametrize("role", ["supervisor", "other_system_admin"])
def test_others_cannot_replace_this_ladder(signed_in, ladder, role):
    steps = list(LadderStep.objects.filter(system=ladder.system).values_list("pk", flat=True))
    client = signed_in(ladder.users[role])
    response = client.post(reverse("conduct:ladder_csv_import"), {"ladder_file": _file("class\n")})
    assert response.status_code == (403 if role == "supervisor" else 400)
    assert list(LadderStep.objects.filter(system=ladder.system).values_list("pk", flat=True)) == steps


def test_import_answers_get_with_405(signed_in, ladder):
    assert (
        signed_in(ladder.users["administrator"]).get(reverse("conduct:ladder_csv_import")).status_code == 405
    )
