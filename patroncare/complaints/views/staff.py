"""Staff pages: the list, recording a complaint, and the case file with its actions."""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from patroncare.complaints import events
from patroncare.core.access import PermissionRequiredMixin
from patroncare.core.export import csv_response, xlsx_response
from patroncare.core.forms import add_service_errors
from patroncare.libraries.selectors import branches_visible_to
from patroncare.policies.selectors import policy_choices

from .. import forms, permissions, presenters, selectors, services
from ..models import Complaint
from ..permissions import CASE_ROLES

PAGE_SIZE = 25


class ComplaintsView(PermissionRequiredMixin, View):
    permission = permissions.can_use_complaints
    scoped_model = Complaint


def _branches(user):
    return branches_visible_to(user=user, roles=CASE_ROLES)


def _filter_form(request):
    return forms.ComplaintFilterForm(
        request.GET or None,
        branches=_branches(request.user),
        categories=selectors.categories_for(system=request.user.library_system),
        owners=selectors.owner_choices(system=request.user.library_system),
    )


class ComplaintListView(ComplaintsView):
    def get(self, request):
        form = _filter_form(request)
        cases = selectors.complaint_list_visible_to(
            user=request.user, filters=form.filters() if form.is_bound else {}
        )
        page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "now": timezone.now(),
            "query": query.urlencode(),
            "can_export": permissions.can_export(request.user),
            "nav_current": "complaints",
            "saved_views": forms.SAVED_VIEWS,
            "current_view": request.GET.get("view", ""),
        }
        template = "complaints/_list_rows.html" if request.htmx else "complaints/list.html"
        return render(request, template, context)


EXPORT_HEADER = [
    "reference",
    "received",
    "branch",
    "kind",
    "category",
    "severity",
    "status",
    "stage",
    "owner",
    "acknowledge_by",
    "respond_by",
    "overdue",
    "outcome",
    "judgement",
]


class ComplaintExportView(ComplaintsView):
    permission = permissions.can_export

    def get(self, request):
        form = _filter_form(request)
        cases = selectors.complaint_list_visible_to(
            user=request.user, filters=form.filters() if form.is_bound else {}
        )
        now = timezone.now()

        # Patron identity and narratives are never exported: the file leaves the system's access control.
        def rows():
            for case in cases.iterator(chunk_size=500):
                yield [
                    case.reference,
                    case.received_at.isoformat(),
                    case.branch.name if case.branch else "",
                    case.kind,
                    case.category.name if case.category else "",
                    case.severity,
                    case.status,
                    case.stage,
                    case.owner.full_name if case.owner else "",
                    case.acknowledge_due_at.isoformat() if case.acknowledge_due_at else "",
                    case.respond_due_at.isoformat() if case.respond_due_at else "",
                    "yes" if case.overdue_at(now) else "no",
                    case.outcome,
                    case.judgement,
                ]

        if request.GET.get("format") == "xlsx":
            response, count = xlsx_response("complaints.xlsx", EXPORT_HEADER, rows())
        else:
            response, count = csv_response("complaints.csv", EXPORT_HEADER, rows())
        events.complaints_exported(actor=request.user, count=count)
        return response


class ComplaintCreateView(ComplaintsView):
    permission = permissions.can_record_complaint
    template_name = "complaints/create.html"

    def _form(self, request, data=None):
        branches = _branches(request.user)
        system = request.user.library_system
        form = forms.DeskComplaintForm(
            data,
            branches=branches,
            categories=selectors.categories_for(system=system),
            staff=selectors.staff_choices(system=system),
            zone=system.zone,
        )
        if data is None and branches:
            form.initial["branch"] = branches.first()
        return form

    def get(self, request):
        return render(request, self.template_name, {"form": self._form(request), "nav_current": "complaints"})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            try:
                complaint, secret = services.complaint_record(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                from .receipt import keep_secret  # the receipt's views build on this module

                keep_secret(request, complaint, secret)
                message = _("Recorded as %(reference)s.") % {"reference": complaint.reference}
                if form.cleaned_data["resolved_now"]:
                    message = " ".join([message, _("It was closed as resolved at first contact.")])
                messages.success(request, message)
                return redirect("complaints:receipt", pk=complaint.pk)
        return render(request, self.template_name, {"form": form, "nav_current": "complaints"}, status=400)


class CaseFileView(ComplaintsView):
    """The case file. GET shows it; each action below posts to its own address and re-renders it on error."""

    template_name = "complaints/detail.html"

    def case_forms(self, request, complaint, bound=None):
        user, system = request.user, complaint.system
        owners = selectors.owner_choices(system=system)
        # Text proposed for the patron is written in the patron's language, whatever the staff member reads.
        with translation.override(complaint.patron_language):
            acknowledgement = _(
                "Thank you for telling us about this. We are looking into it and will reply by "
                "the date shown on your status page."
            )
            review_info = str(forms.DEFAULT_REVIEW_INFO)
        templates = self.reply_templates(complaint)
        blast = next(
            (
                t
                for t in templates
                if t.key == "blast-acknowledgement" and t.language == complaint.patron_language
            ),
            None,
        )
        if blast is not None:
            acknowledgement = services.fill_template(template=blast, complaint=complaint, actor=user)
        chosen = next((t for t in templates if str(t.pk) == request.GET.get("template")), None)
        message_initial = (
            {"body": services.fill_template(template=chosen, complaint=complaint, actor=user)}
            if chosen
            else {}
        )
        action_owners = selectors.action_owner_choices(complaint=complaint)
        built = {
            "triage": forms.TriageForm(
                complaint=complaint,
                categories=selectors.categories_for(system=system),
                owners=owners,
                policies=policy_choices(user=user),
                show_staff=permissions.can_see_staff_involved(user, complaint),
                staff=selectors.staff_choices(system=system),
                initial={
                    "kind": complaint.kind,
                    "category": complaint.category_id,
                    "severity": complaint.severity,
                    "policy_tag": complaint.policy_tag,
                    "policy": complaint.policy_id,
                    "staff_involved": complaint.staff_involved,
                    "staff_named": list(complaint.named_staff_ids),
                },
            ),
            "acknowledge": forms.AcknowledgeForm(
                complaint=complaint,
                initial={
                    "message": acknowledgement,
                    "channel": "email" if complaint.patron_email else "phone",
                },
            ),
            "add_action": forms.ActionForm(owners=action_owners, zone=system.zone),
            "satisfaction": forms.SatisfactionRecordForm(),
            "note": forms.NoteForm(),
            "message": forms.MessageForm(initial=message_initial),
            "extend": forms.ExtendForm(complaint=complaint),
            "respond": forms.RespondForm(
                complaint=complaint,
                owners=action_owners,
                zone=system.zone,
                initial={"review_info": review_info},
            ),
            "close": forms.CloseForm(
                complaint=complaint,
                owners=owners,
                reviews=selectors.reviews_visible_to(user=user).filter(status="open"),
            ),
            "reopen": forms.ReopenForm(complaint=complaint),
            "reassign": forms.ReassignForm(complaint=complaint, owners=owners),
            "link": forms.LinkForm(),
            "statement": forms.StatementForm(),
            "attach": forms.AttachmentForm(),
            "praise": forms.PraiseForm(staff=selectors.staff_choices(system=system)),
            "merge": forms.MergeForm(),
        }
        if bound:
            built.update(bound)
        for key, form in built.items():
            form.auto_id = f"id_{key}_%s"  # many forms on one page: ids stay unique, labels stay tied
        return built

    def render_case(self, request, complaint, bound=None, status=200):
        user = request.user
        case_file = selectors.complaint_file(complaint=complaint, user=user)
        step = presenters.next_step(complaint, user, entries=case_file["entries"])
        # The next step's button opens its form (?open=<form>), which works without JavaScript.
        requested = request.GET.get("open", "")
        if bound:
            open_form = next(iter(bound))
        elif request.GET.get("template"):
            open_form = "message"
        else:
            open_form = requested if requested == step.action else ""
        can = presenters.CaseActions.for_user(user, complaint, has_statement=bool(case_file["statement"]))
        if bound and hasattr(can, open_form):
            # A refused action shows its form again, with the reason, even where it is not offered.
            can = replace(can, **{open_form: True})
        context = {
            "complaint": complaint,
            "now": timezone.now(),
            "nav_current": "complaints",
            "overdue": complaint.overdue_at(timezone.now()),
            "can_handle": permissions.can_handle(user, complaint),
            "can_see_patron": permissions.can_see_patron(user, complaint),
            "can_see_staff": permissions.can_see_staff_involved(user, complaint),
            "can_draft_statement": permissions.can_draft_statement(user, complaint),
            "can_pass_on_praise": permissions.can_pass_on_praise(user, complaint),
            "can_record_satisfaction": permissions.may_record_satisfaction_now(
                user, complaint, retrying="satisfaction" in (bound or {})
            ),
            "praise_passed_to": list(complaint.praise_passed_to.order_by("full_name")),
            "open_form": open_form,
            "headline": presenters.case_headline(complaint),
            "next_step": step,
            "can": can,
            **case_file,
        }
        # A refused attempt shows its form and message even where the form is not offered.
        context["can_add_action"] = context["can_handle"] and (
            bool(context["responses"]) or "add_action" in (bound or {})
        )
        context["completable_action_ids"] = selectors.mark_actions(
            complaint=complaint, user=user, actions=context["actions"]
        )
        if context["can_handle"]:
            context["forms"] = self.case_forms(request, complaint, bound)
            context["reply_templates"] = self.reply_templates(complaint)
        return render(request, self.template_name, context, status=status)

    def reply_templates(self, complaint) -> list:
        """Active templates, the patron's language first; read once per request."""
        if not hasattr(self, "_templates"):
            templates = selectors.reply_templates_for(system=complaint.system)
            self._templates = sorted(
                templates, key=lambda t: (t.language != complaint.patron_language, t.name)
            )
        return self._templates

    def get(self, request, pk):
        receipt = selectors.restricted_receipt_for(user=request.user, pk=pk)
        if receipt is not None and not permissions.can_read_restricted(request.user, receipt):
            # The recorder of a complaint about staff keeps its receipt and nothing more.
            context = {"complaint": receipt, "nav_current": "complaints"}
            return render(request, "complaints/restricted_receipt.html", context)
        complaint = selectors.complaint_get_for(user=request.user, pk=pk)
        with_patron = permissions.can_see_patron(request.user, complaint)
        events.complaint_viewed(actor=request.user, complaint=complaint, with_patron=with_patron)
        return self.render_case(request, complaint)
