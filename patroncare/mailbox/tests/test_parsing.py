"""Trimming quoted history and signatures, as the common clients write them (no database)."""

import pytest

from patroncare.mailbox.services.parsing import parse, trim

from .mails import reply


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Yes, Tuesday works.\n\nOn Mon, 7 Dec 2026, Library <c@x.org> wrote:\n> Can you come?",
            "Yes, Tuesday works.",
        ),
        (
            "Sí, el martes.\n\nEl lun, 7 dic 2026 a las 10:02, Biblioteca escribió:\n> ¿Puede venir?",
            "Sí, el martes.",
        ),
        ("Fine by me.\n\n-----Original Message-----\nFrom: Library\nSent: Monday", "Fine by me."),
        ("Thanks!\n________________________________\nFrom: Library <c@x.org>\nSent: Monday", "Thanks!"),
        ("See you then.\n-- \nLena Morales\n555-0100", "See you then."),
        ("Got it.\n\nSent from my iPhone", "Got it."),
        ("Recibido.\n\nEnviado desde mi teléfono", "Recibido."),
        ("> quoted first\nMy answer below the quote.", "My answer below the quote."),
        ("Line one.\n\n\n\nLine two.", "Line one.\n\nLine two."),
    ],
    ids=[
        "gmail",
        "gmail-es",
        "outlook-classic",
        "outlook-web",
        "signature",
        "iphone",
        "phone-es",
        "quote-first",
        "blank-lines",
    ],
)
def test_trim_keeps_only_what_the_patron_wrote_now(text, kept):
    assert trim(text) == kept


def test_an_html_only_reply_is_read_as_text():
    raw = reply(to="c+t@x.org", text="", html="<p>I <b>found</b> it.</p><blockquote>old</blockquote>")
    parsed = parse(raw)
    assert parsed.text.startswith("I found it.")


def test_a_forged_sender_is_seen_in_the_authentication_results():
    raw = reply(to="c+t@x.org", headers={"Authentication-Results": "mx.example; dkim=pass; dmarc=fail"})
    assert parse(raw).auth_failed
    assert not parse(
        reply(to="c+t@x.org", headers={"Authentication-Results": "mx; spf=pass; dmarc=pass"})
    ).auth_failed
