"""Uploaded files: stored under random names, served only by views that have checked the reader.

MEDIA_ROOT is never published at a URL, in any configuration. Each kind of upload has its own download view
that finds the record through its app's selector (404 for anyone who may not see it, exactly as for a
missing one), audits the read, and hands the file to `serve_upload`. How the bytes leave depends on where
they are kept:

- local storage, no front proxy help: Django streams the file itself;
- local storage behind nginx (`PATRONCARE_FILE_ACCEL = "nginx"`): an empty response carrying
  `X-Accel-Redirect: /protected-media/<name>`, which nginx serves from an `internal` location;
- local storage behind Apache with mod_xsendfile (`"apache"`): an empty response carrying
  `X-Sendfile: <path>`;
- object storage (S3 through django-storages, no local path): a redirect to the storage's signed, short-lived
  URL, asking the storage to answer with the same headers when it can.

See docs/platform.md, "Uploaded files".
"""

import mimetypes
import uuid
from inspect import signature
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

# The only kinds of file PatronCare accepts (each checked by its content where it is uploaded). Any other
# extension is dropped from the stored name: the stored name never decides how a file is read.
SAFE_EXTENSIONS = frozenset({".pdf", ".png", ".jpg", ".jpeg"})
ACCEL_MODES = ("", "nginx", "apache")
DEFAULT_ACCEL_LOCATION = "/protected-media/"


@deconstructible
class RandomUploadTo:
    """`upload_to` giving "<prefix>/<yyyy>/<uuid4 hex><ext>": nothing of the original name but its extension.

    A name such as person-100.png or "Letter from Ms Morales.pdf" would tell anyone who sees a path whose
    file it is, and invite guessing the next one. The original name, where a download needs it, is kept
    in the record.
    """

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        return f"{self.prefix}/{timezone.now():%Y}/{uuid.uuid4().hex}{safe_extension(filename)}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomUploadTo) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def random_upload_to(prefix: str) -> RandomUploadTo:
    return RandomUploadTo(prefix)


def safe_extension(filename: str) -> str:
    """The lower-cased extension of `filename` if it is one PatronCare accepts, else ""."""
    extension = PurePath(filename or "").suffix.lower()
    return extension if extension in SAFE_EXTENSIONS else ""


def accel_mode() -> str:
    mode = getattr(settings, "PATRONCARE_FILE_ACCEL", "") or ""
    if mode not in ACCEL_MODES:
        raise ImproperlyConfigured(f"PATRONCARE_FILE_ACCEL must be one of {ACCEL_MODES!r}, not {mode!r}.")
    return mode


def _clean_download_name(name: str, fallback: str) -> str:
    """Only the last part of a name, without control characters (they could break the header)."""
    name = PurePath(str(name or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name or fallback


def _local_path(field_file) -> str | None:
    try:
        return field_file.path
    except NotImplementedError:  # remote storage (S3...): no file on this machine
        return None


def _protect(response: HttpResponse, *, disposition: str, content_type: str) -> HttpResponse:
    response["Content-Type"] = content_type
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


def serve_upload(request, field_file, *, download_name: str, inline: bool = False, content_type: str = ""):
    """The response that gives an already authorised reader the file.

    `inline` is for images shown on a page (an <img> on the board of exclusions); everything else downloads as
    an attachment under `download_name` (the name it had when uploaded). Nothing is cached anywhere: the next
    reader must pass the view's check again.
    """
    if not field_file:
        raise ValueError("serve_upload needs a stored file")
    fallback = "file" + safe_extension(field_file.name)
    download_name = _clean_download_name(download_name, fallback)
    content_type = content_type or mimetypes.guess_type(download_name)[0] or "application/octet-stream"
    disposition = content_disposition_header(not inline, download_name)
    mode = accel_mode()
    path = _local_path(field_file)

    if path is None:
        url = _signed_url(field_file, disposition=disposition, content_type=content_type)
        response = HttpResponseRedirect(url)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store, private"
        return response
    if mode == "nginx":
        location = getattr(settings, "PATRONCARE_FILE_ACCEL_LOCATION", DEFAULT_ACCEL_LOCATION)
        response = HttpResponse(b"")
        response["X-Accel-Redirect"] = location.rstrip("/") + "/" + quote(field_file.name)
        return _protect(response, disposition=disposition, content_type=content_type)
    if mode == "apache":
        response = HttpResponse(b"")
        # mod_xsendfile url-decodes the header (XSendFileUnescape is on by default).
        response["X-Sendfile"] = quote(path)
        return _protect(response, disposition=disposition, content_type=content_type)
    response = FileResponse(field_file.open("rb"))
    return _protect(response, disposition=disposition, content_type=content_type)


def _signed_url(field_file, *, disposition: str, content_type: str) -> str:
    """The storage's URL for the file. django-storages' S3Storage signs it (querystring auth) and, given
    `parameters`, makes S3 answer with our Content-Disposition, Content-Type and Cache-Control."""
    storage = field_file.storage
    try:
        accepts_parameters = "parameters" in signature(storage.url).parameters
    except (TypeError, ValueError):
        accepts_parameters = False
    if accepts_parameters:
        return storage.url(
            field_file.name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
                "ResponseCacheControl": "no-store, private",
            },
        )
    return field_file.url


# What an upload may be, recognised by its first bytes: a file is accepted for what it is, never for its name.
FILE_KINDS = {
    "application/pdf": ("PDF", b"%PDF-", {".pdf"}),
    "image/png": ("PNG", b"\x89PNG\r\n\x1a\n", {".png"}),
    "image/jpeg": ("JPEG", b"\xff\xd8\xff", {".jpg", ".jpeg"}),
}
PHOTO_KINDS = ("image/jpeg", "image/png")


def _size_label(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size % (1024 * 1024) == 0 else filesizeformat(size)


def check_upload(upload, *, max_bytes: int, kinds=tuple(FILE_KINDS)) -> str:
    """The one upload check: the real content type of `upload` (one of `kinds`), or a ValidationError that
    says, in the reader's language, why it is refused (too large, disguised, or not an accepted kind)."""
    name = PurePath(upload.name or "").name
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s, larger than %(limit)s, the largest allowed.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": _size_label(max_bytes)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    extension = PurePath(name).suffix.lower()
    for content_type in kinds:
        label, magic, extensions = FILE_KINDS[content_type]
        if head.startswith(magic):
            if extension not in extensions:
                raise ValidationError(
                    _(
                        "The file's name says %(ext)s but its content is %(type)s. Rename it or "
                        "choose the right file."
                    )
                    % {"ext": extension or "—", "type": label}
                )
            return content_type
    accepted = get_text_list([FILE_KINDS[kind][0] for kind in kinds], _("and"))
    raise ValidationError(
        _("Only %(kinds)s files are accepted, and “%(name)s” is none of those (its content was checked).")
        % {"kinds": accepted, "name": name}
    )


def delete_after_commit(files) -> None:
    """Remove stored files once the transaction that stopped needing them commits: a rollback keeps them."""
    doomed = [(file.storage, file.name) for file in files if file]
    if doomed:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in doomed])
