"""The whole ladder as a CSV file: downloaded by anyone who may read it, uploaded by administrators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from patroncare.conduct import events
from patroncare.core.access import ActionMixin
from patroncare.rulebook import services as rulebook_services
from patroncare.rulebook.ladder_csv import export_csv

from ..permissions import can_configure_conduct
from ._base import ConductView
from .ladder import LadderView


class LadderCsvExportView(ConductView):
    def get(self, request):
        system = request.user.library_system
        response = HttpResponse(export_csv(system), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="ladder-{system.slug}.csv"'
        response["Cache-Control"] = "no-store, private"
        events.ladder_exported(actor=request.user, system=system)
        return response


class LadderCsvImportView(ActionMixin, LadderView):
    permission = can_configure_conduct

    def post(self, request):
        upload = request.FILES.get("ladder_file")
        if upload is None:
            return self._refused(request, [_("Choose the CSV file of the ladder to upload.")])
        try:
            count = rulebook_services.ladder_csv_import(
                actor=request.user, system=request.user.library_system, upload=upload
            )
        except ValidationError as error:
            return self._refused(request, error.messages)
        messages.success(
            request,
            ngettext(
                "The ladder was replaced by the %(count)d row of the file.",
                "The ladder was replaced by the %(count)d rows of the file.",
                count,
            )
            % {"count": count},
        )
        return redirect("conduct:ladder")

    def _refused(self, request, problems):
        return self._render(request, csv_errors=problems, status=400)
