"""Every page that shows a patron's identity appends a VIEW event, written by its view (never by a selector).

The list of pages comes from the URLconf: every URL with a GET handler is fetched, as the first role allowed
to see it, in a system holding patrons with known names and card numbers. A page that shows one of them, or
that is known to show patron records (letters, photos, attachments, the record pages), must have appended a
VIEW (or, for a printed letter, EXPORT) event during that GET, for one of the patron's records or, for a
list, for the list. A new URL with parameters fails until it is given its parameters below, or a reason.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from patroncare.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

ROLES_TRIED = ["director", "supervisor", "administrator", "security", "frontline", "trainer", "trustee"]

# Parameters of the URLs that take some, built from the patrons fixture.
KWARGS = {
    "accounts:staff_edit": lambda p: {"pk": p.world.users["frontline"].pk},
    "complaints:detail": lambda p: {"pk": p.complaint.pk},
    "complaints:attachment": lambda p: {"pk": p.complaint_attachment.pk},
    "complaints:receipt": lambda p: {"pk": p.complaint.pk},
    "complaints:merge": lambda p: {"pk": p.complaint.pk},
    "incidents:detail": lambda p: {"pk": p.incident.pk},
    "incidents:attachment": lambda p: {"pk": p.incident_attachment.pk},
    "incidents:follow_up": lambda p: {"pk": p.follow_up.pk},
    "conduct:exclusion_detail": lambda p: {"pk": p.exclusion.pk},
    "conduct:exclusion_letter": lambda p: {"pk": p.exclusion.pk},
    "conduct:appeal_decide": lambda p: {"pk": p.exclusion.pk, "appeal_pk": p.appeal.pk},
    "conduct:hearing_schedule": lambda p: {"pk": p.exclusion.pk, "appeal_pk": p.appeal.pk},
    "conduct:hearing_letter": lambda p: {"pk": p.exclusion.pk, "appeal_pk": p.appeal.pk},
    "conduct:appeal_letter": lambda p: {"pk": p.exclusion.pk, "appeal_pk": p.appeal.pk},
    "conduct:lift_request_decide": lambda p: {"pk": p.permanent.pk, "lift_pk": p.lift_request.pk},
    "conduct:lift_request_letter": lambda p: {"pk": p.permanent.pk, "lift_pk": p.lift_request.pk},
    "conduct:person_photo": lambda p: {"person_pk": p.person.pk},
    "policies:exception_detail": lambda p: {"pk": p.exception.pk},
    "incidents:acknowledge": lambda p: {"pk": p.incident.pk},
    "incidents:follow_up_add": lambda p: {"pk": p.incident.pk},
    "incidents:follow_up_assign": lambda p: {"pk": p.follow_up.pk},
    "incidents:follow_up_complete": lambda p: {"pk": p.follow_up.pk},
    "patrons:detail": lambda p: {"pk": p.person.pk},
    "patrons:merge": lambda p: {"pk": p.person.pk},
    "patrons:correct": lambda p: {"pk": p.person.pk},
    "patrons:export_json": lambda p: {"pk": p.person.pk},
    "patrons:export_pdf": lambda p: {"pk": p.person.pk},
    "retention:erase": lambda p: {"pk": p.person.pk},
    "referrals:resource": lambda p: {"pk": p.extra["resource"].pk},
    "referrals:slip": lambda p: {"pk": p.extra["resource"].pk},
    "referrals:edit": lambda p: {"pk": p.extra["resource"].pk},
    "api:complaint": lambda p: {"pk": p.complaint.pk},
    "api:incident": lambda p: {"pk": p.incident.pk},
    "api:exclusion": lambda p: {"pk": p.exclusion.pk},
    "api:rule": lambda p: {"pk": p.incident.rules.first().pk},
    "api:policy": lambda p: {"pk": p.exception.policy_id},
}

# Pages that show a patron record whatever their text says (files, PDFs, the record pages themselves).
ALWAYS_AUDITED = {
    "api:complaint",
    "api:incident",
    "api:exclusion",
    "complaints:detail",
    "complaints:attachment",
    "incidents:detail",
    "incidents:attachment",
    "conduct:exclusion_detail",
    "conduct:exclusion_letter",
    "conduct:person_photo",
    "policies:exception_detail",
    "patrons:detail",
    "patrons:export_json",
    "patrons:export_pdf",
}

# URLs with parameters that are not fetched here, and why.
NOT_FETCHED = {
    "patrons:request_handle": "an action (POST only)",
    "accounts:password_reset_confirm": "a signed token, no patron",
    "accounts:staff_two_factor_reset": "staff account security, no patron",
    "complaints_public:follow_up": "the patron's own token (audited as the patron's own view)",
    "complaints:review_detail": "a policy review: subjects and references, no patron",
    "complaints:statement_detail": "a public statement, which may never name the patron",
    "complaints:statement_edit": "a public statement, which may never name the patron",
    "complaints:category_edit": "configuration",
    "complaints:reply_template_edit": "configuration",
    "complaints:receipt_done": "a confirmation page",
    "conduct:rule_edit": "configuration",
    "conduct:ladder_step_edit": "configuration",
    "conduct:class_edit": "configuration",
    "conduct:authority_group_edit": "configuration",
    "conduct:stored_letter": "fetched by its own test below (needs a stored letter)",
    "conduct:hearing_disclosure": "form of the hearing page, fetched through conduct:hearing_schedule",
    "conduct:hearing_attendance": "form of the hearing page, fetched through conduct:hearing_schedule",
    "conduct:exclusion_review": "form of the review page (conduct:review)",
    "incidents:draft_discard": "the reporter's own draft",
    "api:resource": "a community resource of the directory: an organisation, never a patron",
    "imports:columns": "a step of an administrator's own upload, before any record exists (imports tests)",
    "imports:values": "a step of an administrator's own upload, before any record exists (imports tests)",
    "imports:preview": "the dry run of an administrator's own upload: nothing is kept (imports tests)",
    "imports:job": "the progress and counts of an import (imports tests)",
    "imports:failed_rows": "the rows of an administrator's own file that were not imported (imports tests)",
    "incidents:checkin": "the staff member's own well-being check-in",
    "policies:detail": "a policy",
    "policies:edit": "a policy",
    "policies:rules": "a policy",
    "policies:version": "a policy",
    "policies:acknowledgements": "staff acknowledgements of a policy",
    "policies:policy_consistency": "counts of a policy's exceptions",
    "policies:review_detail": "a policy review",
    "training:intro": "a practice scenario",
    "training:play": "the trainee's own practice",
    "training:person_records": "a staff member's practice (audited, no patron)",
    "training:branch_records": "training counts",
    "training:play_record": "a staff member's practice answers (audited, no patron)",
    "training:session": "a group practice session",
    "training:complaint_draft": "post only: a closed case turned into an anonymised draft",
    "training:incident_draft": "post only: a closed case turned into an anonymised draft",
    "training:scenario_edit": "a practice scenario",
    "training:version": "a practice scenario",
    "training:export": "a practice scenario",
    "training:publish": "a practice scenario",
    "training:assignment_cancel": "post only",
    "libraries:branch_detail": "configuration",
    "libraries:branch_edit": "configuration",
    "libraries:location_edit": "configuration",
    "guidance:card": "desk guidance, no patron",
    "guidance:edit": "desk guidance, no patron",
    "guidance:history": "desk guidance, no patron",
    "guidance:phrase_language": "desk guidance, no patron",
    "guidance:playbook": "desk guidance, no patron",
    "guidance:settings": "desk guidance, no patron",
    "mailbox:detail": "an inbound message; its tests check that opening one is audited (mail_read)",
    "mailbox:attachment": "a file of an inbound message; audited like its message (mailbox tests)",
    "public_figures:year": "the public annual figures: aggregates with small numbers protected",
    "reports:board_report": "a board report: aggregates, never a patron or staff identity",
    "reports:board_report_pdf": "a board report: aggregates, never a patron or staff identity",
    "reports:table_export": "a dashboard table: aggregates",
    "sso:oidc_start": "the start of a sign-in with the library's provider",
    "sso:oidc_callback": "the provider's answer to a sign-in",
    "surveys:answer": "the staff survey: anonymous answers",
    "surveys:results": "the staff survey's results: groups of five or more",
    "surveys:questions": "a survey round's questions: library-written text, no patron",
    "surveys:question_edit": "a survey question (POST only)",
    "surveys:walk_detail": "a walk-through of a branch: places and signs, never a patron",
    "surveys:walk_area": "a walk-through of a branch: places and signs, never a patron",
    "surveys:walk_photo": "a walk-through photo: a place or a sign, never a patron",
    "surveys:walk_point": "a walk-through checklist point: configuration",
    "surveys:walk_finish": "a walk-through action (POST only)",
    "surveys:walk_act": "a walk-through action (POST only)",
    "surveys:walk_action_done": "a walk-through action (POST only)",
}


def _get_urls(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            )
            yield from _get_urls(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", None)
            handles_get = view is None or ("get" in view.http_method_names and hasattr(view, "get"))
            if handles_get:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, bool(pattern.pattern.converters)


GET_URLS = sorted(set(_get_urls()))


def _all_url_names(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            )
            yield from _all_url_names(pattern.url_patterns, inner or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_with_parameters_is_fetched_or_has_a_reason():
    unclassified = [
        name for name, has_args in GET_URLS if has_args and name not in KWARGS and name not in NOT_FETCHED
    ]
    assert unclassified == [], "give these URLs their parameters in KWARGS, or a reason in NOT_FETCHED"
    assert set(KWARGS) | set(NOT_FETCHED) <= set(_all_url_names()), "remove the names of URLs that are gone"


def _patron_records(patrons) -> set[tuple[str, str]]:
    records = [
        patrons.person,
        patrons.other_person,
        patrons.incident,
        patrons.exclusion,
        patrons.appeal,
        patrons.permanent,
        patrons.lift_request,
        patrons.complaint,
        patrons.exception,
        patrons.follow_up,
    ]
    return {(record._meta.label_lower, str(record.pk)) for record in records}


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def _fetch(client, signed_in, patrons, url):
    for key in ROLES_TRIED:
        signed_in(patrons.world.users[key])
        before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.get(url)
        if response.status_code == 200:
            return key, response, AuditEvent.objects.filter(pk__gt=before)
        client.logout()
    return None, None, AuditEvent.objects.none()


def test_every_page_that_shows_a_patron_appends_a_view_event(client, signed_in, patrons):
    records = _patron_records(patrons)
    unaudited, shown = [], []
    for name, has_args in GET_URLS:
        if has_args and name not in KWARGS:
            continue
        url = reverse(name, kwargs=KWARGS[name](patrons) if has_args else None)
        role, response, appended = _fetch(client, signed_in, patrons, url)
        if response is None:
            continue
        body = _body(response) if response.get("Content-Type", "").startswith("text/") else ""
        if name not in ALWAYS_AUDITED and not any(identity in body for identity in patrons.identities):
            continue
        shown.append(name)
        views = appended.filter(action__in=[AuditAction.VIEW, AuditAction.EXPORT])
        if not any((e.object_type, e.object_id) in records or not e.object_id for e in views):
            unaudited.append(f"{name} (as {role})")
    print("pages showing patron identity:", shown)
    assert unaudited == []
    assert set(ALWAYS_AUDITED) <= set(shown)


def test_a_stored_letter_is_audited_when_printed(client, signed_in, patrons):
    client = signed_in(patrons.world.users["supervisor"])
    letter = patrons.exclusion.letters.latest("pk")
    before = AuditEvent.objects.count()
    response = client.get(reverse("conduct:stored_letter", args=[patrons.exclusion.pk, letter.pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.event, event.object_id, event.params["letter"]) == (
        "conduct.letter_printed",
        str(patrons.exclusion.pk),
        letter.pk,
    )


def test_selectors_write_no_audit_events(patrons):
    """Reading through a selector leaves the trail alone: the views audit what they show."""
    from patroncare.complaints import selectors as complaint_selectors
    from patroncare.conduct import selectors as conduct_selectors
    from patroncare.incidents import selectors as incident_selectors
    from patroncare.policies import selectors as policy_selectors

    supervisor = patrons.world.users["supervisor"]
    before = AuditEvent.objects.count()
    complaint_selectors.complaint_get_for(user=supervisor, pk=patrons.complaint.pk)
    incident_selectors.incident_get_for(user=supervisor, pk=patrons.incident.pk)
    conduct_selectors.exclusion_get_for(user=supervisor, pk=patrons.exclusion.pk)
    policy_selectors.exception_get(user=supervisor, pk=patrons.exception.pk)
    assert AuditEvent.objects.count() == before
