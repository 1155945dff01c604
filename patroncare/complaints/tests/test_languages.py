"""A patron reads their case in the language recorded on it; PatronCare's own words in a timeline are kept as
codes and read in the reader's language; categories and statements keep a version per language."""

import pytest
from django.urls import reverse
from django.utils import translation

from patroncare.complaints import services
from patroncare.complaints.models import CaseEntry, Category, EntryKind

from .factories import record

pytestmark = pytest.mark.django_db


def _open_status(client, complaint, secret):
    response = client.post(
        reverse("complaints_public:status"),
        {"reference": complaint.reference, "secret": secret},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    return client.get(reverse("complaints_public:status"), HTTP_ACCEPT_LANGUAGE="en")


def test_the_status_page_opens_in_the_language_of_the_case_not_the_browsers(world, client):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch, patron_language="es")
    response = _open_status(client, complaint, secret)
    page = response.content.decode()
    assert '<html lang="es">' in page and f"Su caso {complaint.reference}" in page
    assert response["Content-Language"] == "es"


def test_the_language_switch_still_wins_on_the_status_page(world, client):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch, patron_language="es")
    client.cookies["django_language"] = "en"
    page = _open_status(client, complaint, secret).content.decode()
    assert '<html lang="en">' in page and f"Your case {complaint.reference}" in page


def test_an_english_case_opens_in_english_from_a_spanish_browser(world, client):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch, patron_language="en")
    client.post(
        reverse("complaints_public:status"),
        {"reference": complaint.reference, "secret": secret},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    page = client.get(reverse("complaints_public:status"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="en">' in page and f"Your case {complaint.reference}" in page


def test_the_follow_up_page_opens_in_the_language_of_the_case(world, client):
    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch, patron_language="es")
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=1,
        judgement="one_off",
        reason="Sorted",
        outcome="first_contact",
    )
    url = reverse("complaints_public:follow_up", args=[services.follow_up_token(complaint)])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="es">' in page


def test_the_received_entry_is_a_code_read_in_the_readers_language(world):
    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch, channel="desk")
    entry = CaseEntry.objects.get(complaint=complaint, kind=EntryKind.RECEIVED)
    assert entry.body == "" and entry.data == {"code": "received", "channel": "desk"}
    with translation.override("en"):
        assert entry.text == "At the desk"
    with translation.override("es"):
        assert entry.text == "En el mostrador"


def test_a_triage_entry_names_the_changed_fields_in_the_readers_language(world):
    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch)
    with translation.override("es"):  # recorded from a Spanish page...
        services.complaint_triage(
            actor=world.users["supervisor"],
            complaint=complaint,
            expected_version=complaint.version,
            category=complaint.category,
            severity="serious",
            owner=world.users["supervisor"],
            kind=complaint.kind,
        )
    entry = CaseEntry.objects.filter(complaint=complaint, kind=EntryKind.TRIAGE).get()
    assert "severity" in entry.data["fields"] and entry.body == ""
    with translation.override("en"):  # ...read in English
        assert "severity" in entry.text and "gravedad" not in entry.text
    with translation.override("es"):
        assert "gravedad" in entry.text


def test_a_category_reads_in_the_readers_language_and_keeps_both_versions(world):
    services.categories_install_defaults(system=world.system)
    category = Category.objects.filter(system=world.system).exclude(name_es=None).first()
    assert category.name_en and category.name_es and category.name_en != category.name_es
    with translation.override("es"):
        assert str(category) == category.name_es
    with translation.override("en"):
        assert str(category) == category.name_en
