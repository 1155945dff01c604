# Shared browser-test fixtures (Playwright on Debian's Chromium, axe-core).
pytest_plugins = ["patroncare.testing.browser"]
