"""Settings shared by every environment. Every value that differs between installations comes from the
environment; see README.md for the list."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    # Before the apps whose models it translates, so their translation.py files are registered first.
    "modeltranslation",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "django_filters",
    "axes",
    "patroncare.core",
    "patroncare.libraries",
    "patroncare.accounts",
    "patroncare.audit",
    "patroncare.patrons",
    "patroncare.rulebook",
    "patroncare.incidents",
    "patroncare.conduct",
    "patroncare.policies",
    "patroncare.guidance",
    "patroncare.complaints",
    "patroncare.training",
    "patroncare.referrals",
    "patroncare.surveys",
    "patroncare.notifications",
    "patroncare.mailbox",
    "patroncare.retention",
    "patroncare.reports",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "patroncare.api",
    "patroncare.imports",
    "patroncare.sso",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "patroncare.core.headers.PrivateResponseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A provider's multi-factor sign-in (the `amr` claim) counts as the second factor.
    "patroncare.sso.middleware.ProviderSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "patroncare.libraries.middleware.LibraryTimeZoneMiddleware",
    "patroncare.audit.middleware.AuditContextMiddleware",
    "patroncare.accounts.middleware.TwoFactorRequiredMiddleware",
    # Axes must come last: it turns a lockout raised during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "patroncare.core.forms.PatronCareFormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "patroncare.core.context_processors.shell",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'patroncare.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must bear two people at once: write-ahead logging lets readers go on while one
    # writes, a busy timeout makes a second writer wait instead of failing, and IMMEDIATE transactions take
    # the write lock at BEGIN, so two transactions that read then write never deadlock ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,  # seconds: sqlite3 sets the busy timeout from it
        }
    )
# A read replica for the dashboards and the board report (patroncare.reports.routers); writes stay on default.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
DATABASE_ROUTERS = ["patroncare.reports.routers.ReportReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Small numbers in what trustees and the public see (patroncare.reports.suppression).
PATRONCARE_SMALL_NUMBERS_PROTECTED = os.environ.get("PATRONCARE_SMALL_NUMBERS_PROTECTED", "1") != "0"
PATRONCARE_SMALL_NUMBER_THRESHOLD = int(os.environ.get("PATRONCARE_SMALL_NUMBER_THRESHOLD", "5"))
PATRONCARE_PERCENT_MIN_CASES = int(os.environ.get("PATRONCARE_PERCENT_MIN_CASES", "10"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # The library's LDAP or Active Directory when PATRONCARE_LDAP_URI is set (docs/sso.md), else skipped.
    "patroncare.sso.directory.DirectoryBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:desk"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# How many proxies we run in front of PatronCare (nginx: 1). Their X-Forwarded-For hops give the person's
# address to rate limits, lockout and the audit trail (patroncare.core.client_ip); 0 believes none.
PATRONCARE_TRUSTED_PROXIES = int(os.environ.get("PATRONCARE_TRUSTED_PROXIES", "0"))
RATELIMIT_IP_META_KEY = "patroncare.core.client_ip.client_ip_for_limits"

# Lockout of an account: five failed sign-ins, from anywhere, lock it for 15 minutes, then twice as long
# each time the guessing goes on (patroncare.accounts.lockout). A password tried against many accounts
# is stopped per address instead: PATRONCARE_SIGN_IN_ADDRESS_RATE failed sign-ins from one address.
AXES_FAILURE_LIMIT = int(os.environ.get("PATRONCARE_LOCKOUT_FAILURES", "5"))
PATRONCARE_LOCKOUT_MINUTES = int(os.environ.get("PATRONCARE_LOCKOUT_MINUTES", "15"))
AXES_COOLOFF_TIME = "patroncare.accounts.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_CLIENT_IP_CALLABLE = "patroncare.core.client_ip.client_ip_for_limits"
PATRONCARE_SIGN_IN_ADDRESS_RATE = os.environ.get("PATRONCARE_SIGN_IN_ADDRESS_RATE", "30/h")
# Axes warns when the address is not a lockout parameter; here addresses are limited on their own (above),
# so that an account is locked whatever address the guesses come from.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form names the e-mail field "username", as Django does
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "PatronCare"

# LDAP / Active Directory (django-auth-ldap) for the library system named by PATRONCARE_LDAP_SYSTEM.
# The person types their e-mail address; the directory's `mail` finds them, a bind checks the password.
PATRONCARE_LDAP_SYSTEM = os.environ.get("PATRONCARE_LDAP_SYSTEM", "")
AUTH_LDAP_SERVER_URI = os.environ.get("PATRONCARE_LDAP_URI", "")
AUTH_LDAP_BIND_DN = os.environ.get("PATRONCARE_LDAP_BIND_DN", "")
AUTH_LDAP_BIND_PASSWORD = os.environ.get("PATRONCARE_LDAP_BIND_PASSWORD", "")
AUTH_LDAP_START_TLS = env_bool("PATRONCARE_LDAP_START_TLS", False)
AUTH_LDAP_USER_BASE = os.environ.get("PATRONCARE_LDAP_USER_BASE", "")
AUTH_LDAP_GROUP_BASE = os.environ.get("PATRONCARE_LDAP_GROUP_BASE", "")
# Active Directory: (userPrincipalName=%(user)s) or (mail=%(user)s); groups of type group.
AUTH_LDAP_USER_FILTER = os.environ.get("PATRONCARE_LDAP_USER_FILTER", "(mail=%(user)s)")
AUTH_LDAP_CACHE_TIMEOUT = 0  # groups are read at every sign-in, so a change in the directory applies at once


def _ldap_searches():
    try:
        import ldap
        from django_auth_ldap.config import GroupOfNamesType, LDAPSearch
    except ImportError:  # python-ldap needs Debian's libldap; without it only OpenID and local accounts work
        return None, None, None, {}
    user_search = LDAPSearch(AUTH_LDAP_USER_BASE, ldap.SCOPE_SUBTREE, AUTH_LDAP_USER_FILTER)
    group_search = LDAPSearch(
        AUTH_LDAP_GROUP_BASE,
        ldap.SCOPE_SUBTREE,
        os.environ.get("PATRONCARE_LDAP_GROUP_FILTER", "(|(objectClass=groupOfNames)(objectClass=group))"),
    )
    # A directory that does not answer within 5 seconds is reported as down on the sign-in form.
    options = {ldap.OPT_NETWORK_TIMEOUT: 5, ldap.OPT_TIMEOUT: 5}
    return user_search, group_search, GroupOfNamesType(name_attr="cn"), options


AUTH_LDAP_USER_SEARCH, AUTH_LDAP_GROUP_SEARCH, AUTH_LDAP_GROUP_TYPE, AUTH_LDAP_CONNECTION_OPTIONS = (
    _ldap_searches()
)

SESSION_COOKIE_AGE = 60 * 60 * 10  # one working shift
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# A further language is configuration (docs/translations.md): "vi:Tiếng Việt,pt:Português" adds the language
# to the interface and a column to every text the library writes (then `manage.py makemigrations`).
LANGUAGES += [
    (code.strip(), name.strip())
    for code, _sep, name in (item.partition(":") for item in env_list("PATRONCARE_EXTRA_LANGUAGES", ""))
]
# What the library writes (rules, policies, playbooks, categories...) has one field per language, through
# django-modeltranslation: `title` reads the reader's language, `title_en` and `title_es` are the versions.
# An empty version falls back to the other language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "es")}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("PATRONCARE_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Uploads are never served from MEDIA_URL: only access-checked views give them out (patroncare.core.files).
# Behind nginx or Apache, those views can hand the sending to the proxy: "nginx" (X-Accel-Redirect to the
# internal location below) or "apache" (mod_xsendfile). Empty: Django streams the file itself.
PATRONCARE_FILE_ACCEL = os.environ.get("PATRONCARE_FILE_ACCEL", "")
PATRONCARE_FILE_ACCEL_LOCATION = os.environ.get("PATRONCARE_FILE_ACCEL_LOCATION", "/protected-media/")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PatronCare <patroncare@localhost>")

# The address staff and patrons use to reach PatronCare, for links in e-mails sent by the task engine.
PATRONCARE_BASE_URL = os.environ.get("PATRONCARE_BASE_URL", "")
# Mail from patrons (docs/mail.md): the address they write to, and the IMAP mailbox it is delivered to.
PATRONCARE_MAIL_ADDRESS = os.environ.get("PATRONCARE_MAIL_ADDRESS", "")
MAILBOX_IMAP_HOST = os.environ.get("MAILBOX_IMAP_HOST", "")
MAILBOX_IMAP_PORT = int(os.environ.get("MAILBOX_IMAP_PORT", "993"))
MAILBOX_IMAP_USER = os.environ.get("MAILBOX_IMAP_USER", "")
MAILBOX_IMAP_PASSWORD = os.environ.get("MAILBOX_IMAP_PASSWORD", "")
MAILBOX_IMAP_SECURITY = os.environ.get("MAILBOX_IMAP_SECURITY", "ssl")

# A shared cache (Redis) in production, so that rate limits on public forms count across web processes.
if os.environ.get("DJANGO_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["DJANGO_CACHE_URL"],
        }
    }

# Task engine. Without a broker the tasks run eagerly inside the web process (the embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Scheduled jobs only notify or purge; state that follows from time is computed when read.
CELERY_BEAT_SCHEDULE = {
    "complaints-deadline-reminders": {
        "task": "patroncare.complaints.tasks.notify_deadlines",
        "schedule": 60 * 60,
    },
    "conduct-appeal-deadline-reminders": {
        "task": "patroncare.conduct.tasks.notify_appeal_deadlines",
        "schedule": 60 * 60,
    },
    "incidents-alert-escalation": {
        "task": "patroncare.incidents.tasks.escalate_overdue_alerts",
        "schedule": 5 * 60,
    },
    "notifications-daily-digests": {
        "task": "patroncare.notifications.tasks.send_daily_digests",
        # Hourly: each person's digest goes at NOTIFICATIONS_DIGEST_HOUR in their library system's time zone.
        "schedule": 60 * 60,
    },
    "mailbox-fetch": {
        "task": "patroncare.mailbox.tasks.fetch_mailbox",
        "schedule": 60,
    },
    "referrals-verification-reminders": {
        "task": "patroncare.referrals.tasks.remind_verifications",
        "schedule": 60 * 60 * 24,
    },
    "surveys-rounds-open": {
        "task": "patroncare.surveys.tasks.tell_open_survey_rounds",
        "schedule": 60 * 60,
    },
    "surveys-reminders": {
        "task": "patroncare.surveys.tasks.remind_open_rounds",
        # Hourly: each round's reminder day begins at local midnight in its library system's time zone.
        "schedule": 60 * 60,
    },
    "retention-schedule": {
        "task": "patroncare.retention.tasks.apply_retention",
        "schedule": 60 * 60 * 24,
    },
    "sso-directory-leavers": {
        "task": "patroncare.sso.tasks.directory_check_leavers",
        "schedule": 60 * 60 * 24,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

X_FRAME_OPTIONS = "DENY"
# A strict policy: our own scripts and styles only, no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The proof of work asked when the public form's rate is exceeded: a browser tries up to this many numbers
# (about a second on a phone at 100,000).
PATRONCARE_PROOF_MAX_NUMBER = int(os.environ.get("PATRONCARE_PROOF_MAX_NUMBER", "100000"))

# The REST API (patroncare.api, docs/api.md): personal tokens or the browser session, problem details,
# cursor pages, a rate per token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "patroncare.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["patroncare.api.access.MemberWithScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.FormParser"],
    "DEFAULT_THROTTLE_CLASSES": ["patroncare.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("PATRONCARE_API_RATE", "600/minute")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "patroncare.api.problems.handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PatronCare API",
    "DESCRIPTION": "Complaints, incidents, exclusions, rules, the ladder and policies of one library system.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SWAGGER_UI_DIST": "SIDECAR",  # Swagger UI from our own static files, no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "ENUM_NAME_OVERRIDES": {
        "ComplaintChannelEnum": "patroncare.complaints.models.choices.Channel",
        "MessageChannelEnum": "patroncare.complaints.models.choices.MessageChannel",
    },
}
