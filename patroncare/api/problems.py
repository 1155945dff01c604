"""Errors as RFC 9457 problem details (`application/problem+json`), with a message per field.

Services raise Django's ValidationError, `Refused` (a refusal with its reason) and StaleEditError; selectors
raise Http404. They become the same answers here whatever the resource: 400 with field messages, 403 with
the reason, 412 for a stale version, 404 that says nothing about whether the record exists.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from patroncare.core.access import Refused
from patroncare.core.concurrency import StaleEditError

PROBLEM_TYPE = "https://patroncare.example/problems/"
CONTENT_TYPE = "application/problem+json"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "if_match_required"


def problem(*, status_code: int, code: str, title: str, detail: str = "", errors=None, headers=None):
    body = {"type": PROBLEM_TYPE + code, "title": title, "status": status_code, "detail": detail or title}
    if errors:
        body["errors"] = errors
    response = Response(body, status=status_code, content_type=CONTENT_TYPE, headers=headers)
    return response


def field_errors(error: DjangoValidationError) -> tuple[str, dict]:
    """The message at the top and {field: [messages]} of a service's or a form's ValidationError."""
    if hasattr(error, "error_dict"):
        fields = {
            name: [str(m) for e in errors for m in e.messages] for name, errors in error.error_dict.items()
        }
        top = fields.pop("__all__", [])
        return " ".join(top) or _("Some values were not accepted."), fields
    return " ".join(str(m) for m in error.messages), {}


def handler(exc, context):
    if isinstance(exc, Refused):
        return problem(status_code=403, code="refused", title=_("Not allowed"), detail=str(exc))
    if isinstance(exc, StaleEditError):
        exc = PreconditionFailed(str(exc.messages[0]))
    elif isinstance(exc, DjangoValidationError):
        detail, errors = field_errors(exc)
        return problem(
            status_code=400,
            code="invalid",
            title=_("Some values were not accepted"),
            detail=detail,
            errors=errors,
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("There is no such record."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail, errors = "", None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        if isinstance(data, dict):
            errors = {name: [str(m) for m in (v if isinstance(v, list) else [v])] for name, v in data.items()}
            detail = " ".join(errors.pop("non_field_errors", [])) or _("Some values were not accepted.")
        else:
            detail = " ".join(str(m) for m in data)
    elif isinstance(data, dict) and "detail" in data:
        detail = str(data["detail"])
    code = getattr(getattr(exc, "detail", None), "code", None) or exc.default_code
    titles = {
        400: _("Some values were not accepted"),
        401: _("Sign-in needed"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        412: _("The record changed since you read it"),
        415: _("Unsupported media type"),
        428: _("Say which version you change"),
        429: _("Too many requests"),
    }
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
    return problem(
        status_code=response.status_code,
        code=str(code),
        title=str(titles.get(response.status_code, _("Error"))),
        detail=detail,
        errors=errors,
        headers=headers,
    )
