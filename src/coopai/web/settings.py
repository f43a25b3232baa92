"""coopai's one settings module, driven by environment variables.

Development needs nothing set: SQLite in ./var, DEBUG on. Production
(COOPAI_ENV=production) refuses to start with DEBUG, the development secret key or
SQLite unless told otherwise, so a misconfigured server fails loudly at start.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

# Lets Django's generic classes (ModelAdmin[Model], QuerySet[Model]) be subscripted at run time.
django_stubs_ext.monkeypatch()

WEB_DIR = Path(__file__).resolve().parent
# The checkout's root (node_modules, var/). Override when coopai is installed elsewhere.
ROOT_DIR = Path(os.environ.get("COOPAI_ROOT", WEB_DIR.parents[2]))
VAR_DIR = Path(os.environ.get("COOPAI_VAR_DIR", ROOT_DIR / "var"))

ENVIRONMENT = os.environ.get("COOPAI_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEVELOPMENT_SECRET = "coopai-development-only-secret-key-not-for-production"


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("COOPAI_DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("COOPAI_SECRET_KEY", DEVELOPMENT_SECRET)
ALLOWED_HOSTS = os.environ.get("COOPAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'coopai.sqlite3'}"),
        conn_max_age=60,
    )
}

if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    try:
        import psycopg  # noqa: F401  (only to say plainly when the driver is missing)
    except ImportError as error:
        raise ImproperlyConfigured(
            "DATABASE_URL names PostgreSQL, and its driver is not installed: "
            "pip install 'coopai[postgres]'."
        ) from error

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A write transaction takes SQLite's write lock when it begins (not when it first
    # writes, which can deadlock two requests), and a second writer waits its turn for up
    # to 20 seconds rather than failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    # Tests on SQLite use a file, not shared-cache memory: the browser tests' live server
    # answers requests on several threads, and a file database makes a reader wait for a
    # writer (up to its timeout) instead of failing with "database table is locked".
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-coopai.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)

if PRODUCTION:
    if DEBUG and not _flag("COOPAI_ALLOW_DEBUG", False):
        raise ImproperlyConfigured("COOPAI_DEBUG is on in production; turn it off.")
    if SECRET_KEY == DEVELOPMENT_SECRET:
        raise ImproperlyConfigured("Set COOPAI_SECRET_KEY to a long random value in production.")
    if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not _flag(
        "COOPAI_ALLOW_SQLITE", False
    ):
        raise ImproperlyConfigured(
            "Production uses PostgreSQL: set DATABASE_URL, or COOPAI_ALLOW_SQLITE=1 to insist."
        )
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "coopai.web.councils",
    "coopai.web.proposals",
    "django_tasks",
    "django_tasks_db",
    "coopai.web.evidence",
    "coopai.web.reviews",
    "coopai.web.publication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "coopai.web.errors.FrozenProposalMiddleware",
]

if not DEBUG:
    # Serves collected static files in production; runserver serves them in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "coopai.web.urls"
WSGI_APPLICATION = "coopai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [WEB_DIR / "templates"],  # the same folder coopai.web.jinja2 loads
        "APP_DIRS": False,
        "OPTIONS": {"environment": "coopai.web.jinja2.environment"},
    },
    {
        # Django's own templates, for the admin site only.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("govuk", ROOT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", ROOT_DIR / "node_modules" / "htmx.org" / "dist"),
    ("coopai", VAR_DIR / "assets"),
    ("coopai", WEB_DIR / "static"),
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Largest proposal file accepted for upload, in bytes.
COOPAI_MAX_UPLOAD_BYTES = 200_000
# Largest file accepted for an audit (bias, errors, quality), in bytes.
COOPAI_MAX_AUDIT_UPLOAD_BYTES = int(os.environ.get("COOPAI_MAX_AUDIT_UPLOAD_BYTES", 250_000_000))
# Largest document accepted as evidence for a requirement (a DPIA, minutes, a policy).
COOPAI_MAX_DOCUMENT_BYTES = int(os.environ.get("COOPAI_MAX_DOCUMENT_BYTES", 20_000_000))
# Audit uploads are personal data: kept outside STATIC_ROOT and never served by URL.
MEDIA_ROOT = VAR_DIR / "uploads"
# Background tasks (audits) are queued in the database; `db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The council brand colour when a council has not set its own.
COOPAI_DEFAULT_BRAND = "#1f5c4a"

# Reminders of review dates and overdue conditions. Development prints emails to the
# console; production sends them through the SMTP server named here.
EMAIL_BACKEND = os.environ.get(
    "COOPAI_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("COOPAI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("COOPAI_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("COOPAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("COOPAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("COOPAI_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("COOPAI_FROM_EMAIL", "coopai@localhost")
# The site's address, for links in emails (a background job has no request to ask).
COOPAI_SITE_URL = os.environ.get("COOPAI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("COOPAI_LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF they make at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
