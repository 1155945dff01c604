from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.files import serve_upload

from . import events, selectors, services
from .models import InboundMail
from .permissions import can_decide_mail, can_review_mail
from .registry import source_for


class ReviewQueueView(PermissionRequiredMixin, View):
    permission = can_review_mail

    def get(self, request):
        rows = list(selectors.review_queue_for(user=request.user)[:200])
        return render(request, "mailbox/queue.html", {"rows": rows, "nav_current": "mailbox"})


class InboundDetailView(PermissionRequiredMixin, View):
    scoped_model = InboundMail

    def get(self, request, pk, status=200):
        mail = selectors.inbound_get_for(user=request.user, pk=pk)
        events.mail_read(actor=request.user, mail=mail)
        source = source_for(mail.source) if mail.source else None
        context = {
            "mail": mail,
            "attachments": list(mail.attachments.all()),
            "reference": source.reference(mail.record_id) if source and mail.record_id else "",
            "record_url": source.url(mail.record_id)
            if source and mail.record_id and source.may_read(request.user, mail.record_id)
            else "",
            "can_decide": can_decide_mail(request.user, mail),
            "nav_current": "mailbox",
        }
        return render(request, "mailbox/detail.html", context, status=status)


class InboundAttachmentView(PermissionRequiredMixin, View):
    scoped_model = InboundMail

    def get(self, request, pk, attachment_pk):
        mail = selectors.inbound_get_for(user=request.user, pk=pk)
        attachment = mail.attachments.filter(pk=attachment_pk).first()
        if attachment is None:
            raise Http404
        events.mail_read(actor=request.user, mail=mail)
        return serve_upload(
            request,
            attachment.file,
            download_name=attachment.original_name,
            content_type=attachment.content_type,
        )


class _DecideView(ActionMixin, PermissionRequiredMixin, View):
    scoped_model = InboundMail
    permission = can_review_mail
    service = None
    done = ""

    def post(self, request, pk):
        mail = selectors.inbound_get_for(user=request.user, pk=pk)
        try:
            type(self).service(actor=request.user, mail=mail)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return InboundDetailView().get(request, pk, status=400)
        messages.success(request, str(self.done))
        return redirect("mailbox:queue")


class ReleaseView(_DecideView):
    service = services.inbound_release
    done = _("The e-mail was added to its case.")


class StartCaseView(_DecideView):
    service = services.inbound_start_case
    done = _("A new case was started from the e-mail.")


class DiscardView(_DecideView):
    service = services.inbound_discard
    done = _("The e-mail was discarded. It goes into no case.")
