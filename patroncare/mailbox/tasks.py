from celery import shared_task

from .services.imap import mailbox_fetch


@shared_task
def fetch_mailbox() -> int:
    """Every minute (Celery beat): patrons' replies and new messages from the library's IMAP mailbox."""
    return mailbox_fetch()
