"""What a shared desk computer keeps: nothing. Every response is no-store, with a strict CSP.

The crawl signs in as each role of the demo library and follows every link it finds from the desk, as
a curious member of staff would; every page, export, letter and file it reaches must carry the headers,
and no page may hold markup the Content-Security-Policy would refuse (inline script or style, event
handler attributes).
"""

import re
from collections import deque
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from patroncare.accounts.models import User
from patroncare.accounts.tests.factories import PASSWORD
from patroncare.conftest import ROLE_KEYS, sign_in

HREF = re.compile(r'href="([^"]+)"')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+=", re.IGNORECASE)
# Addresses a crawler must not follow: they leave the signed-in session or only repeat a list page by page.
SKIPPED = ("/static/", "/account/sign-out", "/i18n/")
CRAWL_LIMIT_PER_ROLE = 400


def assert_private(response, url):
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control, f"{url} is cacheable: {cache_control!r}"
    assert "private" in cache_control, f"{url}: {cache_control!r}"
    policy = response.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy, f"{url} has no Content-Security-Policy"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, policy
    assert "camera=()" in response.get("Permissions-Policy", ""), url


def assert_no_inline_code(body, url):
    for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
        found = pattern.search(body)
        assert found is None, f"{url} holds {found.group(0)!r}, which the Content-Security-Policy refuses"


def links_on(body):
    for href in HREF.findall(body):
        url, _ = urldefrag(href.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith(SKIPPED):
            continue
        # One page of a list is enough: the other pages are the same template.
        if re.search(r"[?&]page=(?!1\b)", url):
            continue
        yield url


def crawl(client, start):
    seen, queue, visited = {start}, deque([start]), []
    while queue and len(visited) < CRAWL_LIMIT_PER_ROLE:
        url = queue.popleft()
        response = client.get(url)
        visited.append(url)
        if response.status_code in (301, 302):
            continue
        assert_private(response, url)
        if "text/html" not in response.get("Content-Type", "") or response.streaming:
            continue
        body = response.content.decode()
        assert_no_inline_code(body, url)
        for link in links_on(body):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return visited


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_KEYS)
def test_the_desk_of_every_role_is_private_and_strict(client, world, role):
    sign_in(client, world.users[role])
    response = client.get(reverse("core:desk"))
    assert response.status_code == 200
    assert_private(response, "desk")
    assert_no_inline_code(response.content.decode(), "desk")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["complaints_public:feedback", "complaints_public:status", "accounts:login"])
def test_the_patron_and_sign_in_pages_are_private_and_strict(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_private(response, name)
    assert_no_inline_code(response.content.decode(), name)


@pytest.mark.django_db
def test_a_patron_status_page_is_never_cached(client, world):
    from patroncare.complaints.tests.factories import record

    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch)
    client.post(reverse("complaints_public:status"), {"reference": complaint.reference, "secret": secret})
    response = client.get(reverse("complaints_public:status"))
    assert complaint.reference in response.content.decode()
    assert_private(response, "status")


@pytest.mark.django_db
def test_the_server_error_page_needs_no_inline_style(client):
    from django.test import RequestFactory

    from patroncare.core.errors import server_error

    response = server_error(RequestFactory().get("/"))
    assert_no_inline_code(response.content.decode(), "500")


@override_settings(LANGUAGE_COOKIE_SECURE=True, LANGUAGE_COOKIE_HTTPONLY=True)
@pytest.mark.django_db
def test_the_language_cookie_takes_the_production_attributes(client, world):
    user = world.users["frontline"]
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    cookie = response.cookies.get("django_language")
    assert cookie is not None, "signing in sets the language the member of staff chose"
    assert cookie["secure"] and cookie["httponly"]


@pytest.mark.demo
@pytest.mark.django_db
def test_a_crawl_of_the_demo_library_as_every_role_finds_only_private_strict_pages(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    emails = [word for line in out.getvalue().splitlines() for word in line.split() if "@" in word]
    assert len(emails) >= 6
    total = 0
    for email in emails:
        client.logout()
        sign_in(client, User.objects.get(email=email))
        total += len(crawl(client, reverse("core:desk")))
    assert total > 300, f"the crawl reached only {total} addresses"
