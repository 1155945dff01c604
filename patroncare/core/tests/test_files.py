"""Uploaded files: random stored names, one way out (serve_upload), and no /media/ in any configuration."""

import importlib
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.test import RequestFactory, override_settings
from django.urls import clear_url_caches

from patroncare.core.files import RandomUploadTo, random_upload_to, serve_upload
from patroncare.incidents.models import Attachment

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4 a letter\n%%EOF\n"
RANDOM_NAME = re.compile(r"^complaints/\d{4}/[0-9a-f]{32}(\.pdf|\.png|\.jpe?g)?$")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored(media, name, content):
    """A FieldFile of the incident attachment field, saved to local storage under `name`."""
    storage = FileSystemStorage(location=media)
    stored_name = storage.save(name, ContentFile(content))
    return FieldFile(Attachment(), Attachment._meta.get_field("file"), stored_name)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- Stored names ------------------------------------------------------------------------------------


def test_a_stored_name_is_the_prefix_the_year_a_random_hex_and_the_lower_cased_extension():
    name = random_upload_to("complaints")(None, "Letter from Ms Morales.PDF")
    assert RANDOM_NAME.match(name) and name.endswith(".pdf")
    assert "Morales" not in name and "Letter" not in name


def test_two_uploads_of_the_same_name_get_different_stored_names():
    upload_to = random_upload_to("complaints")
    assert upload_to(None, "receipt.png") != upload_to(None, "receipt.png")


@pytest.mark.parametrize("original", ["page.html", "run.exe", "photo.png.svg", "no-extension", "", "x.php"])
def test_an_extension_the_product_does_not_accept_is_dropped(original):
    name = random_upload_to("complaints")(None, original)
    assert RANDOM_NAME.match(name) and "." not in name.rsplit("/", 1)[1]


def test_the_upload_to_is_deconstructible_for_migrations():
    path, args, kwargs = random_upload_to("incidents/files").deconstruct()
    assert (path, args, kwargs) == ("patroncare.core.files.RandomUploadTo", ("incidents/files",), {})
    assert RandomUploadTo("incidents/files") == random_upload_to("incidents/files")


# --- Serving -----------------------------------------------------------------------------------------


def test_a_local_file_is_streamed_as_an_attachment_with_the_protective_headers(media, settings):
    settings.PATRONCARE_FILE_ACCEL = ""
    field_file = _stored(media, "complaints/2026/abc.pdf", PDF)
    response = serve_upload(RequestFactory().get("/"), field_file, download_name="Letter.pdf")
    assert response.status_code == 200
    assert _body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Letter.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"


def test_an_image_for_a_page_is_served_inline(media):
    field_file = _stored(media, "incidents/people/2026/abc.png", PNG)
    response = serve_upload(RequestFactory().get("/"), field_file, download_name="photo.png", inline=True)
    assert response["Content-Disposition"] == 'inline; filename="photo.png"'
    assert response["Content-Type"] == "image/png"
    assert _body(response) == PNG


def test_the_original_name_is_safely_encoded_in_the_header(media):
    field_file = _stored(media, "complaints/2026/abc.pdf", PDF)
    accented = serve_upload(RequestFactory().get("/"), field_file, download_name="Queja de Muñoz.pdf")
    assert accented["Content-Disposition"] == "attachment; filename*=utf-8''Queja%20de%20Mu%C3%B1oz.pdf"
    quoted = serve_upload(RequestFactory().get("/"), field_file, download_name='a"b.pdf')
    assert quoted["Content-Disposition"] == 'attachment; filename="a\\"b.pdf"'
    broken = serve_upload(RequestFactory().get("/"), field_file, download_name="../../x\r\nSet-Cookie: a.pdf")
    assert broken["Content-Disposition"] == 'attachment; filename="xSet-Cookie: a.pdf"'


def test_behind_nginx_the_response_names_the_internal_location_and_has_no_body(media, settings):
    settings.PATRONCARE_FILE_ACCEL = "nginx"
    field_file = _stored(media, "complaints/2026/abc.pdf", PDF)
    response = serve_upload(RequestFactory().get("/"), field_file, download_name="Letter.pdf")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/complaints/2026/abc.pdf"
    assert response.content == b""
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/pdf",
        'attachment; filename="Letter.pdf"',
    )
    assert (response["X-Content-Type-Options"], response["Cache-Control"]) == ("nosniff", "no-store, private")


def test_behind_apache_the_response_names_the_file_path_and_has_no_body(media, settings):
    settings.PATRONCARE_FILE_ACCEL = "apache"
    field_file = _stored(media, "complaints/2026/abc.pdf", PDF)
    response = serve_upload(RequestFactory().get("/"), field_file, download_name="Letter.pdf")
    assert response["X-Sendfile"] == f"{media}/complaints/2026/abc.pdf"
    assert response.content == b""
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_unknown_proxy_mode_is_a_configuration_error(media, settings):
    settings.PATRONCARE_FILE_ACCEL = "lighttpd"
    field_file = _stored(media, "complaints/2026/abc.pdf", PDF)
    with pytest.raises(ImproperlyConfigured):
        serve_upload(RequestFactory().get("/"), field_file, download_name="Letter.pdf")


class SignedStorage(FileSystemStorage):
    """Stands in for django-storages' S3Storage: no local path; url() signs and takes response overrides."""

    def path(self, name):
        raise NotImplementedError

    def url(self, name, parameters=None, expire=None):
        self.asked = parameters
        return f"https://bucket.example/{name}?X-Amz-Signature=abc"


def test_remote_storage_redirects_to_its_signed_url_asking_for_the_same_headers(media):
    storage = SignedStorage(location=media)
    field_file = _stored(media, "complaints/2026/abc.pdf", PDF)
    field_file.storage = storage
    response = serve_upload(RequestFactory().get("/"), field_file, download_name="Letter.pdf")
    assert response.status_code == 302
    assert response["Location"] == "https://bucket.example/complaints/2026/abc.pdf?X-Amz-Signature=abc"
    assert response["Cache-Control"] == "no-store, private"
    assert storage.asked == {
        "ResponseContentDisposition": 'attachment; filename="Letter.pdf"',
        "ResponseContentType": "application/pdf",
        "ResponseCacheControl": "no-store, private",
    }


# --- No /media/ ----------------------------------------------------------------------------------------


def _reloaded_urls():
    import config.urls

    clear_url_caches()
    importlib.reload(config.urls)


@pytest.fixture
def restore_urls():
    yield
    _reloaded_urls()


@pytest.mark.parametrize("debug", [True, False])
def test_media_root_is_not_served_at_media_url_with_or_without_debug(client, media, restore_urls, debug):
    (media / "person-100.png").write_bytes(PNG)
    with override_settings(DEBUG=debug):
        _reloaded_urls()
        response = client.get("/media/person-100.png")
    assert response.status_code == 404
    assert PNG not in response.content
