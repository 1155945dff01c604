"""Who reads mail from patrons and decides what waits for review."""

from patroncare.accounts import roles
from patroncare.accounts.permissions import has_any_role

from .registry import source_for

REVIEW_ROLES = roles.OVERSIGHT


def can_review_mail(user) -> bool:
    """Supervisors and administrators of the system decide the mail its addresses received."""
    return has_any_role(user, REVIEW_ROLES)


def can_read_mail(user, mail) -> bool:
    """A reviewer of the system, or someone who may read the case the mail was added to."""
    if mail.system_id is None or user.library_system_id != mail.system_id:
        return False
    if can_review_mail(user):
        return True
    source = source_for(mail.source) if mail.source else None
    return bool(source and mail.record_id and source.may_read(user, mail.record_id))


def can_decide_mail(user, mail) -> bool:
    return mail.status == "review" and mail.system_id == user.library_system_id and can_review_mail(user)
