"""Messages to patrons and staff, rendered in the recipient's language and sent through the task engine."""

from patroncare.core.mail import absolute_link, base_url, render_email
from patroncare.mailbox.services import patron_mail_send
from patroncare.notifications.services import notify


def mail_patron(*, complaint, subject_template: str, body_template: str, context: dict | None = None) -> bool:
    """Queue a message to the patron in their language. False when they gave no e-mail address."""
    if not complaint.patron_email:
        return False
    subject, body = render_email(
        language=complaint.patron_language,
        subject_template=subject_template,
        body_template=body_template,
        context={"complaint": complaint, "base_url": base_url(), **(context or {})},
    )
    # Recorded with a reply address of its own: the patron's answer comes back to this case.
    patron_mail_send(
        system=complaint.system,
        source="complaints",
        record_id=complaint.pk,
        to=complaint.patron_email,
        subject=subject,
        body=body,
    )
    return True


def mail_staff(
    *,
    user,
    complaint,
    subject_template: str,
    body_template: str,
    kind: str,
    context: dict | None = None,
    url: str = "",
    target=None,
):
    """Tell a member of staff, at once or in their daily digest as they chose for this kind of message.

    The link goes to the case unless `url` names another page (a statement, for trustees who never see cases).
    """
    if user is None or not user.email:
        return
    subject, body = render_email(
        language=user.preferred_language,
        subject_template=subject_template,
        body_template=body_template,
        context={"complaint": complaint, "recipient": user, "base_url": base_url(), **(context or {})},
    )
    notify(
        user=user,
        kind=kind,
        subject=subject,
        body=body,
        url=url or absolute_link("complaints:detail", complaint.pk),
        target=target or complaint,
    )
