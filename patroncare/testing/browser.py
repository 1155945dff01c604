"""Browser-test fixtures: Debian's Chromium driven by Playwright, and an axe-core accessibility check.

Every test using these fixtures must be marked `@pytest.mark.browser`. Chromium is Debian's package at
/usr/bin/chromium; Playwright never downloads a browser here.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("PATRONCARE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test itself
    # (creating data, reading results) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _new_page(chromium, live_server, viewport):
    context = chromium.new_context(viewport=viewport, base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Chromium reports each script or style the Content-Security-Policy refused as a console error.
    page.csp_violations = []

    def note_csp_violation(message):
        if "Content Security Policy" in message.text:
            where = message.location or {}
            page.csp_violations.append(
                f"{page.url} ({where.get('url', '')}:{where.get('lineNumber', '')}): {message.text}"
            )

    page.on("console", note_csp_violation)
    return context, page


def _close(context, page):
    violations = list(page.csp_violations)
    context.close()
    assert not violations, "The Content-Security-Policy refused:\n" + "\n".join(violations)


@pytest.fixture
def phone_page(chromium, live_server):
    context, page = _new_page(chromium, live_server, PHONE)
    yield page
    _close(context, page)


@pytest.fixture
def desktop_page(chromium, live_server):
    context, page = _new_page(chromium, live_server, DESKTOP)
    yield page
    _close(context, page)


def browser_sign_in(page, email: str, password: str, *, totp_device=None) -> None:
    """Sign in through the real form (and the one-time-code step when a device is given)."""
    page.goto("/account/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if totp_device is not None:
        from django_otp.oath import TOTP

        device = totp_device
        code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
        page.get_by_label("Six-digit code from your authenticator app").fill(f"{code:06d}")
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/desk/")


def check_accessibility(page, name: str) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page; fail on a serious or critical violation.

    The per-page result is also written to test-artifacts/accessibility/<name>.json for the record.
    """
    # Evaluated through the DevTools protocol, not added as a <script>: the page's CSP refuses inline scripts.
    page.evaluate(AXE_SCRIPT.read_text())
    results = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results["violations"]
    ]
    out = ARTIFACTS / "accessibility"
    out.mkdir(parents=True, exist_ok=True)
    record = {"page": name, "url": page.url, "passes": len(results["passes"]), "violations": violations}
    (out / f"{name}.json").write_text(json.dumps(record, indent=2))
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"Accessibility violations on {name}: {json.dumps(blocking, indent=2)}"
    return violations


def screenshot(page, name: str) -> Path:
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path
