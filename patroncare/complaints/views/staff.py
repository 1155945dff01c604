"""Staff pages: the list, recording a complaint, and the case file with its actions."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record
from patroncare.core.access import PermissionRequiredMixin
from patroncare.libraries.selectors import branches_visible_to

from .. import forms, permissions, selectors, services
from ..models import Attachment, Complaint, OutstandingAction
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
        }
        template = "complaints/_list_rows.html" if request.htmx else "complaints/list.html"
        return render(request, template, context)


class ComplaintExportView(ComplaintsView):
    permission = permissions.can_export

    def get(self, request):
        form = _filter_form(request)
        cases = selectors.complaint_list_visible_to(
            user=request.user, filters=form.filters() if form.is_bound else {}
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="complaints.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
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
        )
        now = timezone.now()
        count = 0
        # Patron identity and narratives are never exported: the file leaves the system's access control.
        for case in cases.iterator(chunk_size=500):
            count += 1
            writer.writerow(
                [
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
            )
        audit_record(
            action=AuditAction.EXPORT, actor=request.user, summary=f"Exported {count} complaints (CSV)"
        )
        return response


class ComplaintCreateView(ComplaintsView):
    permission = permissions.can_record_complaint
    template_name = "complaints/create.html"

    def _form(self, request, data=None):
        branches = _branches(request.user)
        form = forms.DeskComplaintForm(
            data, branches=branches, categories=selectors.categories_for(system=request.user.library_system)
        )
        if data is None and branches:
            form.initial["branch"] = branches.first()
        return form

    def get(self, request):
        return render(request, self.template_name, {"form": self._form(request), "nav_current": "complaints"})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            complaint, secret = services.complaint_record(actor=request.user, **form.cleaned_data)
            messages.success(
                request,
                _(
                    "Recorded as %(reference)s. Give the patron the reference %(reference)s "
                    "and the secret %(secret)s "
                    "to follow the case at /feedback/status/. The secret is shown only once."
                )
                % {"reference": complaint.reference, "secret": secret},
            )
            return redirect("complaints:detail", pk=complaint.pk)
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
        built = {
            "triage": forms.TriageForm(
                complaint=complaint,
                categories=selectors.categories_for(system=system),
                owners=owners,
                show_staff=permissions.can_see_staff_involved(user, complaint),
                initial={
                    "kind": complaint.kind,
                    "category": complaint.category_id,
                    "severity": complaint.severity,
                    "policy_tag": complaint.policy_tag,
                    "staff_involved": complaint.staff_involved,
                },
            ),
            "acknowledge": forms.AcknowledgeForm(complaint=complaint, initial={"message": acknowledgement}),
            "note": forms.NoteForm(),
            "message": forms.MessageForm(initial=message_initial),
            "extend": forms.ExtendForm(complaint=complaint),
            "respond": forms.RespondForm(complaint=complaint, initial={"review_info": review_info}),
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
        }
        if bound:
            built.update(bound)
        for key, form in built.items():
            form.auto_id = f"id_{key}_%s"  # many forms on one page: ids stay unique, labels stay tied
        return built

    def render_case(self, request, complaint, bound=None, status=200):
        user = request.user
        context = {
            "complaint": complaint,
            "now": timezone.now(),
            "nav_current": "complaints",
            "overdue": complaint.overdue_at(timezone.now()),
            "can_handle": permissions.can_handle(user, complaint),
            "can_see_patron": permissions.can_see_patron(user, complaint),
            "can_see_staff": permissions.can_see_staff_involved(user, complaint),
            "can_draft_statement": permissions.can_draft_statement(user, complaint),
            "open_form": next(iter(bound)) if bound else ("message" if request.GET.get("template") else ""),
            **selectors.complaint_file(complaint=complaint),
        }
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
        complaint = selectors.complaint_get_for(user=request.user, pk=pk)
        return self.render_case(request, complaint)


class CaseActionView(CaseFileView):
    """Base of the case actions: load within scope, check the handler, validate, call the service."""

    action = ""

    def post(self, request, pk):
        complaint = selectors.complaint_get_for(user=request.user, pk=pk, audit=False)
        if not permissions.can_handle(request.user, complaint):
            raise PermissionDenied
        form = self.bound_form(request, complaint)
        if form.is_valid():
            try:
                message = self.perform(request, complaint, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return redirect("complaints:detail", pk=complaint.pk)
        complaint.refresh_from_db()
        return self.render_case(request, complaint, {self.action: form}, status=400)

    def bound_form(self, request, complaint):
        user, system = request.user, complaint.system
        owners = selectors.owner_choices(system=system)
        data = request.POST
        factories = {
            "triage": lambda: forms.TriageForm(
                data,
                categories=selectors.categories_for(system=system),
                owners=owners,
                show_staff=permissions.can_see_staff_involved(user, complaint),
            ),
            "acknowledge": lambda: forms.AcknowledgeForm(data),
            "note": lambda: forms.NoteForm(data),
            "message": lambda: forms.MessageForm(data),
            "extend": lambda: forms.ExtendForm(data),
            "respond": lambda: forms.RespondForm(data),
            "close": lambda: forms.CloseForm(
                data, owners=owners, reviews=selectors.reviews_visible_to(user=user).filter(status="open")
            ),
            "reopen": lambda: forms.ReopenForm(data),
            "reassign": lambda: forms.ReassignForm(data, owners=owners),
            "link": lambda: forms.LinkForm(data),
            "statement": lambda: forms.StatementForm(data),
            "attach": lambda: forms.AttachmentForm(data, request.FILES),
        }
        form = factories[self.action]()
        form.auto_id = f"id_{self.action}_%s"
        return form

    def perform(self, request, complaint, form):
        raise NotImplementedError


class TriageView(CaseActionView):
    action = "triage"

    def perform(self, request, complaint, form):
        data = form.cleaned_data
        services.complaint_triage(
            actor=request.user,
            complaint=complaint,
            expected_version=data["version"],
            category=data["category"],
            severity=data["severity"],
            owner=data["owner"],
            kind=data["kind"],
            policy_tag=data["policy_tag"],
            staff_involved=data.get("staff_involved") if "staff_involved" in form.fields else None,
        )
        return _("The triage was saved.")


class AcknowledgeView(CaseActionView):
    action = "acknowledge"

    def perform(self, request, complaint, form):
        services.complaint_acknowledge(
            actor=request.user,
            complaint=complaint,
            expected_version=form.cleaned_data["version"],
            message=form.cleaned_data["message"],
        )
        return _("The patron was acknowledged.")


class NoteView(CaseActionView):
    action = "note"

    def perform(self, request, complaint, form):
        services.complaint_add_note(actor=request.user, complaint=complaint, body=form.cleaned_data["body"])
        return _("The note was added.")


class MessageView(CaseActionView):
    action = "message"

    def perform(self, request, complaint, form):
        services.complaint_send_message(actor=request.user, complaint=complaint, **form.cleaned_data)
        return _("The message was recorded.")


class ExtendView(CaseActionView):
    action = "extend"

    def perform(self, request, complaint, form):
        data = form.cleaned_data
        services.complaint_extend(
            actor=request.user,
            complaint=complaint,
            expected_version=data["version"],
            new_date=data["new_date"],
            reason=data["reason"],
        )
        return _("The deadline was extended and the patron told.")


class RespondView(CaseActionView):
    action = "respond"

    def perform(self, request, complaint, form):
        data = form.cleaned_data
        services.complaint_respond(
            actor=request.user,
            complaint=complaint,
            expected_version=data["version"],
            outcome=data["outcome"],
            reasons=data["reasons"],
            remedies=data["remedies"],
            remedy_detail=data["remedy_detail"],
            outstanding=data["outstanding_lines"],
            review_info=data["review_info"],
            channel=data["channel"],
        )
        return _("The response was sent.")


class CloseView(CaseActionView):
    action = "close"

    def perform(self, request, complaint, form):
        data = form.cleaned_data
        services.complaint_close(
            actor=request.user,
            complaint=complaint,
            expected_version=data["version"],
            judgement=data["judgement"],
            reason=data["reason"],
            outcome="first_contact" if data["resolved_at_first_contact"] else "",
            review=data.get("review"),
            new_review=form.new_review(),
        )
        return _("The case was closed.")


class ReopenView(CaseActionView):
    action = "reopen"

    def perform(self, request, complaint, form):
        services.complaint_reopen(
            actor=request.user,
            complaint=complaint,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
        return _("The case was reopened.")


class ReassignView(CaseActionView):
    action = "reassign"

    def perform(self, request, complaint, form):
        services.complaint_reassign(
            actor=request.user,
            complaint=complaint,
            expected_version=form.cleaned_data["version"],
            owner=form.cleaned_data["owner"],
        )
        return _("The case was reassigned.")


class LinkView(CaseActionView):
    action = "link"

    def perform(self, request, complaint, form):
        reference = form.cleaned_data["reference"].strip().upper()
        other = selectors.visible_complaints(user=request.user).filter(reference=reference).first()
        if other is None:
            raise ValidationError(_("No case with that reference is visible to you."))
        services.complaint_link(actor=request.user, complaint=complaint, other=other)
        return _("The cases were linked.")


class StatementDraftView(CaseActionView):
    action = "statement"

    def perform(self, request, complaint, form):
        if not permissions.can_draft_statement(request.user, complaint):
            raise PermissionDenied
        services.statement_draft(actor=request.user, complaint=complaint, **form.cleaned_data)
        return _("The statement was drafted. The director approves it next.")


class ActionDoneView(ComplaintsView):
    scoped_model = None

    def post(self, request, pk):
        action = OutstandingAction.objects.select_related("complaint").filter(pk=pk).first()
        if action is None:
            raise Http404
        complaint = selectors.complaint_get_for(user=request.user, pk=action.complaint_id, audit=False)
        if not permissions.can_handle(request.user, complaint):
            raise PermissionDenied
        try:
            services.action_complete(actor=request.user, action=action)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The action is marked done."))
        return redirect("complaints:detail", pk=complaint.pk)


class AttachView(CaseActionView):
    action = "attach"

    def perform(self, request, complaint, form):
        services.attachment_add(
            actor=request.user,
            complaint=complaint,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        )
        return _("The file was attached.")


class AttachmentDownloadView(ComplaintsView):
    """Serve an attachment to those handling its case; every download is audited."""

    scoped_model = None

    def get(self, request, pk):
        attachment = Attachment.objects.filter(pk=pk).first()
        if attachment is None:
            raise Http404
        complaint = selectors.complaint_get_for(user=request.user, pk=attachment.complaint_id, audit=False)
        if not permissions.can_handle(request.user, complaint):
            raise PermissionDenied
        audit_record(
            action=AuditAction.VIEW,
            actor=request.user,
            obj=complaint,
            summary=f"Opened attachment {attachment.original_name} of {complaint.reference}",
        )
        response = FileResponse(
            attachment.file.open("rb"),
            content_type=attachment.content_type,
            as_attachment=True,
            filename=attachment.original_name,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
