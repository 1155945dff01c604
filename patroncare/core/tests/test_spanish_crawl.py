"""Signed in as each role in Spanish, a crawl of every demo page finds no English that PatronCare wrote or
that the library wrote with a Spanish version, except proper names and text marked lang="en"."""

import re
from collections import deque
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from patroncare.accounts.models import User
from patroncare.conftest import sign_in
from patroncare.core.languages import translated_fields
from patroncare.core.tests.test_headers import links_on

CRAWL_LIMIT_PER_ROLE = 250
# Words that are the same or are names in both languages, and so are not English on a Spanish page.
ALLOWED = {
    "PatronCare",
    "BLAST",
    "Riverbend Public Library",
    "OK",
    "PDF",
    "CSV",
    "E-mail",
    "Email",
    "No",
    "Total",
    # An organisation's own name, which the directory shows as the organisation writes it.
    "988 Suicide and Crisis Lifeline",
}
SKIPPED_TAGS = {"script", "style", "template", "title"}


class VisibleText(HTMLParser):
    """Text nodes a reader sees, without those inside an element marked with another language."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr", "source", "col", "wbr"}:
            return
        attrs = dict(attrs)
        hidden = tag in SKIPPED_TAGS or attrs.get("lang", "es")[:2] != "es" or "hidden" in attrs
        self.stack.append((tag, hidden or any(h for _t, h in self.stack[-1:])))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1]:
            return
        text = " ".join(data.split())
        if text:
            self.texts.append(text)


def _interface_english() -> set[str]:
    """PatronCare's own English sentences and words whose Spanish differs (from every catalogue)."""
    english = set()
    entry = re.compile(r'^msgid "(.+)"\nmsgstr "(.+)"$', re.M)
    for po in Path(settings.BASE_DIR, "patroncare").glob("*/locale/es/LC_MESSAGES/django.po"):
        for msgid, msgstr in entry.findall(po.read_text()):
            # A single lowercase word is also a code (CSV columns, a scenario's source): not counted.
            one_code = " " not in msgid and msgid.islower()
            if msgid != msgstr and "%" not in msgid and "{" not in msgid and len(msgid) > 3 and not one_code:
                english.add(msgid.replace('\\"', '"'))
    return english - ALLOWED


def _library_english() -> set[str]:
    """What the library wrote in English where a different Spanish version exists."""
    from modeltranslation.translator import translator

    english = set()
    for model in translator.get_registered_models(abstract=False):
        for field in translated_fields(model):
            for en, es in model._default_manager.values_list(f"{field}_en", f"{field}_es"):
                if en and es and en.strip() != es.strip() and len(en) > 3:
                    english.add(" ".join(en.split()))
    return english - ALLOWED


def _drop_spanish_versions() -> set[str]:
    """Empty every Spanish version the database lets go (a published statement must keep its own), and
    return the English texts that are now shown as fallbacks."""
    from modeltranslation.translator import translator

    fallbacks = set()
    for model in translator.get_registered_models(abstract=False):
        manager = model._default_manager
        manager = manager.rewrite(False) if hasattr(manager, "rewrite") else manager
        for field in translated_fields(model):
            column = model._meta.get_field(f"{field}_es")
            try:
                with transaction.atomic():
                    manager.all().update(**{column.name: None if column.null else ""})
            except IntegrityError:
                continue
            for (en,) in manager.filter(**{f"{column.name}__isnull": column.null}).values_list(f"{field}_en"):
                if en and len(en) > 3:
                    fallbacks.add(" ".join(en.split()))
    return fallbacks - ALLOWED


def english_on_spanish_pages(client, start, english) -> tuple[int, dict[str, set[str]]]:
    seen, queue, visited, found = {start}, deque([start]), 0, {}
    while queue and visited < CRAWL_LIMIT_PER_ROLE:
        url = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        parser = VisibleText()
        parser.feed(body)
        for text in parser.texts:
            if text in english:
                found.setdefault(text, set()).add(url)
        for link in links_on(body):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return visited, found


@pytest.mark.demo
@pytest.mark.django_db
def test_every_demo_page_in_spanish_as_every_role_has_no_english(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    emails = [word for line in out.getvalue().splitlines() for word in line.split() if "@" in word]
    english = _interface_english() | _library_english()
    pages, found = 0, {}
    for email in emails:
        client.logout()
        sign_in(client, User.objects.get(email=email))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
        visited, role_found = english_on_spanish_pages(client, reverse("core:desk"), english)
        pages += visited
        for text, urls in role_found.items():
            found.setdefault(text, set()).update(urls)
    assert pages > 300
    report = "\n".join(f"{text!r} on {sorted(urls)[:3]}" for text, urls in sorted(found.items()))
    assert not found, f"{len(found)} English strings on Spanish pages ({pages} pages):\n{report}"


@pytest.mark.demo
@pytest.mark.django_db
@pytest.mark.xfail(
    strict=True,
    reason="Still printed without their lang when shown as a fallback (111 texts, December 2026): complaint "
    "categories and policy tags in the case and list filters (<option> elements), referral categories and "
    "resources on /help/, survey rounds and questions, the ladder's class names and tiers, authority groups "
    "and survey titles in the audit trail, board report texts, branch names in complaint lists. Remove this "
    "mark when the crawl passes.",
)
def test_every_library_text_shown_without_its_spanish_version_is_marked_english(client):
    """With the Spanish versions gone, each page shows the English ones: each inside an element whose
    `lang` says so (the `versioned` filter, the `lang_of` tag), so a screen reader pronounces it in English.
    The administrator, the director and a member of front-line staff reach every kind of library text."""
    call_command("load_demo", stdout=StringIO())
    fallbacks = _drop_spanish_versions()
    assert len(fallbacks) > 100
    pages, found = 0, {}
    for email in (
        "alex.chen@riverbend.example",
        "evelyn.marsh@riverbend.example",
        "luis.ortega@riverbend.example",
    ):
        client.logout()
        sign_in(client, User.objects.get(email=email))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
        visited, role_found = english_on_spanish_pages(client, reverse("core:desk"), fallbacks)
        pages += visited
        for text, urls in role_found.items():
            found.setdefault(text, set()).update(urls)
    report = "\n".join(f"{text!r} on {sorted(urls)[:3]}" for text, urls in sorted(found.items()))
    assert not found, f"{len(found)} unmarked English fallbacks ({pages} pages):\n{report}"
