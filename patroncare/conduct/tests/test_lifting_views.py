"""Pages for requests to lift a permanent exclusion: who records and decides them; the letter; the desk."""

import re
import zlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.conduct.letters import lift_decision_html, lift_decision_pdf
from patroncare.conduct.models import Exclusion, LiftRequest
from patroncare.conduct.services import lift_request_decide, lift_request_record
from patroncare.conduct.shell import decisions_waiting
from patroncare.conduct.state import decision_deadline
from patroncare.conduct.tests.factories import ExclusionFactory
from patroncare.conftest import ROLE_KEYS, sign_in
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import Outcome
from patroncare.rulebook.selectors import appeal_settings_for

pytestmark = pytest.mark.django_db

HANDLERS_RECORD = {
    "frontline": 403,
    "supervisor": 200,
    "administrator": 200,
    "security": 200,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 404,
    "other_system_admin": 404,
    "anonymous": 302,
}
DIRECTOR_ONLY = HANDLERS_RECORD | {"supervisor": 404, "security": 404}


@pytest.fixture
def case(conduct):
    """A permanent exclusion at the branch, issued by a senior administrator; the director (the world's
    administrator) decides requests to lift it."""
    conduct.system.director = conduct.users["administrator"]
    conduct.system.save()
    conduct.issuer = UserFactory(
        library_system=conduct.system, full_name="Ira Issuer", roles=[(Role.ADMINISTRATOR, None)]
    )
    today = today_in(conduct.system)
    conduct.today = today
    conduct.exclusion = ExclusionFactory(
        system=conduct.system,
        person=PersonFactory(system=conduct.system, name="Quinn Hidden"),
        branch=conduct.branch,
        outcome=Outcome.PERMANENT,
        start_date=today - timedelta(days=900),
        lift_request_after=today - timedelta(days=30),
        issued_by=conduct.issuer,
        rules=[conduct.rules["9"]],
    )
    return conduct


def _record(case, exclusion=None, **extra):
    return lift_request_record(
        actor=case.users["supervisor"],
        exclusion=exclusion or case.exclusion,
        received_at=timezone.now() - timedelta(hours=2),
        received_how="letter",
        statement="Secret statement of Quinn: I ask to come back.",
        **extra,
    )


def _decide(case, lift_request, decision="granted", **extra):
    values = {
        "actor": case.users["administrator"],
        "lift_request": lift_request,
        "expected_version": lift_request.version,
        "decision": decision,
        "reason": "Two years and more without incident.",
        "lifted_from": case.today + timedelta(days=3) if decision == "granted" else None,
    }
    return lift_request_decide(**(values | extra))


def _post_data(**extra):
    return {
        "lift-received_on": "",
        "lift-received_time": "",
        "lift-received_how": "letter",
        "lift-statement": "Please let me come back.",
        "lift-what_changed": "",
        "lift-early_cause": "",
        "lift-letter_language": "en",
    } | extra


def test_the_exclusion_page_shows_the_requests_to_lift_to_handlers_of_its_branch(role_matrix, case):
    _decide(case, _record(case), decision="refused")
    role_matrix(
        reverse("conduct:exclusion_detail", args=[case.exclusion.pk]),
        HANDLERS_RECORD,
        hidden_text="Secret statement of Quinn",
    )


def test_the_section_gives_the_date_the_past_requests_and_the_form(signed_in, case):
    _decide(case, _record(case), decision="refused")
    content = signed_in(case.users["supervisor"]).get(
        reverse("conduct:exclusion_detail", args=[case.exclusion.pk])
    )
    html = content.content.decode()
    assert "Requests to lift" in html and "Secret statement of Quinn" in html
    assert "The person may ask in writing for this exclusion to be lifted from" in html
    assert "Refused by" in html and "Decision letter on the request to lift (English, PDF)" in html
    assert "Record a request received" in html


def test_a_suspension_has_no_lift_section(signed_in, case):
    Exclusion.objects.filter(pk=case.exclusion.pk).update(
        outcome=Outcome.SUSPENSION, end_date=case.today + timedelta(days=5), lift_request_after=None
    )
    html = signed_in(case.users["supervisor"]).get(
        reverse("conduct:exclusion_detail", args=[case.exclusion.pk])
    )
    assert "Requests to lift" not in html.content.decode()


@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("frontline", 403),
        ("supervisor", 302),
        ("administrator", 302),
        ("security", 403),
        ("trainer", 403),
        ("trustee", 403),
        ("other_branch_supervisor", 404),
        ("other_system_admin", 404),
        ("anonymous", 302),
    ],
)
def test_recording_a_request_by_role(client, case, key, status):
    if key != "anonymous":
        sign_in(client, case.users[key])
    data = _post_data(**{"lift-received_on": case.today.isoformat()})
    response = client.post(reverse("conduct:lift_request_create", args=[case.exclusion.pk]), data)
    assert response.status_code == status
    created = LiftRequest.objects.filter(exclusion=case.exclusion)
    if key in ("supervisor", "administrator"):
        assert created.get().recorded_by == case.users[key]
    else:
        assert created.count() == 0
        if status != 302:
            assert "Quinn Hidden" not in response.content.decode() or status == 403


def test_an_early_request_is_a_clear_error_and_what_was_typed_stays(signed_in, case):
    Exclusion.objects.filter(pk=case.exclusion.pk).update(lift_request_after=case.today + timedelta(days=10))
    client = signed_in(case.users["supervisor"])
    data = _post_data(**{"lift-received_on": case.today.isoformat(), "lift-statement": "Typed words stay."})
    response = client.post(reverse("conduct:lift_request_create", args=[case.exclusion.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This exclusion may be asked to be lifted from" in html and "Typed words stay." in html
    assert LiftRequest.objects.count() == 0
    data["lift-early_cause"] = "The person's doctor asked for it."
    response = client.post(reverse("conduct:lift_request_create", args=[case.exclusion.pk]), data)
    assert response.status_code == 302 and LiftRequest.objects.get().early_cause


def test_deciding_is_for_the_decider_only(role_matrix, case):
    lift_request = _record(case)
    role_matrix(
        reverse("conduct:lift_request_decide", args=[case.exclusion.pk, lift_request.pk]),
        DIRECTOR_ONLY,
        hidden_text="Secret statement of Quinn",
    )


def test_the_issuer_is_never_the_decider(signed_in, case):
    lift_request = _record(case)
    client = signed_in(case.issuer)
    url = reverse("conduct:lift_request_decide", args=[case.exclusion.pk, lift_request.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"version": 1, "decision": "refused", "decision_reason": "No."})
    assert response.status_code == 404
    assert LiftRequest.objects.get().is_open


@pytest.mark.parametrize("key", ["supervisor", "security", "frontline", "other_system_admin"])
def test_denied_decisions_change_nothing(signed_in, case, key):
    lift_request = _record(case)
    url = reverse("conduct:lift_request_decide", args=[case.exclusion.pk, lift_request.pk])
    response = signed_in(case.users[key]).post(
        url, {"version": 1, "decision": "granted", "decision_reason": "Yes.", "lifted_from": "2099-01-01"}
    )
    assert response.status_code in (403, 404)
    assert LiftRequest.objects.get().is_open
    assert Exclusion.objects.get(pk=case.exclusion.pk).end_date is None


def test_granting_through_the_page_ends_the_exclusion(signed_in, case):
    lift_request = _record(case)
    client = signed_in(case.users["administrator"])
    url = reverse("conduct:lift_request_decide", args=[case.exclusion.pk, lift_request.pk])
    page = client.get(url).content.decode()
    assert "Secret statement of Quinn" in page and 'name="version" value="1"' in page
    back = case.today + timedelta(days=2)
    response = client.post(
        url,
        {
            "version": 1,
            "decision": "granted",
            "decision_reason": "Long enough.",
            "lifted_from": back.isoformat(),
            "return_conditions": "Meet the manager first.",
        },
    )
    assert response.status_code == 302
    assert Exclusion.objects.get(pk=case.exclusion.pk).end_date == back - timedelta(days=1)


def test_a_grant_without_a_return_day_is_a_clear_error(signed_in, case):
    lift_request = _record(case)
    url = reverse("conduct:lift_request_decide", args=[case.exclusion.pk, lift_request.pk])
    response = signed_in(case.users["administrator"]).post(
        url, {"version": 1, "decision": "granted", "decision_reason": "My typed reason."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the first day the person may return." in html and "My typed reason." in html
    assert LiftRequest.objects.get().is_open


def test_a_stale_decision_gets_a_clear_message(signed_in, case):
    lift_request = _record(case)
    url = reverse("conduct:lift_request_decide", args=[case.exclusion.pk, lift_request.pk])
    client = signed_in(case.users["administrator"])
    client.get(url)
    _decide(case, lift_request, decision="refused")  # decided in another tab meanwhile
    response = client.post(
        url, {"version": 1, "decision": "granted", "decision_reason": "Mine.", "lifted_from": "2099-01-01"}
    )
    assert response.status_code == 400
    assert "was decided by" in response.content.decode()
    assert LiftRequest.objects.get().decision == "refused"


def test_the_letter_is_for_handlers_of_the_branch(role_matrix, case):
    lift_request = _decide(case, _record(case))
    role_matrix(
        reverse("conduct:lift_request_letter", args=[case.exclusion.pk, lift_request.pk]),
        HANDLERS_RECORD,
        hidden_text="Quinn Hidden",
    )


def test_no_letter_before_the_decision(signed_in, case):
    lift_request = _record(case)
    url = reverse("conduct:lift_request_letter", args=[case.exclusion.pk, lift_request.pk])
    assert signed_in(case.users["supervisor"]).get(url).status_code == 404


def _pdf_text(pdf: bytes) -> str:
    """The uncompressed text of a PDF's streams (metadata and structure; glyphs are font-encoded)."""
    chunks = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(chunks).decode("latin-1")


def _pdf_has(pdf: bytes, text: str) -> bool:
    content = _pdf_text(pdf)
    utf16 = "FEFF" + text.encode("utf-16-be").hex().upper()
    return text in content or utf16 in content.upper()


def test_the_granted_letter_in_english_and_spanish(signed_in, case):
    lift_request = _decide(case, _record(case), return_conditions="Meet the branch manager first.")
    english = lift_decision_html(lift_request, language="en")
    assert "Decision on your request to lift an exclusion" in english
    assert (
        "Your request is granted. The exclusion is lifted" in english and "Meet the branch manager" in english
    )
    assert "9. " in english and "Two years and more without incident." in english
    spanish = lift_decision_html(lift_request, language="es")
    assert "Decisión sobre su solicitud de levantar una exclusión" in spanish
    assert "Su solicitud ha sido aceptada" in spanish
    client = signed_in(case.users["supervisor"])
    url = reverse("conduct:lift_request_letter", args=[case.exclusion.pk, lift_request.pk])
    for language, title in (
        ("en", "Decision on your request to lift an exclusion"),
        ("es", "Decisión sobre su solicitud de levantar una exclusión"),
    ):
        client.post(url + f"?lang={language}")
        response = client.get(url + f"?lang={language}")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        pdf = response.getvalue()
        assert pdf.startswith(b"%PDF-") and _pdf_has(pdf, title)
    assert not _pdf_has(lift_decision_pdf(lift_request, language="en"), "Decisión sobre su solicitud")


def test_the_refusal_letter_gives_the_next_date(case):
    lift_request = _decide(case, _record(case), decision="refused")
    next_day = today_in(case.system) + timedelta(days=365)
    english = lift_decision_html(lift_request, language="en")
    assert "Your request is refused. The exclusion stays in force." in english
    assert "You may ask again in writing from" in english and str(next_day.year) in english
    spanish = lift_decision_html(lift_request, language="es")
    assert "Puede volver a solicitarlo por escrito a partir del" in spanish


def test_open_requests_wait_on_the_deciders_desk(signed_in, case):
    director = UserFactory(
        library_system=case.system, full_name="Dee Director", roles=[(Role.SUPERVISOR, None)]
    )
    case.system.director = director
    case.system.save()
    _record(case)
    desk = signed_in(director).get(reverse("core:desk")).content.decode()
    assert "Appeals, requests to lift and deviations awaiting your decision" in desk
    assert "Request to lift Quinn Hidden&#x27;s permanent exclusion" in desk
    [item] = decisions_waiting(type(director).objects.get(pk=director.pk))
    open_request = LiftRequest.objects.select_related("exclusion__system").get()
    assert item.due_at == decision_deadline(open_request, appeal_settings_for(case.system))
    issuer_desk = signed_in(case.users["supervisor"]).get(reverse("core:desk")).content.decode()
    assert "Request to lift" not in issuer_desk
    assert decisions_waiting(case.issuer) == []


def test_the_desk_section_reads_in_a_constant_number_of_queries(case, django_assert_max_num_queries):
    director = UserFactory(library_system=case.system, roles=[(Role.SUPERVISOR, None)])
    case.system.director = director
    case.system.save()
    _record(case)
    user = type(director).objects.get(pk=director.pk)
    with django_assert_max_num_queries(10) as one:
        assert len(decisions_waiting(user)) == 1
    for n in range(3):
        exclusion = ExclusionFactory(
            system=case.system,
            person=PersonFactory(system=case.system, name=f"Person {n}"),
            outcome=Outcome.PERMANENT,
            start_date=case.today - timedelta(days=900),
            issued_by=case.issuer,
        )
        _record(case, exclusion=exclusion)
    user = type(director).objects.get(pk=director.pk)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(decisions_waiting(user)) == 4


def test_the_review_counts_requests_to_lift(signed_in, case):
    _decide(case, _record(case), decision="refused")
    other = ExclusionFactory(
        system=case.system,
        person=PersonFactory(system=case.system, name="Second"),
        outcome=Outcome.PERMANENT,
        start_date=case.today - timedelta(days=900),
        issued_by=case.issuer,
    )
    _decide(case, _record(case, exclusion=other))
    today = case.today.isoformat()
    yesterday = (case.today - timedelta(days=1)).isoformat()  # the requests were received two hours ago
    response = signed_in(case.users["administrator"]).get(
        reverse("conduct:review") + f"?start={yesterday}&end={today}"
    )
    html = response.content.decode()
    assert "Requests to lift a permanent exclusion" in html
    assert "Received: 2" in html and "Granted: 1" in html and "Refused: 1" in html


def test_every_role_key_is_covered():
    assert set(ROLE_KEYS) | {"anonymous"} == set(HANDLERS_RECORD)
