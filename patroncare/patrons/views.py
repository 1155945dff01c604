"""The pages about the people the library deals with: search, a person's page, merging two records, and a
patron's rights (access, correction, erasure requests) for administrators."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.forms import add_service_errors
from patroncare.libraries.calendar import today_in

from . import events, selectors, services
from .forms import MergeForm, PersonCorrectForm, PersonSearchForm, RightsRequestForm, RightsRequestHandleForm
from .models import Person
from .permissions import can_handle_rights_requests, can_look_up_people, can_merge_people

LIST_PAGE_SIZE = 50


class PatronView(PermissionRequiredMixin, View):
    scoped_model = Person


class PersonListView(PatronView):
    permission = can_look_up_people

    def get(self, request):
        form = PersonSearchForm(request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        people = selectors.person_list_visible_to(user=request.user, query=query)
        page = Paginator(people, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        events.list_viewed(actor=request.user)
        return render(
            request,
            "patrons/person_list.html",
            {"form": form, "page": page, "people": page.object_list, "query": f"q={query}" if query else ""},
        )


class PersonDetailView(PatronView):
    def get(self, request, pk):
        person = selectors.person_get_for(user=request.user, pk=pk)
        sections = selectors.sections_for(user=request.user, person=person)
        events.person_viewed(actor=request.user, person=person)
        return render(
            request,
            "patrons/person_detail.html",
            {
                "person": person,
                "sections": sections,
                "can_merge": can_merge_people(request.user),
                "can_handle_rights": can_handle_rights_requests(request.user),
            },
        )


class PersonMergeView(PatronView):
    """GET: both records side by side and which values to keep; POST: the merge."""

    def _records(self, request, pk):
        kept = selectors.person_get_for_merge(user=request.user, pk=pk)
        other_pk = request.POST.get("other") or request.GET.get("other")
        if not str(other_pk or "").isdigit():
            return kept, None
        return kept, selectors.person_get_for_merge(user=request.user, pk=int(other_pk))

    def _page(self, request, kept, other, form, status=200):
        return render(
            request, "patrons/person_merge.html", {"kept": kept, "other": other, "form": form}, status=status
        )

    def get(self, request, pk):
        kept, other = self._records(request, pk)
        if other is None or other.pk == kept.pk:
            messages.error(request, _("Type the record number of another record of this person."))
            return redirect("patrons:detail", pk=kept.pk)
        # The page shows both records' details side by side: both reads are audited.
        events.person_viewed(actor=request.user, person=kept)
        events.person_viewed(actor=request.user, person=other)
        return self._page(request, kept, other, MergeForm(kept=kept, other=other))

    def post(self, request, pk):
        kept, other = self._records(request, pk)
        if other is None:
            messages.error(request, _("Type the record number of another record of this person."))
            return redirect("patrons:detail", pk=kept.pk)
        form = MergeForm(request.POST, kept=kept, other=other)
        if not form.is_valid():
            return self._page(request, kept, other, form, status=400)
        try:
            services.person_merge(
                actor=request.user,
                kept=kept,
                other=other,
                from_other=form.from_other(),
                kept_version=form.cleaned_data["kept_version"],
                other_version=form.cleaned_data["other_version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._page(request, kept, other, form, status=400)
        messages.success(
            request, _("The two records are now one. Every record about the person points here.")
        )
        return redirect("patrons:detail", pk=kept.pk)


class PersonExportView(PatronView):
    """Everything the library holds about one person, for an access request: JSON or PDF."""

    def get(self, request, pk, file_format):
        person = selectors.person_get_for_rights(user=request.user, pk=pk)
        data = selectors.person_export(person=person)
        events.person_exported(actor=request.user, person=person, file_format=file_format)
        stamp = timezone.localdate(timezone=request.user.library_system.zone).isoformat()
        if file_format == "json":
            response = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
            )
        else:
            response = HttpResponse(export_pdf(person=person, data=data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}-{stamp}.{file_format}"'
        return response


def export_pdf(*, person, data: dict) -> bytes:
    from weasyprint import HTML

    from .extensions import person_records

    sections = [
        (records.title, [_printable(item) for item in data[records.key]]) for records in person_records()
    ]
    html = render_to_string(
        "patrons/export_pdf.html",
        {"person": person, "data": data, "sections": sections, "made_at": timezone.now()},
    )
    return HTML(string=html).write_pdf()


def _printable(item: dict) -> dict:
    """A record as lines of text for the PDF: nested records (an exclusion's appeals) one per line."""

    def text(value):
        if isinstance(value, list):
            return "\n".join(
                "; ".join(f"{key}: {inner}" for key, inner in entry.items())
                if isinstance(entry, dict)
                else str(entry)
                for entry in value
            )
        return value

    return {key: text(value) for key, value in item.items()}


class PersonCorrectView(PatronView):
    """An administrator corrects a person's details (a correction request), with optimistic locking."""

    def get(self, request, pk):
        person = selectors.person_get_for_rights(user=request.user, pk=pk)
        events.person_viewed(actor=request.user, person=person)
        return render(
            request,
            "patrons/person_correct.html",
            {"person": person, "form": PersonCorrectForm(instance=person)},
        )

    def post(self, request, pk):
        # The form writes what was typed onto its own copy; the service checks the version of the saved one.
        saved = selectors.person_get_for_rights(user=request.user, pk=pk)
        person = selectors.person_get_for_rights(user=request.user, pk=pk)
        form = PersonCorrectForm(request.POST, instance=person)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in services.CORRECTED_FIELDS}
            try:
                services.person_correct(
                    actor=request.user, person=saved, expected_version=form.cleaned_data["version"], **values
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The person's details were corrected."))
                return redirect("patrons:detail", pk=person.pk)
        return render(request, "patrons/person_correct.html", {"person": person, "form": form}, status=400)


class RightsRequestListView(PatronView):
    """The log of rights requests, and recording a new one."""

    permission = can_handle_rights_requests

    def _page(self, request, form, status=200):
        requests = selectors.rights_requests_for(user=request.user)
        page = Paginator(requests, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "patrons/rights_requests.html",
            {
                "form": form,
                "page": page,
                "rights_requests": page.object_list,
                "handle_form": RightsRequestHandleForm(
                    initial={"handled_on": today_in(request.user.library_system)}
                ),
            },
            status=status,
        )

    def get(self, request):
        events.rights_requests_viewed(actor=request.user)
        form = RightsRequestForm(initial={"received_on": today_in(request.user.library_system)})
        return self._page(request, form)

    def post(self, request):
        form = RightsRequestForm(request.POST)
        if form.is_valid():
            person = None
            if form.cleaned_data["person"]:
                person = (
                    selectors.people_of_system(user=request.user)
                    .filter(pk=form.cleaned_data["person"])
                    .first()
                )
                if person is None:
                    form.add_error("person", _("No person of your library system has this record number."))
            if not form.errors:
                try:
                    services.rights_request_record(
                        actor=request.user,
                        person=person,
                        kind=form.cleaned_data["kind"],
                        received_on=form.cleaned_data["received_on"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("The request was recorded."))
                    return redirect("patrons:requests")
        return self._page(request, form, status=400)


class RightsRequestHandleView(ActionMixin, PatronView):
    permission = can_handle_rights_requests
    scoped_model = None

    def post(self, request, pk):
        rights_request = selectors.rights_request_get_for(user=request.user, pk=pk)
        form = RightsRequestHandleForm(request.POST)
        if form.is_valid():
            try:
                services.rights_request_handle(
                    actor=request.user, request=rights_request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The request is marked as handled."))
                return redirect("patrons:requests")
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("patrons:requests")
