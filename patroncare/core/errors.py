"""The answer when the server fails: 503 and "try again" while the database is unreachable, else the 500 page.

These pages are rendered without the request's context processors, which read the database: while the
database restarts, the page must still render, in the reader's language, and give back what they had typed.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseServerError
from django.template import loader
from django.utils import translation

from .access import Refused

RETRY_AFTER_SECONDS = 30
# Fields that are never shown back: tokens, secrets and the form's own machinery.
NOT_ECHOED = ("csrfmiddlewaretoken", "password", "secret", "token", "stamp", "code", "version", "website")


def typed_text(request) -> list[str]:
    """What the person typed in the form they sent, so that nothing is lost while the database is down."""
    if request.method != "POST":
        return []
    try:
        items = request.POST.lists()
    except Exception:  # noqa: BLE001  an unreadable body gives nothing back, not a second failure
        return []
    return [
        value
        for name, values in items
        if not any(part in name.lower() for part in NOT_ECHOED)
        for value in values
        if len(value.strip()) > 1 and not value.isdigit()
    ]


def database_unavailable(request) -> HttpResponse:
    language = translation.get_language_from_request(request)
    with translation.override(language):
        body = loader.get_template("503.html").render({"typed": typed_text(request), "language": language})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request) -> HttpResponse:
    """handler500: a database outage is a 503 the reader can retry; anything else is the plain 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


def permission_denied(request, exception=None) -> HttpResponse:
    """handler403: a service's refusal says why; any other 403 keeps the general wording, no internals."""
    reason = str(exception) if isinstance(exception, Refused) else ""
    body = loader.get_template("403.html").render({"exception": reason}, request)
    return HttpResponseForbidden(body)
