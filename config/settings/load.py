"""For load and fault runs against a real server (gunicorn): the embedded-default settings with the public
form's flood protection lifted, so that one test machine can send hundreds of messages from one address.

Only the rate limit is lifted. The minimum fill time stays: a load client signs its form stamps with the
server's DJANGO_SECRET_KEY, as if each form had been open for ten seconds.
"""

import os

from .local import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
COMPLAINTS_FEEDBACK_RATE = os.environ.get("COMPLAINTS_FEEDBACK_RATE", "1000000/h")
