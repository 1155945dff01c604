"""The one upload check: size, real content against the name, and the kinds a place accepts."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from patroncare.core.files import PHOTO_KINDS, check_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64


def test_a_file_is_accepted_for_what_its_bytes_are():
    assert check_upload(SimpleUploadedFile("door.PNG", PNG), max_bytes=1024) == "image/png"
    assert check_upload(SimpleUploadedFile("letter.pdf", PDF), max_bytes=1024) == "application/pdf"


def test_too_large_says_the_limit():
    with pytest.raises(ValidationError, match="larger than 5 MB, the largest allowed"):
        check_upload(
            SimpleUploadedFile("big.png", PNG + b"\x00" * (5 * 1024 * 1024)), max_bytes=5 * 1024 * 1024
        )


def test_a_disguised_file_is_refused():
    with pytest.raises(ValidationError, match="name says .png but its content is PDF"):
        check_upload(SimpleUploadedFile("photo.png", PDF), max_bytes=1024)


def test_a_place_that_takes_photos_refuses_a_pdf_and_says_what_it_takes():
    with pytest.raises(ValidationError, match="Only JPEG and PNG files are accepted"):
        check_upload(SimpleUploadedFile("letter.pdf", PDF), max_bytes=1024, kinds=PHOTO_KINDS)


def test_the_refusal_is_in_the_readers_language():
    with (
        translation.override("es"),
        pytest.raises(ValidationError, match="Solo se aceptan archivos JPEG y PNG"),
    ):
        check_upload(SimpleUploadedFile("notes.txt", b"hello"), max_bytes=1024, kinds=PHOTO_KINDS)
