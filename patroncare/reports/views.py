from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from patroncare.complaints.views.public import public_system
from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.forms import add_service_errors
from patroncare.libraries.calendar import today_in

from . import events, export, permissions, selectors, services
from .forms import BoardReportCreateForm, BoardReportForm, PeriodForm
from .models import BoardReport
from .pdf import board_report_pdf
from .snapshot import frozen


def _period_form(request):
    user = request.user
    allowed = permissions.dashboard_branch_ids(user)
    branches = user.library_system.branches.order_by("name")
    if allowed is not None:
        branches = branches.filter(pk__in=allowed)
    return PeriodForm(request.GET or None, branches=list(branches), today=today_in(user.library_system))


def _dashboard(request):
    form = _period_form(request)
    branch_ids = form.cleaned_data.get("branch") if form.is_valid() else None
    dashboard = selectors.dashboard_for(user=request.user, period=form.chosen_period(), branch_ids=branch_ids)
    return form, dashboard


class DashboardView(PermissionRequiredMixin, View):
    permission = permissions.can_see_dashboard

    def get(self, request):
        form, dashboard = _dashboard(request)
        return render(
            request,
            "reports/dashboard.html",
            {
                "form": form,
                "dashboard": dashboard,
                "query": request.GET.urlencode(),
                "nav_current": "reports",
            },
        )


class TableExportView(PermissionRequiredMixin, View):
    permission = permissions.can_export_dashboard

    def get(self, request, key, file_format):
        if file_format not in ("csv", "xlsx"):
            raise Http404
        _form, dashboard = _dashboard(request)
        table = dashboard.table(key)
        filename = f"{key}-{dashboard.period.first_day.isoformat()}.{file_format}"
        if file_format == "xlsx":
            response, rows = export.xlsx_download(table, dashboard, filename)
        else:
            response, rows = export.csv_download(table, dashboard, filename)
        events.table_exported(actor=request.user, table=key, file_format=file_format, rows=rows)
        return response


class BoardReportListView(PermissionRequiredMixin, View):
    permission = permissions.can_see_board_reports

    def get(self, request, form=None, status=200):
        reports = list(selectors.board_reports_visible_to(user=request.user))
        context = {
            "reports": reports,
            "can_manage": permissions.can_manage_board_reports(request.user),
            "form": form
            or BoardReportCreateForm(initial={"year": today_in(request.user.library_system).year}),
            "nav_current": "board-reports",
        }
        return render(request, "reports/board_reports.html", context, status=status)


class BoardReportCreateView(ActionMixin, BoardReportListView):
    permission = permissions.can_manage_board_reports

    def post(self, request):
        form = BoardReportCreateForm(request.POST)
        if form.is_valid():
            try:
                report = services.board_report_create(
                    actor=request.user,
                    period_kind=form.cleaned_data["period_kind"],
                    year=form.cleaned_data["year"],
                    quarter=form.cleaned_data.get("quarter"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Draft board report created with this period's figures."))
                return redirect("reports:board_report", pk=report.pk)
        return self.get(request, form=form, status=400)


class BoardReportView(PermissionRequiredMixin, View):
    permission = permissions.can_see_board_reports
    scoped_model = BoardReport

    def get(self, request, pk, form=None, status=200):
        report = selectors.board_report_get_for(user=request.user, pk=pk)
        read = selectors.has_read(user=request.user, report=report)
        capabilities = permissions.BoardReportCapabilities.for_user(request.user, report, has_read=read)
        context = {
            "report": report,
            "capabilities": capabilities,
            "has_read": read,
            "figures": frozen(report.figures, get_language() or "en"),
            "form": form or (BoardReportForm(instance=report) if capabilities.can_edit else None),
            "versions": list(report.versions.order_by("-number")) if capabilities.can_see_readings else [],
            "readings": list(selectors.readings_of(report=report)) if capabilities.can_see_readings else [],
            "nav_current": "board-reports",
        }
        return render(request, "reports/board_report.html", context, status=status)


class BoardReportUpdateView(ActionMixin, BoardReportView):
    permission = permissions.can_manage_board_reports

    def post(self, request, pk):
        report = selectors.board_report_get_for(user=request.user, pk=pk)
        form = BoardReportForm(request.POST, instance=report)
        if form.is_valid():
            texts = {name: form.cleaned_data[name] for name in services.TEXT_FIELDS}
            try:
                services.board_report_update(
                    actor=request.user, report=report, expected_version=form.cleaned_data["version"], **texts
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Draft saved; the figures were brought up to date."))
                return redirect("reports:board_report", pk=pk)
        return self.get(request, pk, form=form, status=400)


class BoardReportApproveView(ActionMixin, BoardReportView):
    permission = permissions.can_manage_board_reports

    def post(self, request, pk):
        report = selectors.board_report_get_for(user=request.user, pk=pk)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = 0
        try:
            services.board_report_approve(actor=request.user, report=report, expected_version=version)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Board report approved: trustees can read it now."))
        return redirect("reports:board_report", pk=pk)


class BoardReportPublishView(ActionMixin, BoardReportView):
    permission = permissions.can_manage_board_reports
    publish = True

    def post(self, request, pk):
        report = selectors.board_report_get_for(user=request.user, pk=pk)
        if self.publish:
            services.board_report_publish(actor=request.user, report=report)
            messages.success(request, _("The annual figures are on the public notices page."))
        else:
            services.board_report_unpublish(actor=request.user, report=report)
            messages.success(request, _("The annual figures were taken off the public notices page."))
        return redirect("reports:board_report", pk=pk)


class BoardReportUnpublishView(BoardReportPublishView):
    publish = False


class BoardReportReadView(ActionMixin, BoardReportView):
    permission = permissions.can_confirm_reading

    def post(self, request, pk):
        report = selectors.board_report_get_for(user=request.user, pk=pk)
        services.board_report_confirm_read(actor=request.user, report=report)
        messages.success(request, _("Thank you: your reading of the report is recorded."))
        return redirect("reports:board_report", pk=pk)


class BoardReportPdfView(PermissionRequiredMixin, View):
    permission = permissions.can_see_board_reports
    scoped_model = BoardReport

    def get(self, request, pk):
        report = selectors.board_report_get_for(user=request.user, pk=pk)
        language = request.GET.get("language") or get_language() or "en"
        if language not in ("en", "es"):
            raise Http404
        pdf = board_report_pdf(report, language=language)
        events.report_downloaded(actor=request.user, report=report, language=language)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = (
            f"board-report-{report.year}{'-q' + str(report.quarter) if report.quarter else ''}-{language}.pdf"
        )
        response["Content-Disposition"] = content_disposition_header(True, name)
        response["X-Content-Type-Options"] = "nosniff"
        return response


class PublicFiguresListView(View):
    def get(self, request):
        system = public_system(request)
        reports = list(selectors.published_annual_reports(system=system)) if system else []
        return render(request, "reports/public_list.html", {"reports": reports, "system": system})


class PublicFiguresView(View):
    def get(self, request, year):
        system = public_system(request)
        if system is None:
            raise Http404
        report = selectors.published_annual_report(system=system, year=year)
        language = get_language() or "en"
        context = {
            "report": report,
            "system": system,
            "figures": frozen(report.figures, language),
            "summary": report.public_summary,
            "changes": report.changes,
            "list_url": reverse("public_figures:list"),
        }
        return render(request, "reports/public_figures.html", context)
