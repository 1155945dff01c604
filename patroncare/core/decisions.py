"""The message a second decider reads when someone else decided first."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def already_decided_message(record) -> str:
    """Who decided `record` (its `decided_by` and `decided_at`) and when, in the library's time zone (the
    active one), so that nobody decides twice."""
    decided_by, decided_at = record.decided_by, record.decided_at
    name = decided_by.get_full_name() if decided_by else _("a colleague")
    when = date_format(timezone.localtime(decided_at), "DATETIME_FORMAT") if decided_at else ""
    return _("This was already decided by %(name)s (%(when)s). Nothing was changed.") % {
        "name": name,
        "when": when,
    }
