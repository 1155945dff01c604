"""Public statements: edited until approval, in English and Spanish, every step on the approver's desk and in
their mail, trustees' comments and objections, and the patron told when it is published."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditEvent
from patroncare.complaints import services
from patroncare.complaints.models import Complaint, PublicStatement, StatementComment
from patroncare.complaints.shell import statement_items
from patroncare.conftest import ROLE_KEYS, sign_in
from patroncare.core.concurrency import StaleEditError
from patroncare.notifications.models import DigestLine

from .factories import record

SPANISH = {"title_es": "Una disculpa por una multa injusta", "body_es": "Cobramos una multa por error."}


@pytest.fixture
def director(world):
    user = UserFactory(
        library_system=world.system, full_name="Dana Director", roles=[(Role.SUPERVISOR, None)]
    )
    world.system.director = user
    world.system.save()
    return user


@pytest.fixture
def upheld(world):
    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch, severity="serious")
    Complaint.objects.filter(pk=complaint.pk).update(outcome="upheld")
    complaint.refresh_from_db()
    return complaint


def draft(world, complaint, *, spanish=True, actor=None):
    return services.statement_draft(
        actor=actor or world.users["supervisor"],
        complaint=complaint,
        title="An apology for a wrongful fine",
        body="We charged a fine in error and have changed how returns are checked.",
        **(SPANISH if spanish else {}),
    )


def approved(world, complaint, director):
    statement = draft(world, complaint)
    return services.statement_approve(actor=director, statement=statement)


def edit_data(statement, **changes):
    data = {
        "version": statement.version,
        "title": statement.title,
        "body": statement.body,
        "title_es": statement.title_es,
        "body_es": statement.body_es,
    }
    data.update(changes)
    return data


def as_user(user):
    return sign_in(Client(), user)


def test_statement_page_role_matrix_and_the_director(world, upheld, director, role_matrix):
    statement = draft(world, upheld)
    role_matrix(
        reverse("complaints:statement_detail", args=[statement.pk]),
        {
            "frontline": 403,
            "supervisor": 200,
            "administrator": 200,
            "security": 403,
            "trainer": 403,
            "trustee": 200,
            # Statements belong to the system, not to a branch: every overseer of it may read them.
            "other_branch_supervisor": 200,
            "other_system_admin": 404,
            "anonymous": 302,
        },
        hidden_text="An apology for a wrongful fine",
    )
    page = as_user(director).get(reverse("complaints:statement_detail", args=[statement.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    # The statement page never shows who the patron is.
    assert (
        "Lena Morales" not in body and "lena.morales@example.net" not in body and upheld.reference not in body
    )


# Who may edit a draft: its drafter (the supervisor here) and the director.
EDIT_EXPECTED = {
    "frontline": 403,
    "supervisor": 302,
    "administrator": 403,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 403,
    "other_system_admin": 404,
}


@pytest.mark.parametrize("key", ROLE_KEYS)
def test_editing_a_draft_per_role(world, upheld, director, key):
    statement = draft(world, upheld)
    response = as_user(world.users[key]).post(
        reverse("complaints:statement_edit", args=[statement.pk]), edit_data(statement, title="Changed title")
    )
    assert response.status_code == EDIT_EXPECTED[key]
    statement.refresh_from_db()
    assert (statement.title == "Changed title") == (EDIT_EXPECTED[key] == 302)


def test_the_director_edits_a_draft_and_the_edit_is_audited(world, upheld, director):
    statement = draft(world, upheld)
    response = as_user(director).post(
        reverse("complaints:statement_edit", args=[statement.pk]),
        edit_data(
            statement, body_es="Cobramos una multa por error y cambiamos cómo revisamos las devoluciones."
        ),
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.version == 2 and "cambiamos" in statement.body_es
    event = AuditEvent.objects.filter(event="complaints.statement_edited").get()
    assert event.actor == director and set(event.changes) == {"body_es"}


def test_edits_stop_at_approval_with_a_message_and_nothing_changes(world, upheld, director):
    statement = approved(world, upheld, director)
    events = AuditEvent.objects.filter(event__startswith="complaints.statement_").count()
    for user in (world.users["supervisor"], director):
        response = as_user(user).post(
            reverse("complaints:statement_edit", args=[statement.pk]), edit_data(statement, title="Too late")
        )
        assert response.status_code == 400
        assert "its text can no longer be changed" in response.content.decode()
    after = PublicStatement.objects.get(pk=statement.pk)
    assert (after.title, after.version, after.status) == (statement.title, statement.version, "approved")
    assert AuditEvent.objects.filter(event__startswith="complaints.statement_").count() == events
    # The page offers no edit form once approved.
    page = as_user(director).get(reverse("complaints:statement_detail", args=[statement.pk])).content.decode()
    assert "Edit the draft" not in page


def test_two_people_editing_never_overwrite_each_other(world, upheld, director):
    statement = draft(world, upheld)
    url = reverse("complaints:statement_edit", args=[statement.pk])
    first = edit_data(statement, title="The director's title")
    second = edit_data(statement, title="The drafter's title")
    assert as_user(director).post(url, first).status_code == 302
    response = as_user(world.users["supervisor"]).post(url, second)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Someone else saved this record" in body and "The drafter&#x27;s title" in body
    statement.refresh_from_db()
    assert statement.title == "The director's title" and statement.version == 2
    with pytest.raises(StaleEditError):
        services.statement_edit(
            actor=director,
            statement=PublicStatement.objects.get(pk=statement.pk),
            expected_version=1,
            **SPANISH,
            title="Old",
            body="Old",
        )


def test_approval_needs_english_and_spanish(world, upheld, director):
    statement = draft(world, upheld, spanish=False)
    page = as_user(director).get(reverse("complaints:statement_detail", args=[statement.pk])).content.decode()
    assert "data-missing-spanish" in page
    client = as_user(director)
    response = client.post(
        reverse("complaints:statement_step", args=[statement.pk, "approve"]), {"version": statement.version}
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.status == "draft" and statement.approved_at is None
    follow = client.get(response.url).content.decode()
    assert "in both English and Spanish before approving" in follow
    services.statement_edit(
        actor=director,
        statement=statement,
        expected_version=statement.version,
        title=statement.title,
        body=statement.body,
        **SPANISH,
    )
    services.statement_approve(actor=director, statement=statement, expected_version=statement.version)
    assert PublicStatement.objects.get(pk=statement.pk).status == "approved"


def test_the_director_approves_only_the_text_they_read(world, upheld, director):
    statement = draft(world, upheld)
    read_version = statement.version
    services.statement_edit(
        actor=world.users["supervisor"],
        statement=statement,
        expected_version=read_version,
        title="A later title",
        body=statement.body,
        **SPANISH,
    )
    as_user(director).post(
        reverse("complaints:statement_step", args=[statement.pk, "approve"]), {"version": read_version}
    )
    assert PublicStatement.objects.get(pk=statement.pk).status == "draft"


def test_a_statement_never_names_the_patron(world, upheld):
    with pytest.raises(ValidationError):
        services.statement_draft(
            actor=world.users["supervisor"],
            complaint=upheld,
            title="Our apology to Lena Morales",
            body="We were wrong.",
        )
    assert not PublicStatement.objects.exists()


def test_each_step_is_on_the_approvers_desk_and_in_their_mail(world, upheld, director, sent):
    second_trustee = UserFactory(library_system=world.system, roles=[(Role.TRUSTEE, None)])
    UserFactory(library_system=world.other_system, roles=[(Role.TRUSTEE, None)])
    mail.outbox.clear()
    with sent():
        statement = draft(world, upheld)
    (message,) = mail.outbox
    assert message.to == [director.email] and "waits for your approval" in message.subject
    assert f"/complaints/statements/{statement.pk}/" in message.body
    assert [step for _s, step in [(i.title, i.detail) for i in statement_items(director)]] == [
        "Waiting for your approval"
    ]
    assert statement_items(world.users["trustee"]) == []

    mail.outbox.clear()
    with sent():
        services.statement_approve(actor=director, statement=statement)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.users["trustee"].email, second_trustee.email]
    )
    assert all("a trustee's review" in m.subject for m in mail.outbox)
    assert statement_items(director) == []
    for trustee in (world.users["trustee"], second_trustee):
        (item,) = statement_items(trustee)
        assert item.url == reverse("complaints:statement_detail", args=[statement.pk])

    mail.outbox.clear()
    with sent():
        services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    (message,) = mail.outbox
    assert message.to == [director.email] and "ready to publish" in message.subject
    assert statement_items(world.users["trustee"]) == []
    assert [i.detail for i in statement_items(director)] == ["Reviewed by a trustee: ready to publish"]
    desk = as_user(director).get(reverse("core:desk")).content.decode()
    assert "Public statements waiting for you" in desk and "An apology for a wrongful fine" in desk


def test_staff_mails_about_statements_never_carry_the_patron(world, upheld, director, sent):
    mail.outbox.clear()
    with sent():
        statement = draft(world, upheld)
        services.statement_approve(actor=director, statement=statement)
        services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "Lena" not in message.body + message.subject
        assert "lena.morales@example.net" not in message.body + message.subject


def test_a_trustee_comment_is_shown_on_the_statement(world, upheld, director):
    statement = approved(world, upheld, director)
    url = reverse("complaints:statement_comment", args=[statement.pk])
    response = as_user(world.users["trustee"]).post(url, {"body": "Say when the training finished."})
    assert response.status_code == 302
    page = as_user(director).get(reverse("complaints:statement_detail", args=[statement.pk])).content.decode()
    assert "Say when the training finished." in page
    assert PublicStatement.objects.get(pk=statement.pk).status == "approved"
    reply = as_user(director).post(url, {"body": "Added the date."})
    assert reply.status_code == 302 and StatementComment.objects.count() == 2


# Trustees comment; the director replies; nobody else.
COMMENT_EXPECTED = {
    "frontline": 403,
    "supervisor": 403,
    "administrator": 403,
    "security": 403,
    "trainer": 403,
    "trustee": 302,
    "other_branch_supervisor": 403,
    "other_system_admin": 404,
}


@pytest.mark.parametrize("key", ROLE_KEYS)
def test_commenting_per_role(world, upheld, director, key):
    statement = approved(world, upheld, director)
    response = as_user(world.users[key]).post(
        reverse("complaints:statement_comment", args=[statement.pk]), {"body": "A remark."}
    )
    assert response.status_code == COMMENT_EXPECTED[key]
    assert StatementComment.objects.count() == (1 if COMMENT_EXPECTED[key] == 302 else 0)


@pytest.mark.parametrize("key", ROLE_KEYS)
def test_approve_review_and_publish_per_role(world, upheld, director, key):
    statement = approved(world, upheld, director)
    other = record(actor=world.users["supervisor"], branch=world.branch, severity="serious")[0]
    Complaint.objects.filter(pk=other.pk).update(outcome="upheld")
    waiting = services.statement_draft(
        actor=world.users["supervisor"],
        complaint=Complaint.objects.get(pk=other.pk),
        title="T",
        body="B",
        **SPANISH,
    )
    client = as_user(world.users[key])
    approve = client.post(reverse("complaints:statement_step", args=[waiting.pk, "approve"]))
    review = client.post(reverse("complaints:statement_step", args=[statement.pk, "trustee-review"]))
    expected_approve = 404 if key == "other_system_admin" else 403
    expected_review = {"trustee": 302, "other_system_admin": 404}.get(key, 403)
    assert (approve.status_code, review.status_code) == (expected_approve, expected_review)
    assert PublicStatement.objects.get(pk=waiting.pk).status == "draft"
    if key != "trustee":
        services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    publish = client.post(reverse("complaints:statement_step", args=[statement.pk, "publish"]))
    expected_publish = {"administrator": 302, "other_system_admin": 404}.get(key, 403)
    assert publish.status_code == expected_publish
    assert (PublicStatement.objects.get(pk=statement.pk).status == "published") == (expected_publish == 302)


def test_the_director_may_approve_and_publish(world, upheld, director):
    statement = draft(world, upheld)
    client = as_user(director)
    client.post(reverse("complaints:statement_step", args=[statement.pk, "approve"]), {"version": 1})
    statement.refresh_from_db()
    services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    client.post(reverse("complaints:statement_step", args=[statement.pk, "publish"]))
    assert PublicStatement.objects.get(pk=statement.pk).status == "published"


def test_an_objection_returns_the_statement_to_the_director(world, upheld, director, sent):
    statement = approved(world, upheld, director)
    services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    mail.outbox.clear()
    with sent():
        response = as_user(world.users["trustee"]).post(
            reverse("complaints:statement_comment", args=[statement.pk]),
            {"body": "This blames the patron for the alarm.", "intent": "object"},
        )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.status == "draft"
    assert statement.approved_at is None and statement.approved_by is None
    assert statement.trustee_reviewed_at is None
    (message,) = mail.outbox
    assert message.to == [director.email] and "objected" in message.subject
    assert "This blames the patron for the alarm." in message.body
    assert [i.detail for i in statement_items(director)] == [
        "A trustee objected: it waits for your approval again"
    ]
    page = as_user(director).get(reverse("complaints:statement_detail", args=[statement.pk])).content.decode()
    assert "Objection" in page and "This blames the patron for the alarm." in page
    assert "Edit the draft" in page
    assert AuditEvent.objects.filter(event="complaints.statement_objected").count() == 1


def test_an_objection_to_a_draft_or_by_the_director_is_refused(world, upheld, director):
    statement = draft(world, upheld)
    response = as_user(world.users["trustee"]).post(
        reverse("complaints:statement_comment", args=[statement.pk]), {"body": "No.", "intent": "object"}
    )
    assert response.status_code == 400 and not StatementComment.objects.exists()
    services.statement_approve(actor=director, statement=statement)
    with pytest.raises(ValidationError):
        services.statement_comment(actor=director, statement=statement, body="No.", is_objection=True)
    assert PublicStatement.objects.get(pk=statement.pk).status == "approved"


def test_the_patron_is_told_in_spanish_when_it_is_published(world, upheld, director, sent):
    statement = approved(world, upheld, director)
    services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    mail.outbox.clear()
    with sent():
        services.statement_publish(actor=director, statement=statement)
    (message,) = mail.outbox
    assert message.to == ["lena.morales@example.net"]
    assert message.subject == f"Publicamos una declaración sobre su caso {upheld.reference}"
    assert SPANISH["title_es"] in message.body and "/notices/?library=riverside" in message.body


def test_an_anonymous_patron_or_one_without_e_mail_is_not_told(world, director, sent):
    complaint, _ = record(
        actor=world.users["supervisor"],
        branch=world.branch,
        severity="serious",
        anonymous=True,
        patron_name="",
        patron_email="",
        patron_phone="",
    )
    Complaint.objects.filter(pk=complaint.pk).update(outcome="upheld")
    statement = approved(world, Complaint.objects.get(pk=complaint.pk), director)
    services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    mail.outbox.clear()
    with sent():
        services.statement_publish(actor=director, statement=statement)
    assert mail.outbox == []


def test_statement_mails_follow_each_persons_digest_choice(world, upheld, director, sent, settings):
    from patroncare.notifications.models import Preference

    settings.NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = True
    Preference.objects.create(user=director, kind="complaints.statement_approval", delivery="digest")
    mail.outbox.clear()
    with sent():
        draft(world, upheld)
    assert [m.to for m in mail.outbox] == []
    assert DigestLine.objects.filter(user=director, kind="complaints.statement_approval").count() == 1


def test_the_notices_page_speaks_the_page_language(world, upheld, director):
    statement = approved(world, upheld, director)
    services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    services.statement_publish(actor=director, statement=statement)
    url = reverse("notices:list")
    spanish = Client().get(url, {"library": "riverside"}, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="es">' in spanish
    assert SPANISH["title_es"] in spanish and "An apology for a wrongful fine" not in spanish
    english = Client().get(url, {"library": "riverside"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in english
    assert "An apology for a wrongful fine" in english and SPANISH["title_es"] not in english
    # Without Spanish text (which approval prevents), a Spanish reader would get the English, marked so.
    assert PublicStatement(title="T", body="B").text_in("es") == ("T", "B", "en")


def test_a_statement_on_a_restricted_case_reveals_nothing_of_the_case(world, director, sent):
    complaint, _ = record(
        actor=world.users["supervisor"],
        branch=world.branch,
        severity="serious",
        staff_involved="The evening desk assistant",
        narrative="The evening desk assistant shouted at me in front of my children.",
    )
    Complaint.objects.filter(pk=complaint.pk).update(outcome="upheld")
    complaint.refresh_from_db()
    assert complaint.restricted
    mail.outbox.clear()
    with sent():
        statement = approved(world, complaint, director)
    for key in ("trustee", "other_branch_supervisor"):
        body = as_user(world.users[key]).get(reverse("complaints:statement_detail", args=[statement.pk]))
        text = body.content.decode()
        assert complaint.reference not in text and "shouted at me" not in text and "evening desk" not in text
    for message in mail.outbox:
        assert "shouted at me" not in message.body and "evening desk" not in message.body
