from pathlib import Path

import polib

# Shared browser-test fixtures (Playwright on Debian's Chromium, axe-core).
pytest_plugins = ["patroncare.testing.browser", "patroncare.testing.mailservers"]

ROOT = Path(__file__).resolve().parent


def pytest_sessionstart(session):
    """Compile the Spanish catalogues that are missing or older than their .po file.

    The .mo files are build products (not in git); compiling here means a bare `pytest` on a fresh clone tests
    the Spanish pages as `make test` does, instead of silently showing English.
    """
    catalogues = [*ROOT.glob("locale/*/LC_MESSAGES/*.po"), *ROOT.glob("patroncare/*/locale/*/*/*.po")]
    for po_path in catalogues:
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
