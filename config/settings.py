"""One settings file, configured by the environment.

Defaults suit a laptop: SQLite in WAL mode, debug on, a throwaway secret key.
``DJANGO_ENV=production`` turns on the security settings and refuses to start
without ``SECRET_KEY`` and ``DATABASE_URL``. Every variable is listed in
docs/configuration.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = ENV == "production"


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


if PRODUCTION:
    for required in ("SECRET_KEY", "DATABASE_URL"):
        if not os.environ.get(required):
            raise ImproperlyConfigured(f"DJANGO_ENV=production needs the {required} variable.")

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-uppfoljning")
DEBUG = os.environ.get("DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "simple_history",
    "accounts",
    "register",
    "surveys",
    "keyfigures",
    "charts",
    "public",
    "publishing",
    "learning",
    "network",
    "practices",
    "opendata",
    "reports",
    "api",
    "about",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous reads of published content from the "public" cache (docs/performance.md).
    "public.response_cache.PublicResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # records when a logged-in session ends, for the warning before it (WCAG 2.2.1)
    "accounts.session_expiry.SessionExpiryMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# "public" keeps whole anonymous responses of published pages, /api/v1/ and /data/ until the
# next publication (public/response_cache.py, docs/performance.md): in each process's memory
# by default; PUBLIC_CACHE_URL=redis://… (needs the redis package) or a directory path shares
# it between processes.
_public_cache_url = os.environ.get("PUBLIC_CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "public": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _public_cache_url}
        if _public_cache_url.startswith(("redis://", "rediss://", "unix://"))
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": _public_cache_url.removeprefix("file://"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
        if _public_cache_url
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "public-responses",
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    ),
}

ROOT_URLCONF = "config.urls"
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
                "public.context_processors.site",
                "accounts.session_expiry.session_expiry",
            ],
        },
    },
]

_sqlite_path = os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "uppfoljning.sqlite3"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{_sqlite_path}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; the pragmas are applied per connection.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (docs/accounts.md): log in with e-mail address and password.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "public:start"
# Failed and successful logins are kept this many days (the throttle needs 30 minutes).
LOGIN_ATTEMPTS_KEEP_DAYS = int(os.environ.get("LOGIN_ATTEMPTS_KEEP_DAYS", "30"))
# Behind a proxy: the request header with the client's address, e.g. HTTP_X_FORWARDED_FOR.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
# Demo users with a published password: only with DEBUG or DEMO_USERS=1, never in production.
DEMO_USERS = os.environ.get("DEMO_USERS", "0") == "1"
# The personal-data page (/konto/personuppgifter/): the operator's own texts; empty
# values show the product's default wording.
PRIVACY_CONTACT = os.environ.get("PRIVACY_CONTACT", "")
PRIVACY_DPO_CONTACT = os.environ.get("PRIVACY_DPO_CONTACT", "")
PRIVACY_LEGAL_BASIS = os.environ.get("PRIVACY_LEGAL_BASIS", "")
PRIVACY_ACCOUNT_RETENTION = os.environ.get("PRIVACY_ACCOUNT_RETENTION", "")

# E-mail (invitations, password reset): the console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "0") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Uppföljning <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Language lives in the URL (/en/…); no language cookie is needed on public pages.
LANGUAGE_COOKIE_AGE = None

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# The six agencies exempt from the e-ordering duty (förordning 2003:770, 3 §). A
# comma-separated POPULATION_EXEMPT_AGENCIES replaces the list.
POPULATION_EXEMPT_AGENCIES = _env_list(
    "POPULATION_EXEMPT_AGENCIES",
    "Regeringskansliet,Försvarsmakten,Försvarets materielverk,Försvarets radioanstalt,"
    "Totalförsvarets forskningsinstitut,Säkerhetspolisen",
)
# Agencies with strictly more than this many ÅA in the round's year are in the population.
POPULATION_MIN_FTE = int(os.environ.get("POPULATION_MIN_FTE", "50"))

# Service the site runs for; shown in the footer and the accessibility statement.
OPERATOR_NAME = os.environ.get("OPERATOR_NAME", "Myndigheten för digital förvaltning (Digg)")

# The site's public address: absolute links in the DCAT catalogue and the API.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# The publisher and contact point of the open data (DCAT-AP-SE); a functional mailbox,
# never a person.
PUBLISHER_NAME = os.environ.get("PUBLISHER_NAME", "Myndigheten för digital förvaltning")
PUBLISHER_NAME_EN = os.environ.get("PUBLISHER_NAME_EN", "Agency for Digital Government")
PUBLISHER_ORG_NR = os.environ.get("PUBLISHER_ORG_NR", "2021006883")
PUBLISHER_HOMEPAGE = os.environ.get("PUBLISHER_HOMEPAGE", "https://www.digg.se/")
OPEN_DATA_CONTACT_NAME = os.environ.get(
    "OPEN_DATA_CONTACT_NAME", "Uppföljning av myndigheternas e-handel"
)
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", "info@digg.se")
# The public API's limit per client address: "<count>/<s|m|h|d>" (docs/api.md).
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/m")
OPEN_DATA_API_IN_CATALOGUE = os.environ.get("OPEN_DATA_API_IN_CATALOGUE", "1") == "1"

# The yearly report and the report cards (docs/report.md): rebuilt after a publication,
# in a background thread; 0 builds only on request, or inside the publishing request.
REPORTS_BUILD_ON_PUBLISH = os.environ.get("REPORTS_BUILD_ON_PUBLISH", "1") == "1"
REPORTS_BUILD_IN_BACKGROUND = os.environ.get("REPORTS_BUILD_IN_BACKGROUND", "1") == "1"

# "Om webbplatsen" and the footer (förvaltningslagen 7 §): how to reach the operator.
ABOUT_POSTAL_ADDRESS = os.environ.get(
    "ABOUT_POSTAL_ADDRESS", "Myndigheten för digital förvaltning, Box 14, 851 02 Sundsvall"
)
ABOUT_PHONE = os.environ.get("ABOUT_PHONE", "0771-11 44 00")
ABOUT_EMAIL = os.environ.get("ABOUT_EMAIL", "registrator@digg.se")
# The feedback form (docs/about.md): messages per client address per window (seconds),
# days a reply address is kept after handling, and who is told of a new message.
ABOUT_FEEDBACK_RATE_LIMIT = int(os.environ.get("ABOUT_FEEDBACK_RATE_LIMIT", "5"))
ABOUT_FEEDBACK_RATE_WINDOW = int(os.environ.get("ABOUT_FEEDBACK_RATE_WINDOW", "600"))
ABOUT_FEEDBACK_EMAIL_KEEP_DAYS = int(os.environ.get("ABOUT_FEEDBACK_EMAIL_KEEP_DAYS", "30"))
ABOUT_FEEDBACK_NOTIFY_EMAIL = os.environ.get("ABOUT_FEEDBACK_NOTIFY_EMAIL", "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A working day: the login cookie is short-lived (public-web.md, cookies).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
# Logged-in pages warn this many seconds before the login ends and offer to extend it.
SESSION_WARNING_SECONDS = int(os.environ.get("SESSION_WARNING_SECONDS", "300"))
CSRF_USE_SESSIONS = True
CSRF_FAILURE_VIEW = "public.views.csrf_failure"

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
