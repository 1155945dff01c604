import io
from datetime import date, time

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from patroncare.conftest import ADMIN_ONLY, EVERY_MEMBER
from patroncare.referrals import services
from patroncare.referrals.models import Referral, Resource

from .factories import CategoryFactory, HoursFactory, ResourceFactory

pytestmark = pytest.mark.django_db

STAFF = {**EVERY_MEMBER, "trustee": 403}
STAFF_RECORD = {**STAFF, "other_system_admin": 404}
OVERSIGHT = {**ADMIN_ONLY, "supervisor": 200, "other_branch_supervisor": 200}
OVERSIGHT_RECORD = {**OVERSIGHT, "other_system_admin": 404}


@pytest.fixture
def pantry(world):
    food = CategoryFactory(system=world.system, slug="food", name_en="Food", name_es="Alimentos")
    resource = ResourceFactory(
        system=world.system,
        organisation="Riverside Pantry",
        name_en="Weekly groceries",
        name_es="Despensa semanal",
        cost_en="Free",
        cost_es="Gratis",
        website="https://pantry.example.org/",
        staff_notes="Side door after 4 pm.",
        categories=[food],
    )
    HoursFactory(resource=resource, weekday=1, opens=time(10), closes=time(14))
    return resource


def test_find_help_is_for_every_member_of_staff(role_matrix, pantry):
    role_matrix(reverse("referrals:find") + "?need=food", STAFF, hidden_text="Weekly groceries")


def test_a_resource_page_answers_404_to_another_system(role_matrix, pantry):
    role_matrix(reverse("referrals:resource", args=[pantry.pk]), STAFF_RECORD, hidden_text="Side door")


def test_the_slip_answers_404_to_another_system(role_matrix, pantry):
    role_matrix(reverse("referrals:slip", args=[pantry.pk]), STAFF_RECORD)


def test_the_directory_is_kept_by_supervisors_and_administrators(role_matrix, pantry):
    role_matrix(reverse("referrals:directory"), OVERSIGHT, hidden_text="Weekly groceries")
    role_matrix(reverse("referrals:edit", args=[pantry.pk]), OVERSIGHT_RECORD, hidden_text="Side door")


@pytest.mark.parametrize("url_name", ["referrals:import", "referrals:settings", "referrals:export"])
def test_import_export_and_the_crisis_line_are_for_administrators(role_matrix, pantry, url_name):
    role_matrix(reverse(url_name), ADMIN_ONLY)


@pytest.mark.parametrize(("language", "expected"), [("en", "Weekly groceries"), ("es", "Despensa semanal")])
def test_the_slip_is_a_half_page_pdf_in_the_patrons_language(signed_in, world, pantry, language, expected):
    response = signed_in(world.users["frontline"]).get(
        reverse("referrals:slip", args=[pantry.pk]), {"language": language}
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 396)  # 8.5 x 5.5 inches
    text = reader.pages[0].extract_text()
    assert expected in text
    assert ("Gratis" if language == "es" else "Free") in text
    assert ("Martes" if language == "es" else "Tuesday") in text
    assert "Side door" not in text  # notes for staff stay off what the patron takes away
    assert "pantry.example.org/" in text  # printed under its QR code


def test_one_tap_counts_a_referral_and_keeps_nothing_about_anyone(signed_in, world, pantry):
    client = signed_in(world.users["frontline"])
    need = pantry.categories.get()
    response = client.post(
        reverse("referrals:record", args=[pantry.pk]),
        {"need": need.pk, "branch": world.branch.pk, "language": "es"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.branch, referral.need, referral.resource, referral.language) == (
        world.branch,
        need,
        pantry,
        "es",
    )


def test_a_referral_for_a_branch_one_does_not_work_at_is_refused_and_nothing_is_kept(
    signed_in, world, pantry
):
    client = signed_in(world.users["frontline"])
    response = client.post(
        reverse("referrals:record", args=[pantry.pk]),
        {"need": pantry.categories.get().pk, "branch": world.other_branch.pk, "language": "en"},
    )
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_another_system_cannot_count_a_referral_against_a_resource(signed_in, world, pantry):
    client = signed_in(world.users["other_system_admin"])
    response = client.post(
        reverse("referrals:record", args=[pantry.pk]),
        {"need": pantry.categories.get().pk, "branch": world.other_system_branch.pk, "language": "en"},
    )
    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_a_frontline_member_cannot_verify_an_entry_they_do_not_keep(signed_in, world, pantry):
    response = signed_in(world.users["frontline"]).post(reverse("referrals:verify", args=[pantry.pk]))
    assert response.status_code == 403
    pantry.refresh_from_db()
    assert pantry.last_verified_on is None


def test_editing_keeps_both_languages_and_the_hours(signed_in, world, pantry):
    client = signed_in(world.users["supervisor"])
    data = {
        "version": pantry.version,
        "organisation": "Riverside Pantry",
        "name_en": "Groceries",
        "name_es": "Comestibles",
        "categories": [pantry.categories.get().pk],
        "languages": "EN; es, vi",
        "verify_every_months": 6,
        "is_active": "on",
        "opens_2": "18:00",
        "closes_2": "02:00",
    }
    response = client.post(reverse("referrals:edit", args=[pantry.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pantry.refresh_from_db()
    assert (pantry.name_en, pantry.name_es, pantry.languages) == ("Groceries", "Comestibles", "en,es,vi")
    assert list(pantry.hours.values_list("weekday", "opens", "closes")) == [(2, time(18), time(2))]
    stale = client.post(reverse("referrals:edit", args=[pantry.pk]), {**data, "name_en": "Lost"})
    assert stale.status_code == 400
    assert "Lost" in stale.content.decode()  # nothing typed is lost
    pantry.refresh_from_db()
    assert pantry.name_en == "Groceries"


def test_half_given_hours_are_refused_with_a_message(signed_in, world, pantry):
    client = signed_in(world.users["supervisor"])
    response = client.post(
        reverse("referrals:edit", args=[pantry.pk]),
        {
            "version": pantry.version,
            "organisation": "X",
            "name_en": "Y",
            "categories": [],
            "languages": "en",
            "verify_every_months": 6,
            "opens_0": "09:00",
        },
    )
    assert response.status_code == 400
    assert "Give both the opening and the closing time" in response.content.decode()
    pantry.refresh_from_db()
    assert pantry.organisation == "Riverside Pantry"


def test_owners_are_reminded_once_of_entries_due_for_verification(world, pantry, sent):
    owner = world.users["supervisor"]
    Resource.objects.filter(pk=pantry.pk).update(owner=owner, last_verified_on=date(2020, 1, 31))
    with sent():
        assert services.verification_reminders_send() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "Weekly groceries" in mail.outbox[0].body
    with sent():
        assert services.verification_reminders_send() == 0
    assert len(mail.outbox) == 1


def test_the_desk_shows_find_help_by_need_and_what_to_verify(signed_in, world, pantry):
    Resource.objects.filter(pk=pantry.pk).update(owner=world.users["frontline"])
    content = signed_in(world.users["frontline"]).get(reverse("core:desk")).content.decode()
    assert "Find help" in content
    assert f"{reverse('referrals:find')}?need=food" in content
    assert "Verify: Weekly groceries" in content


def test_the_crisis_line_is_saved_in_both_languages(signed_in, world):
    client = signed_in(world.users["administrator"])
    response = client.post(
        reverse("referrals:settings"),
        {
            "crisis_line_name_en": "988 Suicide and Crisis Lifeline",
            "crisis_line_name_es": "988 Línea de Prevención del Suicidio y Crisis",
            "crisis_line_phone": "988",
            "crisis_line_text": "988",
        },
    )
    assert response.status_code == 302
    from patroncare.referrals.models import ReferralSettings

    line = ReferralSettings.objects.get(system=world.system)
    assert (line.crisis_line_name_es, line.crisis_line_phone) == (
        "988 Línea de Prevención del Suicidio y Crisis",
        "988",
    )
