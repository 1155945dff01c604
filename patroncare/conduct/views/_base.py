"""What every page about rules and exclusions shares."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from patroncare.conduct import events
from patroncare.core.access import PermissionRequiredMixin
from patroncare.core.files import serve_upload
from patroncare.incidents.views import SystemTimeMixin
from patroncare.libraries.calendar import today_in
from patroncare.rulebook.models import Outcome

from ..forms import (
    LiftRequestForm,
)
from ..permissions import (
    can_handle_exclusions,
    can_record_lift_request,
    may_decide_lift_request,
)
from ..selectors import issued_letter
from ..services.letters import letter_issued
from ..services.lifting import can_be_asked_to_lift, earliest_request_date
from ..state import decision_deadline


class ConductView(SystemTimeMixin, PermissionRequiredMixin, View):
    permission = can_handle_exclusions


# Rules of conduct


def letter_response(request, *, record, exclusion, kind: str, name: str, **subject) -> HttpResponse:
    """The letter as it was issued, in the language asked for (English or Spanish, else the record's own).

    Issuing is an act, so it is a POST: it makes and stores the letter, and every later print (a GET) is that
    same stored file. A GET before it was issued shows what issuing means and the button to do it.
    """
    language = request.GET.get("lang")
    if language not in ("en", "es"):
        language = record.letter_language
    letter = issued_letter(exclusion=exclusion, kind=kind, language=language, **subject)
    if request.method == "POST":
        if letter is None:
            letter_issued(actor=request.user, exclusion=exclusion, kind=kind, language=language, **subject)
        return redirect(f"{request.path}?lang={language}")
    if letter is None:
        context = {"exclusion": exclusion, "kind": kind, "language": language, "action": request.path}
        return render(request, "conduct/letter_issue.html", context)
    return stored_letter_response(request, letter=letter, record=record, name=name)


def stored_letter_response(request, *, letter, record, name: str) -> HttpResponse:
    events.letter_printed(actor=request.user, record=record, letter=letter)
    return serve_upload(
        request,
        letter.file,
        download_name=f"{name}-{record.pk}-{letter.language}.pdf",
        inline=True,
        content_type="application/pdf",
    )


# Appeals


def lift_context(request, exclusion, settings, form=None) -> dict:
    """The "Requests to lift" section of an exclusion's page (shown for permanent exclusions)."""
    askable = can_be_asked_to_lift(exclusion)
    requests = list(exclusion.lift_requests.all())
    open_request = next((r for r in requests if r.is_open), None)
    return {
        "shown": exclusion.outcome == Outcome.PERMANENT or bool(requests),
        "askable": askable,
        "earliest": earliest_request_date(exclusion, settings) if askable else None,
        "decision_due": decision_deadline(open_request, settings) if open_request else None,
        "can_decide": open_request is not None
        and may_decide_lift_request(request.user, open_request, settings),
        "can_record": askable and open_request is None and can_record_lift_request(request.user),
        "form": form
        or LiftRequestForm(
            prefix="lift",
            initial={
                "received_on": today_in(exclusion.system),
                "letter_language": exclusion.letter_language,
            },
        ),
    }
