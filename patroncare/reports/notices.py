"""Telling trustees that an approved board report waits for them to read it; confirming the reading clears it.

The line names the period only: a board report holds counts and the director's text, and the link needs
sign-in.
"""

from django.contrib.auth import get_user_model
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from patroncare.accounts.models import Role
from patroncare.notifications.services import notifications_clear_for, tell

from .models import BoardReport

REPORT_APPROVED = "reports.approved"
LINE = gettext_lazy("The board report for %(period)s was approved: please read it and confirm.")


def trustees_of(report: BoardReport):
    """The active trustees of the report's library system: those who confirm that they read it."""
    return (
        get_user_model()
        .objects.filter(
            library_system_id=report.system_id, is_active=True, role_assignments__role=Role.TRUSTEE
        )
        .distinct()
        .order_by("email")
    )


def report_approved_tell(*, actor, report: BoardReport) -> int:
    # The period's words ("Quarter 2 2026") in each trustee's own language.
    period = lazy(lambda: report.period_label, str)()
    return tell(
        users=[trustee for trustee in trustees_of(report) if trustee.pk != actor.pk],
        kind=REPORT_APPROVED,
        line=LINE,
        params={"period": period},
        url_name="reports:board_report",
        url_args=(report.pk,),
        target=report,
    )


def report_read(*, user, report: BoardReport) -> None:
    notifications_clear_for(obj=report, kinds=(REPORT_APPROVED,), user=user)
