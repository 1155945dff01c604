"""The actions on a case file: each posts to its own address, calls one service, and re-renders the case
file with the form and status 400 when something is wrong."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from patroncare.complaints import events
from patroncare.core.access import ActionMixin
from patroncare.core.concurrency import StaleEditError
from patroncare.core.files import serve_upload
from patroncare.policies.selectors import policy_choices

from .. import forms, permissions, selectors, services
from .staff import CaseFileView, ComplaintsView


class CaseActionView(ActionMixin, CaseFileView):
    """Base of the case actions: load within scope, check the handler, validate, call the service."""

    action = ""

    def post(self, request, pk):
        complaint = selectors.complaint_get_for(user=request.user, pk=pk)
        if not permissions.can_handle(request.user, complaint):
            raise PermissionDenied
        form = self.bound_form(request, complaint)
        if form.is_valid():
            try:
                self._refuse_if_stale(complaint, form)
                message = self.perform(request, complaint, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return redirect("complaints:detail", pk=complaint.pk)
        complaint.refresh_from_db()
        return self.render_case(request, complaint, {self.action: form}, status=400)

    def _refuse_if_stale(self, complaint, form):
        """A case opened before a colleague acted on it: refused first, whatever the action, naming who
        acted (the action's own checks would otherwise refuse it without saying why)."""
        expected = form.cleaned_data.get("version")
        if expected is not None and expected != complaint.version:
            raise StaleEditError(saved_by=selectors.complaint_last_changed_by(complaint))

    def bound_form(self, request, complaint):
        user, system = request.user, complaint.system
        owners = selectors.owner_choices(system=system)
        data = request.POST
        factories = {
            "triage": lambda: forms.TriageForm(
                data,
                categories=selectors.categories_for(system=system),
                owners=owners,
                policies=policy_choices(user=user),
                show_staff=permissions.can_see_staff_involved(user, complaint),
                staff=selectors.staff_choices(system=system),
            ),
            "acknowledge": lambda: forms.AcknowledgeForm(data),
            "add_action": lambda: forms.ActionForm(
                data, owners=selectors.action_owner_choices(complaint=complaint), zone=system.zone
            ),
            "satisfaction": lambda: forms.SatisfactionRecordForm(data),
            "note": lambda: forms.NoteForm(data),
            "message": lambda: forms.MessageForm(data),
            "extend": lambda: forms.ExtendForm(data),
            "respond": lambda: forms.RespondForm(
                data, owners=selectors.action_owner_choices(complaint=complaint), zone=system.zone
            ),
            "close": lambda: forms.CloseForm(
                data, owners=owners, reviews=selectors.reviews_visible_to(user=user).filter(status="open")
            ),
            "reopen": lambda: forms.ReopenForm(data),
            "reassign": lambda: forms.ReassignForm(data, owners=owners),
            "link": lambda: forms.LinkForm(data),
            "statement": lambda: forms.StatementForm(data),
            "attach": lambda: forms.AttachmentForm(data, request.FILES),
            "praise": lambda: forms.PraiseForm(data, staff=selectors.staff_choices(system=system)),
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
            policy=data["policy"],
            staff_involved=data.get("staff_involved") if "staff_involved" in form.fields else None,
            staff_named=data.get("staff_named") if "staff_named" in form.fields else None,
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
            channel=form.cleaned_data["channel"],
        )
        return _("The patron was acknowledged.")


class ActionAddView(CaseActionView):
    action = "add_action"

    def perform(self, request, complaint, form):
        services.action_add(actor=request.user, complaint=complaint, **form.cleaned_data)
        return _("The action was added.")


class SatisfactionRecordView(CaseActionView):
    action = "satisfaction"

    def perform(self, request, complaint, form):
        services.complaint_record_satisfaction(actor=request.user, complaint=complaint, **form.cleaned_data)
        return _("The patron's answer was recorded.")


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
            outstanding=data["outstanding_actions"],
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


class PraisePassOnView(CaseActionView):
    action = "praise"

    def perform(self, request, complaint, form):
        services.praise_pass_on(actor=request.user, complaint=complaint, staff=form.cleaned_data["staff"])
        return _("The praise was passed on.")


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
        action = selectors.outstanding_action_get_for(user=request.user, pk=pk)
        complaint = action.complaint
        if not permissions.can_complete_action(request.user, action):
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
        attachment = selectors.attachment_get_for(user=request.user, pk=pk)
        complaint = attachment.complaint
        if not permissions.can_handle(request.user, complaint):
            raise PermissionDenied
        events.attachment_opened(actor=request.user, complaint=complaint, attachment=attachment)
        return serve_upload(
            request,
            attachment.file,
            download_name=attachment.original_name,
            content_type=attachment.content_type,
        )
