"""An administrator imports a Google Forms export of incidents, step by step, on a phone and on a desktop, in
English and in Spanish; every page passes the accessibility check."""

import pytest

from patroncare.accounts.tests.factories import PASSWORD, TOTPDeviceFactory
from patroncare.incidents.models import Incident
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

from .test_imports import GOOGLE_FORM

pytestmark = pytest.mark.browser


def _import(page, world, tmp_path, label: str, *, spanish: bool = False):
    admin = world.users["administrator"]
    browser_sign_in(page, admin.email, PASSWORD, totp_device=TOTPDeviceFactory(user=admin))
    if spanish:
        page.get_by_role("button", name="Español").click()
        page.wait_for_load_state()
    words = SPANISH if spanish else ENGLISH
    data = tmp_path / "Incident form (Responses).csv"
    data.write_bytes(GOOGLE_FORM.encode("utf-8"))
    page.goto("/settings/imports/")
    check_accessibility(page, f"imports-upload-{label}")
    screenshot(page, f"imports-upload-{label}")
    page.get_by_label(words["kind"]).select_option("incidents")
    page.get_by_label(words["source"]).fill("Incident Google Form")
    page.locator("input[type=file]").set_input_files(str(data))
    page.get_by_role("button", name=words["upload"]).click()
    page.wait_for_url("**/columns/")
    check_accessibility(page, f"imports-columns-{label}")
    screenshot(page, f"imports-columns-{label}")
    page.get_by_role("button", name=words["next_values"]).click()
    page.wait_for_url("**/values/")
    page.get_by_label("Atlantis Branch").select_option("OAK")
    check_accessibility(page, f"imports-values-{label}")
    screenshot(page, f"imports-values-{label}")
    page.get_by_role("button", name=words["next_dry_run"]).click()
    page.wait_for_url("**/dry-run/")
    check_accessibility(page, f"imports-dry-run-{label}")
    screenshot(page, f"imports-dry-run-{label}")
    page.get_by_role("button", name=words["import"]).click()
    page.wait_for_url("**/files/*/")
    page.get_by_role("link", name=words["failed"]).wait_for()
    check_accessibility(page, f"imports-done-{label}")
    screenshot(page, f"imports-done-{label}")
    assert Incident.objects.count() == 4


ENGLISH = {
    "kind": "What the file holds",
    "source": "Where it comes from",
    "file": "File",
    "upload": "Upload and choose the columns",
    "next_values": "Next: match the values",
    "next_dry_run": "Next: dry run",
    "import": "Import 4 records",
    "failed": "Download the failed rows (CSV) to correct and import again",
}
SPANISH = {
    "kind": "Qué contiene el archivo",
    "source": "De dónde viene",
    "file": "Archivo",
    "upload": "Subir y elegir las columnas",
    "next_values": "Siguiente: emparejar los valores",
    "next_dry_run": "Siguiente: prueba sin guardar",
    "import": "Importar 4 registros",
    "failed": "Descargar las filas que fallaron (CSV) para corregirlas e importarlas de nuevo",
}


def test_an_import_on_a_phone(phone_page, world, tmp_path):
    _import(phone_page, world, tmp_path, "phone")


def test_an_import_on_a_desktop_in_spanish(desktop_page, world, tmp_path):
    _import(desktop_page, world, tmp_path, "desktop-es", spanish=True)
