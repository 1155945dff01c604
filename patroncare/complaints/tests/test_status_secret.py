"""The status secret: a keyed fast hash (72 random bits need no password hash), old hashes migrated on use."""

import time
import uuid

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from patroncare.complaints import services
from patroncare.complaints.models import Complaint
from patroncare.complaints.services.intake import hash_status_secret

from .factories import record, submit

# The hashers a production settings module uses: the slow PBKDF2 must not be what a submission pays for.
PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_issuing_and_checking_a_secret_costs_under_20_ms_of_cpu(world):
    complaint, secret = submit(system=world.system, branch=world.branch, token=uuid.uuid4())[:2]
    started = time.process_time()
    hashed = hash_status_secret(secret)
    matched = services.secret_matches(complaint=complaint, secret=secret)
    spent = time.process_time() - started
    assert matched
    assert complaint.secret_hash == hashed
    assert spent < 0.020, f"hashing the status secret took {spent * 1000:.1f} ms of CPU"


def test_the_stored_hash_is_keyed_and_never_the_secret(world):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch)
    stored = Complaint.objects.get(pk=complaint.pk).secret_hash
    assert stored.startswith("hmac-sha256$")
    assert secret not in stored
    with override_settings(SECRET_KEY="another-server-key-" + "x" * 40):
        assert hash_status_secret(secret) != stored


def test_a_wrong_or_empty_secret_does_not_match(world):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch)
    assert not services.secret_matches(complaint=complaint, secret=secret + "x")
    assert not services.secret_matches(complaint=complaint, secret="")
    complaint.secret_hash = ""
    assert not services.secret_matches(complaint=complaint, secret=secret)


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_secret_hashed_the_old_way_still_opens_the_case_and_is_rehashed(world):
    complaint, _ = record(actor=world.users["supervisor"], branch=world.branch)
    old_secret = "legacy-secret-1"
    Complaint.objects.filter(pk=complaint.pk).update(secret_hash=make_password(old_secret))
    complaint.refresh_from_db()
    assert complaint.secret_hash.startswith("pbkdf2_sha256$")

    assert services.secret_matches(complaint=complaint, secret=old_secret)
    migrated = Complaint.objects.get(pk=complaint.pk).secret_hash
    assert migrated == hash_status_secret(old_secret)
    assert services.secret_matches(complaint=Complaint.objects.get(pk=complaint.pk), secret=old_secret)


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_wrong_guess_against_an_old_hash_changes_nothing(world):
    complaint, _ = record(actor=world.users["supervisor"], branch=world.branch)
    old_hash = make_password("legacy-secret-2")
    Complaint.objects.filter(pk=complaint.pk).update(secret_hash=old_hash)
    complaint.refresh_from_db()
    assert not services.secret_matches(complaint=complaint, secret="guess")
    assert Complaint.objects.get(pk=complaint.pk).secret_hash == old_hash


@pytest.mark.parametrize("padding", [" ", "\n"])
def test_the_secret_is_matched_after_trimming_what_a_phone_adds(world, padding):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch)
    assert services.secret_matches(complaint=complaint, secret=padding + secret + padding)
