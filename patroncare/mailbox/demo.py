"""Riverbend's mailbox: the library's feedback address, and two e-mails waiting in the review queue, taken in
through the same intake as fetched mail (a reply from someone who is not the case's patron, and a message
with a file of a type the library does not accept). Fixed Message-IDs make loading twice change nothing."""

from email.message import EmailMessage

from .models import LibraryAddress, SentMail
from .services.receiving import inbound_receive

FEEDBACK_ADDRESS = "feedback@riverbend-library.example"


def _message(*, sender: str, to: str, subject: str, text: str, message_id: str, files=()) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message.set_content(text)
    for name, content, maintype, subtype in files:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def load(context) -> None:
    system = context.system
    LibraryAddress.objects.get_or_create(address=FEEDBACK_ADDRESS, defaults={"system": system})
    answered = SentMail.objects.filter(system=system, source="complaints").order_by("sent_at", "id").first()
    if answered is not None:
        # Someone answers a message the library sent to a patron, from another address: it may be the
        # patron's relative, or not. It waits for a supervisor, never reaching the case by itself.
        local, _sep, domain = FEEDBACK_ADDRESS.partition("@")
        inbound_receive(
            raw=_message(
                sender="Rosa Delgado <rosa.delgado.family@example.com>",
                to=f"{local}+{answered.token}@{domain}",
                subject=f"Re: {answered.subject}",
                text=(
                    "Hello, I am writing for my father, who does not use e-mail. He would like to know when "
                    "someone can call him back about this.\n\nOn Monday the library wrote:\n> Thank you for "
                    "telling us."
                ),
                message_id="<demo-review-other-sender@riverbend-demo.example>",
            )
        )
    inbound_receive(
        raw=_message(
            sender="Tom Nguyen <tom.nguyen@example.com>",
            to=FEEDBACK_ADDRESS,
            subject="Printer charged me twice",
            text=(
                "The printer at Central charged my card twice for one job on Saturday. My notes are in the "
                "attached document."
            ),
            message_id="<demo-review-wrong-type@riverbend-demo.example>",
            files=[("notes.docx", b"PK\x03\x04demo", "application", "octet-stream")],
        )
    )
