"""Every write of the reports app: the board report's drafts, approval, publication and readings."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged

from . import events, notices, permissions
from .models import BoardReport, BoardReportReading, BoardReportVersion, ReportPeriod, ReportStatus
from .periods import quarter as quarter_period
from .periods import year as year_period
from .suppression import protection_on

TEXT_FIELDS = [
    f"{name}_{language}" for name in ("highlights", "changes", "public_summary") for language in ("en", "es")
]


def report_period(report: BoardReport):
    if report.period_kind == ReportPeriod.QUARTER:
        return quarter_period(report.year, report.quarter)
    return year_period(report.year)


def report_figures(report: BoardReport) -> dict:
    """The counts of the report's period for the whole system, small numbers protected, as plain data."""
    from .figures import Scope
    from .selectors import build_dashboard
    from .snapshot import dashboard_to_data

    system = report.system
    scope = Scope(system=system, branches=list(system.branches.order_by("name")))
    period = report_period(report)
    return dashboard_to_data(lambda: build_dashboard(scope=scope, period=period, protected=protection_on()))


def _keep_version(report: BoardReport, *, actor) -> BoardReportVersion:
    number = report.versions.count() + 1
    texts = {name: getattr(report, name) or "" for name in TEXT_FIELDS}
    return BoardReportVersion.objects.create(
        report=report, number=number, status=report.status, figures=report.figures, saved_by=actor, **texts
    )


@transaction.atomic
def board_report_create(
    *, actor, period_kind: str, year: int, quarter: int | None = None, **texts
) -> BoardReport:
    refuse_unless(permissions.can_manage_board_reports(actor), permissions.NOT_DIRECTOR)
    report = BoardReport(
        system=actor.library_system,
        period_kind=period_kind,
        year=year,
        quarter=quarter if period_kind == ReportPeriod.QUARTER else None,
        created_by=actor,
        **{name: value for name, value in texts.items() if name in TEXT_FIELDS},
    )
    report.full_clean()
    try:
        with transaction.atomic():
            report.figures = report_figures(report)
            report.save()
    except IntegrityError as error:  # two directors' tabs at once: the constraint keeps one per period
        from django.core.exceptions import ValidationError

        raise ValidationError(_("There is already a board report for this period.")) from error
    _keep_version(report, actor=actor)
    events.report_drafted(actor=actor, report=report)
    return report


@transaction.atomic
def board_report_update(*, actor, report: BoardReport, expected_version: int, **texts) -> BoardReport:
    refuse_unless(
        permissions.BoardReportCapabilities.for_user(actor, report).can_edit, permissions.NOT_DIRECTOR
    )
    before = {name: getattr(report, name) for name in TEXT_FIELDS}
    for name in TEXT_FIELDS:
        if name in texts:
            setattr(report, name, texts[name])
    report.figures = report_figures(report)
    report.full_clean()
    save_if_unchanged(report, expected_version=expected_version, fields=[*TEXT_FIELDS, "figures"])
    version = _keep_version(report, actor=actor)
    changes = {
        name: [before[name], getattr(report, name)]
        for name in TEXT_FIELDS
        if before[name] != getattr(report, name)
    }
    events.report_edited(
        actor=actor, report=report, number=version.number, changes={k: "changed" for k in changes}
    )
    return report


@transaction.atomic
def board_report_approve(*, actor, report: BoardReport, expected_version: int) -> BoardReport:
    refuse_unless(
        permissions.BoardReportCapabilities.for_user(actor, report).can_approve, permissions.NOT_DIRECTOR
    )
    report.figures = report_figures(report)
    report.status = ReportStatus.APPROVED
    report.approved_by = actor
    report.approved_at = timezone.now()
    report.full_clean()
    save_if_unchanged(
        report, expected_version=expected_version, fields=["figures", "status", "approved_by", "approved_at"]
    )
    version = _keep_version(report, actor=actor)
    events.report_approved(actor=actor, report=report, number=version.number)
    notices.report_approved_tell(actor=actor, report=report)
    return report


@transaction.atomic
def board_report_publish(*, actor, report: BoardReport) -> BoardReport:
    refuse_unless(
        permissions.BoardReportCapabilities.for_user(actor, report).can_publish,
        _("Only the director publishes the figures of an approved annual report."),
    )
    report.published_at = timezone.now()
    report.full_clean()
    report.save(update_fields=["published_at"])
    events.report_published(actor=actor, report=report)
    return report


@transaction.atomic
def board_report_unpublish(*, actor, report: BoardReport) -> BoardReport:
    refuse_unless(
        permissions.BoardReportCapabilities.for_user(actor, report).can_unpublish, permissions.NOT_DIRECTOR
    )
    report.published_at = None
    report.save(update_fields=["published_at"])
    events.report_unpublished(actor=actor, report=report)
    return report


@transaction.atomic
def board_report_confirm_read(*, actor, report: BoardReport) -> BoardReportReading:
    already = BoardReportReading.objects.filter(report=report, reader=actor).first()
    refuse_unless(
        permissions.BoardReportCapabilities.for_user(
            actor, report, has_read=already is not None
        ).can_confirm_reading
        or already is not None,
        permissions.NOT_A_READER,
    )
    if already is not None:
        return already  # confirming twice keeps the first date
    reading = BoardReportReading(report=report, reader=actor, read_at=timezone.now())
    reading.full_clean()
    reading.save()
    events.report_read(actor=actor, report=report)
    notices.report_read(user=actor, report=report)
    return reading
