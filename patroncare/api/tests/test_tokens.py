"""The life of a personal token: created on the account page and shown once, stored hashed, used, expired,
revoked by its holder or an administrator, every step in the audit trail."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from patroncare.api import services
from patroncare.api.models import ApiToken, Scope
from patroncare.api.selectors import hash_key
from patroncare.audit.models import AuditEvent
from patroncare.complaints.models import CaseEntry
from patroncare.conftest import ADMIN_ONLY, EVERY_MEMBER

from .factories import token_for


def _bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_token_is_shown_once_and_stored_only_as_a_hash(signed_in, world):
    client = signed_in(world.users["frontline"])
    response = client.post(
        reverse("api_tokens:create"), {"name": "Help desk sync", "scope": "read", "days": "90"}, follow=True
    )
    assert response.redirect_chain == [(reverse("api_tokens:mine"), 302)]
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith("pc_") and len(secret) > 40
    assert secret in response.content.decode()
    assert token.key_hash == hash_key(secret) and secret not in token.key_hash
    assert token.prefix == secret[:10]
    assert token.scope == Scope.READ
    assert (token.expires_at - token.created_at).days == 90
    # The list of tokens never shows the secret again.
    assert secret not in client.get(reverse("api_tokens:mine")).content.decode()
    event = AuditEvent.objects.get(event="api.token_created")
    assert event.params == {
        "token": token.pk,
        "scope": "read",
        "expires": token.expires_at.date().isoformat(),
    }
    assert secret not in str(event.params)


def test_a_bad_form_creates_nothing_and_keeps_what_was_typed(signed_in, world):
    client = signed_in(world.users["frontline"])
    response = client.post(reverse("api_tokens:create"), {"name": "Sync", "scope": "admin", "days": "7"})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0
    assert 'value="Sync"' in response.content.decode()


def test_every_use_is_audited_and_the_last_use_shown(client, world, records):
    secret = token_for(world.users["supervisor"], scope=Scope.READ)
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    assert client.get(reverse("api:policies"), **_bearer(secret)).status_code == 200
    assert client.get(reverse("api:rules"), **_bearer(secret)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    uses = AuditEvent.objects.filter(event="api.token_used").order_by("pk")
    assert [(e.params["method"], e.params["route"]) for e in uses] == [
        ("GET", "api:policies"),
        ("GET", "api:rules"),
    ]
    assert {e.actor_id for e in uses} == {world.users["supervisor"].pk}


def test_a_read_only_token_cannot_write(client, world, records):
    secret = token_for(world.users["supervisor"], scope=Scope.READ)
    response = client.post(
        reverse("api:complaint_note", args=[records.complaint.pk]),
        {"body": "Not allowed"},
        content_type="application/json",
        **_bearer(secret),
    )
    assert response.status_code == 403
    assert "only read" in response.json()["detail"]
    assert CaseEntry.objects.filter(complaint=records.complaint).count() == 0


def test_an_expired_or_revoked_or_unknown_token_is_refused(client, world, records):
    secret = token_for(world.users["supervisor"])
    token = ApiToken.objects.get()
    url = reverse("api:policies")
    assert client.get(url, **_bearer(secret)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - timedelta(days=31), expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(url, **_bearer(secret))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response["Content-Type"] == "application/problem+json"
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(days=1))
    services.token_revoke(actor=world.users["supervisor"], token=token)
    assert client.get(url, **_bearer(secret)).status_code == 401
    assert client.get(url, **_bearer("pc_" + "x" * 43)).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer two parts").status_code == 401


def test_a_token_stops_when_its_holder_moves_to_another_system(client, world, records):
    secret = token_for(world.users["supervisor"])
    user = world.users["supervisor"]
    user.library_system = world.other_system
    user.save()
    assert client.get(reverse("api:policies"), **_bearer(secret)).status_code == 401


def test_the_holder_revokes_their_token(signed_in, world):
    token_for(world.users["frontline"])
    token = ApiToken.objects.get()
    client = signed_in(world.users["frontline"])
    response = client.post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == world.users["frontline"]
    assert AuditEvent.objects.filter(event="api.token_revoked", object_id=str(token.pk)).count() == 1


def test_an_administrator_sees_and_revokes_every_token_of_the_system(signed_in, world):
    token_for(world.users["frontline"])
    token_for(world.users["other_system_admin"])
    mine, theirs = ApiToken.objects.order_by("pk")
    client = signed_in(world.users["administrator"])
    page = client.get(reverse("api_tokens:all")).content.decode()
    assert mine.prefix in page and theirs.prefix not in page
    assert client.post(reverse("api_tokens:revoke", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("api_tokens:revoke", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_by == world.users["administrator"] and theirs.revoked_at is None


def test_others_may_not_revoke_a_token_that_is_not_theirs(signed_in, world):
    token_for(world.users["frontline"])
    token = ApiToken.objects.get()
    for key in ["supervisor", "security", "other_branch_supervisor", "other_system_admin"]:
        client = signed_in(world.users[key])
        assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404, key
        client.logout()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_pages_by_role(role_matrix):
    role_matrix(reverse("api_tokens:mine"), EVERY_MEMBER)
    role_matrix(reverse("api_tokens:all"), ADMIN_ONLY)
