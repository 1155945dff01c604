"""E-mails as patrons' clients write them."""

from email.message import EmailMessage
from email.utils import make_msgid

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def reply(
    *,
    to: str,
    sender: str = "lena.morales@example.net",
    text: str = "Thank you. I found the receipt, it is attached.",
    in_reply_to: str = "",
    files=(),
    headers: dict | None = None,
    html: str = "",
) -> bytes:
    message = EmailMessage()
    message["From"] = f"Lena Morales <{sender}>"
    message["To"] = to
    message["Subject"] = "Re: Your message to the library"
    message["Message-ID"] = make_msgid(domain="example.net")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for name, content, maintype, subtype in files:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def bounce(*, to: str, original_message_id: str, status: str = "5.1.1") -> bytes:
    """A delivery status notification (RFC 3464), as a server sends it back to the envelope sender."""
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
        f"To: {to}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: {make_msgid(domain='mx.example.net')}\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"\r\n\r\n'
        "--B0UND\r\nContent-Type: text/plain\r\n\r\n"
        "Your message could not be delivered to one or more recipients.\r\n\r\n"
        "--B0UND\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n\r\n"
        "Final-Recipient: rfc822; lena.morales@example.net\r\n"
        f"Action: failed\r\nStatus: {status}\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 Recipient address rejected\r\n\r\n"
        "--B0UND\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {original_message_id}\r\nSubject: Your complaint\r\n\r\n"
        "--B0UND--\r\n"
    ).encode()
