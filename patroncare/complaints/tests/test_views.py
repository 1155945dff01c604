import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from patroncare.audit.models import AuditEvent
from patroncare.complaints import services
from patroncare.complaints.models import CaseEntry, Category, Complaint, PolicyReview
from patroncare.conftest import ROLE_KEYS

from .factories import ComplaintFactory, record

CASE_LIST = {
    "frontline": 200,
    "supervisor": 200,
    "administrator": 200,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}
CASE_RECORD = {**CASE_LIST, "other_branch_supervisor": 404, "other_system_admin": 404}
OVERSIGHT = {
    "frontline": 403,
    "supervisor": 200,
    "administrator": 200,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}
PUBLIC = {key: 200 for key in ROLE_KEYS} | {"anonymous": 200}


@pytest.fixture
def case(world):
    complaint, _secret = record(
        actor=world.users["supervisor"],
        branch=world.branch,
        severity="moderate",
        narrative="Staff laughed at how the patron pronounced the title.",
    )
    Complaint.objects.filter(pk=complaint.pk).update(staff_involved="Evening desk assistant")
    complaint.refresh_from_db()
    return complaint


def test_list_role_matrix(world, case, role_matrix):
    role_matrix(reverse("complaints:list"), CASE_LIST, hidden_text=case.reference)


def test_list_hides_cases_of_branches_the_user_does_not_work_at(world, case, signed_in):
    body = signed_in(world.users["other_branch_supervisor"]).get(reverse("complaints:list")).content.decode()
    assert case.reference not in body


def test_create_role_matrix(world, role_matrix):
    role_matrix(reverse("complaints:create"), CASE_LIST)


def test_case_file_role_matrix(world, case, role_matrix):
    role_matrix(
        reverse("complaints:detail", args=[case.pk]), CASE_RECORD, hidden_text="lena.morales@example.net"
    )


@pytest.mark.parametrize("name", ["patterns", "reviews", "statements"])
def test_oversight_pages_role_matrix(world, case, role_matrix, name):
    expected = dict(OVERSIGHT, trustee=200) if name == "statements" else OVERSIGHT
    role_matrix(reverse(f"complaints:{name}"), expected, hidden_text=case.reference)


def test_figures_role_matrix_shows_trustees_counts_only(world, case, role_matrix, signed_in):
    role_matrix(reverse("complaints:figures"), dict(OVERSIGHT, trustee=200))
    body = signed_in(world.users["trustee"]).get(reverse("complaints:figures")).content.decode()
    assert case.reference not in body and "Lena" not in body


def test_export_role_matrix(world, case, role_matrix):
    role_matrix(reverse("complaints:export"), OVERSIGHT, hidden_text=case.reference)


def test_review_and_statement_pages_are_404_for_another_system(world, case, role_matrix):
    review = services.review_open(
        actor=world.users["supervisor"],
        system=world.system,
        subject="Fines policy",
        owner=world.users["supervisor"],
        due_date=timezone.localdate(),
    )
    role_matrix(
        reverse("complaints:review_detail", args=[review.pk]),
        dict(OVERSIGHT, other_branch_supervisor=404, other_system_admin=404),
        hidden_text="Fines policy",
    )
    Complaint.objects.filter(pk=case.pk).update(severity="serious", outcome="upheld")
    case.refresh_from_db()
    statement = services.statement_draft(
        actor=world.users["supervisor"], complaint=case, title="Our apology", body="We were wrong."
    )
    role_matrix(
        reverse("complaints:statement_detail", args=[statement.pk]),
        dict(OVERSIGHT, trustee=200, other_system_admin=404),
        hidden_text="Our apology",
    )


def _review_of_a_millbrook_case(world, case):
    review = services.review_open(
        actor=world.users["administrator"],
        system=world.system,
        subject="Room booking rules",
        owner=world.users["administrator"],
        due_date=timezone.localdate(),
    )
    Complaint.objects.filter(pk=case.pk).update(review=review)
    return review


def test_supervisor_of_another_branch_cannot_record_a_review_outcome(world, case, signed_in):
    review = _review_of_a_millbrook_case(world, case)
    client = signed_in(world.users["other_branch_supervisor"])
    listing = client.get(reverse("complaints:reviews")).content.decode()
    response = client.post(reverse("complaints:review_detail", args=[review.pk]), {"outcome": "Rules kept."})
    assert response.status_code == 404
    assert "Room booking rules" not in listing
    review.refresh_from_db()
    assert (review.status, review.outcome) == ("open", "")


@pytest.mark.parametrize("key", ["supervisor", "administrator"])
def test_supervisor_of_the_cases_branch_and_an_administrator_complete_a_review(world, case, signed_in, key):
    review = _review_of_a_millbrook_case(world, case)
    response = signed_in(world.users[key]).post(
        reverse("complaints:review_detail", args=[review.pk]), {"outcome": "Rules rewritten."}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.outcome) == ("done", "Rules rewritten.")


def test_review_service_refuses_a_supervisor_who_cannot_see_its_cases(world, case):
    from django.core.exceptions import PermissionDenied

    review = _review_of_a_millbrook_case(world, case)
    with pytest.raises(PermissionDenied):
        services.review_complete(actor=world.users["other_branch_supervisor"], review=review, outcome="No.")
    review.refresh_from_db()
    assert review.status == "open"


@pytest.mark.parametrize(
    "url_name", ["complaints_public:feedback", "complaints_public:status", "notices:list"]
)
def test_public_pages_need_no_account(world, role_matrix, url_name):
    role_matrix(reverse(url_name), PUBLIC)


def test_patron_identity_only_for_those_handling_the_case(world, case, signed_in, client):
    body = (
        signed_in(world.users["frontline"]).get(reverse("complaints:detail", args=[case.pk])).content.decode()
    )
    assert "lena.morales@example.net" not in body and "Evening desk assistant" not in body
    client.logout()
    body = (
        signed_in(world.users["supervisor"])
        .get(reverse("complaints:detail", args=[case.pk]))
        .content.decode()
    )
    assert "lena.morales@example.net" in body and "Evening desk assistant" in body


def test_every_view_of_a_case_is_audited(world, case, signed_in):
    signed_in(world.users["supervisor"]).get(reverse("complaints:detail", args=[case.pk]))
    event = AuditEvent.objects.filter(action="view", object_id=str(case.pk)).get()
    assert event.actor == world.users["supervisor"] and event.event == "complaints.viewed_with_patron"


def test_denied_post_changes_nothing(world, case, signed_in):
    category = Category.objects.filter(system=world.system).first()
    data = {"version": case.version, "kind": "complaint", "category": category.pk, "severity": "critical"}
    response = signed_in(world.users["frontline"]).post(reverse("complaints:triage", args=[case.pk]), data)
    assert response.status_code == 403
    case.refresh_from_db()
    assert (case.severity, case.version) == ("moderate", 1)


def test_post_from_another_branch_or_system_is_404_and_changes_nothing(world, case, signed_in, client):
    for key in ("other_branch_supervisor", "other_system_admin"):
        client.logout()
        response = signed_in(world.users[key]).post(
            reverse("complaints:note", args=[case.pk]), {"body": "Hello"}
        )
        assert response.status_code == 404
    assert not CaseEntry.objects.filter(complaint=case, kind="note").exists()


def test_desk_form_records_a_complaint_and_shows_the_secret_once(world, signed_in):
    data = {
        "narrative": "Charged twice for printing.",
        "channel": "desk",
        "branch": world.branch.pk,
        "kind": "complaint",
        "severity": "",
        "patron_language": "en",
        "occurred_at": "2026-01-05T16:00",
    }
    response = signed_in(world.users["frontline"]).post(reverse("complaints:create"), data, follow=True)
    complaint = Complaint.objects.get()
    assert response.status_code == 200
    assert (
        complaint.recorded_by == world.users["frontline"]
        and complaint.narrative == "Charged twice for printing."
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("complaints:receipt", args=[complaint.pk])
    assert f"data-reference>{complaint.reference}<" in body
    shown = re.search(r"data-secret>([^<]+)<", body).group(1)
    assert services.secret_matches(complaint=complaint, secret=shown)


def test_desk_form_bad_input_keeps_what_was_typed(world, signed_in):
    data = {
        "narrative": "x" * 5001,
        "channel": "desk",
        "branch": world.branch.pk,
        "kind": "complaint",
        "patron_email": "not-an-address",
        "patron_name": "Ruth Ames",
        "patron_language": "en",
        "occurred_at": "2026-01-05T16:00",
    }
    response = signed_in(world.users["frontline"]).post(reverse("complaints:create"), data)
    assert response.status_code == 400
    assert Complaint.objects.count() == 0
    assert 'value="Ruth Ames"' in response.content.decode()


def test_desk_form_refuses_a_branch_outside_the_users_scope(world, signed_in):
    data = {
        "narrative": "Rude reply.",
        "channel": "desk",
        "branch": world.other_branch.pk,
        "kind": "complaint",
        "patron_language": "en",
        "occurred_at": "2026-01-05T16:00",
    }
    assert signed_in(world.users["frontline"]).post(reverse("complaints:create"), data).status_code == 400
    assert Complaint.objects.count() == 0


def test_stale_triage_in_the_page_is_refused_with_an_explanation(world, case, signed_in):
    category = Category.objects.filter(system=world.system).first()
    client = signed_in(world.users["supervisor"])
    data = {
        "version": 1,
        "kind": "complaint",
        "category": category.pk,
        "severity": "serious",
        "policy_tag": "fines",
    }
    assert client.post(reverse("complaints:triage", args=[case.pk]), data).status_code == 302
    data.update(severity="minor", policy_tag="my other words")
    response = client.post(reverse("complaints:triage", args=[case.pk]), data)
    assert response.status_code == 400
    assert "Someone else saved this record" in response.content.decode()
    assert 'value="my other words"' in response.content.decode()
    case.refresh_from_db()
    assert (case.severity, case.policy_tag) == ("serious", "fines")


def test_response_without_review_info_is_refused(world, case, signed_in):
    data = {
        "version": case.version,
        "outcome": "upheld",
        "reasons": "We got it wrong.",
        "remedies": ["apology"],
        "remedy_detail": "Apologised.",
        "nothing_outstanding": "on",
        "review_info": "",
        "channel": "email",
    }
    response = signed_in(world.users["supervisor"]).post(reverse("complaints:respond", args=[case.pk]), data)
    assert response.status_code == 400
    assert not case.responses.exists()


def test_list_makes_a_constant_number_of_queries(world, signed_in, django_assert_max_num_queries):
    client = signed_in(world.users["supervisor"])
    ComplaintFactory.create_batch(3, branch=world.branch)
    client.get(reverse("complaints:list"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("complaints:list"))
    ComplaintFactory.create_batch(22, branch=world.branch, owner=world.users["supervisor"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("complaints:list"))
    assert response.content.decode().count('href="/complaints/') >= 25


def test_list_filters_by_overdue(world, signed_in):
    past = timezone.now() - timedelta(days=1)
    late = ComplaintFactory(branch=world.branch, acknowledge_due_at=past, reference="LATE-0001")
    ComplaintFactory(
        branch=world.branch, acknowledge_due_at=timezone.now() + timedelta(days=3), reference="SOON-0001"
    )
    body = (
        signed_in(world.users["supervisor"])
        .get(reverse("complaints:list"), {"overdue": "on"})
        .content.decode()
    )
    assert late.reference in body and "SOON-0001" not in body


def test_search_finds_words_in_the_narrative(world, signed_in):
    ComplaintFactory(
        branch=world.branch, reference="FIND-0001", narrative="The printer jammed and ate my money."
    )
    ComplaintFactory(branch=world.branch, reference="MISS-0001", narrative="The restroom was closed all day.")
    body = (
        signed_in(world.users["supervisor"])
        .get(reverse("complaints:list"), {"q": "printer"})
        .content.decode()
    )
    assert "FIND-0001" in body and "MISS-0001" not in body


def test_export_leaves_out_patron_identity_and_is_audited(world, case, signed_in):
    response = signed_in(world.users["supervisor"]).get(reverse("complaints:export"))
    body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    assert case.reference in body and "lena.morales" not in body and "laughed" not in body
    assert AuditEvent.objects.filter(action="export", actor=world.users["supervisor"]).count() == 1


# --- Configuration ---------------------------------------------------------------------------------

ADMIN_ONLY_PAGE = {
    "frontline": 403,
    "supervisor": 403,
    "administrator": 200,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 403,
    "other_system_admin": 200,
    "anonymous": 302,
}


def test_settings_role_matrix(world, role_matrix):
    role_matrix(reverse("complaints:settings"), ADMIN_ONLY_PAGE)


def test_category_edit_is_404_for_another_system(world, role_matrix):
    category = Category.objects.create(
        system=world.system, key="parking", name="Parking", name_es="Aparcamiento"
    )
    role_matrix(
        reverse("complaints:category_edit", args=[category.pk]),
        dict(ADMIN_ONLY_PAGE, other_system_admin=404),
        hidden_text="Aparcamiento",
    )


def test_administrator_sets_deadlines_and_bad_values_change_nothing(world, signed_in):
    client = signed_in(world.users["administrator"])
    data = {}
    for severity in ("minor", "moderate", "serious", "critical"):
        data.update(
            {
                f"{severity}-acknowledge_days": 3,
                f"{severity}-respond_days": 8,
                f"{severity}-review_acknowledge_days": 3,
                f"{severity}-review_respond_days": 15,
                f"{severity}-owner_rule": "branch_supervisor",
            }
        )
    bad = dict(data, **{"minor-respond_days": 2})
    assert client.post(reverse("complaints:settings_deadlines"), bad).status_code == 400
    assert not world.system.severity_rules.exists()
    assert client.post(reverse("complaints:settings_deadlines"), data).status_code == 302
    assert sorted(world.system.severity_rules.values_list("respond_days", flat=True)) == [8, 8, 8, 8]


def test_supervisor_cannot_change_deadlines(world, signed_in):
    response = signed_in(world.users["supervisor"]).post(
        reverse("complaints:settings_patterns"), {"pattern_window_days": 30, "pattern_threshold": 2}
    )
    assert response.status_code == 403
    from patroncare.complaints.models import ComplaintSettings

    assert not ComplaintSettings.objects.exists()


def test_reply_template_edit_is_404_for_another_system(world, role_matrix):
    services.reply_templates_install_defaults(system=world.system)
    template = world.system.reply_templates.get(key="real-apology", language="es")
    role_matrix(
        reverse("complaints:reply_template_edit", args=[template.pk]),
        dict(ADMIN_ONLY_PAGE, other_system_admin=404),
        hidden_text="Una disculpa sincera",
    )


def test_a_reply_template_prefills_the_message_with_merge_fields(world, case, signed_in):
    template = world.system.reply_templates.get(key="real-apology", language="es")
    url = reverse("complaints:detail", args=[case.pk])
    body = signed_in(world.users["supervisor"]).get(url, {"template": template.pk}).content.decode()
    assert "Estimado/a Lena Morales:" in body and 'id="action-message" open' in body


def test_administrator_edits_a_reply_template_and_bad_input_is_kept(world, signed_in):
    services.reply_templates_install_defaults(system=world.system)
    template = world.system.reply_templates.get(key="thanks-for-praise", language="en")
    client = signed_in(world.users["administrator"])
    url = reverse("complaints:reply_template_edit", args=[template.pk])
    data = {
        "key": "thanks-for-praise",
        "version": template.version,
        "name": "Thanks",
        "language": "en",
        "purpose": "praise",
        "body": "x" * 6001,
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 400
    data["body"] = "Thank you, {patron_name}."
    assert client.post(url, data).status_code == 302
    template.refresh_from_db()
    assert (template.name, template.body) == ("Thanks", "Thank you, {patron_name}.")


# --- Attachments -------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(name, content, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_attach_a_real_image_and_download_it_as_a_handler(world, case, signed_in, media):
    client = signed_in(world.users["supervisor"])
    response = client.post(
        reverse("complaints:attach", args=[case.pk]),
        {"file": _upload("receipt.png", PNG, "image/png"), "description": "Receipt"},
    )
    assert response.status_code == 302
    attachment = case.attachments.get()
    assert (attachment.content_type, attachment.size, attachment.original_name) == (
        "image/png",
        72,
        "receipt.png",
    )
    download = client.get(reverse("complaints:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG


def test_disguised_file_is_refused_and_nothing_saved(world, case, signed_in, media):
    client = signed_in(world.users["supervisor"])
    response = client.post(
        reverse("complaints:attach", args=[case.pk]),
        {
            "file": _upload("letter.pdf", b"MZ\x90\x00 this is a program", "application/pdf"),
            "description": "Scanned letter",
        },
    )
    assert response.status_code == 400
    assert "Only PDF, PNG and JPEG" in response.content.decode()
    assert 'value="Scanned letter"' in response.content.decode()
    renamed = client.post(reverse("complaints:attach", args=[case.pk]), {"file": _upload("photo.pdf", PNG)})
    assert renamed.status_code == 400 and "its content is PNG" in renamed.content.decode()
    assert not case.attachments.exists() and not any(media.rglob("*"))


def test_oversized_file_is_refused(world, case, signed_in, media, settings):
    settings.COMPLAINTS_ATTACHMENT_MAX_BYTES = 50
    response = signed_in(world.users["supervisor"]).post(
        reverse("complaints:attach", args=[case.pk]), {"file": _upload("receipt.png", PNG)}
    )
    assert response.status_code == 400 and "largest allowed" in response.content.decode()
    assert not case.attachments.exists()


def test_attachment_download_role_matrix(world, case, role_matrix, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    attachment = services.attachment_add(
        actor=world.users["supervisor"], complaint=case, upload=SimpleUploadedFile("receipt.png", PNG)
    )
    expected = dict(CASE_RECORD, frontline=403)
    role_matrix(reverse("complaints:attachment", args=[attachment.pk]), expected)


def test_colleagues_not_handling_the_case_do_not_read_messages_to_the_patron(world, case, signed_in):
    services.complaint_send_message(
        actor=world.users["supervisor"],
        complaint=case,
        channel="phone",
        body="Called Ms Morales at home to apologise.",
    )
    body = (
        signed_in(world.users["frontline"]).get(reverse("complaints:detail", args=[case.pk])).content.decode()
    )
    assert "Called Ms Morales" not in body and "shown only to those handling the case" in body


def test_statement_steps_follow_roles_and_a_denied_step_changes_nothing(world, case, signed_in, client):
    from patroncare.accounts.models import Role
    from patroncare.accounts.tests.factories import UserFactory

    director = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    world.system.director = director
    world.system.save()
    Complaint.objects.filter(pk=case.pk).update(severity="serious", outcome="upheld")
    case.refresh_from_db()
    statement = services.statement_draft(
        actor=world.users["supervisor"],
        complaint=case,
        title="We were wrong",
        body="An apology.",
        title_es="Nos equivocamos",
        body_es="Una disculpa.",
    )
    approve = reverse("complaints:statement_step", args=[statement.pk, "approve"])
    assert signed_in(world.users["trustee"]).post(approve).status_code == 403
    statement.refresh_from_db()
    assert statement.status == "draft"
    client.logout()
    assert signed_in(director).post(approve).status_code == 302
    client.logout()
    review = reverse("complaints:statement_step", args=[statement.pk, "trustee-review"])
    assert signed_in(world.users["trustee"]).post(review).status_code == 302
    client.logout()
    assert (
        signed_in(director)
        .post(reverse("complaints:statement_step", args=[statement.pk, "publish"]))
        .status_code
        == 302
    )
    statement.refresh_from_db()
    assert statement.status == "published" and statement.trustee_reviewed_by == world.users["trustee"]


def test_list_filters_by_a_chosen_owner(world, signed_in):
    ComplaintFactory(branch=world.branch, reference="MINE-0001", owner=world.users["frontline"])
    ComplaintFactory(branch=world.branch, reference="THEIRS-001", owner=world.users["supervisor"])
    client = signed_in(world.users["supervisor"])
    body = client.get(reverse("complaints:list"), {"owner": world.users["frontline"].pk}).content.decode()
    assert "MINE-0001" in body and "THEIRS-001" not in body


@pytest.mark.parametrize("url_name", ["complaints:category_create", "complaints:reply_template_create"])
def test_configuration_forms_role_matrix(world, role_matrix, url_name):
    role_matrix(reverse(url_name), ADMIN_ONLY_PAGE)


def test_thanks_and_follow_up_pages_need_no_account(world, role_matrix):
    role_matrix(reverse("complaints_public:thanks"), PUBLIC)
    bad_link = {key: 404 for key in PUBLIC}
    role_matrix(reverse("complaints_public:follow_up", args=["not-a-token"]), bad_link)


def test_supervisor_opens_a_review_for_a_detected_pattern(world, signed_in, django_assert_max_num_queries):
    from patroncare.complaints.services.configuration import categories_install_defaults

    categories_install_defaults(system=world.system)
    fines = world.system.complaint_categories.get(key="money-fines")
    cases = [ComplaintFactory(branch=world.branch, category=fines) for _ in range(3)]
    client = signed_in(world.users["supervisor"])
    page = client.get(reverse("complaints:patterns"))
    assert page.status_code == 200 and "Open a policy or procedure review" in page.content.decode()
    ids = ",".join(str(c.pk) for c in cases)
    data = {
        "subject": "Fines at self-check",
        "owner": world.users["supervisor"].pk,
        "due_date": "2027-01-15",
        "cases": ids,
    }
    assert client.post(reverse("complaints:patterns"), dict(data, due_date="")).status_code == 400
    assert not PolicyReview.objects.exists()
    response = client.post(reverse("complaints:patterns"), data)
    review = PolicyReview.objects.get()
    assert response.status_code == 302 and review.subject == "Fines at self-check"
    assert set(review.complaints.values_list("pk", flat=True)) == {c.pk for c in cases}


def test_frontline_cannot_open_a_pattern_review(world, signed_in):
    case = ComplaintFactory(branch=world.branch)
    data = {
        "subject": "X",
        "owner": world.users["supervisor"].pk,
        "due_date": "2027-01-15",
        "cases": str(case.pk),
    }
    assert signed_in(world.users["frontline"]).post(reverse("complaints:patterns"), data).status_code == 403
    assert not PolicyReview.objects.exists()


def test_patterns_page_makes_a_constant_number_of_queries(world, signed_in, django_assert_max_num_queries):
    from patroncare.complaints.services.configuration import categories_install_defaults

    categories_install_defaults(system=world.system)
    first, second, third = world.system.complaint_categories.all()[:3]
    client = signed_in(world.users["administrator"])
    ComplaintFactory.create_batch(3, branch=world.branch, category=first)
    client.get(reverse("complaints:patterns"))
    with django_assert_max_num_queries(14) as one_pattern:
        client.get(reverse("complaints:patterns"))
    ComplaintFactory.create_batch(4, branch=world.other_branch, category=second)
    ComplaintFactory.create_batch(3, branch=world.branch, category=third)
    with django_assert_max_num_queries(len(one_pattern.captured_queries)):
        body = client.get(reverse("complaints:patterns")).content.decode()
    assert body.count("Open a policy or procedure review for this pattern") == 3


def test_list_says_when_no_deadline_is_running(world, signed_in):
    ComplaintFactory(
        branch=world.branch,
        reference="DONE-0001",
        severity="minor",
        status="responded",
        acknowledged_at=timezone.now(),
        responded_at=timezone.now(),
    )
    ComplaintFactory(branch=world.branch, reference="TODO-0001")
    body = signed_in(world.users["supervisor"]).get(reverse("complaints:list")).content.decode()
    assert body.count("No deadline running") == 1 and body.count("Not triaged</span>") == 1


def test_an_unknown_statement_step_is_404_and_changes_nothing(world, case, signed_in):
    Complaint.objects.filter(pk=case.pk).update(severity="serious", outcome="upheld")
    case.refresh_from_db()
    statement = services.statement_draft(
        actor=world.users["supervisor"], complaint=case, title="Our apology", body="We were wrong."
    )
    client = signed_in(world.users["administrator"])
    events = AuditEvent.objects.count()
    response = client.post(reverse("complaints:statement_step", args=[statement.pk, "unpublish"]))
    assert response.status_code == 404
    statement.refresh_from_db()
    assert statement.status == "draft"
    assert AuditEvent.objects.count() == events


def test_an_extension_to_the_year_9999_is_a_form_error(world, case, signed_in):
    client = signed_in(world.users["supervisor"])
    response = client.post(
        reverse("complaints:extend", args=[case.pk]),
        {"version": case.version, "new_date": "9999-12-31", "reason": "Waiting for the branch report"},
    )
    assert response.status_code == 400
    assert "An extension reaches at most one year from today." in response.content.decode()
    assert "Waiting for the branch report" in response.content.decode()
    case.refresh_from_db()
    assert case.version == 1
