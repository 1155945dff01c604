"""`ETag` and `If-Match` over the records' version field: the pages' optimistic locking, over HTTP."""

from django.utils.translation import gettext as _

from .problems import PreconditionFailed, PreconditionRequired


def etag_of(record) -> str:
    return f'"{record._meta.model_name}-{record.pk}-v{record.version}"'


def expected_version(request, record) -> int:
    """The version named by `If-Match`; 428 without one, 412 when the record has moved on since."""
    given = request.headers.get("If-Match", "").strip()
    if not given:
        raise PreconditionRequired(_("Send If-Match with the ETag of the record as you read it."))
    if given != etag_of(record) and given.removeprefix("W/") != etag_of(record):
        raise PreconditionFailed(
            _("The record changed since you read it. Read it again, then send its new ETag in If-Match.")
        )
    return record.version


def with_etag(response, record):
    response["ETag"] = etag_of(record)
    return response
