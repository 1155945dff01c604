from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.conduct import services
from patroncare.conduct.models import Appeal, Exclusion
from patroncare.conftest import ADMIN_ONLY, ADMIN_ONLY_RECORD
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import Unit, period_last_day, today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import BehaviourClass, LadderStep, Outcome, Rule

pytestmark = pytest.mark.django_db

HANDLERS = {
    "frontline": 403,
    "supervisor": 200,
    "administrator": 200,
    "security": 200,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}
HANDLERS_RECORD = HANDLERS | {"other_branch_supervisor": 404, "other_system_admin": 404}


def test_board_is_for_staff_who_enforce_it(role_matrix, case):
    expected = {
        "frontline": 200,
        "supervisor": 200,
        "administrator": 200,
        "security": 200,
        "trainer": 403,
        "trustee": 403,
        "other_branch_supervisor": 200,
        "other_system_admin": 200,
        "anonymous": 302,
    }
    role_matrix(reverse("conduct:board"), expected, hidden_text="Casey Hidden")


def test_board_shows_who_and_until_when_but_not_the_story(signed_in, case):
    content = signed_in(case.users["frontline"]).get(reverse("conduct:board")).content.decode()
    assert "Casey Hidden" in content and "Yellow scarf" in content
    assert case.incident.narrative[:20] not in content and "Shouted threats" not in content


def test_board_of_another_branch_does_not_list_a_branch_exclusion(signed_in, case):
    content = signed_in(case.users["other_branch_supervisor"]).get(reverse("conduct:board")).content.decode()
    assert "Casey Hidden" not in content


def test_rules_are_readable_by_staff(role_matrix, case):
    expected = {
        "frontline": 200,
        "supervisor": 200,
        "administrator": 200,
        "security": 200,
        "trainer": 200,
        "trustee": 403,
        "other_branch_supervisor": 200,
        "other_system_admin": 200,
        "anonymous": 302,
    }
    role_matrix(reverse("conduct:rules"), expected, hidden_text="Respecting an exclusion")


def test_rule_editing_is_for_administrators(role_matrix, case):
    role_matrix(reverse("conduct:rule_edit", args=[case.rules["4"].pk]), ADMIN_ONLY_RECORD)
    role_matrix(reverse("conduct:rule_create"), ADMIN_ONLY)
    role_matrix(reverse("conduct:appeal_settings"), ADMIN_ONLY)


@pytest.mark.parametrize("url_name", ["conduct:ladder", "conduct:exclusions"])
def test_ladder_and_exclusion_list_are_for_handlers(role_matrix, case, url_name):
    role_matrix(reverse(url_name), HANDLERS, hidden_text="Casey Hidden")


@pytest.mark.parametrize("url_name", ["conduct:exclusion_detail", "conduct:exclusion_letter"])
def test_exclusion_and_its_letter_are_for_handlers_of_its_branch(role_matrix, case, url_name):
    role_matrix(reverse(url_name, args=[case.exclusion.pk]), HANDLERS_RECORD, hidden_text="Casey Hidden")


def test_consequence_page_is_for_handlers_of_the_incident(role_matrix, case):
    url = reverse("conduct:exclusion_create") + f"?incident={case.incident.pk}&person={case.person.pk}"
    role_matrix(url, HANDLERS_RECORD, hidden_text="Casey Hidden")


def test_review_is_for_administrators_and_system_wide_supervisors(role_matrix, case):
    expected = ADMIN_ONLY | {"other_system_admin": 200}
    role_matrix(reverse("conduct:review"), expected, hidden_text="Shouted threats")


def test_deciding_an_appeal_is_for_the_decider_only(role_matrix, case):
    case.system.director = case.users["administrator"]
    case.system.save()
    appeal = services.appeal_file(
        actor=case.users["supervisor"],
        exclusion=case.exclusion,
        received_at=timezone.now(),
        statement="I was upset; it will not happen again.",
    )
    expected = {
        "frontline": 403,
        "supervisor": 404,
        "administrator": 200,
        "security": 404,
        "trainer": 403,
        "trustee": 403,
        "other_branch_supervisor": 404,
        "other_system_admin": 404,
        "anonymous": 302,
    }
    role_matrix(
        reverse("conduct:appeal_decide", args=[case.exclusion.pk, appeal.pk]),
        expected,
        hidden_text="I was upset",
    )


def test_the_recommendation_is_shown_before_issuing(signed_in, case):
    url = reverse("conduct:exclusion_create") + f"?incident={case.incident.pk}&person={case.person.pk}"
    content = signed_in(case.users["supervisor"]).get(url).content.decode()
    assert "First serious violation in the past 12 months: leave for the rest of the day" in content


def test_issuing_through_the_page(signed_in, case):
    second = IncidentFactory(branch=case.branch, rules=[case.rules["4"]], subject=case.person)
    today = today_in(case.system)
    data = {
        "incident": second.pk,
        "person": case.person.pk,
        "outcome": "suspension",
        "start_date": today.isoformat(),
        "end_date": period_last_day(today, 1, Unit.MONTHS).isoformat(),  # "1 month"
        "branch": "",
        "rules": [case.rules["4"].pk],
        "conditions": "",
        "deviation_reason": "",
        "letter_language": "es",
        "summary_es": "Insultó a un usuario en las computadoras.",
    }
    response = signed_in(case.users["supervisor"]).post(reverse("conduct:exclusion_create"), data)
    exclusion = Exclusion.objects.latest("pk")
    assert response.status_code == 302
    assert exclusion.recommendation == "Second serious violation in the past 12 months: 1 month"
    assert (exclusion.branch, exclusion.letter_language) == (None, "es")
    assert exclusion.deviation_reason == ""
    assert exclusion.summary_es == "Insultó a un usuario en las computadoras."


def test_a_spanish_letter_asks_for_the_spanish_texts_before_issuing(signed_in, case):
    second = IncidentFactory(branch=case.branch, rules=[case.rules["4"]], subject=case.person)
    today = today_in(case.system)
    data = {
        "incident": second.pk,
        "person": case.person.pk,
        "outcome": "suspension",
        "start_date": today.isoformat(),
        "end_date": period_last_day(today, 1, Unit.MONTHS).isoformat(),
        "rules": [case.rules["4"].pk],
        "conditions": "Speak with the branch manager first.",
        "letter_language": "es",
    }
    client = signed_in(case.users["supervisor"])
    before = Exclusion.objects.count()
    response = client.post(reverse("conduct:exclusion_create"), data)
    page = response.content.decode()
    assert response.status_code == 400 and Exclusion.objects.count() == before
    assert "write what happened in Spanish" in page and "write the conditions for return in Spanish" in page
    assert "the Spanish letter quotes the English text" in page  # the way to issue it anyway
    assert "Speak with the branch manager first." in page  # nothing typed is lost
    response = client.post(reverse("conduct:exclusion_create"), data | {"without_spanish": "on"})
    assert response.status_code == 302 and Exclusion.objects.count() == before + 1
    english_only = Exclusion.objects.latest("pk")
    assert (english_only.summary_es, english_only.conditions_es) == ("", "")
    response = client.post(reverse("conduct:exclusion_create"), data | {"letter_language": "en"})
    assert response.status_code == 302, "an English letter needs no Spanish text"


def test_an_end_before_the_start_is_a_clear_error_and_nothing_is_saved(signed_in, case):
    today = today_in(case.system)
    data = {
        "incident": case.incident.pk,
        "person": case.person.pk,
        "outcome": "suspension",
        "start_date": today.isoformat(),
        "end_date": (today - timedelta(days=3)).isoformat(),
        "rules": [case.rules["4"].pk],
        "conditions": "Come back calmly",
        "letter_language": "en",
    }
    response = signed_in(case.users["supervisor"]).post(reverse("conduct:exclusion_create"), data)
    assert response.status_code == 400
    assert "The last day cannot be before the first day." in response.content.decode()
    assert "Come back calmly" in response.content.decode()
    assert Exclusion.objects.count() == 1


def test_front_line_staff_cannot_issue_and_nothing_changes(signed_in, case):
    today = today_in(case.system)
    data = {
        "incident": case.incident.pk,
        "person": case.person.pk,
        "outcome": "leave_day",
        "start_date": today.isoformat(),
        "rules": [case.rules["4"].pk],
        "letter_language": "en",
    }
    response = signed_in(case.users["frontline"]).post(reverse("conduct:exclusion_create"), data)
    assert response.status_code == 403 and Exclusion.objects.count() == 1


def test_the_notice_letter_is_a_pdf_in_either_language(signed_in, case):
    client = signed_in(case.users["supervisor"])
    for language in ("en", "es"):
        url = reverse("conduct:exclusion_letter", args=[case.exclusion.pk]) + f"?lang={language}"
        assert "Issue and print the letter" in client.get(url).content.decode()
        assert client.post(url).status_code == 302
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.getvalue().startswith(b"%PDF-")


def test_the_notice_letter_cites_rule_dates_and_appeal(case):
    from patroncare.conduct.letters import exclusion_notice_html

    english = exclusion_notice_html(case.exclusion, language="en")
    spanish = exclusion_notice_html(case.exclusion, language="es")
    assert "4. Respectful conduct" in english and "Your right to appeal" in english
    assert "Su derecho a apelar" in spanish
    assert "4. Conducta respetuosa" in spanish and "No acose, insulte" in spanish


def test_filing_and_deciding_an_appeal_through_the_pages(signed_in, case):
    case.system.director = case.users["administrator"]
    case.system.save()
    local_now = timezone.localtime(timezone.now(), case.system.zone)
    client = signed_in(case.users["supervisor"])
    response = client.post(
        reverse("conduct:appeal_create", args=[case.exclusion.pk]),
        {
            "appeal-received_at": local_now.strftime("%Y-%m-%dT%H:%M"),
            "appeal-statement": "Please reconsider.",
            "appeal-good_cause": "",
            "appeal-letter_language": "en",
        },
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    new_end = case.exclusion.start_date + timedelta(days=6)
    client = signed_in(case.users["administrator"])
    response = client.post(
        reverse("conduct:appeal_decide", args=[case.exclusion.pk, appeal.pk]),
        {
            "decision": "shortened",
            "decision_reason": "A first serious incident.",
            "new_end_date": new_end.isoformat(),
        },
    )
    assert response.status_code == 302
    case.exclusion.refresh_from_db()
    assert case.exclusion.end_date == new_end
    url = reverse("conduct:appeal_letter", args=[case.exclusion.pk, appeal.pk])
    client.post(url)
    letter = client.get(url)
    assert letter.getvalue().startswith(b"%PDF-")


def severe(case):
    return BehaviourClass.objects.get(system=case.system, rank=3).pk


def test_administrator_adds_a_ladder_row_as_published(signed_in, case):
    data = {
        "step-behaviour_class": severe(case),
        "step-counts": "at_least",
        "step-offence_from": "4",
        "step-offence_to": "",
        "step-lookback_number": "3",
        "step-lookback_unit": "years",
        "step-outcome": "suspension",
        "step-length_min": "6",
        "step-length_max": "12",
        "step-length_unit": "months",
        "step-lift_after_number": "",
        "step-lift_after_unit": "years",
        "step-note": "",
    }
    response = signed_in(case.users["administrator"]).post(reverse("conduct:ladder_step_create"), data)
    assert response.status_code == 302
    step = LadderStep.objects.get(system=case.system, offence_from=4)
    assert (step.length_min, step.length_max, step.length_unit) == (6, 12, "months")
    assert (step.lookback_number, step.lookback_unit) == (3, "years")
    assert (step.behaviour_class.rank, step.counts) == (3, "at_least")


def test_a_suspension_row_without_days_is_refused(signed_in, case):
    before = LadderStep.objects.count()
    data = {
        "step-behaviour_class": severe(case),
        "step-offence_from": "4",
        "step-lookback_number": "12",
        "step-lookback_unit": "months",
        "step-length_unit": "days",
        "step-lift_after_unit": "years",
        "step-outcome": "suspension",
    }
    response = signed_in(case.users["administrator"]).post(reverse("conduct:ladder_step_create"), data)
    assert response.status_code == 400 and LadderStep.objects.count() == before


def test_a_supervisor_cannot_change_the_ladder(signed_in, case):
    before = LadderStep.objects.count()
    response = signed_in(case.users["supervisor"]).post(
        reverse("conduct:ladder_step_create"), {"step-behaviour_class": severe(case)}
    )
    assert response.status_code == 403 and LadderStep.objects.count() == before


def test_exclusion_list_makes_a_constant_number_of_queries(signed_in, case, django_assert_max_num_queries):
    client = signed_in(case.users["administrator"])
    with django_assert_max_num_queries(14) as small:
        client.get(reverse("conduct:exclusions"))
    for _ in range(5):
        person = PersonFactory(system=case.system)
        Exclusion.objects.create(
            system=case.system,
            person=person,
            outcome=Outcome.LEAVE_DAY,
            start_date=today_in(case.system),
            end_date=today_in(case.system),
            issued_by=case.users["supervisor"],
            issued_at=timezone.now(),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("conduct:exclusions"))


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_photo_is_added_and_shown_only_to_boards_that_list_the_person(signed_in, case, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = signed_in(case.users["supervisor"]).post(
        reverse("conduct:photo_upload", args=[case.exclusion.pk]),
        {"photo-photo": SimpleUploadedFile("face.png", PNG)},
    )
    assert response.status_code == 302
    url = reverse("conduct:person_photo", args=[case.person.pk])
    assert signed_in(case.users["frontline"]).get(url).status_code == 200
    assert signed_in(case.users["other_branch_supervisor"]).get(url).status_code == 404
    assert signed_in(case.users["other_system_admin"]).get(url).status_code == 404
    assert signed_in(case.users["trustee"]).get(url).status_code == 403


def test_a_disguised_photo_is_refused_and_nothing_is_kept(signed_in, case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = signed_in(case.users["supervisor"]).post(
        reverse("conduct:photo_upload", args=[case.exclusion.pk]),
        {"photo-photo": SimpleUploadedFile("face.png", b"%PDF-1.4 not a photo")},
    )
    assert response.status_code == 400
    assert "content was checked" in response.content.decode()
    case.person.refresh_from_db()
    assert not case.person.photo


def test_completing_a_pending_review_within_the_role_limit(signed_in, case):
    case.system.director = case.users["administrator"]
    case.system.save()
    incident = IncidentFactory(branch=case.branch, rules=[case.rules["9"]], subject=case.person)
    exclusion = services.exclusion_issue(
        actor=case.users["administrator"],
        incident=incident,
        person=case.person,
        outcome=Outcome.PENDING_REVIEW,
        start_date=today_in(case.system),
    )
    end = exclusion.start_date + timedelta(days=179)
    data = {"review-outcome": "suspension", "review-end_date": end.isoformat()}
    url = reverse("conduct:exclusion_review", args=[exclusion.pk])
    response = signed_in(case.users["security"]).post(url, data)
    assert response.status_code == 400 and "A suspension this long is issued by" in response.content.decode()
    exclusion.refresh_from_db()
    assert exclusion.outcome == Outcome.PENDING_REVIEW
    response = signed_in(case.users["supervisor"]).post(url, data)
    exclusion.refresh_from_db()
    assert response.status_code == 302
    assert (exclusion.outcome, exclusion.end_date) == (Outcome.SUSPENSION, end)


@pytest.mark.parametrize(
    ("role", "status"),
    [("frontline", 403), ("trustee", 403), ("other_branch_supervisor", 404), ("other_system_admin", 404)],
)
def test_denied_writes_on_an_exclusion_change_nothing(signed_in, case, role, status):
    exclusion = case.exclusion
    Exclusion.objects.filter(pk=exclusion.pk).update(deviation_approved_at=None, deviation_approved_by=None)
    client = signed_in(case.users[role])
    today = today_in(case.system).isoformat()
    posts = [
        (reverse("conduct:exclusion_approve", args=[exclusion.pk]), {}),
        (
            reverse("conduct:delivery_create", args=[exclusion.pk]),
            {"delivery-method": "mail", "delivery-delivered_on": today},
        ),
        (
            reverse("conduct:appeal_create", args=[exclusion.pk]),
            {"appeal-statement": "x", "appeal-letter_language": "en"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == status
    exclusion.refresh_from_db()
    assert exclusion.deviation_approved_at is None
    assert exclusion.deliveries.count() == 0 and exclusion.appeals.count() == 0


def test_a_deviation_and_an_appeal_wait_on_the_deciders_desk(signed_in, case):
    Exclusion.objects.filter(pk=case.exclusion.pk).update(
        deviation_approved_at=None, deviation_approved_by=None
    )
    desk = signed_in(case.users["other_branch_supervisor"]).get(reverse("core:desk")).content.decode()
    assert "Approve or discuss" not in desk  # a branch exclusion elsewhere is not theirs to approve
    director = UserFactory(library_system=case.system, roles=[(Role.SUPERVISOR, None)])
    desk = signed_in(director).get(reverse("core:desk")).content.decode()
    assert "Approve or discuss: Suspension for Casey Hidden" in desk
    issuer_desk = signed_in(case.users["supervisor"]).get(reverse("core:desk")).content.decode()
    assert "Approve or discuss" not in issuer_desk
    case.system.director = director
    case.system.save()
    services.appeal_file(
        actor=case.users["supervisor"],
        exclusion=case.exclusion,
        received_at=timezone.now(),
        statement="Please.",
    )
    desk = signed_in(director).get(reverse("core:desk")).content.decode()
    assert "Appeal of Casey Hidden&#x27;s exclusion" in desk


def test_a_pending_deviation_stays_on_the_approvers_desk_once_an_appeal_is_filed(signed_in, case):
    Exclusion.objects.filter(pk=case.exclusion.pk).update(
        deviation_approved_at=None, deviation_approved_by=None
    )
    director = UserFactory(library_system=case.system, roles=[(Role.SUPERVISOR, None)])
    case.system.director = director
    case.system.save()
    services.appeal_file(
        actor=case.users["supervisor"],
        exclusion=case.exclusion,
        received_at=timezone.now(),
        statement="Please.",
    )
    desk = signed_in(director).get(reverse("core:desk")).content.decode()
    assert "Appeal of Casey Hidden&#x27;s exclusion" in desk
    assert "Approve or discuss: Suspension for Casey Hidden" in desk
    # An approver who does not decide appeals still has the deviation to approve.
    admin_desk = signed_in(case.users["administrator"]).get(reverse("core:desk")).content.decode()
    assert "Approve or discuss: Suspension for Casey Hidden" in admin_desk


def test_a_row_cannot_use_another_systems_class(signed_in, case, world):
    from patroncare.conduct.tests.factories import BehaviourClassFactory

    foreign = BehaviourClassFactory(system=world.other_system, rank=3)
    before = LadderStep.objects.count()
    data = {
        "step-behaviour_class": foreign.pk,
        "step-offence_from": "1",
        "step-lookback_number": "12",
        "step-lookback_unit": "months",
        "step-length_unit": "days",
        "step-lift_after_unit": "years",
        "step-counts": "same",
        "step-outcome": "warning",
    }
    response = signed_in(case.users["administrator"]).post(reverse("conduct:ladder_step_create"), data)
    assert response.status_code == 400 and LadderStep.objects.count() == before
    assert "Select a valid choice" in response.content.decode()


def test_classes_of_behaviour_are_edited_by_administrators_only(role_matrix, case):
    url = reverse("conduct:class_edit", args=[BehaviourClass.objects.get(system=case.system, rank=1).pk])
    role_matrix(url, ADMIN_ONLY_RECORD, hidden_text="Tier 1: minor")


@pytest.mark.parametrize("role", ["supervisor", "security", "frontline", "other_system_admin"])
def test_others_cannot_add_rename_or_remove_a_class(signed_in, case, role):
    user = case.users[role]
    minor = BehaviourClass.objects.get(system=case.system, rank=1)
    client = signed_in(user)
    theirs = BehaviourClass.objects.filter(system=case.system).order_by("pk")
    before = list(theirs.values_list("pk", "name", "rank"))
    client.post(reverse("conduct:class_create"), {"class-name": "Class Z", "class-rank": "9"})
    client.post(
        reverse("conduct:class_edit", args=[minor.pk]), {"name": "Renamed", "rank": "1", "version": "1"}
    )
    client.post(reverse("conduct:class_delete", args=[minor.pk]))
    assert list(theirs.values_list("pk", "name", "rank")) == before


def test_an_administrator_enters_classes_a_to_e(signed_in, case):
    client = signed_in(case.users["administrator"])
    for rank, letter in enumerate("ABCDE", start=5):
        response = client.post(
            reverse("conduct:class_create"),
            {
                "class-name": f"Class {letter}",
                "class-rank": str(rank),
                "class-in_sentence": f"Class {letter}",
            },
        )
        assert response.status_code == 302
    names = list(
        BehaviourClass.objects.filter(system=case.system, rank__gte=5).values_list("name", flat=True)
    )
    assert names == ["Class A", "Class B", "Class C", "Class D", "Class E"]
    page = client.get(reverse("conduct:ladder")).content.decode()
    assert "Class E" in page


def test_a_duplicate_class_is_refused_with_the_typed_values_kept(signed_in, case):
    client = signed_in(case.users["administrator"])
    before = BehaviourClass.objects.count()
    response = client.post(
        reverse("conduct:class_create"),
        {"class-name": "Tier 2: serious", "class-rank": "2", "class-in_sentence": "kept words"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and BehaviourClass.objects.count() == before
    assert "Another class already has this name." in page
    # Classes may share a seriousness number: only the name is refused.
    assert "Another class already has this seriousness number." not in page
    assert "kept words" in page


def test_renaming_a_class_changes_the_explanation_and_keeps_rule_versions(signed_in, case):
    serious = BehaviourClass.objects.get(system=case.system, rank=2)
    response = signed_in(case.users["administrator"]).post(
        reverse("conduct:class_edit", args=[serious.pk]),
        {
            "version": serious.version,
            "name": "Class B",
            "rank": "2",
            "in_sentence": "Class B",
            "name_es": "Clase B",
            "in_sentence_es": "",
        },
    )
    assert response.status_code == 302
    recommendation = services.recommendation_for(incident=case.incident, person=case.person)
    assert recommendation.explanation.startswith("First Class B violation in the past 12 months")
    assert case.rules["4"].versions.get(number=1).class_name == "Tier 2: serious"


def test_a_class_in_use_cannot_be_removed(signed_in, case):
    serious = BehaviourClass.objects.get(system=case.system, rank=2)
    response = signed_in(case.users["administrator"]).post(
        reverse("conduct:class_delete", args=[serious.pk]), follow=True
    )
    assert BehaviourClass.objects.filter(pk=serious.pk).exists()
    assert "move them to another class first" in response.content.decode()
    assert Rule.objects.filter(behaviour_class=serious).exists()


def test_an_unused_class_is_removed(signed_in, case):
    spare = BehaviourClass.objects.create(system=case.system, rank=9, name="Spare")
    signed_in(case.users["administrator"]).post(reverse("conduct:class_delete", args=[spare.pk]))
    assert not BehaviourClass.objects.filter(pk=spare.pk).exists()


def test_editing_a_ladder_row_is_for_administrators(role_matrix, case):
    step = LadderStep.objects.filter(system=case.system).first()
    role_matrix(reverse("conduct:ladder_step_edit", args=[step.pk]), ADMIN_ONLY_RECORD)


def test_an_administrator_corrects_a_row_and_the_change_is_audited(signed_in, case):
    from patroncare.audit.models import AuditEvent

    step = LadderStep.objects.get(
        system=case.system, behaviour_class__rank=2, for_minors=False, offence_from=2
    )
    data = {
        "version": step.version,
        "behaviour_class": step.behaviour_class_id,
        "offence_from": "2",
        "offence_to": "2",
        "lookback_number": "730",
        "lookback_unit": "days",
        "counts": "same",
        "outcome": "suspension",
        "length_min": "60",
        "length_max": "60",
        "length_unit": "days",
        "lift_after_unit": "years",
        "note": "",
    }
    response = signed_in(case.users["administrator"]).post(
        reverse("conduct:ladder_step_edit", args=[step.pk]), data
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.lookback_number, step.lookback_unit, step.length_min, step.length_unit) == (
        730,
        "days",
        60,
        "days",
    )
    event = AuditEvent.objects.get(
        object_type="rulebook.ladderstep", object_id=str(step.pk), event="rulebook.step_changed"
    )
    assert "lookback_number" in event.changes and "lookback_unit" in event.changes


def test_a_bad_row_edit_changes_nothing_and_keeps_what_was_typed(signed_in, case):
    step = LadderStep.objects.get(
        system=case.system, behaviour_class__rank=2, for_minors=False, offence_from=2
    )
    data = {
        "version": step.version,
        "behaviour_class": step.behaviour_class_id,
        "offence_from": "3",
        "offence_to": "2",
        "lookback_number": "999",
        "lookback_unit": "days",
        "counts": "same",
        "outcome": "suspension",
        "length_min": "60",
        "length_unit": "days",
        "lift_after_unit": "years",
    }
    response = signed_in(case.users["administrator"]).post(
        reverse("conduct:ladder_step_edit", args=[step.pk]), data
    )
    assert response.status_code == 400
    assert 'value="999"' in response.content.decode()
    fresh = LadderStep.objects.get(pk=step.pk)
    assert (fresh.offence_from, fresh.lookback_number, fresh.lookback_unit) == (2, 12, "months")
    assert (fresh.length_min, fresh.length_unit) == (1, "months")


def test_another_systems_row_cannot_be_edited_or_removed(signed_in, case, world):
    step = LadderStep.objects.filter(system=case.system).first()
    client = signed_in(world.users["other_system_admin"])
    assert (
        client.post(reverse("conduct:ladder_step_edit", args=[step.pk]), {"lookback_number": "1"}).status_code
        == 404
    )
    assert client.post(reverse("conduct:ladder_step_delete", args=[step.pk])).status_code == 404
    assert LadderStep.objects.filter(pk=step.pk, lookback_number=step.lookback_number).exists()


def test_a_reversed_offence_range_gets_a_plain_message(signed_in, case):
    step = LadderStep.objects.get(
        system=case.system, behaviour_class__rank=2, for_minors=False, offence_from=2
    )
    data = {
        "version": step.version,
        "behaviour_class": step.behaviour_class_id,
        "offence_from": "3",
        "offence_to": "2",
        "lookback_number": "12",
        "lookback_unit": "months",
        "counts": "same",
        "outcome": "suspension",
        "length_min": "60",
        "length_max": "30",
        "length_unit": "days",
        "lift_after_unit": "years",
    }
    response = signed_in(case.users["administrator"]).post(
        reverse("conduct:ladder_step_edit", args=[step.pk]), data
    )
    page = response.content.decode()
    assert "The last offence number cannot be lower than the first." in page
    assert "the longest cannot be shorter than the shortest" in page
    assert "Constraint" not in page


def test_a_second_decider_of_an_appeal_is_told_who_decided_it_and_when(signed_in, case):
    from django.utils.formats import date_format

    from patroncare.accounts.models import Role
    from patroncare.accounts.tests.factories import UserFactory
    from patroncare.rulebook.models import AppealSettings

    AppealSettings.objects.update_or_create(system=case.system, defaults={"decider": "administrator"})
    first = UserFactory(
        library_system=case.system, roles=[(Role.ADMINISTRATOR, None)], full_name="Rosa Delgado"
    )
    second = UserFactory(library_system=case.system, roles=[(Role.ADMINISTRATOR, None)])
    appeal = services.appeal_file(
        actor=case.users["supervisor"],
        exclusion=case.exclusion,
        received_at=timezone.now(),
        statement="Please reconsider.",
    )
    appeal = type(appeal).objects.get(pk=appeal.pk)  # read afresh, with the administrator as decider
    decision_url = reverse("conduct:appeal_decide", args=[case.exclusion.pk, appeal.pk])
    assert signed_in(second).get(decision_url).status_code == 200
    services.appeal_decide(actor=first, appeal=appeal, decision="upheld", reason="The conduct was serious.")
    appeal.refresh_from_db()
    response = signed_in(second).post(
        decision_url, {"decision": "overturned", "decision_reason": "Too harsh."}, follow=True
    )
    when = date_format(timezone.localtime(appeal.decided_at, case.system.zone), "DATETIME_FORMAT")
    assert response.redirect_chain == [(reverse("conduct:exclusion_detail", args=[case.exclusion.pk]), 302)]
    body = response.content.decode()
    assert f"This was already decided by Rosa Delgado ({when}). Nothing was changed." in body
    appeal.refresh_from_db()
    assert (appeal.decision, appeal.decided_by) == ("upheld", first)


def test_the_suggested_last_day_of_a_one_month_suspension_from_31_january_is_28_february(signed_in, case):
    from datetime import date
    from unittest import mock

    second = IncidentFactory(branch=case.branch, rules=[case.rules["4"]], subject=case.person)
    url = reverse("conduct:exclusion_create") + f"?incident={second.pk}&person={case.person.pk}"
    with mock.patch("patroncare.conduct.views.exclusions.today_in", return_value=date(2027, 1, 31)):
        page = signed_in(case.users["supervisor"]).get(url).content.decode()
    assert "Second serious violation in the past 12 months: 1 month" in page
    assert 'value="2027-02-28"' in page


def _row_in_units(case):
    step = LadderStep.objects.get(
        system=case.system, behaviour_class__rank=2, for_minors=False, offence_from=2
    )
    data = {
        "version": step.version,
        "behaviour_class": step.behaviour_class_id,
        "offence_from": "2",
        "offence_to": "2",
        "lookback_number": "",
        "lookback_unit": "none",
        "counts": "same",
        "outcome": "suspension",
        "length_min": "2",
        "length_max": "3",
        "length_unit": "months",
        "lift_after_unit": "years",
        "note": "",
    }
    return step, data


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 302),
        ("supervisor", 403),
        ("frontline", 403),
        ("security", 403),
        ("trustee", 403),
        ("other_branch_supervisor", 403),
        ("other_system_admin", 404),
    ],
)
def test_a_row_in_months_with_no_look_back_is_entered_by_an_administrator_only(
    signed_in, case, world, role, status
):
    step, data = _row_in_units(case)
    before = {f: getattr(step, f) for f in ("lookback_number", "lookback_unit", "length_min", "length_unit")}
    response = signed_in(world.users[role]).post(reverse("conduct:ladder_step_edit", args=[step.pk]), data)
    assert response.status_code == status
    step.refresh_from_db()
    after = {f: getattr(step, f) for f in before}
    if status == 302:
        assert after == {
            "lookback_number": None,
            "lookback_unit": "none",
            "length_min": 2,
            "length_unit": "months",
        }
        assert step.length_max == 3
        page = signed_in(world.users[role]).get(reverse("conduct:ladder")).content.decode()
        assert "no look-back" in page and "Suspension: 2 to 3 months" in page
    else:
        assert after == before


def test_a_window_needs_its_number_unless_there_is_no_look_back(signed_in, case):
    step, data = _row_in_units(case)
    data["lookback_unit"] = "months"
    response = signed_in(case.users["administrator"]).post(
        reverse("conduct:ladder_step_edit", args=[step.pk]), data
    )
    assert response.status_code == 400
    assert "Give the look-back window, or choose “no look-back”." in response.content.decode()
    fresh = LadderStep.objects.get(pk=step.pk)
    assert (fresh.lookback_number, fresh.lookback_unit, fresh.length_unit) == (12, "months", "months")
    assert fresh.length_min == 1


def test_the_ladder_page_shows_units_in_spanish(signed_in, case):
    from django.utils import translation

    client = signed_in(case.users["administrator"])
    with translation.override("es"):
        page = client.get(reverse("conduct:ladder"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "12 meses" in page and "Suspensión: 1 mes" in page


def _old_and_new_exclusions(case, *, recent: int):
    """One exclusion in force for years, started long ago, and `recent` later ones that have ended."""
    from patroncare.conduct.tests.factories import ExclusionFactory

    today = today_in(case.system)
    old = ExclusionFactory(
        system=case.system,
        person=PersonFactory(system=case.system, name="Olga Longago"),
        branch=case.branch,
        issued_by=case.users["supervisor"],
        start_date=today - timedelta(days=800),
        end_date=today + timedelta(days=300),
    )
    Exclusion.objects.bulk_create(
        Exclusion(
            system=case.system,
            person=case.person,
            branch=case.branch,
            issued_by=case.users["supervisor"],
            outcome=Outcome.LEAVE_DAY,
            issued_at=timezone.now(),
            start_date=today - timedelta(days=1 + n % 300),
            end_date=today - timedelta(days=1 + n % 300),
        )
        for n in range(recent)
    )
    return old


def test_an_old_active_exclusion_is_listed_under_active_behind_hundreds_of_newer_ones(signed_in, case):
    old = _old_and_new_exclusions(case, recent=320)
    client = signed_in(case.users["administrator"])
    response = client.get(reverse("conduct:exclusions"), {"state": "active"})
    content = response.content.decode()
    assert "Olga Longago" in content
    assert reverse("conduct:exclusion_detail", args=[old.pk]) in content
    assert [e.pk for e in response.context["exclusions"]] == [case.exclusion.pk, old.pk]
    ended = client.get(reverse("conduct:exclusions"), {"state": "ended"})
    assert ended.context["page"].paginator.count == 320
    assert "Olga Longago" not in ended.content.decode()


def test_the_exclusion_list_is_paged_by_fifty_and_keeps_the_filter(signed_in, case):
    _old_and_new_exclusions(case, recent=120)
    client = signed_in(case.users["administrator"])
    first = client.get(reverse("conduct:exclusions"), {"state": "ended"})
    assert len(first.context["exclusions"]) == 50
    assert first.context["page"].paginator.num_pages == 3
    assert "?state=ended&amp;page=2" in first.content.decode()
    last = client.get(reverse("conduct:exclusions"), {"state": "ended", "page": "3"})
    assert len(last.context["exclusions"]) == 20
    assert all(e.state == "ended" for e in last.context["exclusions"])
    everything = client.get(reverse("conduct:exclusions"))
    assert everything.context["page"].paginator.count == 122


def _appeal_rules_post(settings, **changes):
    data = {
        "version": settings.version,
        "min_days_appealable": settings.min_days_appealable,
        "filing_days": settings.filing_days,
        "filing_unit": settings.filing_unit,
        "late_with_good_cause": "on",
        "stays_in_force": "on",
        "decider": settings.decider,
        "decision_days": settings.decision_days,
        "decision_unit": settings.decision_unit,
        "hearing_days": settings.hearing_days,
        "hearing_unit": settings.hearing_unit,
        "disclosure_days": settings.disclosure_days,
        "disclosure_unit": settings.disclosure_unit,
        "how_to_appeal": settings.how_to_appeal,
        "lift_request_interval_days": settings.lift_request_interval_days,
    }
    return data | changes


@pytest.mark.parametrize(
    ("language", "message"), [("en", "at least 1 day to decide"), ("es", "al menos 1 día para resolver")]
)
def test_zero_working_days_to_decide_an_appeal_is_refused_with_a_sentence(signed_in, case, language, message):
    from patroncare.rulebook.models import AppealSettings

    settings = AppealSettings.objects.get(system=case.system)
    client = signed_in(case.users["administrator"])
    with translation.override(language):  # the page's language does not leak into later tests
        response = client.post(
            reverse("conduct:appeal_settings"),
            _appeal_rules_post(settings, decision_days="0"),
            headers={"accept-language": language},
        )
    assert response.status_code == 400
    assert message in response.content.decode()
    settings.refresh_from_db()
    assert settings.decision_days == 10


def test_the_database_refuses_zero_working_days_to_decide(case):
    from django.db import IntegrityError, transaction

    from patroncare.rulebook.models import AppealSettings

    with pytest.raises(IntegrityError), transaction.atomic():
        AppealSettings.objects.filter(system=case.system).update(decision_days=0)
    assert AppealSettings.objects.get(system=case.system).decision_days == 10


SETUP_CARD = "Rules, exclusions and retention still to set"
GAPS = [
    ("No rules of conduct yet", "conduct:rules"),
    ("The consequence ladder has no rows", "conduct:ladder"),
    ("No exclusion limits are set for any role", "conduct:ladder"),
    ("The appeal rules have never been saved", "conduct:appeal_settings"),
    ("No retention schedule", "retention:schedule"),
]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("administrator", True),
        ("supervisor", False),
        ("frontline", False),
        ("security", False),
        ("trainer", False),
        ("trustee", False),
        ("other_branch_supervisor", False),
    ],
)
def test_only_administrators_see_what_is_still_to_set(signed_in, world, role, sees):
    content = signed_in(world.users[role]).get(reverse("core:desk")).content.decode()
    assert (SETUP_CARD in content) == sees
    for title, url_name in GAPS:
        assert (title in content) == sees
        if sees:
            assert reverse(url_name) in content


def test_each_gap_leaves_the_card_once_set_and_the_card_goes_when_nothing_is_left(signed_in, world):
    from patroncare.retention.services import schedule_defaults_install
    from patroncare.rulebook.models import AppealSettings
    from patroncare.rulebook.services import (
        appeal_settings_to_edit,
        appeal_settings_update,
        rules_install_defaults,
    )

    admin = world.users["administrator"]
    rules_install_defaults(system=world.system)
    content = signed_in(admin).get(reverse("core:desk")).content.decode()
    assert SETUP_CARD in content
    assert "The appeal rules have never been saved" in content
    assert "No retention schedule" in content
    assert "No rules of conduct yet" not in content and "The consequence ladder has no rows" not in content
    assert "No exclusion limits are set for any role" not in content
    settings = appeal_settings_to_edit(world.system)
    appeal_settings_update(
        actor=admin, settings=settings, expected_version=settings.version, decision_days=12
    )
    schedule_defaults_install(system=world.system, actor=admin)
    assert AppealSettings.objects.get(system=world.system).version == 2
    content = signed_in(admin).get(reverse("core:desk")).content.decode()
    assert SETUP_CARD not in content
    # Another system's administrator still sees their own system's gaps, and nothing of this one.
    other = signed_in(world.users["other_system_admin"]).get(reverse("core:desk")).content.decode()
    assert SETUP_CARD in other and all(title in other for title, _ in GAPS)


@pytest.mark.parametrize("role", [*(r.value for r in Role), "director"])
def test_a_limit_can_be_set_for_every_role(signed_in, case, role):
    from patroncare.rulebook.models import IssueLimit

    response = signed_in(case.users["administrator"]).post(
        reverse("conduct:issue_limit"),
        {
            "limit-role": role,
            "limit-length_number": "3",
            "limit-length_unit": "weeks",
            "limit-may_issue_open_ended": "",
        },
    )
    assert response.status_code == 302
    limit = IssueLimit.objects.get(system=case.system, role=role)
    assert (limit.length_number, limit.length_unit) == (3, "weeks")
