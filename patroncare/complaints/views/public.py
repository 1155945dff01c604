"""Pages for patrons, without an account: the feedback form, the status page, the follow-up, the notices."""

import re

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django_ratelimit.decorators import ratelimit

from patroncare.complaints import events
from patroncare.core.access import ActionMixin
from patroncare.core.proof import new_challenge, solution_is_accepted
from patroncare.libraries.models import Branch, LibrarySystem

from .. import forms, selectors, services
from ..models import Complaint

STATUS_SESSION_KEY = "complaints_status_case"
# A library PC is shared: the open case is forgotten after a few idle minutes, or at once on "I'm done".
STATUS_IDLE_SECONDS = 15 * 60
SLUG_PATTERN = re.compile(r"[-a-zA-Z0-9_]{1,50}")
DONE_SESSION_KEY = "complaints_submitted"


def feedback_rate() -> str:
    return getattr(settings, "COMPLAINTS_FEEDBACK_RATE", "10/h")


def status_rate() -> str:
    return getattr(settings, "COMPLAINTS_STATUS_RATE", "20/h")


def public_system(request) -> LibrarySystem:
    """The library system the public pages serve: ?library=<slug>, else the only (or first) one."""
    slug = request.GET.get("library") or request.POST.get("library") or ""
    systems = LibrarySystem.objects.order_by("id")
    # Only a well-formed slug reaches the database: PostgreSQL refuses a NUL byte in a query.
    if not SLUG_PATTERN.fullmatch(slug):
        slug = ""
    return (systems.filter(slug=slug).first() if slug else None) or systems.first()


@method_decorator(
    ratelimit(key="ip", rate=lambda group, request: feedback_rate(), method="POST", block=False), name="post"
)
class FeedbackView(View):
    template_name = "complaints/public/feedback.html"

    def _form(self, request, system, data=None):
        return forms.PublicFeedbackForm(data, branches=Branch.objects.filter(system=system, is_active=True))

    def get(self, request):
        system = public_system(request)
        return render(request, self.template_name, {"form": self._form(request, system), "system": system})

    def post(self, request):
        system = public_system(request)
        form = self._form(request, system, request.POST)
        if getattr(request, "limited", False) and not solution_is_accepted(request.POST.get("proof", "")):
            # Many messages from one address (a library's own Wi-Fi, a shared proxy): not a refusal, a
            # short computation the patron's device does before the message goes.
            form.is_valid()
            form.add_error(
                None,
                _(
                    "We have received many messages from this connection. Your device will now do a "
                    "short check; then press “Send” again. If it does not work, call your library."
                ),
            )
            context = {"form": form, "system": system, "proof_challenge": new_challenge()}
            return render(request, self.template_name, context, status=429)
        if form.is_bot():
            # Answer like a success without saving anything: a bot learns nothing.
            return redirect("complaints_public:thanks")
        if not form.is_valid():
            form.restamp()
            return render(request, self.template_name, {"form": form, "system": system}, status=400)
        data = form.cleaned_data
        complaint, secret, created = services.complaint_submit_public(
            system=system,
            branch=data["branch"],
            kind=data["kind"],
            narrative=data["narrative"],
            desired_outcome=data["desired_outcome"],
            patron_name=data["patron_name"],
            patron_email=data["patron_email"],
            patron_phone=data["patron_phone"],
            patron_language=translation.get_language()[:2],
            submission_token=data["token"],
        )
        done = request.session.get(DONE_SESSION_KEY, {})
        if created:
            grouped = services.group_secret(secret)
            done[str(data["token"])] = {"reference": complaint.reference, "secret": grouped}
            request.session[DONE_SESSION_KEY] = done
        request.session["complaints_last_token"] = str(data["token"])
        request.session["complaints_last_reference"] = complaint.reference
        return redirect("complaints_public:thanks")


def render_for_patron(request, complaint, template_name, context, status=200):
    """Pages about a patron's case open in the language recorded on it, not the browser's: someone who wrote
    to us in Spanish from a library computer set to English reads their case in Spanish. A language the
    patron picks with the switch (its cookie) still wins."""
    language = (complaint.patron_language or "")[:2] if complaint is not None else ""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or language not in dict(settings.LANGUAGES):
        return render(request, template_name, context, status=status)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = render(request, template_name, context, status=status)
    response["Content-Language"] = language
    return response


class ThanksView(View):
    """Shown once: the codes leave the session as soon as the page is rendered, so the next person at a
    shared library computer who opens this address sees nothing."""

    def get(self, request):
        token = request.session.pop("complaints_last_token", "")
        receipt = request.session.pop(DONE_SESSION_KEY, {}).get(token)
        reference = request.session.pop("complaints_last_reference", "")
        return render(request, "complaints/public/thanks.html", {"receipt": receipt, "reference": reference})


@method_decorator(
    ratelimit(key="ip", rate=lambda group, request: status_rate(), method="POST", block=False), name="post"
)
class StatusView(View):
    template_name = "complaints/public/status.html"

    def _case_in_session(self, request) -> Complaint | None:
        held = request.session.get(STATUS_SESSION_KEY)
        if not isinstance(held, dict):
            request.session.pop(STATUS_SESSION_KEY, None)
            return None
        now = timezone.now()
        complaint = Complaint.objects.select_related("system", "branch").filter(pk=held.get("pk")).first()
        if (
            complaint is None
            or now.timestamp() - held.get("seen", 0) > STATUS_IDLE_SECONDS
            or complaint.secret_expires_at is None
            or complaint.secret_expires_at < now
        ):
            request.session.pop(STATUS_SESSION_KEY, None)
            return None
        request.session[STATUS_SESSION_KEY] = {"pk": complaint.pk, "seen": now.timestamp()}
        # The patron's codes still open a case merged into another: they are shown the one that carries on.
        self.opened = complaint
        return selectors.merge_target(complaint)

    def render_status(self, request, complaint, review_form=None, reply_form=None, status=200):
        events.status_page_viewed(complaint=complaint)
        opened = getattr(self, "opened", complaint)
        context = {
            "complaint": complaint,
            "entries": selectors.patron_entries(complaint=complaint, opened=opened),
            "merged_from": opened if opened.pk != complaint.pk else None,
            "responses": complaint.responses.all(),
            "actions": selectors.patron_actions(complaint=complaint),
            "review_form": review_form or forms.ReviewRequestForm(),
            "reply_form": reply_form or forms.PatronReplyForm(),
            "can_ask_review": services.review_available(complaint),
        }
        return render_for_patron(request, complaint, "complaints/public/status_case.html", context, status)

    def get(self, request):
        complaint = self._case_in_session(request)
        if complaint is not None and "lookup" not in request.GET:
            return self.render_status(request, complaint)
        return render(request, self.template_name, {"form": forms.StatusLookupForm()})

    def post(self, request):
        form = forms.StatusLookupForm(request.POST)
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(
                None, _("Too many attempts from this connection. Please wait an hour and try again.")
            )
            return render(request, self.template_name, {"form": form}, status=429)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        complaint = selectors.complaint_for_patron(reference=form.cleaned_data["reference"])
        if complaint is None or not services.secret_matches(
            complaint=complaint, secret=form.cleaned_data["secret"]
        ):
            form.add_error(
                None,
                _("We could not find a case with that reference and secret. Check both and try again."),
            )
            return render(request, self.template_name, {"form": form}, status=400)
        if complaint.secret_expires_at and complaint.secret_expires_at < timezone.now():
            form.add_error(
                None,
                _(
                    "This secret has expired, so the status page is closed for this case. Please "
                    "call or write to your library and give the reference %(reference)s."
                )
                % {"reference": complaint.reference},
            )
            return render(request, self.template_name, {"form": form}, status=400)
        request.session.cycle_key()
        request.session[STATUS_SESSION_KEY] = {"pk": complaint.pk, "seen": timezone.now().timestamp()}
        return redirect("complaints_public:status")


class ReviewRequestView(ActionMixin, StatusView):
    def post(self, request):
        complaint = self._case_in_session(request)
        if complaint is None:
            return redirect("complaints_public:status")
        form = forms.ReviewRequestForm(request.POST)
        if form.is_valid():
            try:
                services.complaint_request_review(complaint=complaint, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your request for a review has been received. We will reply by the date shown "
                        "below; a confirmation is on its way if you gave us an e-mail address."
                    ),
                )
                return redirect("complaints_public:status")
        return self.render_status(request, complaint, review_form=form, status=400)


@method_decorator(
    ratelimit(key="ip", rate=lambda group, request: status_rate(), method="POST", block=False), name="post"
)
class PatronReplyView(ActionMixin, StatusView):
    """The patron adds information or answers our message, from the status page they opened."""

    def post(self, request):
        complaint = self._case_in_session(request)
        if complaint is None:
            return redirect("complaints_public:status")
        form = forms.PatronReplyForm(request.POST)
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(
                None, _("Too many messages from this connection. Please wait an hour and try again.")
            )
            return self.render_status(request, complaint, reply_form=form, status=429)
        if form.is_valid():
            try:
                services.complaint_patron_reply(complaint=complaint, body=form.cleaned_data["body"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. Your message has been added to your case."))
                return redirect("complaints_public:status")
        return self.render_status(request, complaint, reply_form=form, status=400)


class StatusDoneView(ActionMixin, View):
    """ "I'm done": the case and everything of this visit leave the session, so the next person at a shared
    computer sees nothing."""

    def post(self, request):
        request.session.flush()
        messages.info(request, _("You have closed your case on this computer."))
        return redirect("complaints_public:status")


class FollowUpView(View):
    """The satisfaction question. Opening the link records nothing (mail scanners open links); the answer
    counts only when the patron submits the form."""

    template_name = "complaints/public/follow_up.html"

    def _complaint(self, token):
        try:
            data = signing.loads(token, salt="complaints.follow-up", max_age=60 * 60 * 24 * 60)
        except signing.BadSignature:
            return None
        return Complaint.objects.filter(pk=data.get("c"), reference=data.get("r")).first()

    def _answered(self, request, complaint, *, status=200):
        """The answer already given: shown, with nothing left to change."""
        context = {"complaint": complaint, "answered": True}
        return render_for_patron(request, complaint, self.template_name, context, status)

    def get(self, request, token):
        complaint = self._complaint(token)
        if complaint is not None and complaint.satisfaction:
            return self._answered(request, complaint)
        return render_for_patron(
            request,
            complaint,
            self.template_name,
            {"complaint": complaint, "form": forms.SatisfactionForm()},
            200 if complaint else 404,
        )

    def post(self, request, token):
        complaint = self._complaint(token)
        if complaint is None:
            return render(request, self.template_name, {"complaint": None}, status=404)
        if complaint.satisfaction:
            # Answered once: a second answer (or a resent form) changes nothing.
            return self._answered(request, complaint, status=409)
        form = forms.SatisfactionForm(request.POST)
        if form.is_valid():
            try:
                services.complaint_record_satisfaction(
                    complaint=complaint,
                    answer=form.cleaned_data["answer"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                complaint.refresh_from_db()
                if complaint.satisfaction:
                    return self._answered(request, complaint, status=409)
                form.add_error(None, error)
            else:
                context = {"complaint": complaint, "thanked": True}
                return render_for_patron(request, complaint, self.template_name, context)
        context = {"complaint": complaint, "form": form}
        return render_for_patron(request, complaint, self.template_name, context, 400)


class NoticesView(View):
    def get(self, request):
        system = public_system(request)
        notices = selectors.published_notices(system=system, language=get_language())
        return render(request, "complaints/public/notices.html", {"notices": notices, "system": system})
