"""A proof of work (ALTCHA) asked of a browser when too many messages come from one address.

A library's public form must not refuse the eleventh patron of a busy hour behind a shared address; it
asks their device to spend a few seconds of computation instead, which a person does not notice and a
flood cannot afford. No outside service: the challenge is made and checked here (the `altcha` library),
the solver is our own script. Each solution is accepted once.
"""

import base64
import json
from datetime import timedelta

from altcha import ChallengeOptionsV1, create_challenge_v1, verify_solution_v1
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

CHALLENGE_LIFE = timedelta(minutes=10)


def _key() -> str:
    return salted_hmac("patroncare.core.proof", "altcha-challenge").hexdigest()


def new_challenge() -> str:
    """The challenge as JSON, for the form's data-proof-challenge attribute."""
    challenge = create_challenge_v1(
        ChallengeOptionsV1(
            hmac_key=_key(),
            max_number=settings.PATRONCARE_PROOF_MAX_NUMBER,
            expires=timezone.now() + CHALLENGE_LIFE,
        )
    )
    return json.dumps(
        {
            "algorithm": challenge.algorithm,
            "challenge": challenge.challenge,
            "maxnumber": challenge.max_number,
            "salt": challenge.salt,
            "signature": challenge.signature,
        }
    )


def solution_is_accepted(payload: str) -> bool:
    """True once for a correct, unexpired solution; a second use of the same solution is refused."""
    if not payload or len(payload) > 2000:
        return False
    try:
        verified, _error = verify_solution_v1(payload, _key(), check_expires=True)
        challenge = json.loads(base64.b64decode(payload))["challenge"]
    except (ValueError, KeyError, TypeError):
        return False
    if not verified:
        return False
    return cache.add(f"proof-used:{challenge}", True, timeout=int(CHALLENGE_LIFE.total_seconds()))
