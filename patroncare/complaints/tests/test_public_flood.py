"""The public form behind a proxy: counted per patron, a stamp that cannot be replayed, and a proof of work
instead of a refusal when one address sends many messages."""

import base64
import json
import uuid

import pytest
from altcha import solve_challenge_v1
from django.urls import reverse

from patroncare.complaints.models import Complaint

from .test_views_public import _feedback_data, _stamp

PROXY = "10.0.0.2"
FEEDBACK = "complaints_public:feedback"


@pytest.fixture
def behind_proxy(settings):
    settings.PATRONCARE_TRUSTED_PROXIES = 1
    settings.COMPLAINTS_FEEDBACK_RATE = "2/h"
    settings.PATRONCARE_PROOF_MAX_NUMBER = 2000
    return settings


def post(client, data, *, address):
    return client.post(reverse(FEEDBACK), data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def test_patrons_behind_one_proxy_are_counted_one_by_one(world, client, behind_proxy):
    statuses = [post(client, _feedback_data(), address=f"203.0.113.{n}").status_code for n in range(1, 6)]
    assert statuses == [302] * 5
    assert Complaint.objects.count() == 5


def test_one_address_over_the_rate_is_asked_for_a_proof_and_nothing_is_lost(world, client, behind_proxy):
    for _ in range(2):
        assert post(client, _feedback_data(), address="203.0.113.9").status_code == 302
    data = _feedback_data(narrative="The lift to the children's floor has been broken for a month.")
    response = post(client, data, address="203.0.113.9")
    assert response.status_code == 429
    body = response.content.decode()
    assert "data-proof-challenge=" in body and 'name="proof"' in body
    assert "The lift to the children&#x27;s floor has been broken for a month." in body
    assert Complaint.objects.count() == 2


def _challenge_from(response):
    return json.loads(response.context["proof_challenge"])


def _solved(challenge, *, number=None):
    solution = solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"]
    )
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number if number is None else number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def test_a_solved_proof_lets_the_message_through_once(world, client, behind_proxy):
    for _ in range(2):
        post(client, _feedback_data(), address="203.0.113.9")
    data = _feedback_data()
    challenge = _challenge_from(post(client, data, address="203.0.113.9"))
    proof = _solved(challenge)
    assert post(client, dict(data, proof=proof), address="203.0.113.9").status_code == 302
    assert Complaint.objects.count() == 3
    # The same solution does not open the door a second time.
    again = post(client, dict(_feedback_data(), proof=proof), address="203.0.113.9")
    assert again.status_code == 429
    assert Complaint.objects.count() == 3


@pytest.mark.parametrize("tamper", ["wrong-number", "other-key", "garbage"])
def test_a_wrong_or_forged_proof_is_asked_again(world, client, behind_proxy, tamper):
    for _ in range(2):
        post(client, _feedback_data(), address="203.0.113.9")
    data = _feedback_data()
    challenge = _challenge_from(post(client, data, address="203.0.113.9"))
    if tamper == "wrong-number":
        proof = _solved(challenge, number=challenge["maxnumber"] + 1)
    elif tamper == "other-key":
        proof = _solved(dict(challenge, signature="0" * 64))
    else:
        proof = "not base64 at all {"
    assert post(client, dict(data, proof=proof), address="203.0.113.9").status_code == 429
    assert Complaint.objects.count() == 2


def test_a_stamp_made_for_one_form_is_refused_on_another(world, client, behind_proxy):
    first = _feedback_data()
    assert post(client, first, address="203.0.113.1").status_code == 302
    replay = _feedback_data(token=str(uuid.uuid4()), started=first["started"])
    response = post(client, replay, address="203.0.113.2")
    assert response.status_code == 400 and "This form has expired" in response.content.decode()
    assert Complaint.objects.count() == 1


def test_one_stamp_sent_from_200_addresses_makes_one_case(world, client, behind_proxy):
    behind_proxy.COMPLAINTS_FEEDBACK_RATE = "1000/h"
    token = str(uuid.uuid4())
    stamp = _stamp(token)
    for n in range(200):
        data = _feedback_data(token=token, started=stamp, narrative=f"Message number {n}")
        post(client, data, address=f"198.51.{n // 250}.{n % 250 + 1}")
    for n in range(20):
        other = _feedback_data(token=str(uuid.uuid4()), started=stamp)
        post(client, other, address=f"203.0.113.{n + 1}")
    assert Complaint.objects.count() == 1


def test_a_stamp_of_the_old_kind_is_no_longer_accepted(world, client, behind_proxy):
    from datetime import timedelta

    from django.core import signing
    from django.utils import timezone

    from patroncare.complaints.forms import FORM_STAMP_SALT

    old = signing.dumps((timezone.now() - timedelta(seconds=30)).timestamp(), salt=FORM_STAMP_SALT)
    response = post(client, _feedback_data(started=old), address="203.0.113.1")
    assert response.status_code == 400 and Complaint.objects.count() == 0
