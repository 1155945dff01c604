"""The embedded default behind `make run`: SQLite, tasks run eagerly, e-mail printed to the console."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-only-secret-key-not-for-production-use-0123456789")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Static files come from Django's own handler outside production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

# `make run` starts `manage.py run_schedule` beside the server, so daily digests go out without a broker.
NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = env_bool("NOTIFICATIONS_DIGESTS_WITHOUT_BROKER", True)
