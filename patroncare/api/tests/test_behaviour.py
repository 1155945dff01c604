"""What an integration relies on: If-Match and 412, problem details, cursor pages, filters as on the list
pages, the rate per token, the changes feed, and a constant number of queries per page."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from patroncare.api.throttling import TokenRateThrottle
from patroncare.complaints.models import Complaint, Severity
from patroncare.complaints.tests.factories import ComplaintFactory

TRIAGE = {"kind": "complaint", "severity": "minor"}


def _triage(api, records, if_match=None, key="supervisor", **body):
    extra = {"HTTP_IF_MATCH": if_match} if if_match is not None else {}
    payload = {**TRIAGE, "category": records.category.pk, **body}
    return api.post(key, reverse("api:complaint_triage", args=[records.complaint.pk]), payload, **extra)


def test_the_etag_of_a_read_is_the_if_match_of_the_next_change(api, records):
    read = api.get("supervisor", reverse("api:complaint", args=[records.complaint.pk]))
    etag = read["ETag"]
    assert etag == f'"complaint-{records.complaint.pk}-v1"'
    changed = _triage(api, records, if_match=etag)
    assert changed.status_code == 200
    assert changed["ETag"] == f'"complaint-{records.complaint.pk}-v2"'
    assert changed.json()["severity"] == Severity.MINOR


def test_a_change_on_a_stale_version_is_refused_with_412_and_changes_nothing(api, records):
    etag = api.get("supervisor", reverse("api:complaint", args=[records.complaint.pk]))["ETag"]
    assert _triage(api, records, if_match=etag).status_code == 200
    response = _triage(api, records, if_match=etag, severity="serious")
    assert response.status_code == 412
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 412 and response.json()["type"].endswith("/stale")
    complaint = Complaint.objects.get(pk=records.complaint.pk)
    assert complaint.severity == Severity.MINOR and complaint.version == 2


def test_a_change_without_if_match_is_428(api, records):
    response = _triage(api, records)
    assert response.status_code == 428
    assert Complaint.objects.get(pk=records.complaint.pk).version == 1


def test_field_errors_are_problem_details(api, records):
    response = api.post(
        "supervisor", reverse("api:complaint_note", args=[records.complaint.pk]), {"body": ""}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "https://patroncare.example/problems/invalid"
    assert body["title"] == "Some values were not accepted"
    assert body["errors"] == {"body": ["This field is required."]}


def test_a_service_refusal_reads_on_its_field(api, world, records):
    when = (timezone.localtime(timezone.now(), world.system.zone) + timedelta(days=2)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    response = api.post(
        "supervisor",
        reverse("api:complaints"),
        {"branch": world.branch.pk, "channel": "phone", "narrative": "Late fee.", "occurred_at": when},
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["occurred_at"]


def test_problem_details_are_in_spanish_for_a_spanish_caller(api, records):
    response = api.post(
        "supervisor",
        reverse("api:complaint_note", args=[records.complaint.pk]),
        {"body": ""},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.json()["errors"] == {"body": ["Este campo es requerido."]}
    assert response.json()["title"] == "Algunos valores no se aceptaron"


def test_a_json_array_is_a_clear_400(api, records):
    response = api.client.post(
        reverse("api:complaint_note", args=[records.complaint.pk]),
        "[1, 2]",
        content_type="application/json",
        **api.headers("supervisor"),
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Send a JSON object."


def test_cursor_pages_cover_every_record_once(api, world, records):
    for n in range(6):
        ComplaintFactory(branch=world.branch, received_at=timezone.now() - timedelta(hours=n + 1))
    seen, url = [], reverse("api:complaints") + "?page_size=3"
    while url:
        page = api.get("supervisor", url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 7


def test_filters_are_the_list_pages_filters(api, world, records):
    other = ComplaintFactory(branch=world.branch, reference="MIL-0002", severity=Severity.SERIOUS)
    rows = api.get("supervisor", reverse("api:complaints") + "?severity=serious").json()["results"]
    assert [row["reference"] for row in rows] == [other.reference]
    bad = api.get("supervisor", reverse("api:complaints") + "?severity=enormous")
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["severity"]
    bad = api.get("supervisor", reverse("api:incidents") + "?level=loud")
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["level"]


def test_the_rate_is_counted_per_token(api, monkeypatch, records):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"api": "3/minute"})
    url = reverse("api:policies")
    assert [api.get("supervisor", url).status_code for _ in range(3)] == [200, 200, 200]
    limited = api.get("supervisor", url)
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert limited["Content-Type"] == "application/problem+json"
    assert api.get("administrator", url).status_code == 200


def test_the_changes_feed_lists_what_changed_since_and_only_what_the_caller_may_read(api, world, records):
    since = timezone.now() - timedelta(seconds=1)
    created = api.post(
        "supervisor",
        reverse("api:complaints"),
        {"branch": world.branch.pk, "channel": "phone", "narrative": "The printer charged me twice."},
    ).json()
    api.post("supervisor", reverse("api:complaint_note", args=[created["id"]]), {"body": "Refunded."})
    url = reverse("api:changes") + f"?since={since.isoformat()}"
    rows = api.get("supervisor", url).json()["results"]
    mine = [
        (row["resource"], row["record_id"], row["action"])
        for row in rows
        if row["record_id"] == created["id"]
    ]
    assert ("complaints", created["id"], "create") in mine
    assert ("complaints", created["id"], "update") in mine
    assert all(
        row["url"] == reverse("api:complaint", args=[created["id"]])
        for row in rows
        if row["resource"] == "complaints"
    )
    for key in ["other_branch_supervisor", "other_system_admin", "trainer"]:
        rows = api.get(key, url).json()["results"]
        assert [row for row in rows if row["resource"] == "complaints"] == [], key
    later = reverse("api:changes") + f"?since={(timezone.now() + timedelta(minutes=1)).isoformat()}"
    assert api.get("supervisor", later).json()["results"] == []
    bad = api.get("supervisor", reverse("api:changes") + "?since=yesterday")
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["since"]


def test_a_list_page_makes_the_same_number_of_queries_for_5_or_40_records(
    api, world, records, django_assert_max_num_queries, django_assert_num_queries
):
    import django.db

    url = reverse("api:complaints")
    for _ in range(4):
        ComplaintFactory(branch=world.branch)
    api.get("supervisor", url)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(django.db.connection) as few:
        assert len(api.get("supervisor", url).json()["results"]) == 5
    for _ in range(35):
        ComplaintFactory(branch=world.branch)
    with CaptureQueriesContext(django.db.connection) as many:
        assert len(api.get("supervisor", url).json()["results"]) == 40
    assert len(many) == len(few)
    with django_assert_max_num_queries(len(few)):
        api.get("supervisor", reverse("api:incidents"))
