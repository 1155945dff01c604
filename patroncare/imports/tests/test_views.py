"""The import steps in the browser, for administrators only: upload, columns, values, dry run, the import in
the task engine, the failed rows as CSV, undo."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from patroncare.conftest import ADMIN_ONLY, ADMIN_ONLY_RECORD, sign_in
from patroncare.imports.models import ColumnMapping, ImportJob, ImportRun, JobState
from patroncare.imports.services import jobs
from patroncare.incidents.models import Incident

from .test_imports import GOOGLE_FORM


@pytest.fixture
def admin_client(client, world):
    return sign_in(client, world.users["administrator"])


def _upload(client, raw=None, name="form.csv", source="Incident Google Form"):
    raw = GOOGLE_FORM.encode("utf-8") if raw is None else raw
    return client.post(
        reverse("imports:upload"),
        {"kind": "incidents", "source": source, "file": SimpleUploadedFile(name, raw)},
    )


COLUMNS = {
    "col_occurred_at": "Timestamp",
    "col_branch": "Which library?",
    "col_narrative": "What happened",
    "col_behaviours": "What kind of behaviour",
    "col_location": "Where",
    "row_key": "Timestamp",
    "default_behaviours": "rudeness",
}


def _through_to_the_dry_run(client):
    response = _upload(client)
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:columns", args=[job.pk])
    columns_page = client.get(response.url)
    assert columns_page.status_code == 200
    assert columns_page.context["form"].initial["col_occurred_at"] == "Timestamp"  # guessed from the title
    response = client.post(reverse("imports:columns", args=[job.pk]), COLUMNS)
    assert response.url == reverse("imports:values", args=[job.pk])
    values_page = client.get(response.url)
    form = values_page.context["form"]
    fields = {form[key].label: key for key in form.fields}
    data = {key: form[key].initial or "" for key in form.fields}
    assert data[fields["millbrook branch"]] == "MIL"  # suggested by likeness
    assert data[fields["Atlantis Branch"]] == ""
    data[fields["Atlantis Branch"]] = "OAK"  # confirmed by the person
    response = client.post(reverse("imports:values", args=[job.pk]), data)
    assert response.url == reverse("imports:preview", args=[job.pk])
    return job


def test_the_whole_import_in_the_browser(admin_client, world, sent):
    job = _through_to_the_dry_run(admin_client)
    preview = admin_client.get(reverse("imports:preview", args=[job.pk]))
    page = preview.content.decode()
    assert preview.context["report"].created == 4 and preview.context["report"].failed == 2
    assert "“yesterday” is not a date we can read" in page
    assert "What happened: The row has no narrative." in page
    assert "like 3/5/2024 14:30:00" in page and "1 not readable" in page
    assert Incident.objects.count() == 0 and ImportRun.objects.count() == 0  # the dry run kept nothing

    with sent():  # the task is queued when the request commits, and runs at once without a broker
        response = admin_client.post(reverse("imports:start", args=[job.pk]))
    assert response.url == reverse("imports:job", args=[job.pk])
    job.refresh_from_db()
    assert job.state == JobState.FINISHED and not job.file
    assert Incident.objects.count() == 4
    assert sorted(Incident.objects.values_list("branch__code", flat=True)) == ["MIL", "MIL", "OAK", "OAK"]
    page = admin_client.get(response.url).content.decode()
    assert 'value="6"' in page and "4 new, 0 already there, 2 failed." in page

    failed = admin_client.get(reverse("imports:failed_rows", args=[job.run.pk]))
    rows = list(csv.reader(io.StringIO(failed.content.decode())))
    assert rows[0][:3] == ["row", "errors", "Timestamp"] and [r[0] for r in rows[1:]] == ["6", "8"]

    remembered = ColumnMapping.objects.get(source="Incident Google Form").mapping
    assert remembered["values"]["branch"]["Atlantis Branch"] == "OAK"
    assert admin_client.post(reverse("imports:undo", args=[job.run.pk])).status_code == 302
    assert Incident.objects.count() == 0


def test_the_columns_chosen_are_offered_again_for_the_next_file_of_the_source(admin_client, sent):
    job = _through_to_the_dry_run(admin_client)
    with sent():
        admin_client.post(reverse("imports:start", args=[job.pk]))
    _upload(admin_client, name="form-2025.csv")
    second = ImportJob.objects.exclude(pk=job.pk).get()
    form = admin_client.get(reverse("imports:columns", args=[second.pk])).context["form"]
    assert form.initial["col_branch"] == "Which library?" and form.initial["default_behaviours"] == "rudeness"
    assert second.mapping["values"]["branch"]["Atlantis Branch"] == "OAK"


def test_an_upload_that_is_not_a_spreadsheet_is_refused_and_kept_nowhere(admin_client):
    response = _upload(admin_client, raw=b"\x89PNG\r\n\x1a\n\x00\x00\x00", name="photo.csv")
    assert response.status_code == 400
    assert "This is not a CSV or XLSX file." in response.content.decode()
    assert 'value="Incident Google Form"' in response.content.decode()  # what was typed stays
    big = _upload(admin_client, raw=b"a,b\n" + b"x" * (20 * 1024 * 1024), name="big.csv")
    assert big.status_code == 400 and "larger than 20 MB" in big.content.decode()
    assert ImportJob.objects.count() == 0


def test_only_administrators_reach_the_imports(role_matrix, world):
    role_matrix(reverse("imports:index"), ADMIN_ONLY)


def test_another_system_finds_no_file_and_no_import(role_matrix, world):
    admin = world.users["administrator"]
    job = jobs.job_upload(
        actor=admin, kind="incidents", source="Form", upload=SimpleUploadedFile("f.csv", GOOGLE_FORM.encode())
    )
    role_matrix(reverse("imports:columns", args=[job.pk]), ADMIN_ONLY_RECORD)
    role_matrix(reverse("imports:job", args=[job.pk]), ADMIN_ONLY_RECORD)


def test_a_refused_start_or_undo_changes_nothing(client, world):
    admin = world.users["administrator"]
    job = jobs.job_upload(
        actor=admin, kind="incidents", source="Form", upload=SimpleUploadedFile("f.csv", GOOGLE_FORM.encode())
    )
    for key, status in (("supervisor", 403), ("other_system_admin", 404)):
        client.logout()
        sign_in(client, world.users[key])
        assert client.post(reverse("imports:start", args=[job.pk])).status_code == status
        assert client.post(reverse("imports:discard", args=[job.pk])).status_code == status
    job.refresh_from_db()
    assert job.state == JobState.MAPPING and Incident.objects.count() == 0
    assert client.get(reverse("imports:start", args=[job.pk])).status_code == 405
