"""Every endpoint × every role × another branch × another system. What is not yours is 404 and never shown."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from patroncare.complaints.models import CaseEntry, Complaint
from patroncare.conftest import ROLE_KEYS
from patroncare.incidents.models import Incident

ALL = ROLE_KEYS + ["anonymous"]


def matrix(**statuses):
    assert set(statuses) == set(ALL), "the matrix must name every role"
    return statuses


CASE_LIST = matrix(
    frontline=200, supervisor=200, administrator=200, security=403, trainer=403, trustee=403,
    other_branch_supervisor=200, other_system_admin=200, anonymous=401,
)  # fmt: skip
CASE_RECORD = {**CASE_LIST, "other_branch_supervisor": 404, "other_system_admin": 404}
REPORTERS = matrix(
    frontline=200, supervisor=200, administrator=200, security=200, trainer=403, trustee=403,
    other_branch_supervisor=200, other_system_admin=200, anonymous=401,
)  # fmt: skip
# Front-line staff read the incidents they reported, not the others of their branch.
INCIDENT_RECORD = {**REPORTERS, "frontline": 404, "other_branch_supervisor": 404, "other_system_admin": 404}
READERS = {**REPORTERS, "frontline": 403}
READER_RECORD = {**READERS, "other_branch_supervisor": 404, "other_system_admin": 404}
STAFF = {**REPORTERS, "trainer": 200}
STAFF_RECORD = {**STAFF, "other_system_admin": 404}
EVERYONE = {**STAFF, "trustee": 200}
EVERYONE_RECORD = {**EVERYONE, "other_system_admin": 404}
# The referrals directory: every member of staff, not the trustees (the can_find_help predicate).
HELPERS = {**STAFF}
HELPERS_RECORD = {**HELPERS, "other_system_admin": 404}


def read_cases(records):
    r = records
    return [
        ("api:complaints", None, CASE_LIST, r.complaint.reference),
        ("api:complaint", r.complaint, CASE_RECORD, r.complaint.reference),
        ("api:incidents", None, REPORTERS, r.incident.summary),
        ("api:incident", r.incident, INCIDENT_RECORD, r.incident.summary),
        ("api:board", None, REPORTERS, "Casey Hidden"),
        ("api:exclusions", None, READERS, "Casey Hidden"),
        ("api:exclusion", r.exclusion, READER_RECORD, "Casey Hidden"),
        ("api:rules", None, STAFF, r.rule.title),
        ("api:rule", r.rule, STAFF_RECORD, r.rule.title),
        ("api:ladder", None, STAFF, None),
        ("api:policies", None, EVERYONE, r.policy.title),
        ("api:policy", r.policy, EVERYONE_RECORD, r.policy.title),
        ("api:resources", None, HELPERS, r.resource.organisation),
        ("api:resource", r.resource, HELPERS_RECORD, r.resource.organisation),
    ]


# Who may see the record of the staff's branch in a list (everyone else gets a list without it).
SEES_IN_LIST = {
    "api:complaints": {"frontline", "supervisor", "administrator"},
    "api:incidents": {"supervisor", "administrator", "security"},
    "api:board": {"frontline", "supervisor", "administrator", "security"},
    "api:exclusions": {"supervisor", "administrator", "security"},
    "api:rules": {
        "frontline",
        "supervisor",
        "administrator",
        "security",
        "trainer",
        "other_branch_supervisor",
    },
    "api:policies": set(ALL) - {"other_system_admin", "anonymous"},
    "api:resources": set(ALL) - {"other_system_admin", "anonymous", "trustee"},
}


def test_every_read_endpoint_for_every_role(api, records):
    failures = []
    for name, record, expected, secret_text in read_cases(records):
        url = reverse(name, args=[record.pk]) if record else reverse(name)
        actual = {}
        for key in ALL:
            response = api.get(key, url)
            actual[key] = response.status_code
            body = response.content.decode()
            if secret_text:
                should_see = response.status_code == 200 and (record is not None or key in SEES_IN_LIST[name])
                if (secret_text in body) != should_see:
                    failures.append(f"{name} as {key}: shown={secret_text in body}, expected {should_see}")
            if response.status_code >= 400:
                assert response["Content-Type"] == "application/problem+json", (name, key)
        if actual != expected:
            failures.append(f"{name}: {actual} != {expected}")
    assert failures == []


def test_other_systems_records_are_404_for_everyone(api, records):
    r = records
    for name, record in [
        ("api:complaint", r.other_system_complaint),
        ("api:incident", r.other_system_incident),
        ("api:exclusion", r.other_system_exclusion),
        ("api:rule", r.other_system_rule),
        ("api:policy", r.other_system_policy),
        ("api:resource", r.other_system_resource),
    ]:
        for key in ["supervisor", "administrator", "security"]:
            response = api.get(key, reverse(name, args=[record.pk]))
            assert response.status_code in (403, 404), (name, key)
            if key == "administrator":
                assert response.status_code == 404
            assert (
                response.json()
                == {
                    "type": "https://patroncare.example/problems/not_found",
                    "title": "Not found",
                    "status": 404,
                    "detail": "There is no such record.",
                }
                or response.status_code == 403
            )


def complaint_payload(world):
    return {
        "branch": world.branch.pk,
        "channel": "phone",
        "narrative": "Charged twice for the same printout.",
    }


def incident_payload(world):
    when = timezone.localtime(timezone.now() - timedelta(hours=2), world.system.zone)
    return {
        "branch": world.branch.pk,
        "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
        "behaviours": ["abusive_language"],
        "summary": "Swore at the desk",
        "narrative": "He said the staff were useless twice and then walked out.",
    }


CREATE_COMPLAINT = matrix(
    frontline=201, supervisor=201, administrator=201, security=403, trainer=403, trustee=403,
    other_branch_supervisor=400, other_system_admin=400, anonymous=401,
)  # fmt: skip
CREATE_INCIDENT = {**CREATE_COMPLAINT, "security": 201}


def test_create_by_role(api, world, records):
    for name, model, payload, expected in [
        ("api:complaints", Complaint, complaint_payload(world), CREATE_COMPLAINT),
        ("api:incidents", Incident, incident_payload(world), CREATE_INCIDENT),
    ]:
        actual = {}
        for key in ALL:
            before = model.objects.count()
            response = api.post(key, reverse(name), payload)
            actual[key] = response.status_code
            assert model.objects.count() == before + (1 if response.status_code == 201 else 0), (name, key)
            if response.status_code == 201:
                body = response.json()
                assert body["branch"] == {"id": world.branch.pk, "name": "Millbrook Branch"}
                assert response["ETag"] == f'"{model._meta.model_name}-{body["id"]}-v{body["version"]}"'
        assert actual == expected, name


NOTE_EXPECTED = matrix(
    frontline=403, supervisor=201, administrator=201, security=403, trainer=403, trustee=403,
    other_branch_supervisor=404, other_system_admin=404, anonymous=401,
)  # fmt: skip


def test_note_and_message_by_role(api, records):
    complaint = records.complaint
    for name, payload in [
        ("api:complaint_note", {"body": "Called the branch; the fine was waived."}),
        ("api:complaint_message", {"channel": "phone", "body": "We waived the fine."}),
    ]:
        actual = {}
        for key in ALL:
            before = CaseEntry.objects.filter(complaint=complaint).count()
            response = api.post(key, reverse(name, args=[complaint.pk]), payload)
            actual[key] = response.status_code
            added = CaseEntry.objects.filter(complaint=complaint).count() - before
            assert added == (1 if response.status_code == 201 else 0), (name, key)
        assert actual == NOTE_EXPECTED, name


def test_triage_by_role(api, records):
    complaint = records.complaint
    actual = {}
    for key in ALL:
        complaint.refresh_from_db()
        version = complaint.version
        response = api.post(
            key,
            reverse("api:complaint_triage", args=[complaint.pk]),
            {"kind": "complaint", "category": records.category.pk, "severity": "minor"},
            HTTP_IF_MATCH=f'"complaint-{complaint.pk}-v{version}"',
        )
        actual[key] = response.status_code
        complaint.refresh_from_db()
        assert complaint.version == version + (1 if response.status_code == 200 else 0), key
    assert actual == {**NOTE_EXPECTED, "supervisor": 200, "administrator": 200}
