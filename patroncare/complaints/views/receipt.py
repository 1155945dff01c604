"""The desk receipt: what the patron takes away after staff record their complaint.

The status secret is stored only as a hash, so its plain text exists only in the recorder's session, for a
few minutes after recording and until they press "Done"; the page is never cached.
"""

import time

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from patroncare.core.access import ActionMixin
from patroncare.core.mail import base_url

from .. import forms, permissions, selectors, services
from .staff import ComplaintsView

RECEIPTS_SESSION_KEY = "complaints_desk_receipts"
RECEIPT_SECONDS = 15 * 60


def keep_secret(request, complaint, secret: str) -> None:
    """Hold the plain secret for this case in the recorder's session for RECEIPT_SECONDS."""
    now = time.time()
    held = {
        key: value
        for key, value in request.session.get(RECEIPTS_SESSION_KEY, {}).items()
        if isinstance(value, dict) and value.get("until", 0) > now
    }
    held[str(complaint.pk)] = {"secret": secret, "until": now + RECEIPT_SECONDS}
    request.session[RECEIPTS_SESSION_KEY] = held


def held_secret(request, complaint) -> str:
    """The plain secret while it may still be shown; once its time is up it leaves the session."""
    entry = request.session.get(RECEIPTS_SESSION_KEY, {}).get(str(complaint.pk))
    if isinstance(entry, dict) and entry.get("until", 0) > time.time():
        return entry.get("secret", "")
    forget_secret(request, complaint)
    return ""


def forget_secret(request, complaint) -> None:
    held = request.session.get(RECEIPTS_SESSION_KEY, {})
    if held.pop(str(complaint.pk), None) is not None:
        request.session[RECEIPTS_SESSION_KEY] = held


def status_address(request) -> str:
    path = reverse("complaints_public:status")
    return base_url() + path if base_url() else request.build_absolute_uri(path)


def qr_svg(address: str, label: str) -> str:
    """The address as an inline SVG QR code (no outside service), named for screen readers."""
    svg = segno.make(address, error="m").svg_inline(
        scale=4, light="#fff", title=label, svgclass="receipt__qr", lineclass=None, omitsize=True
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own markup


def receipt_case(request, pk):
    """The recorder's own case, or one the user handles; anything else is a 404."""
    complaint = selectors.desk_receipt_for(user=request.user, pk=pk)
    if complaint is None:
        raise Http404
    return complaint


@method_decorator(never_cache, name="dispatch")
class ReceiptView(ComplaintsView):
    def get(self, request, pk, form=None, status=200):
        complaint = receipt_case(request, pk)
        secret = held_secret(request, complaint)
        address = status_address(request)
        context = {
            "complaint": complaint,
            "secret": services.group_secret(secret) if secret else "",
            "status_url": address,
            "qr": qr_svg(address, _("QR code of the status page address: %(url)s") % {"url": address}),
            "may_read": not complaint.restricted or permissions.can_read_restricted(request.user, complaint),
            "has_email": bool(complaint.patron_email),
            "form": form or forms.ReceiptMailForm(),
            "nav_current": "complaints",
        }
        return render(request, "complaints/receipt.html", context, status=status)


@method_decorator(never_cache, name="dispatch")
class ReceiptMailView(ActionMixin, ReceiptView):
    def post(self, request, pk):
        complaint = receipt_case(request, pk)
        form = forms.ReceiptMailForm(request.POST)
        if form.is_valid():
            try:
                address = services.receipt_mail_to_patron(
                    actor=request.user,
                    complaint=complaint,
                    secret=held_secret(request, complaint),
                    status_url=status_address(request),
                    email=form.cleaned_data["email"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Sent to %(address)s.") % {"address": address})
                return redirect("complaints:receipt", pk=complaint.pk)
        return self.get(request, pk, form=form, status=400)


class ReceiptDoneView(ActionMixin, ComplaintsView):
    def post(self, request, pk):
        complaint = receipt_case(request, pk)
        forget_secret(request, complaint)
        may_read = not complaint.restricted or permissions.can_read_restricted(request.user, complaint)
        if may_read and selectors.visible_complaints(user=request.user).filter(pk=complaint.pk).exists():
            return redirect("complaints:detail", pk=complaint.pk)
        return redirect("complaints:list")
