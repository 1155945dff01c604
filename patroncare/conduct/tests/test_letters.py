"""Letters as sent (stored once, reprinted byte for byte, amended by a new letter) and the notice date."""

import hashlib
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from patroncare.conduct import services
from patroncare.conduct.letters import exclusion_notice_html
from patroncare.conduct.models import Appeal, Delivery, Exclusion, Letter, LetterKind
from patroncare.conduct.state import appeal_deadline, is_appealable, notice_date
from patroncare.conftest import ROLE_KEYS, sign_in
from patroncare.libraries.calendar import add_working_days, today_in
from patroncare.rulebook.models import AppealSettings, Outcome
from patroncare.rulebook.selectors import appeal_settings_for

from .test_views import HANDLERS_RECORD


def _fresh(exclusion):
    return Exclusion.objects.select_related("system").get(pk=exclusion.pk)


def _settings(system, **values):
    AppealSettings.objects.filter(system=system).update(**values)
    system.__dict__.pop("_appeal_settings", None)
    return appeal_settings_for(system)


def _bytes(response) -> bytes:
    return response.getvalue()


def _issued(client, url) -> bytes:
    """Issue the letter (a POST) and print it (the GET it redirects to)."""
    response = client.post(url)
    assert response.status_code == 302, response.status_code
    return _bytes(client.get(response.url))


def _shorten(case):
    appeal = services.appeal_file(
        actor=case.users["supervisor"],
        exclusion=_fresh(case.exclusion),
        received_at=timezone.now(),
        statement="It was a misunderstanding.",
    )
    case.system.director = case.users["administrator"]
    case.system.save()
    new_end = today_in(case.system) + timedelta(days=6)
    services.appeal_decide(
        actor=case.users["administrator"],
        appeal=appeal,
        decision="shortened",
        reason="First time; a week is enough.",
        new_end_date=new_end,
    )
    return appeal, new_end


# Who may print


def test_the_notice_is_for_handlers_of_its_branch_and_looking_at_it_issues_nothing(role_matrix, case):
    role_matrix(
        reverse("conduct:exclusion_letter", args=[case.exclusion.pk]),
        HANDLERS_RECORD,
        hidden_text="Casey Hidden",
    )
    assert not Letter.objects.exists()


def test_issuing_the_notice_per_role_stores_it_once(client, case):
    url = reverse("conduct:exclusion_letter", args=[case.exclusion.pk])
    statuses = {}
    for key in ROLE_KEYS:
        client.logout()
        before = Letter.objects.count()
        statuses[key] = sign_in(client, case.users[key]).post(url).status_code
        if statuses[key] != 302:
            assert Letter.objects.count() == before, key
    expected = {
        key: 302 if code == 200 else code for key, code in HANDLERS_RECORD.items() if key in ROLE_KEYS
    }
    assert statuses == expected
    # Three handlers issued it (supervisor, administrator, security): one letter, stored by the first.
    assert Letter.objects.filter(exclusion=case.exclusion).count() == 1


def test_a_stored_letter_is_for_handlers_of_its_branch(role_matrix, signed_in, case):
    signed_in(case.users["supervisor"]).post(reverse("conduct:exclusion_letter", args=[case.exclusion.pk]))
    letter = Letter.objects.get()
    role_matrix(
        reverse("conduct:stored_letter", args=[case.exclusion.pk, letter.pk]),
        HANDLERS_RECORD,
        hidden_text="Casey Hidden",
    )
    assert Letter.objects.count() == 1


def test_nobody_outside_the_branch_gets_a_letter_stored(client, case):
    url = reverse("conduct:exclusion_letter", args=[case.exclusion.pk])
    for key in ("frontline", "trainer", "trustee", "other_branch_supervisor", "other_system_admin"):
        client.logout()
        assert sign_in(client, case.users[key]).post(url).status_code in (403, 404)
    assert not Letter.objects.exists()


def test_recording_a_delivery_per_role(client, case):
    url = reverse("conduct:delivery_create", args=[case.exclusion.pk])
    data = {"delivery-method": "in_person", "delivery-delivered_on": today_in(case.system).isoformat()}
    statuses = {}
    for key in ROLE_KEYS:
        client.logout()
        before = Delivery.objects.count()
        statuses[key] = sign_in(client, case.users[key]).post(url, data).status_code
        if statuses[key] != 302:
            assert Delivery.objects.count() == before, key
    client.logout()
    response = client.post(url, data)
    assert response.status_code == 302 and "sign-in" in response.url
    assert statuses == {
        "frontline": 403,
        "supervisor": 302,
        "administrator": 302,
        "security": 302,
        "trainer": 403,
        "trustee": 403,
        "other_branch_supervisor": 404,
        "other_system_admin": 404,
    }


# The letter as sent


def test_the_reprint_after_an_appeal_shortens_it_is_byte_identical(signed_in, case):
    client = signed_in(case.users["supervisor"])
    url = reverse("conduct:exclusion_letter", args=[case.exclusion.pk]) + "?lang=en"
    first = _issued(client, url)
    assert first.startswith(b"%PDF-")
    stored = Letter.objects.get(kind=LetterKind.NOTICE)
    assert stored.sha256 == hashlib.sha256(first).hexdigest() and stored.size == len(first)
    _shorten(case)
    again = _bytes(client.get(url))
    assert again == first and hashlib.sha256(again).hexdigest() == stored.sha256
    amended = Letter.objects.get(kind=LetterKind.AMENDED_NOTICE)
    assert amended.supersedes == stored and amended.language == "en" and amended.sha256 != stored.sha256
    page = client.get(reverse("conduct:exclusion_detail", args=[case.exclusion.pk])).content.decode()
    assert stored.sha256[:12] in page and amended.sha256[:12] in page and "Amended notice" in page
    served = _bytes(client.get(reverse("conduct:stored_letter", args=[case.exclusion.pk, amended.pk])))
    assert hashlib.sha256(served).hexdigest() == amended.sha256


def test_the_amended_notice_carries_the_new_dates_and_refers_to_the_first(monkeypatch, signed_in, case):
    # The letter's HTML, stored in place of the PDF, so its words can be read.
    monkeypatch.setattr("patroncare.conduct.letters._pdf", lambda html: html.encode())
    client = signed_in(case.users["supervisor"])
    old_end = case.exclusion.end_date
    client.post(reverse("conduct:exclusion_letter", args=[case.exclusion.pk]) + "?lang=es")
    first = Letter.objects.get(kind=LetterKind.NOTICE)
    first_text = first.file.open("rb").read().decode()
    _, new_end = _shorten(case)
    amended = Letter.objects.get(kind=LetterKind.AMENDED_NOTICE)
    assert amended.language == "es" and amended.supersedes == first
    text = amended.file.open("rb").read().decode()
    assert "Aviso modificado" in text and first.sha256[:12] in text
    assert new_end.strftime("%Y") in text and _es_day(new_end) in text and _es_day(old_end) not in text
    assert first.file.open("rb").read().decode() == first_text and _es_day(old_end) in first_text


def _es_day(day: date) -> str:
    from django.utils import formats, translation

    with translation.override("es"):
        return formats.date_format(day, "DATE_FORMAT")


def test_an_upheld_appeal_issues_no_amended_notice(signed_in, case):
    client = signed_in(case.users["supervisor"])
    client.post(reverse("conduct:exclusion_letter", args=[case.exclusion.pk]))
    appeal = services.appeal_file(
        actor=case.users["supervisor"],
        exclusion=_fresh(case.exclusion),
        received_at=timezone.now(),
        statement="No.",
    )
    case.system.director = case.users["administrator"]
    case.system.save()
    services.appeal_decide(
        actor=case.users["administrator"], appeal=appeal, decision="upheld", reason="As issued."
    )
    assert list(Letter.objects.values_list("kind", flat=True)) == [LetterKind.NOTICE]


def test_the_appeal_decision_letter_is_stored_once(signed_in, case):
    appeal, _ = _shorten(case)
    client = signed_in(case.users["supervisor"])
    url = reverse("conduct:appeal_letter", args=[case.exclusion.pk, appeal.pk])
    assert _issued(client, url) == _issued(client, url) == _bytes(client.get(url))
    assert Letter.objects.filter(kind=LetterKind.APPEAL_DECISION, appeal=appeal).count() == 1


# What the letter says


def test_the_greeting_uses_the_name_or_a_neutral_form_never_the_card(case):
    exclusion = _fresh(case.exclusion)
    assert "Dear Casey Hidden," in exclusion_notice_html(exclusion, language="en")
    exclusion.person.name, exclusion.person.card_number = "", "29990000000391"
    english = exclusion_notice_html(exclusion, language="en")
    spanish = exclusion_notice_html(exclusion, language="es")
    assert "Dear patron," in english and "0391" not in english and "card ending" not in english.lower()
    assert "Estimado/a usuario/a:" in spanish and "0391" not in spanish


def test_the_notice_says_who_decides_the_appeal_and_by_when(case):
    settings = appeal_settings_for(case.system)
    english = exclusion_notice_html(_fresh(case.exclusion), language="en")
    assert "Who decides your appeal: The director" in english
    assert f"within {settings.decision_days} working days" in english
    assert "Quién decide su apelación" in exclusion_notice_html(_fresh(case.exclusion), language="es")


def test_a_permanent_notice_never_speaks_of_when_it_ends(case):
    exclusion = _fresh(case.exclusion)
    exclusion.outcome, exclusion.end_date, exclusion.conditions = Outcome.PERMANENT, None, ""
    english = exclusion_notice_html(exclusion, language="en")
    assert "When the exclusion ends" not in english and "no end date" in english
    spanish = exclusion_notice_html(exclusion, language="es")
    assert "Cuando termine la exclusión" not in spanish


# The notice date counts


def _issued_on(case, day: date):
    """The exclusion as if issued on `day` (the clock of the appeal follows the record's dates)."""
    issued = datetime.combine(day, time(10), tzinfo=case.system.zone)
    Exclusion.objects.filter(pk=case.exclusion.pk).update(
        issued_at=issued, start_date=day, end_date=day + timedelta(days=90)
    )
    return _fresh(case.exclusion)


def test_the_appeal_clock_runs_from_the_delivery_in_calendar_days_across_a_month_end(case):
    today = today_in(case.system)
    issued = today - timedelta(days=40)
    exclusion = _issued_on(case, issued)
    settings = _settings(case.system, filing_unit="days", filing_days=10)
    assert notice_date(exclusion) == issued
    given = date(today.year, today.month, 1) - timedelta(days=3)  # three days before this month began
    given = max(given, issued)
    services.exclusion_record_delivery(
        actor=case.users["supervisor"],
        exclusion=exclusion,
        method="in_person",
        delivered_on=given,
        earlier_reason="Handed over on paper while the system was down.",
    )
    exclusion = _fresh(case.exclusion)
    assert notice_date(exclusion) == given
    assert appeal_deadline(exclusion, settings).date() == given + timedelta(days=10)
    assert (given + timedelta(days=10)).month != given.month


def test_the_appeal_clock_runs_from_the_delivery_in_working_days(case):
    today = today_in(case.system)
    exclusion = _issued_on(case, today - timedelta(days=30))
    settings = _settings(case.system, filing_unit="working_days", filing_days=10)
    given = today - timedelta(days=20)
    services.exclusion_record_delivery(
        actor=case.users["supervisor"],
        exclusion=exclusion,
        method="mail",
        delivered_on=given,
        earlier_reason="Posted during the outage.",
    )
    exclusion = _fresh(case.exclusion)
    expected = add_working_days(system=case.system, start=given, days=10)
    assert appeal_deadline(exclusion, settings).date() == expected
    assert expected != add_working_days(system=case.system, start=today - timedelta(days=30), days=10)


def test_the_earliest_delivery_counts_and_a_late_appeal_needs_good_cause(case):
    today = today_in(case.system)
    exclusion = _issued_on(case, today - timedelta(days=30))
    _settings(case.system, filing_unit="days", filing_days=10)
    services.exclusion_record_delivery(
        actor=case.users["supervisor"],
        exclusion=exclusion,
        method="in_person",
        delivered_on=today,
    )
    services.exclusion_record_delivery(
        actor=case.users["supervisor"],
        exclusion=exclusion,
        method="mail",
        delivered_on=today - timedelta(days=25),
        earlier_reason="Paper notice during the outage.",
    )
    exclusion = _fresh(case.exclusion)
    assert notice_date(exclusion) == today - timedelta(days=25)
    with pytest.raises(ValidationError) as refused:
        services.appeal_file(
            actor=case.users["supervisor"], exclusion=exclusion, received_at=timezone.now(), statement="x"
        )
    assert "good_cause" in refused.value.message_dict and not Appeal.objects.exists()


def test_a_delivery_dated_earlier_needs_a_reason_and_never_precedes_the_issue_or_follows_today(
    signed_in, case
):
    today = today_in(case.system)
    exclusion = _issued_on(case, today - timedelta(days=5))
    client = signed_in(case.users["supervisor"])
    url = reverse("conduct:delivery_create", args=[exclusion.pk])
    for day, reason, message in (
        (today - timedelta(days=2), "", "say why it is recorded only now"),
        (today - timedelta(days=6), "Outage.", "cannot be delivered before it was issued"),
        (today + timedelta(days=1), "", "a day still to come"),
    ):
        response = client.post(
            url,
            {
                "delivery-method": "in_person",
                "delivery-delivered_on": day.isoformat(),
                "delivery-earlier_reason": reason,
            },
        )
        assert response.status_code == 400 and message in response.content.decode()
        assert not Delivery.objects.exists()
    response = client.post(
        url,
        {
            "delivery-method": "in_person",
            "delivery-delivered_on": (today - timedelta(days=2)).isoformat(),
            "delivery-earlier_reason": "Paper notice handed over while the system was down.",
        },
    )
    assert response.status_code == 302
    delivery = Delivery.objects.get()
    assert delivery.earlier_reason.startswith("Paper notice") and delivery.delivered_on == today - timedelta(
        days=2
    )
    page = client.get(reverse("conduct:exclusion_detail", args=[exclusion.pk])).content.decode()
    assert "Counted from the day the notice was given" in page and "Paper notice handed over" in page


def test_an_ended_exclusion_refuses_an_appeal_unless_the_settings_allow_it(case):
    today = today_in(case.system)
    exclusion = _issued_on(case, today - timedelta(days=40))
    Exclusion.objects.filter(pk=exclusion.pk).update(end_date=today - timedelta(days=1))
    exclusion = _fresh(case.exclusion)
    settings = _settings(case.system, appeal_after_end=False, filing_days=365, filing_unit="days")
    assert not is_appealable(exclusion, settings)
    with pytest.raises(ValidationError) as refused:
        services.appeal_file(
            actor=case.users["supervisor"], exclusion=exclusion, received_at=timezone.now(), statement="x"
        )
    assert "can no longer be appealed" in " ".join(refused.value.messages) and not Appeal.objects.exists()
    _settings(case.system, appeal_after_end=True)
    exclusion = _fresh(case.exclusion)
    assert is_appealable(exclusion, appeal_settings_for(exclusion.system))
    services.appeal_file(
        actor=case.users["supervisor"], exclusion=exclusion, received_at=timezone.now(), statement="x"
    )
    assert Appeal.objects.count() == 1


def test_the_appeal_settings_form_edits_appeal_after_end(signed_in, case):
    from patroncare.conduct.forms import AppealSettingsForm

    assert "appeal_after_end" in AppealSettingsForm.Meta.fields
    assert AppealSettings._meta.get_field("appeal_after_end").default is False


def test_the_page_offers_an_appeal_on_an_ended_exclusion_only_when_allowed(signed_in, case):
    today = today_in(case.system)
    exclusion = _issued_on(case, today - timedelta(days=40))
    Exclusion.objects.filter(pk=exclusion.pk).update(end_date=today - timedelta(days=1))
    client = signed_in(case.users["supervisor"])
    url = reverse("conduct:exclusion_detail", args=[exclusion.pk])
    page = client.get(url).content.decode()
    assert "can no longer be appealed" in page and "Record the appeal" not in page
    _settings(case.system, appeal_after_end=True)
    assert "Record the appeal" in client.get(url).content.decode()
