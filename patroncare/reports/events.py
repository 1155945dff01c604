"""Audit events of the reports app: the report's period and version, never a name."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

REPORT_DRAFTED = define("reports.report_drafted", Action.CREATE, _("Board report %(period)s drafted"))
REPORT_EDITED = define(
    "reports.report_edited", Action.UPDATE, _("Board report %(period)s edited (version %(number)s)")
)
REPORT_APPROVED = define(
    "reports.report_approved", Action.UPDATE, _("Board report %(period)s approved (version %(number)s)")
)
REPORT_PUBLISHED = define(
    "reports.report_published", Action.UPDATE, _("Annual figures %(period)s published on the notices page")
)
REPORT_UNPUBLISHED = define(
    "reports.report_unpublished", Action.UPDATE, _("Annual figures %(period)s taken off the notices page")
)
REPORT_READ = define("reports.report_read", Action.UPDATE, _("Board report %(period)s read by a trustee"))
REPORT_DOWNLOADED = define(
    "reports.report_downloaded", Action.EXPORT, _("Board report %(period)s downloaded (%(language)s)")
)
TABLE_EXPORTED = define(
    "reports.table_exported",
    Action.EXPORT,
    _("Dashboard table %(table)s exported as %(format)s (%(rows)s rows)"),
)


def _period(report) -> str:
    return f"{report.year}" + (f" Q{report.quarter}" if report.quarter else "")


def report_drafted(*, actor, report):
    return audit_event(REPORT_DRAFTED, actor=actor, obj=report, params={"period": _period(report)})


def report_edited(*, actor, report, number: int, changes: dict):
    params = {"period": _period(report), "number": number}
    return audit_event(REPORT_EDITED, actor=actor, obj=report, params=params, changes=changes)


def report_approved(*, actor, report, number: int):
    params = {"period": _period(report), "number": number}
    return audit_event(REPORT_APPROVED, actor=actor, obj=report, params=params)


def report_published(*, actor, report):
    return audit_event(REPORT_PUBLISHED, actor=actor, obj=report, params={"period": _period(report)})


def report_unpublished(*, actor, report):
    return audit_event(REPORT_UNPUBLISHED, actor=actor, obj=report, params={"period": _period(report)})


def report_read(*, actor, report):
    return audit_event(REPORT_READ, actor=actor, obj=report, params={"period": _period(report)})


def report_downloaded(*, actor, report, language: str):
    params = {"period": _period(report), "language": language}
    return audit_event(REPORT_DOWNLOADED, actor=actor, obj=report, params=params)


def table_exported(*, actor, table: str, file_format: str, rows: int):
    params = {"table": table, "format": file_format, "rows": rows}
    return audit_event(TABLE_EXPORTED, actor=actor, params=params, library_system_id=actor.library_system_id)
